"""Colours, escaping and inline styles shared by the result display and the corpus report.

Everything is an inline style: notebook front ends, GitHub and nbviewer drop
``<style>`` blocks and scripts. Text keeps the theme's own colour
(``color: inherit``) and backgrounds are mid-tone colours at low alpha, so the
same HTML reads on JupyterLab's light and dark themes.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable

__all__ = ["chip", "esc", "filter_colours", "span_label", "visible"]

# Mid-tone colours readable as borders on light and dark themes.
_COLOURS = {
    "mojibake": "142, 68, 173",
    "placeholders": "211, 84, 0",
    "double_post": "36, 113, 163",
    "embeds": "214, 51, 132",
}
# Not green: green marks the kept copy.
_PALETTE = ("192, 57, 43", "160, 110, 0", "90, 90, 200", "0, 140, 160", "120, 90, 60", "120, 120, 120")

#: The kept copy's colour (a green that reads on light and dark backgrounds).
KEPT = "46, 160, 67"

SANS = "font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
TEXT = f"{SANS}; font-size: 13px; line-height: 1.5; white-space: pre-wrap; overflow-wrap: anywhere"
MUTED = "opacity: 0.75"
RULE = "rgba(128, 128, 128, 0.35)"


def filter_colours(names: Iterable[str]) -> dict[str, str]:
    """The ``"r, g, b"`` colour of each filter: fixed for built-ins, the palette in order for others.

    >>> filter_colours(["placeholders", "mine", "yours"])
    {'placeholders': '211, 84, 0', 'mine': '192, 57, 43', 'yours': '160, 110, 0'}
    """
    colours: dict[str, str] = {}
    others = 0
    for name in names:
        if name in colours:
            continue
        if name in _COLOURS:
            colours[name] = _COLOURS[name]
        else:
            colours[name] = _PALETTE[others % len(_PALETTE)]
            others += 1
    return colours


def esc(text: str) -> str:
    """Escape text for HTML content and attribute values."""
    return html.escape(text, quote=True)


def chip(label: str, rgb: str, *, strong: bool = False) -> str:
    """A small coloured label (filter name, rule, "removed"), not selectable so copied text stays clean."""
    alpha = 0.3 if strong else 0.14
    return (
        f'<span style="{SANS}; font-size: 11px; padding: 0 4px; border: 1px solid rgb({rgb}); '
        f'border-radius: 3px; background: rgba({rgb}, {alpha}); white-space: nowrap; user-select: none">'
        f"{esc(label)}</span>"
    )


def span_label(first: int, last: int) -> str:
    """``line 3`` or ``lines 3–5``."""
    return f"line {first}" if first == last else f"lines {first}\u2013{last}"


_NAMED = {"\u00a0": "NBSP", "\u200b": "ZWSP", "\u00ad": "SHY", "\ufeff": "BOM", "\t": "TAB"}


def visible(text: str) -> str:
    """Escaped *text* with invisible characters drawn as small labels (``NBSP``, ``U+0080``), for marked pieces.

    Only for short marked pieces (a repaired character, a difference between
    copies), where an invisible character would otherwise be an empty box.

    >>> visible("a\u00a0b\x80")  # doctest: +ELLIPSIS
    'a<span title="U+00A0" ...>NBSP</span>b<span title="U+0080" ...>U+0080</span>'
    """
    out = []
    for ch in text:
        name = _NAMED.get(ch)
        if name is None and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in "\n\r":
            name = f"U+{ord(ch):04X}"
        if name is None:
            out.append(esc(ch))
        else:
            out.append(
                f'<span title="U+{ord(ch):04X}" style="{SANS}; font-size: 9px; border: 1px dotted currentColor; '
                f'border-radius: 2px; padding: 0 1px; margin: 0 1px; vertical-align: 1px">{name}</span>'
            )
    return "".join(out)
