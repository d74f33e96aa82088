"""Tests for the document of blocks and how edits become changes."""

from __future__ import annotations

import contextlib
import sys
import tracemalloc
import types
from collections.abc import Callable, Iterator

import pytest

import newsclean._core.document as document
from newsclean import Block, BlockFilter, BlockKind, Document, Edit, Pipeline, PlaceholderFilter, replay
from newsclean._core.document import _CHUNK_PIECES


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


# -- fast paths (docs/performance.md): each must give exactly what the slow way gives ----------

import re  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsclean._core.text import fold, typography_score  # noqa: E402

# Pieces that reach every branch: each line-break form, blank and whitespace-only
# lines, list markers and digits at a line's start, U+0085 (a break for
# str.splitlines, a space for str.isspace, a character here), surrogates.
_PIECES = st.sampled_from(
    ["a", "Bc", " ", "\t", "\n", "\r", "\r\n", "\n\n", "- ", "• ", "12. ", "3) ", "²", "\xa0", "\x85", "é", "“", "…",
     "\ud800", "ß", "_", "İ", "--", " - ", "...", "'", '"', "Ã©"]
)
_TEXTS = st.lists(_PIECES, max_size=24).map("".join)
_REPLACEMENTS = st.one_of(st.none(), _TEXTS)


def _slow_fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _slow_typography(text: str) -> int:
    return len(re.findall(r"[“”‘’„‚«»‹›–—…]", text)) - len(re.findall(r"[\"']|(?<= )-(?= )|--|\.\.\.", text))


@given(_TEXTS, st.data())
def test_applying_edits_gives_the_blocks_a_fresh_parse_gives(text: str, data: st.DataObject) -> None:
    """Blocks shifted after edits (not re-parsed) equal Document.from_text of the new text: offsets, lines, kinds."""
    doc = Document.from_text(text)
    if not doc.blocks:
        return
    new, changes = doc.apply("t", _drawn_edits(doc, data))
    assert new.blocks == Document.from_text(new.text).blocks
    assert replay(text, changes) == new.text


@pytest.mark.parametrize(
    ("text", "remove", "lines"),
    [
        pytest.param("a\n\n\nb\nc", [0], [("b", 1), ("c", 2)], id="blank-lines-go-with-the-block"),
        pytest.param("a\r\n\r\nb\rc", [1], [("a", 1), ("c", 3)], id="crlf-and-cr-count-once"),
        pytest.param("a\nb\n\nc\n", [2], [("a", 1), ("b", 2)], id="trailing-takes-the-separator-before"),
    ],
)
def test_line_numbers_move_up_by_the_lines_removed(text: str, remove: list[int], lines: list[tuple[str, int]]) -> None:
    """After a removal, later blocks' line numbers drop by the line breaks that went with it."""
    new, _ = Document.from_text(text).apply("t", [Edit(i, "r", "why") for i in remove])
    assert [(b.text, b.line) for b in new.blocks] == lines


@pytest.mark.parametrize(
    ("replacement", "blocks"),
    [
        pytest.param("- now a list", [("x", "paragraph"), ("- now a list", "list_item")], id="kind-recomputed"),
        pytest.param("two\nlines", [("x", "paragraph"), ("two", "paragraph"), ("lines", "paragraph")], id="line-break-reparses"),
        pytest.param("   ", [("x", "paragraph")], id="blank-reparses"),
    ],
)
def test_replacements_get_the_kind_and_blocks_of_their_new_text(replacement: str, blocks: list[tuple[str, str]]) -> None:
    """A replaced line gets the kind of its new text; one that breaks into lines or goes blank is re-parsed."""
    new, _ = Document.from_text("x\nold").apply("t", [Edit(1, "r", "why", replacement)])
    assert [(b.text, b.kind) for b in new.blocks] == blocks


@given(_TEXTS)
def test_fold_equals_the_plain_regex(text: str) -> None:
    """fold's bytes fast path gives what re.sub(r"[\\W_]+", "", casefold) gives, surrogates included."""
    assert fold(text) == _slow_fold(text)


@pytest.mark.parametrize(
    "text",
    ["He said “don’t” – ok…", "Straße_ŒUVRE 12½", "\ud83d lone surrogate", "日本語、テキスト。", "Ǆ ǅ ǆ ﬁ", "ÉCOLE\xa0NORMALE", ""],
)
def test_fold_equals_the_plain_regex_on_hard_cases(text: str) -> None:
    """fold matches the regex on casefold expansions, ligatures, CJK punctuation and lone surrogates."""
    assert fold(text) == _slow_fold(text)


def test_fold_equals_the_plain_regex_on_every_character() -> None:
    """fold agrees with the regex on each Unicode character alone (the ASCII byte table included)."""
    chars = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert fold(chars) == _slow_fold(chars)
    assert all(fold(chr(c)) == _slow_fold(chr(c)) for c in range(128))


@given(_TEXTS)
def test_typography_score_equals_the_regex_counts(text: str) -> None:
    """typography_score's str.count version equals the two regex counts it replaced."""
    assert typography_score(text) == _slow_typography(text)


@given(st.lists(st.text(st.sampled_from(" -.'\"“”‘’–—…a\n"), max_size=12), max_size=6))
def test_typography_score_of_lines_joined_is_their_sum(lines: list[str]) -> None:
    """Nothing the score counts holds or spans a line break: lines joined by one score what they score each (double_post sums so)."""
    assert typography_score("\n".join(lines)) == sum(map(typography_score, lines))


@pytest.mark.parametrize("text", [" - - - ", "---- -- - ", "a - b -- c ... d ....", "“x” — y…", "' \" '"])
def test_typography_score_equals_the_regex_counts_on_runs(text: str) -> None:
    """Runs of hyphens, dots and spaced dashes count as the regexes count them."""
    assert typography_score(text) == _slow_typography(text)


def test_mojibake_whole_text_scan_finds_the_blocks_the_per_block_check_finds() -> None:
    """bad_blocks (one scan of the text) picks exactly the blocks bad_near_markers picks, ^-anchored branch included."""
    from ftfy.badness import BADNESS_RE

    from newsclean._filters.mojibake import bad_blocks, bad_near_markers

    # "Â fine" is bad only by the regex's ^ branch; "1 Â y" is not bad (no ^ there)
    lines = ["Â fine", "1 Â y", "x Â y", "CafÃ©", "plain", "“curly”", "\x85", "Ã ", "naïve", "â€™s"]
    text = "\n".join(lines) + "\r\n\r\nÂ last"
    doc = Document.from_text(text)
    expected = [i for i, b in enumerate(doc.blocks) if bad_near_markers(BADNESS_RE.search, b.text)]
    assert list(bad_blocks(BADNESS_RE.search, doc)) == expected
    assert [doc.blocks[i].text for i in expected] == ["Â fine", "x Â y", "CafÃ©", "Ã ", "â€™s", "Â last"]


@given(_TEXTS)
def test_mojibake_whole_text_scan_equals_the_per_block_check(text: str) -> None:
    """On any text, bad_blocks yields the blocks for which bad_near_markers is true."""
    from ftfy.badness import BADNESS_RE

    from newsclean._filters.mojibake import bad_blocks, bad_near_markers

    doc = Document.from_text(text)
    expected = [i for i, b in enumerate(doc.blocks) if bad_near_markers(BADNESS_RE.search, b.text)]
    assert list(bad_blocks(BADNESS_RE.search, doc)) == expected


@given(st.text(alphabet="ab \n", max_size=60), st.integers(min_value=1, max_value=8))
def test_splitting_a_big_text_slice_by_slice_gives_the_lines_of_split(text: str, size: int) -> None:
    """Split slice by slice (at a line break), a text gives exactly ``text.split("\\n")``."""
    from newsclean._core import document

    old = document._SPLIT_SLICE
    document._SPLIT_SLICE = size
    try:
        assert list(document._split_lines(text)) == text.split("\n")
    finally:
        document._SPLIT_SLICE = old


def test_equal_lines_share_one_string() -> None:
    """Repeated lines are held once: the blocks of equal lines carry the same string object."""
    doc = Document.from_text("Share\nText\nShare\r\nShare")
    assert [b.text for b in doc.blocks] == ["Share", "Text", "Share", "Share"]
    assert doc.blocks[0].text is doc.blocks[2].text
    doc = Document.from_text("Share\nText\nShare")
    assert doc.blocks[0].text is doc.blocks[2].text


@given(_TEXTS, st.data())
def test_the_first_edit_of_each_block_counts_in_any_order(text: str, data: st.DataObject) -> None:
    """Edits given in any order, repeated or giving a block its own text: each block's first edit counts, records in block order."""
    doc = Document.from_text(text)
    if not doc.blocks:
        return
    indices = data.draw(st.lists(st.integers(0, len(doc.blocks) - 1), max_size=2 * len(doc.blocks)))
    same = data.draw(st.lists(st.booleans(), min_size=len(indices), max_size=len(indices)))
    edits = [
        Edit(i, f"r{n}", "why", doc.blocks[i].text if keep else data.draw(_REPLACEMENTS), {"n": n % 2})
        for n, (i, keep) in enumerate(zip(indices, same))
    ]
    first: dict[int, Edit] = {}
    for edit in edits:
        first.setdefault(edit.index, edit)
    expected = [(e.rule, doc.blocks[i].text) for i, e in sorted(first.items()) if e.replacement != doc.blocks[i].text]
    new, changes = doc.apply("t", edits)
    assert [(c.rule, c.block) for c in changes] == expected
    assert [c.data for c in changes] == [{"n": int(c.rule[1:]) % 2} for c in changes]
    assert replay(text, changes) == new.text


def test_equal_removals_share_their_strings_and_data() -> None:
    """1,000 equal removals hold one removed span, one reason and one data dict (a copy: not the edit's own)."""
    doc = Document.from_text("Advertisement\n" * 1000 + "End")
    given_data = {"matched": "advertisement"}
    edits = (Edit(i, "ad", "an " + "ad label", data=given_data) for i in range(1000))
    new, changes = doc.apply("t", edits)
    assert new.text == "End" and len(changes) == 1000
    assert len({id(c.before) for c in changes}) == len({id(c.reason) for c in changes}) == 1
    assert len({id(c.data) for c in changes}) == 1 and changes[0].data == given_data and changes[0].data is not given_data


def test_a_rebuilt_document_joins_its_text_when_first_read() -> None:
    """A filter's output holds its pieces until the text is read; then it is the same text, equal and picklable."""
    import pickle

    doc = Document.from_text("Hello\n\nAdvertisement\n\nWorld")
    new, _ = doc.apply("demo", [Edit(1, "ad", "an ad label")])
    assert new._text is None  # nothing joined yet: the next filter reads it once the old document is gone
    assert new.text == "Hello\n\nWorld" and new._pieces is None
    assert new == Document.from_text("Hello\n\nWorld")
    fresh, _ = doc.apply("demo", [Edit(1, "ad", "an ad label")])
    assert pickle.loads(pickle.dumps(fresh)) == new
    assert [new.text[b.start : b.end] for b in new.blocks] == ["Hello", "World"]


def _drawn_edits(doc: Document, data: st.DataObject, rule: str = "r") -> list[Edit]:
    """Edits of some of *doc*'s blocks (any order, repeats), each a removal or a replacement."""
    indices = data.draw(st.lists(st.integers(0, len(doc.blocks) - 1), max_size=len(doc.blocks)))
    return [Edit(i, rule, "why", data.draw(_REPLACEMENTS)) for i in indices]


@contextlib.contextmanager
def _read_as_big(chunk: int = _CHUNK_PIECES) -> Iterator[None]:
    """Every filter output read in spans and chunks, as a big one is (a few pieces per chunk)."""
    saved = document._BIG_PIECES, document._CHUNK_PIECES
    document._BIG_PIECES, document._CHUNK_PIECES = 0, chunk
    try:
        yield
    finally:
        document._BIG_PIECES, document._CHUNK_PIECES = saved


@given(_TEXTS, st.data())
def test_a_big_output_is_read_in_spans_as_its_joined_text_would_be(text: str, data: st.DataObject) -> None:
    """span, size and holds of an output read as pieces (the big-document path, forced) equal slicing the joined text."""
    doc = Document.from_text(text)
    if not doc.blocks:
        return
    new, _ = doc.apply("t", _drawn_edits(doc, data))
    if new._pieces is None:
        return
    joined = "".join(new._pieces)
    n = len(joined)
    with _read_as_big(data.draw(st.integers(1, 3))):
        assert new.size() == n
        for start in range(n + 1):  # every span, and every part of up to four characters
            for end in range(start, n + 2):
                assert new.span(start, end) == joined[start:end]
                if end - start <= 4:
                    assert new.holds(joined[start:end])
        other = data.draw(_TEXTS)
        assert new.holds(other) == (other in joined)
        assert new.holds(other, joined[-3:]) and new.span(5, 2) == ""
        assert new._text is None  # read without joining


@given(_TEXTS, st.data())
def test_edits_of_a_big_output_give_what_edits_of_its_joined_text_give(text: str, data: st.DataObject) -> None:
    """A second filter's records and output on a big output (read in spans, forced) are those on its joined text."""
    doc = Document.from_text(text)
    if not doc.blocks:
        return
    first = _drawn_edits(doc, data)
    joined, _ = doc.apply("one", first)
    pieces, _ = doc.apply("one", first)
    if not joined.blocks:
        return
    second = _drawn_edits(joined, data, "s")
    expected, expected_changes = Document(joined.text, joined.blocks).apply("two", second)
    as_pieces = pieces._text is None  # an output (no first edit: the document itself)
    with _read_as_big():
        got, changes = pieces.apply("two", second)
        assert changes == expected_changes
        assert pieces._text is None or not as_pieces  # the records were read in spans
    assert got.text == expected.text and got.blocks == expected.blocks


@given(st.lists(_TEXTS, max_size=8), st.lists(st.integers(0, 60), max_size=8))
def test_a_big_outputs_pieces_are_copied_span_by_span_as_slices_of_its_text(parts: list[str], cuts: list[int]) -> None:
    """Spans taken in increasing order, anywhere in or across pieces, copy the text they cover."""
    from newsclean._core.document import _PieceCopier

    joined = "".join(parts)
    bounds = sorted(min(c, len(joined)) for c in cuts)
    spans = list(zip(bounds[0::2], bounds[1::2]))
    from array import array
    from itertools import accumulate

    starts = array("q", accumulate(map(len, parts), initial=0))
    out: list[str] = []
    copier = _PieceCopier(parts, starts, out)
    for lo, hi in spans:
        copier.kept(lo, hi, 0)
    assert "".join(out) == "".join(joined[lo:hi] for lo, hi in spans)
    assert "" not in out
    # a piece a span covers whole is taken over itself, not copied
    taken = {id(piece) for piece in out}
    for i, part in enumerate(parts):
        if part and any(lo <= starts[i] and starts[i + 1] <= hi for lo, hi in spans):
            assert id(part) in taken


@given(_TEXTS, st.data())
def test_records_are_those_record_makes_one_edit_at_a_time(text: str, data: st.DataObject) -> None:
    """Every record take() makes is the one written out below for its edit, on a text and on a big output."""
    doc = Document.from_text(text)
    base = Document.from_text(text + "\nlast line")
    output, _ = base.apply("one", [Edit(len(base.blocks) - 1, "r", "why")])  # kept in pieces, not joined
    _check_records_against_record(doc, data)
    with _read_as_big():
        assert output._big_pieces() is not None
        _check_records_against_record(output, data)
        assert output._text is None  # its records were read in spans: the big output is not joined for them


def _check_records_against_record(doc: Document, data: st.DataObject) -> None:
    from array import array

    if not doc.blocks:
        return
    indices = data.draw(st.lists(st.integers(0, len(doc.blocks) - 1), max_size=2 * len(doc.blocks)))
    kinds = data.draw(st.lists(st.sampled_from(["remove", "replace", "same"]), min_size=len(indices), max_size=len(indices)))
    replacements = [None if k == "remove" else doc.blocks[i].text if k == "same" else data.draw(_REPLACEMENTS) for i, k in zip(indices, kinds)]
    # data of hashable values (shared between equal records) and with a list (copied for each)
    edits = [
        Edit(i, f"r{n}", f"why {n % 3}", new, {"n": n % 2} if n % 3 else {"n": [n % 2]})
        for n, (i, new) in enumerate(zip(indices, replacements))
    ]
    first: dict[int, Edit] = {}
    for edit in edits:
        first.setdefault(edit.index, edit)
    from newsclean import Change

    def record(i: int, edit: Edit) -> Change | None:
        start, end, text, _, line, path, _ = doc.blocks[i]
        if edit.replacement is None:  # a removal takes the separator after its block
            end = doc.blocks[i + 1].start if i + 1 < len(doc.blocks) else end
            return Change("t", edit.rule, "remove", start, end, doc.span(start, end), "", edit.reason, line, text, path, dict(edit.data))
        if edit.replacement == text:
            return None
        return Change("t", edit.rule, "replace", start, end, text, edit.replacement, edit.reason, line, text, path, dict(edit.data))

    oracle = document._Records(doc, "t")  # for the removals at the end, which take the separator before
    made = [(i, record(i, e)) for i, e in sorted(first.items())]
    kept = [(i, c) for i, c in made if c is not None]
    expected = [c for _, c in kept]
    if expected:
        oracle.move_trailing(array("q", [i for i, _ in kept]), expected)
    assert doc.apply("t", edits)[1] == expected


def _appends_in_place_here() -> bool:
    """Whether join_owned may take its chunked path in this process (CPython, no tracer or profiler)."""
    return document.sys.implementation.name == "cpython" and sys.gettrace() is None and sys.getprofile() is None


@given(st.lists(st.text(max_size=6), max_size=40), st.integers(1, 5))
def test_join_owned_joins_as_join_does_and_empties_the_list(parts: list[str], appends: int) -> None:
    """join_owned gives "".join of the list, chunk by chunk (forced here for any length), and empties a list only it holds."""
    expected = "".join(parts)
    mine = list(parts)  # Hypothesis holds on to the list it drew: a copy is this test's alone
    saved = document._BIG_PIECES, document._MAX_APPENDS
    document._BIG_PIECES, document._MAX_APPENDS = 0, appends
    try:
        got = document.join_owned(mine)
    finally:
        document._BIG_PIECES, document._MAX_APPENDS = saved
    assert got == expected
    if _appends_in_place_here() and getattr(sys, "_is_gil_enabled", lambda: True)():
        assert mine == []


def test_join_owned_leaves_a_list_someone_else_holds_whole() -> None:
    """A list with another holder (a document still alive) is joined as it is and not emptied."""
    parts = [f"line {i}\n" for i in range(40_000)]
    held = parts
    assert document.join_owned(parts) == "".join(held)
    assert len(held) == 40_000


class _Keeper(BlockFilter):
    """Keeps every document it is given and changes nothing (a user filter that holds on to its input)."""

    name = "keeper"

    def __init__(self) -> None:
        self.seen: list[Document] = []

    def edits(self, doc: Document) -> list[Edit]:
        self.seen.append(doc)
        return []


def test_a_kept_document_still_reads_its_text_after_clean() -> None:
    """clean()'s last document, held by a filter that saw it, keeps its text: its pieces are not consumed."""
    keeper = _Keeper()
    pipeline = Pipeline(PlaceholderFilter(), keeper)
    text = "\n".join(["Advertisement", *(f"Paragraph {i} of the story." for i in range(20_000))])
    out = pipeline(text)
    assert out == text.partition("\n")[2]
    assert keeper.seen[-1].text == out


def test_a_kept_document_reads_its_text_where_reference_counts_cannot_tell(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline itself checks that the last document is gone: with a reference count that says nothing (as on Python 3.14), a kept document still reads its text."""
    monkeypatch.setattr(document, "sys", types.SimpleNamespace(
        implementation=sys.implementation, gettrace=sys.gettrace, getprofile=sys.getprofile, getrefcount=lambda obj: 1,
    ))
    keeper = _Keeper()
    text = "\n".join(["Advertisement", *(f"Paragraph {i} of the story." for i in range(20_000))])
    out = Pipeline(PlaceholderFilter(), keeper)(text)
    assert keeper.seen[-1].text == out == text.partition("\n")[2]


def test_join_owned_lets_the_pieces_go_as_the_output_grows() -> None:
    """Joining a big list only it holds peaks well below a join's peak (the output alone), as tracemalloc sees it."""
    if not _appends_in_place_here() or not getattr(sys, "_is_gil_enabled", lambda: True)():
        pytest.skip("join_owned joins plainly under a tracer or profiler, on another Python or a free-threaded build")

    def peak(join: Callable[[list[str]], str]) -> int:
        tracemalloc.start()
        try:
            parts = ["\U0001f600"] + [f"Paragraph {i}, a line of the story as scraped.\n" for i in range(40_000)]
            base = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            out = join(parts)
            del parts
            added = tracemalloc.get_traced_memory()[1] - base
            assert len(out) == 1 + sum(len(f"Paragraph {i}, a line of the story as scraped.\n") for i in range(40_000))
            return added
        finally:
            tracemalloc.stop()

    joined, owned = peak("".join), peak(document.join_owned)
    assert owned < 0.8 * joined
