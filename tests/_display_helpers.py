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
