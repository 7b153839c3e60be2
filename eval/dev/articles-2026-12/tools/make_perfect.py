#!/usr/bin/env python3
"""Write perfect.json: one finding per gold entry (CON with `related` to the other side)."""
import json
from pathlib import Path
import yaml
HERE = Path(__file__).resolve().parent.parent
gold = yaml.safe_load((HERE / "gold.yaml").read_text(encoding="utf-8"))
out = []
for e in gold["entries"]:
    code = {"CON": e.get("rule", "CON001")}.get(e["family"], e["family"] + "001")
    f = {"code": code, "path": e["path"], "line": e["line"], "id": e["id"]}
    if e["family"] == "CON":
        f["related"] = [{"path": e["other_path"], "line": e["other_line"]}]
    out.append(f)
(HERE / "perfect.json").write_text(json.dumps({"findings": out}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print(len(out), "findings")
