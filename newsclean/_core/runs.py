"""What one pipeline run keeps between its rounds: each filter's reading of the lines it has read.

A pipeline runs its filters in rounds until nothing changes, and the second
round gives a filter nearly the document it read in the first. A filter that
reads each line on its own (a pure function of the line's text) can keep its
readings for the run in :func:`run_memo` and look them up in the next round.
A filter may also leave what it worked out about a document for a later
filter of the same run, keyed to that document object (the double-post
filter's embed-copy search, which the embeds filter would otherwise make
again of the document the double-post filter left unchanged).
What a filter tells the pipeline about the text it leaves (``settles``,
``stays_settled``) is written only in the pipeline's own runs of it
(:func:`pipeline_step`, :func:`runs_for_pipeline`): a filter that applies
another one to a snippet during the run does not overwrite it.
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

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

__all__ = ["mark_settled", "marked_settled", "pipeline_run", "pipeline_step", "run_memo", "runs_for_pipeline", "step_memo"]

_RUN: ContextVar[dict[int, dict[str, Any]] | None] = ContextVar("newsclean_pipeline_run", default=None)
_STEP: ContextVar[int | None] = ContextVar("newsclean_pipeline_step", default=None)


@contextmanager
def pipeline_run() -> Iterator[None]:
    """Open the memos of one pipeline run; they are dropped when it ends (a nested run has its own)."""
    token = _RUN.set({})
    step = _STEP.set(None)
    try:
        yield
    finally:
        _STEP.reset(step)
        _RUN.reset(token)


class pipeline_step:  # noqa: N801 - used as a context manager, like pipeline_run
    """Mark the pipeline's own run of *owner* (a filter), as against a run of it that other code makes meanwhile.

    A class, not a generator: it wraps every filter call of every document.
    """

    __slots__ = ("_owner", "_token")

    def __init__(self, owner: object) -> None:
        self._owner = owner

    def __enter__(self) -> None:
        self._token = _STEP.set(id(self._owner))

    def __exit__(self, *exc: object) -> None:
        _STEP.reset(self._token)


def runs_for_pipeline(owner: object) -> bool:
    """Whether *owner* runs as the pipeline's own step, not called by another filter of the run.

    What a filter tells the pipeline about the text it leaves (``settles``,
    ``stays_settled``) must come from the pipeline's own runs of it: a run on
    another text in between (a filter applying it to a snippet) would otherwise
    overwrite it.

    >>> with pipeline_run(), pipeline_step("a filter"):
    ...     runs_for_pipeline("a filter"), runs_for_pipeline("another")
    (True, False)
    """
    return _STEP.get() == id(owner)


def step_memo(owner: object) -> dict[str, Any] | None:
    """:func:`run_memo`, but only in the pipeline's own run of *owner* (see :func:`runs_for_pipeline`).

    Where a filter writes what it tells the pipeline of the text it leaves.
    """
    return run_memo(owner) if _STEP.get() == id(owner) else None


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


def mark_settled(memo: dict[str, Any], doc: object | None) -> None:
    """Write in a filter's :func:`step_memo` that its output for *doc* is its own fixed point (``None``: it is not).

    What the filter's ``settles`` reads back with :func:`marked_settled`; the
    document is held by a weak reference.
    """
    memo["settled"] = None if doc is None else weakref.ref(doc)


def marked_settled(owner: object, doc: object) -> bool:
    """Whether *owner*'s last run marked its output for this very *doc* settled (:func:`mark_settled`); read once.

    >>> doc = type("Doc", (), {})()
    >>> with pipeline_run(), pipeline_step("a filter"):
    ...     mark_settled(step_memo("a filter"), doc)
    ...     marked_settled("a filter", doc), marked_settled("a filter", doc)
    (True, False)
    """
    memo = run_memo(owner)
    ref = None if memo is None else memo.pop("settled", None)
    return ref is not None and ref() is doc
