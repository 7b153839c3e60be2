"""Sentence segmentation cases that matter for readability (document.split_sentences)."""

from __future__ import annotations

import pytest

from lintkit.document import parse_text, split_sentences


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a capital letter naming a thing ends a sentence ...
        ("Take vitamin D. It helps bones.", ["Take vitamin D.", "It helps bones."]),
        ("You may have hepatitis C. This is an infection.", ["You may have hepatitis C.", "This is an infection."]),
        ("Vitamin A. You need it.", ["Vitamin A.", "You need it."]),
        # ... an initial does not
        ("John F. Kennedy was president.", ["John F. Kennedy was president."]),
        ("J. R. R. Tolkien wrote it.", ["J. R. R. Tolkien wrote it."]),
        ("Ask Dr. A. Smith now.", ["Ask Dr. A. Smith now."]),
        ("(J. Smith) said so.", ["(J. Smith) said so."]),
        # a letter glued to a number or a degree sign is a unit, not an initial
        ("A fever above 102°F. It can cause fits.", ["A fever above 102°F.", "It can cause fits."]),
        ("A fever above 39°C. Cool them down.", ["A fever above 39°C.", "Cool them down."]),
        # (even when the degree sign was misread: 102Â°F)
        ("Above 102\u00c2\u00b0F. It can cause fits.", ["Above 102\u00c2\u00b0F.", "It can cause fits."]),
        # abbreviations and decimals never split
        ("Take 2.5 mg daily. Then stop.", ["Take 2.5 mg daily.", "Then stop."]),
        ("Pain, e.g. Back pain. Another one.", ["Pain, e.g. Back pain.", "Another one."]),
    ],
)
def test_split(text: str, want: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == want


def test_list_items_are_units_without_full_stops() -> None:
    doc = parse_text(
        "a.md", "# T\n\nYou may have:\n\n- pain in your leg\n- numbness in your leg\n- tingling in your foot\n"
    )
    assert [s.text for s in doc.sentences] == [
        "You may have:",
        "pain in your leg",
        "numbness in your leg",
        "tingling in your foot",
    ]
