"""Tests for the document of blocks and how edits become changes."""

from __future__ import annotations

import pytest

from newsclean import Block, BlockKind, Document, Edit, replay


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        pytest.param("", [], id="empty"),
        pytest.param("   \n\t\n", [], id="whitespace-only"),
        pytest.param("a\nb", ["a", "b"], id="lf"),
        pytest.param("a\r\nb\r\n", ["a", "b"], id="crlf"),
        pytest.param("a\rb", ["a", "b"], id="lone-cr"),
        pytest.param("a\n\n\nb", ["a", "b"], id="blank-lines"),
        pytest.param("a\u2028b\x85c", ["a\u2028b\x85c"], id="unicode-breaks-stay-inside-a-line"),
        pytest.param("  indented  \n\u00a0\n", ["  indented  "], id="nbsp-line-is-blank"),
    ],
)
def test_blocks_are_non_blank_lines(text: str, blocks: list[str]) -> None:
    """Plain text splits into one block per non-blank line, on \\n, \\r\\n and \\r only."""
    doc = Document.from_text(text)
    assert [b.text for b in doc.blocks] == blocks
    assert all(doc.text[b.start : b.end] == b.text for b in doc.blocks)


def test_line_numbers_count_every_line_ending() -> None:
    """Block line numbers are 1-based and count \\n, \\r\\n and lone \\r alike."""
    doc = Document.from_text("a\r\n\r\nb\rc\n\nd")
    assert [(b.text, b.line) for b in doc.blocks] == [("a", 1), ("b", 3), ("c", 4), ("d", 6)]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("- item", BlockKind.LIST_ITEM),
        ("• item", BlockKind.LIST_ITEM),
        ("12. item", BlockKind.LIST_ITEM),
        ("-item", BlockKind.PARAGRAPH),
        ("2024 was a year.", BlockKind.PARAGRAPH),
    ],
)
def test_list_items_get_their_kind(line: str, kind: str) -> None:
    """Lines that start with a list marker are list items; others are paragraphs."""
    assert Document.from_text(line).blocks[0].kind == kind


@pytest.mark.parametrize(
    ("text", "remove", "expected"),
    [
        pytest.param("p1\n\nAd\n\np2", [1], "p1\n\np2", id="middle-takes-following-separator"),
        pytest.param("Ad\n\np1", [0], "p1", id="first"),
        pytest.param("p1\nAd", [1], "p1", id="last-takes-preceding-separator"),
        pytest.param("p1\nAd\n", [1], "p1\n", id="trailing-newline-kept"),
        pytest.param("p1\nA\nB\n", [1, 2], "p1\n", id="trailing-run"),
        pytest.param("A\nB\np1", [0, 1], "p1", id="leading-run"),
        pytest.param("\nA\n\nB\n", [0, 1], "", id="everything-becomes-empty"),
        pytest.param("p1\r\nAd\r\np2", [1], "p1\r\np2", id="crlf-kept"),
    ],
)
def test_removal_takes_one_separator(text: str, remove: list[int], expected: str) -> None:
    """Removing a block removes one separator with it, so layout stays as it came."""
    doc = Document.from_text(text)
    new, changes = doc.apply("t", [Edit(i, "r", "why") for i in remove])
    assert new.text == expected
    assert replay(text, changes) == expected
    assert [c.action for c in changes] == ["remove"] * len(remove)


def test_replacement_records_before_after_and_line() -> None:
    """A replacement records the block span, the old and new text and the line number."""
    doc = Document.from_text("one\ncafÃ©\nthree")
    new, changes = doc.apply("mojibake", [Edit(1, "mojibake", "fixed", "café")])
    assert new.text == "one\ncafé\nthree"
    (change,) = changes
    assert (change.start, change.end, change.before, change.after, change.line) == (4, 9, "cafÃ©", "café", 2)


def test_no_op_edits_make_no_changes() -> None:
    """An edit that replaces a block with its own text is not a change."""
    doc = Document.from_text("same")
    new, changes = doc.apply("t", [Edit(0, "r", "why", "same")])
    assert new is doc and changes == []


def test_first_edit_per_block_wins() -> None:
    """When two edits name the same block, the first one counts."""
    doc = Document.from_text("a\nb")
    _, changes = doc.apply("t", [Edit(0, "first", "1"), Edit(0, "second", "2")])
    assert [c.rule for c in changes] == ["first"]


def test_non_text_documents_shift_blocks_and_keep_nodes() -> None:
    """For HTML-sourced documents, blocks keep their node handles and offsets shift."""
    blocks = (
        Block(0, 2, "p1", node=10, path="p:nth-of-type(1)"),
        Block(3, 5, "Ad", node=11),
        Block(6, 9, "bÃ", node=12),
    )
    doc = Document("p1\nAd\nbÃ", blocks, source="html")
    new, _ = doc.apply("t", [Edit(1, "r", "ad"), Edit(2, "r", "fix", "b!")])
    assert new.text == "p1\nb!"
    assert [(b.text, b.node, new.text[b.start : b.end]) for b in new.blocks] == [("p1", 10, "p1"), ("b!", 12, "b!")]


def test_documents_pickle_and_compare() -> None:
    """Documents survive pickling and compare by value."""
    import pickle

    doc = Document.from_text("a\nb")
    assert pickle.loads(pickle.dumps(doc)) == doc
