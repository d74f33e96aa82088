"""Tests for ``tests/dirty.py`` (the dirty corpora the benchmarks and tests share): each dirty set holds the dirt it is named after, and only that."""

from __future__ import annotations

import random

import pytest


from tests.dirty import asciify, dirty_corpus, with_duplicate_tweet

BODY = "\n\n".join(f"Paragraph {i} of the story, with its own words number {i}." for i in range(6))
TWEET = {"text_lines": ["Storm warning for the “whole” coast tonight."], "attribution": "— Met Office (@metoffice) May 1, 2024"}


@pytest.mark.parametrize("seed", range(12))
def test_tweets_set_duplicates_the_tweet_only(seed: int) -> None:
    """Every body paragraph appears once; the tweet appears twice (once ASCII-fied), at most two paragraphs apart."""
    dirty = with_duplicate_tweet(BODY, TWEET, random.Random(seed)).split("\n\n")
    block = "\n".join([*TWEET["text_lines"], TWEET["attribution"]])  # type: ignore[list-item]
    assert dirty.count(block) == 1 and dirty.count(asciify(block)) == 1
    assert [p for p in dirty if p not in (block, asciify(block))] == BODY.split("\n\n")
    assert 1 <= dirty.index(asciify(block)) - dirty.index(block) <= 3


def test_tweets_set_is_cleaned_by_embeds_not_double_post() -> None:
    """Cleaning the tweets set changes documents through the embeds filter, never through double_post."""
    import newsclean

    bodies = [BODY.replace("story", f"story {k}") for k in range(8)]
    for doc in dirty_corpus(bodies, [TWEET])["tweets"]:
        assert newsclean.explain(doc).counts() == {"embeds": 2}  # the ASCII copy's text and attribution lines
