"""newsclean: clean scraped news text of placeholders, double posts, duplicate tweets and mojibake.

>>> import newsclean
>>> newsclean.clean("Storm hits coast.\\nAdvertisement\\nStorm hits coast.")
'Storm hits coast.\\nStorm hits coast.'
"""

import types as _types
import typing as _typing

from newsclean._api import clean, explain
from newsclean._core.changes import Change, ReplayError, replay
from newsclean._core.document import Block, BlockKind, Document, Edit
from newsclean._core.errors import ConfigurationError, MissingExtraError, NewscleanError
from newsclean._core.filter import BlockFilter, Filter, FilterResult, FunctionFilter
from newsclean._core.pipeline import Pipeline
from newsclean._core.result import HTML_RENDERERS as _HTML_RENDERERS
from newsclean._core.result import Result
from newsclean._registry import DEFAULT_FILTERS, FILTERS, build_pipeline, default_pipeline, filter_by_name

if _typing.TYPE_CHECKING:
    from newsclean._filters.double_post import DoublePostFilter
    from newsclean._filters.embeds import Embed, EmbedFilter, find_embeds
    from newsclean._filters.furniture import FurnitureFilter
    from newsclean._filters.mojibake import MojibakeConfig, MojibakeFilter
    from newsclean._filters.placeholders import PlaceholderFilter
    from newsclean._display.result import Segment, annotate
    from newsclean._html.clean import HtmlResult, clean_html, explain_html
    from newsclean._display.summary import CorpusSummary, summarize
    from newsclean._profiles.filter import SiteBoilerplateFilter
    from newsclean._profiles.learn import learn, learn_sites, site_key
    from newsclean._profiles.profile import SiteProfile, SiteProfiles
    from newsclean._near_dups import (
        Cluster,
        Member,
        NearDuplicateOptions,
        NearDuplicates,
        PairDiff,
        explain_duplicate,
        near_duplicates,
    )

# Imported on first use, so that `import newsclean` stays cheap: the HTML entry
# points need lxml, the display and summary helpers are for notebooks, and the
# near-duplicate search needs numpy (and datasketch, the `dedup` extra, when it runs).
# The filter classes too: their modules compile big pattern tables, and
# clean() imports them through the registry on its first call anyway.
_LAZY = {
    "Cluster": "newsclean._near_dups",
    "CorpusSummary": "newsclean._display.summary",
    "DoublePostFilter": "newsclean._filters.double_post",
    "Embed": "newsclean._filters.embeds",
    "EmbedFilter": "newsclean._filters.embeds",
    "FurnitureFilter": "newsclean._filters.furniture",
    "HtmlResult": "newsclean._html.clean",
    "Member": "newsclean._near_dups",
    "MojibakeConfig": "newsclean._filters.mojibake",
    "MojibakeFilter": "newsclean._filters.mojibake",
    "NearDuplicateOptions": "newsclean._near_dups",
    "NearDuplicates": "newsclean._near_dups",
    "PairDiff": "newsclean._near_dups",
    "PlaceholderFilter": "newsclean._filters.placeholders",
    "Segment": "newsclean._display.result",
    "SiteBoilerplateFilter": "newsclean._profiles.filter",
    "SiteProfile": "newsclean._profiles.profile",
    "SiteProfiles": "newsclean._profiles.profile",
    "annotate": "newsclean._display.result",
    "clean_html": "newsclean._html.clean",
    "explain_duplicate": "newsclean._near_dups",
    "explain_html": "newsclean._html.clean",
    "find_embeds": "newsclean._filters.embeds",
    "learn": "newsclean._profiles.learn",
    "learn_sites": "newsclean._profiles.learn",
    "near_duplicates": "newsclean._near_dups",
    "site_key": "newsclean._profiles.learn",
    "summarize": "newsclean._display.summary",
}


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsclean' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    _public(value)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def _public(value: object) -> None:
    """Report a public class or function as ``newsclean.X`` (as httpx does), not its private module."""
    if not (isinstance(value, type) or callable(value)):
        return
    members = vars(value).values() if isinstance(value, type) else ()
    # a class's own methods follow it, so that doctest still finds their examples under newsclean.X
    for member in (value, *members):
        func = getattr(member, "fget", None) or getattr(member, "__func__", None) or member
        if (func is value or isinstance(func, _types.FunctionType)) and getattr(func, "__module__", "").startswith("newsclean."):
            try:
                func.__module__ = "newsclean"
            except (AttributeError, TypeError):  # a builtin or a slotted object that cannot take it
                pass


def _result_html(result: Result) -> str:
    # The core asks for a renderer instead of importing the display layer (see docs/architecture.md).
    from newsclean._display.result import result_html

    return result_html(result)


_HTML_RENDERERS["Result"] = _result_html


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


from newsclean._version import __version__

__all__ = [
    "Block",
    "BlockFilter",
    "BlockKind",
    "Change",
    "Cluster",
    "ConfigurationError",
    "CorpusSummary",
    "DEFAULT_FILTERS",
    "Document",
    "DoublePostFilter",
    "Edit",
    "Embed",
    "EmbedFilter",
    "FILTERS",
    "Filter",
    "FilterResult",
    "FunctionFilter",
    "FurnitureFilter",
    "HtmlResult",
    "Member",
    "MissingExtraError",
    "MojibakeConfig",
    "MojibakeFilter",
    "NearDuplicateOptions",
    "NearDuplicates",
    "NewscleanError",
    "PairDiff",
    "Pipeline",
    "PlaceholderFilter",
    "ReplayError",
    "Result",
    "Segment",
    "SiteBoilerplateFilter",
    "SiteProfile",
    "SiteProfiles",
    "__version__",
    "annotate",
    "build_pipeline",
    "clean",
    "clean_html",
    "default_pipeline",
    "explain",
    "explain_duplicate",
    "explain_html",
    "filter_by_name",
    "find_embeds",
    "learn",
    "learn_sites",
    "near_duplicates",
    "replay",
    "site_key",
    "summarize",
]

for _name in __all__:
    if _name in globals():
        _public(globals()[_name])
del _name
