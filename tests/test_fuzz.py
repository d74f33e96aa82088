"""The text-path fuzz suite (issue 23): real bodies and real tweets, duplicated, interleaved and perturbed.

Documents are built from ``../shared/corpus`` (``articles/aeb_bodies.jsonl`` and
``tweets/real_tweets.jsonl``): a window of a real body, real tweets put in, then
copies (exact, ASCII-fied, reordered, near-duplicate, interleaved paragraph by
paragraph or in chunks, N-fold) and perturbations (mojibake, CRLF, NBSP,
zero-width, RTL, combining marks, emoji sequences, separator lines). The
properties: no exception, the records replay to the output, the output is a
fixed point (idempotence), and no content is lost: a block whose key occurs
once in the text the duplicate filters receive survives.

CI runs the Hypothesis profile from ``tests/conftest.py`` (derandomized, a
bounded number of examples) plus a seeded sweep over every real body;
``NEWSCLEAN_FUZZ=1`` runs thousands of random examples per property, and
``NEWSCLEAN_FUZZ_SWEEP=N`` makes N documents per body in the sweep. Without the
corpus, a test says so (naming the path) and the properties run on small
built-in samples instead.
"""

from __future__ import annotations

import os
import random
from collections import Counter
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean import Document, Result, replay
from newsclean._filters.repeated_runs import match_key
from tests._corpus import CORPUS, read_jsonl
from tests.strategies import LONG_PARAGRAPHS, PARAGRAPHS, TWEET

DUPLICATE_FILTERS = ("double_post", "embeds")
_ASCII = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."})
SEPARATOR_LINES = ["* * *", "___", "•", "—", "⭐️⭐️⭐️", "\u200b", "🇺🇦", "· · ·"]
EMOJI = ["👨‍👩‍👧‍👦", "👍🏽", "🏳️‍🌈", "🇩🇪", "❤️", "🧑🏿‍🚀"]
# Built-in samples for a clone without the corpus: the strategies' paragraphs and tweet.
_SAMPLE_BODY = "\n\n".join(LONG_PARAGRAPHS + PARAGRAPHS[:5])
_SAMPLE_TWEETS = [{"text_lines": [TWEET[0]], "attribution": TWEET[1]}]


def _load() -> tuple[list[str], list[dict[str, Any]]]:
    bodies = [row["body"] for row in read_jsonl("articles/aeb_bodies.jsonl")] if CORPUS.exists() else []
    tweets = read_jsonl("tweets/real_tweets.jsonl") if CORPUS.exists() else []
    return bodies or [_SAMPLE_BODY], tweets or _SAMPLE_TWEETS


BODIES, TWEETS = _load()


# -- building documents --------------------------------------------------------------------


def _paragraphs(body: str) -> list[str]:
    parts = [p for p in body.split("\n\n") if p.strip()]
    return parts if len(parts) > 1 else [p for p in body.split("\n") if p.strip()]


def _tweet(rng: random.Random) -> list[str]:
    row = rng.choice(TWEETS)
    return [*row["text_lines"], row["attribution"]]


def _reordered(lines: list[str], rng: random.Random) -> list[str]:
    """A tweet's lines as another rendering prints them: in order, attribution first or between, lines moved."""
    text, anchor = lines[:-1], lines[-1]
    how = rng.randrange(4)
    if how == 1:
        return [anchor, *text]
    if how == 2 and len(text) > 1:
        return [text[0], anchor, *text[1:]]
    if how == 3 and len(text) > 1:
        moved = text[:]
        rng.shuffle(moved)
        return [anchor, *moved]
    return lines


def _near_duplicate(para: str, rng: random.Random) -> str:
    """The paragraph with one word or one number changed: a different line, not a copy."""
    words = para.split(" ")
    k = rng.randrange(len(words))
    words[k] = words[k] + ("7" if rng.random() < 0.5 else "x")
    return " ".join(words)


def _perturb(para: str, rng: random.Random) -> str:
    """One of the perturbations an audit feeds: mojibake, NBSP, zero-width, RTL, combining marks, emoji."""
    how = rng.randrange(7)
    if how == 0 and not para.isascii():
        try:
            return para.encode("utf-8").decode("windows-1252")
        except UnicodeDecodeError:
            return para
    if how == 1:
        return para.replace(" ", "\u00a0", 3)
    if how == 2:
        k = rng.randrange(len(para) + 1)
        return para[:k] + rng.choice(["\u200b", "\u200d", "\ufeff", "\u2060"]) + para[k:]
    if how == 3:
        return "\u202b" + para + "\u202c" if rng.random() < 0.5 else "\u200f" + para
    if how == 4:
        k = rng.randrange(len(para) + 1)
        return para[:k] + "\u0301\u0327" + para[k:]
    if how == 5:
        return para + " " + rng.choice(EMOJI)
    return para


def build_document(rng: random.Random, body: str | None = None) -> str:
    """A window of *body* (or of a random real body) with real tweets, copies of some of it, and perturbations."""
    paras = _paragraphs(body if body is not None else rng.choice(BODIES))
    start = rng.randrange(len(paras))
    doc = [[p] for p in paras[start : start + rng.randint(1, 10)]]
    for _ in range(rng.randrange(3)):  # tweets, as units of lines
        doc.insert(rng.randrange(len(doc) + 1), _tweet(rng))
    if rng.random() < 0.3:
        doc.insert(rng.randrange(len(doc) + 1), [rng.choice(SEPARATOR_LINES)])
    base = [list(unit) for unit in doc]
    shape = rng.randrange(6)
    lo = rng.randrange(len(base))
    hi = rng.randint(lo + 1, len(base))
    piece = base[lo:hi]
    if rng.random() < 0.4:
        piece = [[line.translate(_ASCII) for line in unit] for unit in piece]
    piece = [_reordered(unit, rng) if len(unit) > 1 else unit for unit in piece]
    if shape == 0:  # a copy of a run, somewhere
        at = rng.randrange(len(doc) + 1)
        doc[at:at] = piece
    elif shape == 1:  # N-fold: the whole thing printed again and again
        doc = doc + [list(u) for u in base] * rng.randint(1, 4)
    elif shape == 2:  # interleaved paragraph by paragraph, or in chunks
        size = rng.randint(1, 3)
        doc = [u for k in range(0, len(base), size) for u in base[k : k + size] + piece[k : k + size]]
    elif shape == 3:  # near-duplicates: one word or number changed in a copy
        doc = doc + [[_near_duplicate(line, rng) for line in unit] for unit in piece]
    elif shape == 4 and piece:  # a copy with a tweet inserted
        doc = doc + piece[:1] + [_tweet(rng)] + piece[1:]
    lines = [line for unit in doc for line in unit]
    lines = [_perturb(line, rng) if rng.random() < 0.15 else line for line in lines]
    sep = rng.choice(["\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n"])
    return sep.join(lines)


documents = st.randoms(use_true_random=False).map(build_document)


# -- the properties ------------------------------------------------------------------------


def assert_no_content_loss(result: Result) -> None:
    """Every block whose key occurs once in the text the duplicate filters receive is in the output.

    The key is the one copies are matched on (typography, case and spacing
    fold away; numbers, words and punctuation-only lines do not).
    """
    before_duplicates = [c for c in result.changes if c.filter not in DUPLICATE_FILTERS]
    received = Document.from_text(replay(result.input, before_duplicates))
    counts = Counter(match_key(b.text) for b in received.blocks)
    kept = Counter(b.text for b in Document.from_text(result.text).blocks)
    lost = [b.text for b in received.blocks if counts[match_key(b.text)] == 1 and not kept[b.text]]
    assert lost == [], f"lost {lost!r}"


def check_document(text: str) -> None:
    """No exception, replay, idempotence and no content loss on one document."""
    result = newsclean.explain(text)
    assert result.replay() == result.text
    assert newsclean.clean(result.text) == result.text, "not idempotent"
    assert_no_content_loss(result)


def test_corpus_is_present() -> None:
    """The suite runs on the real corpus; without it only the built-in samples run (this test says so)."""
    if not CORPUS.exists():
        pytest.skip(f"real-data corpus not found at {CORPUS}: the fuzz properties ran on built-in samples only")
    assert len(BODIES) == 181 and len(TWEETS) == 65


@given(documents)
def test_fuzzed_documents_replay(text: str) -> None:
    """Every fuzzed document cleans without an exception and its records replay to the output."""
    result = newsclean.explain(text)
    assert result.replay() == result.text
    assert bool(result.changes) == (result.text != text)


@given(documents)
def test_fuzzed_documents_are_idempotent(text: str) -> None:
    """Cleaning a fuzzed document's output again changes nothing."""
    once = newsclean.clean(text)
    assert newsclean.clean(once) == once


@given(documents)
def test_fuzzed_documents_lose_no_content(text: str) -> None:
    """A block present once in what the duplicate filters receive is never removed."""
    assert_no_content_loss(newsclean.explain(text))


SWEEP = int(os.environ.get("NEWSCLEAN_FUZZ_SWEEP", "2"))


@pytest.mark.parametrize("index", range(len(BODIES)), ids=lambda i: f"body{i}")
def test_seeded_sweep_over_every_body(index: int) -> None:
    """Documents built around each real body (seeded) keep every property."""
    rng = random.Random(index)
    for _ in range(SWEEP):
        check_document(build_document(rng, BODIES[index]))


def test_issue_23_reproductions() -> None:
    """The audit's two text-path reproductions keep every property."""
    check_document(
        "Rain warning for the whole coast tonight.\n— Met Office (@metoffice) May 1, 2024\nThe council met.\n"
        "Rain warning for the whole coast tonight.\n* * *\n— Met Office (@metoffice) May 1, 2024"
    )
    t = "Rain warning.\n— Met Office (@metoffice) May 1, 2024"
    a = "The river rose by a metre overnight and the two bridges in town were closed to all traffic."
    b = "Volunteers filled sandbags until dawn and the water stopped one street away from the school."
    check_document("\n".join([t, a, b, t, "A line of at least twenty-four letters", a, b]))
