#!/usr/bin/env python3
"""Check gold.yaml against the corpus: every excerpt must be exactly the text of
its stated line (or that line's first 160 characters); line ranges must hold
their line; clean files must carry no gold location. Exit 1 on any problem."""
import sys
from pathlib import Path
import yaml

HERE = Path(__file__).resolve().parent
gold = yaml.safe_load((HERE / "gold.yaml").read_text(encoding="utf-8"))
corpus = HERE / gold.get("corpus", "corpus")
problems = []
cache = {}


def lines(path):
    if path not in cache:
        p = corpus / path
        if not p.is_file():
            problems.append(f"missing file {path}")
            cache[path] = []
        else:
            b = p.read_bytes()
            try:
                t = b.decode("utf-8")
            except UnicodeDecodeError:
                t = b.decode("latin-1")   # the planted non-UTF-8 file
            cache[path] = t.split("\n")
    return cache[path]


def check(where, path, line, excerpt):
    ls = lines(path)
    if not (1 <= line <= len(ls)):
        problems.append(f"{where}: {path}:{line} out of range ({len(ls)} lines)")
        return
    text = ls[line - 1]
    if not (excerpt == text or (len(text) > 160 and excerpt == text[:160])):
        problems.append(f"{where}: {path}:{line} excerpt mismatch\n   gold: {excerpt!r}\n   file: {text[:160]!r}")


ids = set()
n = 0
for e in gold["entries"]:
    if e["id"] in ids:
        problems.append(f"duplicate id {e['id']}")
    ids.add(e["id"])
    check(e["id"], e["path"], e["line"], e["excerpt"]); n += 1
    if "line_range" in e:
        lo, hi = e["line_range"]
        if not lo <= e["line"] <= hi:
            problems.append(f"{e['id']}: line {e['line']} outside line_range {e['line_range']}")
    if e["family"] == "CON":
        check(e["id"] + " (other)", e["other_path"], e["other_line"], e["other_excerpt"]); n += 1
        for k in ("rule", "type", "why"):
            if k not in e:
                problems.append(f"{e['id']}: missing {k}")
    elif "what" not in e:
        problems.append(f"{e['id']}: missing what")
for p in gold["must_not_flag"]:
    check(p["id"], p["path"], p["line"], p["excerpt"])
    check(p["id"] + " (other)", p["other_path"], p["other_line"], p["other_excerpt"]); n += 2
for s in gold.get("must_not_flag_single", []):
    check(s["id"], s["path"], s["line"], s["excerpt"]); n += 1

defect_paths = {e["path"] for e in gold["entries"]} | {e.get("other_path") for e in gold["entries"] if e.get("other_path")}
for c in gold["clean_files"]:
    lines(c["path"])
    if c["path"] in defect_paths:
        problems.append(f"clean file {c['path']} is also a gold location")

tol = gold.get("line_tolerance", 2)
for s in gold.get("must_not_flag_single", []):
    for e in gold["entries"]:
        if e["family"] == "CON" or e["path"] != s["path"] or (s.get("family") and s["family"] != e["family"]):
            continue
        if e.get("whole_file") or (e["family"] == "RF" and e["line"] == 1) or s.get("whole_file"):
            hit = True
        elif "line_range" in e:
            hit = e["line_range"][0] - tol <= s["line"] <= e["line_range"][1] + tol
        else:
            hit = abs(e["line"] - s["line"]) <= tol
        if hit:
            problems.append(f"{s['id']} lies within tolerance of gold entry {e['id']} (same family)")

all_files = sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*.md"))
print(f"{len(gold['entries'])} entries, {len(gold['must_not_flag'])} near-miss pairs, "
      f"{len(gold.get('must_not_flag_single', []))} near-miss singles, {len(gold['clean_files'])} clean files, "
      f"{len(all_files)} corpus files; {n} excerpts checked")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("OK: every excerpt is on its stated line")
