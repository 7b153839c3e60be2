"""The ecosystem check: lintkit on folders of real content nobody here wrote.

    python tools/ecosystem.py                      ../shared/corpus/real, table + diff against the snapshot
    python tools/ecosystem.py FOLDER ...           other folders (no snapshot diff unless --snapshot)
    python tools/ecosystem.py --accept             write the snapshot of this run (after reviewing the diff)
    python tools/ecosystem.py --sample 20          write a fixed-seed sample of findings per rule to judge
    python tools/ecosystem.py --judged             judged precision per rule from eval/ecosystem/verdicts.jsonl
    python tools/ecosystem.py --sample 20 --top-up drop verdicts on findings that are gone, sample only
                                                   what each rule needs to have 20 judged again

Like ruff's ecosystem check, every rule change shows what it adds and removes
on real articles. The table gives, per rule: findings, findings per 100
files, and the share of files hit; and the median findings per file.

The snapshot (``eval/ecosystem/snapshot.tsv.gz``, gzip: it is large) holds
one line per finding of the last accepted run on ``../shared/corpus/real``: code, path, line, column,
message. The run uses ``eval/ecosystem/lintkit.yaml`` (it declares the
corpus's extra front-matter fields, as a real project would).

Judged samples: ``--sample N`` picks, with a fixed seed, N findings per rule
(all of them if fewer) and writes each with the text around it to
``eval/ecosystem/sample.jsonl``. A reviewer who did not write the rule (a
helper shown only that file) gives each a verdict — TRUE, FALSE or
DEBATABLE — and a one-line reason; the verdicts are kept in
``eval/ecosystem/verdicts.jsonl`` (path, line, code, excerpt, verdict, reason).
``tests/test_ecosystem.py`` fails when a rule's judged precision falls below
0.9 or a judged finding no longer exists. After a rule change, ``--top-up``
keeps the verdicts whose finding is still reported on the same line, drops
the others, and samples only unjudged findings, as many per rule as it needs
to reach N judged again (the reviewer then judges just those).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import statistics
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "eval" / "ecosystem"
REAL = ROOT.parent / "shared" / "corpus" / "real"
SNAPSHOT = HERE / "snapshot.tsv.gz"
CONFIG = HERE / "lintkit.yaml"
SAMPLE = HERE / "sample.jsonl"
VERDICTS = HERE / "verdicts.jsonl"
SEED = 20261202
TODAY = "2026-12-01"  # fixed, so review-date findings do not drift with the calendar
CONTEXT_LINES = 3


def run_lintkit(folders: list[Path], config: Path = CONFIG) -> tuple[list[dict[str, Any]], int]:
    """Findings (JSON dicts, paths relative to the folders' common parent) and files checked."""
    folders = [f.resolve() for f in folders]  # ../shared may be a link
    base = Path(*_common(folders))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "findings.json"
        cmd = [sys.executable, "-m", "lintkit", "check", *[str(f.relative_to(base)) for f in folders]]
        cmd += ["--format", "json", "-o", str(out), "--no-cache", "--today", TODAY, "--config", str(config)]
        r = subprocess.run(cmd, cwd=base, capture_output=True, text=True, check=False)
        if r.returncode not in (0, 1):
            raise SystemExit(f"lintkit failed (exit {r.returncode}):\n{r.stderr}")
        data = json.loads(out.read_text(encoding="utf-8"))
    return data["findings"], data["files_checked"]


def _common(folders: list[Path]) -> tuple[str, ...]:
    parts = [f.resolve().parts for f in folders]
    common: list[str] = []
    for group in zip(*parts, strict=False):
        if len(set(group)) != 1:
            break
        common.append(group[0])
    if len(folders) == 1:
        common = list(folders[0].resolve().parent.parts)
    return tuple(common)


def table(findings: list[dict[str, Any]], files: int) -> str:
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        by_code[f["code"]].append(f)
    per_file = Counter(f["path"] for f in findings)
    counts = [per_file.get(p, 0) for p in _all_paths(findings, files)]
    lines = [f"{files} files, {len(findings)} findings, median {statistics.median(counts) if counts else 0:g} per file"]
    lines.append(f"{'rule':<8} {'findings':>8} {'per 100 files':>14} {'files hit':>10}")
    for code in sorted(by_code):
        fs = by_code[code]
        hit = len({f["path"] for f in fs})
        lines.append(f"{code:<8} {len(fs):>8} {100 * len(fs) / files:>14.1f} {100 * hit / files:>9.1f}%")
    return "\n".join(lines)


def _all_paths(findings: list[dict[str, Any]], files: int) -> list[str]:
    paths = sorted({f["path"] for f in findings})
    return paths + [""] * max(0, files - len(paths))


def snapshot_lines(findings: list[dict[str, Any]]) -> list[str]:
    return sorted(
        "\t".join([f["code"], f["path"], str(f["line"]), str(f["column"]), f["message"].replace("\t", " ")])
        for f in findings
    )


def read_snapshot(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return fh.read().splitlines()


def diff(old: list[str], new: list[str], limit: int = 15) -> str:
    o, n = Counter(old), Counter(new)
    added, removed = sorted((n - o).elements()), sorted((o - n).elements())
    per_code: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for line in added:
        per_code[line.split("\t", 1)[0]][0] += 1
    for line in removed:
        per_code[line.split("\t", 1)[0]][1] += 1
    if not per_code:
        return "no change against the snapshot"
    out = [f"against the snapshot: +{len(added)} -{len(removed)}"]
    for code in sorted(per_code):
        a, r = per_code[code]
        out.append(f"  {code:<8} +{a:<6} -{r}")
        for line in [x for x in added if x.startswith(code + "\t")][:limit]:
            out.append("    + " + line.replace("\t", "  "))
        for line in [x for x in removed if x.startswith(code + "\t")][:limit]:
            out.append("    - " + line.replace("\t", "  "))
    return "\n".join(out)


def _context(base: Path, f: dict[str, Any]) -> str:
    try:
        lines = (base / f["path"]).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    lo, hi = max(0, f["line"] - 1 - CONTEXT_LINES), min(len(lines), f["end_line"] + CONTEXT_LINES)
    return "\n".join(
        f"{i + 1:>5}{'>' if f['line'] <= i + 1 <= f['end_line'] else ' '} {lines[i]}" for i in range(lo, hi)
    )


def excerpt(base: Path, f: dict[str, Any]) -> str:
    """The flagged line, as judged (to notice a judged finding that moved or changed)."""
    try:
        lines = (base / f["path"]).read_text(encoding="utf-8", errors="replace").splitlines()
        return lines[f["line"] - 1][:200]
    except (OSError, IndexError):
        return ""


def sample(findings: list[dict[str, Any]], base: Path, n: int, seed: int = SEED) -> list[dict[str, Any]]:
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        by_code[f["code"]].append(f)
    out = []
    for code in sorted(by_code):
        fs = sorted(by_code[code], key=lambda f: (f["path"], f["line"], f["column"], f["message"]))
        rng = random.Random(f"{seed}:{code}")
        picked = fs if len(fs) <= n else rng.sample(fs, n)
        for f in sorted(picked, key=lambda f: (f["path"], f["line"])):
            out.append(
                {
                    "id": hashlib.sha1(f"{code}:{f['path']}:{f['line']}:{f['column']}".encode()).hexdigest()[:10],
                    "code": code,
                    "name": f["name"],
                    "path": f["path"],
                    "line": f["line"],
                    "message": f["message"],
                    "related": [
                        f"{r['path']}:{r['line']}: {r['message']} | that line: {excerpt(base, r)}"
                        for r in f.get("related", [])[:3]
                    ],
                    "excerpt": excerpt(base, f),
                    "context": _context(base, f),
                }
            )
    return out


def top_up(
    findings: list[dict[str, Any]], base: Path, n: int, verdicts: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(verdicts still valid, verdicts dropped, new sample): a verdict stays
    while its finding is reported on the same, unchanged line; the sample
    holds unjudged findings, enough to bring each rule back to n judged."""
    now = {(f["path"], f["line"], f["code"]) for f in findings}
    kept, dropped = [], []
    for v in verdicts:
        same = (v["path"], v["line"], v["code"]) in now and excerpt(base, v) == v["excerpt"]
        (kept if same else dropped).append(v)
    judged = {(v["path"], v["line"], v["code"]) for v in kept}
    have = Counter(v["code"] for v in kept)
    fresh = [f for f in findings if (f["path"], f["line"], f["code"]) not in judged]
    # one finding a line: a rule reporting two columns of one line is judged once there
    seen: set[tuple[str, int, str]] = set()
    unique = []
    for f in sorted(fresh, key=lambda f: (f["path"], f["line"], f["column"])):
        key = (f["path"], f["line"], f["code"])
        if key not in seen:
            seen.add(key)
            unique.append(f)
    picked: list[dict[str, Any]] = []
    for code in sorted({f["code"] for f in unique}):
        need = n - have[code]
        if need > 0:
            picked += sample([f for f in unique if f["code"] == code], base, need)
    return kept, dropped, picked


def load_verdicts(path: Path = VERDICTS) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def judged_precision(verdicts: list[dict[str, Any]]) -> dict[str, tuple[int, int, int, float]]:
    """code -> (TRUE, FALSE, DEBATABLE, precision). Debatable findings count
    neither way: precision = TRUE / (TRUE + FALSE)."""
    c: dict[str, Counter[str]] = defaultdict(Counter)
    for v in verdicts:
        c[v["code"]][v["verdict"]] += 1
    out = {}
    for code, k in sorted(c.items()):
        t, f, d = k["TRUE"], k["FALSE"], k["DEBATABLE"]
        out[code] = (t, f, d, t / (t + f) if t + f else 1.0)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path, help=f"default: {REAL}")
    ap.add_argument("--config", type=Path, default=CONFIG)
    ap.add_argument("--snapshot", type=Path, default=None, help=f"compare with this snapshot (default {SNAPSHOT})")
    ap.add_argument("--accept", action="store_true", help="write this run as the new snapshot")
    ap.add_argument("--sample", type=int, metavar="N", help=f"write N findings per rule to {SAMPLE}")
    ap.add_argument("--judged", action="store_true", help="print judged precision per rule")
    ap.add_argument(
        "--top-up", action="store_true", help="with --sample: keep valid verdicts, sample only what is missing"
    )
    args = ap.parse_args(argv)
    if args.judged:
        for code, (t, f, d, p) in judged_precision(load_verdicts()).items():
            print(f"{code:<8} TRUE {t:>3}  FALSE {f:>3}  DEBATABLE {d:>3}  precision {p:.2f}")
        return 0
    folders = args.folders or [REAL]
    default = not args.folders
    findings, files = run_lintkit(folders, args.config)
    print(table(findings, files))
    snap = args.snapshot or (SNAPSHOT if default else None)
    lines = snapshot_lines(findings)
    if snap is not None and snap.is_file():
        print(diff(read_snapshot(snap), lines))
    if args.accept:
        target = args.snapshot or SNAPSHOT
        # mtime 0: the same findings give the same bytes (no churn in git)
        with gzip.GzipFile(target, "wb", compresslevel=9, mtime=0) as fh:
            fh.write(("\n".join(lines) + "\n").encode("utf-8"))
        print(f"wrote {target} ({len(lines)} findings)")
    if args.sample:
        base = Path(*_common(folders))
        if args.top_up:
            kept, dropped, picked = top_up(findings, base, args.sample, load_verdicts())
            VERDICTS.write_text("".join(json.dumps(v, ensure_ascii=False) + "\n" for v in kept), encoding="utf-8")
            for v in dropped:
                print(f"dropped: {v['code']} {v['path']}:{v['line']} ({v['verdict']}): no longer reported there")
        else:
            picked = sample(findings, base, args.sample)
        SAMPLE.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in picked), encoding="utf-8")
        print(f"wrote {SAMPLE} ({len(picked)} findings of {len({x['code'] for x in picked})} rules)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
