"""near_duplicates_bag / _series on a real distributed.LocalCluster: the same clusters as on one machine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

distributed = pytest.importorskip("distributed")
db = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")

import pandas as pd  # noqa: E402

from newsclean import NearDuplicateOptions, near_duplicates  # noqa: E402
from newsclean.contrib.dask import near_duplicates_bag, near_duplicates_series  # noqa: E402
from tests.near_dups_support import crawl_records, synthetic_corpus  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def test_bag_of_records_equals_local(client: distributed.Client) -> None:
    """Records spread over 5 partitions on two worker processes cluster exactly as near_duplicates() locally."""
    records = crawl_records()
    remote = near_duplicates_bag(db.from_sequence(records, npartitions=5), field="body", id_field="url").compute()
    local = near_duplicates((r["url"], r["body"]) for r in records)
    assert remote == local and len(local) >= 4


def test_bag_of_tuples_with_dates_and_threshold(client: distributed.Client) -> None:
    """(id, text, date) tuples with options: the earliest is representative, as locally."""
    docs = [(i, t, f"2020-01-{n % 28 + 1:02d}") for n, (i, t) in enumerate(reversed(synthetic_corpus()))]
    options = NearDuplicateOptions(threshold=0.7, min_words=20)
    remote = near_duplicates_bag(db.from_sequence(docs, npartitions=3), options=options).compute()
    assert remote == near_duplicates(docs, options=options)
    assert len(remote) == 5


def test_dataframe_column_equals_local(client: distributed.Client) -> None:
    """A Dask DataFrame column indexed by URL (missing texts left out) equals the pandas accessor's clusters."""
    records = crawl_records() + [{"url": "https://example.org/empty", "body": None}]
    frame = pd.DataFrame(records).set_index("url")
    remote = near_duplicates_series(dd.from_pandas(frame["body"], npartitions=4)).compute()
    local = near_duplicates((r["url"], r["body"]) for r in records if r["body"] is not None)
    assert remote == local
