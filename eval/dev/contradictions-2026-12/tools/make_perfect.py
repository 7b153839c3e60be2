#!/usr/bin/env python3
"""Write perfect.json: one CON finding per gold entry, located on the wrong side, related to the right side."""
import json
from pathlib import Path
import yaml

root = Path(__file__).resolve().parent.parent
gold = yaml.safe_load((root / "gold.yaml").read_text(encoding="utf-8"))
findings = []
for e in gold["entries"]:
    findings.append({"code": e["rule"], "path": e["path"], "line": e["line"],
                     "related": [{"path": e["other_path"], "line": e["other_line"]}]})
(root / "perfect.json").write_text(json.dumps({"findings": findings}, indent=1) + "\n", encoding="utf-8")
print(len(findings), "findings")
