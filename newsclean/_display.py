"""STUB: replaced by the notebook display work."""
from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsclean._pipeline import Result


def result_html(result: Result) -> str:
    return "<pre>" + html.escape(result.text) + "</pre>"
