"""Tests for the Scrapy item pipeline: settings, item types, errors, drops, stats, ItemLoader, a real crawl.

Tests marked ``real filters`` in their docstring expect the behaviour of the
built-in filters (``Advertisement`` and ``Loading…`` removed, the reference
example's first copy dropped); the others use the toy filters of
``tests/scrapy_support.py`` and check the plumbing alone.
"""

from __future__ import annotations

import importlib
import inspect
import json
import logging
import re
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import attrs
import lxml.html
import pytest
import scrapy
from itemloaders.processors import Compose, Join, MapCompose, TakeFirst
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.loader import ItemLoader
from scrapy.utils.test import get_crawler

import newsclean
from newsclean import ConfigurationError, MissingExtraError, Pipeline
from newsclean.contrib.scrapy import NewscleanPipeline, NewscleanSettings

DROPITEM_HAS_LOG_LEVEL = "log_level" in inspect.signature(DropItem.__init__).parameters
from tests._corpus import FIXTURES, ROOT, corpus_available, read_jsonl
from tests.scrapy_support import Site, ToyAds, article_page

TOY = ["tests.scrapy_support:ToyAds"]
SEED = (FIXTURES / "seeds" / "rafah_double_post.txt").read_text(encoding="utf-8")
SEED_EXPECTED = (FIXTURES / "seeds" / "rafah_double_post.expected.txt").read_text(encoding="utf-8")
# three ordinary aeb ground-truth bodies: one paragraph per line, no repeated lines
AEB_IDS = ("1ace8c85aaee", "232a43fb15ab", "374ac9a59a85")


class ArticleItem(scrapy.Item):
    url = scrapy.Field()
    body = scrapy.Field()
    body_html = scrapy.Field()
    newsclean = scrapy.Field()


class BareItem(scrapy.Item):
    url = scrapy.Field()
    body = scrapy.Field()


@dataclass
class ArticleData:
    url: str | None = None
    body: Any = None
    body_html: Any = None
    newsclean: Any = None


@attrs.define
class ArticleAttrs:
    url: str | None = None
    body: Any = None
    body_html: Any = None
    newsclean: Any = None


ITEM_TYPES: dict[str, Callable[..., Any]] = {
    "dict": dict,
    "scrapy.Item": ArticleItem,
    "dataclass": ArticleData,
    "attrs": ArticleAttrs,
}


def field(item: Any, name: str) -> Any:
    return item[name] if isinstance(item, (dict, scrapy.Item)) else getattr(item, name)


def make(**settings: Any) -> tuple[NewscleanPipeline, Any]:
    """A pipeline built the way Scrapy builds it, from a crawler with these settings."""
    crawler = get_crawler(settings_dict={"NEWSCLEAN_FILTERS": TOY, **settings})
    return NewscleanPipeline.from_crawler(crawler), crawler


def our_stats(crawler: Any) -> dict[str, Any]:
    return {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("newsclean/")}


# -- start-up --------------------------------------------------------------
def test_import_without_scrapy_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing the integration without Scrapy says which extra to install."""
    monkeypatch.setitem(sys.modules, "scrapy", None)
    monkeypatch.setitem(sys.modules, "scrapy.exceptions", None)
    monkeypatch.delitem(sys.modules, "newsclean.contrib.scrapy")
    with pytest.raises(MissingExtraError, match=r"'scrapy' is not installed.*pip install 'newsclean\[scrapy\]'"):
        importlib.import_module("newsclean.contrib.scrapy")


@pytest.mark.parametrize("value", [False, "0", "false"], ids=["bool", "str-0", "str-false"])
def test_disabled_is_not_configured(value: object) -> None:
    """NEWSCLEAN_ENABLED off makes Scrapy leave the pipeline out (NotConfigured)."""
    with pytest.raises(NotConfigured, match="NEWSCLEAN_ENABLED is False"):
        make(NEWSCLEAN_ENABLED=value)


def test_defaults() -> None:
    """With no NEWSCLEAN_* setting: body cleaned as text, default pipeline, nothing dropped."""
    pipeline = NewscleanPipeline.from_crawler(get_crawler())
    assert pipeline.settings == NewscleanSettings(pipeline=newsclean.default_pipeline())
    assert pipeline.settings.fields == ("body",)
    assert pipeline.settings.html_fields == ()
    assert pipeline.settings.pipeline.names == newsclean.DEFAULT_FILTERS
    assert (pipeline.settings.drop_empty, pipeline.settings.explain_field) == (False, None)


def test_settings_from_the_command_line() -> None:
    """String values as given with `scrapy crawl -s NAME=value` are read like Scrapy reads them."""
    pipeline, _ = make(
        NEWSCLEAN_FIELDS="body, summary",
        NEWSCLEAN_HTML_FIELDS="body_html",
        NEWSCLEAN_FILTERS="mojibake,placeholders",
        NEWSCLEAN_WITHOUT="mojibake",
        NEWSCLEAN_DROP_EMPTY="true",
        NEWSCLEAN_FILTER_OPTIONS='{"placeholders": {}}',
    )
    assert pipeline.settings.fields == ("body", "summary")
    assert pipeline.settings.html_fields == ("body_html",)
    assert pipeline.settings.pipeline.names == ("placeholders",)
    assert pipeline.settings.drop_empty is True


def test_without_and_filter_options() -> None:
    """NEWSCLEAN_WITHOUT drops default filters; NEWSCLEAN_FILTER_OPTIONS reaches the filter's constructor."""
    pipeline, _ = make(NEWSCLEAN_FILTERS=None, NEWSCLEAN_WITHOUT=["mojibake", "embeds"])
    assert pipeline.settings.pipeline.names == ("placeholders", "furniture", "double_post")
    pipeline, _ = make(NEWSCLEAN_FILTER_OPTIONS={"tests.scrapy_support:ToyAds": {"phrases": ("Sponsored",)}},
                       NEWSCLEAN_FILTERS=["tests.scrapy_support:ToyAds"])
    assert pipeline.settings.pipeline.filters == (ToyAds(phrases=("Sponsored",)),)
    assert pipeline.process_item({"body": "Rain.\nSponsored\nAdvertisement"}) == {"body": "Rain.\nAdvertisement"}


BAD_SETTINGS = [
    ("fields-not-list", {"NEWSCLEAN_FIELDS": 5}, "NEWSCLEAN_FIELDS must be a list of non-empty strings"),
    ("fields-empty-name", {"NEWSCLEAN_FIELDS": ["body", ""]}, "NEWSCLEAN_FIELDS must be a list"),
    ("fields-twice", {"NEWSCLEAN_FIELDS": ["body", "body"]}, "NEWSCLEAN_FIELDS names something twice"),
    ("nothing-to-clean", {"NEWSCLEAN_FIELDS": []}, "both empty, so there is nothing to clean"),
    ("field-text-and-html", {"NEWSCLEAN_HTML_FIELDS": ["body"]}, "'body' are in both NEWSCLEAN_FIELDS and NEWSCLEAN_HTML_FIELDS"),
    ("html-output", {"NEWSCLEAN_HTML_OUTPUT": "markdown"}, "NEWSCLEAN_HTML_OUTPUT must be one of 'html', 'text', got 'markdown'"),
    ("enabled-not-bool", {"NEWSCLEAN_ENABLED": "maybe"}, "NEWSCLEAN_ENABLED must be True or False"),
    ("drop-empty-not-bool", {"NEWSCLEAN_DROP_EMPTY": [1]}, "NEWSCLEAN_DROP_EMPTY must be True or False"),
    ("unknown-filter", {"NEWSCLEAN_FILTERS": ["placeholders", "nope"]}, "NEWSCLEAN_FILTERS: unknown filter 'nope'; known filters: mojibake, placeholders"),
    ("filter-import-fails", {"NEWSCLEAN_FILTERS": ["tests.nowhere:Filter"]}, "NEWSCLEAN_FILTERS: cannot import filter 'tests.nowhere:Filter'"),
    ("not-a-filter", {"NEWSCLEAN_FILTERS": ["tests.scrapy_support:article_page"]}, "is not a filter"),
    ("filter-twice", {"NEWSCLEAN_FILTERS": TOY + TOY}, "NEWSCLEAN_FILTERS names something twice"),
    ("without-unknown", {"NEWSCLEAN_FILTERS": None, "NEWSCLEAN_WITHOUT": ["nope"]}, "NEWSCLEAN_WITHOUT: no filter named 'nope'; this pipeline has: mojibake"),
    ("options-not-dict", {"NEWSCLEAN_FILTER_OPTIONS": ["x"]}, "NEWSCLEAN_FILTER_OPTIONS must map filter names to dicts"),
    ("options-bad-json", {"NEWSCLEAN_FILTER_OPTIONS": "{nope"}, "NEWSCLEAN_FILTER_OPTIONS is not valid JSON"),
    ("options-other-filter", {"NEWSCLEAN_FILTER_OPTIONS": {"embeds": {}}}, "NEWSCLEAN_FILTER_OPTIONS: options for 'embeds', which is not in the pipeline"),
    ("options-unknown", {"NEWSCLEAN_FILTER_OPTIONS": {"tests.scrapy_support:ToyAds": {"colour": 1}}}, "unexpected keyword argument 'colour'"),
    ("explain-is-cleaned", {"NEWSCLEAN_EXPLAIN_FIELD": "body"}, "NEWSCLEAN_EXPLAIN_FIELD 'body' is also a field to clean"),
    ("explain-not-str", {"NEWSCLEAN_EXPLAIN_FIELD": 3}, "NEWSCLEAN_EXPLAIN_FIELD must be a field name"),
    ("log-level", {"NEWSCLEAN_DROP_LOG_LEVEL": "LOUD"}, "NEWSCLEAN_DROP_LOG_LEVEL must be one of DEBUG, INFO, WARNING"),
    ("log-level-type", {"NEWSCLEAN_DROP_LOG_LEVEL": 3.5}, "NEWSCLEAN_DROP_LOG_LEVEL must be one of DEBUG, INFO, WARNING"),
    ("selector", {"NEWSCLEAN_HTML_REMOVE_SELECTORS": ["div[["]}, "NEWSCLEAN_HTML_REMOVE_SELECTORS: 'div[[' is not a CSS selector"),
]


@pytest.mark.parametrize(("settings", "message"), [b[1:] for b in BAD_SETTINGS], ids=[b[0] for b in BAD_SETTINGS])
def test_bad_settings_fail_at_start_up(settings: dict[str, Any], message: str) -> None:
    """Each bad setting raises ConfigurationError in from_crawler, naming the setting."""
    with pytest.raises(ConfigurationError, match=f"^newsclean Scrapy settings: .*{re.escape(message)}"):
        make(**settings)


def test_no_deprecation_warning_from_scrapy() -> None:
    """Scrapy's pipeline manager accepts the pipeline without a deprecation warning (no required `spider`)."""
    from scrapy.pipelines import ItemPipelineManager

    crawler = get_crawler(settings_dict={"ITEM_PIPELINES": {"newsclean.contrib.scrapy.NewscleanPipeline": 300}})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        manager = ItemPipelineManager.from_crawler(crawler)
    assert [type(mw).__name__ for mw in manager.middlewares] == ["NewscleanPipeline"]
    assert [str(w.message) for w in caught] == []


def test_old_scrapy_calling_convention() -> None:
    """Scrapy before 2.14 passes the spider positionally; that still works."""
    pipeline, _ = make()
    spider = scrapy.Spider(name="old")
    assert pipeline.process_item({"body": "A.\nAdvertisement"}, spider) == {"body": "A."}


# -- items -----------------------------------------------------------------
@pytest.mark.parametrize("kind", ITEM_TYPES)
def test_every_item_type_is_cleaned_in_place(kind: str) -> None:
    """dict, scrapy.Item, dataclass and attrs items get the cleaned field and the change records."""
    pipeline, crawler = make(NEWSCLEAN_EXPLAIN_FIELD="newsclean")
    item = ITEM_TYPES[kind](url="https://example.com/a", body="Rain.\n\nAdvertisement\n\nWind.")
    assert pipeline.process_item(item) is item
    assert type(item) is ITEM_TYPES[kind]
    assert field(item, "body") == "Rain.\n\nWind."
    assert field(item, "url") == "https://example.com/a"
    assert field(item, "newsclean") == [
        {"field": "body", "filter": "toy_ads", "rule": "toy_phrase", "action": "remove", "start": 7, "end": 22,
         "line": 3, "before": "Advertisement\n\n", "after": "", "block": "Advertisement", "reason": "a toy placeholder phrase"}
    ]
    assert our_stats(crawler) == {
        "newsclean/items": 1,
        "newsclean/items_changed": 1,
        "newsclean/changed/toy_ads": 1,
        "newsclean/removed_blocks/toy_ads": 1,
    }


@pytest.mark.parametrize("kind", ITEM_TYPES)
def test_missing_and_none_fields_pass_untouched(kind: str) -> None:
    """A field that is absent or None is left as it is and counted as no error."""
    pipeline, crawler = make(NEWSCLEAN_HTML_FIELDS=["body_html"])
    item = ITEM_TYPES[kind](url="https://example.com/a")
    pipeline.process_item(item)
    if isinstance(item, (dict, scrapy.Item)):
        assert "body" not in item
        assert our_stats(crawler) == {"newsclean/items": 1, "newsclean/items_without_fields": 1}
    else:  # a declared field that is None: present, just empty
        assert field(item, "body") is None
        assert our_stats(crawler) == {"newsclean/items": 1}


@pytest.mark.parametrize("value", [b"Rain.\nAdvertisement", 42, ["Rain."]], ids=["bytes", "int", "list"])
def test_wrong_type_is_logged_counted_and_kept(value: object, caplog: pytest.LogCaptureFixture) -> None:
    """A text field of the wrong type stays as it is; a warning names the field and URL; stats count it."""
    pipeline, crawler = make()
    item = {"url": "https://example.com/t", "body": value}
    with caplog.at_level(logging.WARNING, logger="newsclean.contrib.scrapy"):
        assert pipeline.process_item(item) == {"url": "https://example.com/t", "body": value}
    assert [r.getMessage() for r in caplog.records] == [
        f"newsclean: field 'body' of the item from https://example.com/t is {type(value).__name__}, not str; left unchanged"
    ]
    assert our_stats(crawler) == {"newsclean/items": 1, "newsclean/errors": 1, "newsclean/errors/type": 1}


@pytest.mark.parametrize("kind", ITEM_TYPES)
def test_one_bad_field_does_not_cost_the_others(kind: str) -> None:
    """A wrong-typed text field stays as it was, the HTML field next to it is still cleaned, nothing is dropped."""
    pipeline, crawler = make(NEWSCLEAN_HTML_FIELDS=["body_html"], NEWSCLEAN_DROP_EMPTY=True)
    item = ITEM_TYPES[kind](url="https://example.com/a", body={"text": "x"}, body_html="<p>Rain.</p><p>Advertisement</p>")
    assert pipeline.process_item(item) is item
    assert field(item, "body") == {"text": "x"}
    assert field(item, "body_html") == "<p>Rain.</p>"
    assert field(item, "url") == "https://example.com/a"
    assert our_stats(crawler)["newsclean/errors/type"] == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (b'<meta charset="iso-8859-1"><p>caf\xc3\xa9</p><p>Advertisement</p>', '<meta charset="iso-8859-1"><p>café</p>'),
        (b"<p>caf\xc3\xa9 \xff</p><p>Advertisement", "<p>caf\u00e9 \ufffd</p>"),
        ("<div>" * 3000 + "<p>deep</p><p>Advertisement</p>", None),
    ],
    ids=["lying-charset", "invalid-bytes-unclosed", "deep-nesting"],
)
def test_hostile_html_field_is_cleaned_not_lost(value: str | bytes, expected: str | None) -> None:
    """A lying charset, invalid bytes, unclosed tags and deep nesting in an HTML field clean without an error."""
    pipeline, crawler = make(NEWSCLEAN_FIELDS=[], NEWSCLEAN_HTML_FIELDS=["body_html"])
    item = pipeline.process_item({"body_html": value})
    if expected is not None:
        assert item["body_html"] == expected
    else:
        assert "deep" in item["body_html"] and "Advertisement" not in item["body_html"]
    assert "newsclean/errors" not in our_stats(crawler)


def test_a_filter_that_raises_keeps_the_item(caplog: pytest.LogCaptureFixture) -> None:
    """A filter error leaves that field unchanged, cleans the other fields, logs the URL and counts it."""
    pipeline, crawler = make(
        NEWSCLEAN_FILTERS=TOY + ["tests.scrapy_support:Exploding"], NEWSCLEAN_FIELDS=["body", "summary"]
    )
    item = {"url": "https://example.com/boom", "body": "Calm.\nBOOM\nAdvertisement", "summary": "Hi.\nAdvertisement"}
    with caplog.at_level(logging.ERROR, logger="newsclean.contrib.scrapy"):
        out = pipeline.process_item(item)
    assert out == {"url": "https://example.com/boom", "body": "Calm.\nBOOM\nAdvertisement", "summary": "Hi."}
    [record] = caplog.records
    assert record.getMessage() == (
        "newsclean: cleaning field 'body' of the item from https://example.com/boom failed; left unchanged"
    )
    assert record.exc_info is not None and str(record.exc_info[1]) == "the exploding filter met BOOM"
    assert our_stats(crawler) == {
        "newsclean/items": 1,
        "newsclean/errors": 1,
        "newsclean/errors/filter": 1,
        "newsclean/items_changed": 1,
        "newsclean/changed/toy_ads": 1,
        "newsclean/removed_blocks/toy_ads": 1,
    }


def test_filter_error_without_url(caplog: pytest.LogCaptureFixture) -> None:
    """An item without a url field is still named in the log, as having none."""
    pipeline, _ = make(NEWSCLEAN_FILTERS=["tests.scrapy_support:Exploding"])
    with caplog.at_level(logging.ERROR, logger="newsclean.contrib.scrapy"):
        assert pipeline.process_item({"body": "BOOM"}) == {"body": "BOOM"}
    assert "from (no url field) failed" in caplog.records[0].getMessage()


def test_explain_field_not_declared_on_the_item(caplog: pytest.LogCaptureFixture) -> None:
    """An Item without the explain field keeps its cleaned text; one warning per item class, every miss counted."""
    pipeline, crawler = make(NEWSCLEAN_EXPLAIN_FIELD="newsclean")
    items = [BareItem(body="A.\nAdvertisement"), BareItem(body="B.")]
    with caplog.at_level(logging.WARNING, logger="newsclean.contrib.scrapy"):
        assert [dict(pipeline.process_item(i)) for i in items] == [{"body": "A."}, {"body": "B."}]
    assert len(caplog.records) == 1
    assert "cannot set field 'newsclean' of a BareItem item" in caplog.records[0].getMessage()
    assert caplog.records[0].getMessage().endswith("; declare a 'newsclean' field on BareItem")
    assert our_stats(crawler)["newsclean/errors/write"] == 2


def test_frozen_item_is_kept() -> None:
    """A frozen dataclass cannot take the cleaned text: the item goes on unchanged, the error is counted."""

    @dataclass(frozen=True)
    class Frozen:
        body: str

    pipeline, crawler = make()
    item = Frozen(body="A.\nAdvertisement")
    assert pipeline.process_item(item) == Frozen(body="A.\nAdvertisement")
    assert our_stats(crawler) == {"newsclean/items": 1, "newsclean/errors": 1, "newsclean/errors/write": 1}


# -- dropping ----------------------------------------------------------------
def test_drop_empty_raises_dropitem_with_reason() -> None:
    """NEWSCLEAN_DROP_EMPTY drops an item left with nothing, with the filter's reason and the URL."""
    pipeline, crawler = make(NEWSCLEAN_DROP_EMPTY=True)
    with pytest.raises(DropItem) as raised:
        pipeline.process_item({"url": "https://example.com/ad", "body": "Advertisement\n\nLoading…"})
    assert str(raised.value) == (
        "newsclean: nothing left in body after cleaning (only_ads); item from https://example.com/ad"
    )
    assert getattr(raised.value, "log_level", None) is None
    assert our_stats(crawler)["newsclean/dropped/only_ads"] == 1


@pytest.mark.skipif(not DROPITEM_HAS_LOG_LEVEL, reason="this Scrapy's DropItem takes no log_level")
@pytest.mark.parametrize("level", ["info", logging.INFO], ids=["name", "constant"])
def test_drop_log_level(level: object) -> None:
    """NEWSCLEAN_DROP_LOG_LEVEL sets the level Scrapy logs the drop at."""
    pipeline, _ = make(NEWSCLEAN_DROP_EMPTY=True, NEWSCLEAN_DROP_LOG_LEVEL=level)
    with pytest.raises(DropItem) as raised:
        pipeline.process_item({"body": "Advertisement"})
    assert raised.value.log_level == "INFO"


@pytest.mark.skipif(DROPITEM_HAS_LOG_LEVEL, reason="this Scrapy's DropItem takes log_level")
def test_drop_log_level_refused_on_old_scrapy() -> None:
    """On a Scrapy whose DropItem has no log_level, asking for one fails at start-up."""
    with pytest.raises(ConfigurationError, match="NEWSCLEAN_DROP_LOG_LEVEL needs a Scrapy whose DropItem takes log_level"):
        make(NEWSCLEAN_DROP_LOG_LEVEL="INFO")


def test_drop_empty_default_reason_and_off() -> None:
    """An empty scraped body is dropped as 'empty' when asked; with the setting off nothing is dropped."""
    pipeline, crawler = make(NEWSCLEAN_DROP_EMPTY=True)
    with pytest.raises(DropItem, match=r"\(empty\)"):
        pipeline.process_item({"body": "  "})
    assert our_stats(crawler)["newsclean/dropped/empty"] == 1
    pipeline, crawler = make()
    assert pipeline.process_item({"body": "Advertisement"}) == {"body": ""}
    assert not any(k.startswith("newsclean/dropped") for k in our_stats(crawler))


@pytest.mark.parametrize(
    "item",
    [
        {"body": "Advertisement", "summary": "Still here."},
        {"body": "Advertisement", "summary": 7},
        {"body": "Advertisement", "summary": None},
    ],
    ids=["other-field-has-text", "other-field-wrong-type", "other-field-none"],
)
def test_drop_empty_needs_every_field_empty(item: dict[str, Any]) -> None:
    """An item is dropped only when every present field was cleaned to nothing (a None field does not count)."""
    pipeline, _ = make(NEWSCLEAN_DROP_EMPTY=True, NEWSCLEAN_FIELDS=["body", "summary"])
    if item["summary"] is None:
        with pytest.raises(DropItem):
            pipeline.process_item(item)
    else:
        assert pipeline.process_item(item)["body"] == ""


# -- stats and HTML fields -----------------------------------------------------
def test_stats_add_up_over_items() -> None:
    """changed/<filter> counts items, removed_blocks/<filter> counts blocks, across fields and items."""
    pipeline, crawler = make(NEWSCLEAN_FIELDS=["body", "summary"])
    pipeline.process_item({"body": "A\nAdvertisement\nB\nLoading…", "summary": "Advertisement\nS"})
    pipeline.process_item({"body": "Nothing to do."})
    pipeline.process_item({"body": "C\nAdvertisement"})
    assert our_stats(crawler) == {
        "newsclean/items": 3,
        "newsclean/items_changed": 2,
        "newsclean/changed/toy_ads": 2,
        "newsclean/removed_blocks/toy_ads": 4,
    }


@pytest.mark.parametrize(
    ("output", "value", "expected"),
    [
        ("html", "<article><p>Rain.</p><p>Advertisement</p></article>", "<article><p>Rain.</p></article>"),
        ("text", "<article><p>Rain.</p><p>Advertisement</p><p>Wind.</p></article>", "Rain.\nWind."),
        ("html", b"<p>Rain.</p><p>Advertisement</p>", "<p>Rain.</p>"),
    ],
    ids=["html", "text", "bytes"],
)
def test_html_fields(output: str, value: str | bytes, expected: str) -> None:
    """HTML fields go through clean_html, as HTML or as text (needs newsclean._html.clean)."""
    pipeline, crawler = make(NEWSCLEAN_FIELDS=[], NEWSCLEAN_HTML_FIELDS=["body_html"], NEWSCLEAN_HTML_OUTPUT=output,
                             NEWSCLEAN_EXPLAIN_FIELD="newsclean")
    item = pipeline.process_item({"body_html": value})
    assert item["body_html"] == expected
    assert [(c["field"], c["block"], c["path"]) for c in item["newsclean"]][0][:2] == ("body_html", "Advertisement")
    assert our_stats(crawler)["newsclean/removed_blocks/toy_ads"] == 1


@pytest.mark.parametrize(
    ("value", "text"), [("<P>Rain.<p>Wind.", "Rain.\nWind."), (b"<p>Rain.</p>", "Rain.")], ids=["odd-markup", "bytes"]
)
def test_unchanged_html_is_kept_as_it_was(value: str | bytes, text: str) -> None:
    """An HTML field no filter changed keeps its exact value and type, not a re-serialisation (needs newsclean._html.clean)."""
    pipeline, _ = make(NEWSCLEAN_FIELDS=[], NEWSCLEAN_HTML_FIELDS=["body_html"])
    assert pipeline.process_item({"body_html": value}) == {"body_html": value}
    pipeline, _ = make(NEWSCLEAN_FIELDS=[], NEWSCLEAN_HTML_FIELDS=["body_html"], NEWSCLEAN_HTML_OUTPUT="text")
    assert pipeline.process_item({"body_html": value}) == {"body_html": text}


def test_html_remove_selectors() -> None:
    """NEWSCLEAN_HTML_REMOVE_SELECTORS removes the matching elements from HTML fields."""
    pipeline, _ = make(NEWSCLEAN_FIELDS=[], NEWSCLEAN_HTML_FIELDS=["body_html"],
                       NEWSCLEAN_HTML_REMOVE_SELECTORS=["div.promo"])
    item = pipeline.process_item({"body_html": '<div><p>Rain.</p><div class="promo">Subscribe now</div></div>'})
    assert item == {"body_html": "<div><p>Rain.</p></div>"}


def test_real_filter_options() -> None:
    """Real filters: NEWSCLEAN_FILTER_OPTIONS adds a placeholder phrase to the built-in filter."""
    pipeline, _ = make(NEWSCLEAN_FILTERS=None, NEWSCLEAN_FILTER_OPTIONS={"placeholders": {"add": {"Reklame": "ad_label"}}})
    assert pipeline.process_item({"body": "Rain.\nReklame\nWind."}) == {"body": "Rain.\nWind."}


def test_real_filters_unit() -> None:
    """Real filters: the default pipeline removes a placeholder paragraph with its separator."""
    crawler = get_crawler()
    pipeline = NewscleanPipeline.from_crawler(crawler)
    # sentences around the ad: between two very short lines the filter reads a list and keeps it
    body = "The storm reached the coast.\n\nAdvertisement\n\nThousands lost power."
    assert pipeline.process_item({"body": body}) == {"body": "The storm reached the coast.\n\nThousands lost power."}
    assert our_stats(crawler)["newsclean/removed_blocks/placeholders"] == 1


# -- ItemLoader processors -------------------------------------------------------
def test_itemloader_processors_with_filters_and_pipelines() -> None:
    """A filter and a pipeline each work as a MapCompose processor (plumbing, toy filter)."""

    class Loaded(scrapy.Item):
        body = scrapy.Field(input_processor=MapCompose(Pipeline(ToyAds())), output_processor=TakeFirst())
        lead = scrapy.Field(input_processor=MapCompose(ToyAds()), output_processor=TakeFirst())

    loader = ItemLoader(item=Loaded())
    loader.add_value("body", "Rain.\nAdvertisement\nWind.")
    loader.add_value("lead", ["Advertisement", "Rain."])
    assert dict(loader.load_item()) == {"body": "Rain.\nWind.", "lead": "Rain."}


def test_itemloader_mapcompose_clean_on_reference_example() -> None:
    """Real filters: MapCompose(newsclean.clean) cleans the reference example; Compose(Join, clean) a list of <p>."""

    class Article(scrapy.Item):
        body = scrapy.Field(input_processor=MapCompose(newsclean.clean), output_processor=TakeFirst())
        paragraphs = scrapy.Field(output_processor=Compose(Join("\n"), newsclean.clean))

    response = scrapy.http.HtmlResponse(
        "https://example.com/a", body=article_page("A", ["The storm reached the coast.", "Advertisement", "Thousands lost power."]),
        encoding="utf-8",
    )
    loader = ItemLoader(item=Article(), response=response)
    loader.add_value("body", SEED)
    loader.add_xpath("paragraphs", "//article/p/text()")
    assert dict(loader.load_item()) == {
        "body": SEED_EXPECTED, "paragraphs": "The storm reached the coast.\nThousands lost power."
    }


# -- the real crawl --------------------------------------------------------------
@dataclass
class Crawl:
    returncode: int
    stderr: str
    items: dict[str, dict[str, Any]]  # by URL path
    stats: dict[str, Any]
    warnings: list[str]
    failures: list[str]  # exceptions that made the crawl fail


def aeb_paragraphs() -> dict[str, list[str]]:
    rows = {row["id"][:12]: row for row in read_jsonl("articles/aeb_bodies.jsonl")}
    return {ident: rows[ident]["body"].split("\n\n") for ident in AEB_IDS}


def build_pages() -> dict[str, bytes]:
    pages = {
        "/rafah.html": article_page("Rafah", SEED.split("\n")),
        "/ads-only.html": article_page("Ads", ["Advertisement"]),
        "/boom.html": article_page("Boom", ["Calm day.", "BOOM"]),
        "/no-article.html": b"<html><head><title>Index</title></head><body><p>Nothing here</p></body></html>",
    }
    if corpus_available():
        for ident, paragraphs in aeb_paragraphs().items():
            # a real body with the two placeholders scrapers meet most: one inside, one at the end
            pages[f"/aeb-{ident}.html"] = article_page(ident, [paragraphs[0], "Advertisement", *paragraphs[1:], "Loading…"])
    return pages


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with Site(build_pages()) as running:
        yield running


def crawl(site: Site, tmp: Path, settings: dict[str, Any], item_class: str | None = None) -> Crawl:
    """Run a real Scrapy crawl of the whole site in a subprocess; read back the feed and the stats."""
    feed = tmp / "items.jsonl"
    config = {
        "item_class": item_class,
        "urls": [site.url(path) for path in sorted(site.pages)],
        "report": str(tmp / "report.json"),
        "settings": {
            "ITEM_PIPELINES": {"newsclean.contrib.scrapy.NewscleanPipeline": 300},
            "FEEDS": {feed.as_uri(): {"format": "jsonlines", "encoding": "utf8", "overwrite": True}},
            "LOG_LEVEL": "WARNING",
            "ROBOTSTXT_OBEY": False,
            "TELNETCONSOLE_ENABLED": False,
            "RETRY_ENABLED": False,
            "DOWNLOAD_TIMEOUT": 20,
            "CLOSESPIDER_TIMEOUT": 60,
            **settings,
        },
    }
    (tmp / "config.json").write_text(json.dumps(config), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tests.scrapy_support", str(tmp / "config.json")],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env=_env(),
    )
    report = json.loads((tmp / "report.json").read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()] if feed.exists() else []
    items = {row["url"].removeprefix(site.base): row for row in rows}
    return Crawl(done.returncode, done.stderr, items, report["stats"], report["warnings"], report["failures"])


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    return env


def newsclean_stats(result: Crawl) -> dict[str, Any]:
    return {k: v for k, v in result.stats.items() if k.startswith("newsclean/")}


@pytest.fixture(scope="module")
def toy_crawl(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """A crawl with the toy filters: checks the plumbing whatever state the built-in filters are in."""
    return crawl(site, tmp_path_factory.mktemp("toy_crawl"), {
        "NEWSCLEAN_FILTERS": TOY + ["tests.scrapy_support:Exploding"],
        "NEWSCLEAN_EXPLAIN_FIELD": "newsclean",
        "NEWSCLEAN_DROP_EMPTY": True,
    })


@pytest.fixture(scope="module")
def real_crawl(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """A crawl with the default pipeline on text and HTML fields, as a user would run it."""
    return crawl(site, tmp_path_factory.mktemp("real_crawl"), {
        "NEWSCLEAN_FIELDS": ["body"],
        "NEWSCLEAN_HTML_FIELDS": ["body_html"],
        "NEWSCLEAN_DROP_EMPTY": True,
    })


def test_crawl_toy_items(toy_crawl: Crawl, site: Site) -> None:
    """Real crawl, toy filters: every page's item is exported cleaned; the broken one unchanged; one dropped."""
    assert (toy_crawl.returncode, toy_crawl.failures) == (0, []), toy_crawl.stderr
    expected_paths = sorted(set(site.pages) - {"/ads-only.html"})
    assert sorted(toy_crawl.items) == expected_paths
    assert SEED.endswith("\nLoading…")
    rafah = toy_crawl.items["/rafah.html"]
    assert rafah["body"] == SEED.removesuffix("\nLoading…")
    assert rafah["newsclean"] == [{
        "field": "body", "filter": "toy_ads", "rule": "toy_phrase", "action": "remove",
        "start": len(SEED) - len("\nLoading…"), "end": len(SEED), "line": 37, "before": "\nLoading…", "after": "",
        "block": "Loading…", "reason": "a toy placeholder phrase",
    }]
    assert toy_crawl.items["/boom.html"]["body"] == "Calm day.\nBOOM"
    assert toy_crawl.items["/no-article.html"]["body"] is None
    assert toy_crawl.items["/no-article.html"]["newsclean"] == []


def test_crawl_toy_stats_and_log(toy_crawl: Crawl, site: Site) -> None:
    """Real crawl, toy filters: the stats count items, changes, blocks, the error and the drop; the log names the URL."""
    n_aeb = sum(path.startswith("/aeb-") for path in site.pages)
    assert newsclean_stats(toy_crawl) == {
        "newsclean/items": len(site.pages),
        "newsclean/items_changed": 2 + n_aeb,
        "newsclean/changed/toy_ads": 2 + n_aeb,
        "newsclean/removed_blocks/toy_ads": 2 + 2 * n_aeb,
        "newsclean/errors": 1,
        "newsclean/errors/filter": 1,
        "newsclean/dropped/only_ads": 1,
    }
    assert toy_crawl.stats["item_scraped_count"] == len(site.pages) - 1
    assert toy_crawl.stats["item_dropped_count"] == 1
    assert f"cleaning field 'body' of the item from {site.url('/boom.html')} failed; left unchanged" in toy_crawl.stderr
    assert "RuntimeError: the exploding filter met BOOM" in toy_crawl.stderr
    assert [w for w in toy_crawl.warnings if "newsclean" in w.lower()] == []


@pytest.mark.parametrize("ident", AEB_IDS)
def test_crawl_toy_corpus_pages(toy_crawl: Crawl, ident: str) -> None:
    """Real crawl, toy filters, real article bodies: the injected placeholders go, the body comes back whole."""
    paragraphs = aeb_paragraphs()[ident]
    assert toy_crawl.items[f"/aeb-{ident}.html"]["body"] == "\n".join(paragraphs)


def test_crawl_real_reference_example(real_crawl: Crawl) -> None:
    """Real filters, real crawl: the reference example comes out as its expected text, as text and as HTML."""
    assert (real_crawl.returncode, real_crawl.failures) == (0, []), real_crawl.stderr
    rafah = real_crawl.items["/rafah.html"]
    assert rafah["body"] == SEED_EXPECTED
    assert _paragraphs(rafah["body_html"]) == SEED_EXPECTED.split("\n")


@pytest.mark.parametrize("ident", AEB_IDS)
def test_crawl_real_corpus_pages(real_crawl: Crawl, ident: str) -> None:
    """Real filters, real crawl, real bodies: placeholders removed, every real paragraph kept, text and HTML."""
    paragraphs = aeb_paragraphs()[ident]
    item = real_crawl.items[f"/aeb-{ident}.html"]
    assert item["body"] == "\n".join(paragraphs)
    assert _paragraphs(item["body_html"]) == paragraphs


def test_crawl_real_stats(real_crawl: Crawl, site: Site) -> None:
    """Real filters, real crawl: the stats say which filters acted on how many items, and the drop."""
    n_aeb = sum(path.startswith("/aeb-") for path in site.pages)
    stats = newsclean_stats(real_crawl)
    assert "/ads-only.html" not in real_crawl.items
    dropped = {k: v for k, v in stats.items() if k.startswith("newsclean/dropped/")}
    assert list(dropped.values()) == [1]
    changed = {k: v for k, v in stats.items() if k.startswith("newsclean/changed/")}
    assert changed == {"newsclean/changed/placeholders": 2 + n_aeb, "newsclean/changed/double_post": 1}
    # both fields of each page: Loading… on rafah, two per aeb page, Advertisement on ads-only
    assert stats["newsclean/removed_blocks/placeholders"] == 2 * (1 + 2 * n_aeb + 1)
    assert stats["newsclean/items"] == len(site.pages)
    assert "newsclean/errors" not in stats


def test_crawl_bad_setting_stops_at_start(site: Site, tmp_path: Path) -> None:
    """A bad setting stops the real crawl at start-up: no page is fetched, the message names the setting."""
    before = len(site.requested)
    result = crawl(site, tmp_path, {"NEWSCLEAN_FILTERS": ["placeholders", "nope"]})
    assert result.returncode == 1
    message = "newsclean Scrapy settings: NEWSCLEAN_FILTERS: unknown filter 'nope'; known filters: mojibake,"
    [failure] = result.failures
    assert failure.startswith(f"ConfigurationError: {message}")
    assert message in result.stderr
    assert len(site.requested) == before
    assert result.items == {}
    assert "item_scraped_count" not in result.stats


def _paragraphs(markup: str) -> list[str]:
    return [p.text_content() for p in lxml.html.fragment_fromstring(markup).iter("p")]


# -- items that refuse a new value, fields that no item has ----------------------------------------


def _pydantic_items() -> list[Any]:
    pydantic = pytest.importorskip("pydantic", reason="pydantic is not installed (pip install pydantic)")

    class Frozen(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(frozen=True)
        url: str
        body: str

    class Validated(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(validate_assignment=True)
        url: str
        body: str = pydantic.Field(min_length=20)

    return [Frozen(url="u", body="Calm day.\nAdvertisement"), Validated(url="u", body="Calm day.\nAdvertisement")]


@pytest.mark.parametrize("kind", ["guarded-dataclass", "pydantic-frozen", "pydantic-constraint"])
def test_an_item_that_refuses_the_value_is_kept(kind: str, caplog: pytest.LogCaptureFixture) -> None:
    """Writing back raises ValueError or ValidationError: the item is returned with its original value, logged, counted."""
    from tests.scrapy_support import GuardedArticle

    if kind == "guarded-dataclass":
        item: Any = GuardedArticle(url="u", body="Calm day.\nAdvertisement")
    else:
        item = _pydantic_items()[kind == "pydantic-constraint"]
    pipeline, crawler = make()
    with caplog.at_level(logging.WARNING, logger="newsclean.contrib.scrapy"):
        assert pipeline.process_item(item) is item
    assert item.body == "Calm day.\nAdvertisement"
    assert our_stats(crawler)["newsclean/errors/write"] == 1
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
        f"newsclean: cannot set field 'body' of a {type(item).__name__} item"
    ]


def test_crawl_with_items_that_refuse_new_values_exports_every_item(site: Site, tmp_path: Path) -> None:
    """Real crawl yielding items that raise ValueError on assignment: every item is exported, unchanged."""
    result = crawl(site, tmp_path, {"NEWSCLEAN_FILTERS": TOY}, item_class="tests.scrapy_support:GuardedArticle")
    assert (result.returncode, result.failures) == (0, []), result.stderr
    assert sorted(result.items) == sorted(site.pages)
    assert result.items["/ads-only.html"]["body"] == "Advertisement"
    refused = [i for i in result.items.values() if {"Advertisement", "Loading…"} & set((i["body"] or "").split("\n"))]
    assert result.stats["newsclean/errors/write"] == len(refused) >= 2  # each kept its placeholder: unchanged
    assert "cannot set field 'body' of a GuardedArticle item" in result.stderr


def test_items_without_the_fields_are_warned_about_once(caplog: pytest.LogCaptureFixture) -> None:
    """NEWSCLEAN_FIELDS naming a field no item has: one warning after 10 items, naming the fields items have."""
    pipeline, crawler = make(NEWSCLEAN_FIELDS=["body"])
    with caplog.at_level(logging.WARNING, logger="newsclean.contrib.scrapy"):
        for i in range(25):
            pipeline.process_item({"url": f"u{i}", "text": "Calm.\nAdvertisement"})
        pipeline.close_spider()
    assert [r.getMessage() for r in caplog.records] == [
        "newsclean: 10 item(s) had none of the fields to clean ('body'), so they were not cleaned; "
        "they have 'url', 'text'; set NEWSCLEAN_FIELDS (or NEWSCLEAN_HTML_FIELDS) to the item fields holding the text"
    ]
    assert our_stats(crawler)["newsclean/items_without_fields"] == 25


def test_no_warning_when_some_items_have_the_field(caplog: pytest.LogCaptureFixture) -> None:
    """Items of another kind (an index page without a body) among articles: no warning."""
    pipeline, _ = make(NEWSCLEAN_FIELDS=["body"])
    with caplog.at_level(logging.WARNING, logger="newsclean.contrib.scrapy"):
        pipeline.process_item({"url": "a", "body": "Calm."})
        for i in range(20):
            pipeline.process_item({"url": f"index{i}"})
        pipeline.close_spider()
    assert caplog.records == []


def test_crawl_logs_the_setup_and_warns_about_a_field_no_item_has(site: Site, tmp_path: Path) -> None:
    """Real crawl with NEWSCLEAN_FIELDS = ["text"]: start-up names fields and filters; the end warns once."""
    result = crawl(site, tmp_path, {"NEWSCLEAN_FIELDS": ["text"], "NEWSCLEAN_FILTERS": TOY, "LOG_LEVEL": "INFO"})
    assert result.returncode == 0, result.stderr
    lines = [line.split("] ", 1)[-1] for line in result.stderr.splitlines() if "newsclean:" in line]
    assert lines[0] == "INFO: newsclean: cleaning item fields 'text' with filters toy_ads"
    warnings = [line for line in lines if "had none of the fields" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"WARNING: newsclean: {len(site.pages)} item(s) had none of the fields to clean ('text')")
    assert result.stats["newsclean/items_without_fields"] == len(site.pages)
