"""Verification: the exact Jaccard similarity of two documents' shingles, and the signature's estimate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from newsclean._near_dups.signatures import Fingerprint

__all__ = ["Edge", "estimated", "jaccard", "verify"]


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted arrays of distinct shingle hashes (1.0 for two empty ones).

    >>> import numpy as np
    >>> jaccard(np.array([1, 2, 3], dtype=np.uint32), np.array([2, 3, 4], dtype=np.uint32))
    0.5
    """
    if not len(a) and not len(b):
        return 1.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)


def estimated(a: np.ndarray | None, b: np.ndarray | None) -> float:
    """The MinHash estimate of the Jaccard similarity: the share of equal signature values."""
    if a is None or b is None:
        return 1.0 if a is None and b is None else 0.0
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True)
class Edge:
    """A verified pair: ``head`` is the better representative of the two."""

    head: Any
    other: Any
    head_rank: tuple[Any, ...]
    other_rank: tuple[Any, ...]
    estimated: float
    verified: float


def verify(head: Fingerprint, other: Fingerprint, threshold: float) -> Edge | None:
    """The edge between two candidates if their exact similarity reaches *threshold*, else ``None``."""
    verified = jaccard(head.shingles, other.shingles)
    if verified < threshold:
        return None
    return Edge(head.id, other.id, head.rank, other.rank, round(estimated(head.signature, other.signature), 4),
                round(verified, 4))
