"""What one pipeline run keeps between its rounds: each filter's reading of the lines it has read.

A pipeline runs its filters in rounds until nothing changes, and the second
round gives a filter nearly the document it read in the first. A filter that
reads each line on its own (a pure function of the line's text) can keep its
readings for the run in :func:`run_memo` and look them up in the next round.
A filter may also leave what it worked out about a document for a later
filter of the same run, keyed to that document object (the double-post
filter's embed-copy search, which the embeds filter would otherwise make
again of the document the double-post filter left unchanged).
The memo exists only while :meth:`Pipeline.apply` runs (it is opened by
:func:`pipeline_run`) and is dropped when the run ends: nothing carries over
from one document to the next, and a filter applied outside a pipeline keeps
nothing.

>>> with pipeline_run():
...     memo = run_memo("a filter")
...     memo["Advertisement"] = "a reading"
...     run_memo("a filter") is memo
True
>>> run_memo("a filter") is None
True
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

__all__ = ["pipeline_run", "run_memo"]

_RUN: ContextVar[dict[int, dict[str, Any]] | None] = ContextVar("newsclean_pipeline_run", default=None)


@contextmanager
def pipeline_run() -> Iterator[None]:
    """Open the memos of one pipeline run; they are dropped when it ends (a nested run has its own)."""
    token = _RUN.set({})
    try:
        yield
    finally:
        _RUN.reset(token)


def run_memo(owner: object) -> dict[str, Any] | None:
    """The memo *owner* (a filter) keeps for the pipeline run in progress, or ``None`` outside a run."""
    memos = _RUN.get()
    if memos is None:
        return None
    key = id(owner)  # the pipeline holds its filters for the whole run: their ids stay theirs
    memo = memos.get(key)
    if memo is None:
        memo = memos[key] = {}
    return memo
