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

from newsclean._errors import require_extra
from newsclean._pipeline import Pipeline, Result
from newsclean._registry import default_pipeline
from newsclean._summary import CorpusSummary, summarize

require_extra("dask", "dask")

import dask.bag  # noqa: E402
from dask.delayed import delayed  # noqa: E402

__all__ = ["clean_bag", "clean_series", "summarize_bag", "summarize_series"]

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
        if not isinstance(item, Mapping):
            raise TypeError(f"clean_bag(field={field!r}) needs records (dicts), got {type(item).__name__}")
        record = dict(item)
        if field in record:
            cleaned = _clean_value(record[field], pipeline, counts)
            if counts:
                record[field], record[COUNTS_FIELD] = cleaned
            else:
                record[field] = cleaned
        out.append(record)
    return out


def _shipped(pipeline: Pipeline | None) -> Any:
    """The pipeline as one graph node, so workers receive it once."""
    if pipeline is not None and not isinstance(pipeline, Pipeline):
        raise TypeError(f"pipeline must be a newsclean.Pipeline, got {type(pipeline).__name__}")
    return delayed(pipeline if pipeline is not None else default_pipeline(), pure=True)


def clean_bag(bag: dask.bag.Bag, *, field: str | None = None, pipeline: Pipeline | None = None,
              counts: bool = False) -> dask.bag.Bag:
    """Clean a Bag of strings, or the ``field`` of a Bag of records (dicts).

    Non-string values (``None``, missing fields) pass through untouched. With
    ``counts=True``, a Bag of strings becomes a Bag of ``(text, counts)`` pairs,
    and records get a ``"newsclean"`` field: ``{"changed", "dropped",
    "removed": {filter: blocks}}``.
    """
    return bag.map_partitions(_clean_partition, _shipped(pipeline), field, counts)


def _clean_pandas(series: Any, pipeline: Pipeline, counts: bool, names: tuple[str, ...]) -> Any:
    import pandas as pd

    if not counts:
        return series.map(lambda v: pipeline(v) if isinstance(v, str) else v)
    rows = []
    for value in series:
        if isinstance(value, str):
            result = pipeline.apply(value)
            removed = result.counts(action="remove")
            rows.append([result.text, result.changed, result.dropped] + [removed.get(n, 0) for n in names])
        else:
            rows.append([value, False, False] + [0] * len(names))
    columns = ["text", "changed", "dropped"] + [f"removed_{n}" for n in names]
    return pd.DataFrame(rows, index=series.index, columns=columns)


def clean_series(series: Any, *, pipeline: Pipeline | None = None, counts: bool = False) -> Any:
    """Clean a Dask DataFrame column (a Dask Series of strings).

    Returns the cleaned Series; with ``counts=True`` a Dask DataFrame with
    columns ``text``, ``changed``, ``dropped`` and ``removed_<filter>`` per filter.
    """
    import pandas as pd

    chosen = pipeline if pipeline is not None else default_pipeline()
    names = chosen.names
    if counts:
        meta: Any = pd.DataFrame({"text": pd.Series(dtype=object), "changed": pd.Series(dtype=bool),
                                  "dropped": pd.Series(dtype=bool),
                                  **{f"removed_{n}": pd.Series(dtype="int64") for n in names}})
    else:
        meta = pd.Series(dtype=object, name=series.name)
    return series.map_partitions(_clean_pandas, _shipped(chosen), counts, names, meta=meta)


def _summarize_partition(part: Iterable[Any], pipeline: Pipeline, field: str | None) -> list[CorpusSummary]:
    texts = (item.get(field) if field is not None else item for item in part)
    return [summarize(pipeline.apply(t) for t in texts if isinstance(t, str))]


def _add(summaries: Iterable[CorpusSummary]) -> CorpusSummary:
    return functools.reduce(operator.add, summaries, CorpusSummary())


def summarize_bag(bag: dask.bag.Bag, *, field: str | None = None, pipeline: Pipeline | None = None) -> Any:
    """Per-filter counts over the whole Bag, computed on the cluster (a lazy Dask Item).

    ``.compute()`` gives a :class:`~newsclean._summary.CorpusSummary`: documents,
    documents changed and dropped, and per filter the documents changed and blocks removed.
    """
    per_partition = bag.map_partitions(_summarize_partition, _shipped(pipeline), field)
    return per_partition.reduction(_add, _add)


def summarize_series(series: Any, *, pipeline: Pipeline | None = None) -> Any:
    """:func:`summarize_bag` for a Dask DataFrame column."""
    return summarize_bag(series.to_bag(), pipeline=pipeline)
