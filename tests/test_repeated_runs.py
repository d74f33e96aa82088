"""The repeated-run search behind the double-post filter: keys, chains and segments."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean._filters.repeated_runs import find_chains, match_key, split_segments


@pytest.mark.parametrize(
    ("a", "b"),
    [("* * *", "*\u00a0*\u00a0*"), ("\u200b* * *", "* * *"), ("—", "-"), ("\u202b___\u202c", "___")],
)
def test_punctuation_lines_match_up_to_spacing_and_invisible_characters(a: str, b: str) -> None:
    """Lines without letters match the same line up to spaces, NBSP, zero-width and direction marks."""
    assert match_key(a) == match_key(b)
    assert match_key(a).startswith("\x00")


@pytest.mark.parametrize(("a", "b"), [("* * *", "***"), ("• • •", "* * *"), ("___", "—")])
def test_different_separators_do_not_match(a: str, b: str) -> None:
    """Different separator lines keep different keys."""
    assert (match_key(a) == match_key(b)) == (a.replace(" ", "") == b.replace(" ", ""))


def test_keys_keep_numbers() -> None:
    """`3.5%` and `35%` are different keys; typography is not."""
    assert match_key("It fell 3.5% – “sharply”.") == match_key('It fell 3.5% - "sharply".')
    assert match_key("It fell 3.5% today.") != match_key("It fell 35% today.")


def test_tandem_repeat_splits_into_neighbouring_copies() -> None:
    """Three copies on one diagonal become copy 2 against 1 and copy 3 against 2."""
    assert split_segments([(3, 0), (4, 1), (5, 2), (6, 3), (7, 4), (8, 5)]) == [
        ((3, 0), (4, 1), (5, 2)),
        ((6, 3), (7, 4), (8, 5)),
    ]


def test_interleaved_copies_stay_one_segment() -> None:
    """a1 b1 a2 b2 a3 b3 chains on diagonal 1 and, with no block on both sides, stays one segment."""
    keys = [match_key(f"Paragraph {k} of the article, long enough to count as prose in the body.") for k in (1, 1, 2, 2, 3, 3)]
    chains = find_chains(keys).chains
    assert chains == (((1, 0), (3, 2), (5, 4)),)
    assert split_segments(chains[0]) == [((1, 0), (3, 2), (5, 4))]


@given(st.lists(st.sampled_from("abcdefgh"), max_size=40))
def test_the_blocks_visited_are_each_repeated_block_and_the_gap_after_it(keys: list[str]) -> None:
    """_visited lists, in order and once each, every block whose key repeats and the GAP + 2 blocks after it."""
    from collections import Counter

    from newsclean._filters.repeated_runs import GAP, _visited

    counts = Counter(keys)
    expected = sorted({q for p, key in enumerate(keys) if counts[key] > 1 for q in range(p, min(p + GAP + 3, len(keys)))})
    assert _visited(keys)[0] == expected
