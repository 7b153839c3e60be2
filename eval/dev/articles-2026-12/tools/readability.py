#!/usr/bin/env python3
"""Write readability.tsv (textstat 0.7.3: flesch_kincaid_grade, smog_index) for every article.
Text preparation is described in tools/analyze.py (front matter removed, markdown stripped,
headings/list items/table cells treated as sentences)."""
from pathlib import Path
import yaml, textstat
import importlib.util
HERE = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("analyze", HERE / "tools" / "analyze.py")
an = importlib.util.module_from_spec(spec); spec.loader.exec_module(an)
gold = yaml.safe_load((HERE / "gold.yaml").read_text(encoding="utf-8"))
clean = {c["path"] for c in gold["clean_files"]}
rows = ["path\tlocale\taudience\tclean\twords\tfk_grade\tsmog\tpatient_clean_ok"]
bad = []
for p in sorted((HERE / "corpus").rglob("*.md")):
    rel = str(p.relative_to(HERE / "corpus"))
    text = an.read(p)
    aud = "professional" if "audience: professional" in text.split("\n---", 1)[0] else "patient"
    loc = "en-GB" if "locale: en-GB" in text else "en-US"
    pt = an.plain_text(text)
    fk, smog = textstat.flesch_kincaid_grade(pt), textstat.smog_index(pt)
    ok = ""
    if rel in clean and aud == "patient":
        ok = "yes" if fk <= 7 and smog <= 9 else "NO"
        if ok == "NO":
            bad.append(rel)
    rows.append(f"{rel}\t{loc}\t{aud}\t{'yes' if rel in clean else ''}\t{textstat.lexicon_count(pt)}\t{fk:.1f}\t{smog:.1f}\t{ok}")
(HERE / "readability.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
print("\n".join(r for r in rows if "\tyes\t" in r or r.startswith("path")))
print("clean patient pages over the limits:", bad or "none")
