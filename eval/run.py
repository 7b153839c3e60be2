"""Run lintkit on the evaluation sets and score it.

    python eval/run.py                      every set that is present
    python eval/run.py --set pairs-2026-12  one set (a folder name under eval/blind, or "shared")
    python eval/run.py -v                   also list misses and false alarms

Sets:

* ``shared``: ``../shared/eval`` (the independent editor's set), when it is
  beside the repository;
* ``eval/blind/<name>``: sets written blind for lintkit and held out (see
  eval/README.md); ``eval/dev/<name>`` (named ``dev/<name>``): sets written
  blind the same way later, open for development.
  A set with ``gold.yaml`` is a corpus of articles scored with ``eval/score.py``
  (the scorer's rules: same family, ±2 lines; CON needs ``related`` on the
  other side). A set with ``pairs.yaml`` is scored pair by pair: both
  passages become documents (front-matter title = the page topic, an
  optional section heading), lintkit checks the two alone, and the pair is
  predicted contradictory when a CON finding links them.

Findings are lintkit's own JSON, from the lintkit this Python imports; the
date is each set's reference date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "eval"


def sets() -> dict[str, Path]:
    out = {}
    if (SHARED / "gold.yaml").is_file():
        out["shared"] = SHARED
    for kind in ("blind", "dev"):
        for d in sorted((HERE / kind).iterdir()) if (HERE / kind).is_dir() else ():
            if (d / "gold.yaml").is_file() or (d / "pairs.yaml").is_file():
                out[d.name if kind == "blind" else f"dev/{d.name}"] = d
    return out


def score_articles(folder: Path, verbose: bool) -> str:
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    today = str(gold.get("reference_date", dt.date.today()))
    corpus = folder / gold.get("corpus", "corpus")
    with tempfile.TemporaryDirectory() as tmp:
        findings = Path(tmp) / "findings.json"
        empty = Path(tmp) / "lintkit.yaml"
        empty.write_text("{}\n", encoding="utf-8")
        cmd = [sys.executable, "-m", "lintkit", "check", str(corpus), "--format", "json", "-o", str(findings)]
        cmd += ["--no-cache", "--today", today, "--config", str(empty)]
        r = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if r.returncode not in (0, 1):
            raise SystemExit(f"lintkit failed on {corpus}:\n{r.stderr}")
        summary = Path(tmp) / "summary.json"
        score = [sys.executable, str(HERE / "score.py"), "--findings", str(findings), "--json-out", str(summary)]
        score += ["--gold", str(folder / "gold.yaml"), "--corpus", str(corpus)] + (["-v"] if verbose else [])
        out = subprocess.run(score, capture_output=True, text=True, check=True).stdout
        return out + _con_by_type(gold, json.loads(summary.read_text(encoding="utf-8")))


def _con_by_type(gold: dict[str, Any], summary: dict[str, Any]) -> str:
    """CON recall per contradiction type (counts only)."""
    con = [e for e in gold.get("entries", []) if e.get("family") == "CON" and e.get("type")]
    if not con:
        return ""
    missed = set(summary.get("missed_ids", []))
    total: Counter[str] = Counter(e["type"] for e in con)
    found: Counter[str] = Counter(e["type"] for e in con if e["id"] not in missed)
    lines = [f"{'CON type':<22} {'found':>7} {'recall':>7}"]
    lines += [f"{k:<22} {found[k]:>3}/{total[k]:<3} {found[k] / total[k]:>7.3f}" for k in sorted(total)]
    return "\n".join(lines) + "\n"


def _page(side: dict[str, Any]) -> str:
    title = json.dumps(side.get("title") or "Health information")
    head = f"---\ntitle: {title}\ncontent_type: condition\n---\n\n"
    heading = f"## {side['heading']}\n\n" if side.get("heading") else ""
    return head + heading + str(side["text"]).strip() + "\n"


def score_pairs(folder: Path, verbose: bool) -> str:
    from lintkit.config import load_project
    from lintkit.engine import run

    data = yaml.safe_load((folder / "pairs.yaml").read_text(encoding="utf-8"))
    pairs = data["pairs"] if isinstance(data, dict) else data
    gold: Counter[str] = Counter()
    found: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    near: Counter[str] = Counter()
    wrong: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "lintkit.yaml").write_text("{}\n", encoding="utf-8")
        project = load_project(cwd=root)
        for p in pairs:
            a, b = root / "a.md", root / "b.md"
            a.write_text(_page(p["a"]), encoding="utf-8")
            b.write_text(_page(p["b"]), encoding="utf-8")
            res = run(project, [a, b], cwd=root, select=["CON"], use_cache=False, jobs=1)
            linked = any(
                f.code.startswith("CON") and any(r.path != f.path for r in f.related) for f in res.report.findings
            )
            kind = p.get("type", "?")
            if p["label"] == "contradiction":
                gold[kind] += 1
                found[kind] += linked
                if not linked:
                    wrong.append(f"  missed {p['id']} ({kind})")
            else:
                near[kind] += 1
                alarms[kind] += linked
                if linked:
                    msg = next(f.message for f in res.report.findings if f.code.startswith("CON"))
                    wrong.append(f"  false alarm {p['id']} ({kind}): {msg[:160]}")
    tp, fp = sum(found.values()), sum(alarms.values())
    lines = [f"pairs: {len(pairs)} ({sum(gold.values())} contradictions, {sum(near.values())} compatible)"]
    lines.append(f"{'contradiction type':<22} {'found':>7} {'recall':>7}")
    for k in sorted(gold):
        lines.append(f"{k:<22} {found[k]:>3}/{gold[k]:<3} {found[k] / gold[k]:>7.3f}")
    lines.append(f"{'compatible kind':<22} {'flagged':>7}")
    for k in sorted(near):
        lines.append(f"{k:<22} {alarms[k]:>3}/{near[k]:<3}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / sum(gold.values()) if gold else 1.0
    lines.append(f"overall: precision={precision:.3f} recall={recall:.3f} false_alarms={fp}")
    if verbose:
        lines += wrong
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", action="append", help="a set name (default: all present)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    available = sets()
    names = args.set or list(available)
    for name in names:
        folder = available.get(name)
        if folder is None:
            raise SystemExit(f"no evaluation set {name!r}; have: {', '.join(available)}")
        print(f"== {name} ({folder})")
        out = (
            score_pairs(folder, args.verbose)
            if (folder / "pairs.yaml").is_file()
            else score_articles(folder, args.verbose)
        )
        print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
