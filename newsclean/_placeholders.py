"""STUB: replaced by the placeholder filter work."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsclean._document import Document, Edit
from newsclean._filter import BlockFilter


@dataclass(frozen=True, kw_only=True)
class PlaceholderFilter(BlockFilter):
    name = "placeholders"

    def edits(self, doc: Document) -> Iterator[Edit]:
        return iter(())
