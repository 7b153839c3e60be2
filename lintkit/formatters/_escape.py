"""Text from checked files made safe for a terminal or a CI log.

Findings quote the files they are about (a front-matter key, a word, a file
name), and those files come from pull requests. Printed raw, an ESC or BEL
drives the terminal (retitle it, hide text, fake colours), a line break
starts a new output line, and a line of a GitHub Actions log that starts
with ``::`` (after spaces), or holds ``##[`` anywhere, is read as a workflow
command (``::set-env``, ``##[error]``: a failure annotation on a green job).

Every human-readable output (text, github, junit, the CLI's warnings)
passes such text through :func:`printable`, and starts each line with
lintkit's own text or a path made safe by :func:`path_at_line_start`.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; line and paragraph separators (a line break
# to some terminals and log viewers); bidirectional controls (they reorder
# what is shown: "Trojan Source"); the byte order mark and other invisible
# format characters that hide text (not the joiners U+200C and U+200D, which
# emoji and some scripts need)
_FORMAT_CHARS = (
    "\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_UNSAFE = re.compile(f"[\x00-\x1f{_FORMAT_CHARS}]")
_UNSAFE_BUT_BREAKS = re.compile(f"[\x00-\x09\x0b\x0c\x0e-\x1f{_FORMAT_CHARS}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# the legacy workflow-command prefix, matched anywhere in a line by the runner
_LEGACY_COMMAND = "##["


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_breaks: bool = False) -> str:
    """``text`` with every control, separator and invisible format character
    written as a visible escape (``\\x1b``, ``\\n``, ``\\u202e``), and ``##[``
    as ``##\\[``. Plain text, accents and emoji are unchanged.
    ``keep_breaks`` leaves CR and LF for a format that encodes them itself
    (``%0A`` in a workflow command, ``&#10;`` in an XML attribute)."""
    if text.isprintable() and _LEGACY_COMMAND not in text:  # the common case: nothing to do
        return text
    out = (_UNSAFE_BUT_BREAKS if keep_breaks else _UNSAFE).sub(_escape, text)
    return out.replace(_LEGACY_COMMAND, "##\\[")


def printable_with_columns(text: str) -> tuple[str, list[int]]:
    """:func:`printable`, and for each character of ``text`` (and one past
    its end) the column where it starts in the result, so that a caret
    under a span still points at it."""
    if text.isprintable() and _LEGACY_COMMAND not in text:
        return text, list(range(len(text) + 1))
    out: list[str] = []
    cols: list[int] = []
    width = 0
    i = 0
    while i < len(text):
        if text.startswith(_LEGACY_COMMAND, i):
            piece, step = "##\\[", 3
        else:
            ch = text[i]
            piece, step = (_UNSAFE.sub(_escape, ch), 1)
        # every character of the piece starts where the piece starts
        cols.extend([width] * step)
        out.append(piece)
        width += len(piece)
        i += step
    cols.append(width)
    return "".join(out), cols


_SAFE_FIRST = re.compile(r"[\w./~]")


def path_at_line_start(path: str) -> str:
    """A path printed where a line begins: made :func:`printable`, and led by
    ``./`` unless it starts with a letter, digit, ``_``, ``.``, ``/`` or ``~``
    (a file named ``::error::x.md`` or `` ##[x].md`` must not become a
    workflow command)."""
    shown = printable(path)
    return shown if _SAFE_FIRST.match(shown) else "./" + shown
