"""Precision and recall of the contradiction detector on the labelled pairs.

    python tests/contradictions/evaluate.py [--file pairs.yaml|holdout.yaml] [--split dev|test|all] [--verbose]

Each pair's passages are parsed as two documents, claims are extracted with
``lintkit.claims.extract`` and compared with the same ``conflict`` function
the CON rules use. A pair is predicted contradictory when any claim of one
side conflicts with a claim of the other; the predicted type is that
conflict's kind. Per type: precision = labelled conflicts among pairs
predicted with that type; recall = labelled conflicts of that type found
(whatever kind the detector gave them).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TYPES = ("exclusive", "polarity", "quantity")


@dataclass
class Outcome:
    id: str
    type: str
    conflict: bool
    predicted: str | None  # the kind found, or None
    split: str
    why: str


def _markdown(side: Any) -> str:
    if isinstance(side, str):
        side = {"text": side}
    lines = ["---", f"title: {side.get('title', 'Test page')}", "---", ""]
    if side.get("heading"):
        lines += [f"## {side['heading']}", ""]
    lines.append(side["text"])
    return "\n".join(lines) + "\n"


def evaluate(split: str = "all", file: str = "pairs.yaml") -> list[Outcome]:
    import yaml

    from lintkit.checks.contradictions import conflict
    from lintkit.claims import extract, lexicon, term_index
    from lintkit.document import parse_text

    data = yaml.safe_load((HERE / file).read_text(encoding="utf-8"))
    lex = lexicon(None)
    terms = term_index(None)
    out = []
    for p in data["pairs"]:
        if split != "all" and p["split"] != split:
            continue
        ca = extract(parse_text("a.md", _markdown(p["a"])), None, lex, terms)
        cb = extract(parse_text("b.md", _markdown(p["b"])), None, lex, terms)
        kind = next((k for x in ca for y in cb if (k := conflict(x, y, lex)) is not None), None)
        out.append(Outcome(p["id"], p["type"], bool(p["conflict"]), kind, p["split"], p.get("why", "")))
    return out


def scores(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    """Per type and overall: precision, recall and the counts behind them."""
    res: dict[str, dict[str, float]] = {}
    for t in (*TYPES, "all"):
        pred = [o for o in outcomes if o.predicted is not None and (t == "all" or o.predicted == t)]
        gold = [o for o in outcomes if o.conflict and (t == "all" or o.type == t)]
        tp_p = sum(o.conflict for o in pred)
        tp_r = sum(o.predicted is not None for o in gold)
        res[t] = {
            "precision": tp_p / len(pred) if pred else 1.0,
            "recall": tp_r / len(gold) if gold else 1.0,
            "predicted": len(pred),
            "gold": len(gold),
            "near_misses": sum(1 for o in outcomes if not o.conflict and (t == "all" or o.type == t)),
        }
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["dev", "test", "all"], default="all")
    ap.add_argument("--file", default="pairs.yaml", help="pairs.yaml (tuned on) or holdout.yaml (measured once)")
    ap.add_argument("--verbose", action="store_true", help="list every wrong prediction")
    args = ap.parse_args(argv)
    outcomes = evaluate(args.split, args.file)
    print(f"{args.file} split: {args.split}  pairs: {len(outcomes)}")
    print(f"{'type':<10} {'precision':>9} {'recall':>7} {'conflicts':>9} {'near-miss':>9} {'predicted':>9}")
    for t, s in scores(outcomes).items():
        print(
            f"{t:<10} {s['precision']:>9.3f} {s['recall']:>7.3f} {int(s['gold']):>9} "
            f"{int(s['near_misses']):>9} {int(s['predicted']):>9}"
        )
    wrong = [o for o in outcomes if (o.predicted is not None) != o.conflict]
    if args.verbose and wrong:
        print("\nwrong:")
        for o in wrong:
            what = f"missed {o.type}" if o.conflict else f"false alarm ({o.predicted}; near miss: {o.why})"
            print(f"  {o.id} [{o.split}] {what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
