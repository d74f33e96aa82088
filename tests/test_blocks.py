"""Tests for the block table: the blocks of a big HTML page kept as columns, made when read."""

from __future__ import annotations

import pickle
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean import Block, Document, Edit
from newsclean._core.blocks import BlockTable

_TEXTS = st.lists(st.sampled_from(["item", "Advertisement", "a", "Ünï", "Loading…", "x" * 30, "😀"]), max_size=12)


def _table(texts: list[str]) -> BlockTable:
    """The table of one block per text, joined with \\n, as clean_html makes it."""
    starts, ends, pos = [], [], 0
    for text in texts:
        starts.append(pos)
        ends.append(pos + len(text))
        pos += len(text) + 1
    kinds = ["list_item" if i % 2 else "paragraph" for i in range(len(texts))]
    return BlockTable.from_columns(starts, ends, list(texts), kinds, range(1, len(texts) + 1))


def _blocks(texts: list[str]) -> tuple[Block, ...]:
    """The same blocks as a tuple, made one by one."""
    out, pos = [], 0
    for i, text in enumerate(texts):
        out.append(Block(pos, pos + len(text), text, "list_item" if i % 2 else "paragraph", i + 1, None, i + 1))
        pos += len(text) + 1
    return tuple(out)


@given(_TEXTS, st.integers(-14, 14), st.integers(-14, 14), st.sampled_from([None, 1, 2, -1]))
def test_a_table_reads_like_the_tuple_of_its_blocks(texts: list[str], a: int, b: int, step: int | None) -> None:
    """Indexing (negative too), slicing, iterating, reversing and len give what the tuple of the same blocks gives."""
    table, blocks = _table(texts), _blocks(texts)
    assert len(table) == len(blocks)
    assert list(table) == list(blocks)
    assert list(reversed(table)) == list(reversed(blocks))
    assert table[a:b:step] == blocks[a:b:step]
    for i in (a, b):
        if -len(blocks) <= i < len(blocks):
            assert table[i] == blocks[i]
        else:
            with pytest.raises(IndexError):
                table[i]
    assert table == blocks and table == _table(texts)
    assert all(type(block) is Block for block in table)


def test_a_table_pickles_and_refuses_columns_of_different_lengths() -> None:
    """A table survives pickling (Dask, multiprocessing) and refuses columns that do not line up."""
    table = _table(["item", "Advertisement"])
    assert pickle.loads(pickle.dumps(table)) == table
    doc = Document("item\nAdvertisement", table, source="html")
    assert pickle.loads(pickle.dumps(doc)) == doc
    with pytest.raises(ValueError, match="same length"):
        BlockTable.from_columns([0], [4], ["item"], [], [1])
    assert repr(table) == "<BlockTable of 2 blocks>"


def test_paths_are_a_column_of_their_own() -> None:
    """with_paths gives each block its path and shares the other columns; edits carry the paths; pickling keeps them."""
    table = _table(["item", "Advertisement", "more"])
    named = table.with_paths(["li:nth-of-type(1)", None, "li:nth-of-type(3)"])
    assert [b.path for b in named] == ["li:nth-of-type(1)", None, "li:nth-of-type(3)"]
    assert named[2] == Block(19, 23, "more", "paragraph", 3, "li:nth-of-type(3)", 3)
    assert named != table and [b._replace(path=None) for b in named] == list(table)
    assert table.with_paths([None, None, None]) == table  # no paths, or None for each: the same blocks
    assert named.texts() is table.texts()
    new, _ = Document("item\nAdvertisement\nmore", named, source="html").apply("t", [Edit(1, "ad", "an ad")])
    assert [(b.text, b.path, b.start) for b in new.blocks] == [("item", "li:nth-of-type(1)", 0), ("more", "li:nth-of-type(3)", 5)]
    assert pickle.loads(pickle.dumps(named)) == named
    with pytest.raises(ValueError, match="same length"):
        table.with_paths(["p"])


@given(_TEXTS, st.data())
def test_edits_on_a_table_give_the_blocks_they_give_on_the_tuple(texts: list[str], data: st.DataObject) -> None:
    """Document.apply on an HTML document whose blocks are a table gives the text, records and blocks the tuple gives."""
    text = "\n".join(texts)
    edits = [
        Edit(i, "r", "why", data.draw(st.one_of(st.none(), st.sampled_from(["", "b!", "Ünï", "longer text"]))))
        for i in data.draw(st.lists(st.integers(0, max(len(texts) - 1, 0)), max_size=6))
        if texts
    ]
    on_table = Document(text, _table(texts), source="html").apply("t", edits)
    on_tuple = Document(text, _blocks(texts), source="html").apply("t", edits)
    assert on_table[0].text == on_tuple[0].text
    assert on_table[1] == on_tuple[1]
    assert list(on_table[0].blocks) == list(on_tuple[0].blocks)
    if on_table[1]:
        assert isinstance(on_table[0].blocks, BlockTable)  # still columns, not a tuple of blocks
    new = on_table[0]
    assert all(new.text[b.start : b.end] == b.text for b in new.blocks)


def test_a_block_emptied_and_then_rewritten_keeps_its_offsets() -> None:
    """An HTML block replaced by "" and rewritten by a later filter: every block's offsets still point at its text.

    The walk that moved blocks by the changes' positions counted the empty block's change twice
    (its span ends where the next one starts), and every later block's offsets were one off.
    """
    from dataclasses import dataclass

    from newsclean import BlockFilter, FunctionFilter, Pipeline, explain_html

    @dataclass(frozen=True)
    class Blank(BlockFilter):
        name: str = "blank"

        def edits(self, doc: Document) -> Iterator[Edit]:
            for i, block in enumerate(doc.blocks):
                if block.text == "Ad":
                    yield Edit(i, "blank", "blanked", "")

    pipeline = Pipeline(Blank(), FunctionFilter(_fill, name="fill", per_block=True))
    for runs in (1, 700):  # a tuple of blocks, and a table (2,000 runs or more)
        markup = "<div>" + "<p>One</p><p>Ad</p><p>Two</p><p>Three</p>" * runs + "</div>"
        explained = explain_html(markup, pipeline=pipeline)
        final = explained.result.document
        assert final is not None
        assert explained.text == "\n".join(["One\nX\nTwo\nThree"] * runs)
        assert [final.text[b.start : b.end] for b in final.blocks] == [b.text for b in final.blocks]
        assert explained.result.replay() == explained.text


def _fill(text: str) -> str:
    return "X" if text == "" else text
