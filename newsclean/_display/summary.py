"""How often each filter fired over many documents: a small, mergeable summary.

:func:`summarize` folds :class:`~newsclean.Result` objects into a
:class:`CorpusSummary`. Summaries add up with ``+`` (and ``sum()``), so each
worker of a distributed job can summarise its own share and the partial
summaries merge in any order. No pandas needed; :meth:`CorpusSummary.to_frame`
and :meth:`CorpusSummary.plot` import pandas and matplotlib only when called.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsclean._core.changes import Change
from newsclean._core.errors import require_extra
from newsclean._core.result import tally_changes

if TYPE_CHECKING:
    from newsclean._core.pipeline import Result

__all__ = ["CorpusSummary", "FilterStats", "Loss", "Sample", "SiteStats", "SummaryBuilder", "site_of", "summarize"]

#: Documents kept per filter as samples, and documents listed as losing the most.
SAMPLES_PER_FILTER = 3
MOST_LOST = 10
#: Removed blocks longer than this are not counted as "removed lines": they are
#: content copies (double posts), not the short boilerplate lines worth ranking.
MAX_LINE_CHARS = 200


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


@dataclass(frozen=True, slots=True)
class SiteStats:
    """One site's documents: how many, how many changed, characters in and out, changes per filter.

    ``lines`` counts the site's removed lines as ``(filter, line, count)``, most
    frequent first: with a site profile, the boilerplate learned for the site.
    """

    name: str
    documents: int = 0
    changed: int = 0
    chars_in: int = 0
    chars_out: int = 0
    filters: tuple[tuple[str, int], ...] = ()
    lines: tuple[tuple[str, str, int], ...] = ()

    def __add__(self, other: SiteStats) -> SiteStats:
        merged = Counter(dict(self.filters))
        merged.update(dict(other.filters))
        lines: Counter[tuple[str, str]] = Counter({(f, line): n for f, line, n in self.lines})
        lines.update({(f, line): n for f, line, n in other.lines})
        return SiteStats(
            self.name,
            self.documents + other.documents,
            self.changed + other.changed,
            self.chars_in + other.chars_in,
            self.chars_out + other.chars_out,
            _ordered(merged, [*dict(self.filters), *dict(other.filters)]),
            _ranked_lines(lines),
        )


def _ranked_lines(lines: Mapping[tuple[str, str], int]) -> tuple[tuple[str, str, int], ...]:
    return tuple((f, line, n) for (f, line), n in sorted(lines.items(), key=lambda item: (-item[1], item[0])))


@dataclass(frozen=True, slots=True)
class Sample:
    """A document kept to show what *filter* does: its position in the corpus, the whole result, its label and site."""

    filter: str
    ordinal: int
    result: Result
    ident: str | None = None
    site: str | None = None

    @property
    def label(self) -> str:
        """The document's id, or ``document N`` (1-based) when it has none."""
        return self.ident if self.ident is not None else f"document {self.ordinal + 1}"


@dataclass(frozen=True, slots=True, order=True)
class Loss:
    """A document that lost many characters: ``lost`` first so that the biggest sort last; ``ordinal`` breaks ties."""

    lost: int
    ordinal: int
    ident: str | None
    chars_in: int
    filters: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The document's id, or ``document N`` (1-based) when it has none."""
        return self.ident if self.ident is not None else f"document {self.ordinal + 1}"


def _ordered(counter: Mapping[str, int], order: Iterable[str]) -> tuple[tuple[str, int], ...]:
    return tuple((name, counter[name]) for name in dict.fromkeys(order) if counter.get(name))


def _most_lost(losses: Iterable[Loss]) -> tuple[Loss, ...]:
    """The documents that lost the most, biggest first; the earlier document wins a tie."""
    return tuple(sorted(losses, key=lambda x: (-x.lost, x.ordinal))[:MOST_LOST])


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
    rules: tuple[tuple[str, int], ...] = ()
    removed_lines: tuple[tuple[str, int], ...] = ()
    sites: tuple[SiteStats, ...] = ()
    samples: tuple[Sample, ...] = ()
    most_lost: tuple[Loss, ...] = ()

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
        rules = Counter(dict(self.rules))
        rules.update(dict(other.rules))
        lines = Counter(dict(self.removed_lines))
        lines.update(dict(other.removed_lines))
        sites = {site.name: site for site in self.sites}
        for site in other.sites:
            sites[site.name] = sites[site.name] + site if site.name in sites else site
        samples = list(self.samples)
        per_filter = Counter(sample.filter for sample in samples)
        for sample in other.samples:
            if per_filter[sample.filter] < SAMPLES_PER_FILTER:
                per_filter[sample.filter] += 1
                samples.append(replace(sample, ordinal=sample.ordinal + self.documents))
        shifted = (replace(loss, ordinal=loss.ordinal + self.documents) for loss in other.most_lost)
        return CorpusSummary(
            documents=self.documents + other.documents,
            changed=self.changed + other.changed,
            dropped=self.dropped + other.dropped,
            chars_in=self.chars_in + other.chars_in,
            chars_out=self.chars_out + other.chars_out,
            filters=tuple(merged.values()),
            drop_reasons=tuple(sorted(reasons.items())),
            rules=_ordered(rules, [*dict(self.rules), *dict(other.rules)]),
            removed_lines=tuple(sorted(lines.items(), key=lambda item: (-item[1], item[0]))),
            sites=tuple(sorted(sites.values(), key=lambda site: site.name)),
            samples=tuple(samples),
            most_lost=_most_lost([*self.most_lost, *shifted]),
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
            "rules": dict(self.rules),
            "removed_lines": [[line, n] for line, n in self.removed_lines],
            "sites": {
                site.name: {
                    "documents": site.documents,
                    "changed": site.changed,
                    "chars_in": site.chars_in,
                    "chars_out": site.chars_out,
                    "filters": dict(site.filters),
                    "lines": [list(entry) for entry in site.lines],
                }
                for site in self.sites
            },
            "samples": [
                {
                    "filter": sample.filter,
                    "ordinal": sample.ordinal,
                    "ident": sample.ident,
                    "site": sample.site,
                    "input": sample.result.input,
                    "text": sample.result.text,
                    "filters": list(sample.result.filters),
                    "drop_reason": sample.result.drop_reason,
                    "changes": [c.to_dict() for c in sample.result.changes],
                }
                for sample in self.samples
            ],
            "most_lost": [
                {"lost": x.lost, "ordinal": x.ordinal, "ident": x.ident, "chars_in": x.chars_in, "filters": list(x.filters)}
                for x in self.most_lost
            ],
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
            rules=tuple(data.get("rules", {}).items()),
            removed_lines=tuple((line, n) for line, n in data.get("removed_lines", [])),
            sites=tuple(
                SiteStats(
                    name,
                    s["documents"],
                    s["changed"],
                    s["chars_in"],
                    s["chars_out"],
                    tuple(s["filters"].items()),
                    tuple((f, line, n) for f, line, n in s.get("lines", [])),
                )
                for name, s in data.get("sites", {}).items()
            ),
            samples=tuple(_sample_from_dict(sample) for sample in data.get("samples", [])),
            most_lost=tuple(
                Loss(x["lost"], x["ordinal"], x["ident"], x["chars_in"], tuple(x["filters"])) for x in data.get("most_lost", [])
            ),
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
        from newsclean._display.report import report_fragment

        return report_fragment(self)

    def to_html(self, *, title: str = "newsclean report") -> str:
        """The corpus report as one self-contained HTML page: no script, no external resource.

        Totals, per-filter and per-rule counts with bars, the per-site breakdown
        (when sites were given), the most frequent removed lines, the documents
        that lost the most and a few sample documents per filter drawn with the
        change display. It opens from disk in any browser.
        """
        from newsclean._display.report import report_page

        return report_page(self, title=title)

    def save_html(self, path: str | Path, *, title: str = "newsclean report") -> Path:
        """Write :meth:`to_html` to *path* (UTF-8) and return the path."""
        target = Path(path)
        target.write_text(self.to_html(title=title), encoding="utf-8")
        return target

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


def _sample_from_dict(data: Mapping[str, Any]) -> Sample:
    from newsclean._core.pipeline import Result

    result = Result(
        data["input"],
        data["text"],
        tuple(Change.from_dict(c) for c in data["changes"]),
        tuple(data["filters"]),
        data.get("drop_reason"),
    )
    return Sample(data["filter"], data["ordinal"], result, data.get("ident"), data.get("site"))


def site_of(value: object) -> str | None:
    """A site name from a field value: the host of a URL or a host name, lowercased, without ``www.``.

    >>> site_of("https://www.example.com/a/b"), site_of("example.org"), site_of("")
    ('example.com', 'example.org', None)
    """
    if not isinstance(value, str) or not value.strip():
        return None
    from newsclean._profiles.learn import site_key  # the key site profiles are stored under

    return site_key(value) or None


class SummaryBuilder:
    """Fold results into a :class:`CorpusSummary` one at a time, with an optional label and site each.

    Use it where the results come with metadata (the ``newsclean report``
    command passes each record's id and site); :func:`summarize` uses it
    without. Memory stays bounded by the distinct short removed lines, the
    sites and a few samples.
    """

    def __init__(self) -> None:
        self._counts = [0, 0, 0, 0, 0]  # documents, changed, dropped, chars_in, chars_out
        self._stats: dict[str, list[int]] = {}
        self._reasons: Counter[str] = Counter()
        self._rules: Counter[str] = Counter()
        self._lines: Counter[str] = Counter()
        self._sites: dict[str, SiteStats] = {}
        self._samples: list[Sample] = []
        self._per_filter: Counter[str] = Counter()
        self._lost: list[Loss] = []

    def add(self, result: Result, *, ident: str | None = None, site: str | None = None) -> None:
        """Count one result; *ident* labels it in the report, *site* groups it."""
        from newsclean._core.pipeline import Result

        if not isinstance(result, Result):
            raise TypeError(f"summarize() needs newsclean Result objects (from explain()), got {type(result).__name__}")
        ordinal = self._counts[0]
        counts = self._counts
        counts[0] += 1
        counts[1] += result.changed
        counts[2] += result.drop_reason is not None
        counts[3] += len(result.input)
        counts[4] += len(result.text)
        if result.drop_reason is not None:
            self._reasons[result.drop_reason] += 1
        for name in result.filters:
            self._stats.setdefault(name, [0, 0, 0])
        tally = tally_changes(result.changes, result.filters)
        fired = {name: t.total for name, t in tally.items()}
        for name, t in tally.items():
            row = self._stats.setdefault(name, [0, 0, 0])
            row[1] += t.removed
            row[2] += t.replaced
        site_lines: Counter[tuple[str, str]] = Counter()
        for change in result.changes:
            self._rules[f"{change.filter}/{change.rule}"] += 1
            line = change.block.strip()
            if change.action == "remove" and line and len(line) <= MAX_LINE_CHARS:
                self._lines[line] += 1
                site_lines[(change.filter, line)] += 1
        for name in fired:
            self._stats[name][0] += 1
            if self._per_filter[name] < SAMPLES_PER_FILTER:
                self._per_filter[name] += 1
                self._samples.append(Sample(name, ordinal, result, ident, site))
        if site is not None:
            one = SiteStats(
                site, 1, int(result.changed), len(result.input), len(result.text), tuple(fired.items()), _ranked_lines(site_lines)
            )
            self._sites[site] = self._sites[site] + one if site in self._sites else one
        lost = len(result.input) - len(result.text)
        if lost > 0:
            self._lost.append(Loss(lost, ordinal, ident, len(result.input), tuple(fired)))
            if len(self._lost) > 4 * MOST_LOST:  # keep the list short without sorting on every document
                self._lost = list(_most_lost(self._lost))

    def summary(self) -> CorpusSummary:
        """The summary of everything added so far."""
        documents, changed, dropped, chars_in, chars_out = self._counts
        return CorpusSummary(
            documents=documents,
            changed=changed,
            dropped=dropped,
            chars_in=chars_in,
            chars_out=chars_out,
            filters=tuple(FilterStats(name, *row) for name, row in self._stats.items()),
            drop_reasons=tuple(sorted(self._reasons.items())),
            rules=tuple(self._rules.items()),
            removed_lines=tuple(sorted(self._lines.items(), key=lambda item: (-item[1], item[0]))),
            sites=tuple(sorted(self._sites.values(), key=lambda site: site.name)),
            samples=tuple(self._samples),
            most_lost=_most_lost(self._lost),
        )


def summarize(results: Iterable[Result]) -> CorpusSummary:
    """Count what the filters did over many results.

    Use it on the results of a corpus run (a list, a generator, one Dask
    partition). It only reads the results. Raises ``TypeError`` for anything
    that is not a :class:`~newsclean.Result` (skip missing values first).
    To label documents or group them by site, use :class:`SummaryBuilder`.

    >>> from newsclean import Pipeline, PlaceholderFilter
    >>> print(summarize([Pipeline(PlaceholderFilter()).explain("Calm day.")]))
    documents: 1, changed: 0, dropped: 0; chars: 9 -> 9
    filter        documents  removed  replaced
    placeholders          0        0         0
    """
    builder = SummaryBuilder()
    for result in results:
        builder.add(result)
    return builder.summary()
