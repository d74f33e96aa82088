"""The document of blocks that every filter reads.

A :class:`Document` is the text a filter receives plus its *blocks*: the
non-blank lines of plain text, or the block elements of HTML. Filters decide
per block (remove it, or replace its text) and :meth:`Document.apply` turns
those decisions into a new document and into :class:`~newsclean.Change`
records whose offsets point into the text the filter received.

Text keeps its layout: blocks are joined by the separators they came with
(``\\n``, ``\\r\\n``, ``\\r``, blank lines), and removing a block removes one
separator with it, so ``"p1\\n\\nAdvertisement\\n\\np2"`` becomes ``"p1\\n\\np2"``.
"""

from __future__ import annotations

import functools
import re
import sys
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import accumulate
from typing import NamedTuple

from newsclean._core.blocks import Block, BlockKind, BlockTable
from newsclean._core.changes import Change, new_change

__all__ = ["Block", "BlockKind", "Document", "Edit"]


class Edit(NamedTuple):
    """A filter's decision about one block: remove it, or replace its text.

    ``replacement`` is ``None`` to remove the block. ``data`` carries
    JSON-ready details for the change record (the block a duplicate repeats,
    ftfy's repair steps, ...).
    """

    index: int  # type: ignore[assignment]  # shadows tuple.index on purpose: the block's position
    rule: str
    reason: str
    replacement: str | None = None
    data: Mapping[str, object] = {}


# Line breaks we split on. Not str.splitlines(): that also breaks on \v, \f,
# \x1c-\x1e, \x85, \u2028 and \u2029, which scraped text carries inside lines.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LIST_MARKERS = frozenset("-*•–·▪")
_NUMBERED = re.compile(r"\d{1,3}[.)] ")


# First characters after which a line may be a list item (markers and digits);
# any other non-space first character makes it a paragraph without more work.
_MAYBE_LIST = frozenset(_LIST_MARKERS)


def _kind_of_line(line: str) -> str:
    first = line[0]
    # Exact shortcut: a first character that is not a space is also the first
    # of line.lstrip(); if it is no marker and no digit, neither test below can pass.
    if not (first in _MAYBE_LIST or first.isdigit() or first.isspace()):
        return BlockKind.PARAGRAPH
    stripped = line.lstrip()
    if len(stripped) > 1 and stripped[1] == " " and stripped[0] in _LIST_MARKERS:
        return BlockKind.LIST_ITEM
    if stripped[:1].isdigit() and _NUMBERED.match(stripped):
        return BlockKind.LIST_ITEM
    return BlockKind.PARAGRAPH


class Document:
    """Text plus its blocks. Immutable by convention: filters build new documents.

    >>> doc = Document.from_text("Hello\\n\\nAdvertisement\\n\\nWorld")
    >>> [b.text for b in doc.blocks]
    ['Hello', 'Advertisement', 'World']
    >>> new, changes = doc.apply("demo", [Edit(1, "ad", "an ad label")])
    >>> new.text
    'Hello\\n\\nWorld'
    >>> changes[0].before
    'Advertisement\\n\\n'
    """

    __slots__ = ("__weakref__", "_pieces", "_starts", "_text", "blocks", "source")

    def __init__(self, text: str, blocks: Sequence[Block], *, source: str = "text") -> None:
        self._text: str | None = text
        self._pieces: list[str] | None = None
        self._starts: array[int] | None = None
        self.blocks = blocks
        self.source = source

    @classmethod
    def _joined_on_demand(cls, pieces: list[str], blocks: Sequence[Block], source: str) -> Document:
        """A document whose text is ``"".join(pieces)``, joined the first time it is read.

        A filter's output is read by the next filter of a pipeline, by which time the
        document it came from is gone: its text and the new one are then never held at once.
        """
        doc = cls.__new__(cls)
        doc._text, doc._pieces, doc._starts, doc.blocks, doc.source = None, pieces, None, blocks, source
        return doc

    @property
    def text(self) -> str:
        """The whole text; each block's ``text`` is ``text[block.start:block.end]``."""
        text = self._text
        if text is None:
            pieces = self._pieces
            if pieces is None:  # another thread joined it in between (it sets the text first)
                return self.text
            text = self._text = "".join(pieces)
            self._pieces = self._starts = None
        return text

    def _unjoined(self) -> str | list[str]:
        """The text, or the pieces it is joined from if no one has read it yet.

        For a caller that joins them after dropping the document: its blocks are
        then gone before the text is made (a pipeline returning text alone).
        """
        text, pieces = self._text, self._pieces
        if text is not None:
            return text
        if pieces is not None:
            return pieces
        return self.text  # another thread joined it in between

    def span(self, start: int, end: int) -> str:
        """``text[start:end]`` (offsets, not negative); of a big filter output not joined yet, without joining it.

        The change records of the next filter read only the spans they remove, so
        a big document's text is not joined between filters just for them (a
        10 MB text with one emoji is 37 MB of UCS-4). A small one is joined.
        """
        pieces = self._big_pieces()
        if pieces is None:
            return self.text[start:end]
        out: list[str] = []
        _PieceCopier(pieces, self._piece_starts(pieces), out).kept(start, end, 0)
        return "".join(out)

    def size(self) -> int:
        """``len(text)``, without joining a big filter output's text (see :meth:`span`)."""
        pieces = self._big_pieces()
        return len(self.text) if pieces is None else self._piece_starts(pieces)[-1]

    def holds(self, *parts: str) -> bool:
        """Whether the text holds any of *parts*, without joining a big filter output's text (see :meth:`span`).

        A big output's pieces are searched a chunk at a time, each chunk with the
        end of the one before it, so that a part across two pieces is found too.
        """
        pieces = self._big_pieces()
        if pieces is None:
            text = self.text
            for part in parts:  # a loop, not any() over a generator: most documents hold none
                if part in text:
                    return True
            return False
        if "" in parts:
            return True
        reach = max(map(len, parts), default=1) - 1  # a part found in no chunk starts in its last reach characters
        carry = ""
        for k in range(0, len(pieces), _CHUNK_PIECES):
            chunk = carry + "".join(pieces[k : k + _CHUNK_PIECES])
            for part in parts:
                if part in chunk:
                    return True
            carry = chunk[max(0, len(chunk) - reach) :] if reach else ""
        return False

    def _big_pieces(self) -> list[str] | None:
        """The pieces of a big filter output whose text no one has joined yet, else ``None`` (read the text)."""
        pieces = self._pieces
        return pieces if self._text is None and pieces is not None and len(pieces) >= _BIG_PIECES else None

    def _piece_starts(self, pieces: list[str]) -> array[int]:
        starts = self._starts
        if starts is None:  # two threads may both make it: the same array
            starts = array("q", accumulate(map(len, pieces), initial=0))
            if self._pieces is pieces:  # not kept once another thread has joined the text
                self._starts = starts
        return starts

    @classmethod
    def from_text(cls, text: str) -> Document:
        """Split plain text into one block per non-blank line."""
        # tuple.__new__ builds the same Block as Block(...) without the Python-level
        # __new__ NamedTuple generates: a third of the cost of a short line.
        new, kind_of = tuple.__new__, _kind_of_line
        blocks: list[Block] = []
        append = blocks.append
        # Equal lines share one string: a text of repeated lines (a list of
        # identical rows, 100,000 "Advertisement"s) then holds each line once.
        # The dict lives only while splitting; filters see equal strings as before.
        seen: dict[str, str] = {}
        once = seen.setdefault
        if "\r" not in text:
            pos = 0
            for lineno, line in enumerate(_split_lines(text), 1):
                if line and not line.isspace():
                    line = once(line, line)
                    append(new(Block, (pos, pos + len(line), line, kind_of(line), lineno, None, None)))
                pos += len(line) + 1
        else:
            pos, lineno = 0, 1
            for match in _LINE_BREAK.finditer(text):
                line = text[pos : match.start()]
                if line and not line.isspace():
                    line = once(line, line)
                    append(new(Block, (pos, match.start(), line, kind_of(line), lineno, None, None)))
                pos, lineno = match.end(), lineno + 1
            line = text[pos:]
            if line and not line.isspace():
                append(new(Block, (pos, len(text), line, kind_of(line), lineno, None, None)))
        return cls(text, tuple(blocks))

    @property
    def line_based(self) -> bool:
        """Whether the blocks are the lines of :attr:`text` (plain text), not elements of a tree (HTML).

        Filters ask this instead of naming a format: on a line-based document a
        blank line between blocks is a paragraph break, offsets into the text
        find blocks, and a replacement may split or join lines.
        """
        return self.source == "text"

    def __repr__(self) -> str:
        return f"<Document {self.source} blocks={len(self.blocks)} chars={len(self.text)}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (self.text, self.blocks, self.source) == (other.text, other.blocks, other.source)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[object, ...]:
        return (Document, (self.text, self.blocks), {"source": self.source})

    def __setstate__(self, state: dict[str, str]) -> None:
        self.source = state["source"]

    def apply(self, filter_name: str, edits: Iterable[Edit]) -> tuple[Document, list[Change]]:
        """Carry out *edits* and return the new document and the change records.

        Edits are applied together; at most one edit per block counts (the
        first given). A removed block takes one separator with it: the one after
        it, or, for blocks at the end, the one before it, so that no blank lines
        pile up and a document whose blocks are all removed becomes ``""``.
        """
        indices, changes = _Records(self, filter_name).take(edits)
        if not changes:
            return self, []
        return self._rebuilt(changes, indices), changes

    def _rebuilt(self, changes: list[Change], indices: array[int]) -> Document:
        pieces: list[str] = []
        old = self._big_pieces()
        if old is not None:  # the kept text is the big output's own pieces, taken over in order
            kept: Callable[[int, int, int], int] = _PieceCopier(old, self._piece_starts(old), pieces).kept
        else:
            kept = functools.partial(self._kept, pieces=pieces, gaps={})
        pos, k = 0, 0
        for change in changes:
            if change.start > pos:  # nothing is kept between two changes that touch (a removed copy's blocks)
                k = kept(pos, change.start, k)
            if change.after:  # a removal adds no piece
                pieces.append(change.after)
            pos = change.end
        kept(pos, self.size(), k)
        if self.line_based:
            if any(_breaks_lines(c.after) for c in changes if c.action == "replace"):
                return Document.from_text("".join(pieces))
            return Document._joined_on_demand(pieces, self._shifted(changes, indices, count_lines=True), self.source)
        return Document._joined_on_demand(pieces, self._shifted(changes, indices), self.source)

    def _kept(self, lo: int, hi: int, k: int, pieces: list[str], gaps: dict[str, str]) -> int:
        """Append ``text[lo:hi]`` to *pieces* as block strings and the slices between them.

        The same text as one slice, but a block's text is the string the block
        already holds (``block.text == text[start:end]``), so the kept text is
        not copied once more before the join: peak memory stays near two
        copies of the text (old and new), not three. Equal separators share one
        string (*gaps*: ``"\\n\\n"`` once, not once a paragraph). Returns the index
        of the first block not yet passed, for the next call. (A big output not
        joined yet is copied by :class:`_PieceCopier` instead.)
        """
        blocks, text, share, n = self.blocks, self.text, gaps.setdefault, len(self.blocks)
        while k < n and blocks[k].end <= lo:
            k += 1
        pos = lo
        while k < n and blocks[k].end <= hi:
            block = blocks[k]
            if block.start >= pos:
                if block.start > pos:
                    gap = text[pos : block.start]
                    pieces.append(share(gap, gap))
                pieces.append(block.text)
                pos = block.end
            k += 1
        if hi > pos:
            pieces.append(text[pos:hi])
        return k

    def _shifted(self, changes: list[Change], indices: array[int], *, count_lines: bool = False) -> Sequence[Block]:
        """Blocks after the changes, with offsets (and, for text, line numbers and kinds) moved.

        For plain text this gives exactly the blocks ``from_text`` would find
        in the new text, when no replacement is blank or holds a line break
        (``_rebuilt`` re-parses otherwise): a removal takes a block with the
        separator after it (or before it, at the end), both spans start and
        end on whole line breaks, so the other lines keep their text and kind
        and move up by the line breaks removed; a replacement is one new line
        whose kind is worked out afresh. ``tests/test_document.py`` checks
        this against ``from_text`` with Hypothesis.
        """
        if isinstance(self.blocks, BlockTable) and not count_lines:
            return _shifted_table(self.blocks, changes, indices)
        blocks = self.blocks
        out: list[Block] = []
        new = tuple.__new__  # the Block that block._replace(...) makes, at a fraction of the cost
        for lo, hi, shift, lines, change in _segments(len(blocks), changes, indices, count_lines=count_lines):
            if change is not None:  # a replaced block: its new text, kind (plain text) and end
                start, end, _, kind, line, path, node = blocks[lo]
                kind = _kind_of_line(change.after) if count_lines else kind
                end += shift + len(change.after) - (end - start)
                out.append(new(Block, (start + shift, end, change.after, kind, line - lines, path, node)))
            elif not (shift or lines):  # the blocks as they are (x + 0 would be a new int)
                out.extend(blocks[lo:hi])
            elif not lines:  # keep the int each block holds as its line (an HTML block's line is also its node)
                out.extend([new(Block, (b[0] + shift, b[1] + shift, *b[2:])) for b in blocks[lo:hi]])
            else:
                out.extend([new(Block, (s + shift, e + shift, t, k, ln - lines, p, nd)) for s, e, t, k, ln, p, nd in blocks[lo:hi]])
        return tuple(out)


class _PieceCopier:
    """Copies a big output's text, span after span, as its own pieces (internal).

    A piece inside a span is taken over as it is (a block's string, a separator), one
    the span's ends cut is sliced: the new text shares the old one's strings, as
    ``Document._kept`` does. The pieces a span starts and ends in are found by
    bisection in their start offsets, and those between are taken in one slice of
    the list: a few removals from a 50 MB output cost a few look-ups, not a step
    per piece.
    """

    __slots__ = ("out", "pieces", "starts")

    def __init__(self, pieces: list[str], starts: array[int], out: list[str]) -> None:
        self.pieces, self.starts, self.out = pieces, starts, out  # starts[i]: where piece i starts; then the end

    def kept(self, lo: int, hi: int, k: int) -> int:
        """Append ``text[lo:hi]`` to the output."""
        pieces, starts, out = self.pieces, self.starts, self.out
        hi = min(hi, starts[-1])
        if lo >= hi:
            return k
        # the pieces holding the span's first and last characters (an empty piece holds none)
        first = bisect_right(starts, lo) - 1
        last = bisect_right(starts, hi - 1) - 1
        begin, end = starts[first], starts[last + 1]
        if first == last:
            piece = pieces[first]
            out.append(piece if lo == begin and hi == end else piece[lo - begin : hi - begin])
            return k
        piece = pieces[first]
        out.append(piece if lo == begin else piece[lo - begin :])
        out.extend(filter(None, pieces[first + 1 : last]))
        piece = pieces[last]
        out.append(piece if hi == end else piece[: hi - starts[last]])
        return k


def _segments(
    n: int, changes: list[Change], indices: array[int], *, count_lines: bool
) -> Iterator[tuple[int, int, int, int, Change | None]]:
    """The blocks the changes keep, as ``(first, end, shift, lines, change)``, in order.

    A run of unchanged blocks ``first:end`` comes with ``change`` ``None``, a replaced block
    (``end == first + 1``) with its change. Every block of it moves by *shift* characters and
    (with *count_lines*) up by *lines* lines: what the changes of earlier blocks added and
    removed (each change's span ends before a later block starts, see :meth:`_Records.take`).
    """
    shift = lines = 0
    first = 0
    for i, change in zip(indices, changes):
        if i > first:
            yield first, i, shift, lines, None
        if change.action != "remove":
            yield i, i + 1, shift, lines, change
        elif count_lines:
            lines += _line_breaks(change.before)
        shift += len(change.after) - (change.end - change.start)
        first = i + 1
    if n > first:
        yield first, n, shift, lines, None


def _shifted_table(table: BlockTable, changes: list[Change], indices: array[int]) -> BlockTable:
    """:meth:`Document._shifted` for the blocks of an HTML page kept as a table: a table again."""
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    old_starts, old_ends, old_texts = table.starts(), table.ends(), table.texts()
    kept: list[int] = []
    texts: list[str] = []
    for lo, hi, shift, _, change in _segments(len(table), changes, indices, count_lines=False):
        kept.extend(range(lo, hi))
        if change is not None:
            starts.append(old_starts[lo] + shift)
            ends.append(old_starts[lo] + shift + len(change.after))
            texts.append(change.after)
        else:
            starts.extend([x + shift for x in old_starts[lo:hi]] if shift else old_starts[lo:hi])
            ends.extend([x + shift for x in old_ends[lo:hi]] if shift else old_ends[lo:hi])
            texts.extend(old_texts[lo:hi])
    return table.taken(kept, starts, ends, texts)


class _Records:
    """The change records of one filter's edits on one document, made as the edits come.

    An edit is not kept: a filter that removes 100,000 blocks would otherwise hold
    100,000 edits and their records at once. Equal reasons, data and removed spans
    are shared between the records (one string and one dict for 100,000 equal removals).
    """

    def __init__(self, doc: Document, filter_name: str) -> None:
        self.doc, self.filter_name = doc, filter_name
        self.strings: dict[str, str] = {}
        self.datas: dict[tuple[object, ...], dict[str, object]] = {}

    def take(self, edits: Iterable[Edit]) -> tuple[array[int], list[Change]]:
        """The edited blocks' indices, ascending, and their records (the first edit of a block counts)."""
        indices: array[int] = array("q")
        made: list[Change | None] = []  # None: an edit that gave a block its own text (no change, but it counts)
        seen: set[int] | None = None  # made once an edit comes out of order
        unchanged = False
        # each record is made here, in the loop (a double post's removed copy is thousands of them)
        doc, name, share, data_of = self.doc, self.filter_name, self.strings.setdefault, self.data
        blocks = doc.blocks
        n = len(blocks)
        whole: str | None = None  # what span() slices, read at the first removal ("" for a big output kept in pieces)
        for edit in edits:
            i, rule, reason, replacement, data = edit
            if seen is None and indices and i <= indices[-1]:
                seen = set(indices)
            if seen is not None:
                if i in seen:
                    continue
                seen.add(i)
            indices.append(i)
            start, end, text, _, line, path, _ = blocks[i]
            if replacement is None:  # a removal takes the separator after its block (see move_trailing)
                if whole is None:
                    whole = doc.text if doc._big_pieces() is None else ""
                if i + 1 < n:
                    end = blocks[i + 1][0]
                before = whole[start:end] if whole else doc.span(start, end)
                change: Change | None = new_change(
                    name, rule, "remove", start, end, share(before, before), "", share(reason, reason), line, text, path,
                    data_of(data),
                )
            elif replacement == text:
                change, unchanged = None, True
            else:
                change = new_change(
                    name, rule, "replace", start, end, text, replacement, share(reason, reason), line, text, path, data_of(data)
                )
            made.append(change)
        if seen is not None:  # out of order: sort by block
            order = sorted(range(len(indices)), key=indices.__getitem__)
            indices, made = array("q", (indices[k] for k in order)), [made[k] for k in order]
        if unchanged:  # (not "None in made": that calls each record's __eq__)
            kept = [k for k, c in enumerate(made) if c is not None]
            indices, made = array("q", (indices[k] for k in kept)), [made[k] for k in kept]
        changes: list[Change] = made  # type: ignore[assignment]  # no None left
        if changes:
            self.move_trailing(indices, changes)
        return indices, changes

    def data(self, data: Mapping[str, object]) -> dict[str, object]:
        """A copy of *data*; equal data of hashable values share one copy."""
        try:
            key = tuple(data.items())
            found = self.datas.get(key)
        except TypeError:  # a list or a dict among the values: a copy of its own
            return dict(data)
        if found is None:
            found = self.datas[key] = dict(data)
        return found

    def move_trailing(self, indices: array[int], changes: list[Change]) -> None:
        """Removals after the last kept block take the separator before them instead (all the text if none is kept)."""
        doc = self.doc
        blocks = doc.blocks
        n = len(blocks)
        k = len(changes)
        while k and indices[k - 1] == n - (len(changes) - k) - 1 and changes[k - 1].action == "remove":
            k -= 1
        last_kept = n - 1 - (len(changes) - k)
        share = self.strings.setdefault
        for k in range(k, len(changes)):
            i = indices[k]
            if last_kept == -1:  # nothing survives: the document becomes ""
                start = 0 if i == 0 else blocks[i - 1].end
                end = doc.size() if i == n - 1 else blocks[i].end
            else:
                start, end = blocks[i - 1].end, blocks[i].end
            before = doc.span(start, end)
            changes[k] = _moved(changes[k], start, end, share(before, before))


# A filter output of this many pieces or more (about a megabyte of text) is read in
# spans and not joined for the next filter's records (see Document.span); a smaller one is joined.
_BIG_PIECES = 1 << 15
# Pieces joined at once when Document.holds searches a big output.
_CHUNK_PIECES = 4096

# At most this many appends when join_owned() joins a big output chunk by chunk.
_MAX_APPENDS = 32


@functools.cache
def _free_threaded() -> bool:
    """Whether this Python is a free-threaded build (even one running with the GIL on)."""
    import sysconfig  # only for a big output: keeps `import newsclean` cheap

    return bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def join_owned(pieces: list[str]) -> str:
    """``"".join(pieces)``, for a list no one else holds: a big one is emptied as it is joined.

    The caller must hold *pieces* in one local name and nothing else may hold it
    (``Pipeline`` checks that the document it came from is gone). A join holds the
    whole output and every piece at once: a 10 MB text with one emoji is an output
    of 4 bytes a character (3.7x its UTF-8 size) beside line strings of 1.7x more.
    Here a big list is joined a chunk at a time onto one string, and each chunk's
    pieces are let go once joined. CPython grows a string that only one name holds
    in place, so the peak is near the output and one chunk.

    There are ``_MAX_APPENDS`` appends or fewer. Where a string is copied on append
    instead, that is about 16 copies of the output in all (some 3.5x the join's
    time, and a peak about 1.5x the join's): the plain join is used where that is
    known beforehand (another Python, a free-threaded build, a tracer or profiler);
    a ``sys.monitoring`` tool that follows every instruction cannot be seen from
    here. A chunk wider than the text before it (the first emoji late in a text)
    makes its append copy the text once, at the output's width: the peak is then
    about the join's.

    >>> pieces = ["a", "\\n", "b"]
    >>> join_owned(pieces)
    'a\\nb'
    """
    n = len(pieces)
    if (
        n < _BIG_PIECES
        or sys.implementation.name != "cpython"
        or _free_threaded()  # the append is not specialized there
        or sys.gettrace() is not None
        or sys.getprofile() is not None
        # a second check of the caller's promise, up to Python 3.13: the caller's name, this
        # parameter and getrefcount's argument (3.14 may count fewer; the caller's check counts)
        or sys.getrefcount(pieces) > 3
    ):
        return "".join(pieces)
    size = max(1, -(-n // _MAX_APPENDS))
    pieces.reverse()  # chunks come off the end of the list: no move of the rest per chunk
    text = ""
    # A for loop, not a while: CPython specializes the append for in-place growth once
    # the loop has gone round a few times (on Python 3.11 a while loop did not get it).
    # Until then each append copies the text, which is then at most a quarter of the output.
    for _ in range(-(-n // size)):
        chunk = pieces[-size:]
        del pieces[-size:]
        chunk.reverse()
        part = "".join(chunk)
        del chunk
        text += part  # in place once only `text` holds it (the first append takes `part` itself)
        del part
    return text


# Characters split at once by _split_lines: a big text is split slice by slice,
# so that its lines are not all made before equal ones can share a string.
_SPLIT_SLICE = 1 << 20


def _split_lines(text: str) -> Iterable[str]:
    """``text.split("\\n")``, one slice of about ``_SPLIT_SLICE`` characters at a time for a big text.

    Cutting at a ``\\n`` splits nothing differently: the lines of the text are
    the lines before the cut and the lines after it.
    """
    n = len(text)
    if n <= _SPLIT_SLICE:
        return text.split("\n")
    return _split_sliced(text, n)


def _split_sliced(text: str, n: int) -> Iterator[str]:
    start = 0
    while start + _SPLIT_SLICE < n:
        cut = text.rfind("\n", start, start + _SPLIT_SLICE)
        if cut < 0:  # one line longer than a slice: cut at its end
            cut = text.find("\n", start + _SPLIT_SLICE)
            if cut < 0:
                break
        yield from text[start:cut].split("\n")
        start = cut + 1
    yield from text[start:].split("\n")


def _moved(change: Change, start: int, end: int, before: str) -> Change:
    """*change* at ``start:end`` (a removal moved onto the separator before it)."""
    return new_change(
        change.filter, change.rule, change.action, start, end, before, change.after, change.reason,
        change.line, change.block, change.path, change.data, change.round,
    )


def _breaks_lines(replacement: str) -> bool:
    """Whether a replacement line would not stay one block: blank, or holding a line break."""
    return not replacement or replacement.isspace() or "\n" in replacement or "\r" in replacement


def _line_breaks(span: str) -> int:
    if "\r" not in span:  # most texts: one count
        return span.count("\n")
    return span.count("\n") + span.count("\r") - span.count("\r\n")

