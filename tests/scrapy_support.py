"""Helpers for the Scrapy tests: toy filters, a local web site, and a crawl run in a subprocess.

The crawl runs in its own process because Twisted's reactor cannot be started
twice in one process. Run as ``python -m tests.scrapy_support CONFIG.json``;
the config names the start URLs, the settings, and where to write the stats.
"""

from __future__ import annotations

import html
import json
import sys
import threading
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from newsclean import BlockFilter, Document, Edit


@dataclass(frozen=True, kw_only=True)
class ToyAds(BlockFilter):
    """A stand-in placeholder filter: removes blocks that are exactly one of ``phrases``."""

    name = "toy_ads"
    phrases: tuple[str, ...] = ("Advertisement", "Loading…")

    def edits(self, doc: Document) -> Iterator[Edit]:
        for i, block in enumerate(doc.blocks):
            if block.text.strip() in self.phrases:
                yield Edit(i, "toy_phrase", "a toy placeholder phrase")

    def drop_reason(self, before: Document, after: Document) -> str | None:
        return "only_ads" if not after.blocks else None


@dataclass(frozen=True, kw_only=True)
class Exploding(BlockFilter):
    """A broken filter: raises on any text with a ``BOOM`` line, to test that items survive it."""

    name = "exploding"

    def edits(self, doc: Document) -> Iterator[Edit]:
        if any(block.text == "BOOM" for block in doc.blocks):
            raise RuntimeError("the exploding filter met BOOM")
        return iter(())


@dataclass
class GuardedArticle:
    """An item that refuses any change once built, with a ``ValueError``, as a validating model may."""

    url: str
    title: str | None = None
    body: str | None = None
    body_html: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "_built", True)

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(self, "_built", False):
            raise ValueError(f"{type(self).__name__}.{name} cannot change once the item is built")
        object.__setattr__(self, name, value)


def article_page(title: str, paragraphs: list[str]) -> bytes:
    """A minimal news page: the paragraphs as ``<p>`` elements inside ``<article>``."""
    body = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
        f"<body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"
    ).encode()


class Site:
    """A local web site on 127.0.0.1 serving fixed pages from a thread; records each path asked for."""

    def __init__(self, pages: Mapping[str, bytes]) -> None:
        self.pages = dict(pages)
        self.requested: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server looks for
                site.requested.append(self.path)
                page = site.pages.get(self.path)
                self.send_response(200 if page is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page or b"")))
                self.end_headers()
                self.wfile.write(page or b"")

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet test output
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # port 0: the OS picks a free port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def _spider_class(item_class: str | None = None) -> type:
    import scrapy

    make: Any = dict
    if item_class is not None:  # "module:Class": the spider yields items of that class
        module, _, name = item_class.partition(":")
        make = getattr(__import__(module, fromlist=[name]), name)

    class ArticleSpider(scrapy.Spider):
        """Takes each page's title, its article text (one line per paragraph) and the article's HTML."""

        name = "articles"

        def parse(self, response: Any) -> Iterator[dict[str, Any]]:
            paragraphs = response.xpath("//article/p")
            yield make(
                url=response.url,
                title=response.css("title::text").get(),
                body="\n".join(p.xpath("string()").get() for p in paragraphs) if paragraphs else None,
                body_html=response.css("article").get(),
            )

    return ArticleSpider


def run_crawl(config_path: str) -> int:
    """Crawl the configured URLs with CrawlerProcess; write stats and warnings as JSON; 1 if start-up failed."""
    from scrapy.crawler import CrawlerProcess

    config = json.loads(Path(config_path).read_text(encoding="utf-8"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        process = CrawlerProcess(config["settings"])
        crawler = process.create_crawler(_spider_class(config.get("item_class")))
        failures: list[str] = []

        def record(failure: Any) -> Any:
            failures.append(f"{type(failure.value).__name__}: {failure.value}")
            return failure  # Scrapy still logs it as usual

        # Scrapy 2.11 leaves bootstrap_failed False when a component fails to build; the Deferred fails in all versions
        process.crawl(crawler, start_urls=config["urls"]).addErrback(record)
        process.start()
    stats = crawler.stats.get_stats() if crawler.stats is not None else {}
    report = {
        "stats": {k: v for k, v in stats.items() if isinstance(v, (int, float, str))},
        "warnings": [f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})" for w in caught],
        "failures": failures,
    }
    Path(config["report"]).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 1 if failures or process.bootstrap_failed else 0


if __name__ == "__main__":
    sys.exit(run_crawl(sys.argv[1]))
