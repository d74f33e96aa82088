"""A removed duplicate beside the copy that was kept, with the differing characters marked.

Used by the result display for every removal whose change record names the
line it repeats (``duplicate_of_line``): double posts and duplicated tweets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from newsclean._core.changes import Change
from newsclean._display.diffmark import Marked, describe, mark_pair
from newsclean._display.segments import Counterpart
from newsclean._display.theme import KEPT, MUTED, SANS, TEXT, chip, esc, span_label, visible

__all__ = ["side_by_side"]


def _marks(runs: list[tuple[str, bool]], rgb: str, title: str) -> str:
    out = []
    for text, differs in runs:
        if differs:
            out.append(
                f'<mark title="{esc(title)}" style="background: rgba({rgb}, 0.4); color: inherit; '
                f'border-radius: 2px; padding: 0 1px; outline: 1px solid rgb({rgb})">{visible(text)}</mark>'
            )
        else:
            out.append(esc(text))
    return "".join(out)


def side_by_side(
    pairs: list[tuple[Change, Counterpart]], *, rgb: str, line_of: Callable[[int], int], budget: int, open_rows: int
) -> str:
    """Removed copy left, kept copy right, differences marked; rows past the first *open_rows* fold away.

    Each removed block is diffed against the kept block it repeats, until
    *budget* characters have been compared (the rest are counted, not drawn).
    Rows of the kept side follow the kept copy's order; a block whose partner
    sits at another row is tagged "moved".
    """
    kept_order = sorted({cp.start: cp for _, cp in pairs}.values())
    rank = {cp.start: i for i, cp in enumerate(kept_order)}
    marked: dict[int, Marked] = {}
    subs: Counter[tuple[str, str]] = Counter()
    used, cut = 0, len(pairs)
    for i, (change, cp) in enumerate(pairs):
        if used > budget:
            cut = i
            break
        m = mark_pair(change.block, cp.text)
        marked[i] = m
        subs.update(m.substitutions)
        used += len(change.block) + len(cp.text)
    partner: dict[int, int] = {}
    for i, (_, cp) in enumerate(pairs[:cut]):
        partner.setdefault(cp.start, i)
    moved = sum(1 for i, (_, cp) in enumerate(pairs[:cut]) if rank[cp.start] != i)
    rows = []
    for i in range(cut):
        change, cp = pairs[i]
        right = kept_order[i] if i < len(kept_order) else None
        left_html = _marks(marked[i].a, rgb, "differs in the kept copy")
        tag = ' <span data-role="moved" style="font-size: 11px; opacity: 0.8">\u2195 moved</span>' if rank[cp.start] != i else ""
        if right is not None and right.start in partner:
            j = partner[right.start]
            right_html = _marks(marked[j].b, KEPT, "differs in the removed copy")
            rtag = tag if rank[right.start] != j else ""
            rline = line_of(right.start)
        else:
            right_html, rtag, rline = "", "", 0
        lno = f'<span style="{MUTED}; font-size: 11px; user-select: none">{change.line}</span> '
        rno = f'<span style="{MUTED}; font-size: 11px; user-select: none">{rline}</span> ' if rline else ""
        rows.append(
            f'<tr><td data-role="removed" style="vertical-align: top; padding: 2px 6px; background: rgba({rgb}, 0.1); '
            f'box-shadow: inset 2px 0 0 rgb({rgb})">{lno}{left_html}{tag}</td>'
            f'<td data-role="kept" style="vertical-align: top; padding: 2px 6px; background: rgba({KEPT}, 0.08); '
            f'box-shadow: inset 2px 0 0 rgb({KEPT})">{rno}{right_html}{rtag}</td></tr>'
        )
    removed_lines = span_label(pairs[0][0].line, pairs[-1][0].line)
    kept_lines = span_label(line_of(kept_order[0].start), line_of(kept_order[-1].start))
    head = (
        f'<tr><th style="text-align: left; width: 50%; padding: 2px 6px">{chip("removed copy", rgb, strong=True)} '
        f'{esc(removed_lines)}</th><th style="text-align: left; width: 50%; padding: 2px 6px">'
        f'{chip("kept copy", KEPT, strong=True)} {esc(kept_lines)}</th></tr>'
    )
    table = f'<table style="{TEXT}; border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0">'
    shown = open_rows
    body = f"{table}<thead>{head}</thead><tbody>{''.join(rows[:shown])}</tbody></table>"
    if len(rows) > shown:
        body += (
            f'<details><summary style="{SANS}; font-size: 12px; cursor: pointer">{len(rows) - shown} more line pairs</summary>'
            f"{table}<tbody>{''.join(rows[shown:])}</tbody></table></details>"
        )
    if cut < len(pairs):
        body += f'<div style="{SANS}; {MUTED}; font-size: 12px">\u2026 {len(pairs) - cut} more line pairs not shown</div>'
    return _differences(subs, moved, rgb) + body


def _differences(subs: Counter[tuple[str, str]], moved: int, rgb: str) -> str:
    """One line naming how the copies differ: removed -> kept characters with counts, and moved lines."""
    items = []
    for a, b, n, name in describe(subs):
        items.append(
            f'<span title="{esc(name)}" style="white-space: nowrap; margin-right: 8px">'
            f'<code style="background: rgba({rgb}, 0.3); padding: 0 3px; font-size: 13px">{esc(a)}</code> \u2192 '
            f'<code style="background: rgba({KEPT}, 0.3); padding: 0 3px; font-size: 13px">{esc(b)}</code> \u00d7{n}</span>'
        )
    if moved:
        items.append(f'<span style="white-space: nowrap">\u2195 {moved} line{"s" if moved != 1 else ""} in another order</span>')
    if not items:
        items.append("the copies are identical")
    return (
        f'<div data-role="differences" style="{SANS}; font-size: 12px; margin: 3px 0">'
        f"<b>removed \u2192 kept:</b> {''.join(items)}</div>"
    )
