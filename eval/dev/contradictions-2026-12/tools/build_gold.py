#!/usr/bin/env python3
"""Build gold.yaml from tools/spec.py by locating each side's substring in the corpus."""
import sys
from pathlib import Path
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import spec  # noqa: E402

CORPUS = ROOT / "corpus"
_cache = {}


def lines_of(path):
    if path not in _cache:
        _cache[path] = (CORPUS / path).read_text(encoding="utf-8").split("\n")
    return _cache[path]


def locate(path, sub):
    hits = [i for i, l in enumerate(lines_of(path), 1) if sub in l]
    if len(hits) != 1:
        raise SystemExit(f"{path}: substring {sub!r} found on lines {hits}")
    return hits[0]


def excerpt(path, line):
    text = lines_of(path)[line - 1]
    return text if len(text) <= 160 else text[:160]


entries = []
for (cid, rule, typ, wp, ws, rp, rs, why, extra) in spec.CON:
    if rule == "CON003" and wp != rp:
        raise SystemExit(f"{cid}: CON003 must be one file")
    if rule == "CON001" and wp == rp:
        raise SystemExit(f"{cid}: CON001 must be two files")
    wl, rl = locate(wp, ws), locate(rp, rs)
    e = {"id": cid, "family": "CON", "rule": rule, "type": typ,
         "path": wp, "line": wl, "other_path": rp, "other_line": rl,
         "excerpt": excerpt(wp, wl), "other_excerpt": excerpt(rp, rl), "why": why}
    if extra.get("other_alt"):
        e["other_alt_lines"] = [locate(rp, s) for s in extra["other_alt"]]
    if extra.get("other_alt_sides"):
        e["other_alt_sides"] = [{"path": p, "line": locate(p, s), "excerpt": excerpt(p, locate(p, s))}
                                for p, s in extra["other_alt_sides"]]
    entries.append(e)

mnf = []
for (nid, kind, pa, sa, pb, sb, why) in spec.NM:
    la, lb = locate(pa, sa), locate(pb, sb)
    mnf.append({"id": nid, "kind": kind, "path": pa, "line": la, "other_path": pb, "other_line": lb,
                "excerpt": excerpt(pa, la), "other_excerpt": excerpt(pb, lb), "why": why})

gold = {
    "version": 1,
    "corpus": "corpus",
    "line_tolerance": 2,
    "reference_date": "2026-12-01",
    "entries": entries,
    "must_not_flag": mnf,
    "must_not_flag_single": [],
    "clean_files": [{"path": p, "why": w} for p, w in spec.CLEAN],
    "no_defect_files": [],
}
out = ROOT / "gold.yaml"
out.write_text(yaml.safe_dump(gold, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
print(f"wrote {out}: {len(entries)} entries, {len(mnf)} must_not_flag pairs")
