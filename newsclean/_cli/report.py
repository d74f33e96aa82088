"""What the command line shows people: the progress bar, the summary line, diffs and the stats table."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from newsclean._core.changes import Change
from newsclean._cli.work import Outcome

__all__ = ["Progress", "Tally", "render_change", "render_progress", "render_stats"]

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
    """Counts over a run: documents, changes per filter, failures."""

    docs: int = 0
    changed: int = 0
    dropped: int = 0
    failed: int = 0
    bytes: int = 0
    per_filter: dict[str, list[int]] = field(default_factory=dict)  # name -> [docs, removed, other]

    def add(self, outcome: Outcome) -> None:
        """Count one document's outcome."""
        self.docs += 1
        self.bytes += outcome.size
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
        noun = "document" if self.docs == 1 else "documents"
        parts = [f"{self.docs:,} {noun}", f"{self.changed:,} changed", f"{self.dropped:,} dropped"]
        parts.append(f"{self.failed:,} failed")
        if skipped:
            parts.append(f"{skipped:,} skipped")
        tail = f" with {workers} workers" if workers > 1 else ""
        return f"newsclean: {', '.join(parts)} in {elapsed:.1f} s{tail}"


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


def render_change(change: Change, *, color: bool, field: str | None = None) -> str:
    """A change for the terminal: ``-`` removed block, or ``~`` before and ``>`` after, then why.

    >>> from newsclean import Change
    >>> ad = Change("placeholders", "ad_label", "remove", 2, 16, "Advertisement\\n", "",
    ...             "an ad label", line=2, block="Advertisement")
    >>> print(render_change(ad, color=False))
    - L2  Advertisement
          placeholders/ad_label: an ad label
    """
    where = f"L{change.line}" + (f" {field}" if field else "")
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
    noun = "document" if tally.docs == 1 else "documents"
    counts = f"{tally.changed:,} changed, {tally.dropped:,} dropped, {tally.failed:,} failed"
    lines.append(f"{tally.docs:,} {noun}: {counts}")
    return "\n".join(lines)
