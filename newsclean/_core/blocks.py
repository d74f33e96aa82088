"""Blocks: one non-blank line of text or one HTML block element, and a compact table of many.

A :class:`Block` is a small named tuple. A document of very many tiny blocks (an HTML page of
100,000 ``<li>item`` elements) would hold a tuple and three ints for each, about 210 bytes a
block, 26 times an 8-byte block. :class:`BlockTable` keeps the same blocks as columns (about 40
bytes a block) and makes each :class:`Block` when it is read: a filter indexes, slices and iterates
it as it would a tuple of blocks, and gets equal blocks.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from typing import NamedTuple, overload

__all__ = ["Block", "BlockKind", "BlockTable"]


class BlockKind:
    """The kinds a block can have (plain strings, so they compare and pickle cheaply)."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    EMBED = "embed"
    CAPTION = "caption"
    TABLE_CELL = "table_cell"
    PREFORMATTED = "preformatted"


class Block(NamedTuple):
    """One block of a document: a non-blank line of text, or an HTML block element.

    ``start`` and ``end`` are offsets into :attr:`Document.text`, and
    ``text == document.text[start:end]``. ``line`` is 1-based. ``path`` is a
    short CSS-like path for blocks that come from HTML, and ``node`` an opaque
    handle the HTML layer uses to find the element again.
    """

    start: int
    end: int
    text: str
    kind: str = BlockKind.PARAGRAPH
    line: int = 1
    path: str | None = None
    node: int | None = None


_new = tuple.__new__  # the Block that Block(...) makes, without NamedTuple's Python-level __new__


class BlockTable(Sequence[Block]):
    """Blocks kept as columns, each made when read: the blocks of an HTML page of many runs.

    A block's node is its line (the run's number from 1, which an HTML block keeps through
    every filter); its path is ``None`` until :meth:`with_paths` names each block's element.
    Reading ``table[i]`` makes the :class:`Block`; it compares equal to the block a tuple would
    hold. Use :meth:`from_columns` to make one.

    >>> table = BlockTable.from_columns([0, 5], [4, 9], ["item", "item"], ["list_item"] * 2, [1, 2])
    >>> table[1]
    Block(start=5, end=9, text='item', kind='list_item', line=2, path=None, node=2)
    >>> table == tuple(table)
    True
    """

    __slots__ = ("_starts", "_ends", "_texts", "_kinds", "_lines", "_paths")

    _starts: array[int]
    _ends: array[int]
    _texts: list[str]
    _kinds: list[str]
    _lines: array[int]
    _paths: list[str | None] | None

    @classmethod
    def from_columns(
        cls,
        starts: Iterable[int],
        ends: Iterable[int],
        texts: list[str],
        kinds: list[str],
        lines: Iterable[int],
        paths: list[str | None] | None = None,
    ) -> BlockTable:
        """A table of ``len(texts)`` blocks; *texts*, *kinds* and *paths* are kept, not copied."""
        table = cls.__new__(cls)
        table._starts, table._ends, table._lines = array("q", starts), array("q", ends), array("q", lines)
        table._texts, table._kinds, table._paths = texts, kinds, paths
        n = len(texts)
        if not (len(table._starts) == len(table._ends) == len(kinds) == len(table._lines) == n) or (
            paths is not None and len(paths) != n
        ):
            raise ValueError("BlockTable columns must all have the same length")
        return table

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, index: int) -> Block: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Block, ...]: ...

    def __getitem__(self, index: int | slice) -> Block | tuple[Block, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        line, paths = self._lines[index], self._paths
        path = paths[index] if paths is not None else None
        return _new(Block, (self._starts[index], self._ends[index], self._texts[index], self._kinds[index], line, path, line))

    def __iter__(self) -> Iterator[Block]:
        # all in C: tuple.__new__(Block, row) for each row of the columns (no Python frame a block)
        lines, paths = self._lines, self._paths
        rows = zip(self._starts, self._ends, self._texts, self._kinds, lines, repeat(None) if paths is None else paths, lines)
        return map(_new, repeat(Block), rows)

    def __reversed__(self) -> Iterator[Block]:
        for i in range(len(self) - 1, -1, -1):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, BlockTable):  # no paths and a path of None for each block are the same blocks
            return self._columns()[:5] == other._columns()[:5] and self._path_list() == other._path_list()
        if isinstance(other, tuple):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<BlockTable of {len(self)} blocks>"

    def __reduce__(self) -> tuple[object, ...]:
        return (BlockTable.from_columns, self._columns())

    def _columns(self) -> tuple[array[int], array[int], list[str], list[str], array[int], list[str | None] | None]:
        return (self._starts, self._ends, self._texts, self._kinds, self._lines, self._paths)

    def _path_list(self) -> list[str | None]:
        return [None] * len(self) if self._paths is None else self._paths

    def starts(self) -> array[int]:
        """Each block's start, in order (the table's own array: do not change it)."""
        return self._starts

    def ends(self) -> array[int]:
        """Each block's end, in order (the table's own array: do not change it)."""
        return self._ends

    def taken(self, kept: list[int], starts: array[int], ends: array[int], texts: list[str]) -> BlockTable:
        """The blocks at *kept* (ascending indices), with these starts, ends and texts; kinds, lines and paths stay."""
        paths = self._paths
        return BlockTable.from_columns(
            starts, ends, texts, [self._kinds[i] for i in kept], array("q", (self._lines[i] for i in kept)),
            None if paths is None else [paths[i] for i in kept],
        )

    def lines(self) -> array[int]:
        """Each block's line (also its node), in order (the table's own array: do not change it)."""
        return self._lines

    def with_paths(self, paths: list[str | None]) -> BlockTable:
        """The same blocks with these paths (one a block); the other columns are shared, not copied."""
        return BlockTable.from_columns(self._starts, self._ends, self._texts, self._kinds, self._lines, paths)

    def texts(self) -> list[str]:
        """Each block's text, in order (the table's own list: do not change it)."""
        return self._texts
