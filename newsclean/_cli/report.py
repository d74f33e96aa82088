"""What the command line shows people: the progress bar, the summary line, diffs and the stats table."""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from dataclasses import dataclass, field
from typing import TextIO

from newsclean._core.changes import Change
from newsclean._cli.work import Outcome

__all__ = [
    "Progress",
    "Tally",
    "in_input_order",
    "render_change",
    "render_changes",
    "render_header",
    "render_progress",
    "render_stats",
]

_BAR_WIDTH = 24
_REDRAW_SECONDS = 0.1


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def render_progress(docs: int, done_bytes: int, total_bytes: int | None, elapsed: float) -> str:
    """One line of progress: documents, a bar and ETA when the total size is known, docs/s.

    The fraction is by bytes, so it moves smoothly through one large JSON lines file.

    >>> render_progress(1500, 250, 1000, 3.0)
    '[######------------------]  25% 1,500 docs  500 docs/s  ETA 0:09'
    >>> render_progress(10, 5, None, 2.0)
    '10 docs  5 docs/s'
    """
    rate = f"{docs / elapsed:,.0f} docs/s" if elapsed > 0 else "- docs/s"
    if not total_bytes:
        return f"{docs:,} docs  {rate}"
    fraction = min(done_bytes / total_bytes, 1.0)
    filled = int(fraction * _BAR_WIDTH)
    bar = "#" * filled + "-" * (_BAR_WIDTH - filled)
    eta = _duration(elapsed * (1 - fraction) / fraction) if fraction > 0 else "?"
    return f"[{bar}] {fraction:4.0%} {docs:,} docs  {rate}  ETA {eta}"


@dataclass
class Tally:
    """Counts over a run: documents, changes per filter, failures.

    Blank JSON lines are not documents: they are counted apart. ``records``
    counts JSON records and ``with_field`` those that had a field to clean;
    ``keys`` counts the fields of the records that had none.
    """

    docs: int = 0
    changed: int = 0
    dropped: int = 0
    failed: int = 0
    bytes: int = 0
    per_filter: dict[str, list[int]] = field(default_factory=dict)  # name -> [docs, removed, other]
    blank: int = 0
    records: int = 0
    with_field: int = 0
    keys: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    unlisted: int = 0
    resumed: int = 0

    @property
    def field_missing(self) -> bool:
        """JSON records were read and none had a field to clean (a misspelled ``--field``?)."""
        return bool(self.records) and not self.with_field

    def exit_code(self) -> int:
        """0, or 1 when documents failed, folders could not be listed, or no record had the field."""
        return 1 if self.failed or self.unlisted or self.field_missing else 0

    def keys_text(self) -> str:
        """The fields the records without a field to clean do have, most common first.

        >>> Tally(keys={"url": 3, "text": 3, "id": 1}).keys_text()
        "'text' (3), 'url' (3), 'id' (1)"
        """
        if not self.keys:
            return "no fields"
        ranked = sorted(self.keys.items(), key=lambda kv: (-kv[1], kv[0]))
        return ", ".join(f"{name!r} ({n:,})" for name, n in ranked)

    def add(self, outcome: Outcome) -> None:
        """Count one document's outcome."""
        self.bytes += outcome.size
        if outcome.blank:
            self.blank += 1
            return
        self.docs += 1
        if outcome.has_field is not None:
            self.records += 1
            self.with_field += outcome.has_field
            for key in outcome.keys:
                self.keys[key] = self.keys.get(key, 0) + 1
        self.failed += outcome.error is not None
        self.dropped += outcome.dropped
        self.changed += bool(outcome.counts)
        for name, removed, other in outcome.counts:
            slot = self.per_filter.setdefault(name, [0, 0, 0])
            slot[0] += 1
            slot[1] += removed
            slot[2] += other

    def summary(self, elapsed: float, *, skipped: int = 0, workers: int = 1) -> str:
        """The one-line summary printed at the end of every run.

        >>> Tally(docs=3, changed=1, failed=1).summary(0.5, skipped=2, workers=2)
        'newsclean: 3 documents, 1 changed, 0 dropped, 1 failed, 2 skipped in 0.5 s with 2 workers'
        """
        tail = f" with {workers} workers" if workers > 1 else ""
        return f"newsclean: {', '.join(self.counts(skipped=skipped))} in {elapsed:.1f} s{tail}"

    def counts(self, *, skipped: int = 0) -> list[str]:
        """Documents, changed, dropped, failed, and the extras when there are any.

        >>> Tally(docs=2, changed=1, blank=1, unlisted=1, resumed=4).counts(skipped=3)
        ['2 documents', '1 changed', '0 dropped', '0 failed', '3 skipped', '1 folder unreadable', '4 already done', '1 blank line']
        """
        noun = "document" if self.docs == 1 else "documents"
        parts = [f"{self.docs:,} {noun}", f"{self.changed:,} changed", f"{self.dropped:,} dropped"]
        parts.append(f"{self.failed:,} failed")
        for number, one, many in (
            (skipped, "skipped", "skipped"),
            (self.unlisted, "folder unreadable", "folders unreadable"),
            (self.resumed, "already done", "already done"),
            (self.blank, "blank line", "blank lines"),
        ):
            if number:
                parts.append(f"{number:,} {one if number == 1 else many}")
        return parts


class Progress:
    """A progress line redrawn on stderr at most ten times a second; silent when not enabled."""

    def __init__(self, stream: TextIO, *, enabled: bool, total_bytes: int | None) -> None:
        self.stream = stream
        self.enabled = enabled
        self.total_bytes = total_bytes
        self.started = time.monotonic()
        self._last_draw = -1.0
        self._shown = False

    def update(self, tally: Tally) -> None:
        """Redraw if enough time passed since the last draw (the first update always draws)."""
        if not self.enabled:
            return
        now = time.monotonic()
        if self._shown and now - self._last_draw < _REDRAW_SECONDS:
            return
        self._last_draw = now
        self._shown = True
        line = render_progress(tally.docs, tally.bytes, self.total_bytes, now - self.started)
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()

    def message(self, text: str) -> None:
        """Print a line (an error report) without mixing it into the bar."""
        self.clear()
        self.stream.write(text + "\n")
        self.stream.flush()

    def clear(self) -> None:
        """Erase the bar, so the next line starts clean."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self._shown = False

    def elapsed(self) -> float:
        """Seconds since the run started."""
        return time.monotonic() - self.started


# -- diff ----------------------------------------------------------------------

_RED, _GREEN, _DIM, _STRIKE, _BOLD, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[9m", "\x1b[1m", "\x1b[0m"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{_RESET}" if color and text else text


def render_change(change: Change, *, color: bool, field: str | None = None, line: int | None = None) -> str:
    """A change for the terminal: ``-`` removed block, or ``~`` before and ``>`` after, then why.

    >>> from newsclean import Change
    >>> ad = Change("placeholders", "ad_label", "remove", 2, 16, "Advertisement\\n", "",
    ...             "an ad label", line=2, block="Advertisement")
    >>> print(render_change(ad, color=False))
    - L2  Advertisement
          placeholders/ad_label: an ad label
    """
    where = f"L{change.line if line is None else line}" + (f" {field}" if field else "")
    at = f" at {change.path}" if change.path else ""  # HTML: which element
    why = _paint(f"{change.filter}/{change.rule}{at}: {change.reason}", _DIM, color)
    pad = " " * (len(where) + 4)
    if change.action == "remove":
        block = _paint(change.block, _RED + _STRIKE, color)
        return f"{_paint('-', _RED, color)} {where}  {block}\n{pad}{why}"
    before = _paint(change.block or change.before, _RED, color)
    after = _paint(change.after, _GREEN, color)
    arrow = " " * (len(where) + 1) + ">"
    return f"{_paint('~', _RED, color)} {where}  {before}\n{_paint(arrow, _GREEN, color)}  {after}\n{pad}{why}"


def in_input_order(changes: Sequence[Change]) -> list[tuple[int, Change]]:
    """``(line in the pipeline's input, change)`` sorted by that line.

    A change's own ``line`` counts lines of the text its filter received, after
    the earlier filters' edits; mapping it back through those edits puts every
    change on the line of the input a reader sees.

    >>> from newsclean import Change
    >>> first = Change("a", "r", "remove", 10, 24, "Advertisement\\n", "", "ad", line=3)
    >>> later = Change("b", "r", "remove", 0, 2, "x\\n", "", "dup", line=5)
    >>> [(line, c.filter) for line, c in in_input_order([first, later])]
    [(3, 'a'), (6, 'b')]
    """
    stages: list[list[Change]] = []
    for change in changes:  # pipeline order: one run of changes per filter
        if not stages or stages[-1][0].filter != change.filter:
            stages.append([])
        stages[-1].append(change)
    maps: list[tuple[list[int], list[int]]] = []  # per stage: output line where an edit ends, lines it took
    for stage in stages:
        shift, positions, deltas = 0, [], []
        for change in sorted(stage, key=lambda c: c.start):
            delta = change.before.count("\n") - change.after.count("\n")
            positions.append(change.line - shift)
            deltas.append(delta)
            shift += delta
        maps.append((positions, [0, *accumulate(deltas)]))
    placed: list[tuple[int, int, int, Change]] = []
    for k, stage in enumerate(stages):
        for change in stage:
            line = change.line
            for positions, sums in reversed(maps[:k]):
                line += sums[bisect_right(positions, line)]
            placed.append((line, k, len(placed), change))
    placed.sort(key=lambda item: item[:3])
    return [(line, change) for line, _, _, change in placed]


def render_changes(changes: Sequence[tuple[str | None, Change]], *, color: bool) -> list[str]:
    """Every change of one document for the terminal, in input line order.

    Removed lines that share a reason are listed together with the reason once
    under them, so an 18-line double post reads as one block.

    >>> from newsclean import Change
    >>> dup = [Change("d", "copy", "remove", i * 2, i * 2 + 2, f"{i}\\n", "", "a copy", line=i + 1, block=str(i))
    ...        for i in range(2)]
    >>> print("\\n".join(render_changes([(None, c) for c in dup], color=False)))
    - L1  0
    - L2  1
          d/copy: a copy
    """
    out: list[str] = []
    fields = list(dict.fromkeys(f for f, _ in changes))
    for name in fields:
        placed = in_input_order([c for f, c in changes if f == name])
        group: list[tuple[int, Change]] = []
        for line, change in placed:
            if group and (change.action != "remove" or _why_key(group[-1][1]) != _why_key(change)):
                out.append(_render_group(group, name, color))
                group = []
            if change.action == "remove":
                group.append((line, change))
            else:
                out.append(render_change(change, color=color, field=name, line=line))
        if group:
            out.append(_render_group(group, name, color))
    return out


def _why_key(change: Change) -> tuple[str, str, str | None, str]:
    return change.filter, change.rule, change.path, change.reason


def _render_group(group: list[tuple[int, Change]], field: str | None, color: bool) -> str:
    rows = []
    pad = ""
    for line, change in group:
        where = f"L{line}" + (f" {field}" if field else "")
        pad = " " * (len(where) + 4)
        rows.append(f"{_paint('-', _RED, color)} {where}  {_paint(change.block, _RED + _STRIKE, color)}")
    last = group[-1][1]
    at = f" at {last.path}" if last.path else ""
    rows.append(pad + _paint(f"{last.filter}/{last.rule}{at}: {last.reason}", _DIM, color))
    return "\n".join(rows)


def render_header(where: str, changes: Sequence[Change], drop_reason: str | None, *, color: bool) -> str:
    """The line above one document's changes: where, how many, per filter.

    >>> render_header("a.txt", [], None, color=False)
    '== a.txt: no changes'
    """
    if not changes:
        return _paint(f"== {where}: no changes", _BOLD, color)
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.filter] = counts.get(change.filter, 0) + 1
    per = ", ".join(f"{name} {n}" for name, n in counts.items())
    noun = "change" if len(changes) == 1 else "changes"
    drop = f"; drop: {drop_reason}" if drop_reason else ""
    return _paint(f"== {where}: {len(changes)} {noun} ({per}){drop}", _BOLD, color)


# -- stats ---------------------------------------------------------------------


def render_stats(tally: Tally, filters: Sequence[str]) -> str:
    """The stats table: per filter, documents changed, blocks removed, other changes.

    >>> t = Tally(docs=2, changed=1, per_filter={"placeholders": [1, 2, 0]})
    >>> print(render_stats(t, ["placeholders", "embeds"]))
    filter        documents changed  blocks removed  other changes
    placeholders                  1               2              0
    embeds                        0               0              0
    all filters                   1               2              0
    <BLANKLINE>
    2 documents: 1 changed, 0 dropped, 0 failed
    """
    head = ("filter", "documents changed", "blocks removed", "other changes")
    names = [*filters, *(name for name in tally.per_filter if name not in filters)]
    rows: list[tuple[str, int, int, int]] = []
    for name in names:
        docs, removed_here, other_here = tally.per_filter.get(name, [0, 0, 0])
        rows.append((name, docs, removed_here, other_here))
    removed = sum(r[2] for r in rows)
    other = sum(r[3] for r in rows)
    rows.append(("all filters", tally.changed, removed, other))
    width = max(len(head[0]), *(len(r[0]) for r in rows))
    lines = [f"{head[0]:<{width}}  {head[1]}  {head[2]}  {head[3]}"]
    for name, docs, rem, oth in rows:
        lines.append(f"{name:<{width}}  {docs:>{len(head[1])},}  {rem:>{len(head[2])},}  {oth:>{len(head[3])},}")
    lines.append("")
    documents, *rest = tally.counts(skipped=tally.skipped)
    lines.append(f"{documents}: {', '.join(rest)}")
    return "\n".join(lines)
