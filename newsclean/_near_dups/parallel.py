"""The near-duplicate search as partition functions for a cluster (no Dask import here).

``newsclean.contrib.dask`` strings them together with two kinds of shuffle:
exact copies meet by content key, LSH candidates meet by band key, and each
candidate pair meets the data of its two documents by id (a hash join done by
hand, two group-bys). Each function works on one partition or one group and
returns plain lists, so no step needs the whole corpus on one machine; only
the verified edges and the exact-copy groups, which grow with the number of
duplicates rather than documents, are brought to the client for the final,
order-independent assignment (:func:`newsclean._near_dups.clusters.assign`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from newsclean._near_dups.clusters import Cluster, Unit, assign, make_unit
from newsclean._near_dups.lsh import band_keys
from newsclean._near_dups.options import NearDuplicateOptions
from newsclean._near_dups.signatures import Fingerprint, fingerprint
from newsclean._near_dups.verify import Edge, verify

__all__ = [
    "band_partition", "bucket_pairs", "clusters_from", "content_of", "copies_partition", "count_partition", "fingerprint_partition",
    "group_key", "join_first", "join_second", "tag_pairs", "tag_units", "unit_of_group", "with_pipeline",
]

_UNIT, _PAIR, _HALF = 0, 1, 2  # record tags of the hand-made join


def with_pipeline(options: NearDuplicateOptions) -> NearDuplicateOptions:
    """*options* with the default pipeline filled in, so workers do not each build one."""
    if options.pipeline is not None:
        return options
    from dataclasses import replace

    from newsclean._registry import default_pipeline

    return replace(options, pipeline=default_pipeline())


def _item(item: Any, field: str | None, id_field: str, date_field: str | None) -> tuple[Any, Any, Any] | None:
    if field is None:
        if not isinstance(item, tuple) or len(item) not in (2, 3):
            raise TypeError(f"near_duplicates_bag() without field= takes (id, text[, date]) tuples, got {item!r:.60}")
        ident, text, date = item[0], item[1], item[2] if len(item) == 3 else None
    else:
        if not isinstance(item, Mapping):
            raise TypeError(f"near_duplicates_bag(field={field!r}) needs records (dicts), got {type(item).__name__}")
        ident, text = item.get(id_field), item.get(field)
        date = item.get(date_field) if date_field else None
    return (ident, text, date) if isinstance(text, str) else None  # missing texts are left out


def fingerprint_partition(part: Iterable[Any], options: NearDuplicateOptions, field: str | None, id_field: str,
                          date_field: str | None) -> list[Fingerprint]:
    """Fingerprints of one partition's documents (records or tuples); documents without text are left out."""
    assert options.pipeline is not None  # with_pipeline() ran on the client
    out = []
    for item in part:
        found = _item(item, field, id_field, date_field)
        if found is not None:
            ident, text, date = found
            out.append(fingerprint(ident, text, options, pipeline=options.pipeline, date=date))
    return out


def count_partition(part: Iterable[Fingerprint]) -> list[tuple[int, int]]:
    """(documents, short documents) of one partition."""
    fps = list(part)
    return [(len(fps), sum(fp.short for fp in fps))]


def content_of(fp: Fingerprint) -> str:
    return fp.content


def unit_of_group(group: tuple[str, list[Fingerprint]]) -> Unit:
    return make_unit(group[1])


def band_partition(part: Iterable[Unit], bands: int, rows: int) -> list[tuple[tuple[int, bytes], Any, tuple[Any, ...]]]:
    """(band key, head id, head rank) for each band of each signed unit head."""
    return [(key, u.head.id, u.head.rank) for u in part if u.head.signature is not None
            for key in band_keys(u.head.signature, bands, rows)]


def group_key(record: tuple[Any, ...]) -> Any:
    return record[0]


def bucket_pairs(part: Iterable[tuple[Any, list[tuple[Any, Any, tuple[Any, ...]]]]]) -> list[tuple[Any, Any]]:
    """Each pair of heads sharing a bucket, as (better id, other id)."""
    pairs: list[tuple[Any, Any]] = []
    for _, members in part:
        ordered = sorted((rank, ident) for _, ident, rank in members)
        pairs.extend((a[1], b[1]) for i, a in enumerate(ordered) for b in ordered[i + 1:])
    return pairs


def tag_units(part: Iterable[Unit]) -> list[tuple[int, Any, Any]]:
    return [(_UNIT, u.head.id, u) for u in part]


def tag_pairs(part: Iterable[tuple[Any, Any]]) -> list[tuple[int, Any, Any]]:
    return [(_PAIR, a, b) for a, b in part]


def _split(records: Iterable[tuple[int, Any, Any]]) -> tuple[Unit | None, list[Any]]:
    unit, rest = None, []
    for tag, _, value in records:
        if tag == _UNIT:
            unit = value
        else:
            rest.append(value)
    return unit, rest


def join_first(part: Iterable[tuple[Any, list[tuple[int, Any, Any]]]]) -> list[tuple[int, Any, Any]]:
    """Grouped by the better head: send its fingerprint to each distinct partner, keyed by the partner."""
    out: list[tuple[int, Any, Any]] = []
    for _, records in part:
        unit, partners = _split(records)
        if unit is not None:
            out.extend((_HALF, other, unit.head) for other in sorted(set(partners), key=repr))
    return out


def join_second(part: Iterable[tuple[Any, list[tuple[int, Any, Any]]]], threshold: float) -> list[Edge]:
    """Grouped by the other head: verify it against each better head that was sent to it."""
    edges = []
    for _, records in part:
        unit, heads = _split(records)
        if unit is None:
            continue
        for head in heads:
            edge = verify(head, unit.head, threshold)
            if edge is not None:
                edges.append(edge)
    return edges


def copies_partition(part: Iterable[Unit]) -> list[tuple[Any, tuple[Any, ...], tuple[Any, ...]]]:
    """(head id, rank, copy ids) of the units that have exact copies."""
    return [(u.head.id, u.head.rank, u.copies) for u in part if u.copies]


def clusters_from(edges: Iterable[Edge], copies: Iterable[tuple[Any, tuple[Any, ...], tuple[Any, ...]]]) -> list[Cluster]:
    """The clusters, from the verified edges and the exact-copy groups brought to the client."""
    edges = list(edges)
    heads: dict[Any, tuple[tuple[Any, ...], tuple[Any, ...]]] = {i: (rank, c) for i, rank, c in copies}
    for edge in edges:
        heads.setdefault(edge.head, (edge.head_rank, ()))
        heads.setdefault(edge.other, (edge.other_rank, ()))
    return assign(heads, edges)
