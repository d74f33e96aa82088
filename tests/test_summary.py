"""Tests for the corpus summary: counting, merging, tables and the plot."""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean import Change, MissingExtraError, Result
from newsclean._display.summary import CorpusSummary, FilterStats, SummaryBuilder, site_of, summarize

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
    data = summarize(RESULTS).to_dict()
    assert {k: data[k] for k in ("documents", "changed", "dropped", "chars_in", "chars_out", "filters", "drop_reasons")} == {
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


def test_summarize_counts_rules_removed_lines_and_losses() -> None:
    """Per filter/rule counts, removed blocks ranked by count, and the documents that lost the most, biggest first."""
    summary = summarize(RESULTS)
    assert summary.rules == (("drop_ads/r", 3), ("drop_b/r", 2), ("fix/r", 1))
    assert summary.removed_lines == ()  # the test changes carry no block text, and blank lines are not ranked
    assert [(x.lost, x.label, x.filters) for x in summary.most_lost] == [
        (4, "document 4", ("drop_b",)),
        (2, "document 1", ("drop_ads", "drop_b")),
        (2, "document 2", ("fix", "drop_ads")),
    ]


def test_summary_keeps_a_few_samples_per_filter_in_order() -> None:
    """The first three documents each filter changed are kept whole, labelled by position when they have no id."""
    summary = summarize(RESULTS * 2)
    assert [(x.filter, x.label) for x in summary.samples] == [
        ("drop_ads", "document 1"), ("drop_b", "document 1"), ("fix", "document 2"), ("drop_ads", "document 2"),
        ("drop_b", "document 4"), ("drop_ads", "document 5"), ("drop_b", "document 5"), ("fix", "document 6"),
    ]
    assert summary.samples[0].result is RESULTS[0]


def test_builder_groups_by_site_and_labels_documents() -> None:
    """SummaryBuilder takes an id and a site per result; sites get their own counts, long lines are not ranked."""
    builder = SummaryBuilder()
    body = "Keep me.\nAdvertisement\n" + "x" * 250 + "\nKeep me.\n" + "x" * 250
    builder.add(newsclean.explain("Calm.\nAdvertisement"), ident="a-1", site=site_of("https://www.example.com/x"))
    builder.add(newsclean.explain("Calm day."), ident="a-2", site="example.com")
    builder.add(newsclean.explain(body), ident="b-1", site="other.org")
    summary = builder.summary()
    assert [(s.name, s.documents, s.changed, s.chars_in, s.chars_out, s.filters) for s in summary.sites] == [
        ("example.com", 2, 1, 28, 14, (("placeholders", 1),)),
        ("other.org", 1, 1, len(body), len(body) - len("Advertisement\n"), (("placeholders", 1),)),
    ]
    assert summary.removed_lines == (("Advertisement", 2),)
    assert [s.lines for s in summary.sites] == [(("placeholders", "Advertisement", 1),), (("placeholders", "Advertisement", 1),)]
    assert [x.label for x in summary.most_lost] == ["a-1", "b-1"]
    assert [x.label for x in summary.samples] == ["a-1", "b-1"]


def test_site_of_takes_the_host_of_a_url() -> None:
    """A URL gives its host without www.; a plain value is the site; blanks and non-strings give None."""
    assert [site_of(v) for v in ("https://www.bbc.co.uk/news/1", "http://example.org", "nytimes.com", " ", None, 3)] == [
        "bbc.co.uk", "example.org", "nytimes.com", None, None, None,
    ]


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


def _page_tree(summary: CorpusSummary) -> Any:
    import html5lib

    return html5lib.parse(summary.to_html(), treebuilder="lxml", namespaceHTMLElements=False)


def test_html_table_has_the_counts() -> None:
    """The notebook view has the totals and a per-filter table with the same counts and a bar each."""
    import lxml.html

    tree = lxml.html.fragment_fromstring(summarize(RESULTS)._repr_html_())
    assert tree.get("class") == "newsclean-summary"
    table = tree.xpath(".//table[@data-role='filters']")[0]
    rows = [[" ".join(td.text_content().split()) for td in tr.iter("td")] for tr in table.iter("tr") if tr.find("td") is not None]
    assert rows == [["fix", "1", "", "25.0%", "0", "1"], ["drop_ads", "2", "", "50.0%", "3", "0"], ["drop_b", "2", "", "50.0%", "2", "0"]]
    assert [bar.get("style").split(";")[0] for bar in table.xpath(".//div[@data-role='bar']")] == ["width: 50.0%", "width: 100.0%", "width: 100.0%"]
    totals = " ".join(" ".join(tree.xpath(".//div[@data-role='totals']")[0].itertext()).split())
    assert totals == "documents 4 changed 3 (75.0%) dropped 1 (empty: 1) characters 16 → 8 (−8, 50.0%)"


def test_report_page_is_self_contained_and_escaped(tmp_path: Path) -> None:
    """save_html writes one page with no script, no external resource, and article text escaped."""
    builder = SummaryBuilder()
    text = 'The story begins here.\n<script>alert(1)</script> <img src="http://evil.example/x.png">\nAdvertisement\nThe story goes on.'
    builder.add(newsclean.explain(text), ident="<b>id</b>", site="x.org")
    path = builder.summary().save_html(tmp_path / "report.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    tree = _page_tree(builder.summary())
    assert not tree.xpath("//script | //link | //img | //iframe | //object | //embed | //style")
    for el in tree.iter():
        for name, value in el.attrib.items():
            assert not name.startswith("on"), (el.tag, name)
            if name in ("href", "src", "action"):
                assert value.startswith("#"), (el.tag, name, value)
            assert "url(" not in value and "@import" not in value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;id&lt;/b&gt;" in page


def test_report_page_has_every_section() -> None:
    """Totals, filters, rules, sites, removed lines, most lost and samples each appear, with links to them."""
    builder = SummaryBuilder()
    builder.add(newsclean.explain("The story begins here today.\nAdvertisement\nThe story goes on after that."), ident="a", site="x.org")
    builder.add(newsclean.explain("Three.\nLoading…"), ident="b", site="y.org")
    tree = _page_tree(builder.summary())
    sections = ["#filters", "#rules", "#sites", "#site-lines", "#lines", "#lost", "#samples"]
    assert [a.get("href") for a in tree.xpath("//nav/a")] == sections
    assert all(tree.xpath(f"//*[@id='{a[1:]}']") for a in sections)
    assert ["".join(s.itertext()) for s in tree.xpath("//details[@data-role='site-lines']/summary")] == [
        "x.org: 1 distinct removed lines", "y.org: 1 distinct removed lines",
    ]
    lines = [[" ".join("".join(td.itertext()).split()) for td in tr.iter("td")][:2] for tr in tree.xpath("//table[@data-role='lines']//tr[td]")]
    assert lines == [["Advertisement", "1"], ["Loading…", "1"]]
    assert ["".join(s.itertext()).split(" ·")[0] for s in tree.xpath("//div[@data-role='sample']/div[1]")] == ["a", "b"]
    assert len(tree.xpath("//div[@data-role='sample']//div[@class='newsclean-result']")) == 2


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
