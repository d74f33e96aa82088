"""newsclean: clean scraped news text of placeholders, double posts, duplicate tweets and mojibake.

>>> import newsclean
>>> newsclean.clean("Storm hits coast.\\nAdvertisement\\nStorm hits coast.")
'Storm hits coast.\\nStorm hits coast.'
"""

import typing as _typing

from newsclean._api import clean, explain
from newsclean._changes import Change, ReplayError, replay
from newsclean._document import Block, BlockKind, Document, Edit
from newsclean._double_post import DoublePostFilter
from newsclean._embeds import Embed, EmbedFilter, find_embeds
from newsclean._errors import ConfigurationError, MissingExtraError, NewscleanError
from newsclean._filter import BlockFilter, Filter, FilterResult, FunctionFilter
from newsclean._mojibake import MojibakeFilter
from newsclean._pipeline import Pipeline, Result
from newsclean._placeholders import PlaceholderFilter
from newsclean._registry import DEFAULT_FILTERS, FILTERS, default_pipeline, filter_by_name

if _typing.TYPE_CHECKING:
    from newsclean._display import Segment, annotate
    from newsclean._html import HtmlResult, clean_html, explain_html
    from newsclean._summary import CorpusSummary, summarize

# Imported on first use, so that `import newsclean` stays cheap: the HTML entry
# points need lxml, and the display and summary helpers are for notebooks.
_LAZY = {
    "CorpusSummary": "newsclean._summary",
    "HtmlResult": "newsclean._html",
    "Segment": "newsclean._display",
    "annotate": "newsclean._display",
    "clean_html": "newsclean._html",
    "explain_html": "newsclean._html",
    "summarize": "newsclean._summary",
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
