"""Tests for the in-place view of a result: annotate() and the notebook HTML."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean import BlockFilter, Change, Document, Edit, FunctionFilter, Pipeline, ReplayError, Result
from newsclean._display.result import Segment, annotate, filter_colours, result_html
from tests._display_helpers import DropAds
from tests.strategies import news_documents

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


# -- small filters of our own, so these tests do not depend on the built-ins --
@dataclass(frozen=True, kw_only=True)
class DropB(BlockFilter):
    """Removes blocks that are 'b' or 'B'."""

    name = "drop_b"

    def edits(self, doc: Document) -> Iterator[Edit]:
        for i, block in enumerate(doc.blocks):
            if block.text in ("b", "B"):
                yield Edit(i, "letter_b", "a lone b")


def fix_mojibake(text: str) -> str:
    """Whole-text rewrite: one change spanning first to last difference."""
    return text.replace("â€™", "’").replace("ab", "Q")


def shout_x(text: str) -> str:
    """Per-block rewrite of blocks containing 'x'; a block 'x' becomes '' (removed)."""
    if text == "x":
        return ""
    return text.upper() if "x" in text else text


def exclaim(text: str) -> str:
    """Whole-text insertions: a zero-length change where 'b' gets a 'z' appended."""
    return text.replace("b", "bz") if "b" in text else text + "!"


FIX = FunctionFilter(fix_mojibake, name="fix")
SHOUT = FunctionFilter(shout_x, name="shout", per_block=True)
EXCLAIM = FunctionFilter(exclaim, name="exclaim")


def _kinds(segments: list[Segment]) -> list[tuple[str, str, str, list[str]]]:
    return [(s.kind, s.before, s.after, [c.filter for c in s.changes]) for s in segments]


# -- annotate ----------------------------------------------------------------
def test_annotate_one_removal() -> None:
    """A removed block is one segment between two kept ones, separator included."""
    result = Pipeline(DropAds()).explain("p1\nAdvertisement\np2")
    assert _kinds(annotate(result)) == [
        ("kept", "p1\n", "p1\n", []),
        ("removed", "Advertisement\n", "", ["drop_ads"]),
        ("kept", "p2", "p2", []),
    ]


def test_annotate_offsets_point_into_the_input() -> None:
    """Segment start/end are input offsets and slice the input to `before`."""
    text = "p1\nAdvertisement\np2\nb"
    segments = annotate(Pipeline(DropAds(), DropB()).explain(text))
    assert [(s.start, s.end) for s in segments] == [(0, 3), (3, 17), (17, 19), (19, 21)]
    assert all(text[s.start : s.end] == s.before for s in segments)


def test_annotate_maps_a_later_stage_back_to_the_input() -> None:
    """A removal by the second filter lands on the input text after the first filter's removal."""
    result = Pipeline(DropAds(), DropB()).explain("Advertisement\na\nb\nc")
    assert _kinds(annotate(result)) == [
        ("removed", "Advertisement\n", "", ["drop_ads"]),
        ("kept", "a\n", "a\n", []),
        ("removed", "b\n", "", ["drop_b"]),
        ("kept", "c", "c", []),
    ]


def test_annotate_chains_a_rewrite_then_a_removal() -> None:
    """A block rewritten and then removed shows as one removed piece of input carrying both changes."""
    result = Pipeline(SHOUT, DropB()).explain("a\nbx\nb")
    assert result.text == "a\nBX"
    assert _kinds(annotate(result)) == [
        ("kept", "a\n", "a\n", []),
        ("replaced", "bx", "BX", ["shout"]),
        ("removed", "\nb", "", ["drop_b"]),
    ]
    chained = annotate(Pipeline(FIX, DropAds()).explain("a\nab\nc"))
    assert _kinds(chained) == [("kept", "a\n", "a\n", []), ("removed", "ab\n", "", ["fix", "drop_ads"]), ("kept", "c", "c", [])]
    assert chained[1].change is not None and chained[1].change.filter == "drop_ads"


def test_annotate_takes_a_partly_removed_rewrite_whole() -> None:
    """A removal inside a multi-line rewrite becomes one replaced piece: the whole rewrite minus the block."""
    result = Pipeline(FIX, DropAds()).explain("ab\nmid\nab\nend")
    assert result.text == "mid\nend"  # FIX turned both 'ab' into 'Q' as one span; DropAds removed the Qs
    assert _kinds(annotate(result)) == [
        ("replaced", "ab\nmid\nab\n", "mid\n", ["fix", "drop_ads", "drop_ads"]),
        ("kept", "end", "end", []),
    ]


def test_annotate_zero_length_insertions() -> None:
    """An insertion is a replaced segment with an empty `before`."""
    assert _kinds(annotate(Pipeline(EXCLAIM).explain("a\nc"))) == [("kept", "a\nc", "a\nc", []), ("replaced", "", "!", ["exclaim"])]
    assert _kinds(annotate(Pipeline(EXCLAIM).explain("ab\nc"))) == [
        ("kept", "ab", "ab", []),
        ("replaced", "", "z", ["exclaim"]),
        ("kept", "\nc", "\nc", []),
    ]


def test_annotate_no_changes_and_empty_input() -> None:
    """Unchanged text is one kept segment; empty input has no segments."""
    assert _kinds(annotate(Pipeline(DropAds()).explain("a\nb"))) == [("kept", "a\nb", "a\nb", [])]
    assert annotate(Pipeline(DropAds()).explain("")) == []


def test_annotate_everything_removed() -> None:
    """A document whose blocks all go becomes removed segments only."""
    result = Pipeline(DropAds()).explain("Advertisement\n\nQ")
    assert result.text == ""
    assert _kinds(annotate(result)) == [("removed", "Advertisement", "", ["drop_ads"]), ("removed", "\n\nQ", "", ["drop_ads"])]


def test_annotate_rejects_changes_of_another_text() -> None:
    """Changes that do not fit the input raise ReplayError, as replay does."""
    bad = Result("hello", "ello", (Change(filter="f", rule="r", action="remove", start=0, end=1, before="X", after="", reason="why"),), ("f",))
    with pytest.raises(ReplayError, match="does not fit the text"):
        annotate(bad)


LINES = st.sampled_from(["a", "b", "ab", "x", "bx", "Advertisement", "Q", "â€™s", "", " "])
STAGES = [FIX, SHOUT, DropAds(), DropB(), EXCLAIM]


@given(
    lines=st.lists(LINES, max_size=10),
    sep=st.sampled_from(["\n", "\r\n", "\n\n"]),
    order=st.permutations(range(len(STAGES))),
    n=st.integers(1, len(STAGES)),
)
def test_annotate_joins_back_to_input_and_output(lines: list[str], sep: str, order: list[int], n: int) -> None:
    """Property: befores join to the input, afters to the output, and every change is in exactly one segment."""
    result = Pipeline(*(STAGES[i] for i in order[:n])).explain(sep.join(lines))
    segments = annotate(result)
    assert "".join(s.before for s in segments) == result.input
    assert "".join(s.after for s in segments) == result.text == result.replay()
    assert "".join(s.after for s in segments if s.kind != "removed") == result.text
    assert sorted(id(c) for s in segments for c in s.changes) == sorted(id(c) for c in result.changes)
    assert all((s.kind == "kept") == (not s.changes) and (s.kind == "removed") == (bool(s.changes) and not s.after) for s in segments)
    assert [s.start for s in segments[1:]] == [s.end for s in segments[:-1]]
    result_html(result)  # draws every combination without error


@given(text=news_documents())
def test_annotate_on_the_default_pipeline(text: str) -> None:
    """Property: on news-like documents the default pipeline's pieces join back to input and output."""
    result = newsclean.explain(text)
    segments = annotate(result)
    assert "".join(s.before for s in segments) == text
    assert "".join(s.after for s in segments) == result.text


# -- HTML ----------------------------------------------------------------------
def _tree(result: Result) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(result._repr_html_())


def _marked(tree: lxml.html.HtmlElement, tag: str) -> list[tuple[str | None, str]]:
    return [(el.get("data-filter"), el.text_content()) for el in tree.iter(tag)]


def test_html_escapes_article_text_and_reasons() -> None:
    """A <script> in kept or removed text, and quotes in a reason, come out escaped."""
    text = 'Hi <script>alert("x")</script>\nAdvertisement\n<img src=x onerror=alert(1)>'
    raw = result_html(Pipeline(DropAds()).explain(text))
    assert "<script>" not in raw and "<img" not in raw
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in raw
    assert 'title="drop_ads/ad_label (line 2): &#x27;Advertisement&#x27; is a label, not text"' in raw


def test_html_marks_removed_blocks_with_their_filter() -> None:
    """Each removed block is a <del> carrying its filter's name, with the filter/rule label inline."""
    tree = _tree(Pipeline(DropAds(), DropB()).explain("p1\nAdvertisement\nb\np2"))
    assert _marked(tree, "del") == [("drop_ads", "Advertisement\n"), ("drop_b", "b\n")]
    kinds = [(el.get("data-kind"), el.get("data-filter")) for el in tree.iter("span") if el.get("data-kind")]
    assert kinds == [("removed", "drop_ads"), ("removed", "drop_b")]
    assert "drop_ads/ad_label" in tree.text_content() and "drop_b/letter_b" in tree.text_content()


def test_html_labels_a_run_of_one_rule_once() -> None:
    """Consecutive blocks removed by the same rule get one inline label, each keeps its hover reason."""
    raw = result_html(Pipeline(DropAds()).explain("p1\nAdvertisement\nQ\nAdvertisement\np2"))
    assert raw.count(">drop_ads/ad_label</span>") == 1
    assert raw.count('title="drop_ads/ad_label') == 3


def test_html_trailing_removal_puts_the_label_after_the_line_break() -> None:
    """A removed last block starts with its separator, struck on its own, so the label sits on the block's line."""
    tree = _tree(Pipeline(DropAds()).explain("p1\nAdvertisement"))
    assert _marked(tree, "del") == [("drop_ads", "\n"), ("drop_ads", "Advertisement")]


def test_html_shows_rewrites_before_and_after() -> None:
    """A rewrite shows only the characters that changed: old struck, new inserted, in the filter's colour."""
    tree = _tree(Pipeline(FIX).explain("The mayorâ€™s office"))
    assert _marked(tree, "del") == [("fix", "â€™")]
    assert _marked(tree, "ins") == [("fix", "’")]
    assert "fix/function" in tree.text_content()
    box = tree.xpath("./div")[1]
    assert box.text_content() == "The mayorfix/functionâ€™\u2192’s office"
    assert f"rgb({filter_colours(['fix'])['fix']})" in lxml.html.tostring(tree, encoding="unicode")


def test_html_header_counts_blocks_per_filter() -> None:
    """The header line gives removals and rewrites per filter, in pipeline order, and the sizes."""
    result = Pipeline(FIX, DropAds(), DropB()).explain("x â€™\nAdvertisement\nb\nQ\nend")
    header = _tree(result).xpath("./div")[0]
    assert header.text_content() == "newsclean · fix: 1 rewritten · drop_ads: 2 removed · drop_b: 1 removed · 27 → 7 chars"
    assert [el.get("data-filter") for el in header.iter("span")] == ["fix", "drop_ads", "drop_b"]


def test_html_header_no_changes_and_drop_reason() -> None:
    """An untouched text says 'no changes'; a dropped one shows why."""
    assert _tree(Pipeline(DropAds()).explain("calm")).xpath("./div")[0].text_content() == "newsclean · no changes · 4 → 4 chars"
    dropped = _tree(Pipeline(DropAds()).explain("Advertisement")).xpath("./div")[0].text_content()
    assert dropped == "newsclean · drop_ads: 1 removed · 13 → 0 chars · drop: empty"


def test_html_change_table_lists_records_and_is_bounded() -> None:
    """The fold-out table has one row per change, capped at 200 with a count of the rest."""
    tree = _tree(Pipeline(DropAds()).explain("p\nAdvertisement\nQ"))
    rows = [[td.text_content() for td in tr.iter("td")] for tr in tree.iter("tr") if tr.find("td") is not None]
    assert rows == [
        ["drop_ads", "ad_label", "2", "remove", "Advertisement", "'Advertisement' is a label, not text"],
        ["drop_ads", "ad_label", "3", "remove", "Q", "'Q' is a label, not text"],
    ]
    many = result_html(Pipeline(DropAds()).explain("\n".join(["p"] + ["Q"] * 250)))
    assert many.count("<tr><td>drop_ads</td>") == 200 and "and 50 more" in many


def test_html_falls_back_when_changes_do_not_fit() -> None:
    """A result whose changes belong to another text still shows its output text, with a note, escaped."""
    bad = Result("<b>", "<i>", (Change(filter="f", rule="r", action="replace", start=0, end=1, before="X", after="Y", reason="why"),), ("f",))
    raw = result_html(bad)
    assert "does not fit the text" in raw and "&lt;i&gt;" in raw and "<i>" not in raw


def test_filter_colours_fixed_for_built_ins_distinct_for_others() -> None:
    """Built-ins keep their colour; other filters take distinct palette colours in pipeline order."""
    colours = filter_colours(["mojibake", "fix", "double_post", "drop_ads", "fix"])
    assert colours == {"mojibake": "142, 68, 173", "fix": "192, 57, 43", "double_post": "36, 113, 163", "drop_ads": "160, 110, 0"}
    raw = result_html(Pipeline(FIX, DropAds()).explain("Advertisement\nâ€™"))
    assert 'data-filter="drop_ads" style="background: rgba(160, 110, 0, 0.16)' in raw
    assert 'data-filter="fix" style="background: rgba(192, 57, 43, 0.16)' in raw


# -- with the built-in filters (these depend on the real filters) ---------------
def test_reference_example_display_maps_back() -> None:
    """On the reference example, the display's pieces join back to input and output exactly."""
    text = (FIXTURES / "seeds" / "rafah_double_post.txt").read_text(encoding="utf-8")
    result = newsclean.explain(text)
    segments = annotate(result)
    assert "".join(s.before for s in segments) == text
    assert "".join(s.after for s in segments) == result.text


def test_reference_example_display_strikes_the_copy_and_the_loader() -> None:
    """Real filters: the ASCII copy is struck as double_post, the trailing 'Loading…' as placeholders."""
    text = (FIXTURES / "seeds" / "rafah_double_post.txt").read_text(encoding="utf-8")
    expected = (FIXTURES / "seeds" / "rafah_double_post.expected.txt").read_text(encoding="utf-8")
    result = newsclean.explain(text)
    assert result.text == expected
    struck = [(s.change.filter, s.before.strip()) for s in annotate(result) if s.kind == "removed" and s.change]
    assert struck[-1] == ("placeholders", "Loading…")
    assert {f for f, _ in struck[:-1]} == {"double_post"}
    assert "\n".join(b for _, b in struck[:-1]) == "\n".join(text.split("\n")[:18])
    tree = lxml.html.fragment_fromstring(result._repr_html_())
    assert ("placeholders", "Loading…") in _marked(tree, "del")


def test_label_is_just_the_filter_when_the_rule_has_its_name() -> None:
    """A rule named like its filter (mojibake/mojibake) is labelled once: 'mojibake'."""
    change = Change(filter="mojibake", rule="mojibake", action="replace", start=0, end=2, before="Ã©", after="é", reason="why")
    raw = result_html(Result("Ã©", "é", (change,), ("mojibake",)))
    assert ">mojibake</span>" in raw and "mojibake/mojibake<" not in raw
