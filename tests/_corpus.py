"""Access to the shared real-data corpus (``../shared/corpus``) for tests.

A user's clone does not have it: tests that need it skip with a clear reason.
Small slices with provenance live in ``fixtures/`` and run everywhere.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = Path(os.environ.get("NEWSCLEAN_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"


#: The skip reason of every test that needs the corpus when it is absent: the path tried, and how to point elsewhere.
CORPUS_MISSING = (
    f"real-data corpus not found at {CORPUS} (set NEWSCLEAN_SHARED to the folder holding corpus/, "
    "e.g. NEWSCLEAN_SHARED=../shared)"
)


def corpus_file(relative: str) -> Path:
    """Path of a corpus file, or skip the test saying which path was tried and how to point elsewhere."""
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"real-data corpus file not found at {path} (set NEWSCLEAN_SHARED to the folder holding corpus/)")
    return path


def require_corpus() -> None:
    """Skip the calling test, naming the path tried and NEWSCLEAN_SHARED, when the corpus is absent."""
    if not corpus_available():
        pytest.skip(CORPUS_MISSING)


def read_jsonl(relative: str) -> list[dict[str, Any]]:
    """All rows of a corpus JSON lines file (``.gz`` is unpacked); skips when absent.

    Called while pytest collects (to build parameters) and the corpus is absent, it
    returns no rows, so the parametrised tests are collected empty and skipped,
    instead of the whole module failing to collect. pytest sets
    PYTEST_CURRENT_TEST only while a test runs.
    """
    if "PYTEST_CURRENT_TEST" not in os.environ and not (CORPUS / relative).exists():
        return []
    path = corpus_file(relative)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        return [json.loads(line) for line in fh if line.strip()]


def corpus_available() -> bool:
    return CORPUS.exists()


def real_bodies() -> Iterator[tuple[str, str]]:
    """(id, body) of the 235 real article bodies (aeb ground truth and Readability)."""
    for row in read_jsonl("articles/aeb_bodies.jsonl"):
        yield "aeb:" + row["id"][:12], row["body"]
    for row in read_jsonl("articles/readability_bodies.jsonl"):
        yield "readability:" + row["id"], row["body"]


# Real bodies that contain a real placeholder line: Readability's expected output for two
# nytimes.com pages keeps the "Continue reading the main story" marker (Readability does not strip
# it). The default pipeline removes it there, and nowhere else changes a real body.
PLACEHOLDERS_IN_REAL_BODIES = {
    "readability:nytimes-1": "Continue reading the main story",
    "readability:nytimes-2": "Continue reading the main story",
}


# Real page furniture that Readability's expected output keeps (Readability does not strip it; these
# are not human judgements): the ``furniture`` filter removes exactly these lines and nothing else from
# the 235 bodies. Each was read in context. The aeb ground truth (human) loses nothing.
FURNITURE_IN_REAL_BODIES: dict[str, tuple[str, ...]] = {
    "readability:breitbart": ("SIGN UP FOR OUR NEWSLETTER",),  # twice, between paragraphs
    "readability:bug-1255978": ("Play Video", "Fullscreen"),  # video.js controls
    "readability:cnn": (
        "Related: Rich are paying more in taxes but not as much as they used to",
        "Related: Chicago is America's most segregated city",
    ),
    "readability:lemonde-1": (
        "Lire aussi : Les critiques de la CNIL contre le projet de loi sur le renseignement",
        "Lire : Que sont les IMSI-catchers, ces valises qui espionnent les téléphones portables ?",
    ),
    "readability:wapo-1": (  # the "Read more:" heading and its three headline links, at the end
        "Read more:",
        "Tunisia’s Islamists get a sobering lesson in governing",
        "Tunisia sends most foreign fighters to Islamic State in Syria",
        "Tunisia’s Bardo museum is home to amazing Roman treasures",
    ),
    "readability:yahoo-1": (  # the "More games news:" heading and its five headline links
        "More games news:",
        "‘Skylanders Imaginators’ will let you create and 3D print your own action figures",
        "Review: High-flying ‘NBA 2K17’ has a career year",
        "Review: Race at your own speed in big, beautiful ‘Forza Horizon 3’",
        "Sony’s PlayStation 4 Pro shows promise, potential and plenty of pretty lighting",
        "Review: ‘Madden NFL 17’ runs hard, plays it safe",
    ),
}


def expected_clean_body(ident: str, body: str, *, furniture: bool = False) -> str:
    """What cleaning a real body must give: the body itself, less any known placeholder lines.

    With *furniture* (the default pipeline), less the known furniture lines too.
    """
    markers = set(FURNITURE_IN_REAL_BODIES.get(ident, ())) if furniture else set()
    marker = PLACEHOLDERS_IN_REAL_BODIES.get(ident)
    if marker is not None:
        markers.add(marker)
    if not markers:
        return body
    from newsclean import Document, Edit

    doc = Document.from_text(body)
    return doc.apply("t", [Edit(i, "r", "") for i, b in enumerate(doc.blocks) if b.text in markers])[0].text
