"""The built-in filters by name, and the default pipeline.

The default order is data, here, with its reasons:

1. ``mojibake`` first, so that the other filters see repaired text:
   ``Loadingâ€¦`` is the placeholder ``Loading…`` only after the repair, and
   two copies of a body compare equal only once both are repaired.
2. ``placeholders`` next: a ``Loading…`` or ``Advertisement`` line between two
   copies of a body would otherwise break the repeated run the next filter
   looks for.
3. ``furniture`` before the duplicate filters for the same reason: a teaser,
   a ``Share this story`` or a ``Sign up for our newsletter`` line between two
   copies of a body would break the repeated run too.
4. ``double_post`` removes a whole repeated body as one unit, embeds included,
   keeping the better copy.
5. ``embeds`` last: it deals with the single tweets (and other embeds) that are
   still duplicated once whole-body copies are gone.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Mapping
from typing import Any

from newsclean._core.errors import ConfigurationError, config_error
from newsclean._core.filter import Filter
from newsclean._core.pipeline import Pipeline

__all__ = ["DEFAULT_FILTERS", "FILTERS", "build_pipeline", "default_pipeline", "filter_by_name", "resolve_pipeline"]

#: name -> "module:Class" of each built-in filter (imported on first use).
FILTERS: dict[str, str] = {
    "mojibake": "newsclean._filters.mojibake:MojibakeFilter",
    "placeholders": "newsclean._filters.placeholders:PlaceholderFilter",
    "furniture": "newsclean._filters.furniture:FurnitureFilter",
    "double_post": "newsclean._filters.double_post:DoublePostFilter",
    "embeds": "newsclean._filters.embeds:EmbedFilter",
}

#: The default pipeline's filters, in order (see the module docstring for why).
DEFAULT_FILTERS: tuple[str, ...] = ("mojibake", "placeholders", "furniture", "double_post", "embeds")


def filter_by_name(name: str, **options: Any) -> Filter:
    """Build a filter from its name (a built-in) or its import path (``"pkg.mod:Class"``).

    >>> filter_by_name("placeholders").name
    'placeholders'
    """
    target = FILTERS.get(name, name)
    if ":" not in target and "." in target:
        target = target.rpartition(".")[0] + ":" + target.rpartition(".")[2]
    if ":" not in target:
        config_error(f"unknown filter {name!r}; known filters: {', '.join(FILTERS)} (or an import path 'pkg.mod:Class')")
    module_name, _, attr = target.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        config_error(f"cannot import filter {name!r} ({exc}); known filters: {', '.join(FILTERS)}")
    made = factory(**options) if isinstance(factory, type) else factory
    if not (hasattr(made, "name") and hasattr(made, "apply")):
        config_error(f"{name!r} is not a filter (it needs a name and an apply method)")
    return made  # type: ignore[no-any-return]


@functools.cache
def default_pipeline() -> Pipeline:
    """The default pipeline: ``mojibake``, ``placeholders``, ``furniture``, ``double_post``, ``embeds``.

    Built once and shared; pipelines are immutable, so sharing is safe.
    """
    return Pipeline(*(filter_by_name(name) for name in DEFAULT_FILTERS))


def build_pipeline(
    names: Iterable[str] | None = None,
    *,
    without: Iterable[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> Pipeline:
    """The pipeline a configuration asks for: the one builder behind the CLI and the Scrapy settings.

    *names* are built-in names or import paths (default: :data:`DEFAULT_FILTERS`),
    *without* names to leave out, *options* keyword options per filter name.
    Every mistake raises :class:`~newsclean.ConfigurationError` naming what exists:
    an unknown filter, options for a filter not in the pipeline, an option the
    filter does not take, options for a ready-made filter object.

    >>> build_pipeline(without=["mojibake"]).names
    ('placeholders', 'furniture', 'double_post', 'embeds')
    >>> build_pipeline(["placeholders"], options={"placeholders": {"languages": ["en"]}})["placeholders"].languages
    ('en',)
    >>> build_pipeline(["placeholders"], options={"embeds": {}})
    Traceback (most recent call last):
    ...
    newsclean.ConfigurationError: options for 'embeds', which is not in the pipeline (placeholders)
    """
    chosen = tuple(names) if names is not None else DEFAULT_FILTERS
    options = dict(options or {})
    unused = sorted(set(options) - set(chosen))
    if unused:
        config_error(f"options for {', '.join(map(repr, unused))}, which is not in the pipeline ({', '.join(chosen)})")
    pipeline = Pipeline(*(_configured(name, options.get(name) or {}) for name in chosen))
    left_out = tuple(without)
    return pipeline.without(*left_out) if left_out else pipeline


def _configured(name: str, options: Mapping[str, Any]) -> Filter:
    made = filter_by_name(name)
    if not options:
        return made
    try:
        configured = filter_by_name(name, **options)
    except ConfigurationError as exc:
        config_error(f"options for {name!r}: {exc}")
    except TypeError as exc:  # an option the filter's class does not take
        config_error(f"options for {name!r}: {exc}")
    if configured is made:  # the import path names a ready-made filter object, not a class
        config_error(f"options for {name!r}: it is a filter object, not a class, and takes no options")
    return configured


def resolve_pipeline(pipeline: object, *, function: str) -> Pipeline:
    """*pipeline*, or the default one for ``None``: the one check behind every entry point's ``pipeline=``.

    ``clean``, ``explain``, ``clean_html``, pandas and Dask all raise the same
    ``TypeError`` for anything else, naming the call that was made.

    >>> resolve_pipeline("mojibake", function="clean")
    Traceback (most recent call last):
    ...
    TypeError: clean(pipeline=...) needs a newsclean.Pipeline or None for the default, got str; build one with newsclean.build_pipeline(['mojibake']) or newsclean.Pipeline(filter, ...)
    """
    if pipeline is None:
        return default_pipeline()
    if isinstance(pipeline, Pipeline):
        return pipeline
    example = repr([pipeline]) if isinstance(pipeline, str) else "[...]"
    raise TypeError(
        f"{function}(pipeline=...) needs a newsclean.Pipeline or None for the default, got {type(pipeline).__name__}; "
        f"build one with newsclean.build_pipeline({example}) or newsclean.Pipeline(filter, ...)"
    )
