"""The comparison keys of newsclean._core.text: typography folds away, numbers never do."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean._core.text import compare_key, fold


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("He said “don’t” – ok…", 'he said "don\'t" - OK...'),
        ("Prices rose\u00a0 3.5% in May", "prices rose 3.5% in may"),
        ("— Met Office (@metoffice) May 1, 2024", "-- Met Office (@metoffice) May 1, 2024"),
        ("The 2–3 win", "The 2-3 win"),  # a range dash is typography
        ("COVID‑19 cases", "COVID-19 cases"),  # a hyphen inside a name is too
        ("It was −5 °C", "It was -5 °C"),  # a minus sign in any dash is one sign
        ("zero\u200bwidth", "zerowidth"),
    ],
)
def test_typography_folds_away(a: str, b: str) -> None:
    """Lines that differ only in quotes, dashes, ellipses, spaces or case get one key."""
    assert compare_key(a) == compare_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The index fell 3.5% on Monday.", "The index fell 35% on Monday."),
        ("About 1,000 people came.", "About 1.000 people came."),
        ("About 1,000 people came.", "About 1000 people came."),
        ("It was -5 degrees.", "It was 5 degrees."),
        ("A change of +2 points.", "A change of 2 points."),
        ("A change of ±2 points.", "A change of +2 points."),
        ("Version 1.10 ships today.", "Version 11.0 ships today."),
    ],
)
def test_numbers_never_fold(a: str, b: str) -> None:
    """Lines whose numbers differ (digits, separators, signs) never get one key (issue 23, item 4)."""
    assert fold(a) == fold(b) or a.count("1") != b.count("1")  # fold alone cannot tell most of them apart
    assert compare_key(a) != compare_key(b)


@given(st.text())
def test_key_is_the_fold_without_numbers(text: str) -> None:
    """On a text without a digit, the key is exactly fold(); with digits, its letters and digits are fold()'s."""
    key = compare_key(text)
    if not any(c.isdigit() for c in text):
        assert key == fold(text)
    assert "".join(c for c in key if c not in ".,+-±") == fold(text)


@given(st.text(alphabet=st.sampled_from("12.,-+−–x “”…")))
def test_key_ignores_quotes_and_ellipses(text: str) -> None:
    """Curly and straight quotes, and ellipses in any form, never change the key."""
    swapped = text.replace("“", '"').replace("”", '"').replace("…", "...")
    assert compare_key(text) == compare_key(swapped)


def test_bodies_that_differ_in_numbers_are_not_copies() -> None:
    """Two versions of a body whose figures differ both stay; the same body twice loses its copy."""
    import newsclean

    body = (
        "The index fell 3.5% on Monday after the central bank raised its rates again, traders said.\n"
        "Analysts had expected a much smaller move and said 1,000 jobs could go at the largest lenders.\n"
        "Shares of the two biggest banks closed 2.25% lower, their worst day since -0.5% in March."
    )
    other = body.replace("3.5%", "35%").replace("1,000", "1.000").replace("-0.5%", "0.5%")
    assert newsclean.clean(body + "\n" + other) == body + "\n" + other
    assert newsclean.clean(body + "\n" + body) == body


# Characters each fast path of fold() and compare_key() treats apart: ASCII, the
# General Punctuation block, NBSP and guillemets (dropped from the UTF-8 bytes),
# other non-ASCII punctuation, letters that casefold to ASCII, line breaks, a lone surrogate.
_TRICKY = st.sampled_from(list("aZ09 _.,-+±−–‒﹣－\n\u2019\u201c\u2026\u200b\u00a0«»¿·、一ßİſK٣é") + ["\ud800"])


@given(st.text(alphabet=_TRICKY, max_size=30) | st.text(max_size=30))
def test_fold_is_the_plain_definition(text: str) -> None:
    """fold() is exactly: casefold, then drop every character that is not a letter or digit."""
    import re

    assert fold(text) == re.sub(r"[\W_]+", "", text.casefold())


@given(st.text(alphabet=_TRICKY, max_size=30) | st.text(max_size=30))
def test_key_is_the_fold_of_each_piece_between_number_marks(text: str) -> None:
    """compare_key() folds the text between number marks and keeps each mark (signs written one way)."""
    import re

    mark = re.compile(r"(?<=\d)[.,](?=\d)|(?<![^\W_])[-+±−–‒﹣－](?=\d)")
    pieces, pos = [], 0
    for match in mark.finditer(text):
        sign = match.group()
        pieces += [fold(text[pos : match.start()]), sign if sign in ".,+±" else "-"]
        pos = match.end()
    assert compare_key(text) == "".join([*pieces, fold(text[pos:])])
