"""Small test filters shared by the notebook-display and pandas tests, so neither depends on the built-ins."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsclean import BlockFilter, Document, Edit


@dataclass(frozen=True, kw_only=True)
class DropAds(BlockFilter):
    """Removes blocks that are exactly 'Advertisement' or 'Q'."""

    name = "drop_ads"

    def edits(self, doc: Document) -> Iterator[Edit]:
        """One removal per label block, with a reason quoting it."""
        for i, block in enumerate(doc.blocks):
            if block.text in ("Advertisement", "Q"):
                yield Edit(i, "ad_label", f"{block.text!r} is a label, not text")


class CountingStr(str):
    """A str that counts the characters every slice of it copies (slices count too): work, not time."""

    copied = [0]

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        piece = super().__getitem__(key)
        CountingStr.copied[0] += len(piece)
        return CountingStr(piece)


def copied_while(fn, text: str) -> int:  # type: ignore[no-untyped-def]
    """Characters of *text* copied by slicing while ``fn(CountingStr(text))`` runs."""
    CountingStr.copied[0] = 0
    fn(CountingStr(text))
    return CountingStr.copied[0]
