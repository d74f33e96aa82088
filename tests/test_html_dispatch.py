"""The one text-or-HTML dispatch the CLI and Scrapy share."""

from __future__ import annotations

import pytest

from newsclean import default_pipeline
from newsclean._html.dispatch import clean_value


def test_text_values() -> None:
    """A text value is cleaned by the pipeline; rewrite says whether anything changed."""
    cleaned = clean_value("Paris is calm.\nAdvertisement", default_pipeline())
    assert (cleaned.output, cleaned.text, cleaned.rewrite, len(cleaned.changes)) == ("Paris is calm.", "Paris is calm.", True, 1)
    assert clean_value("Paris is calm.", default_pipeline()).rewrite is False


def test_html_values_keep_unchanged_markup_and_can_give_text() -> None:
    """Unchanged HTML is not rewritten; changed HTML comes back as markup, or as text with html_output='text'."""
    page = "<p>Paris is calm.</p><p>Advertisement</p>"
    assert clean_value("<p>Paris is calm.</p>", default_pipeline(), html=True).rewrite is False
    assert clean_value(page, default_pipeline(), html=True).output == "<p>Paris is calm.</p>"
    as_text = clean_value(page, default_pipeline(), html=True, html_output="text")
    assert (as_text.output, as_text.rewrite) == ("Paris is calm.", True)
    assert clean_value(page.encode("utf-8"), default_pipeline(), html=True).output == "<p>Paris is calm.</p>"


def test_remove_selectors_and_bytes_as_text() -> None:
    """Selectors reach the HTML cleaner; bytes given as text are a TypeError saying to mark them as HTML."""
    cleaned = clean_value("<p>Calm.</p><aside>Promo</aside>", default_pipeline(), html=True, remove_selectors=["aside"])
    assert cleaned.output == "<p>Calm.</p>"
    with pytest.raises(TypeError, match="mark HTML values as HTML"):
        clean_value(b"Calm.", default_pipeline())
