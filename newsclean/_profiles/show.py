"""Profiles for people: a text table for terminals and reprs, an HTML table for notebooks."""

from __future__ import annotations

import html
from collections.abc import Sequence

from newsclean._profiles.rules import LearnedLine

__all__ = ["describe", "escape", "profile_html"]

escape = html.escape

_LABEL = {"remove": "remove", "beside": "in block", "keep": "keep"}


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def describe(summary: str, of: int, learned: Sequence[LearnedLine], limit: int | None = None) -> str:
    """The learned lines, most frequent first: ``count/of  decision  'line'  why``."""
    rows = [summary]
    lines = learned if limit is None else learned[:limit]
    for line in lines:
        why = line.why.partition(", but ")[2] or line.why.partition("; ")[2]
        rows.append(
            f"  {line.documents:>5}/{of:<5} {_LABEL[line.action]:<8} {_short(line.text, 70)!r}"
            + (f"  ({_short(why, 90)})" if why else "")
        )
    if limit is not None and len(learned) > limit:
        rows.append(f"  … {len(learned) - limit} more (profile.describe() lists them all)")
    return "\n".join(rows)


_STYLE = "border-collapse:collapse;font-size:90%"
_CELL = "padding:2px 8px;text-align:left;vertical-align:top"
_COLOURS = {"remove": "#c0392b", "beside": "#d35400", "keep": "#27ae60"}


def profile_html(summary: str, of: int, learned: Sequence[LearnedLine]) -> str:
    """A table of the learned lines by frequency, each with its share, decision and reason."""
    head = "".join(f"<th style='{_CELL}'>{h}</th>" for h in ("documents", "share", "decision", "line", "why"))
    rows = []
    for line in learned:
        share = line.documents / of if of else 0.0
        colour = _COLOURS[line.action]
        rows.append(
            "<tr>"
            f"<td style='{_CELL}'>{line.documents}</td><td style='{_CELL}'>{share:.0%}</td>"
            f"<td style='{_CELL};color:{colour}'>{_LABEL[line.action]}</td>"
            f"<td style='{_CELL}'>{html.escape(line.text)}</td>"
            f"<td style='{_CELL};color:#666'>{html.escape(line.why)}</td></tr>"
        )
    body = "".join(rows) or f"<tr><td colspan='5' style='{_CELL}'>no recurring lines</td></tr>"
    return (
        f"<div><b>{html.escape(summary)}</b>"
        f"<table style='{_STYLE}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )
