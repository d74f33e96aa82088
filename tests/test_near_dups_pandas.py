"""Series.newsclean.near_duplicates(): the library's clusters, ids being the index labels."""

from __future__ import annotations

import pandas as pd

import newsclean.contrib.pandas  # noqa: F401 (registers .newsclean)
from newsclean import near_duplicates
from tests.near_dups_support import crawl_records, synthetic_corpus


def test_series_clusters_equal_the_library() -> None:
    """A column indexed by URL gives exactly the clusters of near_duplicates() over (url, body)."""
    records = crawl_records()
    frame = pd.DataFrame(records).set_index("url")
    result = frame["body"].newsclean.near_duplicates()
    assert result == near_duplicates((r["url"], r["body"]) for r in records)
    assert len(result) >= 4


def test_missing_values_are_left_out_and_dates_pick_the_representative() -> None:
    """None rows are skipped; with a dates Series the earliest copy represents its cluster."""
    docs = dict(synthetic_corpus())
    s = pd.Series({"s0": docs["s0"], "s0-update": docs["s0-update"], "gap": None}, dtype=object)
    dates = pd.Series({"s0": "2020-01-02", "s0-update": "2020-01-01", "gap": None})
    result = s.newsclean.near_duplicates(dates=dates)
    assert (result.documents, [c.ids for c in result]) == (2, [("s0-update", "s0")])
    assert s.newsclean.near_duplicates().clusters[0].ids == ("s0-update", "s0")
    later = pd.Series({"s0": "2020-01-01", "s0-update": "2020-01-02"})
    assert s.newsclean.near_duplicates(dates=later).clusters[0].ids == ("s0", "s0-update")
