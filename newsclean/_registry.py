"""The built-in filters by name, and the default pipeline.

The default order is data, here, with its reasons:

1. ``mojibake`` first, so that the other filters see repaired text:
   ``Loadingâ€¦`` is the placeholder ``Loading…`` only after the repair, and
   two copies of a body compare equal only once both are repaired.
2. ``placeholders`` next: a ``Loading…`` or ``Advertisement`` line between two
   copies of a body would otherwise break the repeated run the next filter
   looks for.
3. ``double_post`` removes a whole repeated body as one unit, embeds included,
   keeping the better copy.
4. ``embeds`` last: it deals with the single tweets (and other embeds) that are
   still duplicated once whole-body copies are gone.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

from newsclean._core.errors import config_error
from newsclean._core.filter import Filter
from newsclean._core.pipeline import Pipeline

__all__ = ["DEFAULT_FILTERS", "FILTERS", "default_pipeline", "filter_by_name"]

#: name -> "module:Class" of each built-in filter (imported on first use).
FILTERS: dict[str, str] = {
    "mojibake": "newsclean._filters.mojibake:MojibakeFilter",
    "placeholders": "newsclean._filters.placeholders:PlaceholderFilter",
    "double_post": "newsclean._filters.double_post:DoublePostFilter",
    "embeds": "newsclean._filters.embeds:EmbedFilter",
}

#: The default pipeline's filters, in order (see the module docstring for why).
DEFAULT_FILTERS: tuple[str, ...] = ("mojibake", "placeholders", "double_post", "embeds")


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
    """The default pipeline: ``mojibake``, ``placeholders``, ``double_post``, ``embeds``.

    Built once and shared; pipelines are immutable, so sharing is safe.
    """
    return Pipeline(*(filter_by_name(name) for name in DEFAULT_FILTERS))
