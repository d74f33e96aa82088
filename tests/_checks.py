"""Checks shared by tests: the no-loss guarantee, stated once; a filter run as the pipeline's own step."""

from __future__ import annotations

from typing import Any

from newsclean import Document, FilterResult, Result
from newsclean._core.text import fold


def assert_no_loss(result: Result) -> None:
    """Every input block that is not a placeholder and not a duplicate of a kept block is kept, in order.

    Compares blocks after the mojibake stage (whose rewrites are checked by replay), so a
    repaired line counts as the same line.
    """
    repaired = [c for c in result.changes if c.filter == "mojibake"]
    from newsclean import replay

    start = Document.from_text(replay(result.input, repaired))
    out_blocks = [b.text for b in Document.from_text(result.text).blocks]
    kept_keys = {fold(t) for t in out_blocks}
    removed = {(c.filter, c.block) for c in result.changes if c.action == "remove"}
    it = iter(out_blocks)
    for block in start.blocks:
        if any(block.text == b for f, b in removed if f == "placeholders"):
            continue
        if any(block.text == b for _, b in removed) and fold(block.text) in kept_keys:
            continue  # a duplicate whose equivalent is kept
        # otherwise it must come next in the output, in order
        for out in it:
            if out == block.text:
                break
        else:
            raise AssertionError(f"block lost or out of order: {block.text!r}")


def stepped(f: Any, doc: Any) -> FilterResult:
    """``f.apply(doc)`` as the pipeline's own step (what a filter tells the pipeline comes from those alone)."""
    from newsclean._core.runs import pipeline_step

    with pipeline_step(f):
        result: FilterResult = f.apply(doc)
        return result
