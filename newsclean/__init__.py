"""newsclean: clean scraped news text of placeholders, double posts, duplicate tweets and mojibake.

>>> import newsclean
>>> newsclean.clean("Storm hits coast.\\nAdvertisement\\nStorm hits coast.")
'Storm hits coast.\\nStorm hits coast.'
"""

import typing as _typing

from newsclean._api import clean, explain
from newsclean._core.changes import Change, ReplayError, replay
from newsclean._core.document import Block, BlockKind, Document, Edit
from newsclean._filters.double_post import DoublePostFilter
from newsclean._filters.embeds import Embed, EmbedFilter, find_embeds
from newsclean._core.errors import ConfigurationError, MissingExtraError, NewscleanError
from newsclean._core.filter import BlockFilter, Filter, FilterResult, FunctionFilter
from newsclean._filters.mojibake import MojibakeFilter
from newsclean._core.pipeline import Pipeline, Result
from newsclean._filters.placeholders import PlaceholderFilter
from newsclean._registry import DEFAULT_FILTERS, FILTERS, default_pipeline, filter_by_name

if _typing.TYPE_CHECKING:
    from newsclean._display.result import Segment, annotate
    from newsclean._html.clean import HtmlResult, clean_html, explain_html
    from newsclean._display.summary import CorpusSummary, summarize

# Imported on first use, so that `import newsclean` stays cheap: the HTML entry
# points need lxml, and the display and summary helpers are for notebooks.
_LAZY = {
    "CorpusSummary": "newsclean._display.summary",
    "HtmlResult": "newsclean._html.clean",
    "Segment": "newsclean._display.result",
    "annotate": "newsclean._display.result",
    "clean_html": "newsclean._html.clean",
    "explain_html": "newsclean._html.clean",
    "summarize": "newsclean._display.summary",
}


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsclean' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__version__ = "0.1.0"

__all__ = [
    "Block",
    "BlockFilter",
    "BlockKind",
    "Change",
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
    "HtmlResult",
    "MissingExtraError",
    "MojibakeFilter",
    "NewscleanError",
    "Pipeline",
    "PlaceholderFilter",
    "ReplayError",
    "Result",
    "Segment",
    "__version__",
    "annotate",
    "clean",
    "clean_html",
    "default_pipeline",
    "explain",
    "explain_html",
    "filter_by_name",
    "find_embeds",
    "replay",
    "summarize",
]
