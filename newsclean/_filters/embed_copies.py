"""Copies of one embed (a tweet, an Instagram, Facebook or YouTube embed) in a document: the search behind the embeds filter.

Shared by the embeds filter, which removes the copies, and the double-post
filter, which looks at the text as the embeds filter will leave it so that the
two agree in one pass (see ``DoublePostFilter``).

In text an embed is a *unit* of blocks: the post's text line(s), then its
anchor line (``— Name (@handle) Date`` for a tweet, see
:mod:`newsclean._filters.social`). How copies are found, in linear time: anchor
lines are grouped by their key (:func:`~newsclean._core.text.compare_key`); only
anchors that occur twice or more are looked at. Around each of them every
*reading* (so many text blocks before the anchor, so many after, at most
``MAX_TEXT_BLOCKS``) has a key, the keys of its blocks in order, so a link split
off its line gives the same key; it is built only when another anchor has a
reading of the same length. Readings of different anchors that share a key are
copies of one embed.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress
from typing import NamedTuple

from newsclean._core.document import Block, Document
from newsclean._core.runs import run_memo
from newsclean._core.text import compare_key, typography_score
from newsclean._filters.social import BARE_LINK, EMBED_BOILERPLATE, TWEET_LINK, Anchor, find_anchors

__all__ = ["MAX_TEXT_BLOCKS", "Unit", "bare_links", "copy_blocks", "find_duplicates", "paragraph_breaks", "unit_typography"]

#: At most this many text blocks (and raw characters) belong to one embed: a
#: tweet is a few lines; the limits keep the work per anchor constant.
MAX_TEXT_BLOCKS, MAX_TEXT_CHARS = 10, 1200
#: Copies whose text folds to at least this many characters are the same post
#: even when a line next to them also repeats (see ``_Round.convincing``).
LONG_MATCH = 48
#: A shorter shared text counts when both copies stand as paragraphs of their own
#: (``Club statement``, 13, does; ``つづく``, 9, and ``Thread 👇``, 6, do not).
SHORT_MATCH = 12
#: Three or more copies are resolved in rounds (one round takes every copy of a
#: post; more rounds are for copies that overlap another post's readings).
MAX_ROUNDS = 16
# Marks a reading key built from its lines in sorted order (it never starts a real key).
_ANY_ORDER = "\x00"
# Chinese, Japanese and Korean say in one character what Latin scripts say in
# about three, so they count three times towards LONG_MATCH.
_WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")


class Unit(NamedTuple):
    """One reading of an embed: its anchor block and the text blocks around it (block indices; a tuple: cheap to make)."""

    anchor: int
    before: tuple[int, ...]
    after: tuple[int, ...]
    whole: bool  # its text reaches another anchor or the document's edge

    @property
    def proper(self) -> bool:
        return not self.after

    @property
    def blocks(self) -> tuple[int, ...]:
        return (*self.before, self.anchor, *self.after)


@dataclass(frozen=True, slots=True)
class _Around:
    """The text blocks on either side of one anchor, up to the limits (internal)."""

    index: int
    back: list[int]  # nearest first
    ahead: list[int]
    back_edge: bool  # the run ended at an anchor or the document's edge, not at a limit
    ahead_edge: bool
    back_lengths: list[int]  # [j]: folded length of the j blocks before the anchor
    ahead_lengths: list[int]

    def spans(self) -> Iterator[tuple[int, int, int]]:
        """(blocks before, blocks after, folded length) of every reading with some text."""
        for j, before in enumerate(self.back_lengths):
            for r in range(min(len(self.ahead), MAX_TEXT_BLOCKS - j) + 1):
                if before + self.ahead_lengths[r]:
                    yield j, r, before + self.ahead_lengths[r]

    def unit(self, j: int, r: int) -> Unit:
        whole = (j == len(self.back) and self.back_edge if j else True) and (
            r == len(self.ahead) and self.ahead_edge if r else True
        )
        return Unit(self.index, tuple(reversed(self.back[:j])), tuple(self.ahead[:r]), whole)


def copy_blocks(
    doc: Document, *, anchors: dict[int, Anchor] | None = None, keys: Sequence[str | None] | None = None
) -> set[int]:
    """The blocks of *doc* that the embeds filter removes: every block of every losing copy.

    A caller that has them passes the blocks' *anchors* (what
    :func:`~newsclean._filters.social.find_anchors` gives) and *keys* (each
    block's :func:`~newsclean._core.text.compare_key`, or ``None`` where it is
    not known; read only for the blocks the search looks at), so they are not
    made again.

    >>> tweet = "Rafah would be a bloodbath. pic.twitter.com/XHsL2NdgLE\\n— Jan Egeland (@NRC_Egeland) February 8, 2024"
    >>> sorted(copy_blocks(Document.from_text(tweet + "\\nThe army did not comment.\\n" + tweet)))
    [3, 4]
    """
    blocks = doc.blocks
    if anchors is None:
        anchors = find_anchors(b.text for b in blocks) if len(blocks) > 1 else {}
    if len(anchors) < 2:
        return set()
    return {i for _, dup in find_duplicates(doc, anchors, keys) for i in dup.blocks}


# -- the search the double-post filter made, handed to the embeds filter -------------------------
# The double-post filter runs the embed-copy search on its own output, to see what the embeds
# filter will leave. When it removes nothing, its output is its input document, and the embeds
# filter, next in the default pipeline, would run the same search on the same document: the
# double-post filter leaves the anchors and the pairs in the run memo, for that document only.


def keep_search(doc: Document, anchors: dict[int, Anchor], pairs: list[tuple[Unit, Unit]]) -> None:
    """Keep, for the rest of the pipeline run, what the search found in *doc* (its anchors and pairs).

    The document is held by a weak reference: a run whose next filter changes it
    does not keep the old document alive until the run ends.
    """
    memo = run_memo(keep_search)
    if memo is not None:
        memo["search"] = (weakref.ref(doc), anchors, pairs)


def kept_search(doc: Document) -> tuple[dict[int, Anchor], list[tuple[Unit, Unit]]] | None:
    """The anchors and pairs :func:`keep_search` kept for this very *doc* in this run (once), or ``None``."""
    memo = run_memo(keep_search)
    found = None if memo is None else memo.pop("search", None)
    if found is None or found[0]() is not doc:
        return None
    return found[1], found[2]


def find_duplicates(
    doc: Document, anchors: dict[int, Anchor], keys: Sequence[str | None] | None = None
) -> list[tuple[Unit, Unit]]:
    """(kept copy, removed copy) pairs, found in rounds until no copy is left (*keys*: see :func:`copy_blocks`)."""
    alive = list(range(len(doc.blocks)))
    folds: dict[int, str] = {}
    pairs: list[tuple[Unit, Unit]] = []
    for _ in range(MAX_ROUNDS):
        found = _Round(doc, alive, anchors, folds, keys).resolve()
        if not found:
            break
        pairs.extend(found)
        gone = {i for _, dup in found for i in dup.blocks}
        alive = [i for i in alive if i not in gone]
    kept_for = {dup.anchor: kept for kept, dup in pairs}
    chased = []
    for kept, dup in pairs:
        while kept.anchor in kept_for:  # kept in one round, removed in a later one
            kept = kept_for[kept.anchor]
        chased.append((kept, dup))
    return chased


class _Round:
    """One search for copies among the blocks still alive (internal)."""

    def __init__(
        self,
        doc: Document,
        alive: list[int],
        anchors: dict[int, Anchor],
        folds: dict[int, str],
        given: Sequence[str | None] | None = None,
    ) -> None:
        self.doc, self.blocks, self.alive, self.anchors, self.folds = doc, doc.blocks, alive, anchors, folds
        self.given = given
        self.breaks: frozenset[int] | None = None
        self.position: dict[int, int] | None = None

    def fold(self, index: int) -> str:
        key = self.folds.get(index)
        if key is None:
            key = None if self.given is None else self.given[index]
            if key is None:
                key = compare_key(self.blocks[index].text)
            self.folds[index] = key
        return key

    def resolve(self) -> list[tuple[Unit, Unit]]:
        by_anchor: dict[str, list[int]] = {}
        alive = self.alive
        for p in compress(range(len(alive)), map(self.anchors.__contains__, alive)):  # the anchors, picked out in C
            by_anchor.setdefault(self.fold(alive[p]), []).append(p)
        groups: dict[tuple[str, str], list[Unit]] = {}
        for anchor_key, positions in by_anchor.items():
            if len(positions) > 1:
                self.collect(anchor_key, positions, groups)
        shared = [(k[1], units) for k, units in groups.items() if len({u.anchor for u in units}) > 1]
        # Readings that run from anchor to anchor (or edge) first: they leave no
        # doubt where a post starts and ends. Then the longest shared text: a
        # whole tweet before a line of it.
        shared.sort(
            key=lambda item: (not any(u.whole for u in item[1]), -_size(item[0]), min(u.anchor for u in item[1]))
        )
        claimed: set[int] = set()
        found: list[tuple[Unit, Unit]] = []
        for text_key, units in shared:
            found.extend(self.copies(text_key, units, claimed))
        return found

    def run(self, p: int, step: int) -> tuple[list[int], bool]:
        """Text blocks next to the anchor at alive position *p*, and whether an edge or anchor ended them."""
        out: list[int] = []
        chars, q, alive = 0, p + step, self.alive
        while 0 <= q < len(alive):
            i = alive[q]
            if i in self.anchors:
                return out, True
            chars += len(self.blocks[i].text)
            if len(out) == MAX_TEXT_BLOCKS or chars > MAX_TEXT_CHARS:
                return out, False
            out.append(i)
            q += step
        return out, True

    def collect(self, anchor_key: str, positions: list[int], groups: dict[tuple[str, str], list[Unit]]) -> None:
        """Group the readings of the anchors at *positions* (one anchor line) by their text.

        A reading's text is built only when another anchor has a reading of the
        same folded length that it could match (a scrambled one must meet one
        in proper order): a length is an int, so most readings cost nothing.
        """
        if self.anchors[self.alive[positions[0]]].standalone:
            groups[(anchor_key, "")] = [Unit(self.alive[p], (), (), True) for p in positions]
            return
        arounds = [(around, list(around.spans())) for around in map(self.around, positions)]
        proper: dict[int, int] = {}  # folded length -> the anchor with such a reading, or -1 for several
        every: dict[int, int] = {}
        for around, spans in arounds:
            index = around.index
            for _, r, length in spans:
                if every.setdefault(length, index) != index:
                    every[length] = -1
                if r == 0 and proper.setdefault(length, index) != index:
                    proper[length] = -1
        for around, spans in arounds:
            for j, r, length in spans:
                owner = (proper if r else every).get(length, around.index)
                if owner != around.index:
                    unit = around.unit(j, r)
                    keys = [self.fold(i) for i in (*unit.before, *unit.after)]
                    groups.setdefault((anchor_key, "".join(keys)), []).append(unit)
                    if len(keys) > 1:
                        # a tweet of several lines is one unit whatever order a copy
                        # printed its lines in: the same lines, in any order, match too
                        keys.sort()
                        groups.setdefault((anchor_key, _ANY_ORDER + "".join(keys)), []).append(unit)

    def around(self, p: int) -> _Around:
        back, back_edge = self.run(p, -1)
        ahead, ahead_edge = self.run(p, +1)
        fold = self.fold
        back_lengths = list(accumulate(map(len, map(fold, back)), initial=0))
        ahead_lengths = list(accumulate(map(len, map(fold, ahead)), initial=0))
        return _Around(self.alive[p], back, ahead, back_edge, ahead_edge, back_lengths, ahead_lengths)

    def copies(self, text_key: str, units: list[Unit], claimed: set[int]) -> list[tuple[Unit, Unit]]:
        """The best unit of a group sharing one text, paired with each copy that can go."""
        best: dict[int, Unit] = {}
        for unit in units:
            if claimed.isdisjoint(unit.blocks):
                other = best.get(unit.anchor)
                # one reading per anchor: in proper order, then the fewest blocks
                if other is None or (not unit.proper, len(unit.blocks)) < (not other.proper, len(other.blocks)):
                    best[unit.anchor] = unit
        if len(best) < 2 or (len(best) == 2 and not set(best[min(best)].blocks).isdisjoint(best[max(best)].blocks)):
            return []  # one anchor, or two readings of the same blocks from either side
        ranked = sorted(best.values(), key=lambda u: _rank(self.blocks, u), reverse=True)
        kept, used = ranked[0], set(ranked[0].blocks)
        if not kept.proper:  # two scrambled readings: nothing says where either post starts
            return []
        found = []
        for unit in ranked[1:]:
            if used.isdisjoint(unit.blocks) and self.convincing(kept, unit, text_key):
                unit = self.trimmed(kept, self.grown(kept, unit, used))
                found.append((kept, unit))
                used.update(unit.blocks)
        if found:
            claimed.update(used)
        return found

    def grown(self, kept: Unit, dup: Unit, used: set[int]) -> Unit:
        """The copy with the lines just before it that fold to nothing (``⭐️⭐️⭐️``) and the kept copy has too."""
        marks = {self.blocks[i].text.strip() for i in (*kept.blocks, *self.empty_before(kept)) if not self.fold(i)}
        extra: list[int] = []
        for i in self.empty_before(dup):
            if i in used or self.blocks[i].text.strip() not in marks:
                break
            extra.append(i)
        if not extra:
            return dup
        return Unit(dup.anchor, (*reversed(extra), *dup.before), dup.after, dup.whole)

    def trimmed(self, kept: Unit, dup: Unit) -> Unit:
        """The copy without the lines that fold to nothing (``* * *``, ``•``, an emoji) that the kept copy does not print.

        A reading's key ignores such lines, so a separator printed between a
        copy's text and its anchor matches nothing in the kept copy: it is a
        line of the article, not of the embed, and stays.
        """
        # what the kept copy prints of each such line: the line itself, or the same
        # marks on a text line (``⬇️⬇️⬇️ https://t.co/...`` against ``⬇️⬇️⬇️`` split off)
        kept_text = "\n".join(self.blocks[i].text for i in (*self.empty_before(kept), *kept.before, *kept.after))
        spare: dict[str, int] = {}
        keep_out: set[int] = set()
        for i in dup.blocks:
            if i != dup.anchor and not self.fold(i):
                mark = self.blocks[i].text.strip()
                left = spare.setdefault(mark, kept_text.count(mark) if mark else 0)
                if left:
                    spare[mark] = left - 1
                else:
                    keep_out.add(i)
        if not keep_out:
            return dup
        before = tuple(i for i in dup.before if i not in keep_out)
        after = tuple(i for i in dup.after if i not in keep_out)
        return Unit(dup.anchor, before, after, dup.whole)

    def empty_before(self, unit: Unit) -> Iterator[int]:
        """Up to three blocks right before the unit that fold to nothing, nearest first."""
        if self.position is None:
            self.position = {i: p for p, i in enumerate(self.alive)}
        q = self.position[unit.blocks[0]] - 1
        while q >= 0 and q >= self.position[unit.blocks[0]] - 3:
            i = self.alive[q]
            if i in self.anchors or self.fold(i):
                return
            yield i
            q -= 1

    def convincing(self, kept: Unit, dup: Unit, text_key: str) -> bool:
        """Whether two readings with the same anchor and text are one post, not two that end alike.

        Two different tweets of one account on one day can end with the same
        line (``つづく``, a hashtag): a short shared text counts only when it
        carries the tweet's link, or is long, or each reading is complete:
        it reaches another anchor or the document's edge, or (for a text of
        ``SHORT_MATCH`` or more) a blank line, in a text that separates its
        paragraphs with blank lines.
        """
        texts = kept.before + kept.after
        if not texts:
            return True
        if all(self.fold(i) in EMBED_BOILERPLATE for i in texts):
            return False
        if kept.whole or dup.whole or _size(text_key) >= LONG_MATCH:
            return True
        if any(TWEET_LINK.search(self.blocks[i].text) for i in texts):
            return True
        return _size(text_key) >= SHORT_MATCH and self.bounded(kept) and self.bounded(dup)

    def bounded(self, unit: Unit) -> bool:
        """Whether a blank line (or the document's edge) lies beyond each open end of the reading."""
        breaks = self.breaks
        if breaks is None:
            breaks = self.breaks = paragraph_breaks(self.doc)
        if not breaks:
            return False
        start_ok = not unit.before or unit.before[0] in breaks
        end_ok = not unit.after or unit.after[-1] + 1 in breaks
        return start_ok and end_ok


def paragraph_breaks(doc: Document) -> frozenset[int]:
    """Block indices that start a paragraph (a blank line or the edge before them); empty if no blank lines."""
    blocks = doc.blocks
    inner = {k for k in range(1, len(blocks)) if _blank_between(doc, blocks[k - 1], blocks[k])}
    return frozenset(inner | {0, len(blocks)}) if inner else frozenset()


def _size(key: str) -> int:
    key = key.removeprefix(_ANY_ORDER)
    return len(key) if key.isascii() else len(key) + 2 * len(_WIDE.findall(key))


def unit_typography(blocks: Sequence[Block], unit: Unit) -> int:
    # a leading space, so that the ASCII dash of "- Name (@handle)" counts as a stand-in
    return typography_score(" " + " ".join(blocks[i].text for i in unit.blocks))


def bare_links(blocks: Sequence[Block], unit: Unit) -> int:
    return sum(BARE_LINK.match(blocks[i].text.strip()) is not None for i in unit.blocks)


def _rank(blocks: Sequence[Block], unit: Unit) -> tuple[bool, int, int, int]:
    """Higher is better: proper order, typographic punctuation, link on its line, earlier."""
    return (unit.proper, unit_typography(blocks, unit), -bare_links(blocks, unit), -unit.blocks[0])


def _blank_between(doc: Document, first: Block, second: Block) -> bool:
    gap = doc.span(first.end, second.start)
    return gap.count("\n") + gap.count("\r") - gap.count("\r\n") > 1
