"""Tests for ``newsclean._html.foreign``: the scanner that steps over HTML content reads markup as the tag-by-tag scanner does."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean._html import foreign
from newsclean._html.foreign import harmonise

# Pieces of markup where stepping over a tag could go wrong: quotes left open, "<svg" inside an
# attribute value, a comment or raw text, names that only look like svg, "=" as an attribute name.
_PIECES = [
    "<svg>", "<svg ", "</svg>", "<math>", "</math>", "<SVG>", "<ſvg>", "<svgx>", "<p>", "</p>", '<div class="a>b">',
    "<div class='<svg>'>", "<a href=x<svg>", '<a b="unclosed', "<a b='un", "<a b= >", "<a b=>", "<a ='<svg>'>", "<img/>",
    "<x/ >", "<script>", "</script>", "<Script x=\"</script>\">", "<style>", "</style>", "<title>", "</title>",
    "<textarea>", "<xmp>", "<plaintext>", "<iframe>", "<noembed>", "<noframes>", "<!--", "-->", "--!>", "<!-->",
    "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?xml ?>", "</>", "</ x>", "< p>", "<", ">", '"', "'", "=", " ", "\n", "\f",
    "/", "text", "<foreignObject>", "<desc>", "<mi>", "<mglyph>", '<annotation-xml encoding="text/html">',
    "<font color=red>", "<b>", "<img src=x onerror=alert(1)>", "<span\n class=x>", "&amp;",
]


def _tag_by_tag(text: str) -> str:
    """What the scanner gives when it steps over nothing: every construct read one by one."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(foreign, "_STEP_OVER", re.compile(""))
        return harmonise(text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30), st.sampled_from(["<svg>", "<math>", ""]))
def test_stepping_over_html_content_reads_markup_as_the_tag_by_tag_scanner(pieces: list[str], lead: str) -> None:
    text = lead + "".join(pieces)
    assert harmonise(text) == _tag_by_tag(text)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # "<svg" in a quoted attribute value starts nothing; the real <svg> after it does
        ("<a title='<svg>'>x</a><svg><![CDATA[<b>]]></svg>", "<a title='<svg>'>x</a><svg>&lt;b&gt;</svg>"),
        # a quote left open runs to the end of the input: no tag, no foreign content after it
        ('<a b="x><svg><![CDATA[<b>]]></svg>', '<a b="x><svg><![CDATA[<b>]]></svg>'),
        # "<svg" inside raw text is text
        ("<script>'<svg>'</script><p><![CDATA[x]]></p>", "<script>'<svg>'</script><p><![CDATA[x]]></p>"),
    ],
)
def test_html_content_before_foreign_content(markup: str, expected: str) -> None:
    assert harmonise(markup) == expected
