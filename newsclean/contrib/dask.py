"""Clean a large corpus on a Dask cluster: Bags of strings or records, DataFrame columns.

The pipeline is put in the task graph once (``dask.delayed``), so each worker
receives it once and reuses it for every partition; it is never rebuilt per row.
Pipelines are picklable ``str -> str`` callables, so any custom pipeline of
module-level filters works too.

>>> import dask.bag as db
>>> from newsclean.contrib.dask import clean_bag
>>> clean_bag(db.from_sequence(["Hi.\\nAdvertisement", "Ok."], npartitions=1)).compute(scheduler="sync")
['Hi.', 'Ok.']

Needs the ``dask`` extra: ``pip install 'newsclean[dask]'``.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable, Mapping
from typing import Any

from newsclean._core.errors import require_extra
from newsclean._core.pipeline import Pipeline, Result
from newsclean._registry import resolve_pipeline
from newsclean._display.summary import CorpusSummary, summarize
from newsclean._profiles.profile import SiteProfiles

require_extra("dask", "dask")

import dask.bag  # noqa: E402
from dask.delayed import delayed  # noqa: E402

__all__ = ["clean_bag", "clean_series", "learn_bag", "near_duplicates_bag", "near_duplicates_series", "summarize_bag",
           "summarize_series"]

#: The field added to records by ``clean_bag(..., counts=True)``.
COUNTS_FIELD = "newsclean"


def _counts(result: Result) -> dict[str, Any]:
    return {"changed": result.changed, "dropped": result.dropped, "removed": result.counts(action="remove")}


def _clean_value(value: Any, pipeline: Pipeline, counts: bool) -> Any:
    if not isinstance(value, str):
        return (value, None) if counts else value  # None, NaN, missing: passed through untouched
    if not counts:
        return pipeline(value)
    result = pipeline.apply(value)
    return result.text, _counts(result)


def _clean_partition(part: Iterable[Any], pipeline: Pipeline, field: str | None, counts: bool) -> list[Any]:
    out = []
    for item in part:
        if field is None:
            out.append(_clean_value(item, pipeline, counts))
            continue
        _records_field(item, field, "clean_bag")
        record = dict(item)
        if field in record:
            cleaned = _clean_value(record[field], pipeline, counts)
            if counts:
                record[field], record[COUNTS_FIELD] = cleaned
            else:
                record[field] = cleaned
        out.append(record)
    return out


def _chosen(pipeline: Pipeline | None, function: str) -> Pipeline:
    """The pipeline to run (the default for ``None``); raise ``TypeError`` at graph-building time, not on a worker."""
    return resolve_pipeline(pipeline, function=function)


def _shipped(pipeline: Pipeline) -> Any:
    """The pipeline as one graph node, so workers receive it once."""
    return delayed(pipeline, pure=True)


def _records_field(item: Any, field: str | None, function: str) -> Any:
    """The item itself (``field=None``), or its *field*; raise ``TypeError`` for a record that is not a mapping."""
    if field is None:
        return item
    if not isinstance(item, Mapping):
        raise TypeError(f"{function}(field={field!r}) needs records (dicts), got {type(item).__name__}")
    return item.get(field)


def clean_bag(bag: dask.bag.Bag, *, field: str | None = None, pipeline: Pipeline | None = None,
              counts: bool = False, profiles: SiteProfiles | None = None, site: str = "url") -> dask.bag.Bag:
    """Clean a Bag of strings, or the ``field`` of a Bag of records (dicts).

    Non-string values (``None``, missing fields) pass through untouched; the
    other fields of a record are kept as they are. With ``counts=True``, a Bag
    of strings becomes a Bag of ``(text, counts)`` pairs, and records get a
    ``"newsclean"`` field: ``{"changed", "dropped", "removed": {filter: blocks}}``.

    >>> import dask.bag as db
    >>> records = db.from_sequence([{"id": 1, "body": "Hi.\\nAdvertisement"}], npartitions=1)
    >>> clean_bag(records, field="body", counts=True).compute(scheduler="sync")
    [{'id': 1, 'body': 'Hi.', 'newsclean': {'changed': True, 'dropped': False, 'removed': {'placeholders': 1}}}]

    With ``profiles=`` (from :func:`learn_bag` or :meth:`newsclean.SiteProfiles.load`), each record
    is cleaned with the profile of its site, read from its ``site`` field (a URL or a host).
    """
    if profiles is None:
        return bag.map_partitions(_clean_partition, _shipped(_chosen(pipeline, "clean_bag")), field, counts)
    if field is None:
        raise TypeError("clean_bag(profiles=...) needs records: name the text field with field= and the site with site=")
    return bag.map_partitions(_clean_sites_partition, delayed(profiles.pipelines(_chosen(pipeline, "clean_bag")), pure=True),
                              _shipped(_chosen(pipeline, "clean_bag")), field, site, counts)


def _clean_sites_partition(part: Iterable[Any], pipelines: Mapping[str, Pipeline], default: Pipeline, field: str,
                           site: str, counts: bool) -> list[Any]:
    from newsclean._profiles.learn import site_key

    out = []
    for item in part:
        where = _records_field(item, site, "clean_bag")
        pipeline = pipelines.get(site_key(where), default) if isinstance(where, str) else default
        out.extend(_clean_partition([item], pipeline, field, counts))
    return out


def _learn_partition(part: Iterable[Any], field: str, site: str, options: dict[str, Any]) -> SiteProfiles:
    from newsclean._profiles.learn import learn_sites, site_key

    pairs = []
    for item in part:
        text, where = _records_field(item, field, "learn_bag"), _records_field(item, site, "learn_bag")
        if isinstance(text, str) and isinstance(where, str):
            pairs.append((site_key(where), text))
    return learn_sites(pairs, **options)


def _merge_profiles(parts: Iterable[SiteProfiles]) -> SiteProfiles:
    return functools.reduce(lambda a, b: a.merge(b), parts, SiteProfiles())


def learn_bag(bag: dask.bag.Bag, *, field: str = "body", site: str = "url", **options: Any) -> Any:
    """Learn every site's profile from a Bag of records: one partial profile per partition, merged.

    ``site`` names the field holding the URL (or host) of each record, ``field`` the
    text; *options* are those of :func:`newsclean.learn`. Merging is exact, so the
    result equals learning all records at once. Returns a Dask object: call
    ``.compute()`` for the :class:`~newsclean.SiteProfiles`.

    >>> import dask.bag as db
    >>> rows = [{"url": f"https://a.com/{i}", "body": f"News {i}.\\nListen to our daily podcast"} for i in range(4)]
    >>> profiles = learn_bag(db.from_sequence(rows, npartitions=2)).compute(scheduler="sync")
    >>> profiles.clean("Today.\\nListen to our daily podcast", site="a.com")
    'Today.'
    """
    from newsclean._profiles.rules import LearnOptions

    LearnOptions(**options)  # a bad option fails here, not on a worker
    return bag.reduction(functools.partial(_learn_partition, field=field, site=site, options=options),
                         _merge_profiles, split_every=8)


def _clean_pandas(series: Any, pipeline: Pipeline, counts: bool, names: tuple[str, ...]) -> Any:
    import pandas as pd

    if not counts:
        return _as_text(series.map(lambda v: pipeline(v) if isinstance(v, str) else v), series.dtype)
    rows = []
    for value in series:
        if isinstance(value, str):
            result = pipeline.apply(value)
            removed = result.counts(action="remove")
            rows.append([result.text, result.changed, result.dropped] + [removed.get(n, 0) for n in names])
        else:
            rows.append([value, False, False] + [0] * len(names))
    columns = ["text", "changed", "dropped"] + [f"removed_{n}" for n in names]
    frame = pd.DataFrame(rows, index=series.index, columns=columns)
    frame["text"] = _as_text(frame["text"], series.dtype)
    return frame


def _text_dtype(dtype: Any) -> Any:
    """The dtype cleaned text keeps: the input's string dtype (``string[pyarrow]`` from Parquet), else object."""
    import pandas as pd

    return dtype if isinstance(dtype, pd.StringDtype) else object


def _as_text(values: Any, dtype: Any) -> Any:
    text_dtype = _text_dtype(dtype)
    return values if text_dtype is object else values.astype(text_dtype)


def clean_series(series: Any, *, pipeline: Pipeline | None = None, counts: bool = False) -> Any:
    """Clean a Dask DataFrame column (a Dask Series of strings).

    Returns the cleaned Series; with ``counts=True`` a Dask DataFrame with
    columns ``text``, ``changed``, ``dropped`` and ``removed_<filter>`` per filter.
    Missing values pass through untouched.

    >>> import pandas as pd, dask.dataframe as dd
    >>> column = dd.from_pandas(pd.Series(["Hi.\\nAdvertisement", "Calm."], name="body"), npartitions=1)
    >>> clean_series(column).compute(scheduler="sync").tolist()
    ['Hi.', 'Calm.']
    """
    import pandas as pd

    chosen = _chosen(pipeline, "clean_series")
    names = chosen.names
    # the meta must say what the partitions hold: a string column stays a string column, or
    # writing Parquet fails (pyarrow cannot convert the object placeholder Dask puts in the meta)
    text_dtype = _text_dtype(series.dtype)
    if counts:
        meta: Any = pd.DataFrame({"text": pd.Series(dtype=text_dtype), "changed": pd.Series(dtype=bool),
                                  "dropped": pd.Series(dtype=bool),
                                  **{f"removed_{n}": pd.Series(dtype="int64") for n in names}})
    else:
        meta = pd.Series(dtype=text_dtype, name=series.name)
    return series.map_partitions(_clean_pandas, _shipped(chosen), counts, names, meta=meta)


def _summarize_partition(part: Iterable[Any], pipeline: Pipeline, field: str | None) -> list[CorpusSummary]:
    texts = (_records_field(item, field, "summarize_bag") for item in part)
    return [summarize(pipeline.apply(t) for t in texts if isinstance(t, str))]


def _add(summaries: Iterable[CorpusSummary]) -> CorpusSummary:
    return functools.reduce(operator.add, summaries, CorpusSummary())


def summarize_bag(bag: dask.bag.Bag, *, field: str | None = None, pipeline: Pipeline | None = None) -> Any:
    """Per-filter counts over the whole Bag, computed on the cluster (a lazy Dask Item).

    ``.compute()`` gives a :class:`~newsclean._display.summary.CorpusSummary`: documents,
    documents changed and dropped, and per filter the documents changed and blocks removed.
    Each partition is summarised where it lives; only the small summaries travel.

    >>> import dask.bag as db
    >>> texts = db.from_sequence(["Hi.\\nAdvertisement", "Calm."], npartitions=2)
    >>> summary = summarize_bag(texts).compute(scheduler="sync")
    >>> (summary.documents, summary.changed, summary.by_filter["placeholders"].removed)
    (2, 1, 1)
    """
    per_partition = bag.map_partitions(_summarize_partition, _shipped(_chosen(pipeline, "summarize_bag")), field)
    return per_partition.reduction(_add, _add)


def summarize_series(series: Any, *, pipeline: Pipeline | None = None) -> Any:
    """:func:`summarize_bag` for a Dask DataFrame column."""
    return summarize_bag(series.to_bag(), pipeline=pipeline)


def near_duplicates_bag(bag: dask.bag.Bag, *, field: str | None = None, id_field: str = "id",
                        date_field: str | None = None, threshold: float | None = None, options: Any = None) -> Any:
    """Near-duplicate clusters of a Bag of ``(id, text[, date])`` tuples, or of records' *field* (ids in *id_field*).

    Signatures are built where the partitions live; exact copies meet by a
    shuffle on their content key, LSH candidates by a shuffle on band keys,
    and each candidate pair meets its two documents by two shuffles on id,
    where it is verified. Only the verified edges and exact-copy groups
    reach the client, which assigns the clusters exactly as
    :func:`newsclean.near_duplicates` does: the result is equal to it.
    Needs the ``dedup`` extra too.

    >>> import dask.bag as db
    >>> story = " ".join(f"Paragraph {i} of the storm report, with words that carry it." for i in range(12))
    >>> docs = db.from_sequence([("a", story), ("b", story.upper()), ("c", "A brief.")], npartitions=2)
    >>> [c.ids for c in near_duplicates_bag(docs).compute(scheduler="sync")]
    [('a', 'b')]
    """
    from newsclean._near_dups import parallel as par
    from newsclean._near_dups.clusters import NearDuplicates
    from newsclean._near_dups.search import _options
    from newsclean._near_dups.signatures import datasketch

    datasketch()  # a missing extra fails here, not on a worker
    chosen = par.with_pipeline(_options(threshold, options))
    bands, rows = chosen.bands()
    fps = bag.map_partitions(par.fingerprint_partition, delayed(chosen, pure=True), field, id_field, date_field)
    # task-based shuffles: the disk shuffle stores records with msgpack, which turns tuples into lists
    units = fps.groupby(par.content_of, shuffle="tasks").map(par.unit_of_group)
    pairs = units.map_partitions(par.band_partition, bands, rows).groupby(par.group_key, shuffle="tasks")
    pairs = pairs.map_partitions(par.bucket_pairs)
    first = dask.bag.concat([units.map_partitions(par.tag_units), pairs.map_partitions(par.tag_pairs)])
    halves = first.groupby(operator.itemgetter(1), shuffle="tasks").map_partitions(par.join_first)
    second = dask.bag.concat([units.map_partitions(par.tag_units), halves])
    edges = second.groupby(operator.itemgetter(1), shuffle="tasks").map_partitions(par.join_second, chosen.threshold)
    copies = units.map_partitions(par.copies_partition)
    counts = fps.map_partitions(par.count_partition)

    def finish(edges: list[Any], copies: list[Any], counts: list[tuple[int, int]]) -> NearDuplicates:
        clusters = par.clusters_from(edges, copies)
        return NearDuplicates(tuple(clusters), documents=sum(n for n, _ in counts), short=sum(s for _, s in counts))

    return delayed(finish)(edges, copies, counts)


def near_duplicates_series(series: Any, *, threshold: float | None = None, options: Any = None) -> Any:
    """:func:`near_duplicates_bag` for a Dask DataFrame column: ids are the index labels, missing texts left out."""
    return near_duplicates_bag(series.to_bag(index=True), threshold=threshold, options=options)
