"""Embed anatomy shared by the duplicate filters: credit lines (anchors are tested in test_embeds.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean._filters.social import is_credit_line


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Mahmud Hams/AFP via Getty Images",
        "(Image credit: All About Space)",
        "JIM WATSON/AFP/Getty Images",
        "AP Photo/Evan Vucci",
        "Foto: dpa",
        "Image: NASA/JPL-Caltech",
    ],
)
def test_credit_lines(line: str) -> None:
    """Short picture and video credits are credit lines."""
    assert is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The photo showed the bridge after the flood.",
        "Photographers gathered outside the court on Monday morning as the verdict was read.",
        "Getty Images " * 20,
        "",
    ],
)
def test_not_credit_lines(line: str) -> None:
    """Prose about photos, long lines and empty lines are not credit lines."""
    assert not is_credit_line(line)


def test_every_facebook_marker_passes_the_substring_pre_test() -> None:
    """parse_anchor tests "ost", "bli" and "aatst" before the markers: a marker holding none of them would never be read."""
    from newsclean._filters.social import _FACEBOOK_MARKERS

    assert all("ost" in marker or "bli" in marker or "aatst" in marker for marker in _FACEBOOK_MARKERS)


_ANCHOR_LINES = [
    "— Jan Egeland (@NRC_Egeland) February 8, 2024",
    "A post shared by NASA (@nasa) on Mar 5, 2020 at 10:15am PST",
    "Rafah crossing at night - YouTube",
    "https://www.youtube.com/watch?v=abc123",
    "Posted by Gaza Now on Thursday, February 8, 2024",
    "Publié par Le Monde sur jeudi 8 février 2024",
    "Mail us at news@example.com.",
    "The mayor (@mayor) said so.",
    "Rafah would be a bloodbath.",
    "",
]


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_ANCHOR_LINES),
            st.builds(lambda line, pad: line + " " * pad, st.sampled_from(_ANCHOR_LINES), st.sampled_from([0, 255, 300])),
            st.text(st.sampled_from("@(outTbyé \n-—Posted"), max_size=20),
        ),
        max_size=30,
    )
)
def test_find_anchors_is_parse_anchor_on_every_line(lines: list[str]) -> None:
    """find_anchors parses only the short lines holding a marker, found in C: the same as parsing every line."""
    from newsclean._filters.social import find_anchors, parse_anchor

    every = {i: a for i, a in enumerate(map(parse_anchor, lines)) if a is not None}
    assert find_anchors(lines) == every
    assert find_anchors(iter(lines)) == every


def test_find_anchors_reads_a_page_of_many_short_lines_in_chunks() -> None:
    """A marker in the last chunk of short lines is found, and a long line's marker does not count."""
    from newsclean._filters.social import _MARKER_CHUNK, find_anchors

    lines = ["Rafah would be a bloodbath."] * (2 * _MARKER_CHUNK + 5)
    lines[-2] = "— Jan Egeland (@NRC_Egeland) February 8, 2024"
    lines[3] = "x" * 400 + " youtube.com/watch?v=abc"  # a long line: never an anchor
    assert list(find_anchors(lines)) == [len(lines) - 2]


@pytest.mark.parametrize(("find", "bound"), [("find_anchors", 0.5), ("find_credit_lines", 1.6)])
def test_the_marker_tests_copy_a_big_page_a_chunk_at_a_time(find: str, bound: float) -> None:
    """The short lines are joined so many at a time: lines outside the BMP make a chunk of 4-byte characters, not a copy of the page.

    10,000 captions that each start with an emoji (traced peak over their UTF-8 size): joined
    whole and lowered, find_credit_lines took 20.1x; 1,024 lines at a time 2.8x (find_anchors
    0.86x), which added 0.9x to clean() on a 1 MB document; 256 at a time 1.0x (find_anchors 0.21x),
    most of it the list of the short lines' places.
    """
    import gc
    import tracemalloc

    from newsclean._filters import social

    lines = [f"😀 Line {i} of a long page, with words enough to be a caption of one of its many pictures today." for i in range(10_000)]
    size = sum(len(line.encode("utf-8")) for line in lines)
    getattr(social, find)(lines[:10])
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        getattr(social, find)(lines)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert peak < bound * size
