"""Hypothesis properties of the default pipeline on any text and on news-like text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import newsclean
from tests.strategies import news_documents


@given(st.text())
def test_never_raises_on_any_str(text: str) -> None:
    """Any str cleans without an exception, and the result replays."""
    result = newsclean.explain(text)
    assert result.replay() == result.text


@given(news_documents())
def test_idempotent(text: str) -> None:
    """Cleaning clean text changes nothing: clean(clean(x)) == clean(x)."""
    once = newsclean.clean(text)
    assert newsclean.clean(once) == once


@given(news_documents())
def test_replay_and_no_changes_iff_unchanged(text: str) -> None:
    """The records replay to the output, and there are records exactly when the text changed."""
    result = newsclean.explain(text)
    assert result.replay() == result.text
    assert bool(result.changes) == (result.text != text)


@given(news_documents())
def test_deterministic(text: str) -> None:
    """The same input gives the same output and the same records."""
    assert newsclean.explain(text) == newsclean.explain(text)
