"""Golden cases: every case in fixtures/ through the default pipeline.

Each case checks the exact output, which filters acted, that the changes
replay to the output, and that cleaning again changes nothing.
Layout: ``fixtures/golden/<filter>/<category>.json`` with categories
``wild`` (in the wild), ``synthetic``, ``negative`` (must stay untouched) and
``known_failures`` (strict xfail); long bodies as ``fixtures/seeds/<name>.txt``
with ``<name>.expected.txt``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newsclean

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CATEGORIES = ("wild", "synthetic", "negative", "known_failures")


def _cases() -> list[Any]:
    params = []
    for path in sorted((FIXTURES / "golden").glob("*/*.json")):
        category = path.stem
        assert category in CATEGORIES, f"{path}: unknown category (use one of {CATEGORIES})"
        for case in json.loads(path.read_text(encoding="utf-8")):
            marks = [pytest.mark.xfail(strict=True, reason=case.get("source", "known failure"))] if category == "known_failures" else []
            params.append(pytest.param(case, category, id=f"{path.parent.name}/{category}/{case['label']}", marks=marks))
    return params


@pytest.mark.parametrize(("case", "category"), _cases())
def test_golden_case(case: dict[str, Any], category: str) -> None:
    """The default pipeline gives the expected text, with the expected filters acting, and replays."""
    result = newsclean.explain(case["input"])
    assert result.text == case["expected"]
    assert sorted({c.filter for c in result.changes}) == sorted(case["filters"])
    assert result.replay() == result.text
    if category == "negative":
        assert result.text == case["input"] and not result.changes
    assert newsclean.clean(result.text) == result.text


def _seeds() -> list[Path]:
    return sorted(p for p in (FIXTURES / "seeds").glob("*.txt") if not p.name.endswith(".expected.txt"))


@pytest.mark.parametrize("path", _seeds(), ids=lambda p: p.stem)
def test_seed_cleans_to_expected(path: Path) -> None:
    """A long real body cleans to exactly its expected file, and the record replays."""
    text = path.read_text(encoding="utf-8")
    expected = path.with_name(path.stem + ".expected.txt").read_text(encoding="utf-8")
    result = newsclean.explain(text)
    assert result.text == expected
    assert result.replay() == expected
    assert newsclean.clean(expected) == expected


def test_reference_example_explains_each_change() -> None:
    """The reference example lists the first copy's 18 blocks and the Loading… line, with rules and reasons."""
    text = (FIXTURES / "seeds" / "rafah_double_post.txt").read_text(encoding="utf-8")
    result = newsclean.explain(text)
    assert result.counts() == {"placeholders": 1, "double_post": 18}
    assert [c.line for c in result.changes if c.filter == "double_post"] == list(range(1, 19))
    (loading,) = [c for c in result.changes if c.filter == "placeholders"]
    assert (loading.block, loading.rule) == ("Loading…", "loader")
    assert all(c.reason for c in result.changes)
