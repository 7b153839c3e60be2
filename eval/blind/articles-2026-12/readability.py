#!/usr/bin/env python3
"""Throwaway readability check (run with .venv/bin/python, textstat==0.7.3).

Body text only: front matter removed, markdown markup stripped, and every
heading / list item / paragraph line ends with a full stop if it has none,
so that textstat counts it as its own sentence.
"""
import re, sys, json
from pathlib import Path
import textstat

ROOT = Path(__file__).resolve().parent / "corpus"

def read(p):
    b = p.read_bytes()
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("latin-1")

def body_lines(text):
    lines = text.split("\n")
    out = []
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                start = i + 1
                break
    for n, l in enumerate(lines[start:], start=start + 1):
        s = l.strip()
        if not s:
            continue
        s = re.sub(r"^#+\s*", "", s)
        s = re.sub(r"^[-*]\s+", "", s)
        s = re.sub(r"\*\*|\*|`", "", s)
        if s and s[-1] not in ".!?:":
            s += "."
        if s.endswith(":"):
            s = s[:-1] + "."
        out.append((n, s))
    return out

def sentences(s):
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])", s)
    return [p for p in parts if p.strip()]

def analyse(p):
    text = read(p)
    bl = body_lines(text)
    body = " ".join(s for _, s in bl)
    long_s, long_p = [], []
    for n, s in bl:
        for sent in sentences(s):
            w = len(sent.split())
            if w > 22:
                long_s.append((n, w, sent[:70]))
        wc = len(s.split())
        if wc > 80 or len(sentences(s)) > 4:
            long_p.append((n, wc, len(sentences(s))))
    return {
        "fk": round(textstat.flesch_kincaid_grade(body), 1),
        "smog": round(textstat.smog_index(body), 1),
        "words": len(body.split()),
        "long_sentences": long_s,
        "long_paragraphs": long_p,
    }

if __name__ == "__main__":
    res = {}
    for p in sorted(ROOT.rglob("*.md")):
        rel = p.relative_to(ROOT).as_posix()
        res[rel] = analyse(p)
    if "--json" in sys.argv:
        print(json.dumps(res, indent=1))
    else:
        for rel, r in res.items():
            print(f"{rel:45s} FK {r['fk']:5} SMOG {r['smog']:5} words {r['words']}")
            for n, w, s in r["long_sentences"]:
                print(f"    long sentence L{n} ({w}w): {s}")
            for n, wc, ns in r["long_paragraphs"]:
                print(f"    long paragraph L{n} ({wc}w, {ns} sentences)")
