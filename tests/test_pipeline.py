"""Tests for pipelines: composition, editing by name, errors, pickling and extension."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import BlockFilter, ConfigurationError, Document, Edit, FunctionFilter, Pipeline
from tests._checks import stepped
from tests.strategies import duplicate_shapes, news_documents


@dataclass(frozen=True, kw_only=True)
class DropBylines(BlockFilter):
    """A user filter written against the documented protocol."""

    name = "drop_bylines"
    prefix: str = "By "

    def edits(self, doc: Document) -> Iterator[Edit]:
        for i, block in enumerate(doc.blocks):
            if block.text.startswith(self.prefix):
                yield Edit(i, "byline", "a byline, not article text", data={"prefix": self.prefix})


def shout(text: str) -> str:
    return text.upper()


def test_default_pipeline_order_is_data() -> None:
    """The default pipeline runs the built-ins in the documented order."""
    assert newsclean.default_pipeline().names == newsclean.DEFAULT_FILTERS
    assert newsclean.DEFAULT_FILTERS == ("mojibake", "placeholders", "furniture", "double_post", "embeds")


def test_nested_pipelines_flatten() -> None:
    """A pipeline inside a pipeline is one flat list."""
    inner = Pipeline(DropBylines(), FunctionFilter(shout, name="shout"))
    outer = Pipeline(newsclean.default_pipeline().without("embeds"), inner)
    assert outer.names == ("mojibake", "placeholders", "furniture", "double_post", "drop_bylines", "shout")


def test_duplicate_names_are_rejected() -> None:
    """Two filters with one name raise a configuration error naming them."""
    with pytest.raises(ConfigurationError, match="'drop_bylines' appears twice"):
        Pipeline(DropBylines(), DropBylines(prefix="Von "))


@pytest.mark.parametrize("method", ["without", "replace", "insert_before", "insert_after", "__getitem__"])
def test_unknown_names_list_the_known_ones(method: str) -> None:
    """Editing by an unknown name raises and lists the names that exist."""
    pipeline = newsclean.default_pipeline()
    args = ("nope",) if method in ("without", "__getitem__") else ("nope", DropBylines())
    with pytest.raises(ConfigurationError, match="no filter named 'nope'; this pipeline has: mojibake, placeholders, furniture, double_post, embeds"):
        getattr(pipeline, method)(*args)


def test_editing_returns_new_pipelines() -> None:
    """without/replace/insert_* return new pipelines and leave the original as it was."""
    base = newsclean.default_pipeline()
    assert base.insert_before("double_post", DropBylines()).names == (
        "mojibake", "placeholders", "furniture", "drop_bylines", "double_post", "embeds")
    assert base.insert_after("embeds", shout).names[-1] == "shout"
    assert base.replace("embeds", DropBylines()).names == (
        "mojibake", "placeholders", "furniture", "double_post", "drop_bylines")
    assert base.names == newsclean.DEFAULT_FILTERS


def test_plain_functions_become_filters() -> None:
    """A named str -> str function is wrapped as a filter; a lambda needs a name."""
    assert Pipeline(shout)("a\nb") == "A\nB"
    with pytest.raises(ConfigurationError, match="FunctionFilter"):
        Pipeline(lambda s: s)


def test_function_filter_records_the_smallest_span() -> None:
    """A function's rewrite is recorded as the span that differs, and replays."""
    def fix_typo(text: str) -> str:
        return text.replace("teh", "the")

    result = Pipeline(fix_typo).explain("Read teh story.\nEnd.")
    (change,) = result.changes
    assert (change.filter, change.start, change.before, change.after) == ("fix_typo", 6, "eh", "he")
    assert result.replay() == result.text == "Read the story.\nEnd."


def test_function_filter_must_return_str() -> None:
    """A function that returns something else fails clearly."""
    def broken(text: str) -> str:
        return None  # type: ignore[return-value]

    with pytest.raises(TypeError, match=r"broken\(\) must return a str"):
        Pipeline(broken)("x")


def test_user_block_filter_explains_itself() -> None:
    """A BlockFilter subclass gets change records and replay for free."""
    result = Pipeline(DropBylines()).explain("By Jane Doe\n\nThe story.")
    assert result.text == "The story."
    (change,) = result.changes
    assert (change.filter, change.rule, change.block, change.data) == ("drop_bylines", "byline", "By Jane Doe", {"prefix": "By "})


def test_pipelines_pickle_and_compare() -> None:
    """Pipelines of built-in and module-level filters pickle and compare equal."""
    pipeline = Pipeline(newsclean.default_pipeline(), DropBylines(), FunctionFilter(shout, name="shout"))
    clone = pickle.loads(pickle.dumps(pipeline))
    assert clone == pipeline and hash(clone) == hash(pipeline)
    assert clone("By x\nhello") == "HELLO"


def test_repr_lists_the_filters() -> None:
    """The repr shows each filter with its options."""
    assert repr(Pipeline(DropBylines(prefix="Von "))) == "Pipeline(DropBylines(prefix='Von '))"


def test_everything_removed_gives_empty_text_and_a_drop_reason() -> None:
    """A document whose every block goes cleans to '' and the result says why."""
    result = Pipeline(DropBylines()).explain("By A\nBy B\n")
    assert (result.text, result.dropped, result.drop_reason) == ("", True, "empty")


def test_empty_input_is_not_dropped() -> None:
    """Empty input has nothing to clean and nothing to drop."""
    result = Pipeline(DropBylines()).explain("")
    assert (result.text, result.changed, result.drop_reason) == ("", False, None)


@pytest.mark.parametrize("bad", [None, b"bytes", 3, ["list"]], ids=["None", "bytes", "int", "list"])
def test_wrong_types_raise_type_error(bad: object) -> None:
    """clean/explain/pipelines/filters raise TypeError naming what to pass."""
    for func in (newsclean.clean, newsclean.explain, Pipeline(DropBylines()), DropBylines()):
        with pytest.raises(TypeError, match="needs a str"):
            func(bad)  # type: ignore[operator]


def test_bytes_error_points_to_decode_and_clean_html() -> None:
    """Passing bytes says to decode first or use clean_html."""
    with pytest.raises(TypeError, match=r"clean\(\) needs a str, got bytes; decode it first .*clean_html"):
        newsclean.clean(b"x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bad", "hint"),
    [(float("nan"), r"NaN is how pandas marks a missing value"), (["a", "b"], r"one document at a time"),
     (("a",), r"one document at a time")],
    ids=["nan", "list", "tuple"],
)
def test_type_error_hints_for_missing_values_and_collections(bad: object, hint: str) -> None:
    """NaN says it is pandas' missing value; a list or tuple says to pass one document at a time."""
    with pytest.raises(TypeError, match=hint):
        newsclean.clean(bad)  # type: ignore[arg-type]


def test_filter_by_name_and_import_path() -> None:
    """Filters are built by built-in name or import path; unknown names list the known ones."""
    assert newsclean.filter_by_name("tests.test_pipeline:DropBylines").name == "drop_bylines"
    with pytest.raises(ConfigurationError, match="unknown filter 'nope'; known filters: mojibake, placeholders"):
        newsclean.filter_by_name("nope")


def test_a_big_input_leaves_the_garbage_collector_as_it_found_it() -> None:
    """The collector paused for a big document is running again afterwards, and one the caller paused stays paused."""
    import gc

    from newsclean._core.pipeline import GC_PAUSE_CHARS

    text = ("A line of the story.\n" * (GC_PAUSE_CHARS // 20 + 1)) + "Advertisement"
    assert gc.isenabled()
    assert newsclean.clean(text) == text[: -len("\nAdvertisement")]
    assert gc.isenabled()
    gc.disable()
    try:
        newsclean.clean(text)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_pipeline_reaches_its_fixed_point_in_one_call() -> None:
    """When a later filter's removal lets an earlier one find more, the pipeline runs again: clean(clean(x)) == clean(x)."""
    prose = "The council met on Tuesday and argued for three hours about the budget."
    # `Video` is decided by its neighbours: it stays beside `Read more:`, and goes once furniture took the teaser
    text = "\n".join([prose, "Video", "Read more:", "Mayor resigns after vote", "Follow us on Twitter", prose])
    result = newsclean.explain(text)
    assert result.text == f"{prose}\n{prose}"
    assert newsclean.clean(result.text) == result.text
    assert max(c.round for c in result.changes) == 2
    assert result.replay() == result.text
    assert [c.to_dict().get("round", 1) for c in result.changes][-1] == 2


def test_a_pipeline_with_a_plain_function_runs_once() -> None:
    """A plain str -> str function need not be idempotent, so a pipeline holding one runs a single round."""

    def add_mark(text: str) -> str:
        return text + "!"

    assert Pipeline(add_mark)("Hi") == "Hi!"
    assert Pipeline(newsclean.PlaceholderFilter(), add_mark)("Hi\nAdvertisement") == "Hi!"


# Lines whose fate depends on their neighbours (ambiguous labels, headline lists, teasers) mixed with
# prose, tweets and separators: the shapes where one filter's removal gives another more to find.
_NEIGHBOURLY = [
    "Most Viewed", "Most popular", "Related stories", "Read more:", "You may also like", "Storm hits the coast",
    "Mayor resigns after vote", "Advertisement", "Share this story", "Sign up for our newsletter", "Video",
    "Loading…", "Ad", "Werbung", "Miete", "See also", "Follow us on Twitter", "Q:", "A:", "More:", "* * *",
    "The council met on Tuesday and argued for three hours about the budget.",
    "Volunteers filled sandbags until dawn.", "Rain warning.", "— Met Office (@metoffice) May 1, 2024",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NEIGHBOURLY), min_size=1, max_size=10), st.sampled_from(["\n", "\n\n"]))
def test_default_pipeline_is_idempotent_where_neighbours_decide(lines: list[str], sep: str) -> None:
    """clean(clean(x)) == clean(x), and the changes replay, on documents built from neighbour-dependent lines."""
    result = newsclean.explain(sep.join(lines))
    assert newsclean.clean(result.text) == result.text
    assert result.replay() == result.text


def test_a_round_skips_the_filters_that_already_left_the_document_unchanged() -> None:
    """Round 2 runs only the filters before the last change of round 1; the output is the same fixed point."""
    from newsclean import BlockFilter, Edit

    calls: list[str] = []

    class Count(BlockFilter):
        def __init__(self, name: str, drop: str | None = None) -> None:
            self.name, self.drop = name, drop

        def edits(self, doc: Document) -> list[Edit]:
            calls.append(self.name)
            return [Edit(i, "drop", "test") for i, b in enumerate(doc.blocks) if b.text == self.drop]

    pipeline = newsclean.Pipeline(Count("first"), Count("dropper", "Advertisement"), Count("last"))
    assert pipeline("Story.\nAdvertisement\nEnd.") == "Story.\nEnd."
    assert calls == ["first", "dropper", "last", "first", "dropper"]
    calls.clear()
    assert pipeline("Story.\nEnd.") == "Story.\nEnd."
    assert calls == ["first", "dropper", "last"]


class _Count(BlockFilter):
    """Drops (or rewrites) the blocks that read *drop*; notes each run in *calls*, and each question in *asked*."""

    def __init__(self, calls: list[str], name: str, drop: str | None = None, *, blockwise: bool = False,
                 rewrite: bool = False, stays: bool = False, asked: list[str] | None = None) -> None:
        self.calls, self.name, self.drop, self.blockwise = calls, name, drop, blockwise
        self.rewrite, self.stays, self.asked = rewrite, stays, asked

    def edits(self, doc: Document) -> list[Edit]:
        self.calls.append(self.name)
        hits = [i for i, b in enumerate(doc.blocks) if b.text == self.drop]
        return [Edit(i, "drop", "test", "Rewritten." if self.rewrite else None) for i in hits]

    def stays_settled(self, doc: Document) -> bool:
        if self.asked is not None:
            self.asked.append(self.name)
        return self.stays


def test_a_blockwise_filter_is_not_run_again_after_removals_alone() -> None:
    """A filter that decides each block alone stays settled when a later one only removed blocks, not after a rewrite."""
    calls: list[str] = []

    def Count(name: str, drop: str | None = None, blockwise: bool = False, rewrite: bool = False) -> _Count:
        return _Count(calls, name, drop, blockwise=blockwise, rewrite=rewrite)

    pipeline = Pipeline(Count("local", blockwise=True), Count("dropper", "Advertisement"), Count("last"))
    assert pipeline("Story.\nAdvertisement\nEnd.") == "Story.\nEnd."
    assert calls == ["local", "dropper", "last", "dropper"]
    calls.clear()
    pipeline = Pipeline(Count("local", blockwise=True), Count("rewriter", "Advertisement", rewrite=True), Count("last"))
    assert pipeline("Story.\nAdvertisement\nEnd.") == "Story.\nRewritten.\nEnd."
    assert calls == ["local", "rewriter", "last", "local", "rewriter"]


def test_a_filter_applied_to_another_text_during_the_run_tells_the_pipeline_nothing_of_it() -> None:
    """What a filter tells the pipeline comes from the pipeline's own runs of it, not from a run of it on a snippet in between."""
    placeholders = newsclean.PlaceholderFilter()

    class DropItems(BlockFilter):
        name = "drop_items"

        def edits(self, doc: Document) -> list[Edit]:
            placeholders.apply("Just a sentence.")  # the same filter, on another text, during the run
            return [Edit(i, "item", "test") for i, b in enumerate(doc.blocks) if b.text.startswith("- ")]

    text = "Story one is here.\n- apples\nAdvertisement\n- pears\nEnd of story."
    # the label stands in a list and stays in round 1; once the items are gone it goes in round 2
    assert Pipeline(placeholders, DropItems())(text) == "Story one is here.\nEnd of story."


def test_a_filter_that_says_it_stays_settled_is_not_run_again_after_removals() -> None:
    """BlockFilter.stays_settled: asked after a later filter's removals alone (not after a rewrite), never of a blockwise one."""
    calls: list[str] = []
    asked: list[str] = []

    def Count(name: str, drop: str | None = None, stays: bool = False, rewrite: bool = False) -> _Count:
        return _Count(calls, name, drop, rewrite=rewrite, stays=stays, asked=asked)

    pipeline = Pipeline(Count("sure", stays=True), Count("unsure"), Count("dropper", "Advertisement"), Count("last"))
    assert pipeline("Story.\nAdvertisement\nEnd.") == "Story.\nEnd."
    assert calls == ["sure", "unsure", "dropper", "last", "unsure", "dropper"]
    assert asked == ["sure", "unsure"]
    calls.clear()
    pipeline = Pipeline(Count("sure", stays=True), Count("rewriter", "Advertisement", rewrite=True), Count("last"))
    assert pipeline("Story.\nAdvertisement\nEnd.") == "Story.\nRewritten.\nEnd."
    assert calls == ["sure", "rewriter", "last", "sure", "rewriter"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_NEIGHBOURLY, "CafÃ© in MÃ¼nchen", "The mayorâ€™s office said no.", "Café"]),
                min_size=1, max_size=10), st.sampled_from(["\n", "\n\n"]))
def test_skipping_the_blockwise_mojibake_filter_changes_nothing(lines: list[str], sep: str) -> None:
    """The default pipeline gives the same text and records whether or not mojibake may stay settled after removals."""
    text = sep.join(lines)
    result = newsclean.explain(text)
    mojibake = newsclean.MojibakeFilter()
    object.__setattr__(mojibake, "blockwise", False)  # this instance: always run again
    always = newsclean.default_pipeline().replace("mojibake", mojibake).apply(text)
    assert (result.text, result.changes) == (always.text, always.changes)


def test_an_idempotent_filter_is_not_run_again_after_its_own_changes() -> None:
    """A filter that finds nothing in its own output stays settled after its change, until another filter changes the text."""
    calls: list[str] = []

    class Count(BlockFilter):
        def __init__(self, name: str, drop: str | None = None, idempotent: bool = False) -> None:
            self.name, self.drop, self.idempotent = name, drop, idempotent

        def edits(self, doc: Document) -> list[Edit]:
            calls.append(self.name)
            return [Edit(i, "drop", "test") for i, b in enumerate(doc.blocks) if b.text == self.drop]

    pipeline = Pipeline(Count("first"), Count("dropper", "Advertisement", idempotent=True), Count("last"))
    assert pipeline("Story.\nAdvertisement\nEnd.") == "Story.\nEnd."
    assert calls == ["first", "dropper", "last", "first"]  # without the promise: "dropper" runs again too
    calls.clear()
    pipeline = Pipeline(Count("early", "Advertisement", idempotent=True), Count("late", "Loading…", idempotent=True))
    assert pipeline("Story.\nAdvertisement\nLoading…\nEnd.") == "Story.\nEnd."
    assert calls == ["early", "late", "early"]  # another filter's change: run again


@settings(max_examples=300, deadline=None)
@given(duplicate_shapes())
def test_leaving_the_embeds_filter_settled_after_its_own_changes_changes_nothing(text: str) -> None:
    """The default pipeline gives the same text and records whether or not embeds may stay settled."""
    result = newsclean.explain(text)
    step = newsclean.default_pipeline()["embeds"]
    object.__setattr__(step, "idempotent", False)  # this instance: always run again after its own changes
    again = newsclean.default_pipeline().replace("embeds", step).apply(text)
    assert (result.text, result.changes) == (again.text, again.changes)


def test_a_pipeline_holds_one_full_text_at_a_time() -> None:
    """Each filter's output text is joined when the next filter reads it, after the text before it is gone.

    A 1.8 MB document with a character outside the BMP (so Python stores it in 4 bytes a character)
    from which two filters remove lines: the peak added by clean() was 15.7x its UTF-8 size while
    each new text was built beside the one before, and is 11.8x now.
    """
    import gc
    import tracemalloc

    lines = []
    for i in range(20_000):
        lines.append(f"Paragraph {i} of the report, with enough words to be a sentence of real prose in it.")
        if i % 10 == 0:
            lines.append("Advertisement")
        if i % 25 == 0:
            lines.append("Sign up for our newsletter")
    text = "\n\n".join([*lines, "The end 😀"])
    newsclean.clean(text[:5_000])  # compiled patterns and lazy imports are not the document's cost
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        newsclean.clean(text)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert peak < 13.5 * len(text.encode("utf-8"))


# Two copies of a tweet beside doubled CJK and Korean lines: the double-post filter's search with the
# tweet's copy hidden removed some lines and then stopped, so that a second run found the rest.
_FOUND_BY_A_SECOND_RUN = '東京都は新たに感染者を確認したと発表した。\n\nHYDROXYCHLOROQUINE & AZITHROMYCIN, taken together, have a real chance to be one of the biggest game changers in the history of medicine. The FDA has moved mountains - Thank You! Hopefully they will BOTH (H works better with A, International Journal of Antimicrobial Agents).....\n\nHYDROXYCHLOROQUINE & AZITHROMYCIN, taken together, have a real chance to be one of the biggest game changers in the history of medicine. The FDA has moved mountains - Thank You! Hopefully they will BOTH (H works better with A, International Journal of Antimicrobial Agents).....\n\n— Donald J. Trump (@realDonaldTrump) March 21, 2020\n\n— Anja (@AnjaAmaranth) 10. September 2018\n\n— Donald J. Trump (@realDonaldTrump) March 21, 2020\n\ncafé au lait served in the morning hours\n\n서울시는 오늘 새로운 정책을 발표했다고 밝혔다.\n\n中央氣象局表示，今天清晨最低溫度出現在新竹，只有攝氏八度。\n\n中央氣象局表示，今天清晨最低溫度出現在新竹，只有攝氏八度。\n\n一波波接續性低溫將在週末影響全台各地，氣象局提醒民眾注意保暖。\n\nHYDROXYCHLOROQUINE & AZITHROMYCIN, taken together, have a real chance to be one of the biggest game changers in the history of medicine. The FDA has moved mountains - Thank You! Hopefully they will BOTH (H works better with A, International Journal of Antimicrobial Agents).....\n\n— Donald J. Trump (@realDonaldTrump) March 21, 2020\n\ncafé au lait served in the morning hours\n\n서울시는 오늘 새로운 정책을 발표했다고 밝혔다.'


def test_the_double_post_filter_searches_every_block_left_after_a_search_with_copies_hidden() -> None:
    """One run of the filter leaves nothing for a second run here, and the pipeline's output is a fixed point.

    The pipeline still runs the filter again after its own removals (it does not promise idempotence:
    with three or more copies a second run can find a pair the first did not count as a repeat).
    """
    double_post = newsclean.DoublePostFilter()
    once = double_post(_FOUND_BY_A_SECOND_RUN)
    assert double_post(once) == once
    assert once.count("中央氣象局表示") == 1
    assert not getattr(double_post, "idempotent", False)
    result = newsclean.explain(_FOUND_BY_A_SECOND_RUN)
    assert all(c.round == 1 for c in result.changes if c.filter == "double_post")
    assert newsclean.clean(result.text) == result.text


@settings(max_examples=60)
@given(st.one_of(duplicate_shapes(), news_documents()))
def test_big_outputs_read_in_spans_give_the_same_text_and_records(text: str) -> None:
    """With every filter output read as a big one is (spans and chunks, not joined), text and records are the same."""
    import newsclean._core.document as document

    expected = newsclean.explain(text)
    saved = document._BIG_PIECES, document._CHUNK_PIECES
    document._BIG_PIECES, document._CHUNK_PIECES = 0, 2
    try:
        got = newsclean.explain(text)
        assert newsclean.clean(text) == expected.text
    finally:
        document._BIG_PIECES, document._CHUNK_PIECES = saved
    assert got.text == expected.text and got.changes == expected.changes


def test_clean_returns_the_text_without_keeping_the_document() -> None:
    """clean() joins its output itself once the blocks are gone; explain() keeps the document for its callers."""
    text = "Paris is calm.\n\nAdvertisement\n\nThe mayor spoke."
    assert newsclean.default_pipeline()(text) == newsclean.clean(text) == "Paris is calm.\n\nThe mayor spoke."
    result = newsclean.explain(text)
    assert result.document is not None and result.document.text == result.text


@pytest.mark.parametrize("make", [newsclean.PlaceholderFilter, newsclean.FurnitureFilter], ids=["placeholders", "furniture"])
@given(text=news_documents())
def test_a_line_filter_that_says_its_output_is_settled_changes_nothing_there(make: type[BlockFilter], text: str) -> None:
    """The placeholder and furniture filters' ``settled``: running them on that output changes nothing."""
    from newsclean._core.runs import pipeline_run

    f = make()
    with pipeline_run():
        result = stepped(f, text)
        if result.settled:
            assert result.changes
            assert stepped(f, result.document).changes == ()
