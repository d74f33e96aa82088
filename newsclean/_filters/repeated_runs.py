"""Repeated runs of blocks, found by hashing: the search behind the double-post filter.

The input is one *match key* per block (see :func:`match_key`). A *chain* is a
list of ``(later, earlier)`` position pairs with equal keys that walk along a
diagonal: each later block matches the block after the previous match in the
earlier region. Small detours are allowed so that real copies still chain:

* a line that moved back by up to :data:`REORDER` positions (a tweet's
  attribution line printed between the tweet's paragraphs in one copy);
* up to :data:`GAP` unmatched blocks on either side (a caption or an edited
  line present in one copy only).

Work is linear in the number of blocks: a key's earlier occurrences are looked
up in a dict, only the last :data:`CANDIDATES` of them start new chains (so a
line repeated 100,000 times costs no more than one repeated 8 times), and a
chain looks at a bounded window when it extends. No chain is started to a block
that an existing chain already reaches through a copy (copy 3 to copy 1 when
copy 3 to copy 2 and copy 2 to copy 1 exist), so a chorus repeated fifty times
keeps one chain, not eight. :class:`Chaining` reports the number of key
comparisons so that tests can count the work.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import not_

from newsclean._core.text import MAYBE_NUMBER_MARK, compare_key

__all__ = [
    "CANDIDATES",
    "GAP",
    "REORDER",
    "Chaining",
    "LineKeys",
    "Pair",
    "ascii_key",
    "find_chains",
    "line_keys",
    "match_key",
    "size",
    "split_segments",
]

#: Earlier occurrences of a key that may start a chain with a later block.
CANDIDATES = 8
#: How far back (in blocks) a later block may match: locally reordered lines.
REORDER = 2
#: How many unmatched blocks a chain may step over on either side.
GAP = 2
#: How many blocks a new chain may grow backwards when it starts (its first
#: lines may be common ones, like a "Q:" label, that did not start it).
BACKFILL = 8

#: (position in the later copy, position in the earlier copy)
Pair = tuple[int, int]

# Lines without letters or digits (``* * *``, ``___``, ``—``) fold to "": they
# match only the same line, up to typography and spacing, and never start a chain.
_PUNCT_ASCII = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-", "…": "..."}
    # spaces, and the invisible characters that ride along in scraped text
    # (zero-width spaces and joiners, word joiner, BOM, direction marks)
    | dict.fromkeys(" \t\xa0\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
)


# Chinese, Japanese and Korean say in one character what Latin scripts say in
# about three, so these count three times towards the sizes of the thresholds.
_WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Every ASCII byte that is not a letter or digit: what fold() drops from ASCII text.
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())
#: A line with fewer ASCII letters and digits than this (a short line, or one in
#: another script) is keyed exactly by the pre-check: its ASCII key says too little.
ASCII_KEY_MIN = 16


def size(key: str) -> int:
    """The size of a folded key for the thresholds: its length, CJK characters counting three.

    >>> size("rafah"), size("一波波接續性低溫")
    (5, 24)
    """
    if key.isascii() or _WIDE.search(key) is None:
        return len(key)
    return len(key) + 2 * len(_WIDE.findall(key))


def ascii_key(text: str) -> bytes:
    """The ASCII letters and digits of ``fold(text)``, in order: a key six times cheaper than the fold.

    Lines with equal folds have equal ASCII keys (the converse does not hold:
    accented letters and other scripts are left out), so lines whose ASCII keys
    are all different have all different folds. For ASCII text it is the fold.

    >>> ascii_key("“Don’t” – OK…"), ascii_key("Zürich"), ascii_key("Straße")
    (b'dontok', b'zrich', b'strasse')
    """
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_LOWER, _ASCII_NOT_ALNUM)
    if _folds_to_ascii()(text) is None:
        # casefold() turns every other non-ASCII character into non-ASCII ones: the ASCII
        # letters and digits of the casefold are the text's own, lowered (no case-folded copy)
        return text.encode("ascii", "ignore").translate(_ASCII_LOWER, _ASCII_NOT_ALNUM)
    return text.casefold().encode("ascii", "ignore").translate(None, _ASCII_NOT_ALNUM)


# ASCII upper-case letters to lower case, every other byte as it is.
_ASCII_LOWER = bytes(range(65)) + bytes(range(97, 123)) + bytes(range(91, 256))
#: The non-ASCII characters whose casefold() holds an ASCII letter or digit (ß -> ss, ﬁ -> fi,
#: the Kelvin sign -> k): the same 19 in Unicode 11 to 15.1. A test checks it on the running Python.
FOLD_TO_ASCII = "\xdf\u0130\u0149\u017f\u01f0\u1e96\u1e97\u1e98\u1e99\u1e9a\u1e9e\u212a\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
_FOLD_TO_ASCII_IN = ("11.0.0", "12.1.0", "13.0.0", "14.0.0", "15.0.0", "15.1.0")


@functools.cache
def _folding_chars() -> str:
    """The characters whose casefold() holds an ASCII letter or digit (listed; found on other Unicode data), ß first (the common one)."""
    import unicodedata

    if unicodedata.unidata_version not in _FOLD_TO_ASCII_IN:  # pragma: no cover - another Python's Unicode
        return folding_to_ascii()
    return FOLD_TO_ASCII


@functools.cache
def _folds_to_ascii() -> Callable[[str], re.Match[str] | None]:
    """Finds a character whose casefold() holds an ASCII letter or digit."""
    return re.compile(f"[{re.escape(_folding_chars())}]").search


def folding_to_ascii() -> str:
    """Every non-ASCII character whose casefold() holds an ASCII letter or digit, on this Python (about 0.4 s)."""
    return "".join(c for c in map(chr, range(0x80, 0x110000)) if any(f.isascii() and f.isalnum() for f in c.casefold()))


@dataclass(frozen=True, slots=True)
class LineKeys:
    """Every line's match key, with a stand-in for a long line that cannot repeat (see :func:`line_keys`)."""

    #: the match key of each line, or a stand-in: a string no other line's key equals
    keys: list[str]
    #: the lines with a stand-in, each with the length of its ASCII key (at most its key's size)
    stand_ins: dict[int, int]


def line_keys(
    texts: Sequence[str], min_size: int, stand_in_min: int, holds: Callable[..., bool] | None = None
) -> LineKeys | None:
    """The pre-check: ``None`` if no match key of *min_size* or more occurs twice among *texts*, for certain.

    Otherwise every line's match key, except that a line whose :func:`ascii_key`
    has *stand_in_min* or more characters and no other line's ASCII key equals
    gets a stand-in: its match key occurs once (equal keys have equal ASCII
    keys), so it is never compared equal to another, and is not made. One pass
    of cheap ASCII keys and dict lookups; a line is folded only when its ASCII
    key is short (a short line, or one in another script) or collides with
    another line's, or (once a repeat is known) is shorter than *stand_in_min*.
    Most lines of a long page of distinct paragraphs are never folded.
    *holds* (the document's :meth:`~newsclean.Document.holds`, if given) is
    asked once, at the first line that is not ASCII, whether the text holds a
    character that folds to ASCII letters (ß, ﬁ): most do not, and then no
    line is searched for one.

    >>> found = line_keys(["A long enough line, said twice.", "Short.", "a long enough line said twice", "Said once, and long enough."], 20, 18)
    >>> found.keys[:3], found.stand_ins
    (['alongenoughlinesaidtwice', 'short', 'alongenoughlinesaidtwice'], {3: 21})
    >>> found.keys[3] in found.keys[:3]
    False
    >>> line_keys(["Short.", "Short."], 20, 18) is None
    True
    >>> line_keys(["A long enough line, said once.", "Short.", "Short."], 20, 18) is None
    True
    """
    first_by_ascii: dict[bytes, int] = {}
    collided: list[int] = []
    keys_of: dict[str, str] = {}  # the match keys of the colliding lines: equal lines share one key string
    first_by_key: dict[str, int] = {}
    keys: list[str] = [""] * len(texts)  # a line too short to reach min_size keeps "" until a repeat is known
    repeat = False
    delete, lower, folds_to_ascii = _ASCII_NOT_ALNUM, _ASCII_LOWER, _folds_to_ascii()
    folding: bool | None = None  # whether the text holds a character folding to ASCII letters: asked once
    for i, text in enumerate(texts):
        if text.isascii():  # ascii_key(), inlined
            cheap = text.encode("ascii").translate(lower, delete)
        else:
            if folding is None:
                folding = holds is None or holds(*_folding_chars())
            if not folding or folds_to_ascii(text) is None:
                cheap = text.encode("ascii", "ignore").translate(lower, delete)
            else:
                cheap = text.casefold().encode("ascii", "ignore").translate(None, delete)
        if len(cheap) >= ASCII_KEY_MIN:
            first = first_by_ascii.setdefault(cheap, i)
            if first != i:
                # the first line of a key is listed once (a second visit decides nothing):
                # 100,000 equal lines list 100,001 positions, not 200,000
                if first >= 0:
                    collided.append(first)
                    first_by_ascii[cheap] = -1
                    if texts[first] not in keys_of:  # the two lines share this ASCII key
                        keys_of[texts[first]] = _match_key(texts[first], cheap)
                collided.append(i)
                if text not in keys_of:
                    keys_of[text] = _match_key(text, cheap)
        elif len(text) * 9 >= min_size:  # casefold() grows a text at most 3 times, size() a key 3 times
            key = keys[i] = _match_key(text, cheap)
            if not repeat and (len(key) >= min_size or size(key) >= min_size) and first_by_key.setdefault(key, i) != i:
                repeat = True
    for i in collided:
        key = keys[i] = keys_of[texts[i]]
        if not repeat and (len(key) >= min_size or size(key) >= min_size) and first_by_key.setdefault(key, i) != i:
            repeat = True
    if not repeat:
        return None
    stand_ins: dict[int, int] = {}
    for cheap, i in first_by_ascii.items():
        if i >= 0:  # the only line with this ASCII key
            if len(cheap) >= stand_in_min:
                keys[i] = f"\x01{i}"  # no match key starts with \x01: fold() drops it, and "\x00" starts the others
                stand_ins[i] = len(cheap)
            else:
                keys[i] = _match_key(texts[i], cheap)
    # the short lines: no list of their positions is kept (a page of 100,000 "<li>item" would hold 100,000 ints)
    for i in compress(range(len(keys)), map(not_, keys)):  # a match key is never empty
        keys[i] = match_key(texts[i])
    return LineKeys(keys, stand_ins)


def _match_key(text: str, cheap: bytes) -> str:
    """``match_key(text)``, given ``ascii_key(text)``: for a line of ASCII and typography without a number mark, its ASCII key.

    For ASCII text the ASCII key is the fold (see :func:`ascii_key`), and so it is
    for text whose other characters are all ones the fold drops whole (curly quotes,
    dashes, ellipses and the rest of General Punctuation, NBSP, guillemets: the
    typographic copy of an English body); ``compare_key`` is the fold unless a
    number mark comes before a digit.
    """
    # a text of ASCII and typography has no digit but ASCII ones, all in its ASCII key: with none
    # there, no number mark can stand before one (most lines: no regex is run on them)
    if cheap and (text.isascii() or _NOT_TYPOGRAPHY(text) is None) and (cheap.isalpha() or MAYBE_NUMBER_MARK.search(text) is None):
        return cheap.decode("ascii")
    return match_key(text)


# A character that is neither ASCII nor one that fold() drops whole (see _core.text): General
# Punctuation (U+2000 to U+203F: no letter or digit among them), NBSP, « and ».
_NOT_TYPOGRAPHY = re.compile("[^\x00-\x7f\xa0\xab\xbb\u2000-\u203f]").search


def match_key(text: str) -> str:
    """The key blocks are matched on: :func:`~newsclean._core.text.compare_key`, or for lines without letters, the line itself.

    Typography does not count; numbers do (``3.5%`` is not ``35%``).

    >>> match_key("“Yes,” she said…") == match_key('"yes," she said...')
    True
    >>> match_key("* * *"), match_key("—") == match_key("-")
    ('\\x00***', True)
    """
    key = compare_key(text)
    if key:
        return key
    return "\x00" + text.strip().translate(_PUNCT_ASCII)


@dataclass(frozen=True, slots=True)
class Chaining:
    """The chains found in a sequence of keys, and the key comparisons it took."""

    chains: tuple[tuple[Pair, ...], ...]
    comparisons: int


@dataclass(slots=True)
class _Chain:
    pairs: list[Pair]
    used: set[int]
    last_i: int
    max_j: int
    diagonal: int


class _Chainer:
    """One pass over the keys, growing chains along diagonals (internal)."""

    def __init__(self, keys: Sequence[str], counts: Counter[str] | None) -> None:
        self.keys, self.counts = keys, counts
        self.comparisons = 0
        self.active: list[_Chain] = []
        self.done: list[tuple[Pair, ...]] = []
        self.seen: dict[str, list[int]] = {}
        # the first earlier partner each block got, to see through copies of copies
        self.partner_of = [-1] * len(keys)

    def run(self) -> Chaining:
        seen, keys = self.seen, self.keys
        visit, counts = _visited(keys, self.counts)
        partner_of = self.partner_of
        for i in visit:
            key = keys[i]
            if counts[key] == 1:  # a key no other block has extends no chain and starts none
                if self.active:
                    self._retire(i)
                continue
            active = self.active
            if len(active) == 1 and i - active[0].last_i <= GAP + 1 and active[0].max_j + 1 < i and keys[active[0].max_j + 1] == key:
                # one chain, going straight on (most blocks of a copy): what _extend_all and _partner do then
                chain = active[0]
                self.comparisons += 1
                j = chain.max_j = chain.max_j + 1
                chain.pairs.append((i, j))
                chain.used.add(j)
                chain.last_i, chain.diagonal = i, i - j
                found = {i - j: j}
                if partner_of[i] < 0:
                    partner_of[i] = j
            else:
                found = self._extend_all(i) if active else {}
            earlier = seen.get(key)
            if earlier is None:  # most lines: first time seen, nothing to seed
                seen[key] = [i]
            elif key.startswith("\x00"):
                continue
            elif len(earlier) == 1 and len(found) == 1 and found.get(i - earlier[0]) == earlier[0] and partner_of[earlier[0]] < 0:
                # the one chain extended matched the one earlier block, itself matched to none before:
                # no chain to start (what _seed finds then, at the same cost in comparisons)
                self.comparisons += 1
                earlier.append(i)
            else:
                self._seed(i, key, found)
        self.done.extend(tuple(c.pairs) for c in self.active if len(c.pairs) > 1)
        # two chains that started a block apart can tighten into one: keep it once
        chains = tuple(dict.fromkeys(self._tightened(chain) for chain in self.done))
        return Chaining(chains, self.comparisons)

    def _tightened(self, chain: tuple[Pair, ...]) -> tuple[Pair, ...]:
        """Slide pairs onto nearer blocks with the same key, closing the gaps they left.

        A line that repeats inside a copy can start a chain a few blocks early:
        in ``C T A C C | C T A ...`` the later ``C`` at 5 pairs with 0 before
        the chain goes on with 8 and 1, leaving two holes, while the block at 7
        has the same key and stands right before 8. Walking back from the end,
        a pair whose next pair follows it on one side but not the other moves
        to the last block with its key before the next pair on that side (at
        most :data:`GAP` + 1 looks per pair).
        """
        keys = self.keys
        pairs = list(chain)
        used = {j for _, j in pairs}
        for n in range(len(pairs) - 2, -1, -1):
            (i, j), (next_i, next_j) = pairs[n], pairs[n + 1]
            if next_j == j + 1 and next_i - i > 1:  # a gap in the later copy
                for k in range(next_i - 1, i, -1):
                    self.comparisons += 1
                    if keys[k] == keys[j]:
                        pairs[n] = (k, j)
                        break
            elif next_i == i + 1 and next_j - j > 1:  # a gap in the earlier copy
                for k in range(min(next_j, i) - 1, j, -1):
                    self.comparisons += 1
                    if keys[k] == keys[i] and k not in used:
                        pairs[n] = (i, k)
                        used.discard(j)
                        used.add(k)
                        break
        return tuple(pairs)

    def _extend_all(self, i: int) -> dict[int, int]:
        """Extend the active chains with block *i*; return {diagonal: earlier position} of those extended."""
        found: dict[int, int] = {}
        still: list[_Chain] = []
        for chain in self.active:
            if i - chain.last_i > GAP + 1:
                if len(chain.pairs) > 1:
                    self.done.append(tuple(chain.pairs))
                continue
            j = self._partner(chain, i)
            if j >= 0:
                chain.pairs.append((i, j))
                chain.used.add(j)
                chain.last_i = i
                if j > chain.max_j:
                    chain.max_j, chain.diagonal = j, i - j
                found[chain.diagonal] = j
                if self.partner_of[i] < 0:
                    self.partner_of[i] = j
            still.append(chain)
        self.active = still
        return found

    def _retire(self, i: int) -> None:
        """End the active chains that block *i* is too far from to extend (as _extend_all does)."""
        still: list[_Chain] = []
        for chain in self.active:
            if i - chain.last_i > GAP + 1:
                if len(chain.pairs) > 1:
                    self.done.append(tuple(chain.pairs))
            else:
                still.append(chain)
        self.active = still

    def _partner(self, chain: _Chain, i: int) -> int:
        """The earlier position that block *i* continues *chain* with, or -1."""
        keys, key, top = self.keys, self.keys[i], chain.max_j
        # straight on (the usual case)
        self.comparisons += 1
        if top + 1 < i and keys[top + 1] == key:
            return top + 1
        # then a block the chain stepped over: this copy printed it a little
        # later (a tweet's attribution line after the text, not between)
        first = chain.pairs[0][1]
        for j in range(top - 1, max(top - 1 - REORDER, first - 1), -1):
            self.comparisons += 1
            if keys[j] == key and j not in chain.used:
                return j
        # last, step over up to GAP blocks the other copy does not have
        for j in range(top + 2, min(top + 2 + GAP, i)):
            self.comparisons += 1
            if keys[j] == key:
                return j
        return -1

    def _seed(self, i: int, key: str, found: dict[int, int]) -> None:
        """Start chains from block *i* and the last few earlier blocks with its key."""
        earlier = self.seen[key]
        candidates = earlier[-CANDIDATES:]
        near = {d + k for d in found for k in range(-REORDER, REORDER + 1)}
        # a block that an extended chain's partner already matched is a copy of
        # a copy: a chain to it would repeat the work of the two chains we have
        for j in found.values():
            while j >= candidates[0] and self.partner_of[j] >= 0:
                self.comparisons += 1
                j = self.partner_of[j]
                near.add(i - j)
        for j in candidates:
            self.comparisons += 1
            d = i - j
            if d not in near:
                self.active.append(self._backfilled(i, j))
                near.update(range(d - REORDER, d + REORDER + 1))
                if self.partner_of[i] < 0:
                    self.partner_of[i] = j
        earlier.append(i)
        if len(earlier) > 4 * CANDIDATES:  # only the last few are ever looked at
            del earlier[:-CANDIDATES]

    def _backfilled(self, i: int, j: int) -> _Chain:
        keys = self.keys
        pairs: list[Pair] = [(i, j)]
        for step in range(1, BACKFILL + 1):
            self.comparisons += 1
            if j - step < 0 or keys[i - step] != keys[j - step]:
                break
            pairs.append((i - step, j - step))
        pairs.reverse()
        return _Chain(pairs, {p[1] for p in pairs}, i, j, i - j)


def _visited(keys: Sequence[str], counts: Counter[str] | None = None) -> tuple[list[int], Counter[str]]:
    """The positions the chaining must look at, and how often each key occurs.

    The positions are each block whose key occurs twice or more, and the
    ``GAP + 2`` after it: a chain only ever reaches such a block, and it
    extends within ``GAP + 1`` blocks of its last one or ends at the block
    after that (where the chains end, and so the order they are listed in,
    stays the same). Anywhere else no chain is active, and a key that occurs
    once starts none: a page of distinct paragraphs with one repeat costs work
    for the repeat, not for the page.
    """
    if counts is None:
        counts = Counter(keys)
    n = len(keys)
    if len(counts) == n:
        return [], counts
    # one byte a block, 1 where its key repeats; the block and the GAP + 2 after it are visited:
    # the bytes, read as one big number, or'ed with themselves moved by 1 to GAP + 2 blocks (all in C)
    repeats = int.from_bytes(bytes(map((1).__lt__, map(counts.__getitem__, keys))), "little")
    reach = repeats
    for step in range(1, GAP + 3):
        reach |= repeats << (8 * step)
    visit = list(compress(range(n), reach.to_bytes(n + GAP + 2, "little")))
    return visit, counts


def find_chains(keys: Sequence[str], counts: Counter[str] | None = None) -> Chaining:
    """All chains of matching blocks (two pairs or more) in one linear pass (*counts*: ``Counter(keys)``, if the caller has it).

    >>> keys = [match_key(t) for t in ["intro", "alpha", "beta", "gamma", "ALPHA", "Beta", "gamma!"]]
    >>> find_chains(keys).chains
    (((4, 1), (5, 2), (6, 3)),)
    """
    return _Chainer(keys, counts).run()


def split_segments(chain: Sequence[Pair]) -> list[tuple[Pair, ...]]:
    """Cut a chain where a block would be both a later and an earlier block of one piece.

    A chain on diagonal *d* through three copies of a body (a tandem repeat)
    becomes two segments: copy 2 against copy 1, and copy 3 against copy 2.
    Two renderings interleaved paragraph by paragraph (``a1 b1 a2 b2``) chain
    on diagonal 1 with no block on both sides, and stay one segment.

    >>> split_segments([(3, 0), (4, 1), (5, 2), (6, 3), (7, 4), (8, 5)])
    [((3, 0), (4, 1), (5, 2)), ((6, 3), (7, 4), (8, 5))]
    >>> split_segments([(1, 0), (3, 2), (5, 4)])
    [((1, 0), (3, 2), (5, 4))]
    """
    out: list[tuple[Pair, ...]] = []
    current: list[Pair] = []
    later: set[int] = set()
    for i, j in chain:
        if j in later:
            out.append(tuple(current))
            current, later = [], set()
        current.append((i, j))
        later.add(i)
    if current:
        out.append(tuple(current))
    return out
