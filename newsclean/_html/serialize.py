"""Writing an edited lxml tree back out as HTML that a browser reads as the same tree.

lxml's HTML serializer writes the text of ``script`` and ``style`` as it is,
but escapes the text of the other raw-text elements (``xmp``, ``iframe``,
``noembed``, ``noframes``, ``plaintext``), which libxml2 parsed without
decoding entities: ``<noembed>Q&amp;A</noembed>`` came back as
``Q&amp;amp;A``, one more ``amp;`` per pass. Their text is written as it is
here too, unless it holds the element's own end tag (possible only in a tree
built by hand), which would end the element early; that text stays escaped.
"""

from __future__ import annotations

import html as html_lib
import re

from lxml import etree

from newsclean._html.blocks import Element

__all__ = ["RAW_TEXT_TAGS", "serialize"]

# Raw-text elements that lxml's serializer escapes but libxml2's parser does not decode.
RAW_TEXT_TAGS = ("xmp", "iframe", "noembed", "noframes", "plaintext")


def serialize(root: Element, page: etree._ElementTree | None) -> str:
    """The HTML of *page* (a whole document), or of *root*'s content (a fragment)."""
    raws = _raw_texts(root if page is None else page.getroot())
    if not raws:
        return _tostring(root, page)
    attempt = 0
    while True:  # a marker made of private-use characters, retried until the document does not hold it
        marker = f"\ue000nc{attempt}:"
        for n, (el, _) in enumerate(raws):
            el.text = f"{marker}{n}\ue001"
        out = _tostring(root, page)
        if out.count(marker) == len(raws):
            break
        attempt += 1
    for el, text in raws:
        el.text = text
    texts = [text for _, text in raws]
    return re.sub(re.escape(marker) + r"(\d+)\ue001", lambda m: texts[int(m.group(1))], out)


def _raw_texts(top: Element) -> list[tuple[Element, str]]:
    found = []
    for el in top.iter(*RAW_TEXT_TAGS):
        text = el.text
        if text and len(el) == 0 and ("</" not in text or not _ends_early(el, text)):
            found.append((el, text))
    return found


def _ends_early(el: Element, text: str) -> bool:
    """Whether *text* holds ``</tag`` for *el*'s own tag (any case), which would end it early."""
    return el.tag != "plaintext" and f"</{el.tag}".lower() in text.lower()


def _tostring(root: Element, page: etree._ElementTree | None) -> str:
    if page is not None:
        return etree.tostring(page, method="html", encoding="unicode")
    inner = html_lib.escape(root.text or "", quote=False)
    return inner + "".join(etree.tostring(child, method="html", encoding="unicode") for child in root)
