"""A streaming near-duplicate index: each document is placed as it arrives, as a crawler needs.

Unlike :func:`newsclean.near_duplicates`, which sees the whole corpus and so
can pick the best representative whatever the order, a stream can only
compare with what came before: the first copy of a story represents its
cluster, and a later document joins the cluster whose representative it
matches best (exact Jaccard at or above the threshold). Only representatives
are kept (their shingles and signatures), so memory grows with the number of
distinct stories. The index is an explicit object the caller owns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsclean._near_dups.options import NearDuplicateOptions
from newsclean._near_dups.parallel import with_pipeline
from newsclean._near_dups.signatures import Fingerprint, datasketch, fingerprint
from newsclean._near_dups.verify import jaccard

__all__ = ["Placement", "StreamingIndex"]


@dataclass(frozen=True)
class Placement:
    """Where a document went: its cluster (the representative's id) and its similarity to it.

    ``repeat`` is true when an earlier document had the same cleaned, folded words.
    """

    cluster: Any
    similarity: float
    repeat: bool
    short: bool

    def to_dict(self) -> dict[str, Any]:
        return {"cluster": self.cluster, "similarity": self.similarity, "repeat": self.repeat}


class StreamingIndex:
    """Place documents in near-duplicate clusters one at a time (first copy seen represents).

    >>> story = " ".join(f"Paragraph {i} of the storm report, with words that carry it." for i in range(12))
    >>> index = StreamingIndex()
    >>> [index.add(i, t).to_dict() for i, t in [("a", story), ("b", story + " More."), ("c", story)]]
    [{'cluster': 'a', 'similarity': 1.0, 'repeat': False}, {'cluster': 'a', 'similarity': 0.9844, 'repeat': False}, {'cluster': 'a', 'similarity': 1.0, 'repeat': True}]
    """

    def __init__(self, options: NearDuplicateOptions | None = None) -> None:
        self.options = with_pipeline(options or NearDuplicateOptions())
        ds = datasketch()
        self._lsh = ds.MinHashLSH(num_perm=self.options.num_perm, params=self.options.bands())
        self._seen: dict[str, Any] = {}  # content key -> cluster
        self._representatives: dict[Any, Fingerprint] = {}

    def add(self, ident: Any, text: str, *, date: Any = None) -> Placement:
        """Place one document; the id names a new cluster when it matches no representative."""
        assert self.options.pipeline is not None
        fp = fingerprint(ident, text, self.options, pipeline=self.options.pipeline, date=date)
        cluster = self._seen.get(fp.content)
        if cluster is not None:
            return Placement(cluster, 1.0, repeat=True, short=fp.short)
        best: tuple[float, Any] | None = None
        if fp.signature is not None:
            for key in sorted(self._lsh.query(self._minhash(fp)), key=repr):
                score = jaccard(self._representatives[key].shingles, fp.shingles)
                if score >= self.options.threshold and (best is None or score > best[0]):
                    best = (score, key)
        if best is None:
            self._seen[fp.content] = ident
            if fp.signature is not None:
                self._lsh.insert(ident, self._minhash(fp), check_duplication=False)
                self._representatives[ident] = fp
            return Placement(ident, 1.0, repeat=False, short=fp.short)
        self._seen[fp.content] = best[1]
        return Placement(best[1], round(best[0], 4), repeat=False, short=fp.short)

    def _minhash(self, fp: Fingerprint) -> Any:
        return datasketch().LeanMinHash(seed=self.options.seed, hashvalues=fp.signature, scheme="affine32")
