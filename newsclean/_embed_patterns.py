"""Patterns for embedded tweets and other social embeds as they appear in article text.

Owned by the embeds filter; the double-post filter uses :func:`is_attribution_line`
to tell whether a copy has its tweets in their proper order.
"""

from __future__ import annotations

import re

__all__ = ["TWEET_LINK", "is_attribution_line"]

# `pic.twitter.com/abc` or `https://t.co/abc`, as the rendered tweet text ends.
TWEET_LINK = re.compile(r"(?:pic\.twitter\.com|https?://t\.co)/\w+")

# "— Name (@handle) February 8, 2024": a dash, a display name, an @handle in
# parentheses, then an optional date. Bounded quantifiers keep it linear.
_ATTRIBUTION = re.compile(r"\s*(?:—|–|--?)\s*[^\n]{0,100}?\(@\w{1,30}\)(?:\s[^\n]{0,40})?\s*\Z")


def is_attribution_line(text: str) -> bool:
    """Whether *text* is a tweet's attribution line (``— Name (@handle) Date``).

    >>> is_attribution_line("— Jan Egeland (@NRC_Egeland) February 8, 2024")
    True
    >>> is_attribution_line("Jan Egeland said so on February 8.")
    False
    """
    return len(text) < 200 and "(@" in text and _ATTRIBUTION.match(text) is not None
