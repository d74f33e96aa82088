"""Bad, huge and hostile input: defined behaviour, no crash, no loss, linear work."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from hypothesis import given, settings

import newsclean
from newsclean._core.text import fold
from tests._checks import assert_no_loss
from tests._corpus import PLACEHOLDERS_IN_REAL_BODIES, expected_clean_body, real_bodies
from tests.strategies import news_documents

BAD_TYPES = [None, b"bytes", bytearray(b"x"), 3, 2.5, ["list"], object()]


def _text_entry_points() -> list[Callable[[object], object]]:
    pipeline = newsclean.default_pipeline()
    return [newsclean.clean, newsclean.explain, pipeline, pipeline.explain, *pipeline.filters]  # type: ignore[list-item]


@pytest.mark.parametrize("bad", BAD_TYPES, ids=lambda b: type(b).__name__)
def test_text_entry_points_reject_non_str_with_type_error(bad: object) -> None:
    """Every text entry point raises TypeError naming what to pass, for every non-str input."""
    for func in _text_entry_points():
        with pytest.raises(TypeError, match="needs a str"):
            func(bad)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param(" \t \n \u00a0 ", id="whitespace"),
        pytest.param("line one\r\nline two\r\n", id="crlf"),
        pytest.param("line one\rline two\r", id="cr"),
        pytest.param("mixed\r\nends\nhere\rok", id="mixed-endings"),
        pytest.param("nul\x00inside\nbell\x07 and \x1b[31mansi\x1b[0m", id="control-chars"),
        pytest.param("lone \ud800 surrogate\nand \udfff", id="lone-surrogates"),
        pytest.param("zero\u200bwidth\ufeff and bidi \u202e text", id="invisible"),
        pytest.param("a\u2028b\u2029c\x1dd\x0be\x0cf", id="unicode-line-separators"),
    ],
)
def test_odd_text_passes_through_unchanged(text: str) -> None:
    """Odd but clean text (control chars, surrogates, any line ending) comes back byte-identical."""
    result = newsclean.explain(text)
    assert result.text == text
    assert not result.changes


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_line_endings_are_kept_when_lines_are_removed(ending: str) -> None:
    """Removing a placeholder keeps the document's own line endings."""
    text = ending.join(["First paragraph.", "Advertisement", "Second paragraph.", ""])
    assert newsclean.clean(text) == ending.join(["First paragraph.", "Second paragraph.", ""])


def test_clean_real_bodies_come_out_byte_identical() -> None:
    """All 235 real article bodies pass the default pipeline unchanged (less two NYT markers and the listed Readability furniture)."""
    changed = [
        ident for ident, body in real_bodies() if newsclean.clean(body) != expected_clean_body(ident, body, furniture=True)
    ]
    assert changed == []
    assert set(PLACEHOLDERS_IN_REAL_BODIES) <= {ident for ident, body in real_bodies() if newsclean.clean(body) != body}


@given(news_documents())
def test_no_loss_on_generated_documents(text: str) -> None:
    """No block is lost unless it is a placeholder or a duplicate of a kept block; order is kept."""
    assert_no_loss(newsclean.explain(text))


def test_no_loss_on_real_bodies_made_dirty() -> None:
    """Real bodies with placeholders, a second copy and a duplicated tweet lose no real block."""
    import random


    from tests.dirty import asciify, with_placeholders

    rng = random.Random(3)
    for _, body in list(real_bodies())[:80]:
        for dirty in (with_placeholders(body, rng), asciify(body) + "\n\n" + body, body + "\n\n" + body):
            assert_no_loss(newsclean.explain(dirty))


def _profiled_calls(func: Callable[[], object]) -> int:
    """How many Python and C function calls func makes: a work count that does not depend on the clock."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        func()
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda n: "\n\n".join(f"Paragraph number {i} of a long article about the budget." for i in range(n)), id="distinct-lines"),
        pytest.param(lambda n: "\n".join(["The same substantial line repeated over and over again."] * n), id="one-line-repeated"),
        pytest.param(lambda n: "\n".join(["Advertisement", "Real text of the article goes here."] * n), id="placeholders-between"),
        pytest.param(lambda n: "\n".join(f"Line {i % 50} of a chorus that comes back again and again" for i in range(n)), id="repeating-chorus"),
        pytest.param(lambda n: "\n".join(["— Jan Egeland (@NRC_Egeland) February 8, 2024", "Tweet text pic.twitter.com/abc"] * n), id="tweet-lines"),
    ],
)
def test_work_grows_linearly(make: Callable[[int], str]) -> None:
    """Ten times the lines costs at most about ten times the function calls (no quadratic step)."""
    small = _profiled_calls(lambda: newsclean.clean(make(500)))
    large = _profiled_calls(lambda: newsclean.clean(make(5000)))
    assert large <= 12 * small, (small, large)


@pytest.mark.huge
def test_one_megabyte_single_line() -> None:
    """A 1 MB line without breaks passes through unchanged."""
    text = "word “quoted” – " * 70_000
    assert newsclean.clean(text) == text


@pytest.mark.huge
def test_one_megabyte_single_line_of_placeholder_lookalikes() -> None:
    """A 1 MB line made of placeholder words is not a placeholder and stays."""
    text = "Advertisement Loading… Anzeige " * 35_000
    assert newsclean.clean(text) == text


@pytest.mark.huge
def test_fifty_megabyte_document() -> None:
    """A 50 MB document of real-looking paragraphs and placeholders cleans, losing only placeholders."""
    para = "The council voted on Tuesday to approve the budget for next year, said the mayor. "
    unit = "\n\n".join([para * 3 + "{i}", "Advertisement"])
    text = "\n\n".join(unit.replace("{i}", str(i)) for i in range(190_000))
    assert len(text) > 50_000_000
    out = newsclean.clean(text)
    assert out == "\n\n".join((para * 3 + str(i)) for i in range(190_000))


@pytest.mark.huge
def test_a_million_lines() -> None:
    """1,000,000 short distinct lines pass through unchanged."""
    text = "\n".join(f"row {i}" for i in range(1_000_000))
    assert newsclean.clean(text) == text


@pytest.mark.huge
def test_hundred_thousand_copies_of_one_line() -> None:
    """100,000 copies of one line: cleaning finishes, is idempotent, and keeps the line."""
    line = "Breaking: the river has burst its banks in the town centre."
    text = "\n".join([line] * 100_000)
    out = newsclean.clean(text)
    assert line in out and newsclean.clean(out) == out
    assert {fold(x) for x in out.split("\n")} == {fold(line)}
