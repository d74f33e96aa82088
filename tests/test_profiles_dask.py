"""Site profiles on Dask: learn_bag merges partial profiles on a real LocalCluster; clean_bag applies them per site."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("dask", reason="the dask extra is not installed: pip install -e '.[dask]'")
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed: pip install -e '.[dask]'")

import dask.bag as db  # noqa: E402

import newsclean  # noqa: E402
from newsclean.contrib.dask import clean_bag, learn_bag  # noqa: E402

PROMO = "Our series is a partnership of three universities"


def _rows(n: int = 40) -> list[dict[str, str]]:
    rows = []
    for i in range(n):
        site = ["https://www.a.example/x", "http://b.example/y"][i % 2]
        extra = f"\n\n{PROMO}" if site.startswith("https://www.a") else f"\n\nBy Reporter {i % 3}"
        rows.append({"url": f"{site}/{i}", "body": f"Story {i} starts here.{extra}\n\nStory {i} ends."})
    return rows


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def test_learn_bag_equals_learning_at_once(client: distributed.Client) -> None:
    """Partial profiles of 7 partitions, merged on the cluster, equal learn_sites over all records."""
    rows = _rows()
    learned = learn_bag(db.from_sequence(rows, npartitions=7), field="body", site="url").compute()
    assert learned == newsclean.learn_sites((newsclean.site_key(r["url"]), r["body"]) for r in rows)
    assert [line.text for line in learned["a.example"].removed] == [PROMO]


def test_clean_bag_with_profiles_cleans_each_record_by_its_site(client: distributed.Client) -> None:
    """clean_bag(profiles=...) removes a.example's learned line there only, and passes other fields through."""
    rows = _rows()
    profiles = learn_bag(db.from_sequence(rows, npartitions=4)).compute()
    rows.append({"url": "https://c.example/1", "body": f"Elsewhere.\n\n{PROMO}", "id": "keep me"})
    cleaned = clean_bag(db.from_sequence(rows, npartitions=3), field="body", profiles=profiles, site="url").compute()
    assert cleaned[0]["body"] == "Story 0 starts here.\n\nStory 0 ends."
    assert cleaned[1]["body"] == rows[1]["body"]  # b.example: a byline recurs, and is kept
    assert cleaned[-1] == rows[-1]


def test_learn_bag_checks_options_before_running() -> None:
    """A bad option raises when the graph is built, not on a worker."""
    with pytest.raises(newsclean.ConfigurationError, match="min_documents must be 2 or more"):
        learn_bag(db.from_sequence(_rows(4), npartitions=1), min_documents=1)
    with pytest.raises(TypeError, match="needs records"):
        clean_bag(db.from_sequence(["x"]), profiles=newsclean.SiteProfiles())
