"""Embed anatomy shared by the duplicate filters: credit lines (anchors are tested in test_embeds.py)."""

from __future__ import annotations

import pytest

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
