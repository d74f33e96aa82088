"""Show a :class:`~newsclean.Result` the way a reviewer reads it: the changes first, in context.

:func:`result_html` (behind ``Result._repr_html_``) draws a header with the
counts per filter and a jump link to every *change group* (one removed copy,
one placeholder, one tweet, one repaired line), then each group once: its
reason, the removed or rewritten text, and for a duplicate the kept copy beside
it with the differences marked. Unchanged text folds into ``<details>`` with a
few lines of context around each group, like a diff.

Removed text keeps its punctuation legible (a coloured background and a label,
no strike-through); a rewrite shows before -> after. Styles are inline, there
is no script, and all article text is escaped, so the HTML reads the same in
JupyterLab (light or dark), on GitHub and in nbviewer. Long documents and
documents with hundreds of changes are capped (and say so), and the work is
linear in the input and the number of changes.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsclean._core.changes import Change, ReplayError
from newsclean._display.diffmark import mark_pair
from newsclean._display.pairs import side_by_side
from newsclean._display.segments import Counterpart, Segment, annotate, annotate_with_counterparts
from newsclean._display.theme import KEPT, MUTED, SANS, TEXT, chip, esc, filter_colours, span_label, visible

if TYPE_CHECKING:
    from newsclean._core.pipeline import Result

__all__ = ["Limits", "Segment", "annotate", "change_groups", "filter_colours", "result_html"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """How much one display draws, so a huge document stays quick to render and to scroll.

    ``groups``: change groups drawn (the rest are counted); ``context``: unchanged
    lines shown around each group; ``group_chars``: text drawn per group;
    ``fold_chars``: unchanged text inside one fold; ``pairs_open``: line pairs of
    a duplicate shown before the rest fold away.
    """

    groups: int = 40
    context: int = 2
    group_chars: int = 12000
    fold_chars: int = 20000
    pairs_open: int = 3


@dataclass(slots=True)
class ChangeGroup:
    """Changed segments that belong together: one rule, one reason, adjacent lines (kept text between, if any)."""

    key: tuple[str, str, str, str]
    segments: list[Segment] = field(default_factory=list)

    @property
    def changed(self) -> list[Segment]:
        """The segments of the group that a change touched."""
        return [s for s in self.segments if s.kind != "kept"]

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _key(segment: Segment) -> tuple[str, str, str, str]:
    change = segment.changes[-1]
    return (change.filter, change.rule, change.reason, segment.kind)


def change_groups(segments: Sequence[Segment]) -> list[ChangeGroup]:
    """Gather changed segments into groups: same filter, rule, reason and kind, with only blank text or part of a line between.

    A double-posted copy removed line by line is one group; a placeholder is
    one; two repairs on one line are one. Linear in the number of segments.
    """
    groups: list[ChangeGroup] = []
    current: ChangeGroup | None = None
    gap: list[Segment] = []
    for segment in segments:
        if segment.kind == "kept":
            gap.append(segment)
            continue
        key = _key(segment)
        if current is not None and current.key == key and _joinable(current.segments[-1], gap, segment):
            current.segments.extend(gap)
        else:
            current = ChangeGroup(key)
            groups.append(current)
        current.segments.append(segment)
        gap = []
    return groups


def _joinable(last: Segment, gap: list[Segment], segment: Segment) -> bool:
    """Whether only blank text, or the rest of one line, lies between two changed segments."""
    between = "".join(s.before for s in gap)
    if not between.strip():
        return True
    return not (
        _LINE_BREAK.search(between) or last.before.endswith(("\n", "\r")) or segment.before.startswith(("\n", "\r"))
    )


class _Lines:
    """Line starts of the input, to go from offsets to 1-based line numbers and back in O(log n)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Input offsets of lines *first*..*last* (1-based, inclusive), without the final line break."""
        start = self.starts[first - 1]
        end = self.starts[last] if last < len(self.starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end


def _first_last_lines(group: ChangeGroup, lines: _Lines) -> tuple[int, int]:
    changed = group.changed
    first, last = changed[0], changed[-1]
    lead = len(first.before) - len(first.before.lstrip("\r\n"))
    start = first.start + lead if lead < len(first.before) else first.start
    trail = len(last.before) - len(last.before.rstrip("\r\n"))
    end = last.end - trail - 1 if trail < len(last.before) else last.start
    return lines.line_of(start), lines.line_of(max(end, start))


# -- drawing ---------------------------------------------------------------
@dataclass(slots=True)
class _Ctx:
    result: Result
    colours: dict[str, str]
    lines: _Lines
    counterparts: dict[int, Counterpart]
    limits: Limits
    uid: str
    kept: dict[int, int] = field(default_factory=dict)  # input line of a kept copy -> its group's number


def _uid(result: Result) -> str:
    """An id prefix unique to this result, stable across runs (several displays share one notebook page)."""
    digest = hashlib.blake2b(result.input.encode("utf-8", "surrogatepass"), digest_size=4)
    digest.update(str(len(result.changes)).encode())
    return "nc-" + digest.hexdigest()


def _removed(text: str, rgb: str, name: str) -> str:
    """Removed text: the filter's colour as background and a left rule, the characters untouched."""
    if not text:
        return ""
    return (
        f'<del data-filter="{esc(name)}" style="text-decoration: none; background: rgba({rgb}, 0.18); '
        f'box-shadow: inset 2px 0 0 rgb({rgb}); color: inherit">{esc(text)}</del>'
    )


def _pill(tag: str, text: str, rgb: str, name: str, alpha: float) -> str:
    """One side of a rewrite, boxed so that a lone dash or quote stays legible."""
    shown = visible(text) if text else "<i>(nothing)</i>"
    return (
        f'<{tag} data-filter="{esc(name)}" style="text-decoration: none; background: rgba({rgb}, {alpha}); '
        f'outline: 1px solid rgba({rgb}, 0.7); border-radius: 2px; padding: 0 2px; margin: 0 1px; '
        f'color: inherit">{shown}</{tag}>'
    )


def _rewrite(before: str, after: str, rgb: str, name: str) -> Iterator[str]:
    """before -> after, showing only the characters that differ."""
    for old, new, differs in mark_pair(before, after).runs:
        if not differs:
            yield esc(old)
            continue
        yield _pill("del", old, rgb, name, 0.12)
        yield '<span style="user-select: none"> \u2192 </span>'
        yield _pill("ins", new, rgb, name, 0.3)


def _segment_body(segment: Segment, ctx: _Ctx) -> Iterator[str]:
    change = segment.change
    if change is None:
        yield esc(segment.before)
        return
    rgb = ctx.colours[change.filter]
    if segment.kind == "removed":
        yield _removed(segment.before, rgb, change.filter)
    else:
        yield from _rewrite(segment.before, segment.after, rgb, change.filter)


def _reasons(group: ChangeGroup, ctx: _Ctx) -> str:
    """Each distinct reason in the group once (a chain such as mojibake-then-placeholder has two)."""
    seen: dict[tuple[str, str, str], None] = {}
    for segment in group.changed:
        for c in segment.changes:
            seen.setdefault((c.filter, c.rule, c.reason))
    rows = []
    for name, rule, reason in seen:
        label = name if rule == name else f"{name}/{rule}"
        rows.append(f'<div data-role="reason" style="{SANS}; font-size: 13px">{chip(label, ctx.colours[name])} {esc(reason)}</div>')
    return "".join(rows)


def _card_head(group: ChangeGroup, number: int, first: int, last: int, ctx: _Ctx) -> str:
    name, _, _, kind = group.key
    rgb = ctx.colours[name]
    changed = group.changed
    size = sum(len(s.before.strip()) for s in changed)
    spans = f"{len(changed)} span{'s' if len(changed) != 1 else ''}"
    what = f"removed, {size:,} chars" if kind == "removed" else f"rewritten ({spans})"
    return (
        f'<div style="{SANS}; font-size: 12px; margin-bottom: 3px">'
        f'<b>#{number}</b> {chip("removed" if kind == "removed" else "rewritten", rgb, strong=True)} '
        f"{esc(span_label(first, last))}, {what}</div>{_reasons(group, ctx)}"
    )


def _flow_text(group: ChangeGroup, first: int, last: int, ctx: _Ctx) -> str:
    """The group's lines, kept text plain and changed text marked, up to the per-group budget.

    Segments are clipped to the lines, so the line break a removal takes with
    it does not draw as an empty line.
    """
    start, end = ctx.lines.span(first, last)
    text = ctx.lines.text
    budget = ctx.limits.group_chars
    parts = [esc(text[start : max(start, min(group.start, end))])]
    shown = len(parts[0])
    hidden = 0
    for segment in group.segments:
        a, b = max(segment.start, start), min(segment.end, end)
        if b <= a and segment.kind != "replaced":
            continue
        if shown > budget:
            hidden += b - a
            continue
        if (a, b) == (segment.start, segment.end) or segment.kind == "replaced":
            parts.extend(_segment_body(segment, ctx))
        elif segment.kind == "removed" and segment.change is not None:
            parts.append(_removed(text[a:b], ctx.colours[segment.change.filter], segment.change.filter))
        else:
            parts.append(esc(text[a:b]))
        shown += b - a
    if group.end < end:
        if shown > budget:
            hidden += end - group.end
        else:
            parts.append(esc(text[group.end : end]))
    if hidden:
        parts.append(f'<div style="{SANS}; {MUTED}; font-size: 12px">\u2026 {hidden:,} more characters of this change not shown</div>')
    return "".join(parts)


def _pairs(group: ChangeGroup, ctx: _Ctx) -> list[tuple[Change, Counterpart]] | None:
    """(removed change, kept counterpart) per removed block, or None unless every block has one."""
    pairs = []
    for segment in group.changed:
        change = segment.change
        assert change is not None
        counterpart = ctx.counterparts.get(id(change))
        if counterpart is None:
            return None
        pairs.append((change, counterpart))
    return pairs


def _card(group: ChangeGroup, number: int, first: int, last: int, ctx: _Ctx) -> str:
    name = group.key[0]
    rgb = ctx.colours[name]
    pairs = _pairs(group, ctx) if group.key[3] == "removed" else None
    if pairs:
        body = side_by_side(
            pairs, rgb=rgb, line_of=ctx.lines.line_of, budget=ctx.limits.group_chars, open_rows=ctx.limits.pairs_open
        )
    else:
        body = f'<div style="{TEXT}">{_flow_text(group, first, last, ctx)}</div>'
    return (
        f'<div id="{ctx.uid}-g{number}" data-role="change" data-filter="{esc(name)}" '
        f'style="border: 1px solid rgba({rgb}, 0.6); border-left: 4px solid rgb({rgb}); border-radius: 4px; '
        f'padding: 4px 8px; margin: 4px 0">{_card_head(group, number, first, last, ctx)}{body}</div>'
    )


def _capped(start: int, end: int, cap: int, ctx: _Ctx) -> str:
    """Escaped ``input[start:end]``, or its head and tail with a note when it is longer than *cap*."""
    text = ctx.lines.text
    if end - start <= cap:
        return esc(text[start:end])
    return (
        esc(text[start : start + cap // 2])
        + f'<span style="{SANS}; {MUTED}">\n\u2026 {end - start - cap:,} characters not shown (long document) \u2026\n</span>'
        + esc(text[end - cap // 2 : end])
    )


def _kept_note(first: int, last: int, ctx: _Ctx) -> str:
    numbers = sorted({n for line, n in ctx.kept.items() if first <= line <= last})
    if not numbers:
        return ""
    return " \u00b7 includes the kept copy of " + ", ".join(f"#{n}" for n in numbers)


def _context(first: int, last: int, ctx: _Ctx) -> str:
    """A few unchanged lines around a change; a line that is the kept copy of a removed one says so."""
    if first > last:
        return ""
    parts = []
    for line in range(first, last + 1):
        start, end = ctx.lines.span(line, line)
        body = _capped(start, end, ctx.limits.group_chars, ctx)
        number = ctx.kept.get(line)
        if number is not None:
            body = (
                f'<span data-role="kept-copy" title="the kept copy of #{number}" style="box-shadow: inset 2px 0 0 '
                f'rgb({KEPT}); padding-left: 4px">{body}</span>'
            )
        parts.append(body)
    return f'<div data-role="context" style="{TEXT}; {MUTED}; padding: 0 8px">{chr(10).join(parts)}</div>'


def _fold(first: int, last: int, ctx: _Ctx) -> str:
    """Unchanged lines folded into a <details>, capped at the fold budget (head and tail kept)."""
    if first > last:
        return ""
    start, end = ctx.lines.span(first, last)
    body = _capped(start, end, ctx.limits.fold_chars, ctx)
    count = last - first + 1
    return (
        f'<details data-role="unchanged" style="margin: 2px 0"><summary style="{SANS}; font-size: 12px; {MUTED}; '
        f'cursor: pointer">\u22ef {count:,} unchanged line{"s" if count != 1 else ""} ({esc(span_label(first, last))})'
        f"{_kept_note(first, last, ctx)}</summary>"
        f'<div style="{TEXT}; padding: 0 8px">{body}</div></details>'
    )


def _header(result: Result, ctx: _Ctx, groups: list[ChangeGroup], spans: list[tuple[int, int]]) -> str:
    removed, changed = result.counts("remove"), result.counts()
    chips = []
    for name in dict.fromkeys([*result.filters, *changed]):
        n_removed, n_rewritten = removed.get(name, 0), changed.get(name, 0) - removed.get(name, 0)
        if not (n_removed or n_rewritten):
            continue
        parts = [f"{n_removed} removed"] if n_removed else []
        parts += [f"{n_rewritten} rewritten"] if n_rewritten else []
        rgb = ctx.colours[name]
        chips.append(
            f'<span data-filter="{esc(name)}" style="border-left: 3px solid rgb({rgb}); '
            f'background: rgba({rgb}, 0.14); padding: 0 4px; margin-right: 6px; white-space: nowrap">'
            f"<b>{esc(name)}</b>: {', '.join(parts)}</span>"
        )
    what = "".join(chips) if chips else "no changes "
    places = f"{len(groups)} place{'s' if len(groups) != 1 else ''}" if groups else ""
    drop = f" &middot; <b>drop</b>: {esc(result.drop_reason)}" if result.drop_reason else ""
    sizes = f"{len(result.input):,} \u2192 {len(result.text):,} chars"
    top = (
        f'<div data-role="header" style="{SANS}; font-size: 13px; margin-bottom: 4px"><b>newsclean</b> &middot; '
        f"{what}{' &middot; ' + places if places else ''} &middot; {sizes}{drop}</div>"
    )
    if not groups:
        return top
    shown = min(len(groups), ctx.limits.groups)
    links = []
    for number in range(1, shown + 1):
        group, (first, last) = groups[number - 1], spans[number - 1]
        name, rule, _, kind = group.key
        preview = " ".join(s.before.strip() for s in group.changed)[:90]
        label = name if rule == name else f"{name}/{rule}"
        links.append(
            f'<li style="white-space: nowrap; overflow: hidden; text-overflow: ellipsis">'
            f'<a href="#{ctx.uid}-g{number}" style="color: inherit">#{number} {esc(span_label(first, last))}</a> '
            f'{chip(label, ctx.colours[name])} <span style="{MUTED}">{"removed" if kind == "removed" else "rewritten"}:</span> '
            f"{visible(preview)}</li>"
        )
    more = ""
    if len(groups) > shown:
        rest = sum(len(g.changed) for g in groups[shown:])
        more = (
            f'<div data-role="capped" style="{SANS}; font-size: 12px">Showing the first {shown} of {len(groups)} places; '
            f"{rest:,} more changes are in <code>result.changes</code>.</div>"
        )
    return (
        f'{top}<ol data-role="toc" style="{SANS}; font-size: 12px; margin: 0 0 4px 0; padding-left: 2.2em; '
        f'max-width: 100%">{"".join(links)}</ol>{more}'
    )


def _body(groups: list[ChangeGroup], spans: list[tuple[int, int]], ctx: _Ctx) -> str:
    parts: list[str] = []
    context = ctx.limits.context
    shown = min(len(groups), ctx.limits.groups)
    next_line = 1  # the first line not drawn yet
    for number in range(1, shown + 1):
        group, (first, last) = groups[number - 1], spans[number - 1]
        before_from = max(first - context, next_line)
        parts.append(_fold(next_line, before_from - 1, ctx))
        parts.append(_context(before_from, first - 1, ctx))
        parts.append(_card(group, number, first, last, ctx))
        upto = min(last + context, len(ctx.lines))
        if number < shown:
            upto = min(upto, spans[number][0] - 1)
        if number == shown and shown < len(groups):
            upto = last
        parts.append(_context(last + 1, upto, ctx))
        next_line = max(next_line, upto + 1)
    if shown < len(groups):
        rest_lines = len(ctx.lines) - next_line + 1
        parts.append(
            f'<div data-role="capped" style="{SANS}; font-size: 12px; margin-top: 4px">\u2026 {len(groups) - shown} more '
            f"places and {rest_lines:,} more lines not drawn (see <code>result.changes</code>).</div>"
        )
    else:
        parts.append(_fold(next_line, len(ctx.lines), ctx))
    return "".join(parts)


def result_html(result: Result, *, limits: Limits | None = None) -> str:
    """The notebook view of a result: counts and jump links, then each change group with its reason, in context.

    Removed text keeps its own characters on a coloured background with a
    label; a rewrite shows before -> after; a removed duplicate shows the kept
    copy beside it with the differing characters marked. All text is escaped
    and styles are inline, so the HTML stands alone.

    >>> import newsclean
    >>> html = result_html(newsclean.explain("<b>Hi</b>\\nAdvertisement"))
    >>> "&lt;b&gt;Hi&lt;/b&gt;" in html and "<b>Hi</b>" not in html
    True
    """
    limits = limits or Limits()
    colours = filter_colours([*result.filters, *(c.filter for c in result.changes)])
    try:
        segments, counterparts = annotate_with_counterparts(result)
    except ReplayError as exc:  # show what we can rather than fail inside a notebook
        body = f'<div style="{SANS}">{esc(str(exc))}; showing the output text</div><div style="{TEXT}">{esc(result.text)}</div>'
        return f'<div class="newsclean-result">{body}</div>'
    ctx = _Ctx(result, colours, _Lines(result.input), counterparts, limits, _uid(result))
    groups = change_groups(segments)
    spans = [_first_last_lines(g, ctx.lines) for g in groups]
    for number, group in enumerate(groups[: limits.groups], 1):
        for _, counterpart in (_pairs(group, ctx) or []) if group.key[3] == "removed" else []:
            ctx.kept.setdefault(ctx.lines.line_of(counterpart.start), number)
    return (
        f'<div class="newsclean-result" style="color: inherit; max-width: 100%">{_header(result, ctx, groups, spans)}'
        f"{_body(groups, spans, ctx)}</div>"
    )
