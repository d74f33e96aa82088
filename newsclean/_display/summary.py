"""How often each filter fired over many documents: a small, mergeable summary.

:func:`summarize` folds :class:`~newsclean.Result` objects into a
:class:`CorpusSummary`. Summaries add up with ``+`` (and ``sum()``), so each
worker of a distributed job can summarise its own share and the partial
summaries merge in any order. No pandas needed; :meth:`CorpusSummary.to_frame`
and :meth:`CorpusSummary.plot` import pandas and matplotlib only when called.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsclean._core.errors import require_extra

if TYPE_CHECKING:
    from newsclean._core.pipeline import Result

__all__ = ["CorpusSummary", "FilterStats", "summarize"]


@dataclass(frozen=True, slots=True)
class FilterStats:
    """One filter's activity over a corpus.

    ``documents`` is how many documents the filter changed, ``removed`` how
    many blocks it removed, ``replaced`` how many blocks (or spans) it rewrote.
    """

    name: str
    documents: int = 0
    removed: int = 0
    replaced: int = 0

    def __add__(self, other: FilterStats) -> FilterStats:
        return FilterStats(
            self.name,
            self.documents + other.documents,
            self.removed + other.removed,
            self.replaced + other.replaced,
        )


@dataclass(frozen=True, slots=True, repr=False)
class CorpusSummary:
    """Counts over many results: documents changed and dropped, and per-filter activity.

    Build it with :func:`summarize`; merge partial summaries with ``+``. Filters
    appear in the order first seen (pipeline order), including those that never
    fired, so a zero is visible.

    >>> import newsclean
    >>> from newsclean._display.summary import summarize
    >>> s = summarize(newsclean.explain(t) for t in ["Calm day.", "Calm night."])
    >>> (s.documents, s.changed, s.dropped)
    (2, 0, 0)
    >>> (s + s).documents
    4
    """

    documents: int = 0
    changed: int = 0
    dropped: int = 0
    chars_in: int = 0
    chars_out: int = 0
    filters: tuple[FilterStats, ...] = ()
    drop_reasons: tuple[tuple[str, int], ...] = ()

    @property
    def by_filter(self) -> dict[str, FilterStats]:
        """The per-filter stats keyed by filter name, in order."""
        return {f.name: f for f in self.filters}

    def __add__(self, other: object) -> CorpusSummary:
        if not isinstance(other, CorpusSummary):
            return NotImplemented
        merged = self.by_filter
        for stats in other.filters:
            merged[stats.name] = merged[stats.name] + stats if stats.name in merged else stats
        reasons = Counter(dict(self.drop_reasons))
        reasons.update(dict(other.drop_reasons))
        return CorpusSummary(
            documents=self.documents + other.documents,
            changed=self.changed + other.changed,
            dropped=self.dropped + other.dropped,
            chars_in=self.chars_in + other.chars_in,
            chars_out=self.chars_out + other.chars_out,
            filters=tuple(merged.values()),
            drop_reasons=tuple(sorted(reasons.items())),
        )

    def __radd__(self, other: object) -> CorpusSummary:
        if other == 0:  # sum() starts from 0
            return self
        return NotImplemented

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (see :meth:`from_dict` for the way back)."""
        return {
            "documents": self.documents,
            "changed": self.changed,
            "dropped": self.dropped,
            "chars_in": self.chars_in,
            "chars_out": self.chars_out,
            "filters": {f.name: {"documents": f.documents, "removed": f.removed, "replaced": f.replaced} for f in self.filters},
            "drop_reasons": dict(self.drop_reasons),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CorpusSummary:
        """Rebuild a summary written by :meth:`to_dict`."""
        return cls(
            documents=data["documents"],
            changed=data["changed"],
            dropped=data["dropped"],
            chars_in=data.get("chars_in", 0),
            chars_out=data.get("chars_out", 0),
            filters=tuple(FilterStats(name, **stats) for name, stats in data.get("filters", {}).items()),
            drop_reasons=tuple(sorted(data.get("drop_reasons", {}).items())),
        )

    def __repr__(self) -> str:
        fired = ", ".join(f"{f.name}: {f.documents}" for f in self.filters if f.documents) or "no filter fired"
        return f"<CorpusSummary {self.documents} documents, {self.changed} changed, {self.dropped} dropped ({fired})>"

    def _header(self) -> str:
        line = f"documents: {self.documents}, changed: {self.changed}, dropped: {self.dropped}"
        if self.drop_reasons:
            line += " (" + ", ".join(f"{reason}: {n}" for reason, n in self.drop_reasons) + ")"
        return line + f"; chars: {self.chars_in:,} -> {self.chars_out:,}"

    def __str__(self) -> str:
        width = max([len("filter"), *(len(f.name) for f in self.filters)])
        rows = [self._header(), f"{'filter':<{width}}  documents  removed  replaced"]
        for f in self.filters:
            rows.append(f"{f.name:<{width}}  {f.documents:>9}  {f.removed:>7}  {f.replaced:>8}")
        return "\n".join(rows)

    def _repr_html_(self) -> str:
        from newsclean._display.result import filter_colours

        colours = filter_colours(f.name for f in self.filters)
        cells = "".join(
            f'<tr><td style="text-align: left; border-left: 3px solid rgb({colours[f.name]})">'
            f"{html.escape(f.name)}</td><td>{f.documents}</td><td>{f.removed}</td><td>{f.replaced}</td></tr>"
            for f in self.filters
        )
        head = "".join(f"<th>{h}</th>" for h in ("filter", "documents changed", "blocks removed", "other changes"))
        return (
            f'<div class="newsclean-summary"><div>{html.escape(self._header())}</div>'
            f'<table style="text-align: right"><thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table></div>'
        )

    def to_frame(self) -> Any:
        """The per-filter table as a pandas DataFrame indexed by filter name (needs pandas)."""
        pd: Any = require_extra("pandas", "pandas")
        frame = pd.DataFrame(
            [(f.documents, f.removed, f.replaced) for f in self.filters],
            index=pd.Index([f.name for f in self.filters], name="filter"),
            columns=["documents", "removed", "replaced"],
        )
        return frame

    def plot(self, ax: Any = None) -> Any:
        """A horizontal bar chart of documents changed and blocks removed per filter (needs matplotlib).

        Draws on *ax* if given, else on a new figure; returns the Axes.
        """
        require_extra("matplotlib", "notebook")
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(6, 0.5 + 0.45 * max(len(self.filters), 1)))
        names = [f.name for f in self.filters]
        positions = range(len(names))
        height = 0.4
        ax.barh([p - height / 2 for p in positions], [f.documents for f in self.filters], height, label="documents changed")
        ax.barh([p + height / 2 for p in positions], [f.removed for f in self.filters], height, label="blocks removed")
        ax.set_yticks(list(positions))
        ax.set_yticklabels(names)
        ax.invert_yaxis()  # pipeline order, top to bottom
        ax.set_xlabel("count")
        ax.set_title(f"newsclean over {self.documents} documents")
        ax.legend(loc="lower right")
        return ax


def summarize(results: Iterable[Result]) -> CorpusSummary:
    """Count what the filters did over many results.

    Use it on the results of a corpus run (a list, a generator, one Dask
    partition). It only reads the results. Raises ``TypeError`` for anything
    that is not a :class:`~newsclean.Result` (skip missing values first).

    >>> import newsclean
    >>> print(summarize([newsclean.explain("Calm day.")]))
    documents: 1, changed: 0, dropped: 0; chars: 9 -> 9
    filter        documents  removed  replaced
    mojibake              0        0         0
    placeholders          0        0         0
    double_post           0        0         0
    embeds                0        0         0
    """
    from newsclean._core.pipeline import Result

    documents = changed = dropped = chars_in = chars_out = 0
    stats: dict[str, list[int]] = {}
    reasons: Counter[str] = Counter()
    for result in results:
        if not isinstance(result, Result):
            raise TypeError(
                f"summarize() needs newsclean Result objects (from explain()), got {type(result).__name__}"
            )
        documents += 1
        changed += result.changed
        chars_in += len(result.input)
        chars_out += len(result.text)
        if result.drop_reason is not None:
            dropped += 1
            reasons[result.drop_reason] += 1
        for name in result.filters:
            stats.setdefault(name, [0, 0, 0])
        for change in result.changes:
            row = stats.setdefault(change.filter, [0, 0, 0])
            row[1 if change.action == "remove" else 2] += 1
        for name in {c.filter for c in result.changes}:
            stats[name][0] += 1
    return CorpusSummary(
        documents=documents,
        changed=changed,
        dropped=dropped,
        chars_in=chars_in,
        chars_out=chars_out,
        filters=tuple(FilterStats(name, *row) for name, row in stats.items()),
        drop_reasons=tuple(sorted(reasons.items())),
    )
