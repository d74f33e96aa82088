"""Site profiles in Scrapy: NEWSCLEAN_PROFILES per item host, and learning the first N items of a host."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

scrapy = pytest.importorskip("scrapy", reason="the scrapy extra is not installed: pip install -e '.[scrapy]'")

from scrapy.utils.test import get_crawler  # noqa: E402

import newsclean  # noqa: E402
from newsclean.contrib.scrapy import NewscleanPipeline  # noqa: E402
from tests.scrapy_support import Site, article_page  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PROMO = "Our series is a partnership of three universities"


def _pipeline(**settings: Any) -> tuple[NewscleanPipeline, Any]:
    crawler = get_crawler(settings_dict=settings)
    return NewscleanPipeline.from_crawler(crawler), crawler


def _stats(crawler: Any) -> dict[str, Any]:
    return {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("newsclean/profiles/")}


def test_saved_profiles_apply_per_host(tmp_path: Path) -> None:
    """An item from a learned host loses the learned line; other hosts and items without url are cleaned by default."""
    path = tmp_path / "profiles.json"
    newsclean.learn_sites([("a.example", f"S{i}.\n{PROMO}") for i in range(4)]).save(path)
    pipeline, crawler = _pipeline(NEWSCLEAN_PROFILES=str(path))
    items = [{"url": "https://www.a.example/1", "body": f"New.\n{PROMO}"},
             {"url": "https://b.example/1", "body": f"New.\n{PROMO}"}, {"body": f"New.\n{PROMO}"}]  # fmt: skip
    assert [pipeline.process_item(item)["body"] for item in items] == ["New.", f"New.\n{PROMO}", f"New.\n{PROMO}"]
    assert _stats(crawler) == {"newsclean/profiles/applied": 1, "newsclean/profiles/no_profile": 1, "newsclean/profiles/no_url": 1}


def test_learning_as_you_crawl_warms_up_then_applies() -> None:
    """With NEWSCLEAN_LEARN_WARMUP=3, a host's first 3 items are counted and left; from the 4th on its line goes."""
    pipeline, crawler = _pipeline(NEWSCLEAN_LEARN_WARMUP=3)
    bodies = [pipeline.process_item({"url": f"https://a.example/{i}", "body": f"S{i}.\n{PROMO}"})["body"] for i in range(5)]
    assert bodies == [f"S{i}.\n{PROMO}" for i in range(3)] + ["S3.", "S4."]
    assert _stats(crawler) == {"newsclean/profiles/warmup": 2, "newsclean/profiles/learned": 1, "newsclean/profiles/applied": 2}


@pytest.mark.parametrize(
    ("settings", "message"),
    [({"NEWSCLEAN_LEARN_WARMUP": -1}, "NEWSCLEAN_LEARN_WARMUP must be a whole number"),
     ({"NEWSCLEAN_PROFILES": "/nonexistent/profiles.json"}, "NEWSCLEAN_PROFILES: cannot read")],
    ids=["negative-warmup", "missing-file"],
)  # fmt: skip
def test_bad_profile_settings_fail_at_start_up(settings: dict[str, Any], message: str) -> None:
    """A bad warm-up count or an unreadable profiles file is a ConfigurationError when the crawl starts."""
    with pytest.raises(newsclean.ConfigurationError, match=message):
        _pipeline(**settings)


def test_real_crawl_learns_the_local_site_then_cleans(tmp_path: Path) -> None:
    """A real crawl of 8 pages on 127.0.0.1 with a warm-up of 3: 3 items kept whole, 5 lose the site's promo."""
    pages = {f"/story/{i}": article_page(f"Story {i}", [f"Story {i} begins.", PROMO, f"Story {i} ends."]) for i in range(8)}
    feed = tmp_path / "items.jsonl"
    with Site(pages) as site:
        config = {
            "urls": [site.url(path) for path in sorted(pages)],
            "report": str(tmp_path / "report.json"),
            "settings": {
                "ITEM_PIPELINES": {"newsclean.contrib.scrapy.NewscleanPipeline": 300},
                "NEWSCLEAN_LEARN_WARMUP": 3,
                "FEEDS": {feed.as_uri(): {"format": "jsonlines", "encoding": "utf8", "overwrite": True}},
                "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False,
                "RETRY_ENABLED": False, "DOWNLOAD_TIMEOUT": 20, "CLOSESPIDER_TIMEOUT": 60,
            },
        }  # fmt: skip
        (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "tests.scrapy_support", str(tmp_path / "config.json")],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    stats = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["stats"]
    assert {k: v for k, v in stats.items() if k.startswith("newsclean/profiles/")} == {
        "newsclean/profiles/warmup": 2, "newsclean/profiles/learned": 1, "newsclean/profiles/applied": 5}  # fmt: skip
    bodies = [json.loads(line)["body"] for line in feed.read_text(encoding="utf-8").splitlines()]
    assert len(bodies) == 8
    assert sum(PROMO in body for body in bodies) == 3
