"""``near_duplicates``: the clusters of near-duplicate articles in a corpus, on one machine."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from newsclean._near_dups.clusters import NearDuplicates, Unit, assign, units
from newsclean._near_dups.lsh import candidate_pairs
from newsclean._near_dups.options import NearDuplicateOptions
from newsclean._near_dups.signatures import Fingerprint, datasketch, fingerprint
from newsclean._near_dups.verify import Edge, verify

__all__ = ["fingerprints", "near_duplicates", "resolve"]


def _options(threshold: float | None, options: NearDuplicateOptions | None) -> NearDuplicateOptions:
    if options is not None and not isinstance(options, NearDuplicateOptions):
        raise TypeError(f"options must be a NearDuplicateOptions, got {type(options).__name__}")
    chosen = options or NearDuplicateOptions()
    if threshold is not None and threshold != chosen.threshold:
        from dataclasses import replace

        chosen = replace(chosen, threshold=threshold)
    return chosen


def _split(item: Any) -> tuple[Any, Any, Any]:
    if isinstance(item, (str, bytes)) or not isinstance(item, tuple) or len(item) not in (2, 3):
        raise TypeError(
            f"near_duplicates() takes (id, text) or (id, text, date) tuples, got {type(item).__name__}; "
            "for a dict of texts pass d.items()"
        )
    return item[0], item[1], item[2] if len(item) == 3 else None


def fingerprints(docs: Iterable[Any], options: NearDuplicateOptions,
                 progress: Callable[[int], None] | None = None) -> list[Fingerprint]:
    """Fingerprint each ``(id, text[, date])``; raise ``ValueError`` on a repeated id."""
    from newsclean._registry import default_pipeline

    datasketch()  # a missing extra fails before any work
    pipeline = options.pipeline if options.pipeline is not None else default_pipeline()
    seen: set[Any] = set()
    out = []
    for item in docs:
        ident, text, date = _split(item)
        if ident in seen:
            raise ValueError(f"document id {ident!r} occurs twice; ids must be unique (a URL, a row number)")
        seen.add(ident)
        out.append(fingerprint(ident, text, options, pipeline=pipeline, date=date))
        if progress is not None:
            progress(len(out))
    return out


def resolve(fps: list[Fingerprint], options: NearDuplicateOptions) -> NearDuplicates:
    """Exact copies, LSH candidates, verification and clusters from the fingerprints of a corpus."""
    grouped: list[Unit] = units(fps)
    edges: list[Edge] = []
    for head, other in candidate_pairs((u.head for u in grouped), options):
        edge = verify(head, other, options.threshold)
        if edge is not None:
            edges.append(edge)
    heads = {u.head.id: (u.head.rank, u.copies) for u in grouped}
    clusters = assign(heads, edges)
    return NearDuplicates(tuple(clusters), documents=len(fps), short=sum(fp.short for fp in fps))


def near_duplicates(docs: Iterable[Any], *, threshold: float | None = None,
                    options: NearDuplicateOptions | None = None) -> NearDuplicates:
    """Find syndicated copies, mirrors and updated versions among ``(id, text)`` pairs.

    Each text is cleaned (furniture, placeholders, mojibake), folded (case,
    punctuation, typography, accents) and cut into 5-word shingles; MinHash
    signatures and LSH bands (datasketch) propose candidates, and a candidate
    joins a cluster only if the exact Jaccard similarity of its shingles to the
    cluster's representative reaches ``threshold`` (default 0.8). Items may be
    ``(id, text, date)``: the earliest dated copy is then the representative;
    otherwise the longest, best-typeset one. Documents under ``min_words``
    words join only exact copies of themselves. Nothing is dropped: use the
    clusters to mark or filter. Needs the ``dedup`` extra.

    >>> story = " ".join(f"Paragraph {i} of the storm report, with words that carry it." for i in range(12))
    >>> copy = story.replace("the storm", "the Storm") + "\\n\\nAdvertisement"
    >>> update = story + " A new paragraph on the damage."
    >>> found = near_duplicates([("a", story), ("b", copy), ("c", update), ("d", "An unrelated brief.")])
    >>> [(m.id, m.verified, m.exact) for m in found.clusters[0].members]
    [('c', 1.0, False), ('a', 0.913, False), ('b', 0.913, False)]
    """
    chosen = _options(threshold, options)
    return resolve(fingerprints(docs, chosen), chosen)
