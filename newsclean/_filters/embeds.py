"""The embeds filter: a tweet (or Instagram, Facebook, YouTube embed) printed twice; keeps the better copy.

A scraped page often brings an embedded tweet back twice: the blockquote and
the rendered widget, an AMP copy, a fallback copy. In text an embed is a *unit*
of blocks: the post's text line(s), then its anchor line (``— Name (@handle)
Date`` for a tweet, see :mod:`newsclean._filters.social`). The second copy may
have its anchor line first or between the text lines, ASCII punctuation, or
its link split onto a line of its own, and it may stand right next to the
first copy or a few paragraphs away. See ``docs/filters/embeds.md``.

How copies are found, in linear time: see :mod:`newsclean._filters.embed_copies`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from operator import attrgetter

from newsclean._core.document import Block, Document, Edit
from newsclean._core.filter import BlockFilter, as_document
from newsclean._core.text import lines_holding
from newsclean._filters.embed_copies import (
    MAX_TEXT_BLOCKS,
    Unit,
    bare_links,
    find_duplicates,
    kept_search,
    paragraph_breaks,
    unit_typography,
)
from newsclean._filters.social import TWEET_LINK, Anchor, find_anchors

__all__ = ["Embed", "EmbedFilter", "find_embeds"]

#: A line this long may be a flattened body (the whole article on one line).
FLAT_MIN = 300
#: Handles looked at in one such line (a bound on the work per line).
FLAT_HANDLES = 64
#: Characters between the handle and the tweet's text printed again (the date).
FLAT_DATE = 45
#: The shortest inline copy that is removed (a handful of words), and the longest (a tweet's text).
FLAT_MIN_COPY, FLAT_MAX_COPY = 40, 320
# A tweet link at the end of the text before an inline attribution line.
_TRAILING_LINK = re.compile(r"\s?(?:pic\.(?:twitter|x)\.com|https?://t\.co)/\w{1,20}\s?\Z")
_KIND_NAMES = {"tweet": "tweet", "instagram": "Instagram post", "facebook": "Facebook post", "youtube": "YouTube video"}


@dataclass(frozen=True)
class Embed:
    """One embed found in a document: what kind, whose, when, and where.

    ``text`` is the post's text as printed (its lines joined by ``\\n``);
    ``first_line``, ``last_line`` and ``anchor_line`` are 1-based line numbers
    (block numbers for HTML) in the document it was found in.
    """

    kind: str
    handle: str | None
    name: str | None
    date: str | None
    link: str | None
    text: str
    anchor: str
    first_line: int
    last_line: int
    anchor_line: int

    def to_dict(self) -> dict[str, object]:
        """The embed as a JSON-ready dict (a row for ``pandas.DataFrame``)."""
        return asdict(self)


@dataclass(frozen=True, kw_only=True)
class EmbedFilter(BlockFilter):
    """Remove the second copy of a duplicated embedded tweet (or Instagram, Facebook, YouTube embed).

    Use it on scraped article text where a tweet's text and its ``— Name
    (@handle) Date`` line appear twice: exactly, reordered (the attribution
    line first or between the text lines), ASCII-fied, or with the link split
    onto its own line. It keeps one copy where it stands: the one in proper
    order (text, then attribution), then the one with typographic punctuation,
    then the one with its link on the text line; identical copies keep the
    first. It removes nothing but the blocks of such a copy: two different
    tweets with the same attribution line (same account, same day) both stay,
    and so does any text that is not part of a duplicated embed.

    >>> tweet = "Rafah would be a bloodbath. pic.twitter.com/XHsL2NdgLE\\n— Jan Egeland (@NRC_Egeland) February 8, 2024"
    >>> text = "Aid groups warned.\\n" + tweet + "\\nThe army did not comment.\\n" + tweet
    >>> print(EmbedFilter()(text))
    Aid groups warned.
    Rafah would be a bloodbath. pic.twitter.com/XHsL2NdgLE
    — Jan Egeland (@NRC_Egeland) February 8, 2024
    The army did not comment.
    """

    name: str = "embeds"
    #: It removes copies round by round until none is left, so its output holds none: not run again after its own removals.
    idempotent = True

    def edits(self, doc: Document) -> Iterator[Edit]:
        """Yield a removal for every block of every losing copy."""
        blocks = doc.blocks
        searched = kept_search(doc)  # the double-post filter's search of this same document, if it made one
        if searched is not None:
            anchors, pairs = searched
        else:
            # most texts: no short line holds an anchor's marker, found after a few substring tests
            anchors = find_anchors(map(attrgetter("text"), blocks)) if len(blocks) > 1 else {}
            pairs = find_duplicates(doc, anchors) if len(anchors) > 1 else []
        removed: set[int] = set()
        for kept, dup in pairs:
            anchor = anchors[kept.anchor]
            rule = "duplicate_tweet" if anchor.kind == "tweet" else "duplicate_embed"
            reason, forms = _explain(blocks, anchor, kept, dup)
            first, last = blocks[kept.blocks[0]].line, blocks[kept.blocks[-1]].line
            data: dict[str, object] = {"embed": anchor.kind, "handle": anchor.handle, "duplicate_of_line": first}
            data |= {"kept_lines": [first, last], "form": forms}
            for index in dup.blocks:
                removed.add(index)
                yield Edit(index, rule, reason, None, data)
        if not doc.holds("(@"):  # what a copy inside a flattened body holds (see _inline_copy)
            return
        for index in lines_holding(map(attrgetter("text"), blocks), "(@"):
            block = blocks[index]
            if index not in removed and len(block.text) >= FLAT_MIN:
                edit = _inline_copy(index, block)
                if edit is not None:
                    yield edit


def find_embeds(doc: Document | str) -> list[Embed]:
    """List the embeds (tweets, Instagram, Facebook and YouTube embeds) of a document.

    Each anchor line gives one :class:`Embed`. Its text is a best guess: the
    lines just before the anchor, as far back as they are not separated by a
    blank line (in a text that uses blank lines between paragraphs), else the
    one line before it. ``newsclean.explain(text).embeds`` lists the embeds of
    the cleaned text.

    >>> text = "Aid groups warned.\\n\\nRafah would be a bloodbath. pic.twitter.com/XHsL2NdgLE\\n\\n— Jan Egeland (@NRC_Egeland) February 8, 2024"
    >>> [(e.kind, e.handle, e.date, e.link, e.first_line) for e in find_embeds(text)]
    [('tweet', 'NRC_Egeland', 'February 8, 2024', 'pic.twitter.com/XHsL2NdgLE', 3)]
    """
    doc = as_document(doc, function="find_embeds")
    blocks = doc.blocks
    anchors = find_anchors(b.text for b in blocks)
    breaks = paragraph_breaks(doc) if anchors and doc.line_based else frozenset()
    found = []
    for index, anchor in sorted(anchors.items()):
        text_blocks = () if anchor.standalone else _guess_text(len(blocks), anchors, index, breaks)
        texts = [blocks[i].text for i in text_blocks]
        links = [m.group(0) for m in map(TWEET_LINK.search, texts) if m is not None]
        link = anchor.link or (links[0] if links else None)
        lines = [blocks[i].line for i in sorted((*text_blocks, index))]
        where = (blocks[index].text, lines[0], lines[-1], blocks[index].line)
        found.append(Embed(anchor.kind, anchor.handle, anchor.name, anchor.date, link, "\n".join(texts), *where))
    return found


# -- explaining ---------------------------------------------------------------------


def _inline_copy(index: int, block: Block) -> Edit | None:
    """The tweet text printed again right after its inline attribution, in a flattened body, as an edit that cuts it.

    Some scrapers join a whole article into one line, so an embedded tweet
    reads ``<text> pic.twitter.com/X— Name (@handle) Date <text> <article>``.
    For each ``(@handle)`` that follows a dash, the text just before the dash
    (less a trailing tweet link) is looked for again within
    :data:`FLAT_DATE` characters after the handle; the second copy, if it is
    :data:`FLAT_MIN_COPY` to :data:`FLAT_MAX_COPY` characters, goes with one space before it.
    Nothing else in the line changes. Each handle costs a few ``str.find``
    calls and a few comparisons of at most a tweet's length, for at most
    :data:`FLAT_HANDLES` handles: bounded work per line.
    """
    line = block.text
    pos = line.find("(@")
    for _ in range(FLAT_HANDLES):
        if pos < 0:
            return None
        close = line.find(")", pos, pos + 33)
        # the dash before the name: a typographic one if any (names hold hyphens: "Étudiant-e-s")
        dash = max(line.rfind(d, max(0, pos - 100), pos) for d in ("—", "–"))
        dash = dash if dash > 0 else line.rfind("-", max(0, pos - 100), pos)
        if close > 0 and dash > 0:
            cut = _copy_after(line, dash, close)
            if cut is not None:
                (start, end), kept = cut
                cut_from = start - 1 if line[start - 1 : start] == " " else start
                reason = (
                    "the text of an embedded tweet printed again right after its attribution line, "
                    "inside a line that holds the whole article (a flattened body)"
                )
                data = {"embed": "tweet", "inline_copy": [start, end], "kept": list(kept)}
                return Edit(index, "inline_duplicate_tweet", reason, line[:cut_from] + line[end:], data)
        pos = line.find("(@", pos + 2)
    return None


def _copy_after(line: str, dash: int, close: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(span of the copy after the handle, span of the text before the dash) if the text is printed again there."""
    head = line[:dash]
    link = _TRAILING_LINK.search(head[-60:])
    text_end = len(head) - (len(head[-60:]) - link.start() if link else 0)
    tail = line[text_end - 30 : text_end]
    if len(tail) < 30 or tail.isspace():
        return None
    # the copy starts within FLAT_DATE after the handle and holds at most a tweet's text;
    # a tweet whose lines end alike has its tail more than once: try the first few
    found, stop = close, close + FLAT_DATE + FLAT_MAX_COPY
    for _ in range(4):
        found = line.find(tail, found, stop)
        if found < 0:
            return None
        end = found + 30
        reach = min(end - close - 1, text_end, FLAT_MAX_COPY + 1)
        k = len(os.path.commonprefix([line[end - reach : end][::-1], line[text_end - reach : text_end][::-1]]))
        start = end - k
        if FLAT_MIN_COPY <= k and start - close <= FLAT_DATE:
            return (start, end), (text_end - k, text_end)
        found += 1
    return None


def _explain(blocks: Sequence[Block], anchor: Anchor, kept: Unit, dup: Unit) -> tuple[str, list[str]]:
    """The change's reason, and how the removed copy differs (``exact``, ``reordered``, ``ascii``, ...)."""
    typography = unit_typography(blocks, kept) - unit_typography(blocks, dup)
    links = bare_links(blocks, dup) - bare_links(blocks, kept)
    merits = ["its text before its attribution"] * (kept.proper and not dup.proper)
    merits += ["typographic punctuation"] * (typography > 0) + ["its link on the text line"] * (links > 0)
    why = "the kept copy has " + " and ".join(merits) if merits else "the copies are equally good, so the first is kept"
    whose = f" by @{anchor.handle}" if anchor.handle else (f" by {anchor.name}" if anchor.name and anchor.kind != "youtube" else "")
    first, last = blocks[kept.blocks[0]].line, blocks[kept.blocks[-1]].line
    where = f"line {first}" if first == last else f"lines {first}-{last}"
    reason = f"another copy of the {_KIND_NAMES.get(anchor.kind, anchor.kind)}{whose} kept at {where}; {why}"
    if [blocks[i].text for i in kept.blocks] == [blocks[i].text for i in dup.blocks]:
        return reason, ["exact"]
    forms = ["reordered"] * (dup.proper != kept.proper)
    forms += ["ascii" if typography > 0 else "typographic"] * (typography != 0)
    forms += ["split_link" if links > 0 else "joined_link"] * (links != 0)
    return reason, forms or ["variant"]


def _guess_text(n: int, anchors: dict[int, Anchor], index: int, breaks: frozenset[int]) -> tuple[int, ...]:
    """The text blocks of the embed anchored at *index*: its paragraph before it, or after it if none is before."""
    for step in (-1, +1):
        picked: list[int] = []
        k = index + step
        while 0 <= k < n and k not in anchors and len(picked) < MAX_TEXT_BLOCKS:
            # stop at a blank line between k and the block picked last (or after one line, without blank lines)
            if picked and (not breaks or (picked[-1] if step < 0 else k) in breaks):
                break
            picked.append(k)
            k += step
        if picked:
            return tuple(sorted(picked))
    return ()
