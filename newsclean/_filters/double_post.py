"""The double-post filter: a body printed twice, matched across typography; keeps the better copy.

Pages often render the article body twice (an AMP or ``<noscript>`` copy, a
print view), and the scraper brings back both. The copies differ in typography
(``"`` vs ``“ ”``, `` - `` vs `` – ``, ``...`` vs ``…``), so blocks are
compared under :func:`~newsclean._core.text.fold`; the output is always the
original text of the copy that is kept. See ``docs/filters/double_post.md``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, filterfalse
from operator import methodcaller
from typing import NamedTuple, Optional, overload

from newsclean._core.document import Block, Document, Edit
from newsclean._core.filter import BlockFilter, raise_config
from newsclean._core.runs import mark_settled, marked_settled, run_memo, step_memo
from newsclean._core.text import typography_score
from newsclean._filters.double_post_keys import (
    TWEET_CHARS,
    Keys,
    Lone,
    Removal,
    holds,
    keep_one_of_each_cycle,
    lone_embeds,
    lone_info,
    out_of_reach,
)
from newsclean._filters.embed_copies import MAX_TEXT_BLOCKS, copy_blocks, find_duplicates, keep_search
from newsclean._filters.interleave import continued_chunks
from newsclean._filters.repeated_runs import Chaining, Pair, find_chains, line_keys, size, split_segments
from newsclean._filters.social import Anchor, find_anchors, find_credit_lines, is_attribution_line

__all__ = ["DoublePostFilter"]

#: A *substantial* block folds to at least this many letters and digits: a
#: distinctive line. A tweet's attribution line (``— Jan Egeland
#: (@NRC_Egeland) February 8, 2024``, 33) counts; ``Q:``, ``Yes``, ``Meal 1``,
#: ``See it now: Amazon`` (14) and ``Photo: AP`` do not.
SUBSTANTIAL = 24
#: A *long* block (a sentence of prose) folds to at least this many characters.
#: A run needs one: lists of short lines (a chorus, product bullets) repeat on purpose.
LONG = 60
#: A run this long repeats even when it is a small part of the page (a partial
#: copy in a long article): this many long blocks, this many folded characters, no holes.
BIG_RUN_LONG, BIG_RUN_CHARS = 2, 250
#: Three or more copies are resolved pairwise, a round at a time.
MAX_ROUNDS = 32
#: Searches again on the text the embeds filter will leave (see ``DoublePostFilter._removals``).
AGREEMENT_ROUNDS = 8
RULE = "repeated_body"
# Edit(...) for the removals of a copy, without NamedTuple's Python-level __new__ (every field given).
_edit = tuple.__new__
# Scrambled embeds weigh more than any amount of typography.
_SCRAMBLED = 1_000_000
# What a short chunk that continues interleaved copies is called in a change's reason.
_CHUNK = "a short chunk of interleaved copies, which the chunks before it establish"
# Where a block stands in a tweet (see _tweet_material).
_AFTER, _PROPER = 1, 2
# How far (in blocks) a copy of a tweet may shift against the copy of the body
# it stands in: its lines reordered, or a caption or link line on one side only
# (more for a tweet of more lines printed attribution-first, see _Round._reach).
_TWEET_SHIFT = 4
# More copies of a line than this and _Round._tweets_alone does not pair them all up.
_TWEET_COPIES = 6
_NO_CHAINS = Chaining((), 0)


@dataclass(frozen=True, slots=True)
class _Stats:
    pairs: int
    substantial: int  # distinct substantial lines
    long: int  # long lines outside tweets
    chars: int
    holes: int


@dataclass(frozen=True, kw_only=True)
class DoublePostFilter(BlockFilter):
    """Remove the second (or first) copy of a body that was posted twice; keep the better copy.

    Use it on scraped article text where the page printed the body twice,
    possibly with different typography, a header or footer around the copies,
    one copy cut short, or a tweet's lines reordered in one copy. Of two copies
    it keeps the one with typographic punctuation and embeds in order;
    identical copies keep the first. It never touches short repeated lines
    (``Q:``, ``Yes``, ``* * *``, a chorus, a repeated interview question): a
    repeat counts only when a run of at least ``min_blocks`` substantial blocks
    and ``min_chars`` folded characters, including a prose paragraph, repeats,
    and the two copies make up ``min_share`` of the text (or the run, with no
    holes, has two prose lines and 250 characters: an excerpt or a lede box).
    Copies may be interleaved (``a1 b1 a2 b2``), printed N times, or differ by
    an embed or picture credit that only one holds (that copy is kept). Lines
    that differ in a number never match (``3.5%`` is not ``35%``).
    A single tweet printed twice is left to the ``embeds`` filter: a run of
    tweets alone (attribution lines and the text around them) has no prose.

    >>> body = (
    ...     "“We are ready,” the mayor said – again.\\n"
    ...     "The river rose by a metre overnight, and the town’s two bridges were closed to traffic.\\n"
    ...     "Volunteers filled sandbags until dawn… and the water stopped a street away from the school."
    ... )
    >>> ascii_copy = body.replace("“", '"').replace("”", '"').replace("’", "'").replace("–", "-").replace("…", "...")
    >>> DoublePostFilter()(ascii_copy + "\\n" + body) == body
    True
    >>> DoublePostFilter()("Q: Why?\\nA: Rain.\\nQ: Why?\\nA: Rain.")  # short lines repeat on purpose
    'Q: Why?\\nA: Rain.\\nQ: Why?\\nA: Rain.'
    """

    name: str = "double_post"
    min_blocks: int = 2
    min_chars: int = 150
    min_share: float = 0.4

    def __post_init__(self) -> None:
        for option in ("min_blocks", "min_chars"):
            value = getattr(self, option)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise_config(f"DoublePostFilter({option}=...) must be an int >= 1, got {value!r}")
        if not isinstance(self.min_share, (int, float)) or not 0 <= self.min_share <= 1:
            raise_config(f"DoublePostFilter(min_share=...) must be a number from 0 to 1, got {self.min_share!r}")

    def edits(self, doc: Document) -> Iterator[Edit]:
        """Yield a removal for each block of each losing copy."""
        blocks = doc.blocks
        found = self._removals(doc)
        keys, left_by_embeds = found.keys, found.left_by_embeds
        searched = len(found.removals)
        removals = keep_one_of_each_cycle(found.removals)  # in place
        memo = step_memo(self)
        if memo is not None:  # what settles() and stays_settled() tell the pipeline of the text left
            # no long line repeats in the output (with no removals: keys are made only for a text with a repeat)
            unrepeated = keys is None or (bool(removals) and not _repeats_left(keys, removals))
            as_searched = len(removals) == searched  # no cycle broken: the output is the one the search saw
            fixed = unrepeated or (found.fixed and as_searched)
            mark_settled(memo, doc if removals and fixed else None)
            memo["left"] = True if unrepeated else None
            if keys is not None and not unrepeated and left_by_embeds is not None and as_searched and (fixed or not removals):
                # the pipeline asks only if this run leaves the filter settled: kept for that case alone
                memo["left"] = _Foreseen(keys, left_by_embeds, found.left_searched)
        for index in sorted(removals):
            removal = removals[index]
            kept = removal.kept
            while kept in removals:  # kept in one round, removed in a later one
                kept = removals[kept].kept
            data = {"duplicate_of_line": blocks[kept].line, "copy": removal.copy}
            yield _edit(Edit, (index, RULE, removal.reason, None, data))

    def settles(self, doc: Document) -> bool:
        """Whether this filter's output for *doc* is its own fixed point, so the pipeline need not run it again.

        It is when no long line repeats in it (a run would stop at its
        pre-check: ``line_keys`` finds no match key of a long line twice), or
        when the last search ran to its end on the view a run on the output
        would search first: the blocks left, less the embeds printed once among
        them, with no embed copy for the embeds filter to remove and the same
        credit lines found (see ``_removals``). Known only inside a pipeline
        run, from what :meth:`edits` worked out; never said by a subclass whose
        own ``edits`` may not yield the removals worked out.
        """
        return marked_settled(self, doc) and type(self).edits is DoublePostFilter.edits

    def stays_settled(self, doc: Document) -> bool:
        """Whether no long line repeats in *doc*, known from this filter's last run (then a run stops at its pre-check).

        *doc* is what later filters left of this filter's last output by
        removing blocks. Removals make no repeat: when no long line's match key
        repeats in that output, none repeats in *doc*. Otherwise the last run
        may have worked out which blocks the embeds filter removes (the copies
        of embeds it searches around): when the blocks left are exactly those
        it left (compared by their texts, whichever filter removed the rest),
        it holds too when no long line repeats among them, or when that run's
        last search was on them, less their lone embeds, and found nothing: a run
        on *doc* makes that same search first, and the embeds filter's output
        holds no copy for it to hide and search around again.
        """
        memo = run_memo(self)
        left = None if memo is None else memo.get("left")
        if left is None or type(self).edits is not DoublePostFilter.edits:
            return False
        if left is True:
            return True
        blocks = doc.blocks
        return len(blocks) == len(left.kept) and (left.searched or left.unrepeated()) and [b.text for b in blocks] == left.texts()

    def _removals(self, doc: Document) -> _Found:
        """Every block to remove: the repeats of the blocks, and then of the blocks the embeds filter leaves.

        The embeds filter runs next and removes duplicated tweets; a tweet's
        copy standing inside a copy of the body is a hole that can hide the
        body's repeat from this filter until the tweet is gone, so that a
        second ``clean()`` would find it. To reach the fixed point in one pass,
        the search runs again on the blocks the embeds filter will leave
        (:func:`~newsclean._filters.embed_copies.copy_blocks` on this filter's
        output, which is exactly what the embeds filter sees), until it finds
        nothing more there. The embed copies themselves are left to the embeds
        filter, which removes and explains them.
        """
        blocks = doc.blocks
        texts = [b.text for b in blocks]
        # every run needs a long line repeated: most texts are ruled out by one cheap pass, and in
        # the others a line that cannot repeat gets a stand-in for its key (a substantial size)
        found = line_keys(texts, LONG, SUBSTANTIAL, doc.holds)
        if found is None:
            return _Found({}, None, None, True)
        keys = Keys(texts, found, doc.holds)
        matched = found.keys
        anchors = find_anchors(texts)  # {} after its marker tests on most texts
        credits = find_credit_lines(texts) if doc.holds("/", ":") else set()
        seq = list(range(len(blocks)))
        lone = lone_embeds(seq, matched, anchors, credits, keys.length)
        removals, done = self._search(blocks, list(filterfalse(lone.__contains__, seq)), keys, lone_info(lone, keys))
        # A search that ran to its end, on the view a run on this filter's output would search
        # first (the blocks left, less their own lone embeds), with no embed copy for the embeds
        # filter to remove there, is that run: the output is this filter's fixed point.
        if not anchors and not credits:
            return _Found(removals, keys, None, done)  # no lone embeds, no copies: the view is every block left
        # the output's credit lines are these, unless all it keeps are named by words alone and
        # it holds no ":" or "/" (find_credit_lines is not asked then)
        done = done and _credits_stay(texts, credits, removals)
        searched_all = True  # whether the last search saw every block left (no embed copy hidden)
        for _ in range(AGREEMENT_ROUNDS):
            index = list(filterfalse(removals.__contains__, seq))
            hidden = self._embed_copies(doc, removals, index, anchors, matched, keys.made)
            # what the next pass sees: the embeds filter's output, with its own lone embeds
            seen = list(filterfalse(hidden.__contains__, index))
            seen_lone = lone_embeds(seen, matched, anchors, credits, keys.length)
            if not hidden and seen_lone == lone & set(seen) and searched_all:
                return _Found(removals, keys, None, done)  # the same view as the search just made
            # (after a search with copies hidden whose removals left none, this filter run again
            # on its own output would search every block left: search them now)
            lone, searched_all = seen_lone, not hidden
            more, done = self._search(blocks, list(filterfalse(lone.__contains__, seen)), keys, lone_info(lone, keys))
            if not more:
                # the embeds filter's output is known: the blocks seen (see stays_settled); with
                # nothing hidden, they are this filter's output and the view just searched. With
                # copies hidden, a run on that output searches this same view first (its lone
                # embeds, anchors and credit lines are these, if the credit lines left are found
                # there), finds nothing, and stops: the embeds filter leaves no copy to hide. (A
                # search that found nothing ran to its end.)
                fixed = not hidden and _credits_stay(texts, credits, removals)
                return _Found(removals, keys, seen if hidden else None, fixed, _credits_stay(texts, credits, {*removals, *hidden}))
            removals.update(more)
            done = done and _credits_stay(texts, credits, removals)
        return _Found(removals, keys, None, False)

    def _embed_copies(
        self,
        doc: Document,
        removals: Mapping[int, Removal],
        index: list[int],
        anchors: Mapping[int, Anchor],
        matched: list[str],
        made: Mapping[int, str],
    ) -> set[int]:
        """The blocks the embeds filter removes from this filter's output (*index*: the blocks left in it; *made*: see Keys)."""
        left_anchors = [i for i in anchors if i not in removals]
        # its copies all have an anchor line printed twice (equal compare keys: the match keys, with
        # "" for "\x00..."; a stand-in is a compare key no other line has): without one, none
        folds = ["" if matched[i].startswith("\x00") else matched[i] for i in left_anchors]
        if len(set(folds)) == len(folds):
            return set()
        if removals and out_of_reach(doc, removals, left_anchors, folds):
            # around each anchor line printed twice the search reads the same blocks in the text
            # as in this filter's output: when it finds no copy here, it finds none there
            if not copy_blocks(doc, anchors={i: anchors[i] for i in left_anchors}):
                return set()
        keys = _CompareKeys(matched, index, made)
        if not removals:  # this filter's output is its input: the embeds filter will search it again
            every = dict(anchors)
            pairs = find_duplicates(doc, every, keys.listed()) if len(every) > 1 else []
            keep_search(doc, every, pairs)
            return {i for _, dup in pairs for i in dup.blocks}
        left = doc.apply(self.name, [Edit(i, RULE, "") for i in removals])[0]
        # what is known of the blocks left, by their place there: anchors are read line by line (the
        # compare keys are made by the search for the few blocks around repeated anchors it reads)
        by_place = {bisect_left(index, i): anchors[i] for i in left_anchors}
        return {index[k] for k in copy_blocks(left, anchors=by_place, keys=keys)}

    def _search(
        self, blocks: Sequence[Block], alive: list[int], keys: Keys, lone: Lone | None = None
    ) -> tuple[dict[int, Removal], bool]:
        """The blocks to remove among *alive*, resolved round by round until no repeat is left.

        And whether it ran to its end: its last round found nothing (it was not cut short at MAX_ROUNDS).
        """
        removals: dict[int, Removal] = {}
        for _ in range(MAX_ROUNDS):
            if len(keys.counted(alive)[1]) == len(alive):
                return removals, True
            found = _Round(self, blocks, alive, keys, lone).resolve()
            if not found:
                return removals, True
            removals.update(found)
            alive = list(filterfalse(found.__contains__, alive))
        return removals, False

    def _plausible(self, stats: _Stats) -> bool:
        """Whether a repeated run has what a double-posted body has (see the docs for the numbers)."""
        if stats.substantial < self.min_blocks or stats.long < 1 or stats.chars < self.min_chars:
            return False
        return stats.holes <= stats.pairs // 10

    def _large_enough(self, stats: _Stats, copies_chars: int, total_chars: int) -> bool:
        """Whether the copies make up enough of the text, or the run alone is long enough."""
        if copies_chars >= self.min_share * total_chars:
            return True
        return stats.holes == 0 and stats.long >= BIG_RUN_LONG and stats.chars >= BIG_RUN_CHARS


def _credits_stay(texts: Sequence[str], credits: set[int], removals: Collection[int]) -> bool:
    """Whether a run on the text the *removals* leave finds the *credits* left (it looks for them only if ":" or "/" is there)."""
    left = [texts[i] for i in credits if i not in removals]
    return not left or any(":" in text or "/" in text for text in left)


def _repeats_left(keys: Keys, removals: Collection[int]) -> bool:
    """Whether the match key of a long line occurs twice among the blocks the *removals* (block indices) leave.

    Exactly when it does not, ``line_keys`` of the text left returns ``None``, and
    this filter run on that text changes nothing. A block with a stand-in has a
    key no other block has; a key is long as ``line_keys`` reads it, by its length
    or its size (``sizes`` gives 0 for a key without letters, ``"\\x00。。。"``,
    whose size is read here: wide punctuation counts three times there too).
    """
    matched, sizes = keys.matched, keys.sizes
    if removals:  # the blocks left, a run of blocks at a time (copies are runs)
        left: list[str] = []
        left_sizes: list[int] = []
        pos = 0
        for i in sorted(removals):
            left += matched[pos:i]
            left_sizes += sizes[pos:i]
            pos = i + 1
        matched, sizes = left + matched[pos:], left_sizes + sizes[pos:]
    long = list(compress(matched, map(LONG.__le__, map(max, sizes, map(len, matched)))))
    for key in compress(matched, map(methodcaller("startswith", "\x00"), matched)):  # few: lines without letters
        if len(key) < LONG and size(key) >= LONG:
            long.append(key)
    return len(set(long)) != len(long)


@dataclass(frozen=True, slots=True)
class _Foreseen:
    """The blocks the embeds filter will leave of this filter's output, as its last run worked them out (internal)."""

    keys: Keys  # of the text that run read
    kept: list[int]  # the blocks left, by their index there
    searched: bool  # that run's last search was on these blocks (less their lone embeds) and found nothing

    def unrepeated(self) -> bool:
        """Whether no long line's match key repeats among the blocks left."""
        kept = set(self.kept)
        return not _repeats_left(self.keys, [i for i in range(len(self.keys.texts)) if i not in kept])

    def texts(self) -> list[str]:
        return [self.keys.texts[i] for i in self.kept]


class _Found(NamedTuple):
    """What :meth:`DoublePostFilter._removals` worked out (internal)."""

    removals: dict[int, Removal]
    keys: Keys | None  # None: no long line repeats in the text
    left_by_embeds: list[int] | None  # the blocks the embeds filter will leave, when it removes some
    fixed: bool  # the output is this filter's fixed point (see _removals)
    #: a run on the blocks the embeds filter leaves finds nothing (its first search is the last one made)
    left_searched: bool = False


class _Round:
    """One round of the search on the blocks still alive (internal)."""

    def __init__(
        self,
        options: DoublePostFilter,
        blocks: Sequence[Block],
        alive: list[int],
        keys: Keys,
        lone: Lone | None = None,
    ) -> None:
        self.options, self.blocks, self.alive = options, blocks, alive
        self.lone, self.lazy = lone, keys
        # a block with a stand-in key is never part of a pair: its size here is a lower bound (see Keys)
        self.sizes = list(map(keys.sizes.__getitem__, alive))
        self.keys, counts = keys.counted(alive)
        self.texts = list(map(keys.texts.__getitem__, alive))
        # prefix counts of substantial blocks: holes and gaps in O(1)
        self.substantial = list(accumulate(map(SUBSTANTIAL.__le__, self.sizes), initial=0))
        # the share of the text counts the lone embeds too: they are text of the page
        self.total = sum(self.sizes) + (lone.chars if lone else 0)
        # the positions of the lines that hold "(@" (all an attribution line can be)
        self.marked = marked = [bisect_left(alive, i) for i in keys.marked() if holds(alive, i)]
        self.tweets = _tweet_material(self.texts, self.keys, lambda p: keys.length(alive[p]), marked)
        self.members: dict[int, list[tuple[int, int]]] | None = None
        self.runs: Counter[tuple[int, int]] | None = None  # (anchor, side) -> blocks of its material there
        # a page whose only long repeats are its tweets' copies (the embeds filter's job) has no run to find
        self.chaining = _NO_CHAINS if self.tweets and self._tweets_alone(counts) else find_chains(self.keys, counts)

    def resolve(self) -> dict[int, Removal]:
        """Removals for the strongest repeats that do not overlap; the rest wait for the next round."""
        accepted = self._accepted([s for chain in self.chaining.chains for s in self._plausible(chain)])
        accepted.sort(key=lambda item: (-item[0], item[1][0][0]))
        touched: set[int] = set()
        removals: dict[int, Removal] = {}
        chosen: list[Pair] = []
        for _, segment in accepted:
            positions = {p for pair in segment for p in pair}
            if touched.isdisjoint(positions):
                touched |= positions
                chosen.extend(segment)
                removals.update(self._decide(segment))
        if len(accepted) > 1:  # two renderings merged chunk by chunk: the short chunks that continue them
            for chunk in continued_chunks(chosen, self.keys, self.sizes, touched, SUBSTANTIAL):
                touched.update(p for pair in chunk for p in pair)
                removals.update(self._decide(chunk, _CHUNK))
        return removals

    def _plausible(self, chain: Sequence[Pair]) -> list[tuple[_Stats, tuple[Pair, ...]]]:
        """The chain's segments that look like copies of a body, with what the thresholds saw."""
        options, sizes = self.options, self.sizes
        if all(sizes[i] < LONG for i, _ in chain):  # most chains: a few short lines that repeat on purpose
            return []
        plausible: list[tuple[_Stats, tuple[Pair, ...]]] = []
        for segment in split_segments(chain):
            if len(segment) >= options.min_blocks:
                stats = self.stats(segment)
                if options._plausible(stats):
                    plausible.append((stats, segment))
        return plausible

    def _accepted(self, plausible: list[tuple[_Stats, tuple[Pair, ...]]]) -> list[tuple[int, tuple[Pair, ...]]]:
        """The plausible segments that are double posts, with their sizes.

        The share of the text is measured over all plausible segments of the
        round together, so that six copies of a body (each pair of neighbours a
        sixth of the text), or two renderings merged a few paragraphs at a time
        (each chunk its own chain), count as the repeat they are.
        """
        if not plausible:
            return []
        covered = {p for _, segment in plausible for pair in segment for p in pair}
        copies_chars = sum(self.sizes[p] for p in covered)
        options, total = self.options, self.total
        if copies_chars >= options.min_share * total:  # the lower bound of the size does not decide it
            total += self.lazy.shortfall(self.alive)
        return [(s.chars, seg) for s, seg in plausible if options._large_enough(s, copies_chars, total)]

    def _count(self, lo: int, hi: int) -> int:
        """Substantial blocks among positions lo..hi inclusive."""
        return self.substantial[hi + 1] - self.substantial[lo] if hi >= lo else 0

    def stats(self, segment: Sequence[Pair]) -> _Stats:
        """What the thresholds look at: matched lines, distinct substantial ones, long ones, size, holes."""
        later, earlier = [p[0] for p in segment], [p[1] for p in segment]
        sizes = self.sizes
        lengths = [sizes[i] for i in later]
        matched = sum(n >= SUBSTANTIAL for n in lengths)
        if min(later) > max(earlier):
            holes = self._count(min(later), max(later)) + self._count(min(earlier), max(earlier)) - 2 * matched
        else:  # interleaved copies (a1 b1 a2 b2): one stretch holds both
            holes = self._count(min(earlier), max(later)) - 2 * matched
        # distinct lines: one paragraph repeated over and over is not a body
        distinct = len({self.keys[i] for i in later if sizes[i] >= SUBSTANTIAL})
        # prose lines: a run of tweets alone is a duplicated embed, the embeds filter's job
        prose = [p for p in segment if sizes[p[0]] >= LONG]
        if self.tweets:
            prose = [p for p in prose if not self._in_tweet(p)]
        return _Stats(len(segment), distinct, len(prose), sum(lengths), holes)

    def _tweets_alone(self, counts: Counter[str]) -> bool:
        """Whether every two blocks that share the key of a long line lie in tweets (:meth:`_in_tweet`).

        Every pair of a chain is two such blocks, so then no segment holds a prose
        line and none is plausible: the chains need not be found. A key printed
        more than _TWEET_COPIES times answers no (the chains are found).
        """
        keys = self.keys
        at: dict[str, list[int]] = {}
        for p in compress(range(len(keys)), map(LONG.__le__, self.sizes)):
            key = keys[p]
            if counts[key] > 1:  # each pair is looked at when its later block comes: the first prose pair ends it
                earlier = at.setdefault(key, [])
                if len(earlier) == _TWEET_COPIES:
                    return False
                for q in earlier:
                    if not self._in_tweet((p, q)):
                        return False
                earlier.append(p)
        return True

    def _in_tweet(self, pair: Pair) -> bool:
        """Whether both blocks of a pair lie in tweets, at least one where a tweet's text stands in proper order.

        Text after an attribution line in both copies is as likely the article
        going on after the tweet: it counts as prose.
        The two blocks must stand by two copies of one attribution line that
        are as far apart as the blocks are (give or take a reordered tweet):
        the end of a first copy, just before the second copy's tweet, is not
        part of that tweet.
        """
        tweets, keys = self.tweets, self.keys
        later, earlier = tweets.get(pair[0], ()), tweets.get(pair[1], ())
        distance = pair[0] - pair[1]
        return any(
            a != b
            and keys[a] == keys[b]
            and _PROPER in (kind_a, kind_b)
            and (abs(a - b - distance) <= _TWEET_SHIFT or abs(a - b - distance) <= 1 + self._reach(a, kind_a, b, kind_b))
            for a, kind_a in later
            for b, kind_b in earlier
        )

    def _reach(self, a: int, kind_a: int, b: int, kind_b: int) -> int:
        """How many blocks a tweet of both anchors can hold: its copies' shift is at most one more.

        A copy that prints a tweet of n lines attribution-first stands n + 1
        blocks off the copy in order (Mencho's five lines: 6, more than
        ``_TWEET_SHIFT``); the tweet's text lies in the material on that side
        of both attribution lines, so the smaller of the two runs bounds n.
        """
        if self.runs is None:
            self.runs = Counter(owner for owners in self.tweets.values() for owner in owners)
        return min(self.runs[(a, kind_a)], self.runs[(b, kind_b)])

    def _decide(self, segment: Sequence[Pair], what: str = "a double-posted body") -> dict[int, Removal]:
        """Keep one copy of the segment's pair of copies; the other copy's matched blocks go."""
        if self.tweets:
            segment = [*segment, *self._tweet_pairs(segment)]
        later = sorted(p[0] for p in segment)
        earlier = sorted(p[1] for p in segment)
        partner = {i: j for i, j in segment} | {j: i for i, j in segment}
        keep_later, why = self._choose(earlier, later, partner)
        lose, keep = (earlier, later) if keep_later else (later, earlier)
        line = self._lines
        how = "interleaved with" if later[0] < earlier[-1] else ("repeats" if len(lose) == 1 else "repeat")
        reason = (
            f"{'first' if keep_later else 'second'} copy of {what} "
            f"({line(lose)} {how} {line(keep)}); {why}"
        )
        copy = "first" if keep_later else "second"
        alive = self.alive
        return {alive[p]: Removal(alive[partner[p]], reason, copy) for p in lose}

    def _tweet_pairs(self, segment: Sequence[Pair]) -> list[Pair]:
        """The lines of a tweet that the copies print in different places, paired (later, earlier).

        A copy that prints a tweet's attribution line first (``— Name
        (@handle) Date``, then the text) can move a line further than a chain
        reorders: the chain matches the text lines and steps over both
        attribution lines (a long tweet), or matches the attribution lines and
        steps over the text (a one-line tweet). Such lines are printed by both
        copies: paired here, the losing copy's line goes with the rest of its
        copy instead of being left behind, and the choice of copy sees which one
        prints its tweet in order. Attribution lines pair when the tweet text
        around each of them is matched in the segment, within
        ``MAX_TEXT_BLOCKS`` blocks of one shift; text lines pair when they are
        equal and stand by two paired attribution lines. Two different tweets of
        one account on one day have different texts, so they never pair.
        """
        tweets, keys = self.tweets, self.keys
        used = {p for pair in segment for p in pair}
        anchors = [(i, j) for i, j in segment if i in tweets and (i, _PROPER) in tweets[i] and keys[i] == keys[j]]
        pairs: list[Pair] = []
        for x, y in segment:
            for a, kind_a in tweets.get(x, ()):
                if a in used:
                    continue
                for b, kind_b in tweets.get(y, ()):
                    if b not in used and b < a and keys[a] == keys[b] and _PROPER in (kind_a, kind_b):
                        if abs(a - b - (x - y)) <= MAX_TEXT_BLOCKS + 1:
                            pairs.append((a, b))
                            used.update((a, b))
                            break
        if not anchors and not pairs:
            return pairs
        members = self._members()
        for a, b in [*anchors, *pairs]:
            loose: dict[str, list[tuple[int, int]]] = {}
            for q, kind in members.get(b, ()):
                if q not in used:
                    loose.setdefault(keys[q], []).append((q, kind))
            for x, kind_x in members.get(a, ()):
                found = loose.get(keys[x]) if x not in used else None
                if found:
                    for n, (y, kind_y) in enumerate(found):
                        if y < x and y not in used and _PROPER in (kind_x, kind_y):
                            pairs.append((x, y))
                            used.update((x, y))
                            del found[n]
                            break
        return pairs

    def _members(self) -> dict[int, list[tuple[int, int]]]:
        """The blocks of each repeated attribution line's tweet material (see _tweet_material), by anchor."""
        if self.members is None:
            self.members = {}
            for q, owners in self.tweets.items():
                for a, kind in owners:
                    if q != a:
                        self.members.setdefault(a, []).append((q, kind))
        return self.members

    def _lines(self, positions: Sequence[int]) -> str:
        first, last = self.blocks[self.alive[positions[0]]].line, self.blocks[self.alive[positions[-1]]].line
        return f"line {first}" if first == last else f"lines {first}-{last}"

    def _choose(self, earlier: list[int], later: list[int], partner: dict[int, int]) -> tuple[bool, str]:
        """Whether to keep the later copy, and why (a phrase for the change's reason)."""
        if self._count(earlier[-1] + 1, later[0] - 1):
            return False, "other text stands between the copies, so the first is kept to keep the article in order"
        embeds_e, embeds_l = self._embeds(earlier), self._embeds(later)
        if embeds_e != embeds_l:  # content before typography: the richer copy stays
            keep_later = embeds_l > embeds_e
            return keep_later, f"kept the {'second' if keep_later else 'first'} copy, which has an embed or credit the other lacks"
        typo_e, typo_l = self._typography(partner, later)
        mixed_e, mixed_l = (self._scrambled(side, partner) for side in (earlier, later))
        if typo_l - _SCRAMBLED * mixed_l > typo_e - _SCRAMBLED * mixed_e:
            return True, "kept the second copy" + _merits(typo_l > typo_e, mixed_e > mixed_l)
        if typo_e - _SCRAMBLED * mixed_e > typo_l - _SCRAMBLED * mixed_l:
            return False, "kept the first copy" + _merits(typo_e > typo_l, mixed_l > mixed_e)
        return False, "the copies are equally good, so the first is kept"

    def _embeds(self, side: list[int]) -> int:
        """Lone embed blocks (a tweet, a video, a credit printed once) standing inside one copy."""
        if self.lone is None:
            return 0
        prefix = self.lone.prefix
        return prefix[self.alive[side[-1]]] - prefix[self.alive[side[0]]]

    def _typography(self, partner: dict[int, int], later: list[int]) -> tuple[int, int]:
        """Typography scores of the earlier and the later copy, over the lines that differ."""
        texts = self.texts
        differ = [i for i in later if texts[i] != texts[partner[i]]]
        # one score of each side's lines joined: the score of lines joined by line breaks is the
        # sum of theirs (nothing it counts holds or spans a line break)
        score_e = typography_score("\n".join([texts[partner[i]] for i in differ]))
        return score_e, typography_score("\n".join([texts[i] for i in differ]))

    def _scrambled(self, side: list[int], partner: dict[int, int]) -> int:
        """Attribution lines printed before text of their own tweet (which the other copy prints first)."""
        if not self.marked:  # no line holds "(@"
            return 0
        count = 0
        members = set(side)
        for p in self.marked:
            if p in members and p + 1 in members and is_attribution_line(self.texts[p]) and partner[p + 1] < partner[p]:
                count += 1
        return count


class _CompareKeys(Sequence[Optional[str]]):
    """The compare keys of the blocks left (by their place there) that the match keys give; ``None``: not known.

    A match key is the block's compare key, or ``"\x00..."`` for a block whose
    compare key is ``""``; a stand-in (``"\x01..."``) says nothing of it, but
    the match key made for it since (*made*: the tweet material around
    repeated attribution lines reads their lengths) is its compare key (a
    stand-in's compare key is long, never ``""``).
    """

    __slots__ = ("made", "matched", "places")

    def __init__(self, matched: Sequence[str], places: Sequence[int], made: Mapping[int, str]) -> None:
        self.matched, self.places = matched, places  # places: the positions, in this document, of the blocks left
        self.made = made

    def __len__(self) -> int:
        return len(self.places)

    def listed(self) -> list[str | None]:
        """Every compare key known, as a list (one look-up a block, without a call)."""
        found: list[str | None] = ["" if key[:1] == "\x00" else key for key in map(self.matched.__getitem__, self.places)]
        for place in compress(range(len(found)), map(methodcaller("startswith", "\x01"), found)):
            found[place] = self.made.get(self.places[place])
        return found

    @overload
    def __getitem__(self, place: int) -> str | None: ...

    @overload
    def __getitem__(self, place: slice) -> Sequence[str | None]: ...

    def __getitem__(self, place: int | slice) -> str | None | Sequence[str | None]:
        if isinstance(place, slice):
            return [self[k] for k in range(*place.indices(len(self)))]
        key = self.matched[self.places[place]]
        if key[:1] == "\x00":
            return ""
        return self.made.get(self.places[place]) if key[:1] == "\x01" else key


def _tweet_material(
    texts: Sequence[str], keys: Sequence[str], length: Callable[[int], int], marked: list[int]
) -> dict[int, list[tuple[int, int]]]:
    """Repeated tweet attribution lines and the text around them that a tweet can hold, by position.

    Each position maps to the attribution lines (anchors) it may belong to,
    with :data:`_PROPER` for the anchor itself and the text before it (where a
    tweet's text stands in proper order) or :data:`_AFTER` for text after it
    (where a scrambled copy prints it, and where the article goes on after a
    tweet): up to :data:`TWEET_CHARS` folded characters on either side, never
    across another attribution line (*length* gives the length of the match
    key at a position, *marked* the positions of the lines that hold ``(@``).
    """
    counts = Counter(keys[p] for p in marked)
    if len(marked) < 2 or counts.most_common(1)[0][1] < 2:
        return {}
    stops = {p for p in marked if is_attribution_line(texts[p])}
    anchors = sorted(p for p in stops if counts[keys[p]] > 1)
    found: dict[int, list[tuple[int, int]]] = {a: [(a, _PROPER)] for a in anchors}
    for a in anchors:
        for step, kind in ((-1, _PROPER), (1, _AFTER)):
            budget, q = TWEET_CHARS, a + step
            while 0 <= q < len(texts) and q not in stops:
                budget -= length(q)
                if budget < 0:
                    break
                found.setdefault(q, []).append((a, kind))
                q += step
    return found


def _merits(typography: bool, embeds: bool) -> str:
    merits = [m for m, yes in (("typographic punctuation", typography), ("its embedded tweet in order", embeds)) if yes]
    return ", which has " + " and ".join(merits) if merits else ""
