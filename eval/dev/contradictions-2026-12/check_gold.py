#!/usr/bin/env python3
"""Sanity checks for this evaluation set.

* every excerpt / other_excerpt (and alt-side excerpt) is exactly the text of its stated line
  (the whole line, or its first 160 characters for long lines);
* alt lines exist; CON001 spans two files, CON003 one file;
* no must_not_flag pair can be matched by a finding that correctly reports a gold pair (+-tolerance);
* no must_not_flag side sits on a gold "wrong" line; clean files hold no gold or near-miss side;
* front matter uses only the default schema fields with valid values; body is 250-450 words;
* prints counts per type, per rule and per near-miss kind.
Usage: python3 check_gold.py [gold.yaml]
"""
import re
import sys
import datetime as dt
from collections import Counter
from pathlib import Path

import yaml

here = Path(__file__).resolve().parent
gold_path = Path(sys.argv[1]) if len(sys.argv) > 1 else here / "gold.yaml"
gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
corpus = gold_path.parent / gold.get("corpus", "corpus")
tol = gold.get("line_tolerance", 2)
errors, warnings = [], []
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


def check_excerpt(tag, p, n, ex):
    ls = lines(p)
    if not (1 <= n <= len(ls)):
        errors.append(f"{tag}: line {n} out of range for {p}")
        return
    text = ls[n - 1]
    ok = ex == text or (len(text) > 160 and ex == text[:160])
    if not ok:
        errors.append(f"{tag}: excerpt not on {p}:{n}\n   line:    {text!r}\n   excerpt: {ex!r}")


# ---- excerpts ----
for e in gold["entries"]:
    check_excerpt(e["id"], e["path"], e["line"], e["excerpt"])
    if e["family"] == "CON":
        check_excerpt(e["id"] + " other", e["other_path"], e["other_line"], e["other_excerpt"])
        for al in e.get("other_alt_lines", []):
            if not (1 <= al <= len(lines(e["other_path"]))) or not lines(e["other_path"])[al - 1].strip():
                errors.append(f"{e['id']}: bad other_alt_line {al}")
        for s in e.get("other_alt_sides", []):
            check_excerpt(e["id"] + " alt side", s["path"], s["line"], s["excerpt"])
        same = e["path"] == e["other_path"]
        if e["rule"] == "CON003" and not same:
            errors.append(f"{e['id']}: CON003 across files")
        if e["rule"] == "CON001" and same:
            errors.append(f"{e['id']}: CON001 within one file")
for p in gold["must_not_flag"]:
    check_excerpt(p["id"], p["path"], p["line"], p["excerpt"])
    check_excerpt(p["id"] + " other", p["other_path"], p["other_line"], p["other_excerpt"])


# ---- overlaps between gold pairs and near-miss pairs ----
def gold_sides(e):
    a = [(e["path"], e["line"])]
    bs = [(e["other_path"], l) for l in [e["other_line"]] + e.get("other_alt_lines", [])]
    bs += [(s["path"], s["line"]) for s in e.get("other_alt_sides", [])]
    return a, bs


def close(x, y, t):
    return x[0] == y[0] and abs(x[1] - y[1]) <= t


cons = [e for e in gold["entries"] if e["family"] == "CON"]
for p in gold["must_not_flag"]:
    na, nb = (p["path"], p["line"]), (p["other_path"], p["other_line"])
    for e in cons:
        A, B = gold_sides(e)
        for a in A:
            for b in B:
                for t, bucket in ((2 * tol, errors), (2 * tol + 2, warnings)):
                    if (close(a, na, t) and close(b, nb, t)) or (close(a, nb, t) and close(b, na, t)):
                        bucket.append(f"{p['id']} overlaps {e['id']} within {t} lines")
                        break
    for e in cons:
        for side in (na, nb):
            if close(side, (e["path"], e["line"]), 0):
                errors.append(f"{p['id']} side {side} is the wrong side of {e['id']}")

clean = {c["path"] if isinstance(c, dict) else c for c in gold["clean_files"]}
for e in cons:
    for pth in [e["path"], e["other_path"]] + [s["path"] for s in e.get("other_alt_sides", [])]:
        if pth in clean:
            errors.append(f"{e['id']} touches clean file {pth}")
for p in gold["must_not_flag"]:
    for pth in (p["path"], p["other_path"]):
        if pth in clean:
            errors.append(f"{p['id']} touches clean file {pth}")

# ---- front matter and length ----
ALLOWED = {"title", "content_type", "audience", "topics", "locale", "last_reviewed", "reviewed_by", "sources"}
CT = {"condition", "symptom", "treatment", "test", "procedure", "medicine", "wellness", "overview"}
ref = dt.date(2026, 12, 1)
files = sorted(corpus.rglob("*.md"))
locales = Counter()
for f in files:
    rel = f.relative_to(corpus).as_posix()
    text = f.read_text(encoding="utf-8")
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        errors.append(f"{rel}: no front matter")
        continue
    fm = yaml.safe_load(m.group(1))
    extra = set(fm) - ALLOWED
    if extra:
        errors.append(f"{rel}: unknown fields {extra}")
    if not fm.get("title"):
        errors.append(f"{rel}: no title")
    if fm.get("content_type") not in CT:
        errors.append(f"{rel}: bad content_type")
    if fm.get("audience", "patient") not in ("patient", "professional"):
        errors.append(f"{rel}: bad audience")
    locales[fm.get("locale")] += 1
    lr = fm.get("last_reviewed")
    if not isinstance(lr, dt.date) or lr > ref or lr < ref.replace(year=ref.year - 3):
        errors.append(f"{rel}: last_reviewed {lr!r} out of range")
    for s in fm.get("sources", []):
        if not (isinstance(s, dict) and s.get("title") and re.match(r"https?://", str(s.get("url", "")))):
            errors.append(f"{rel}: bad source {s!r}")
    words = len(text[m.end():].split())
    if not 250 <= words <= 450:
        errors.append(f"{rel}: {words} words")
    if "\r" in text or "\t" in text:
        warnings.append(f"{rel}: CR or tab characters")

# ---- summary ----
print(f"files: {len(files)}  locales: {dict(locales)}")
print("CON by type:", dict(Counter(e["type"] for e in cons)))
print("CON by rule:", dict(Counter(e["rule"] for e in cons)))
print("near-miss kinds:", dict(Counter(p["kind"] for p in gold["must_not_flag"])))
print(f"entries: {len(gold['entries'])}  must_not_flag: {len(gold['must_not_flag'])}  clean files: {len(clean)}")
for w in warnings:
    print("WARNING:", w)
for e in errors:
    print("ERROR:", e)
print("OK" if not errors else f"{len(errors)} error(s)")
sys.exit(1 if errors else 0)
