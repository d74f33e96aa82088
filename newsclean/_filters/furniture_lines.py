"""How the furniture filter reads one line: the words its shapes start with, and the gate.

Most lines of an article are no furniture, and most can be told from their
first characters: :func:`probe_key` builds the key of a line's first
characters, and only a line that starts like a shape, a heading, a teaser
prefix or a label (or holds a hint word, or a later sentence starting like a
shape) has its whole key built. Property tests check that the gate never
changes a decision of the filter.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from newsclean._filters.furniture_patterns import (
    COMMENT_ENDS,
    COMMENT_HEADINGS,
    FIRST_PAIRS,
    FIRST_WORDS,
    FREE_START_HINTS,
    HEADING_PATTERN,
    HEADINGS,
    LINE_PATTERNS,
    SENTENCE_PATTERNS,
    TEASER_PREFIX,
    UNIFY,
    UPPER_LABELS,
    WRAP,
    Shape,
    fold,
)
from newsclean._filters.line_gate import DIGIT, as_listed, begins_listed, key_starts

__all__ = [
    "SENTENCE_END",
    "free_start_hint",
    "later_sentence_may_start_a_shape",
    "may_start_a_shape",
    "probe_key",
    "sentence_shape",
]

#: Where one sentence of a folded line ends and the next begins.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

# The first words of FIRST_PAIRS: the pair is built only after one of them.
_PAIR_HEADS = frozenset(pair.partition(" ")[0] for pair in FIRST_PAIRS)


def may_start_a_shape(key: str) -> bool:
    """The cheap gate before the sentence shapes: a first word (or two) some shape starts with, or a digit."""
    first, _, rest = key.partition(" ")
    if first in FIRST_WORDS or first[:1].isdigit():
        return True
    return first in _PAIR_HEADS and f"{first} {rest.partition(' ')[0]}" in FIRST_PAIRS


# The first two words of every sentence after the first (the second is looked at, not consumed).
_LATER_STARTS = re.compile(r"[.!?](?= ([^ ]+)(?: ([^ ]*))?)")


def later_sentence_may_start_a_shape(key: str) -> bool:
    """``any(may_start_a_shape(p) for p in sentences[1:])`` without splitting *key* (a folded line)."""
    for first, second in _LATER_STARTS.findall(key):
        if first in FIRST_WORDS or first[:1].isdigit():
            return True
        if first in _PAIR_HEADS and f"{first} {second}" in FIRST_PAIRS:
            return True
    return False


_SHAPE_START = 3


@functools.cache
def _shapes_by_start() -> tuple[dict[str, tuple[Shape, ...]], tuple[Shape, ...]]:
    """The sentence shapes a sentence starting with given 3 characters can match, in order.

    A shape whose starts cannot be listed (see ``line_gate``) is tried on every sentence.
    """
    starts = [key_starts([shape.regex], (), width=_SHAPE_START) for shape in SENTENCE_PATTERNS]
    everywhere = tuple(shape for shape, found in zip(SENTENCE_PATTERNS, starts) if found is None)
    index: dict[str, tuple[Shape, ...]] = {}
    for start in set().union(*(found for found in starts if found is not None)):
        index[start] = tuple(
            shape for shape, found in zip(SENTENCE_PATTERNS, starts) if found is None or start in found
        )
    return index, everywhere


def sentence_shape(part: str) -> Shape | None:
    """The first of SENTENCE_PATTERNS that fullmatches *part*, trying only those that can start like it."""
    index, everywhere = _shapes_by_start()
    for shape in index.get(as_listed(part[:_SHAPE_START]), everywhere):
        if shape.regex.fullmatch(part):
            return shape
    return None


def free_start_hint(key: str) -> bool:
    """Whether *key* holds a shape that can start anywhere (FREE_START_HINTS); a loop, not any() over a generator."""
    for hint in FREE_START_HINTS:
        if hint in key:
            return True
    return False


# -- the line gate: most lines are decided from the key of their first characters -----------------
# A line's key (fold) starts with the key of the line's first _PROBE characters (folding works
# character by character; only the ends are stripped), so a line whose probe starts unlike every
# shape, teaser prefix and heading, holds no free-start hint and no later sentence starting like a
# shape, is no furniture, and its full key is never built (most article lines).
_PROBE = 40
_START_WIDTH = 4
# Later sentences in the raw line: a sentence end (an ellipsis folds to "...") and the next word.
# The second word is looked at too: most later sentences start with a pair's first word ("The", "We").
_RAW_LATER = re.compile(r"[.!?\u2026](?=\s+(\S+)(?:\s+(\S+))?)")


@functools.cache
def _gate() -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]] | None:
    """(starts of whole-key shapes and headings; starts of teaser prefixes and first words; hint words), or no gate."""
    words = tuple(dict.fromkeys(hint.split(" ")[0] for hint in FREE_START_HINTS))
    if not all(word.isalpha() for word in words):
        return None
    whole = key_starts(
        [HEADING_PATTERN, *(shape.regex for shape in LINE_PATTERNS)],
        [*HEADINGS, *COMMENT_HEADINGS, *COMMENT_ENDS],
        width=_START_WIDTH,
    )
    # what a key may begin with: a teaser prefix, a sentence shape's first word or two (and a space);
    # the words are looked up whole where the probe holds them (see _first_words_may_start)
    firsts = [*FIRST_WORDS, *FIRST_PAIRS]
    prefixes = key_starts([TEASER_PREFIX], [*firsts, *(first + " " for first in firsts)], width=_START_WIDTH)
    teasers = key_starts([TEASER_PREFIX], [], width=_START_WIDTH)
    if whole is None or prefixes is None or teasers is None:
        return None
    return whole, prefixes, teasers, words


def probe_key(text: str) -> str | None:
    """*text*'s key if the gate shows it may be furniture or a heading, else ``None`` (not built).

    For a line of up to _PROBE characters the probe is the key itself. A line
    whose first _PROBE characters are ASCII is first tried on :func:`_ascii_starts`,
    without folding them: most article lines are passed over there.
    """
    head = text[:_PROBE]
    if "`" in head and len(text) > _PROBE and not text.isascii():
        return fold(text)  # fold writes ` as ' only in a line with non-ASCII characters: the head may fold otherwise
    gate = _gate()
    if gate is not None and head.isascii():
        start, long_enough = _ascii_starts()
        if start(head) is None and long_enough(head) is not None:  # the gate's first test is false
            if not _may_be_furniture_later(text, gate[3]):
                return None
            return fold(text)  # passed by a later test: the key (the probe itself for a short line)
    probe = fold(head)
    if gate is not None and len(probe) >= _START_WIDTH and not _may_be_furniture(text, probe, *gate):
        return None
    return probe if len(text) <= _PROBE else fold(text)


# What str.split() splits an ASCII text on (fold() folds each run of them to one space).
_ASCII_SPACES = "".join(c for c in map(chr, range(128)) if c.isspace())


@functools.cache
def _ascii_starts() -> tuple[Callable[[str], re.Match[str] | None], Callable[[str], re.Match[str] | None]]:
    """Two regexes on an ASCII head that decide the gate's first test without folding it.

    The first matches every head whose key (``fold``: unwrapped, lower case,
    spaces collapsed) may begin like a listed start: a digit, or one of the
    starts of :func:`_gate`, spelled on the raw head (any case, any run of
    spaces, wrapping and spaces before it), as a trie, so that a head that starts unlike
    them fails at its first characters. It may match more heads than the gate
    would pass (a start followed by spaces the fold strips at the end): those
    are folded and tested as before. The second matches a head with at least
    _START_WIDTH letters or digits, all of which its key keeps: the gate
    applies to its key. A head the first does not match and the second does
    starts unlike every shape, teaser and heading (``_may_be_furniture``'s
    first test is false; property tests check this).
    """
    gate = _gate()
    assert gate is not None  # probe_key asks only when there is a gate
    whole, prefixes, teasers, _ = gate
    starts = sorted(start for start in whole | prefixes | teasers if start.isascii())
    # before the key: wrapping, and the spaces fold() drops with the wrapping beside them ("\x1c - Related")
    lead = "".join(dict.fromkeys(c for c in WRAP + _ASCII_SPACES if c.isascii()))
    pattern = f"[{re.escape(lead)}]*(?:[0-9]|{_trie(starts)})"
    start = re.compile(pattern, re.IGNORECASE | re.ASCII).match
    long_enough = re.compile(f"(?:[^A-Za-z0-9]*[A-Za-z0-9]){{{_START_WIDTH}}}").match
    return start, long_enough


def _trie(starts: list[str]) -> str:
    """A regex matching a text that begins with one of *starts* (keys' starts), one branch per first character."""
    if "" in starts:
        return ""
    tails: dict[str, list[str]] = {}
    for start in starts:
        tails.setdefault(start[0], []).append(start[1:])
    branches = [_spelled(first) + _trie(rest) for first, rest in sorted(tails.items())]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _spelled(char: str) -> str:
    """How one character of a key is spelled in the raw ASCII text it was folded from."""
    if char == " ":
        return f"[{re.escape(_ASCII_SPACES)}]+"
    if char == DIGIT:
        return "[0-9]"
    return re.escape(char)


def _may_be_furniture(
    text: str,
    probe: str,
    whole: frozenset[str],
    prefixes: frozenset[str],
    teasers: frozenset[str],
    hint_words: tuple[str, ...],
) -> bool:
    """The gate: False only when the line surely is no furniture and no heading (see above)."""
    start = probe[:_START_WIDTH]
    if start[:1].isdigit():
        return True
    start = as_listed(start)  # once for both look-ups
    if start in whole or begins_listed(start, teasers) or _first_words_may_start(probe, start, prefixes):
        return True
    return _may_be_furniture_later(text, hint_words)


def _may_be_furniture_later(text: str, hint_words: tuple[str, ...]) -> bool:
    """The gate's tests after the start: a bracket or a label, a hint word, a later sentence like a shape."""
    stripped = text.strip()
    if stripped[:1] in "[(" or stripped.rstrip(":") in UPPER_LABELS:
        return True
    lowered = text.lower()
    for word in hint_words:
        if word in lowered:
            return True
    # most lines: no later sentence starts like a shape, found in one search of the lowered line
    return _later_may_start()(lowered) is not None and _later_sentence_passes(text)


def _later_sentence_passes(text: str) -> bool:
    """Whether a later sentence of *text* starts like a sentence shape (its first word, or pair, or a digit)."""
    for token, after in _RAW_LATER.findall(text):
        first = token.lower()
        if not first.isalpha():  # a word of letters folds to its lower case; anything else is folded
            first = fold(token)
        if first[:1].isdigit() or first in FIRST_WORDS:
            return True
        if first in _PAIR_HEADS:
            # the key's next word is the next word's lower case (a pair's words are letters only),
            # with the wrapping stripped where it ends the line: folded, it is never passed over
            second = after.lower() if after.isalpha() else fold(after)
            if f"{first} {second}" in FIRST_PAIRS:
                return True
    return False


@functools.cache
def _later_may_start() -> Callable[[str], re.Match[str] | None]:
    """Finds, in a lowered line, every later sentence :func:`_later_sentence_passes` may pass (and a few more).

    That loop reads the word after a sentence end (and the next one after a
    pair's first word). A word of ASCII letters is its own lower case there: it
    passes when it is a first word, or a pair's first word before a pair's
    second word, which this regex spells as tries. Any other word is folded
    there: it passes only if it folds to a digit's start, a first word or a
    pair's first word, so this regex finds every word whose first character
    after the wrapping is a digit or outside ASCII (some such are digits), and
    every word made of wrapping and the characters those words are written in
    (or fold to them: the dashes). Lowering a line keeps its spaces, sentence
    ends and wrapping where they are, so a line this finds nothing in passes
    nothing in the loop. Property tests check it.
    """
    words = [*FIRST_WORDS, *_PAIR_HEADS, *(pair.partition(" ")[2] for pair in FIRST_PAIRS)]
    letters = set("".join(words))
    letters |= {old for old, new in UNIFY if set(new) <= letters}  # what folds to them
    wrap = _char_class(WRAP)
    # a word that is not all ASCII letters and may fold to a listed word, or starts with what may be a digit
    # (the first character outside ASCII, quotes aside: there are digits in many scripts)
    odd = (
        rf"{wrap}*(?:[0-9]|[^\x00-\x7f\s{re.escape(_QUOTES)}])"
        rf"|(?=\S*[^a-z\s]){wrap}*{_char_class(letters)}+{wrap}*(?!\S)"
    )
    firsts = _word_trie(sorted(word for word in FIRST_WORDS if word.isascii() and word.isalpha()))
    heads = _word_trie(sorted(_PAIR_HEADS))
    seconds = _word_trie(sorted({pair.partition(" ")[2] for pair in FIRST_PAIRS}))
    after = rf"\s+(?:{odd}|{firsts}(?!\S)|{heads}\s+(?:{odd}|{seconds}(?!\S)))"
    any_end, full_stop = re.compile(rf"[.!?\u2026]{after}").search, re.compile(rf"\.{after}").search

    def search(lowered: str) -> re.Match[str] | None:
        # a regex that starts with one character is searched for much faster than one that starts with a class
        if "!" in lowered or "?" in lowered or "\u2026" in lowered:
            return any_end(lowered)
        return full_stop(lowered)

    return search


# Quotes and apostrophes: not digits, and in no listed word (most later sentences that start with one start a quote).
_QUOTES = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u02bc\u00b4"


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class of *chars*."""
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


def _word_trie(words: list[str]) -> str:
    """A regex matching exactly the *words* (of ASCII letters), one branch per first letter."""
    tails: dict[str, list[str]] = {}
    for word in words:
        if word:
            tails.setdefault(word[0], []).append(word[1:])
    if not tails:
        return ""
    whole = "" in words  # a word ends here, and longer ones go on
    branches = [re.escape(first) + _word_trie(rest) for first, rest in sorted(tails.items())]
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if whole else body


def _first_words_may_start(probe: str, start: str, prefixes: frozenset[str]) -> bool:
    """Whether the key may begin with a sentence shape's first word or pair (``may_start_a_shape``).

    The probe's words before its last space are the key's own: only its cut end
    may fold otherwise (a stripped dash, a final sigma). A word the probe does not
    hold whole is judged by its start, as listed.
    """
    first, space, rest = probe.partition(" ")
    if not space:
        return begins_listed(start, prefixes)
    if first in _PAIR_HEADS and " " not in rest:  # the pair's second word may be cut
        return True
    return may_start_a_shape(probe)

