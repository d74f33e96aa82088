"""Tests for the corpus summary: counting, merging, tables and the plot."""

from __future__ import annotations

import json
import pickle
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean import Change, MissingExtraError, Result
from newsclean._display.summary import CorpusSummary, FilterStats, summarize

FILTERS = ("fix", "drop_ads", "drop_b")


def _change(filter: str, action: str = "remove") -> Change:
    return Change(filter=filter, rule="r", action=action, start=0, end=1, before="x",  # type: ignore[arg-type]
                  after="" if action == "remove" else "y", reason="why")


def _result(*changes: Change, drop: str | None = None, text_in: str = "abcd", text_out: str = "ab") -> Result:
    return Result(text_in, text_out if changes else text_in, changes, FILTERS, drop)


RESULTS = [
    _result(_change("drop_ads"), _change("drop_ads"), _change("drop_b")),
    _result(_change("fix", "replace"), _change("drop_ads")),
    _result(),
    _result(_change("drop_b"), drop="empty", text_out=""),
]


def test_summarize_counts_documents_and_filters() -> None:
    """Documents changed/dropped, and per filter: documents it changed, blocks removed, other changes."""
    assert summarize(RESULTS).to_dict() == {
        "documents": 4,
        "changed": 3,
        "dropped": 1,
        "chars_in": 16,
        "chars_out": 8,
        "filters": {
            "fix": {"documents": 1, "removed": 0, "replaced": 1},
            "drop_ads": {"documents": 2, "removed": 3, "replaced": 0},
            "drop_b": {"documents": 2, "removed": 2, "replaced": 0},
        },
        "drop_reasons": {"empty": 1},
    }


def test_summarize_lists_filters_that_never_fired() -> None:
    """Every filter of the pipeline has a row, zeros included, in pipeline order."""
    assert summarize([_result()]).filters == (FilterStats("fix"), FilterStats("drop_ads"), FilterStats("drop_b"))
    assert summarize([]) == CorpusSummary()


def test_summarize_rejects_what_is_not_a_result() -> None:
    """Texts or None in the input raise TypeError saying what to pass."""
    with pytest.raises(TypeError, match=r"needs newsclean Result objects \(from explain\(\)\), got str"):
        summarize(["text"])  # type: ignore[list-item]


def test_summaries_add_up() -> None:
    """Summaries of two shares add up to the summary of the whole; sum() works from 0."""
    whole = summarize(RESULTS)
    assert summarize(RESULTS[:2]) + summarize(RESULTS[2:]) == whole
    assert sum([summarize(RESULTS[:1]), summarize(RESULTS[1:3]), summarize(RESULTS[3:])]) == whole
    assert CorpusSummary() + whole == whole == whole + CorpusSummary()


def test_adding_keeps_first_seen_filter_order() -> None:
    """A filter only one share knows is appended after the ones already seen."""
    other = summarize([Result("a", "", (_change("extra"),), ("extra",), None)])
    assert [f.name for f in (summarize(RESULTS) + other).filters] == ["fix", "drop_ads", "drop_b", "extra"]
    assert [f.name for f in (other + summarize(RESULTS)).filters] == ["extra", "fix", "drop_ads", "drop_b"]


@given(st.lists(st.sampled_from(RESULTS), max_size=8), st.integers(0, 8))
def test_split_and_merge_property(results: list[Result], cut: int) -> None:
    """Property: summarising any split and adding the parts gives the same counts as the whole."""
    merged = summarize(results[:cut]) + summarize(results[cut:])
    assert merged.to_dict() == summarize(results).to_dict()


def test_round_trips_through_json_and_pickle() -> None:
    """to_dict/from_dict and pickle give back an equal summary (for logs and Dask workers)."""
    summary = summarize(RESULTS)
    assert CorpusSummary.from_dict(json.loads(json.dumps(summary.to_dict()))) == summary
    assert pickle.loads(pickle.dumps(summary)) == summary


def test_str_is_a_plain_table() -> None:
    """str() is a header line and an aligned table, one row per filter."""
    assert str(summarize(RESULTS)) == (
        "documents: 4, changed: 3, dropped: 1 (empty: 1); chars: 16 -> 8\n"
        "filter    documents  removed  replaced\n"
        "fix               1        0         1\n"
        "drop_ads          2        3         0\n"
        "drop_b            2        2         0"
    )


def test_repr_is_one_short_line() -> None:
    """repr() names the totals and the filters that fired, in one line."""
    assert repr(summarize(RESULTS)) == "<CorpusSummary 4 documents, 3 changed, 1 dropped (fix: 1, drop_ads: 2, drop_b: 2)>"
    assert repr(CorpusSummary()) == "<CorpusSummary 0 documents, 0 changed, 0 dropped (no filter fired)>"


def test_html_table_has_the_counts() -> None:
    """The notebook view is a table with the same counts, escaped."""
    import lxml.html

    tree = lxml.html.fragment_fromstring(summarize(RESULTS)._repr_html_())
    rows = [[td.text_content() for td in tr.iter("td")] for tr in tree.iter("tr") if tr.find("td") is not None]
    assert rows == [["fix", "1", "0", "1"], ["drop_ads", "2", "3", "0"], ["drop_b", "2", "2", "0"]]
    assert tree.xpath("./div")[0].text_content() == "documents: 4, changed: 3, dropped: 1 (empty: 1); chars: 16 -> 8"


def test_to_frame() -> None:
    """to_frame gives one row per filter with the three counts."""
    frame = summarize(RESULTS).to_frame()
    assert frame.index.name == "filter"
    assert frame.to_dict("index") == {
        "fix": {"documents": 1, "removed": 0, "replaced": 1},
        "drop_ads": {"documents": 2, "removed": 3, "replaced": 0},
        "drop_b": {"documents": 2, "removed": 2, "replaced": 0},
    }


def test_plot_draws_one_pair_of_bars_per_filter() -> None:
    """plot() draws documents changed and blocks removed per filter, labelled by filter name."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = summarize(RESULTS).plot()
    try:
        widths = [bar.get_width() for bar in ax.patches]
        assert widths == [1, 2, 2, 0, 3, 2]
        assert [t.get_text() for t in ax.get_yticklabels()] == ["fix", "drop_ads", "drop_b"]
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["documents changed", "blocks removed"]
    finally:
        plt.close(ax.figure)


def test_plot_without_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without matplotlib, plot() raises MissingExtraError naming the notebook extra."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'newsclean\[notebook\]'"):
        summarize(RESULTS).plot()


def test_summary_of_the_default_pipeline_lists_its_filters() -> None:
    """Over real explain() results the table has the default filters in order."""
    summary = summarize(newsclean.explain(t) for t in ["One.", "Two."])
    assert [f.name for f in summary.filters] == list(newsclean.DEFAULT_FILTERS)
    assert (summary.documents, summary.chars_in) == (2, 8)
