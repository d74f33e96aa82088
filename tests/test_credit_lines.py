"""find_credit_lines: the credit lines of a page, with the pattern run only on the lines that can be one."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean._filters import social
from newsclean._filters.social import find_credit_lines, is_credit_line

CREDITS = [
    "Photo: Mahmud Hams/AFP via Getty Images",
    "JIM WATSON/AFP/Getty Images",
    "AP Photo/Evan Vucci",
    "Jim Watson Getty Images",
    "JIM WATSON AP PHOTO",
    "Jim Watson ſhutterstock",
    "JIM WATSON GETTY İMAGES",
    "Jim Watson \u212aeystone Getty images",
    "(Image credit: All About Space)",
    "Photo | Reuters",
    "  Foto: dpa  ",
]
NOT_CREDITS = [
    "The photo showed the bridge after the flood.",
    "Getty Images said nothing about the picture of the bridge after the flood, which had gone round the world by then.",
    "Привет: мир",
    "Jim Watson, Gettyimages",
]


def test_the_letters_ignorecase_takes_for_ascii_ones_are_the_four_listed() -> None:
    """Every character beyond ASCII that re.IGNORECASE matches with a letter of the credit words is in _IGNORECASE_ASCII."""
    letters = re.compile(f"[{''.join(sorted(set(''.join(social._CREDIT_WORDS))))}]", re.IGNORECASE)
    found = {chr(c) for c in range(128, sys.maxunicode + 1) if letters.fullmatch(chr(c))}
    assert found == set(social._IGNORECASE_ASCII)


@pytest.mark.parametrize("line", CREDITS + NOT_CREDITS)
def test_each_line_is_found_as_is_credit_line_says(line: str) -> None:
    """find_credit_lines finds a line exactly when is_credit_line says it is a credit."""
    assert find_credit_lines(["A line of the article, long enough to be prose and not a credit.", line]) == ({1} if is_credit_line(line) else set())
    assert is_credit_line(line) == (line in CREDITS)


@given(st.lists(st.sampled_from(CREDITS + NOT_CREDITS) | st.text(max_size=60), max_size=12))
def test_found_exactly_where_is_credit_line_says(lines: list[str]) -> None:
    """find_credit_lines is the set of lines is_credit_line accepts, on any lines."""
    assert find_credit_lines(lines) == {i for i, line in enumerate(lines) if is_credit_line(line)}
