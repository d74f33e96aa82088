"""Show a :class:`~newsclean.Result` in place: what each filter removed or rewrote, in the input.

Change records point into the text *their own filter* received, so a removal by
the third filter has offsets into a text the first two already edited.
:func:`annotate` composes the stages back onto the original input and cuts it
into :class:`Segment` pieces (kept, removed, replaced), which the notebook
display (:func:`result_html`, behind ``Result._repr_html_``) and a terminal
diff can draw without redoing the offset arithmetic.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Literal

from newsclean._core.changes import Change, ReplayError

if TYPE_CHECKING:
    from newsclean._core.pipeline import Result

__all__ = ["Segment", "annotate", "filter_colours", "result_html"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the input and what became of it.

    ``before`` is the piece of the input, ``after`` what stands for it in the
    output: equal for ``"kept"``, ``""`` for ``"removed"``. ``changes`` lists
    every change that touched the piece, in pipeline order (a line repaired by
    ``mojibake`` and then removed by ``placeholders`` carries both); ``start``
    and ``end`` are offsets into the input.
    """

    kind: Literal["kept", "removed", "replaced"]
    before: str
    after: str
    changes: tuple[Change, ...] = ()
    start: int = 0
    end: int = 0

    @property
    def change(self) -> Change | None:
        """The change that decided the piece's fate (the last one), or ``None`` if kept."""
        return self.changes[-1] if self.changes else None


# While composing, a piece is (before, after, changes); kept pieces have no changes.
_Piece = tuple[str, str, tuple[Change, ...]]


def annotate(result: Result) -> list[Segment]:
    """Cut the result's input into kept, removed and replaced segments, in input order.

    Use it to draw a diff of a whole pipeline run. Joining the segments'
    ``before`` gives ``result.input``; joining their ``after`` gives
    ``result.text``. A later change that reaches into text an earlier filter
    rewrote takes that whole rewritten piece with it, so offsets never split a
    rewrite. Raises :class:`~newsclean.ReplayError` if the changes do not fit
    the input.

    >>> import newsclean
    >>> from newsclean import FunctionFilter, Pipeline
    >>> from newsclean._core.document import Edit
    >>> def fix(text):
    ...     return text.replace("Loadingâ€¦", "Loading…")
    >>> class Loaders(newsclean.BlockFilter):
    ...     name = "loaders"
    ...     def edits(self, doc):
    ...         return [Edit(i, "loader", "a loader") for i, b in enumerate(doc.blocks) if b.text == "Loading…"]
    >>> result = Pipeline(FunctionFilter(fix, name="fix"), Loaders()).explain("Hi\\nLoadingâ€¦")
    >>> [(s.kind, s.before, s.after, [c.filter for c in s.changes]) for s in annotate(result)]
    [('kept', 'Hi', 'Hi', []), ('removed', '\\nLoadingâ€¦', '', ['fix', 'loaders'])]
    """
    pieces: list[_Piece] = [(result.input, result.input, ())] if result.input else []
    for _, stage in groupby(result.changes, key=lambda c: c.filter):
        pieces = _apply_stage(pieces, sorted(stage, key=lambda c: (c.start, c.end)))
    segments: list[Segment] = []
    pos = 0
    for before, after, changes in pieces:
        kind: Literal["kept", "removed", "replaced"]
        kind = "kept" if not changes else "removed" if not after else "replaced"
        segments.append(Segment(kind, before, after, changes, pos, pos + len(before)))
        pos += len(before)
    return segments


def _apply_stage(pieces: list[_Piece], stage: list[Change]) -> list[_Piece]:
    """Apply one filter's changes (offsets into the current text) to the pieces."""
    current = "".join(after for _, after, _ in pieces)
    spans, pos = [], 0
    for piece in pieces:
        spans.append((pos, pos + len(piece[1])))
        pos += len(piece[1])
    pieces = list(pieces)  # a split kept piece leaves its remainder in place
    out: list[_Piece] = []
    i = 0
    for start, end, changes in _regions(pieces, spans, stage, current):
        while i < len(pieces) and spans[i][1] <= start:
            out.append(pieces[i])
            i += 1
        befores: list[str] = []
        earlier: list[Change] = []
        while i < len(pieces) and spans[i][0] < end:  # with end == start: only a piece start falls inside
            (a, b), (before, text, touched) = spans[i], pieces[i]
            if touched:  # an earlier rewrite lies wholly inside the region
                befores.append(before)
                earlier.extend(touched)
                i += 1
                continue
            cut_start, cut_end = max(start - a, 0), min(end - a, len(text))
            if cut_start:
                out.append((text[:cut_start], text[:cut_start], ()))
            befores.append(text[cut_start:cut_end])
            if cut_end < len(text):  # the region ends inside kept text: keep the rest
                pieces[i], spans[i] = (text[cut_end:], text[cut_end:], ()), (a + cut_end, b)
                break
            i += 1
        out.append(("".join(befores), _replayed(current, start, end, changes), (*earlier, *changes)))
    out.extend(pieces[i:])
    return out


def _regions(
    pieces: list[_Piece], spans: list[tuple[int, int]], stage: list[Change], current: str
) -> Iterator[tuple[int, int, list[Change]]]:
    """Group the stage's changes into regions that take earlier rewrites they touch whole."""
    regions: list[tuple[int, int, list[Change]]] = []
    j, last_end = 0, 0
    for change in stage:
        s, e = change.start, change.end
        if s < last_end or e > len(current) or current[s:e] != change.before:
            raise ReplayError(
                f"change {change.filter}/{change.rule} at {s}:{e} does not fit the text: "
                "annotate a result whose changes were made from its own input"
            )
        last_end = e
        while j < len(spans) and spans[j][1] <= s:
            j += 1
        start, end, k = s, e, j
        while k < len(spans) and spans[k][0] < e:  # touched: a < e and b > s
            if pieces[k][2] and spans[k][1] > s:
                start, end = min(start, spans[k][0]), max(end, spans[k][1])
            k += 1
        if regions and regions[-1][1] > start:  # shares an earlier rewrite with the last region
            prev_start, prev_end, prev_changes = regions.pop()
            start, end, changes = min(prev_start, start), max(prev_end, end), [*prev_changes, change]
        else:
            changes = [change]
        regions.append((start, end, changes))
    return iter(regions)


def _replayed(current: str, start: int, end: int, changes: list[Change]) -> str:
    parts, pos = [], start
    for change in changes:
        parts += [current[pos : change.start], change.after]
        pos = change.end
    parts.append(current[pos:end])
    return "".join(parts)


# -- HTML ------------------------------------------------------------------
# Mid-tone colours readable as borders and strike lines on light and dark
# themes; backgrounds are the same colours at low alpha, and text keeps the
# theme's own colour, so contrast is the theme's.
_COLOURS = {
    "mojibake": "142, 68, 173",
    "placeholders": "211, 84, 0",
    "double_post": "36, 113, 163",
    "embeds": "19, 141, 117",
}
_PALETTE = ("192, 57, 43", "160, 110, 0", "90, 90, 200", "170, 50, 120", "40, 140, 60", "120, 120, 120")
_MAX_TABLE_ROWS = 200

_BOX = (
    "font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; "
    "line-height: 1.5; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 40em; overflow: auto; "
    "padding: 6px 8px; border: 1px solid rgba(128, 128, 128, 0.4); border-radius: 4px; color: inherit"
)
_FONT = "font-family: system-ui, -apple-system, 'Segoe UI', sans-serif"
_SANS = _FONT + "; font-size: 12px"


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


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _title(changes: Iterable[Change]) -> str:
    return "\n".join(f"{c.filter}/{c.rule} (line {c.line}): {c.reason}" for c in changes)


def _tag(change: Change, rgb: str) -> str:
    label = change.filter if change.rule == change.filter else f"{change.filter}/{change.rule}"
    return (
        f'<span style="{_FONT}; font-size: 10px; padding: 0 3px; margin-right: 3px; '
        f"border: 1px solid rgb({rgb}); border-radius: 3px; background: rgba({rgb}, 0.12); "
        f'user-select: none">{_esc(label)}</span>'
    )


def _marked(tag: str, text: str, rgb: str, name: str) -> str:
    """*text* in a ``<del>`` (struck, light) or ``<ins>`` (underlined, stronger) in the filter's colour."""
    if not text:
        return ""
    alpha, line = (0.16, "line-through") if tag == "del" else (0.3, "underline")
    return (
        f'<{tag} data-filter="{_esc(name)}" style="background: rgba({rgb}, {alpha}); '
        f'text-decoration: {line}; text-decoration-color: rgb({rgb})">{_esc(text)}</{tag}>'
    )


def _rewrite(before: str, after: str, rgb: str, name: str) -> Iterator[str]:
    """before -> after, showing only the characters that differ when the pieces are short."""
    opcodes: Sequence[tuple[str, int, int, int, int]]
    if len(before) + len(after) > 4000:  # keep the character diff cheap on huge rewrites
        opcodes = [("replace", 0, len(before), 0, len(after))]
    else:
        opcodes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    for op, a0, a1, b0, b1 in opcodes:
        if op == "equal":
            yield _esc(before[a0:a1])
            continue
        yield _marked("del", before[a0:a1], rgb, name)
        if a1 > a0 and b1 > b0:
            yield '<span style="user-select: none">\u2192</span>'
        yield _marked("ins", after[b0:b1], rgb, name)


def _segment_html(segment: Segment, previous: Segment | None, colours: dict[str, str]) -> Iterator[str]:
    change = segment.change
    if change is None:
        yield _esc(segment.before)
        return
    rgb, name = colours[change.filter], change.filter
    kind = "removed" if segment.kind == "removed" else "rewritten"
    yield f'<span data-kind="{kind}" data-filter="{_esc(name)}" title="{_esc(_title(segment.changes))}">'
    body = segment.before
    lead = body[: len(body) - len(body.lstrip("\r\n"))] if segment.kind == "removed" else ""
    yield _marked("del", lead, rgb, name)
    same_run = previous is not None and previous.change is not None and (
        (previous.change.filter, previous.change.rule) == (change.filter, change.rule)
    )
    if not same_run:  # one label per run of blocks removed by the same rule
        yield _tag(change, rgb)
    if segment.kind == "removed":
        yield _marked("del", body[len(lead) :], rgb, name)
    else:
        yield from _rewrite(segment.before, segment.after, rgb, name)
    yield "</span>"


def _header(result: Result, colours: dict[str, str]) -> str:
    removed, rewritten = result.counts("remove"), result.counts()
    chips = []
    for name in result.filters:
        n_removed, n_rewritten = removed.get(name, 0), rewritten.get(name, 0) - removed.get(name, 0)
        if not (n_removed or n_rewritten):
            continue
        parts = [f"{n_removed} removed"] if n_removed else []
        parts += [f"{n_rewritten} rewritten"] if n_rewritten else []
        rgb = colours[name]
        chips.append(
            f'<span data-filter="{_esc(name)}" style="border-left: 3px solid rgb({rgb}); '
            f'background: rgba({rgb}, 0.12); padding: 0 4px; margin-right: 6px">'
            f"<b>{_esc(name)}</b>: {', '.join(parts)}</span>"
        )
    what = " &middot; ".join(chips) if chips else "no changes"
    drop = f' &middot; <b>drop</b>: {_esc(result.drop_reason)}' if result.drop_reason else ""
    sizes = f"{len(result.input):,} \u2192 {len(result.text):,} chars"
    return f'<div style="{_SANS}; margin-bottom: 4px">newsclean &middot; {what} &middot; {sizes}{drop}</div>'


def _table(changes: tuple[Change, ...]) -> str:
    if not changes:
        return ""
    rows = []
    for c in changes[:_MAX_TABLE_ROWS]:
        block = c.block if len(c.block) <= 80 else c.block[:77] + "..."
        rows.append(
            f"<tr><td>{_esc(c.filter)}</td><td>{_esc(c.rule)}</td><td>{c.line}</td><td>{_esc(c.action)}</td>"
            f"<td>{_esc(block)}</td><td>{_esc(c.reason)}</td></tr>"
        )
    if len(changes) > _MAX_TABLE_ROWS:
        rows.append(f'<tr><td colspan="6">&hellip; and {len(changes) - _MAX_TABLE_ROWS} more</td></tr>')
    head = "".join(f'<th style="text-align: left">{h}</th>' for h in ("filter", "rule", "line", "action", "block", "reason"))
    return (
        f'<details style="{_SANS}; margin-top: 4px"><summary>{len(changes)} change records</summary>'
        f'<table style="font-size: 11px"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></details>'
    )


def result_html(result: Result) -> str:
    """The notebook view of a result: a summary line, the input with every change drawn in place.

    Removed text is struck through and rewritten text shown before -> after,
    both in their filter's colour, labelled ``filter/rule`` inline, with the
    reasons on hover; a table of the change records folds out below. All text
    is escaped. Styles are inline, so the HTML stands alone.

    >>> import newsclean
    >>> html = result_html(newsclean.explain("<b>Hi</b>"))
    >>> "&lt;b&gt;Hi&lt;/b&gt;" in html and "<b>Hi</b>" not in html
    True
    """
    colours = filter_colours([*result.filters, *(c.filter for c in result.changes)])
    try:
        segments = annotate(result)
    except ReplayError as exc:  # show what we can rather than fail inside a notebook
        body = f'<div style="{_SANS}">{_esc(str(exc))}; showing the output text</div>{_esc(result.text)}'
    else:
        parts: list[str] = []
        previous: Segment | None = None
        for segment in segments:
            parts.extend(_segment_html(segment, previous, colours))
            previous = segment
        body = "".join(parts)
    return (
        f'<div class="newsclean-result">{_header(result, colours)}<div style="{_BOX}">{body}</div>'
        f"{_table(result.changes)}</div>"
    )
