"""What the double-post search knows of each block, and the views of the text it reads (internal).

Each block's match key and size (with stand-ins for lines that cannot repeat),
the embeds printed once that the search steps over, whether the embed-copy
search would read the text as it is, and the last check on the removals (no
pair removed both ways). Split from :mod:`newsclean._filters.double_post`,
which decides the copies.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, islice
from operator import attrgetter, itemgetter, methodcaller, not_, sub
from typing import NamedTuple

from newsclean._core.document import Document
from newsclean._core.text import lines_holding
from newsclean._filters.embed_copies import MAX_TEXT_BLOCKS
from newsclean._filters.repeated_runs import LineKeys, match_key, size
from newsclean._filters.social import Anchor

__all__ = [
    "EMBED_REACH",
    "TWEET_CHARS",
    "Keys",
    "Lone",
    "Removal",
    "blank_separators_exceed",
    "holds",
    "keep_one_of_each_cycle",
    "lone_embeds",
    "lone_info",
    "out_of_reach",
    "sizes_of",
]

#: The text around a tweet's attribution line that may belong to the tweet, in
#: folded characters on each side: a tweet holds at most 280 characters, and
#: none of the 65 real tweets of the corpus folds to more than 260.
TWEET_CHARS = 280
#: How far (in blocks) the embed-copy search reads from an anchor line: the text
#: blocks of a reading and the block that ends it, the three blocks before a copy
#: it may take with it, and the separator after the last (see embed_copies).
EMBED_REACH = MAX_TEXT_BLOCKS + 1 + 3 + 2


@dataclass(frozen=True, slots=True)
class Lone:
    """The embeds printed once that a search steps over (see :func:`lone_embeds`)."""

    prefix: list[int]  # [k]: lone embed blocks (see lone_embeds) among blocks 0..k-1
    chars: int  # their size


class Removal(NamedTuple):
    """One block the double-post filter removes, and the block that stays for it (a tuple: thousands are made for a big copy)."""

    kept: int  # block index of the equivalent block that stays
    reason: str
    copy: str  # "first" or "second": which copy of the pair this block was in


def lone_embeds(
    seq: Sequence[int], keys: Sequence[str], anchors: Mapping[int, Anchor], credits: set[int], length: Callable[[int], int]
) -> set[int]:
    """Blocks of embeds printed once in *seq* (block indices, in order): a credit line or an anchor line whose key occurs once, and the text before the anchor that occurs once.

    One rendering of a page may carry a tweet, a video or a picture credit
    that the other lacks. The search steps over these blocks as if they were
    not there, so the copies still match around them; they are never removed
    (nothing else repeats them), so the embed stays once. *length* gives the
    length of a block's match key.
    """
    counts = Counter(map(keys.__getitem__, seq))
    lone = {i for i in credits if counts[keys[i]] == 1 and holds(seq, i)}
    for a, anchor in sorted(anchors.items()):  # seq is in order: each anchor's place in it
        if not holds(seq, a) or counts[keys[a]] != 1:
            continue
        p = bisect_left(seq, a)
        lone.add(a)
        budget, q = TWEET_CHARS, p - 1
        while not anchor.standalone and q >= 0 and seq[q] not in anchors and counts[keys[seq[q]]] == 1:
            budget -= length(seq[q])
            if budget < 0:
                break
            lone.add(seq[q])
            q -= 1
    return lone


class Keys:
    """Each block's match key and size, with stand-ins (see :func:`~newsclean._filters.repeated_runs.line_keys`) (internal).

    A block with a stand-in never pairs with another (its key occurs once), so
    the search compares it only for equality, and its size only counts
    towards the holes (it is substantial) and the size of the whole text.
    Its size here is the length of its ASCII key, a lower bound; its match key
    is made when something reads it (the text next to an embed) or when the
    lower bound of the text's size cannot decide the share of the copies.
    """

    def __init__(self, texts: Sequence[str], found: LineKeys, holds: Callable[..., bool] | None = None) -> None:
        self.texts, self.matched, self.stand_ins = texts, found.keys, found.stand_ins
        self.text_holds = holds  # the document's holds(), if given: a text without "(@" has no line to mark
        self.sizes = sizes_of(found.keys)
        for i, lower in found.stand_ins.items():
            self.sizes[i] = lower
        self.made: dict[int, str] = {}
        self.attributed: list[int] | None = None
        self.last: tuple[list[int], list[str], Counter[str]] | None = None

    def counted(self, alive: list[int]) -> tuple[list[str], Counter[str]]:
        """The match keys of the blocks *alive*, and how often each occurs.

        Kept for the next call with the same list (a round asks twice: whether any key repeats, and
        for the chaining); a new list of blocks alive, even an equal one, counts afresh.
        """
        if self.last is None or self.last[0] is not alive:
            matched = list(map(self.matched.__getitem__, alive))
            self.last = (alive, matched, Counter(matched))
        return self.last[1], self.last[2]

    def marked(self) -> list[int]:
        """The blocks that hold ``(@`` (all a tweet's attribution line can be), found once, in C."""
        if self.attributed is None:
            texts = self.texts
            if self.text_holds is not None and not self.text_holds("(@"):
                self.attributed = []
            else:
                self.attributed = lines_holding(texts, "(@")
        return self.attributed

    def key(self, i: int) -> str:
        """Block *i*'s match key."""
        if i not in self.stand_ins:
            return self.matched[i]
        key = self.made.get(i)
        if key is None:
            key = self.made[i] = match_key(self.texts[i])
        return key

    def length(self, i: int) -> int:
        """The length of block *i*'s match key."""
        return len(self.key(i))

    def size(self, i: int) -> int:
        """Block *i*'s exact size (a key with a stand-in is long: never one of "\x00...")."""
        return size(self.key(i)) if i in self.stand_ins else self.sizes[i]

    def shortfall(self, indices: Iterable[int]) -> int:
        """How much more than ``sum(self.sizes[i] for i in indices)`` the exact sizes make."""
        stand_ins = self.stand_ins
        if not stand_ins:
            return 0
        return sum(self.size(i) - stand_ins[i] for i in indices if i in stand_ins)


def out_of_reach(doc: Document, removals: Mapping[int, Removal], left_anchors: list[int], folds: list[str]) -> bool:
    """Whether the removals leave what the embed-copy search reads of *doc* as it is.

    It reads the blocks within :data:`EMBED_REACH` of each anchor line printed
    twice, and whether the text separates paragraphs with blank lines at all.
    A removal takes one separator with it, so a line-based text with more
    separators holding a blank line than removals keeps one.
    """
    counts = Counter(folds)
    gone = sorted(removals)
    for anchor, fold in zip(left_anchors, folds):
        if counts[fold] > 1:
            p = bisect_left(gone, anchor - EMBED_REACH)
            if p < len(gone) and gone[p] <= anchor + EMBED_REACH:
                return False
    return doc.line_based and blank_separators_exceed(doc, len(removals))


def blank_separators_exceed(doc: Document, n: int) -> bool:
    """Whether more than *n* separators between the blocks of a line-based *doc* hold ``\\n\\n`` (a blank line).

    Only a separator of two characters or more can hold one, and only those are
    read, as spans: a big filter output's text is not joined for this.

    >>> blank_separators_exceed(Document.from_text("a\\n\\nb\\n \\nc\\nd\\n\\n\\ne"), 1)
    True
    >>> blank_separators_exceed(Document.from_text("a\\r\\n\\r\\nb\\n \\nc\\n\\n"), 0)
    False
    """
    blocks, span = doc.blocks, doc.span
    found = 0
    # the blocks after a separator longer than one line break, picked out lazily in C (a text with
    # single line breaks has few)
    gaps = map(sub, map(itemgetter(0), islice(blocks, 1, None)), map(itemgetter(1), blocks))
    for k in compress(range(1, len(blocks)), map((1).__lt__, gaps)):
        if "\n\n" in span(blocks[k - 1].end, blocks[k].start):
            found += 1
            if found > n:
                return True
    return False


def holds(seq: Sequence[int], i: int) -> bool:
    """Whether the ascending *seq* holds *i*."""
    p = bisect_left(seq, i)
    return p < len(seq) and seq[p] == i


def keep_one_of_each_cycle(removals: dict[int, Removal]) -> dict[int, Removal]:
    """*removals* without the first block of each cycle of "kept" links (1 kept for 8, 8 kept for 1).

    Searches on different views of the text (see ``DoublePostFilter._removals``)
    can each remove one copy of a pair, keeping the other: both would go, and
    following "kept" would never end. The first of them stays (of equal copies,
    the first is kept), and the others point to it.
    """
    if set(map(attrgetter("kept"), removals.values())).isdisjoint(removals):
        return removals  # every block kept for one stays (most texts): no link to follow
    ends: set[int] = set()  # blocks whose chain of "kept" links reaches a block that stays
    for start in sorted(removals):
        path: list[int] = []
        on_path: set[int] = set()
        i = start
        while i in removals and i not in ends and i not in on_path:
            path.append(i)
            on_path.add(i)
            i = removals[i].kept
        if i in on_path:  # back on this path: a cycle from i on
            del removals[min(path[path.index(i) :])]
        ends.update(path)
    return removals


def sizes_of(keys: list[str]) -> list[int]:
    """Each key's :func:`~newsclean._filters.repeated_runs.size`, 0 for a line without letters or digits."""
    sizes = list(map(len, keys))
    joined = "".join(keys)
    if joined.isascii() and "\x00" not in joined:  # most texts: every size is a length
        return sizes
    # the keys that are not their length are picked out in C
    for i in compress(range(len(keys)), map(not_, map(str.isascii, keys))):
        sizes[i] = size(keys[i])
    for i in compress(range(len(keys)), map(methodcaller("startswith", "\x00"), keys)):
        sizes[i] = 0
    return sizes


def lone_info(lone: set[int], keys: Keys) -> Lone | None:
    if not lone:
        return None
    prefix = list(accumulate(map(lone.__contains__, range(len(keys.sizes))), initial=0))
    return Lone(prefix, sum(map(keys.size, lone)))
