"""NearDuplicatePipeline: a real Scrapy crawl of a local site marks copies with their cluster, drops repeats on request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("scrapy")

from scrapy.exceptions import DropItem, NotConfigured  # noqa: E402
from scrapy.utils.test import get_crawler  # noqa: E402

from newsclean import ConfigurationError  # noqa: E402
from newsclean.contrib.scrapy import NearDuplicatePipeline  # noqa: E402
from tests._corpus import ROOT  # noqa: E402
from tests.near_dups_support import paragraphs, synthetic_story, updated, with_furniture  # noqa: E402
from tests.scrapy_support import Site, article_page  # noqa: E402

STORY, OTHER = synthetic_story(11), synthetic_story(12)
PAGES = {
    "/story": STORY,
    # another site's furniture and its own attribution line: a near duplicate, not a repeat
    "/story-elsewhere": with_furniture(STORY) + "\n\nThis story first appeared in the Example Herald and is "
    "republished here with permission.",
    "/story-again": STORY,  # an exact repeat under another URL
    "/story-update": updated(STORY),
    "/other": OTHER,
    "/brief-1": "Police closed the bridge on Monday.",
    "/brief-2": "Police closed the bridge on Tuesday.",
}


def crawl(tmp: Path, settings: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Crawl the pages with both newsclean pipelines; the items by path and the stats."""
    feed = tmp / "items.jsonl"
    with Site({path: article_page(path, paragraphs(text)) for path, text in PAGES.items()}) as site:
        config = {
            "urls": [site.url(p) for p in PAGES],
            "report": str(tmp / "report.json"),
            "settings": {
                "ITEM_PIPELINES": {"newsclean.contrib.scrapy.NewscleanPipeline": 300,
                                   "newsclean.contrib.scrapy.NearDuplicatePipeline": 400},
                "FEEDS": {feed.as_uri(): {"format": "jsonlines", "encoding": "utf8", "overwrite": True}},
                "CONCURRENT_REQUESTS": 1, "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False,
                "TELNETCONSOLE_ENABLED": False, "RETRY_ENABLED": False, "CLOSESPIDER_TIMEOUT": 60, **settings,
            },
        }
        (tmp / "config.json").write_text(json.dumps(config), encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
        done = subprocess.run([sys.executable, "-m", "tests.scrapy_support", str(tmp / "config.json")], cwd=ROOT,
                              capture_output=True, text=True, timeout=180, env=env)
        assert done.returncode == 0, done.stderr[-2000:]
        base = site.base
    rows = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    stats = json.loads((tmp / "report.json").read_text(encoding="utf-8"))["stats"]
    return {r["url"].removeprefix(base): r for r in rows}, {k: v for k, v in stats.items() if "dups/" in k}


def groups(items: dict[str, Any]) -> list[list[str]]:
    by_cluster: dict[str, list[str]] = defaultdict(list)
    for path, item in items.items():
        by_cluster[item["near_duplicate"]["cluster"]].append(path)
    return sorted(sorted(paths) for paths in by_cluster.values())


def test_crawl_marks_clusters(tmp_path: Path) -> None:
    """Copies, repeats and the update share a cluster; the other story and each brief are alone; stats count them."""
    items, stats = crawl(tmp_path, {})
    assert groups(items) == [["/brief-1"], ["/brief-2"], ["/other"],
                             ["/story", "/story-again", "/story-elsewhere", "/story-update"]]
    assert stats == {"newsclean_dups/items": 7, "newsclean_dups/clustered": 3, "newsclean_dups/repeats": 1,
                     "newsclean_dups/short": 2}


def test_crawl_drops_exact_repeats_when_asked(tmp_path: Path) -> None:
    """NEWSCLEAN_DUPS_DROP_REPEATS drops the one exact repeat of the story and keeps every near duplicate."""
    items, stats = crawl(tmp_path, {"NEWSCLEAN_DUPS_DROP_REPEATS": True})
    assert len(items) == 6 and stats["newsclean_dups/dropped_repeats"] == 1
    kept = [p for p in ("/story", "/story-again") if p in items]
    assert len(kept) == 1 and "/story-update" in items and "/story-elsewhere" in items


def make(**settings: Any) -> NearDuplicatePipeline:
    return NearDuplicatePipeline.from_crawler(get_crawler(settings_dict=settings))


def test_items_without_text_pass_through() -> None:
    """An item without the text field is returned unmarked and counted."""
    pipeline = make()
    assert pipeline.process_item({"url": "u"}) == {"url": "u"}
    assert pipeline.stats.get_value("newsclean_dups/no_text") == 1


def test_repeat_is_dropped_with_a_reason() -> None:
    """With DROP_REPEATS the second identical body raises DropItem naming the first."""
    pipeline = make(NEWSCLEAN_DUPS_DROP_REPEATS=True)
    first = pipeline.process_item({"url": "a", "body": STORY})
    assert first["near_duplicate"] == {"cluster": "a", "similarity": 1.0, "repeat": False}
    with pytest.raises(DropItem, match="exact repeat of 'a'"):
        pipeline.process_item({"url": "b", "body": STORY.upper()})


def test_settings_are_checked() -> None:
    """A bad threshold stops the crawl at start-up; ENABLED False is NotConfigured."""
    with pytest.raises(ConfigurationError, match="NEWSCLEAN_DUPS_THRESHOLD"):
        make(NEWSCLEAN_DUPS_THRESHOLD=3)
    with pytest.raises(NotConfigured):
        make(NEWSCLEAN_DUPS_ENABLED=False)
