"""Options of the near-duplicate search, checked once when they are made."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsclean._core.errors import config_error
from newsclean._near_dups.extra import datasketch

if TYPE_CHECKING:
    from newsclean._core.pipeline import Pipeline

__all__ = ["NearDuplicateOptions"]


@dataclass(frozen=True, kw_only=True)
class NearDuplicateOptions:
    """How documents are compared: the threshold, the signature size, the shingles, what counts as short.

    ``threshold`` is the exact Jaccard similarity of word shingles that a
    document needs with a cluster's representative to join it. Documents of
    fewer than ``min_words`` words (after cleaning) are grouped only with exact
    copies of themselves: a few dozen words carry too few shingles for a
    similarity to mean anything, and templated briefs would otherwise be lumped
    together. ``pipeline`` cleans each text first (``None``: the default
    pipeline; pass ``newsclean.Pipeline()`` for texts that are already clean).

    >>> NearDuplicateOptions(threshold=0.7).bands()
    (14, 9)
    >>> NearDuplicateOptions(threshold=1.5)
    Traceback (most recent call last):
    ...
    newsclean.ConfigurationError: threshold must be above 0 and at most 1, got 1.5
    """

    threshold: float = 0.8
    num_perm: int = 128
    shingle_words: int = 5
    min_words: int = 50
    seed: int = 1
    pipeline: Pipeline | None = None

    def __post_init__(self) -> None:
        if isinstance(self.threshold, bool) or not isinstance(self.threshold, (int, float)):
            config_error(f"threshold must be a number, got {type(self.threshold).__name__}")
        if not 0 < self.threshold <= 1:
            config_error(f"threshold must be above 0 and at most 1, got {self.threshold}")
        for name, low in (("num_perm", 16), ("shingle_words", 1), ("min_words", 1), ("seed", 0)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                config_error(f"{name} must be a whole number of at least {low}, got {value!r}")
        if self.num_perm > 1024:
            config_error(f"num_perm must be at most 1024, got {self.num_perm}")
        from newsclean._core.pipeline import Pipeline

        if self.pipeline is not None and not isinstance(self.pipeline, Pipeline):
            config_error(
                f"pipeline must be a newsclean.Pipeline (or None for the default), got {type(self.pipeline).__name__}"
            )

    def bands(self) -> tuple[int, int]:
        """(bands, rows per band) of the LSH index: datasketch's optimum for this threshold and signature size."""
        lsh = datasketch().MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        return int(lsh.b), int(lsh.r)
