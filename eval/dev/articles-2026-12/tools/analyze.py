#!/usr/bin/env python3
"""Readability + plain-language checks for the corpus (run with the .venv python).

Body text = everything after the front matter. Markdown markers (#, list bullets,
numbers, table pipes, bold, links) are stripped; each line that does not end in
. ! ? : gets a full stop, so headings and list items count as sentences.
"""
import re, sys
from pathlib import Path
import textstat

ROOT = Path(__file__).resolve().parent.parent / "corpus"

def read(p):
    b = p.read_bytes()
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("latin-1")

def body_lines(text):
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                start = i + 1
                break
    return [(i + 1, l) for i, l in enumerate(lines) if i >= start]

def clean_line(l):
    s = l.strip()
    if not s or re.fullmatch(r"\|?[\s:\-|]+\|?", s):
        return ""
    s = re.sub(r"^#+\s*", "", s)
    s = re.sub(r"^([-*+]|\d+\.)\s+", "", s)
    if s.startswith("|"):
        cells = [c.strip() for c in s.strip("|").split("|")]
        s = ". ".join(c for c in cells if c)
    s = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", s)
    s = s.replace("**", "").replace("__", "")
    if s and s[-1] not in ".!?:":
        s += "."
    return s

def plain_text(text):
    return "\n".join(x for x in (clean_line(l) for _, l in body_lines(text)) if x)

def sentences(s):
    return [x for x in re.split(r"(?<=[.!?])\s+", s) if x.strip()]

def report(p, verbose=True):
    text = read(p)
    pt = plain_text(text)
    fk = textstat.flesch_kincaid_grade(pt)
    smog = textstat.smog_index(pt)
    words = textstat.lexicon_count(pt)
    issues = []
    para_run = []
    list_run = 0
    for ln, l in body_lines(text):
        s = clean_line(l)
        if re.match(r"^\s*([-*+]|\d+\.)\s+", l):
            list_run += 1
        elif l.strip():
            if list_run >= 12:
                issues.append(f"L{ln}: list of {list_run} items ends before")
            list_run = 0
        if not s:
            continue
        n = len(s.split())
        if n >= 90:
            issues.append(f"L{ln}: paragraph {n} words")
        for sent in sentences(s):
            w = len(sent.split())
            if w > 22:
                issues.append(f"L{ln}: sentence {w} words: {sent[:70]}")
    if list_run >= 12:
        issues.append(f"list of {list_run} items at end")
    return fk, smog, words, issues

if __name__ == "__main__":
    paths = [Path(a) for a in sys.argv[1:]] or sorted(ROOT.rglob("*.md"))
    for p in paths:
        fk, smog, words, issues = report(p)
        rel = p.resolve().relative_to(ROOT) if ROOT in p.resolve().parents else p
        print(f"{str(rel):45s} FK={fk:5.1f} SMOG={smog:5.1f} words={words}")
        for i in issues:
            print("    ", i)
