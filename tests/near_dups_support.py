"""Documents for the near-duplicate tests: real bodies from the corpus and the copies a crawl makes of them.

The variants imitate what a crawl of several sites produces: other sites'
furniture (placeholder lines, newsletter and attribution lines taken from the
corpus README's per-site table), ASCII-fied and mojibake copies, updated
versions, and a wire story in two sites' clothing. Synthetic stories (seeded
random words) let the order-independence property run without the corpus.
"""

from __future__ import annotations

import random
import unicodedata
from typing import Any

from tests._corpus import read_jsonl

ASCII = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "--", "…": "...", "\u00a0": " "})


def aeb_stories(count: int = 6, *, min_paragraphs: int = 8, min_words: int = 300) -> list[tuple[str, str]]:
    """(id, body) of the first *count* English aeb bodies long enough to be stories."""
    out = []
    for row in read_jsonl("articles/aeb_bodies.jsonl"):
        body = row["body"]
        paragraphs = [p for p in body.split("\n") if p.strip()]
        if len(paragraphs) >= min_paragraphs and len(body.split()) >= min_words and body.isascii() is False:
            out.append(("aeb:" + row["id"][:12], body))
        if len(out) == count:
            break
    return out


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.split("\n") if p.strip()]


def with_furniture(body: str) -> str:
    """The body as another site serves it: placeholder lines between paragraphs, its own newsletter line."""
    paras = paragraphs(body)
    out = []
    for i, p in enumerate(paras):
        out.append(p)
        if i % 3 == 1:
            out.append("Advertisement")
        if i == 4:
            out.append("Continue reading the main story")
    out.append("Sign up for our newsletter to receive a daily email of our best content")
    return "\n\n".join(out)


def ascii_fied(body: str) -> str:
    """The body with straight quotes, hyphen dashes and accents stripped, as an ASCII-only scraper stores it."""
    plain = body.translate(ASCII)
    return unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode("ascii")


def mojibake(body: str) -> str:
    """The body's UTF-8 bytes read as Windows-1252: the classic mojibake the cleaner repairs."""
    return body.encode("utf-8").decode("cp1252", errors="replace")


def updated(body: str) -> str:
    """A later version: one paragraph added after the third, the last one changed."""
    paras = paragraphs(body)
    paras.insert(3, "Update: officials confirmed the figures on Tuesday evening, adding that a fuller account "
                    "would be published once every regional office had reported its numbers.")
    paras[-1] = paras[-1] + " This article has been updated with new figures."
    return "\n\n".join(paras)


def wire_copies(body: str) -> tuple[str, str]:
    """A wire story as two sites publish it: each with its own byline, attribution and closing lines."""
    paras = paragraphs(body)
    site_a = ["By a staff writer", *paras, "(Source: Reuters)", "Read more:",
              "Press TV’s website can also be accessed at the following alternate addresses:"]
    site_b = [*paras, "Subscribe to Canada Free Press for FREE",
              "Please adhere to our commenting policy to avoid being banned."]
    return "\n\n".join(site_a), "\n".join(site_b)


def synthetic_story(seed: int, paragraphs_count: int = 10) -> str:
    """A story of seeded random words (no corpus needed), paragraphs of 30 words."""
    rng = random.Random(seed)
    vocabulary = [f"w{rng.randrange(10_000)}" for _ in range(2000)]
    return "\n\n".join(" ".join(rng.choice(vocabulary) for _ in range(30)) + "." for _ in range(paragraphs_count))


def synthetic_corpus() -> list[tuple[Any, str]]:
    """Stories, exact and near copies, chained versions and short briefs, all made from seeded words."""
    docs: list[tuple[Any, str]] = []
    for s in range(4):
        story = synthetic_story(s)
        docs.append((f"s{s}", story))
        docs.append((f"s{s}-copy", story.upper()))
        docs.append((f"s{s}-update", story + "\n\nOne more paragraph with a late update from the scene tonight."))
    docs.append(("brief-1", "Police closed the bridge on Monday."))
    docs.append(("brief-2", "Police closed the bridge on Tuesday."))
    docs.append(("brief-3", "Police closed the bridge on Monday!"))
    return docs


def crawl_records() -> list[dict[str, Any]]:
    """A small crawl as JSON records (url, body): real stories and their copies, real negatives, briefs.

    Without the corpus it is the synthetic corpus, so the paths can still be compared.
    """
    docs: list[tuple[Any, str]] = []
    for ident, body in aeb_stories(4):
        site_a, site_b = wire_copies(body)
        docs += [(ident, body), (ident + "/furniture", with_furniture(body)), (ident + "/ascii", ascii_fied(body)),
                 (ident + "/update", updated(body)), (ident + "/site-a", site_a), (ident + "/site-b", site_b)]
    sites = [r for r in read_jsonl("sites/articles.jsonl.gz") if r["site"] in ("politico.com", "naturalnews.com")]
    docs += [(r["id"], r["text"]) for r in sites]
    if not docs:
        docs = synthetic_corpus()
    docs += [(f"brief-{i}", f"Brief {i}: the council met and approved the budget.") for i in range(3)]
    return [{"url": f"https://example.org/{ident}", "body": body} for ident, body in docs]
