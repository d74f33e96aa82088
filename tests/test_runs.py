"""Tests for ``newsclean._core.runs``: the memos a pipeline run keeps between its rounds, and only then."""

from __future__ import annotations

import threading

import newsclean
from newsclean._core.runs import pipeline_run, run_memo


def test_a_memo_lives_as_long_as_its_run() -> None:
    """Inside a run a filter gets the same memo each time; after it, none; a nested run has its own."""
    assert run_memo("f") is None
    with pipeline_run():
        outer = run_memo("f")
        assert outer is not None and run_memo("f") is outer
        outer["x"] = 1
        with pipeline_run():
            assert run_memo("f") == {}
        assert run_memo("f") is outer
    assert run_memo("f") is None


def test_each_thread_has_its_own_run() -> None:
    """A run in one thread is not seen by another (context variables)."""
    seen: list[object] = []
    with pipeline_run():
        run_memo("f")
        worker = threading.Thread(target=lambda: seen.append(run_memo("f")))
        worker.start()
        worker.join()
    assert seen == [None]


def test_a_pipeline_run_leaves_no_memo_behind() -> None:
    """After clean() returns, no filter keeps anything of the document (the run's memos are gone)."""
    newsclean.clean("The council met.\nAdvertisement\nIt voted.")
    assert run_memo(newsclean.default_pipeline()["placeholders"]) is None
