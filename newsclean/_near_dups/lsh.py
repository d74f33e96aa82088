"""LSH banding: which documents are worth verifying against each other.

On one machine the index is datasketch's :class:`MinHashLSH`; on a Dask
cluster the same bands are keys of a shuffle (:func:`band_keys`). Both put two
signatures in one bucket exactly when one band of ``rows`` values is equal, so
both propose the same candidate pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from newsclean._near_dups.options import NearDuplicateOptions
from newsclean._near_dups.signatures import Fingerprint, datasketch

__all__ = ["band_keys", "candidate_pairs", "ordered_pair"]


def band_keys(signature: np.ndarray, bands: int, rows: int) -> list[tuple[int, bytes]]:
    """One hashable key per band: its index and the bytes of its slice of the signature."""
    return [(i, signature[i * rows : (i + 1) * rows].tobytes()) for i in range(bands)]


def ordered_pair(a: Fingerprint, b: Fingerprint) -> tuple[Fingerprint, Fingerprint]:
    """The pair with the better representative (smaller rank) first."""
    return (a, b) if a.rank <= b.rank else (b, a)


def candidate_pairs(heads: Iterable[Fingerprint], options: NearDuplicateOptions) -> Iterator[tuple[Fingerprint, Fingerprint]]:
    """Each pair of signed fingerprints sharing an LSH bucket, once, better representative first."""
    bands, rows = options.bands()
    ds = datasketch()
    lsh = ds.MinHashLSH(num_perm=options.num_perm, params=(bands, rows))
    by_key: dict[int, Fingerprint] = {}
    for number, head in enumerate(h for h in heads if h.signature is not None):
        by_key[number] = head
        lsh.insert(number, _minhash(ds, head, options), check_duplication=False)
    for number, head in by_key.items():
        assert head.signature is not None
        for other in lsh.query(_minhash(ds, head, options)):
            if other > number:  # each unordered pair once
                yield ordered_pair(head, by_key[other])


def _minhash(ds: Any, fp: Fingerprint, options: NearDuplicateOptions) -> Any:
    return ds.LeanMinHash(seed=options.seed, hashvalues=fp.signature, scheme="affine32")
