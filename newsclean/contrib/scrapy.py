"""Scrapy integration: an item pipeline that cleans text and HTML fields as items are scraped.

Enable it with two settings (it needs the ``scrapy`` extra:
``pip install 'newsclean[scrapy]'``)::

    ITEM_PIPELINES = {"newsclean.contrib.scrapy.NewscleanPipeline": 300}
    NEWSCLEAN_FIELDS = ["body"]

Every ``NEWSCLEAN_*`` setting is read and checked once, in ``from_crawler``:
a bad value stops the crawl at start-up with a :class:`~newsclean.ConfigurationError`
naming the setting, never on the first item. Items of any type Scrapy supports
(dict, ``scrapy.Item``, dataclass, attrs) are handled through ``itemadapter``.
A missing field or a ``None`` value is left alone; a value of the wrong type, or
a filter that raises, is logged and counted in the stats, and the item goes on
with that field unchanged. See ``docs/scrapy.md`` for the settings table and the stats.

>>> from scrapy.utils.test import get_crawler
>>> crawler = get_crawler(settings_dict={"NEWSCLEAN_FIELDS": ["body"]})
>>> pipeline = NewscleanPipeline.from_crawler(crawler)
>>> pipeline.process_item({"url": "https://example.com/a", "body": "Calm day.\\n\\nAdvertisement"})
{'url': 'https://example.com/a', 'body': 'Calm day.'}
>>> crawler.stats.get_value("newsclean/removed_blocks/placeholders")
1
"""

from __future__ import annotations

import inspect
import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn, cast

from newsclean._core.errors import ConfigurationError, MissingExtraError, config_error
from newsclean._core.pipeline import Pipeline
from newsclean._core.result import tally_changes
from newsclean._html.dispatch import clean_value
from newsclean._registry import build_pipeline, default_pipeline

try:
    from itemadapter import ItemAdapter
    from scrapy.exceptions import DropItem, NotConfigured
except ImportError as exc:  # pragma: no cover - exercised in a test that hides scrapy
    raise MissingExtraError((exc.name or "scrapy").partition(".")[0], "scrapy") from exc

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector

    from newsclean._core.changes import Change

__all__ = ["NearDuplicatePipeline", "NewscleanPipeline", "NewscleanSettings"]

logger = logging.getLogger(__name__)

# DropItem(message, log_level=...) only exists in recent Scrapy releases; older
# ones log every dropped item at WARNING and take the message alone.
_DROPITEM_HAS_LOG_LEVEL = "log_level" in inspect.signature(DropItem.__init__).parameters
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
#: Items with none of the fields to clean (and none with them) before the warning is logged.
WARN_AFTER_ITEMS = 10
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True, kw_only=True)
class NewscleanSettings:
    """The pipeline's configuration, checked: what :meth:`from_scrapy` makes of the ``NEWSCLEAN_*`` settings."""

    fields: tuple[str, ...] = ("body",)
    html_fields: tuple[str, ...] = ()
    html_output: str = "html"
    html_remove_selectors: tuple[str, ...] = ()
    pipeline: Pipeline = field(default_factory=default_pipeline)
    explain_field: str | None = None
    drop_empty: bool = False
    drop_log_level: str | None = None
    # site profiles (docs/profiles.md): a file from `newsclean learn`, and/or learning the first N items per host
    profiles: str | None = None
    learn_warmup: int = 0

    @classmethod
    def from_scrapy(cls, settings: BaseSettings) -> NewscleanSettings:
        """Read and check the ``NEWSCLEAN_*`` settings; raise :class:`ConfigurationError` naming a bad one."""
        names = _names(settings, "NEWSCLEAN_FILTERS", None)
        options = _filter_options(settings.get("NEWSCLEAN_FILTER_OPTIONS"))
        made = cls(
            fields=_names(settings, "NEWSCLEAN_FIELDS", ("body",)) or (),
            html_fields=_names(settings, "NEWSCLEAN_HTML_FIELDS", ()) or (),
            html_output=_choice(settings, "NEWSCLEAN_HTML_OUTPUT", ("html", "text"), "html"),
            html_remove_selectors=_names(settings, "NEWSCLEAN_HTML_REMOVE_SELECTORS", (), split=False) or (),
            pipeline=_build_pipeline(names, _names(settings, "NEWSCLEAN_WITHOUT", ()) or (), options),
            explain_field=_optional_name(settings, "NEWSCLEAN_EXPLAIN_FIELD"),
            drop_empty=_bool(settings, "NEWSCLEAN_DROP_EMPTY", False),
            drop_log_level=_log_level(settings.get("NEWSCLEAN_DROP_LOG_LEVEL")),
            profiles=_optional_name(settings, "NEWSCLEAN_PROFILES"),
            learn_warmup=_warmup(settings.get("NEWSCLEAN_LEARN_WARMUP", 0)),
        )
        made.check()
        return made

    def check(self) -> None:
        """Raise :class:`ConfigurationError` if the fields overlap or there is nothing to clean."""
        if not self.fields and not self.html_fields:
            _fail(
                "NEWSCLEAN_FIELDS and NEWSCLEAN_HTML_FIELDS are both empty, so there is nothing to clean; "
                "name the item fields to clean, or set NEWSCLEAN_ENABLED = False to turn the pipeline off"
            )
        both = sorted(set(self.fields) & set(self.html_fields))
        if both:
            _fail(f"field(s) {', '.join(map(repr, both))} are in both NEWSCLEAN_FIELDS and NEWSCLEAN_HTML_FIELDS; pick one")
        if self.explain_field is not None and self.explain_field in (*self.fields, *self.html_fields):
            _fail(f"NEWSCLEAN_EXPLAIN_FIELD {self.explain_field!r} is also a field to clean; use another name")
        if self.html_remove_selectors:
            self._check_selectors()
        if self.drop_log_level is not None and not _DROPITEM_HAS_LOG_LEVEL:
            _fail("NEWSCLEAN_DROP_LOG_LEVEL needs a Scrapy whose DropItem takes log_level; upgrade Scrapy or unset it")

    def _check_selectors(self) -> None:
        from newsclean._html.clean import explain_html

        for selector in self.html_remove_selectors:
            try:  # a tiny document: a selector that does not parse fails here, at start-up
                explain_html("<p>x</p>", pipeline=Pipeline(), remove_selectors=(selector,))
            except ConfigurationError as exc:
                _fail(f"NEWSCLEAN_HTML_REMOVE_SELECTORS: {selector!r} is not a CSS selector newsclean can use ({exc})")


class NewscleanPipeline:
    """A Scrapy item pipeline that cleans the configured text and HTML fields of every item.

    Built by Scrapy through :meth:`from_crawler`. It leaves alone the fields it is not told
    about, missing fields and ``None`` values, and never drops an item unless
    ``NEWSCLEAN_DROP_EMPTY`` is on and nothing is left of the cleaned fields.
    """

    def __init__(self, settings: NewscleanSettings, stats: StatsCollector) -> None:
        self.settings = settings
        self.stats = stats
        self._targets = tuple((name, False) for name in settings.fields) + tuple(
            (name, True) for name in settings.html_fields
        )
        self._explain_refused: set[str] = set()  # item classes already warned about, to log once each
        self._without_fields = 0  # items that had none of the fields to clean
        self._with_fields = 0
        self._fields_warned = False
        self._keys_seen: Counter[str] = Counter()
        self._sites = _site_chooser(settings)
        self._item_pipeline = settings.pipeline  # the pipeline of the item being cleaned (its site's, with profiles)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NewscleanPipeline:
        """Build the pipeline from the crawler's settings; ``NotConfigured`` when ``NEWSCLEAN_ENABLED`` is off."""
        if not _bool(crawler.settings, "NEWSCLEAN_ENABLED", True):
            raise NotConfigured("NEWSCLEAN_ENABLED is False")
        assert crawler.stats is not None  # Scrapy sets it before building pipelines
        made = cls(NewscleanSettings.from_scrapy(crawler.settings), crawler.stats)
        settings = made.settings
        logger.info(
            "newsclean: cleaning item fields %s%s with filters %s",
            ", ".join(map(repr, settings.fields)) or "(none)",
            f" and HTML fields {', '.join(map(repr, settings.html_fields))}" if settings.html_fields else "",
            ", ".join(settings.pipeline.names) or "(none)",
        )
        return made

    def _note_fields(self, adapter: ItemAdapter) -> None:
        """Count items with none of the fields to clean; warn once, naming the fields such items do have."""
        if any(name in adapter for name, _ in self._targets):
            self._with_fields += 1
            return
        self._without_fields += 1
        self.stats.inc_value("newsclean/items_without_fields")
        self._keys_seen.update(str(key) for key in adapter.keys())
        if self._without_fields >= WARN_AFTER_ITEMS and not self._with_fields:
            self._warn_fields()

    def _warn_fields(self) -> None:
        if self._fields_warned:
            return
        self._fields_warned = True
        wanted = " or ".join(repr(name) for name, _ in self._targets)
        have = ", ".join(f"{key!r}" for key, _ in self._keys_seen.most_common(12)) or "no fields"
        logger.warning(
            "newsclean: %d item(s) had none of the fields to clean (%s), so they were not cleaned; they have %s; "
            "set NEWSCLEAN_FIELDS (or NEWSCLEAN_HTML_FIELDS) to the item fields holding the text",
            self._without_fields, wanted, have,
        )

    # Scrapy >= 2.14 stops passing `spider` to components that do not ask for it.
    def close_spider(self, spider: object = None) -> None:
        """At the end of the crawl: warn (once) if some items had none of the fields to clean and none had them."""
        if self._without_fields and not self._with_fields:
            self._warn_fields()

    # Scrapy >= 2.14 warns when `spider` is a required argument and stops passing it;
    # Scrapy 2.11-2.13 pass it positionally. An optional argument suits both.
    def process_item(self, item: Any, spider: object = None) -> Any:
        """Clean the item's fields in place and return it; raise ``DropItem`` only under ``NEWSCLEAN_DROP_EMPTY``."""
        adapter = ItemAdapter(item)
        self.stats.inc_value("newsclean/items")
        self._note_fields(adapter)
        if self._sites is not None:
            texts = [v for name, is_html in self._targets if not is_html and isinstance(v := adapter.get(name), str)]
            self._item_pipeline, event = self._sites.choose(adapter.get("url"), texts)
            self.stats.inc_value(f"newsclean/profiles/{event}")
        outcomes: list[_Outcome] = []
        kept_as_is = False  # a present field we could not clean: the item has content we did not judge
        for name, is_html in self._targets:
            value = adapter.get(name)
            if value is None:
                continue
            try:
                outcomes.append(self._clean_field(adapter, name, value, is_html))
            except _FieldLeft:
                kept_as_is = True
        self._count(outcomes)
        if self.settings.explain_field is not None:
            records = [{"field": o.field, **c.to_dict()} for o in outcomes for c in o.changes]
            self._set(adapter, self.settings.explain_field, records, explain=True)
        if self.settings.drop_empty and outcomes and not kept_as_is and all(not o.text.strip() for o in outcomes):
            self._drop(adapter, outcomes)
        return item

    def _clean_field(self, adapter: ItemAdapter, name: str, value: object, is_html: bool) -> _Outcome:
        """Clean one field and write it back; raise :class:`_FieldLeft` (already logged and counted) if it stays as it was."""
        allowed: tuple[type, ...] = (str, bytes) if is_html else (str,)
        if not isinstance(value, allowed):
            self._error("type")
            logger.warning(
                "newsclean: field %r of the item from %s is %s, not %s; left unchanged",
                name, _url(adapter), type(value).__name__, " or ".join(t.__name__ for t in allowed),
            )
            raise _FieldLeft
        try:
            outcome = self._run(name, cast("str | bytes", value), is_html)
        # Any exception: a filter (built-in, or the user's own by import path) may
        # raise anything on one odd text, and one bad text must not cost the item
        # or stop the crawl. Not hidden: logged with its traceback and the URL,
        # counted in newsclean/errors/filter, and the field is kept unchanged.
        except Exception:  # noqa: BLE001
            self._error("filter")
            logger.exception("newsclean: cleaning field %r of the item from %s failed; left unchanged", name, _url(adapter))
            raise _FieldLeft from None
        if outcome.rewrite and outcome.value != value and not self._set(adapter, name, outcome.value):
            raise _FieldLeft
        return outcome

    def _run(self, name: str, value: str | bytes, is_html: bool) -> _Outcome:
        cleaned = clean_value(
            value, self._item_pipeline, html=is_html, html_output=self.settings.html_output,
            remove_selectors=self.settings.html_remove_selectors or (),
        )
        return _Outcome(name, cleaned.output, cleaned.text, cleaned.changes, cleaned.drop_reason, cleaned.rewrite)

    def _count(self, outcomes: Sequence[_Outcome]) -> None:
        tally = tally_changes(change for outcome in outcomes for change in outcome.changes)
        if tally:
            self.stats.inc_value("newsclean/items_changed")
        for name in tally:
            self.stats.inc_value(f"newsclean/changed/{name}")
        for name, counts in tally.items():
            if counts.removed:
                self.stats.inc_value(f"newsclean/removed_blocks/{name}", counts.removed)

    def _drop(self, adapter: ItemAdapter, outcomes: Sequence[_Outcome]) -> None:
        reason = next((o.drop_reason for o in outcomes if o.drop_reason), None) or "empty"
        self.stats.inc_value(f"newsclean/dropped/{reason}")
        fields = ", ".join(o.field for o in outcomes)
        message = f"newsclean: nothing left in {fields} after cleaning ({reason}); item from {_url(adapter)}"
        if self.settings.drop_log_level is not None:
            raise DropItem(message, log_level=self.settings.drop_log_level)
        raise DropItem(message)

    def _set(self, adapter: ItemAdapter, name: str, value: object, *, explain: bool = False) -> bool:
        """Write a field back; a frozen item or an undeclared field is logged and counted, not raised."""
        try:
            adapter[name] = value
        # Any exception: item classes refuse a value in their own ways (KeyError for an
        # undeclared scrapy.Item field, FrozenInstanceError, pydantic's ValidationError for
        # a frozen model or a failed constraint, whatever a custom __setattr__ raises), and
        # none of them may cost the item. Not hidden: logged, counted in newsclean/errors/write,
        # and the field keeps its original value.
        except Exception as exc:  # noqa: BLE001
            self._error("write")
            item_class = type(adapter.item).__name__
            if explain and item_class in self._explain_refused:
                return False  # said once for this item class; the stats keep counting
            if explain:
                self._explain_refused.add(item_class)
            hint = f"; declare a {name!r} field on {item_class}" if explain else ""
            logger.warning("newsclean: cannot set field %r of a %s item (%s)%s", name, item_class, exc, hint)
            return False
        return True

    def _error(self, kind: str) -> None:
        self.stats.inc_value("newsclean/errors")
        self.stats.inc_value(f"newsclean/errors/{kind}")


class _FieldLeft(Exception):
    """A field left as it was (wrong type, filter error, read-only item); already logged and counted."""


@dataclass(frozen=True)
class _Outcome:
    """One cleaned field: the value to write back (if ``rewrite``), its plain text, and the changes."""

    field: str
    value: str
    text: str
    changes: tuple[Change, ...]
    drop_reason: str | None
    rewrite: bool


def _url(adapter: ItemAdapter) -> str:
    url = adapter.get("url")
    return url if isinstance(url, str) and url else "(no url field)"


# -- reading settings ------------------------------------------------------
def _warmup(raw: object) -> int:
    if isinstance(raw, str) and raw.strip().isdigit():
        raw = int(raw)
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
        _fail(f"NEWSCLEAN_LEARN_WARMUP must be a whole number of items per host (0: off), got {raw!r}")
    return raw


def _site_chooser(settings: NewscleanSettings) -> Any:
    """The per-site pipeline chooser, or ``None`` when neither NEWSCLEAN_PROFILES nor a warm-up is set."""
    if settings.profiles is None and not settings.learn_warmup:
        return None
    from newsclean._profiles.profile import SiteProfiles
    from newsclean.contrib._sites import SiteChooser

    profiles = None
    if settings.profiles is not None:
        try:
            profiles = SiteProfiles.load(settings.profiles)
        except OSError as exc:
            _fail(f"NEWSCLEAN_PROFILES: cannot read {settings.profiles!r} ({exc.strerror or exc})")
        except ConfigurationError as exc:
            _fail(f"NEWSCLEAN_PROFILES: {exc}")
    return SiteChooser(settings.pipeline, profiles, warmup=settings.learn_warmup)


def _fail(message: str) -> NoReturn:
    config_error(f"newsclean Scrapy settings: {message}")


def _bool(settings: BaseSettings, name: str, default: bool) -> bool:
    raw = settings.get(name, default)
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
        return raw.strip().lower() in _TRUE
    _fail(f"{name} must be True or False (or '1'/'0', 'true'/'false' on the command line), got {raw!r}")


def _names(
    settings: BaseSettings, name: str, default: tuple[str, ...] | None, *, split: bool = True
) -> tuple[str, ...] | None:
    """A list setting of names; a comma-separated string (``-s NAME=a,b``) also works if *split*."""
    raw = settings.get(name)
    if raw is None:
        return default
    if isinstance(raw, str) and not raw.strip():
        return ()
    values = (raw.split(",") if split else [raw]) if isinstance(raw, str) else raw
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in values):
        _fail(f"{name} must be a list of non-empty strings (or 'a,b' on the command line), got {raw!r}")
    names = tuple(v.strip() for v in values)
    if len(set(names)) != len(names):
        _fail(f"{name} names something twice: {list(names)!r}")
    return names


def _optional_name(settings: BaseSettings, name: str) -> str | None:
    raw = settings.get(name)
    if raw is None or (isinstance(raw, str) and raw.strip()):
        return raw.strip() if isinstance(raw, str) else None
    _fail(f"{name} must be a field name (a non-empty string) or None, got {raw!r}")


def _choice(settings: BaseSettings, name: str, choices: tuple[str, ...], default: str) -> str:
    raw = settings.get(name, default)
    if raw not in choices:
        _fail(f"{name} must be one of {', '.join(map(repr, choices))}, got {raw!r}")
    return str(raw)


def _log_level(raw: object) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, int) and not isinstance(raw, bool) and logging.getLevelName(raw) in _LOG_LEVELS:
        return str(logging.getLevelName(raw))
    if isinstance(raw, str) and raw.strip().upper() in _LOG_LEVELS:
        return raw.strip().upper()
    _fail(f"NEWSCLEAN_DROP_LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)} (or a logging constant), got {raw!r}")


def _filter_options(raw: object) -> dict[str, dict[str, Any]]:
    if raw is None:
        return {}
    if isinstance(raw, str):
        import json

        try:
            raw = json.loads(raw)
        except ValueError as exc:
            _fail(f"NEWSCLEAN_FILTER_OPTIONS is not valid JSON ({exc})")
    ok = isinstance(raw, Mapping) and all(
        isinstance(k, str) and isinstance(v, Mapping) and all(isinstance(o, str) for o in v) for k, v in raw.items()
    )
    if not ok:
        _fail(f"NEWSCLEAN_FILTER_OPTIONS must map filter names to dicts of options, got {raw!r}")
    assert isinstance(raw, Mapping)
    return {name: dict(opts) for name, opts in raw.items()}


def _build_pipeline(names: tuple[str, ...] | None, without: tuple[str, ...], options: dict[str, dict[str, Any]]) -> Pipeline:
    """The pipeline the settings ask for, by the library's one builder; a mistake names the setting."""
    try:
        return build_pipeline(names, without=without, options=options)
    except ConfigurationError as exc:
        message = str(exc)
        if message.startswith("options for"):
            setting = "NEWSCLEAN_FILTER_OPTIONS"
        elif without and "no filter named" in message:
            setting = "NEWSCLEAN_WITHOUT"
        else:
            setting = "NEWSCLEAN_FILTERS"
        _fail(f"{setting}: {message}")


class NearDuplicatePipeline:
    """Mark each item with its near-duplicate cluster as it is scraped; drop exact repeats only when asked.

    A separate, optional stage (it needs the ``dedup`` extra too)::

        ITEM_PIPELINES = {"newsclean.contrib.scrapy.NewscleanPipeline": 300,
                          "newsclean.contrib.scrapy.NearDuplicatePipeline": 400}

    Settings: ``NEWSCLEAN_DUPS_ENABLED`` (True), ``NEWSCLEAN_DUPS_FIELD``
    (the text, ``"body"``), ``NEWSCLEAN_DUPS_ID_FIELD`` (``"url"``),
    ``NEWSCLEAN_DUPS_MARK_FIELD`` (``"near_duplicate"``: ``{"cluster",
    "similarity", "repeat"}``), ``NEWSCLEAN_DUPS_THRESHOLD`` (0.8),
    ``NEWSCLEAN_DUPS_DROP_REPEATS`` (False). The first copy seen represents a
    cluster (a crawl is a stream). Stats: ``newsclean_dups/items``,
    ``/clustered`` (joined an earlier item's cluster), ``/repeats``,
    ``/dropped_repeats``, ``/short``, ``/no_text``.
    """

    def __init__(self, index: Any, stats: StatsCollector, *, field: str, id_field: str, mark_field: str,
                 drop_repeats: bool) -> None:
        self.index, self.stats = index, stats
        self.field, self.id_field, self.mark_field, self.drop_repeats = field, id_field, mark_field, drop_repeats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NearDuplicatePipeline:
        """Read and check the ``NEWSCLEAN_DUPS_*`` settings; ``NotConfigured`` when switched off."""
        from newsclean._near_dups.index import StreamingIndex
        from newsclean._near_dups.options import NearDuplicateOptions

        settings = crawler.settings
        if not _bool(settings, "NEWSCLEAN_DUPS_ENABLED", True):
            raise NotConfigured("NEWSCLEAN_DUPS_ENABLED is False")
        raw = settings.get("NEWSCLEAN_DUPS_THRESHOLD", 0.8)
        try:
            threshold = float(raw)
            options = NearDuplicateOptions(threshold=threshold)
        except (TypeError, ValueError):
            _fail(f"NEWSCLEAN_DUPS_THRESHOLD must be a similarity above 0 and at most 1, got {raw!r}")
        names = {}
        for name, default in (("FIELD", "body"), ("ID_FIELD", "url"), ("MARK_FIELD", "near_duplicate")):
            names[name] = _optional_name(settings, f"NEWSCLEAN_DUPS_{name}") or default
        assert crawler.stats is not None  # Scrapy sets it before building pipelines
        return cls(StreamingIndex(options), crawler.stats, field=names["FIELD"], id_field=names["ID_FIELD"],
                   mark_field=names["MARK_FIELD"], drop_repeats=_bool(settings, "NEWSCLEAN_DUPS_DROP_REPEATS", False))

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Add the cluster mark to *item*, or raise ``DropItem`` for an exact repeat when asked to."""
        adapter = ItemAdapter(item)
        self.stats.inc_value("newsclean_dups/items")
        text = adapter.get(self.field)
        if not isinstance(text, str):
            self.stats.inc_value("newsclean_dups/no_text")
            return item
        placement = self.index.add(adapter.get(self.id_field), text)
        self.stats.inc_value("newsclean_dups/short", int(placement.short))
        if placement.repeat:
            self.stats.inc_value("newsclean_dups/repeats")
            if self.drop_repeats:
                self.stats.inc_value("newsclean_dups/dropped_repeats")
                raise DropItem(f"exact repeat of {placement.cluster!r} (newsclean near duplicates)")
        if placement.cluster != adapter.get(self.id_field):
            self.stats.inc_value("newsclean_dups/clustered")
        adapter[self.mark_field] = placement.to_dict()
        return item
