"""newsclean: clean scraped news text of placeholders, double posts, duplicate tweets and mojibake.

>>> import newsclean
>>> newsclean.clean("Storm hits coast.\\nAdvertisement\\nStorm hits coast.")
'Storm hits coast.\\nStorm hits coast.'
"""

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

__version__ = "0.1.0"

__all__ = [
    "Block",
    "BlockFilter",
    "BlockKind",
    "Change",
    "ConfigurationError",
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
    "MissingExtraError",
    "MojibakeFilter",
    "NewscleanError",
    "Pipeline",
    "PlaceholderFilter",
    "ReplayError",
    "Result",
    "__version__",
    "clean",
    "default_pipeline",
    "explain",
    "filter_by_name",
    "find_embeds",
    "replay",
]
