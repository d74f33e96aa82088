"""Decoding HTML bytes the way browsers do: BOM, UTF-8, a declared WHATWG charset, then a guess."""

from __future__ import annotations

import pytest

from newsclean._html.encoding import decode_html


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "<p>café</p>", "utf-8"),
        ("<p>café</p>".encode("utf-16-le").join([b"\xff\xfe", b""]), "<p>café</p>", "utf-16-le"),
        ("<p>café</p>".encode("utf-16-be").join([b"\xfe\xff", b""]), "<p>café</p>", "utf-16-be"),
        (b'<meta charset="iso-8859-1"><p>caf\xe9</p>', '<meta charset="iso-8859-1"><p>café</p>', "cp1252"),
        (b'<meta charset="windows-1251"><p>\xcc\xee\xf1\xea\xe2\xe0</p>', '<meta charset="windows-1251"><p>Москва</p>', "cp1251"),
        ('<meta charset="iso-8859-1"><p>café</p>'.encode("utf-8"), '<meta charset="iso-8859-1"><p>café</p>', "utf-8"),
        (b"<p>caf\xc3\xa9 \xff</p>", "<p>café \ufffd</p>", "utf-8"),
        (b"<p>plain ascii</p>", "<p>plain ascii</p>", "utf-8"),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "latin1-is-windows-1252", "declared-cyrillic",
         "utf8-beats-a-lying-declaration", "mostly-utf8-with-a-stray-byte", "ascii"],
)
def test_decoding_order(data: bytes, text: str, encoding: str) -> None:
    """BOM first, then valid UTF-8, then the declared charset (latin-1 read as windows-1252, as browsers do)."""
    assert decode_html(data) == (text, encoding)


@pytest.mark.parametrize("label", ["cp037", "utf-7", "utf-32", "x-user-defined-nonsense"])
def test_charsets_browsers_never_use_are_ignored(label: str) -> None:
    """A declared charset outside the WHATWG Encoding Standard (EBCDIC, UTF-7, ...) is never used to decode."""
    data = f'<meta charset="{label}"><p>caf\xe9</p>'.encode("latin-1")
    text, encoding = decode_html(data)
    assert encoding not in (label, "cp037", "utf_7", "utf-7")
    assert text.endswith("<p>café</p>")


def test_ebcdic_declaration_cannot_smuggle_markup() -> None:
    """Bytes that would read as live markup under cp037 decode as browsers read them, not as EBCDIC."""
    payload = "<img src=x onerror=alert(1)>".encode("cp037")
    text, encoding = decode_html(b'<meta charset="cp037"><p>' + payload + b"</p>")
    assert "onerror" not in text and encoding != "cp037"


def test_never_raises_on_arbitrary_bytes() -> None:
    """Any bytes decode to some text: undecodable bytes become U+FFFD or a single-byte guess."""
    for data in (bytes(range(256)), b"\xff" * 1000, b"\x00\x01\x02", b""):
        text, encoding = decode_html(data)
        assert isinstance(text, str) and isinstance(encoding, str)
