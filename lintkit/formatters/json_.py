"""JSON output: the documented contract (docs/json-format.md)."""

from __future__ import annotations

import json

from ..findings import Report
from . import RenderOptions


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
