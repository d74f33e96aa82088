"""Text keys shared by the filters: a folding key for comparing copies, and a typography score.

The key is for *comparing* only; filters always output the original text.
"""

from __future__ import annotations

import re

__all__ = ["compare_key", "fold", "typography_score"]

# Everything that is not a letter or digit: punctuation (straight or curly
# quotes, dashes, ellipses), spaces, NBSP, zero-width characters, underscores.
_NOT_ALNUM = re.compile(r"[\W_]+")
# The ASCII bytes that _NOT_ALNUM removes: for ASCII, \W is exactly "not
# [A-Za-z0-9_]". In UTF-8 a byte below 0x80 is always a whole character (the
# bytes of multi-byte characters are all >= 0x80), so deleting these bytes from
# the UTF-8 form deletes exactly the ASCII characters _NOT_ALNUM would.
_ASCII_NOT_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())

# Typographic punctuation, and the ASCII stand-ins that scrapers and
# "smart-quote off" renderers put in their place.
_TYPOGRAPHIC_CHARS = "“”‘’„‚«»‹›–—…"
_TYPOGRAPHIC = re.compile(f"[{_TYPOGRAPHIC_CHARS}]")
_ASCII_STANDINS = re.compile(r"[\"']|(?<= )-(?= )|--|\.\.\.")


def fold(text: str) -> str:
    """A comparison key that ignores case, spacing and punctuation (so typography too).

    >>> fold("He said “don’t” – ok…") == fold('he said "don\\'t" - OK...')
    True
    """
    # Same result as _NOT_ALNUM.sub("", text.casefold()), several times faster:
    # bytes.translate drops the ASCII punctuation and spaces (most of what goes)
    # in one C pass, and the regex then runs only if non-ASCII text is left,
    # over a string with few matches left (curly quotes, dashes, NBSP).
    folded = text.casefold()
    try:
        kept = folded.encode("utf-8").translate(None, _ASCII_NOT_ALNUM).decode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: the plain regex handles them
        return _NOT_ALNUM.sub("", folded)
    return kept if kept.isascii() else _NOT_ALNUM.sub("", kept)


# The marks that carry a number's meaning: a decimal or thousands separator
# between two digits (`3.5` is not `35`, `1,000` is not `1.000`), and a sign
# right before a digit where no letter or digit precedes it (`-5` is not `5`;
# the hyphen of `2-3` or `COVID-19` is a range or a name, and folds away).
# One character of look-behind and look-ahead: linear.
_NUMBER_MARK = re.compile(r"(?<=\d)[.,](?=\d)|(?<![^\W_])[-+±−–‒﹣－](?=\d)")
# A mark right before a digit: what every _NUMBER_MARK match has, found by a
# pattern that starts with a character class (the regex engine skips ahead to
# it) instead of a look-behind tried at every position: about 9x cheaper, and
# most lines fail it, so _NUMBER_MARK runs on few lines.
_MAYBE_NUMBER_MARK = re.compile(r"[-.,+±−–‒﹣－]\d")
# Minus signs printed with any dash: one sign.
_SIGNS = {"+": "+", "±": "±"}


def compare_key(text: str) -> str:
    """:func:`fold`, but keeping the marks that change a number: separators between digits, and signs.

    What the duplicate filters compare lines on: two lines match when they
    differ only in typography (quotes, dashes, ellipses, spacing, case), never
    when they differ in a number.

    >>> compare_key("It fell 3.5% – “sharply”") == compare_key('it fell 3.5% - "sharply"')
    True
    >>> compare_key("fell 3.5%") == compare_key("fell 35%"), compare_key("1,000") == compare_key("1.000")
    (False, False)
    >>> compare_key("−5 degrees") == compare_key("-5 degrees") != compare_key("5 degrees")
    True
    """
    if _MAYBE_NUMBER_MARK.search(text) is None or _NUMBER_MARK.search(text) is None:
        return fold(text)
    pieces: list[str] = []
    pos = 0
    for match in _NUMBER_MARK.finditer(text):
        mark = match.group()
        pieces.append(fold(text[pos : match.start()]))
        pieces.append(_SIGNS.get(mark, mark if mark in ".," else "-"))
        pos = match.end()
    pieces.append(fold(text[pos:]))
    return "".join(pieces)


def typography_score(text: str) -> int:
    """Typographic punctuation minus ASCII stand-ins: higher is the better-set copy.

    >>> typography_score("“Yes” – she said…") > typography_score('"Yes" - she said...')
    True
    """
    # The same counts as _TYPOGRAPHIC.findall and _ASCII_STANDINS.findall, with
    # str.count (two to three times faster). Exact: quotes are single
    # characters; runs of hyphens and of dots give floor(k/2) "--" and
    # floor(k/3) "..." either way, scanning left to right; a " - " hyphen is
    # never part of "--". Only " - " sharing a space (" - - ") is counted
    # differently by str.count, so that case goes to the regex.
    spaced = text.count(" - ")
    if spaced and " - - " in text:
        standins = len(_ASCII_STANDINS.findall(text))
    else:
        standins = text.count('"') + text.count("'") + text.count("--") + text.count("...") + spaced
    if text.isascii():  # every typographic character is non-ASCII
        return -standins
    return sum(map(text.count, _TYPOGRAPHIC_CHARS)) - standins
