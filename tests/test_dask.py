"""Dask integration, on a real distributed.LocalCluster with two worker processes."""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask", reason="the dask extra is not installed: pip install -e '.[dask]'")
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed: pip install -e '.[dask]'")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

import newsclean  # noqa: E402
from newsclean._display.summary import summarize  # noqa: E402
from newsclean.contrib.dask import clean_bag, clean_series, summarize_bag, summarize_series  # noqa: E402
from tests._corpus import FIXTURES, corpus_available, real_bodies  # noqa: E402

from tests.dirty import dirty_corpus


@functools.cache
def _documents() -> list[str]:
    """A few hundred dirty documents from the corpus (or the bundled seed when it is absent)."""
    if corpus_available():
        bodies = [body for _, body in real_bodies()][:60]
        from tests._corpus import read_jsonl

        tweets = read_jsonl("tweets/real_tweets.jsonl")
    else:
        bodies = [(FIXTURES / "seeds" / "rafah_double_post.expected.txt").read_text(encoding="utf-8").replace("\n", "\n\n")] * 60
        tweets = [{"text_lines": ["A tweet pic.twitter.com/abc"], "attribution": "— A (@a) May 1, 2024"}]
    docs = [doc for variant in dirty_corpus(bodies, tweets).values() for doc in variant]
    random.Random(1).shuffle(docs)
    return docs


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def test_bag_of_strings_matches_local_clean(client: distributed.Client) -> None:
    """clean_bag on two worker processes gives exactly newsclean.clean run locally."""
    docs = _documents()
    assert len(docs) >= 300
    cleaned = clean_bag(db.from_sequence(docs, npartitions=8)).compute()
    assert cleaned == [newsclean.clean(d) for d in docs]
    assert sum(a != b for a, b in zip(docs, cleaned)) > 200  # the dirt was really there


def test_summary_on_cluster_matches_local_summary(client: distributed.Client) -> None:
    """The per-filter summary computed on the cluster equals the one computed locally."""
    docs = _documents()
    remote = summarize_bag(db.from_sequence(docs, npartitions=8)).compute()
    local = summarize(newsclean.explain(d) for d in docs)
    assert remote.to_dict() == local.to_dict()
    assert remote.by_filter["placeholders"].removed > 0


def test_records_and_counts(client: distributed.Client) -> None:
    """Records get their field cleaned and, on request, per-row counts; other fields and missing values stay."""
    records = [{"id": i, "body": d} for i, d in enumerate(_documents()[:50])] + [{"id": -1}, {"id": -2, "body": None}]
    out = clean_bag(db.from_sequence(records, npartitions=4), field="body", counts=True).compute()
    assert [r["id"] for r in out] == [r["id"] for r in records]
    for rec, res in zip(records[:50], out[:50]):
        local = newsclean.explain(rec["body"])
        assert res["body"] == local.text
        assert res["newsclean"] == {"changed": local.changed, "dropped": local.dropped, "removed": local.counts(action="remove")}
    assert out[-2:] == [{"id": -1}, {"id": -2, "body": None, "newsclean": None}]


def test_dataframe_column_with_custom_pipeline(client: distributed.Client) -> None:
    """clean_series works on a Dask DataFrame column with a custom pipeline, with and without counts."""
    docs = _documents()[:120]
    pipeline = newsclean.default_pipeline().without("double_post")
    ddf = dd.from_pandas(pd.DataFrame({"body": docs}), npartitions=4)
    cleaned = clean_series(ddf["body"], pipeline=pipeline).compute()
    assert cleaned.tolist() == [pipeline(d) for d in docs]
    table = clean_series(ddf["body"], pipeline=pipeline, counts=True).compute()
    assert list(table.columns) == [
        "text", "changed", "dropped", "removed_mojibake", "removed_placeholders", "removed_furniture", "removed_embeds"]
    assert table["removed_placeholders"].sum() == sum(pipeline.apply(d).counts(action="remove").get("placeholders", 0) for d in docs)
    assert summarize_series(ddf["body"], pipeline=pipeline).compute().to_dict() == summarize(pipeline.apply(d) for d in docs).to_dict()


def test_records_need_mappings() -> None:
    """Asking for a field of non-record items fails with a clear TypeError."""
    with pytest.raises(TypeError, match=r"clean_bag\(field='body'\) needs records"):
        clean_bag(db.from_sequence(["text"], npartitions=1), field="body").compute(scheduler="sync")


def test_summary_of_records_needs_mappings() -> None:
    """summarize_bag with a field fails with the same clear TypeError on items that are not records."""
    with pytest.raises(TypeError, match=r"summarize_bag\(field='body'\) needs records"):
        summarize_bag(db.from_sequence([3], npartitions=1), field="body").compute(scheduler="sync")


@pytest.mark.parametrize("function", [clean_bag, summarize_bag])
def test_wrong_pipeline_type_fails_before_computing(function: Any) -> None:
    """A pipeline that is not a newsclean.Pipeline raises TypeError when the graph is built, not on a worker."""
    with pytest.raises(TypeError, match=r"\(pipeline=...\) needs a newsclean.Pipeline or None for the default, got method_descriptor"):
        function(db.from_sequence(["x"], npartitions=1), pipeline=str.upper)


def test_non_text_values_pass_through_untouched() -> None:
    """None, bytes, numbers and records without the field come back as they were; other fields are kept."""
    values = [None, b"Advertisement", 3, "Hi.\nAdvertisement"]
    assert clean_bag(db.from_sequence(values, npartitions=2)).compute(scheduler="sync") == [None, b"Advertisement", 3, "Hi."]
    records = [{"id": 1}, {"id": 2, "body": None}, {"id": 3, "body": "Hi.\nAdvertisement"}]
    out = clean_bag(db.from_sequence(records, npartitions=1), field="body").compute(scheduler="sync")
    assert out == [{"id": 1}, {"id": 2, "body": None}, {"id": 3, "body": "Hi."}]


def test_parquet_recipe_of_the_docs_runs_and_reads_back(client: distributed.Client, tmp_path: Path) -> None:
    """docs/scaling.md's Parquet recipe on the cluster: the files are written, and read back cleaned."""
    docs = _documents()[:200]
    frame = pd.DataFrame({"url": [f"https://example.com/{i}" for i in range(len(docs))], "body": docs})
    frame.loc[3, "body"] = None  # a missing value passes through
    dd.from_pandas(frame, npartitions=4).to_parquet(str(tmp_path / "articles"))

    df = dd.read_parquet(str(tmp_path / "articles"), columns=["url", "body"])
    df["body"] = clean_series(df["body"])
    df.to_parquet(str(tmp_path / "clean"))

    back = pd.read_parquet(tmp_path / "clean")
    assert back["url"].tolist() == frame["url"].tolist()
    expected = [None if pd.isna(d) else newsclean.clean(d) for d in frame["body"]]
    assert [None if pd.isna(v) else v for v in back["body"]] == expected
    assert expected[3] is None
    assert sum(a != b for a, b in zip(docs, expected)) > 100


def test_counts_frame_keeps_a_string_text_column(client: distributed.Client, tmp_path: Path) -> None:
    """clean_series(..., counts=True) on a Parquet string column writes to Parquet too."""
    frame = pd.DataFrame({"body": ["Hi.\nAdvertisement", "Calm."]})
    dd.from_pandas(frame, npartitions=1).to_parquet(str(tmp_path / "in"))
    counts = clean_series(dd.read_parquet(str(tmp_path / "in"))["body"], counts=True)
    counts.to_parquet(str(tmp_path / "out"))
    back = pd.read_parquet(tmp_path / "out")
    assert back[["text", "changed", "removed_placeholders"]].values.tolist() == [["Hi.", True, 1], ["Calm.", False, 0]]
