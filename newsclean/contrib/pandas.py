"""pandas integration: the ``.newsclean`` accessor on a Series of article texts.

``import newsclean.contrib.pandas`` registers the accessor (it needs the
``pandas`` extra: ``pip install 'newsclean[pandas]'``)::

    import newsclean.contrib.pandas  # noqa: F401 (registers .newsclean)

    df["clean"] = df["body"].newsclean.clean()          # the cleaned texts
    report = df["body"].newsclean.explain()             # one row per article
    report["result"].newsclean.summary()                # how often each filter fired

Missing values (``None``, ``NaN``, ``pd.NA``) pass through untouched; any
other value that is not a ``str`` raises ``TypeError`` naming its row.

>>> import pandas as pd
>>> import newsclean.contrib.pandas
>>> s = pd.Series(["Calm day.", None], index=["a", "b"], dtype=object)
>>> s.newsclean.clean().tolist()
['Calm day.', None]
>>> list(s.newsclean.explain().columns[:5])
['text', 'changed', 'dropped', 'drop_reason', 'changes']
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsclean._core.errors import require_extra
from newsclean._core.pipeline import Pipeline, Result
from newsclean._display.summary import CorpusSummary, summarize

pd: Any = require_extra("pandas", "pandas")

__all__ = ["NewscleanAccessor"]


def _row_text(label: object, value: object, method: str) -> str:
    """*value* if it is a ``str``; else a ``TypeError`` naming the row and a call on the Series that works."""
    if isinstance(value, str):
        return value
    call = f"Series.newsclean.{method}()"
    kind = type(value).__name__
    if isinstance(value, (list, tuple, set, frozenset)) or kind in ("Series", "ndarray"):
        hint = f"to clean each item as a row of its own, explode the column first: `s.explode().newsclean.{method}()`"
    elif isinstance(value, (bytes, bytearray)):
        hint = (
            "decode the bytes first (other rows kept as they are): "
            f"`s.map(lambda v: v.decode('utf-8') if isinstance(v, bytes) else v).newsclean.{method}()`; "
            "for HTML bytes, `s.map(newsclean.clean_html)` detects each page's encoding"
        )
    else:
        hint = f"convert the column to text first: `s.astype('string').newsclean.{method}()` (missing values stay missing)"
    raise TypeError(f"row {label!r}: {call} needs a str in each row, got {kind}; {hint}")


def _is_missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.api.types.is_scalar(value)) and bool(pd.isna(value)))


@pd.api.extensions.register_series_accessor("newsclean")
class NewscleanAccessor:
    """``Series.newsclean``: clean, explain and summarise a column of article texts."""

    def __init__(self, series: Any) -> None:
        self._series = series

    def _pipeline(self, pipeline: Pipeline | None, method: str) -> Pipeline:
        from newsclean._registry import resolve_pipeline

        return resolve_pipeline(pipeline, function=f"Series.newsclean.{method}")

    def _results(self, pipeline: Pipeline | None, method: str = "clean") -> Iterator[tuple[Any, Result | None]]:
        """(original value, result or None for a missing value) for each row, in order."""
        p = self._pipeline(pipeline, method)
        for label, value in self._series.items():
            if _is_missing(value):
                yield value, None
                continue
            yield value, p.apply(_row_text(label, value, method))

    def clean(self, pipeline: Pipeline | None = None) -> Any:
        """The cleaned texts as a Series with the same index and name; missing values pass through."""
        return self._texts([value if result is None else result.text for value, result in self._results(pipeline)])

    def _texts(self, values: list[Any]) -> Any:
        """*values* as a Series like the input: same index, name and text dtype."""
        s = self._series
        # keep a text dtype (object, or pandas' string dtypes); let pandas infer for anything else
        dtype = s.dtype if s.dtype == object or isinstance(s.dtype, pd.StringDtype) else None
        return pd.Series(values, index=s.index, name=s.name, dtype=dtype)

    def explain(self, pipeline: Pipeline | None = None) -> Any:
        """One row per text: cleaned text, what changed, blocks removed per filter, and the Result.

        Columns: ``text``, ``changed``, ``dropped``, ``drop_reason``,
        ``changes`` (number of change records), ``removed_<filter>`` for each
        filter of the pipeline, and ``result`` (the :class:`~newsclean.Result`,
        ``None`` for a missing value) to drill into one row.
        """
        p = self._pipeline(pipeline, "explain")
        rows = list(self._results(p, "explain"))
        columns: dict[str, Any] = {
            "text": self._texts([value if r is None else r.text for value, r in rows]).rename(None),
            "changed": [r is not None and r.changed for _, r in rows],
            "dropped": [r is not None and r.dropped for _, r in rows],
            "drop_reason": [None if r is None else r.drop_reason for _, r in rows],
            "changes": [0 if r is None else len(r.changes) for _, r in rows],
        }
        removed = [{} if r is None else r.counts("remove") for _, r in rows]
        for name in p.names:
            columns[f"removed_{name}"] = [counts.get(name, 0) for counts in removed]
        frame = pd.DataFrame(columns, index=self._series.index)
        frame["drop_reason"] = frame["drop_reason"].astype(object)
        frame["result"] = pd.Series([r for _, r in rows], index=self._series.index, dtype=object)
        return frame

    def learn(self, sites: Any = None, **options: Any) -> Any:
        """Learn site boilerplate from the texts: one :class:`~newsclean.SiteProfile`, or per site.

        ``sites`` is a Series on the same index holding each row's URL or host
        (turned into site keys): the result is then :class:`~newsclean.SiteProfiles`.
        Without it, all rows are one site. Missing values are left out;
        *options* are those of :func:`newsclean.learn`.

        >>> import pandas as pd, newsclean.contrib.pandas
        >>> s = pd.Series([f"News {i}.\\nListen to our daily podcast" for i in range(4)])
        >>> s.newsclean.learn().clean("Today.\\nListen to our daily podcast")
        'Today.'
        """
        from newsclean._profiles.learn import learn, learn_sites, site_key

        texts = ((label, _row_text(label, value, "learn")) for label, value in self._series.items() if not _is_missing(value))
        if sites is None:
            return learn((text for _, text in texts), **options)
        if not hasattr(sites, "get") or isinstance(sites, str):
            raise TypeError(f"learn(sites=...) needs a Series of URLs or hosts on the same index, got {type(sites).__name__}")
        pairs = []
        for label, text in texts:
            where = sites.get(label)
            if isinstance(where, str):
                pairs.append((site_key(where), text))
        return learn_sites(pairs, **options)

    def near_duplicates(self, *, threshold: float | None = None, options: Any = None, dates: Any = None) -> Any:
        """Clusters of near-duplicate texts (syndicated copies, updated versions), ids being the index labels.

        ``dates`` is an optional Series on the same index (the earliest copy then
        represents its cluster). Missing values are left out. Returns a
        :class:`~newsclean.NearDuplicates`; ``result.mark(label)`` gives a row's
        cluster. Needs the ``dedup`` extra. See :func:`newsclean.near_duplicates`.
        """
        from newsclean._near_dups.search import near_duplicates

        docs = []
        for label, value in self._series.items():
            if _is_missing(value):
                continue
            text = _row_text(label, value, "near_duplicates")
            date = None if dates is None else dates.get(label)
            docs.append((label, text, None if _is_missing(date) else date))
        return near_duplicates(docs, threshold=threshold, options=options)

    def summary(self, pipeline: Pipeline | None = None) -> CorpusSummary:
        """A :class:`~newsclean._display.summary.CorpusSummary` of a Series of Results (or of texts, cleaned first).

        Missing values are skipped. Show it as a table, ``.to_frame()`` it, or
        ``.plot()`` it (needs matplotlib: the ``notebook`` extra).
        """
        p: Pipeline | None = None
        results: list[Result] = []
        for label, value in self._series.items():
            if isinstance(value, Result):
                results.append(value)
            elif isinstance(value, str):
                if p is None:  # not `p or ...`: an empty Pipeline is falsy
                    p = self._pipeline(pipeline, "summary")
                results.append(p.apply(value))
            elif not _is_missing(value):
                raise TypeError(
                    f"row {label!r}: Series.newsclean.summary() needs Results (from .newsclean.explain()) or texts, "
                    f"got {type(value).__name__}; convert the column to text first: "
                    "`s.astype('string').newsclean.summary()`"
                )
        return summarize(results)
