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

import re
from collections.abc import Iterable, Mapping
from typing import Literal, NamedTuple

from newsclean._changes import Change

__all__ = ["Block", "BlockKind", "Document", "Edit"]


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


def _kind_of_line(line: str) -> str:
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

    __slots__ = ("blocks", "source", "text")

    def __init__(self, text: str, blocks: tuple[Block, ...], *, source: str = "text") -> None:
        self.text = text
        self.blocks = blocks
        self.source = source

    @classmethod
    def from_text(cls, text: str) -> Document:
        """Split plain text into one block per non-blank line."""
        blocks: list[Block] = []
        append = blocks.append
        if "\r" not in text:
            pos = 0
            for lineno, line in enumerate(text.split("\n"), 1):
                if line and not line.isspace():
                    append(Block(pos, pos + len(line), line, _kind_of_line(line), lineno))
                pos += len(line) + 1
        else:
            pos, lineno = 0, 1
            for match in _LINE_BREAK.finditer(text):
                line = text[pos : match.start()]
                if line and not line.isspace():
                    append(Block(pos, match.start(), line, _kind_of_line(line), lineno))
                pos, lineno = match.end(), lineno + 1
            line = text[pos:]
            if line and not line.isspace():
                append(Block(pos, len(text), line, _kind_of_line(line), lineno))
        return cls(text, tuple(blocks))

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
        by_index: dict[int, Edit] = {}
        for edit in edits:
            by_index.setdefault(edit.index, edit)
        if not by_index:
            return self, []
        blocks, text = self.blocks, self.text
        n = len(blocks)
        removed = {i for i, e in by_index.items() if e.replacement is None}
        last_kept = max((i for i in range(n) if i not in removed), default=-1)
        changes: list[Change] = []
        for i in sorted(by_index):
            edit, block = by_index[i], blocks[i]
            if edit.replacement is not None:
                if edit.replacement == block.text:
                    continue
                start, end, after = block.start, block.end, edit.replacement
                action: Literal["remove", "replace"] = "replace"
            else:
                action, after = "remove", ""
                if last_kept == -1:  # nothing survives: the document becomes ""
                    start = 0 if i == 0 else blocks[i - 1].end
                    end = len(text) if i == n - 1 else blocks[i].end
                elif i > last_kept:  # trailing run: take the separator before
                    start, end = blocks[i - 1].end, block.end
                else:
                    start, end = block.start, blocks[i + 1].start
            changes.append(
                Change(
                    filter=filter_name,
                    rule=edit.rule,
                    action=action,
                    start=start,
                    end=end,
                    before=text[start:end],
                    after=after,
                    reason=edit.reason,
                    line=block.line,
                    block=block.text,
                    path=block.path,
                    data=dict(edit.data),
                )
            )
        if not changes:
            return self, []
        return self._rebuilt(changes, by_index), changes

    def _rebuilt(self, changes: list[Change], by_index: Mapping[int, Edit]) -> Document:
        pieces: list[str] = []
        pos = 0
        for change in changes:
            pieces.append(self.text[pos : change.start])
            pieces.append(change.after)
            pos = change.end
        pieces.append(self.text[pos:])
        new_text = "".join(pieces)
        if self.source == "text":
            return Document.from_text(new_text)
        return Document(new_text, self._shifted(changes, by_index), source=self.source)

    def _shifted(self, changes: list[Change], by_index: Mapping[int, Edit]) -> tuple[Block, ...]:
        """Blocks of a non-text document after the changes, with offsets moved."""
        out: list[Block] = []
        shift = 0
        spans = iter(changes)
        pending = next(spans, None)
        for i, block in enumerate(self.blocks):
            while pending is not None and pending.end <= block.start:
                shift += len(pending.after) - (pending.end - pending.start)
                pending = next(spans, None)
            edit = by_index.get(i)
            if edit is not None and edit.replacement is None:
                continue
            if edit is not None and edit.replacement is not None and edit.replacement != block.text:
                new = edit.replacement
                out.append(block._replace(start=block.start + shift, end=block.start + shift + len(new), text=new))
                shift += len(new) - len(block.text)
                pending = next(spans, None)
                continue
            out.append(block._replace(start=block.start + shift, end=block.end + shift))
        return tuple(out)

