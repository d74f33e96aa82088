"""The short chunks that continue two renderings interleaved chunk by chunk (interleave.py), on keys alone."""

from __future__ import annotations

import pytest

from newsclean._filters.interleave import MAX_CHUNK, _copied, continued_chunks

# Sizes: every block substantial unless a test says otherwise.
BIG, SMALL, MIN_SIZE = 30, 3, 24


def _chunked(*names: str) -> list[str]:
    """Keys of chunks each printed twice in a row: ``"ab"`` gives ``a b a b`` (one letter, one block)."""
    return [key for chunk in names for key in chunk * 2]


def _pairs(start: int, size: int) -> list[tuple[int, int]]:
    """The (later, earlier) pairs of a chunk of *size* blocks starting at *start*, printed twice."""
    return [(start + size + k, start + k) for k in range(size)]


def test_short_last_chunk_after_two_chunks_is_found() -> None:
    """After two accepted chunks of two blocks, a last chunk of one block printed twice continues them."""
    keys = _chunked("ab", "cd", "e") + ["end"]
    pairs = _pairs(0, 2) + _pairs(4, 2)
    assert continued_chunks(pairs, keys, [BIG] * len(keys), set(range(8)), MIN_SIZE) == [((9, 8),)]


def test_one_chunk_is_no_pattern() -> None:
    """One accepted chunk followed by a short repeat finds nothing: one chunk is no pattern."""
    keys = _chunked("ab", "e") + ["end"]
    assert continued_chunks(_pairs(0, 2), keys, [BIG] * len(keys), set(range(4)), MIN_SIZE) == []


def test_short_chunk_without_a_substantial_block_stays() -> None:
    """A last chunk of short lines (a refrain, `Yes`) is not taken, however well it fits the pattern."""
    keys = _chunked("ab", "cd", "e") + ["end"]
    sizes = [BIG] * 8 + [SMALL, SMALL, BIG]
    assert continued_chunks(_pairs(0, 2) + _pairs(4, 2), keys, sizes, set(range(8)), MIN_SIZE) == []


def test_chunk_between_two_chunks_of_its_size_is_found() -> None:
    """A chunk below the thresholds between two accepted chunks of its size is one more chunk of the pattern."""
    keys = _chunked("ab", "cd", "ef") + ["end"]
    pairs = _pairs(0, 2) + _pairs(8, 2)
    found = continued_chunks(pairs, keys, [BIG] * len(keys), set(range(4)) | set(range(8, 12)), MIN_SIZE)
    assert found == [((6, 4), (7, 5))]


def test_chunks_after_the_pattern_are_found_until_it_ends() -> None:
    """Chunks of the pattern's size keep being found after it, then a shorter last one."""
    keys = _chunked("ab", "cd", "ef", "gh", "i") + ["end"]
    pairs = _pairs(0, 2) + _pairs(4, 2)
    found = continued_chunks(pairs, keys, [BIG] * len(keys), set(range(8)), MIN_SIZE)
    assert found == [((10, 8), (11, 9)), ((14, 12), (15, 13)), ((17, 16),)]


def test_other_repeats_beside_the_chunks_add_nothing() -> None:
    """When the accepted pairs hold more than interleaved chunks (a body's own repeats), nothing is added."""
    keys = _chunked("ab", "cd", "e") + ["x", "y", "x"]
    pairs = _pairs(0, 2) + _pairs(4, 2) + [(12, 10)]
    assert continued_chunks(pairs, keys, [BIG] * len(keys), set(range(8)) | {10, 12}, MIN_SIZE) == []


def test_copies_further_apart_than_a_chunk_are_no_chunks() -> None:
    """Copies more than MAX_CHUNK blocks apart are a body printed twice, not chunks: nothing is added."""
    size = MAX_CHUNK + 1
    keys = [f"p{k}" for k in range(size)] * 2 + ["e", "e"]
    pairs = _pairs(0, size)
    assert continued_chunks(pairs, keys, [BIG] * len(keys), set(range(2 * size)), MIN_SIZE) == []


def test_chunk_that_goes_on_is_one_chunk() -> None:
    """A copy whose next block pairs with the next earlier block is one chunk, counted once."""
    keys = _chunked("abc", "def", "g") + ["end"]
    pairs = _pairs(0, 3) + _pairs(6, 3)
    assert continued_chunks(pairs, keys, [BIG] * len(keys), set(range(12)), MIN_SIZE) == [((13, 12),)]


@pytest.mark.parametrize(
    ("keys", "pos", "size", "expected"),
    [
        (["a", "b", "a", "b"], 0, 2, True),
        (["a", "b", "a", "c"], 0, 2, False),  # not the same blocks again
        (["a", "a"], 0, 1, True),
        (["a", "a", "a"], 0, 1, False),  # printed three times in a row: another kind of repeat
        (["a", "a", "a"], 1, 1, False),  # the line before is the same line
        (["a", "a", "a", "a"], 0, 2, False),  # a stretch of one line
        (["a", "b", "a"], 0, 2, False),  # runs past the end
    ],
)
def test_copied_needs_different_blocks_printed_exactly_twice(keys: list[str], pos: int, size: int, expected: bool) -> None:
    """A stretch is a chunk's copy only when its different blocks are printed again right after it, twice only."""
    assert _copied(pos, size, keys, [BIG] * len(keys), set(), MIN_SIZE) is expected


def test_copied_skips_decided_blocks_and_needs_a_substantial_one() -> None:
    """Blocks already decided cannot be a chunk again, and a chunk of short lines is none."""
    keys = ["a", "b", "a", "b"]
    assert _copied(0, 2, keys, [BIG] * 4, {3}, MIN_SIZE) is False
    assert _copied(0, 2, keys, [SMALL] * 4, set(), MIN_SIZE) is False
    assert _copied(0, 2, keys, [SMALL, BIG, SMALL, BIG], set(), MIN_SIZE) is True
