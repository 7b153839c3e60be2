#!/usr/bin/env python3
"""Checks gold.yaml against the corpus: every excerpt must be exactly (the
first 160 chars of) its stated line; ranges must contain their line; ids are
unique; near-miss singles must not sit within reach of a planted entry of the
same family; clean files carry nothing. Then writes perfect.json (one finding
per entry, CON findings with `related`) and runs the scorer on it.

Usage: python3 check_gold.py   (from anywhere)
"""
import json, subprocess, sys
from collections import Counter, defaultdict
from pathlib import Path
import yaml

HERE = Path(__file__).resolve().parent
gold = yaml.safe_load((HERE / "gold.yaml").read_text(encoding="utf-8"))
CORPUS = HERE / gold["corpus"]
TOL = gold["line_tolerance"]
FAMS = {"SCH", "ENC", "TRM", "RF", "RDB", "CON"}
errors = []

def lines_of(path):
    f = CORPUS / path
    if not f.is_file():
        errors.append(f"missing file {path}")
        return []
    b = f.read_bytes()
    try:
        t = b.decode("utf-8")
    except UnicodeDecodeError:
        t = b.decode("latin-1")
    return t.split("\n")

def check_excerpt(where, path, line, excerpt):
    ls = lines_of(path)
    if not (1 <= line <= len(ls)):
        errors.append(f"{where}: line {line} out of range for {path}")
        return
    actual = ls[line - 1][:160]
    if actual != excerpt:
        errors.append(f"{where}: excerpt mismatch at {path}:{line}\n   gold:   {excerpt!r}\n   actual: {actual!r}")

ids = Counter()
for e in gold["entries"]:
    ids[e["id"]] += 1
    if e["family"] not in FAMS:
        errors.append(f"{e['id']}: bad family")
    if not e["id"].startswith(e["family"]):
        errors.append(f"{e['id']}: id/family mismatch")
    check_excerpt(e["id"], e["path"], e["line"], e["excerpt"])
    if "line_range" in e:
        a, b = e["line_range"]
        if not (a <= e["line"] <= b):
            errors.append(f"{e['id']}: line outside line_range")
    if e["family"] == "CON":
        check_excerpt(e["id"] + "/other", e["other_path"], e["other_line"], e["other_excerpt"])
        for k in ("rule", "type", "why"):
            if k not in e:
                errors.append(f"{e['id']}: CON entry lacks {k}")
    elif not e.get("what"):
        errors.append(f"{e['id']}: no 'what'")
    if e["family"] == "SCH":
        ls = lines_of(e["path"])
        end = next(i for i, l in enumerate(ls[1:], 2) if l.strip() == "---")
        if e.get("line_range") != [1, end]:
            errors.append(f"{e['id']}: SCH line_range should be [1, {end}]")
for p in gold["must_not_flag"]:
    ids[p["id"]] += 1
    check_excerpt(p["id"], p["path"], p["line"], p["excerpt"])
    check_excerpt(p["id"] + "/other", p["other_path"], p["other_line"], p["other_excerpt"])
for s in gold["must_not_flag_single"]:
    ids[s["id"]] += 1
    check_excerpt(s["id"], s["path"], s["line"], s["excerpt"])
for i, n in ids.items():
    if n > 1:
        errors.append(f"duplicate id {i}")

# near-miss singles must not be reachable by a finding that is a true positive
def reach(e):
    if e.get("whole_file") or (e["family"] == "RF" and e["line"] == 1):
        return (1, 10**9)
    if "line_range" in e:
        return (e["line_range"][0] - TOL, e["line_range"][1] + TOL)
    return (e["line"] - TOL, e["line"] + TOL)
for s in gold["must_not_flag_single"]:
    for e in gold["entries"]:
        if e["path"] != s["path"] or e["family"] == "CON":
            continue
        fams = {e["family"], *e.get("also_families", [])}
        if s["family"] not in fams:
            continue
        lo, hi = reach(e)
        if lo - TOL <= s["line"] <= hi + TOL:
            errors.append(f"{s['id']} ({s['path']}:{s['line']}) is within reach of {e['id']}")

clean = {c["path"] for c in gold["clean_files"]}
for e in gold["entries"]:
    for p in (e["path"], e.get("other_path")):
        if p in clean:
            errors.append(f"{e['id']} touches clean file {p}")
per_file = Counter(e["path"] for e in gold["entries"])
for p, n in per_file.items():
    if n > 3:
        errors.append(f"{p} carries {n} entries (max 3)")
all_md = sorted(x.relative_to(CORPUS).as_posix() for x in CORPUS.rglob("*.md"))
untouched = [p for p in all_md if p not in per_file and p not in clean
             and p not in {e.get("other_path") for e in gold["entries"]}]
if untouched:
    print("note: files neither planted nor clean:", untouched)

if errors:
    print("ERRORS:")
    for x in errors:
        print(" -", x)
    sys.exit(1)

fam = Counter(e["family"] for e in gold["entries"])
print(f"gold OK: {len(gold['entries'])} entries {dict(fam)}; files {len(all_md)}; "
      f"with entries {len(per_file)}; clean {len(clean)}; "
      f"must_not_flag {len(gold['must_not_flag'])}; singles {len(gold['must_not_flag_single'])}")

findings = []
for e in gold["entries"]:
    code = {"CON": "CON001"}.get(e["family"], e["family"] + "001")
    f = {"code": e.get("rule", code), "path": e["path"], "line": e["line"]}
    if e["family"] == "CON":
        f["related"] = [{"path": e["other_path"], "line": e["other_line"]}]
    findings.append(f)
(HERE / "perfect.json").write_text(json.dumps({"findings": findings}, indent=1, ensure_ascii=False) + "\n")
r = subprocess.run([sys.executable, "/work/blind/score.py", "--gold", str(HERE / "gold.yaml"),
                    "--corpus", str(CORPUS), "--findings", str(HERE / "perfect.json"), "-v"],
                   capture_output=True, text=True)
print(r.stdout, r.stderr)
last = [l for l in r.stdout.splitlines() if l.startswith("overall:")]
ok = last and "precision=1.000 recall=1.000 must_not_flag_violations=0 clean_file_findings=0" in last[0]
sys.exit(0 if ok else 1)
