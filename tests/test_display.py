"""Tests for the in-place view of a result: annotate() and the notebook HTML."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean import BlockFilter, Change, Document, Edit, FunctionFilter, Pipeline, ReplayError, Result
from newsclean._display.result import Limits, Segment, annotate, change_groups, filter_colours, result_html
from tests._display_helpers import DropAds, copied_while
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


# -- linear work (issue 23 item 7: the display copied the rest of the document per change) --
def _ads(n: int) -> str:
    return "\n".join(f"Paragraph number {i} of the story.\nAdvertisement" for i in range(n))


@pytest.mark.parametrize("draw", [annotate, result_html], ids=["annotate", "result_html"])
def test_display_work_is_linear_in_the_number_of_changes(draw: object) -> None:
    """Characters copied out of the input grow 4x for 4x the removals, and stay near twice the input."""
    copied = {}
    for n in (1000, 4000):
        text = _ads(n)
        result = Pipeline(DropAds()).explain(text)
        assert len(result.changes) == n
        copied[n] = copied_while(lambda s: draw(Result(s, result.text, result.changes, result.filters)), text)  # type: ignore[operator]
        assert copied[n] <= 3 * len(text)
    assert copied[4000] <= 4.2 * copied[1000]


# -- HTML ----------------------------------------------------------------------
def _tree(result: Result, limits: Limits | None = None) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(result_html(result, limits=limits))


def _cards(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return tree.xpath(".//div[@data-role='change']")


def _text(el: lxml.html.HtmlElement) -> str:
    """The element's text with every run of whitespace, and every element boundary, as one space."""
    return " ".join(" ".join(el.itertext()).split())


def test_html_escapes_article_text_and_reasons() -> None:
    """A <script> in kept or removed text, and quotes in a reason, come out escaped; there is no script at all."""
    text = 'Hi <script>alert("x")</script>\nAdvertisement\n<img src=x onerror=alert(1)>'
    raw = result_html(Pipeline(DropAds()).explain(text))
    assert "<script" not in raw and "<img" not in raw and "onerror=alert(1)>" not in raw
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in raw
    assert "&#x27;Advertisement&#x27; is a label, not text" in raw


def test_html_header_counts_per_filter_and_places() -> None:
    """The header gives removals and rewrites per filter in pipeline order, the number of places, and the sizes."""
    result = Pipeline(FIX, DropAds(), DropB()).explain("x â€™\nAdvertisement\nb\nQ\nend")
    header = _tree(result).xpath(".//div[@data-role='header']")[0]
    assert _text(header) == "newsclean · fix : 1 rewritten drop_ads : 2 removed drop_b : 1 removed · 4 places · 27 → 7 chars"
    assert [el.get("data-filter") for el in header.iter("span")] == ["fix", "drop_ads", "drop_b"]


def test_html_header_no_changes_and_drop_reason() -> None:
    """An untouched text says 'no changes' and folds the text away; a dropped one shows why."""
    calm = _tree(Pipeline(DropAds()).explain("calm\nday"))
    assert _text(calm.xpath(".//div[@data-role='header']")[0]) == "newsclean · no changes · 8 → 8 chars"
    assert [_text(d) for d in calm.iter("details")] == ["⋯ 2 unchanged lines (lines 1–2) calm day"]
    dropped = _text(_tree(Pipeline(DropAds()).explain("Advertisement")).xpath(".//div[@data-role='header']")[0])
    assert dropped == "newsclean · drop_ads : 1 removed · 1 place · 13 → 0 chars · drop : empty"


def test_html_one_card_per_group_with_its_reason_once() -> None:
    """Three adjacent removals by one rule and reason are one card that states the reason once."""
    result = Pipeline(DropB()).explain("p1\nb\nB\nb\np2\nmid\nb\nend")
    tree = _tree(result)
    cards = _cards(tree)
    assert len(cards) == 2
    assert [_text(r) for r in cards[0].xpath(".//div[@data-role='reason']")] == ["drop_b/letter_b a lone b"]
    assert result_html(result).count("a lone b") == 2  # once per card, never per line
    assert [(d.get("data-filter"), d.text_content()) for d in cards[0].iter("del")] == [("drop_b", "b\n"), ("drop_b", "B\n"), ("drop_b", "b")]
    assert _text(cards[0]).startswith("#1 removed lines 2–4, removed, 3 chars")


def test_html_removed_text_is_not_struck_and_is_labelled() -> None:
    """Removed text keeps its characters readable: no line-through anywhere, a 'removed' label instead."""
    raw = result_html(Pipeline(DropAds()).explain("p1\nAdvertisement\np2"))
    assert "line-through" not in raw and "underline" not in raw
    card = _cards(lxml.html.fragment_fromstring(raw))[0]
    assert card.xpath(".//span[text()='removed']")
    assert [d.text_content() for d in card.iter("del")] == ["Advertisement"]


def test_html_jump_links_lead_to_each_change_in_order() -> None:
    """Each header link targets the id of its card, in document order."""
    tree = _tree(Pipeline(DropAds()).explain("a\nAdvertisement\nb\nc\nd\ne\nf\nQ\ng"))
    links = [a.get("href") for a in tree.xpath(".//ol[@data-role='toc']//a")]
    ids = ["#" + card.get("id") for card in _cards(tree)]
    assert links == ids and len(ids) == 2
    assert [_text(li) for li in tree.xpath(".//ol[@data-role='toc']/li")] == [
        "#1 line 2 drop_ads/ad_label removed: Advertisement",
        "#2 line 8 drop_ads/ad_label removed: Q",
    ]


def test_html_context_around_changes_and_the_rest_folded() -> None:
    """Two lines of context each side of a change; other unchanged lines fold into closed <details>."""
    lines = [f"line {i}" for i in range(1, 21)]
    lines[9] = "Advertisement"
    tree = _tree(Pipeline(DropAds()).explain("\n".join(lines)))
    order = [(el.get("data-role"), _text(el)) for el in tree.xpath("./*[@data-role!='header' and @data-role!='toc']")]
    assert order == [
        ("unchanged", "⋯ 7 unchanged lines (lines 1–7) line 1 line 2 line 3 line 4 line 5 line 6 line 7"),
        ("context", "line 8 line 9"),
        ("change", "#1 removed line 10, removed, 13 chars drop_ads/ad_label 'Advertisement' is a label, not text Advertisement"),
        ("context", "line 11 line 12"),
        ("unchanged", "⋯ 8 unchanged lines (lines 13–20) " + " ".join(f"line {i}" for i in range(13, 21))),
    ]
    assert all(d.get("open") is None for d in tree.iter("details"))


def test_html_change_at_the_end_of_a_long_document_comes_first() -> None:
    """In a long document the only change is the first card, after one fold and its context."""
    text = "\n".join([f"Sentence {i} of a long article that goes on." for i in range(2000)] + ["Advertisement", "The end."])
    tree = _tree(Pipeline(DropAds()).explain(text))
    roles = [el.get("data-role") for el in tree.xpath("./*")]
    assert roles == ["header", "toc", "unchanged", "context", "change", "context"]
    fold = tree.xpath("./details")[0]
    assert "characters not shown (long document)" in fold.text_content()
    assert len(fold.text_content()) < 21000


def test_html_shows_rewrites_before_and_after() -> None:
    """A rewrite shows only the characters that changed, boxed: old -> new, in the filter's colour."""
    tree = _tree(Pipeline(FIX).explain("The mayorâ€™s office"))
    card = _cards(tree)[0]
    assert [(d.get("data-filter"), d.text_content()) for d in card.iter("del")] == [("fix", "â€™")]
    assert [(d.get("data-filter"), d.text_content()) for d in card.iter("ins")] == [("fix", "’")]
    assert card.xpath("./div")[-1].text_content() == "The mayorâ€™ → ’s office"
    assert f"rgba({filter_colours(['fix'])['fix']}, 0.3)" in lxml.html.tostring(card, encoding="unicode")


def test_change_groups_join_one_rule_across_line_breaks_only() -> None:
    """Removals by one rule on adjacent lines are one group; unchanged text between splits them."""
    segments = annotate(Pipeline(DropB(), DropAds()).explain("b\nB\nAdvertisement\nx\nb"))
    assert [(g.key[:2], [s.before for s in g.changed]) for g in change_groups(segments)] == [
        (("drop_b", "letter_b"), ["b\n", "B\n"]),
        (("drop_ads", "ad_label"), ["Advertisement\n"]),
        (("drop_b", "letter_b"), ["\nb"]),
    ]


def test_html_caps_hundreds_of_changes_and_says_so() -> None:
    """Past the cap, cards stop and a note says how many places are left; the HTML size stops growing."""
    def many(n: int) -> str:
        return result_html(Pipeline(DropAds()).explain("\n".join(f"p{i}\nAdvertisement" for i in range(n))))

    small, big = many(250), many(2500)
    tree = lxml.html.fragment_fromstring(big)
    assert len(_cards(tree)) == 40 and len(tree.xpath(".//ol[@data-role='toc']/li")) == 40
    notes = [_text(el) for el in tree.xpath(".//*[@data-role='capped']")]
    assert notes[0] == "Showing the first 40 of 2500 places; 2,460 more changes are in result.changes ."
    assert notes[1].startswith("… 2460 more places and")
    assert len(big) < 1.1 * len(small)


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
    assert 'data-filter="drop_ads" style="text-decoration: none; background: rgba(160, 110, 0, 0.18)' in raw
    assert 'data-filter="fix" style="text-decoration: none; background: rgba(192, 57, 43, 0.12)' in raw


# -- with the built-in filters (these depend on the real filters) ---------------
def _reference() -> tuple[str, Result]:
    text = (FIXTURES / "seeds" / "rafah_double_post.txt").read_text(encoding="utf-8")
    return text, newsclean.explain(text)


def test_reference_example_display_maps_back() -> None:
    """On the reference example, the display's pieces join back to input and output exactly."""
    text, result = _reference()
    segments = annotate(result)
    assert "".join(s.before for s in segments) == text
    assert "".join(s.after for s in segments) == result.text


def test_reference_example_removals_are_the_copy_and_the_loader() -> None:
    """Real filters: the ASCII copy is removed as double_post, the trailing 'Loading…' as placeholders."""
    text, result = _reference()
    expected = (FIXTURES / "seeds" / "rafah_double_post.expected.txt").read_text(encoding="utf-8")
    assert result.text == expected
    struck = [(s.change.filter, s.before.strip()) for s in annotate(result) if s.kind == "removed" and s.change]
    assert struck[-1] == ("placeholders", "Loading…")
    assert {f for f, _ in struck[:-1]} == {"double_post"}
    assert "\n".join(b for _, b in struck[:-1]) == "\n".join(text.split("\n")[:18])


def test_reference_example_display_leads_with_both_groups_and_the_differences() -> None:
    """Two cards (the copy, the loader), each reason once, the kept copy beside the removed one, differences named."""
    _, result = _reference()
    raw = result_html(result)
    tree = lxml.html.fragment_fromstring(raw)
    cards = _cards(tree)
    assert [c.get("data-filter") for c in cards] == ["double_post", "placeholders"]
    for change in (result.changes[0], result.changes[-1]):
        assert raw.count(html.escape(change.reason, quote=True)) == 1
    heads = [_text(th) for th in cards[0].iter("th")]
    assert heads == ["removed copy lines 1–18", "kept copy lines 19–36"]
    differences = _text(cards[0].xpath(".//div[@data-role='differences']")[0])
    assert differences == 'removed → kept: " → “ ×7 " → ” ×7 \' → ’ ×6 - → – ×5 \' → ‘ ×2 ... → … ×1 ↕ 2 lines in another order'
    rows = cards[0].xpath(".//tr[td]")
    assert len(rows) == 18
    assert [m.text_content() for m in rows[0].xpath("./td[1]//mark")] == ['"', '"', "'"]
    assert [m.text_content() for m in rows[0].xpath("./td[2]//mark")] == ["“", "”", "’"]
    moved = [i + 1 for i, row in enumerate(rows) if row.xpath(".//span[@data-role='moved']")]
    assert moved == [15, 16]
    assert [d.text_content() for d in cards[1].iter("del")] == ["Loading…"]


def test_label_is_just_the_filter_when_the_rule_has_its_name() -> None:
    """A rule named like its filter (mojibake/mojibake) is labelled once: 'mojibake'."""
    change = Change(filter="mojibake", rule="mojibake", action="replace", start=0, end=2, before="Ã©", after="é", reason="why")
    raw = result_html(Result("Ã©", "é", (change,), ("mojibake",)))
    assert ">mojibake</span>" in raw and "mojibake/mojibake<" not in raw
    assert "Ã©</del>" in raw and "é</ins>" in raw


def test_reference_example_marks_the_kept_copy_in_the_text() -> None:
    """Unchanged lines that are the kept copy say so: in context lines and in the fold's summary."""
    _, result = _reference()
    tree = lxml.html.fragment_fromstring(result_html(result))
    kept = tree.xpath(".//span[@data-role='kept-copy']")
    assert [k.get("title") for k in kept] == ["the kept copy of #1"] * 4  # lines 19-20 after #1, 35-36 before #2
    assert kept[0].text_content().startswith("US Secretary of State Antony Blinken said he has voiced “concerns”")
    assert [_text(s) for s in tree.xpath(".//details[@data-role='unchanged']/summary")] == [
        "⋯ 14 unchanged lines (lines 21–34) · includes the kept copy of #1"
    ]


def test_html_caps_a_huge_context_line() -> None:
    """A context line of a million characters is drawn as its head and tail with a note."""
    text = "x" * 1_000_000 + "\nAdvertisement\nend"
    context = _tree(Pipeline(DropAds()).explain(text)).xpath(".//div[@data-role='context']")[0]
    assert len(context.text_content()) < 13_000
    assert "988,000 characters not shown (long document)" in context.text_content()


def test_html_draws_invisible_characters_of_a_repair_as_labels() -> None:
    """A repair that removes C1 controls or puts back a no-break space shows them as labels, not empty boxes."""
    change = Change(filter="mojibake", rule="mojibake", action="replace", start=1, end=4, before="â\x80\x99", after="\u00a0", reason="why")
    card = _cards(_tree(Result("xâ\x80\x99y", "x\u00a0y", (change,), ("mojibake",))))[0]
    assert [_text(d) for d in card.iter("del")] == ["â U+0080 U+0099"]
    assert [_text(d) for d in card.iter("ins")] == ["NBSP"]
    assert [s.get("title") for s in card.xpath(".//del/span | .//ins/span")] == ["U+0080", "U+0099", "U+00A0"]
