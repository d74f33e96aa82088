"""One text-or-HTML dispatch for the integrations: clean a value as text or as HTML, the same way everywhere.

The command line (JSON fields and HTML files) and the Scrapy pipeline both
call :func:`clean_value`, so a field is cleaned, and reported, identically
wherever it comes from. HTML support (lxml) is imported only when an HTML
value arrives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from newsclean._core.changes import Change
from newsclean._core.pipeline import Pipeline

__all__ = ["Cleaned", "clean_value"]


class Cleaned(NamedTuple):
    """What cleaning one value gave."""

    output: str  # the value to write back: the text, or the HTML (or its text, with html_output="text")
    text: str  # the cleaned text
    changes: tuple[Change, ...]
    drop_reason: str | None
    rewrite: bool  # whether to write *output* back (unchanged HTML keeps its own bytes and markup)


def clean_value(
    value: str | bytes,
    pipeline: Pipeline,
    *,
    html: bool = False,
    html_output: str = "html",
    remove_selectors: Sequence[str] = (),
) -> Cleaned:
    """Clean *value* as text (a ``str``) or, with *html*, as HTML (``str`` or ``bytes``).

    >>> from newsclean import default_pipeline
    >>> clean_value("Calm.\\nAdvertisement", default_pipeline()).output
    'Calm.'
    >>> cleaned = clean_value("<p>Calm.</p>", default_pipeline(), html=True)
    >>> cleaned.output, cleaned.rewrite
    ('<p>Calm.</p>', False)
    """
    if not html:
        if not isinstance(value, str):
            raise TypeError(f"a text value must be a str, got {type(value).__name__}; mark HTML values as HTML")
        result = pipeline.apply(value)
        return Cleaned(result.text, result.text, result.changes, result.drop_reason, result.changed)
    from newsclean._html.clean import explain_html  # lazy: HTML support loads lxml

    options = {"remove_selectors": tuple(remove_selectors)} if remove_selectors else {}
    result_html = explain_html(value, output=html_output, pipeline=pipeline, **options)
    rewrite = bool(result_html.changes) or html_output == "text"
    return Cleaned(result_html.output, result_html.text, tuple(result_html.changes), result_html.drop_reason, rewrite)
