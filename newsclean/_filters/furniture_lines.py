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
    UPPER_LABELS,
    Shape,
    fold,
)
from newsclean._filters.line_gate import as_listed, begins_listed, key_starts

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

    For a line of up to _PROBE characters the probe is the key itself.
    """
    head = text[:_PROBE]
    if "`" in head and len(text) > _PROBE and not text.isascii():
        return fold(text)  # fold writes ` as ' only in a line with non-ASCII characters: the head may fold otherwise
    probe = fold(head)
    gate = _gate()
    if gate is not None and len(probe) >= _START_WIDTH and not _may_be_furniture(text, probe, *gate):
        return None
    return probe if len(text) <= _PROBE else fold(text)


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
    stripped = text.strip()
    if stripped[:1] in "[(" or stripped.rstrip(":") in UPPER_LABELS:
        return True
    lowered = text.lower()
    for word in hint_words:
        if word in lowered:
            return True
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

