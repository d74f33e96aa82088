"""STUB: replaced by the embed filter work."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsclean._document import Document, Edit
from newsclean._filter import BlockFilter


@dataclass(frozen=True, kw_only=True)
class EmbedFilter(BlockFilter):
    name = "embeds"

    def edits(self, doc: Document) -> Iterator[Edit]:
        return iter(())


@dataclass(frozen=True)
class Embed:
    kind: str
    handle: str | None = None


def find_embeds(doc: Document | str) -> list[Embed]:
    return []
