#!/usr/bin/env python3
"""Check gold.yaml: every excerpt is exactly on its stated line (full line or its first 160 chars),
alt lines exist, CON003 sides are in one file and CON001 sides in two, and no near-miss pair
would be 'flagged' by a finding that links a gold pair (line tolerance overlap).
Also writes perfect.json (one CON finding per gold entry, related -> other side)."""
import json, sys
from pathlib import Path
import yaml

HERE = Path(__file__).resolve().parent
gold = yaml.safe_load((HERE / "gold.yaml").read_text(encoding="utf-8"))
corpus = HERE / gold.get("corpus", "corpus")
tol = gold.get("line_tolerance", 2)
errors = []
cache = {}

def lines(p):
    if p not in cache:
        f = corpus / p
        if not f.is_file():
            errors.append(f"missing file {p}")
            cache[p] = []
        else:
            cache[p] = f.read_text(encoding="utf-8").split("\n")
    return cache[p]

def check(where, p, n, ex):
    L = lines(p)
    if not (1 <= n <= len(L)):
        errors.append(f"{where}: {p}:{n} out of range"); return
    text = L[n - 1]
    if ex is None:
        if not text.strip():
            errors.append(f"{where}: {p}:{n} is blank")
        return
    if not (ex == text or (len(ex) == 160 and text.startswith(ex))):
        errors.append(f"{where}: {p}:{n} excerpt mismatch\n   line:    {text[:160]!r}\n   excerpt: {ex!r}")

ids = set()
for e in gold["entries"]:
    if e["id"] in ids: errors.append(f"duplicate id {e['id']}")
    ids.add(e["id"])
    check(e["id"], e["path"], e["line"], e["excerpt"])
    if e["family"] == "CON":
        check(e["id"] + " other", e["other_path"], e["other_line"], e["other_excerpt"])
        for n in e.get("other_alt_lines", []):
            check(e["id"] + " other_alt", e["other_path"], n, None)
        for a in e.get("other_alt_sides", []):
            check(e["id"] + " other_alt_side", a["path"], a["line"], a.get("excerpt"))
        same = e["path"] == e["other_path"]
        if e["rule"] == "CON003" and not same: errors.append(f"{e['id']}: CON003 across files")
        if e["rule"] == "CON001" and same: errors.append(f"{e['id']}: CON001 inside one file")
        if same and abs(e["line"] - e["other_line"]) <= 2 * tol:
            errors.append(f"{e['id']}: the two sides are too close ({e['line']} vs {e['other_line']})")
for m in gold["must_not_flag"]:
    if m["id"] in ids: errors.append(f"duplicate id {m['id']}")
    ids.add(m["id"])
    check(m["id"], m["path"], m["line"], m["excerpt"])
    check(m["id"] + " other", m["other_path"], m["other_line"], m["other_excerpt"])
for c in gold["clean_files"]:
    lines(c["path"] if isinstance(c, dict) else c)

# sides of each gold pair (all alternatives)
def gold_pairs(e):
    a = [(e["path"], e["line"])]
    b = [(e["other_path"], n) for n in [e["other_line"]] + e.get("other_alt_lines", [])]
    b += [(x["path"], x["line"]) for x in e.get("other_alt_sides", [])]
    return [(x, y) for x in a for y in b]

def near(x, y):
    return x[0] == y[0] and abs(x[1] - y[1]) <= tol

for m in gold["must_not_flag"]:
    s1, s2 = (m["path"], m["line"]), (m["other_path"], m["other_line"])
    for e in gold["entries"]:
        for x, y in gold_pairs(e):
            if (near(x, s1) and near(y, s2)) or (near(x, s2) and near(y, s1)):
                errors.append(f"{m['id']} would be flagged by a correct finding for {e['id']}")
# near-miss pairs that overlap one another (a finding on one would count against the other)
mn = gold["must_not_flag"]
for i, m in enumerate(mn):
    for k in mn[i + 1:]:
        a1, a2 = (m["path"], m["line"]), (m["other_path"], m["other_line"])
        b1, b2 = (k["path"], k["line"]), (k["other_path"], k["other_line"])
        if (near(a1, b1) and near(a2, b2)) or (near(a1, b2) and near(a2, b1)):
            print(f"note: {m['id']} and {k['id']} overlap within tolerance")

clean = {c["path"] if isinstance(c, dict) else c for c in gold["clean_files"]}
for e in gold["entries"]:
    for p in [e["path"], e["other_path"]] + [x["path"] for x in e.get("other_alt_sides", [])]:
        if p in clean: errors.append(f"{e['id']} touches clean file {p}")

findings = [{"code": e["rule"] if e["family"] == "CON" else e["family"] + "001",
             "path": e["path"], "line": e["line"],
             "related": [{"path": e["other_path"], "line": e["other_line"]}]}
            for e in gold["entries"]]
(HERE / "perfect.json").write_text(json.dumps({"findings": findings}, indent=1) + "\n", encoding="utf-8")

if errors:
    print("\n".join(errors)); print(f"FAILED: {len(errors)} problem(s)"); sys.exit(1)
print(f"OK: {len(gold['entries'])} entries, {len(gold['must_not_flag'])} must_not_flag pairs, "
      f"{len(gold['clean_files'])} clean files; all excerpts on their stated lines; perfect.json written")

# gold entries whose pairs overlap within tolerance (one finding would match both)
E = gold["entries"]
for i, e in enumerate(E):
    for k in E[i + 1:]:
        for x1, y1 in gold_pairs(e):
            for x2, y2 in gold_pairs(k):
                if (near(x1, x2) and near(y1, y2)) or (near(x1, y2) and near(y1, x2)):
                    print(f"note: gold {e['id']} and {k['id']} overlap within tolerance")
