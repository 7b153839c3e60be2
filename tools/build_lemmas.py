"""Build ``rules/lemmas.txt``, the verb lemma table of the contradiction family.

    pip install lemminflect==0.2.3 && python tools/build_lemmas.py

Source: lemminflect 0.2.3 (MIT licence, https://github.com/bjascob/LemmInflect),
whose English lookup data derives from the NLM SPECIALIST Lexicon (public
domain, U.S. National Library of Medicine). Only the verb forms that
``lintkit.claims.verb_lemma_rule`` gets wrong are kept ("ran run", "caught
catch", "lying lie"); every other form is lemmatised by that rule at run time,
so the shipped file stays small. The run-time code never imports lemminflect.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "rules" / "lemmas.txt"
HEADER = (
    "# Verb forms whose lemma the suffix rule in lintkit.claims gets wrong: form lemma.\n"
    "# Built by tools/build_lemmas.py from lemminflect 0.2.3 (MIT), whose data derives from the\n"
    "# NLM SPECIALIST Lexicon (public domain). Do not edit by hand: rebuild.\n"
)


def main() -> int:
    import lemminflect  # build-time only

    from lintkit.claims import verb_lemma_rule

    data = Path(lemminflect.__file__).parent / "resources" / "lemma_lu.csv.gz"
    pairs: dict[str, str] = {}
    with gzip.open(data, "rt", encoding="utf-8") as f:
        for line in f:
            word, category, forms = line.strip().split(",")
            if category != "verb" or not word.isalpha() or not word.islower():
                continue
            lemma = forms.split("/")[0]
            if lemma != word and verb_lemma_rule(word) != lemma:
                pairs.setdefault(word, lemma)
    OUT.write_text(HEADER + "".join(f"{w} {lem}\n" for w, lem in sorted(pairs.items())), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(pairs)} forms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
