"""Make real article bodies dirty in the ways newsclean cleans, reproducibly (used by the tests and by benchmarks/run.py)."""

from __future__ import annotations

import random

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

PLACEHOLDERS = ["Advertisement", "Loading…", "Anzeige", "Story continues below advertisement", "Read more", "Publicité"]
_ASCII = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."})


def asciify(text: str) -> str:
    """The ASCII-fied copy a second renderer of a page produces."""
    return text.translate(_ASCII)


def double_post(body: str) -> str:
    """The body twice, the first copy ASCII-fied (the reference example's shape)."""
    return asciify(body) + "\n\n" + body


def with_placeholders(body: str, rng: random.Random) -> str:
    """A placeholder line after roughly every third paragraph, and one at the end."""
    out = []
    for i, para in enumerate(body.split("\n\n")):
        out.append(para)
        if i % 3 == 2:
            out.append(rng.choice(PLACEHOLDERS))
    out.append("Loading…")
    return "\n\n".join(out)


def with_duplicate_tweet(body: str, tweet: dict[str, object], rng: random.Random) -> str:
    """A real tweet embedded once in proper order, and again ASCII-fied two paragraphs later.

    Only the tweet is duplicated: every paragraph of the body is there once, so the set
    tests the embeds filter and not double_post.
    """
    lines = [str(x) for x in tweet["text_lines"]] + [str(tweet["attribution"])]  # type: ignore[union-attr]
    block = "\n".join(lines)
    paras = body.split("\n\n")
    at = rng.randrange(len(paras) + 1)
    paras.insert(at, block)
    paras.insert(min(at + 3, len(paras)), asciify(block))  # after the (up to) two paragraphs that follow
    return "\n\n".join(paras)


def with_mojibake(body: str, rng: random.Random) -> str:
    """Every other paragraph that has non-ASCII text, encoded as UTF-8 and read as Windows-1252."""
    paras = body.split("\n\n")
    for i, para in enumerate(paras):
        if i % 2 == 0 and not para.isascii():
            paras[i] = para.encode("utf-8").decode("sloppy-windows-1252")
    return "\n\n".join(paras)


def dirty_corpus(bodies: list[str], tweets: list[dict[str, object]], seed: int = 7) -> dict[str, list[str]]:
    """Clean bodies and the four dirty variants of each, keyed by variant name."""
    rng = random.Random(seed)
    return {
        "clean": list(bodies),
        "double_post": [double_post(b) for b in bodies],
        "placeholders": [with_placeholders(b, rng) for b in bodies],
        "tweets": [with_duplicate_tweet(b, tweets[i % len(tweets)], rng) for i, b in enumerate(bodies)],
        "mojibake": [with_mojibake(b, rng) for b in bodies],
    }
