"""Text keys shared by the filters: a folding key for comparing copies, and a typography score.

The key is for *comparing* only; filters always output the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import compress, count, repeat
from operator import contains

__all__ = ["MAYBE_NUMBER_MARK", "compare_key", "fold", "lines_holding", "typography_score"]

# Everything that is not a letter or digit: punctuation (straight or curly
# quotes, dashes, ellipses), spaces, NBSP, zero-width characters, underscores.
_NOT_ALNUM = re.compile(r"[\W_]+")
# The ASCII bytes that _NOT_ALNUM removes: for ASCII, \W is exactly "not
# [A-Za-z0-9_]". In UTF-8 a byte below 0x80 is always a whole character (the
# bytes of multi-byte characters are all >= 0x80), so deleting these bytes from
# the UTF-8 form deletes exactly the ASCII characters _NOT_ALNUM would.
_ASCII_NOT_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())
_ASCII_NOT_ALNUM_BUT_NL = _ASCII_NOT_ALNUM.replace(b"\n", b"")
_NOT_ALNUM_BUT_NL = re.compile(r"[^\w\n]+")
# U+2000-U+203F in UTF-8 (none is a letter or digit, and casefold leaves them
# alone): a lead byte E2 starts a character, so a match is always a whole one.
_GENERAL_PUNCTUATION = re.compile(rb"\xe2\x80[\x80-\xbf]")
# NBSP, « and »: C2 is a lead byte too.
_LATIN1_PUNCTUATION = re.compile(rb"\xc2[\xa0\xab\xbb]")

# Typographic punctuation, and the ASCII stand-ins that scrapers and
# "smart-quote off" renderers put in their place.
_TYPOGRAPHIC_CHARS = "“”‘’„‚«»‹›–—…"
_TYPOGRAPHIC_UTF8 = tuple(c.encode("utf-8") for c in _TYPOGRAPHIC_CHARS)
_ASCII_BYTES = bytes(range(128))
_ASCII_STANDINS = re.compile(r"[\"']|(?<= )-(?= )|--|\.\.\.")


def fold(text: str) -> str:
    """A comparison key that ignores case, spacing and punctuation (so typography too).

    >>> fold("He said “don’t” – ok…") == fold('he said "don\\'t" - OK...')
    True
    """
    # Same result as _NOT_ALNUM.sub("", text.casefold()), several times faster:
    # bytes.translate drops the ASCII punctuation and spaces (most of what goes)
    # in one C pass; the General Punctuation block (curly quotes, dashes,
    # ellipses, zero-width and typographic spaces) and NBSP, guillemets go from
    # the UTF-8 bytes by two regexes that skip to their lead byte; the regex
    # over characters then runs only on a line that still holds a character
    # neither ASCII nor a letter or digit (rare: ``¿``, ``·``, CJK punctuation).
    folded = text.lower() if text.isascii() else text.casefold()  # the same for ASCII, and cheaper
    try:
        kept = folded.encode("utf-8").translate(None, _ASCII_NOT_ALNUM)
    except UnicodeEncodeError:  # lone surrogates: the plain regex handles them
        return _NOT_ALNUM.sub("", folded)
    if kept.isascii():
        return kept.decode("ascii")
    left = _without_punctuation(kept)
    return left if left.isascii() or left.isalnum() else _NOT_ALNUM.sub("", left)


def _fold_each(texts: list[str]) -> list[str]:
    """``[fold(t) for t in texts]`` for texts without line breaks, folded together in one pass."""
    joined = "\n".join(texts)
    folded = joined.lower() if joined.isascii() else joined.casefold()
    try:
        kept = folded.encode("utf-8").translate(None, _ASCII_NOT_ALNUM_BUT_NL)
    except UnicodeEncodeError:
        return [fold(text) for text in texts]
    if kept.isascii():
        return kept.decode("ascii").split("\n")
    left = _without_punctuation(kept)
    if not (left.isascii() or left.replace("\n", "").isalnum()):
        left = _NOT_ALNUM_BUT_NL.sub("", left)  # "_" is ASCII, so gone already
    return left.split("\n")


def _without_punctuation(kept: bytes) -> str:
    """UTF-8 *kept* without the General Punctuation block, NBSP and guillemets, decoded."""
    kept = _GENERAL_PUNCTUATION.sub(b"", kept)
    if b"\xc2" in kept:
        kept = _LATIN1_PUNCTUATION.sub(b"", kept)
    return kept.decode("utf-8")


# The marks that carry a number's meaning: a decimal or thousands separator
# between two digits (`3.5` is not `35`, `1,000` is not `1.000`), and a sign
# right before a digit where no letter or digit precedes it (`-5` is not `5`;
# the hyphen of `2-3` or `COVID-19` is a range or a name, and folds away).
# Each branch starts with the mark itself and looks behind over it (two
# characters) and one ahead: linear, and the regex engine tries only positions
# that hold a mark, not a look-behind at every position (2.3x cheaper).
_NUMBER_MARK = re.compile(r"[.,](?<=\d[.,])(?=\d)|[-+±−–‒﹣－](?<![^\W_][-+±−–‒﹣－])(?=\d)")
# A mark right before a digit: what every _NUMBER_MARK match has, found by a
# pattern that starts with a character class (the regex engine skips ahead to
# it) instead of a look-behind tried at every position: about 9x cheaper, and
# most lines fail it, so _NUMBER_MARK runs on few lines.
MAYBE_NUMBER_MARK = re.compile(r"[-.,+±−–‒﹣－]\d")
_NUMBER_MARK_SPLIT = re.compile(f"({_NUMBER_MARK.pattern})")
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
    if MAYBE_NUMBER_MARK.search(text) is None:
        return fold(text)
    parts = _NUMBER_MARK_SPLIT.split(text)  # text, mark, text, ..., text
    if len(parts) == 1:
        return fold(text)
    if "\n" not in text:  # the pieces between the marks folded in one pass
        parts[0::2] = _fold_each(parts[0::2])
        parts[1::2] = [_SIGNS.get(mark, mark if mark in ".," else "-") for mark in parts[1::2]]
        return "".join(parts)
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
    # The same counts as findall of [_TYPOGRAPHIC_CHARS] and of _ASCII_STANDINS, with
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
    # the typographic characters are counted in the UTF-8 bytes of the others: the ASCII bytes
    # dropped (one pass in C), each character is its whole byte sequence, found only where it is
    high = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return sum(map(high.count, _TYPOGRAPHIC_UTF8)) - standins


def lines_holding(texts: Iterable[str], part: str) -> list[int]:
    """The places of the *texts* that hold *part*, in order, picked out in C (one substring test each).

    *texts* is read once, so it may be a lazy ``map`` over a document's blocks.

    >>> lines_holding(["Rafah.", "— Jan Egeland (@NRC_Egeland)", "(@x)"], "(@")
    [1, 2]
    """
    return list(compress(count(), map(contains, texts, repeat(part))))
