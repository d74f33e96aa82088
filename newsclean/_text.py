"""Text keys shared by the filters: a folding key for comparing copies, and a typography score.

The key is for *comparing* only; filters always output the original text.
"""

from __future__ import annotations

import re

__all__ = ["fold", "typography_score"]

# Everything that is not a letter or digit: punctuation (straight or curly
# quotes, dashes, ellipses), spaces, NBSP, zero-width characters, underscores.
_NOT_ALNUM = re.compile(r"[\W_]+")

# Typographic punctuation, and the ASCII stand-ins that scrapers and
# "smart-quote off" renderers put in their place.
_TYPOGRAPHIC = re.compile(r"[“”‘’„‚«»‹›–—…]")
_ASCII_STANDINS = re.compile(r"[\"']|(?<= )-(?= )|--|\.\.\.")


def fold(text: str) -> str:
    """A comparison key that ignores case, spacing and punctuation (so typography too).

    >>> fold("He said “don’t” – ok…") == fold('he said "don\\'t" - OK...')
    True
    """
    return _NOT_ALNUM.sub("", text.casefold())


def typography_score(text: str) -> int:
    """Typographic punctuation minus ASCII stand-ins: higher is the better-set copy.

    >>> typography_score("“Yes” – she said…") > typography_score('"Yes" - she said...')
    True
    """
    return len(_TYPOGRAPHIC.findall(text)) - len(_ASCII_STANDINS.findall(text))
