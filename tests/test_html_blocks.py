"""The HTML block walker: which text becomes a block, of which kind, and what stays out."""

from __future__ import annotations

import re

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean._html.blocks import collapse, extract

PAGE = (
    "<div><h2>Title</h2><p>One <b>two</b></p><script>x()</script><style>p{}</style>"
    "<ul><li>a</li><li>b</li></ul><figure><figcaption>Cap</figcaption></figure>"
    "<p style='display:none'>hidden</p><p hidden>also hidden</p><noembed>no</noembed><noframes>nf</noframes>"
    "<table><tr><td>cell</td></tr></table><pre>line 1\n\nline 2</pre><p>x<br>y</p></div>"
)


def runs(markup: str) -> list[tuple[str, str]]:
    return [(run.text, run.kind) for run in extract(lxml.html.fromstring(markup)).runs]


def test_blocks_and_their_kinds_in_document_order() -> None:
    """Headings, paragraphs (inline markup joined), list items, captions, cells, pre lines and <br> lines are blocks."""
    assert runs(PAGE) == [
        ("Title", "heading"),
        ("One two", "paragraph"),
        ("a", "list_item"),
        ("b", "list_item"),
        ("Cap", "caption"),
        ("cell", "table_cell"),
        ("line 1", "preformatted"),
        ("line 2", "preformatted"),
        ("x", "paragraph"),
        ("y", "paragraph"),
    ]


@pytest.mark.parametrize("element", ["script", "style", "noembed", "noframes", "template"])
def test_raw_text_and_template_elements_give_no_text(element: str) -> None:
    """Code, styles, fallbacks a browser never shows, and templates never become blocks."""
    assert runs(f"<div><p>Seen.</p><{element}>unseen</{element}></div>") == [("Seen.", "paragraph")]


def test_hidden_elements_give_no_text() -> None:
    """display:none and the hidden attribute keep an element's text out of the document."""
    assert runs("<div><p style='display: none'>a</p><p hidden>b</p><p>c</p></div>") == [("c", "paragraph")]


def test_whitespace_inside_a_block_is_collapsed() -> None:
    """Runs of spaces and newlines inside a paragraph read as one space, as a browser shows them."""
    assert runs("<div><p>  one\n\n   two  </p></div>") == [("one two", "paragraph")]


def test_a_page_deeper_than_libxml2_allows_keeps_its_text() -> None:
    """5,000 nested elements (libxml2 stops at 2,048 and drops the rest) still give their text, once."""
    import newsclean

    depth = 5000
    markup = "<div>" * depth + "<p>deep</p>" + "</div>" * depth + "<p>after</p>"
    assert newsclean.clean_html(markup, output="text") == "deep\nafter"


def test_the_tails_of_comments_and_processing_instructions_are_text() -> None:
    """A comment's or processing instruction's own text is not shown, the text after it is.

    The HTML parser turns ``<?...?>`` into a comment; a tree from the XML parser, passed to
    ``clean_html`` as it is, holds real processing instructions (the walk is told of each).
    """
    from lxml import etree

    import newsclean

    assert runs("<div><p>a<!-- note -->b</p><!-- c -->tail</div>") == [("ab", "paragraph"), ("tail", "paragraph")]
    root = etree.fromstring("<root><?pi a?>text<p>Loading…</p><p>Real words in here, long enough to matter.</p></root>")
    assert [run.text for run in extract(root).runs] == ["text", "Loading…", "Real words in here, long enough to matter."]
    assert newsclean.clean_html(root, output="text") == "text\nReal words in here, long enough to matter."


@given(st.text(alphabet=" \t\n\r\f\v\xa0\u2003\u0085\u2028ab<", max_size=24))
def test_collapse_is_html_whitespace_collapsed_then_trimmed(text: str) -> None:
    """Runs of ASCII whitespace become one space and the ends are trimmed; NBSP and other spaces are text."""
    assert collapse(text) == re.sub(r"[ \t\n\r\f]+", " ", text).strip(" \t\n\r\f")
