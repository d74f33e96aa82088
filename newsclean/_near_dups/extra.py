"""The optional MinHash library, imported on first use."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsclean._core.errors import require_extra

__all__ = ["DEDUP_EXTRA", "datasketch"]

#: The extra that installs the MinHash library.
DEDUP_EXTRA = "dedup"


@lru_cache(maxsize=1)
def datasketch() -> Any:
    """The ``datasketch`` module, or :class:`~newsclean.MissingExtraError` naming the ``dedup`` extra."""
    return require_extra("datasketch", DEDUP_EXTRA)
