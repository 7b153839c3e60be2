"""GitHub Actions workflow commands: one annotation per finding.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message``
(``warning`` and ``notice`` for the other severities). GitHub reads columns
only when the annotation starts and ends on the same line (the check-run API
rejects them otherwise), so multi-line spans carry lines only.

Text from the checked files goes through :func:`~lintkit.formatters._escape.printable`
first: the runner's own escapes cover only ``%``, CR and LF (and ``:`` ``,``
in properties), so an ESC or BEL in a quoted key would reach the log raw.
Line breaks in a message stay line breaks of the annotation (``%0A``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..findings import Finding, Report, Severity
from ._escape import printable

if TYPE_CHECKING:
    from . import RenderOptions

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    """Escape a command's message (the part after ``::``)."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """Escape a property value: ``:`` and ``,`` would end it early."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding) -> str:
    props = [("file", printable(f.path)), ("line", str(f.line))]
    if f.end_line == f.line:
        props.append(("col", str(f.column)))
    props.append(("endLine", str(f.end_line)))
    if f.end_line == f.line:
        props.append(("endColumn", str(f.end_column)))
    props.append(("title", f.code))
    message = printable(f.message, keep_breaks=True)
    if f.related:
        # annotations have no related locations; name them so the reader can
        # find the other side of a contradiction
        message += "\n" + "\n".join(
            f"related: {printable(r.path)}:{r.line}:{r.column}: {printable(r.message, keep_breaks=True)}"
            for r in f.related
        )
    if f.fix is not None:
        message += f"\nfix ({f.fix.applicability}): {printable(f.fix.message, keep_breaks=True)}"
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS[f.severity]} {joined}::{escape_data(message)}"


def render(report: Report, options: RenderOptions) -> str:
    return "".join(command(f) + "\n" for f in report.findings)
