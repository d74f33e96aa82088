"""Preparing raw HTML for lxml: decoding bytes, and flattening markup nested too deep.

Bytes are decoded by: byte-order mark, valid UTF-8, the declared charset, then Beautiful Soup's guess;
only ever with an encoding of the WHATWG Encoding Standard (:mod:`newsclean._html.whatwg`).

Used by :func:`newsclean.clean_html` for ``bytes`` input. It never raises on
bad bytes: a charset the bytes do not fit is ignored, and bytes that fit no
encoding are decoded as UTF-8 with ``U+FFFD`` in place of the bad bytes.
"""

from __future__ import annotations

import codecs
import re

from newsclean._html.blocks import BLOCK_TAGS
from newsclean._html.whatwg import codec_for_label, decode_windows_1252

__all__ = ["cap_depth", "decode_html"]

# The byte-order marks browsers honour (the WHATWG Encoding Standard's BOM sniffing): no UTF-32,
# which browsers read as UTF-16 LE.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">,
# looked for in the first 4 KB only (where the HTML standard says it must be).
# Bounded classes, no nested quantifiers: linear.
_META_CHARSET = re.compile(rb"<meta\b[^>]{0,400}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode HTML *data* and return ``(text, encoding used)``, with only the encodings browsers use.

    Order: a byte-order mark; then the ``<meta>`` charset if the bytes decode
    with it, except that bytes which are valid UTF-8 (with non-ASCII
    characters) are read as UTF-8 whatever the page declares (the usual lie:
    an ``ISO-8859-1`` header on a UTF-8 page); mostly-UTF-8 bytes with a few
    stray bytes are UTF-8 with ``U+FFFD`` in place of the strays; anything
    else goes to Beautiful Soup's ``UnicodeDammit``. A charset that is not
    in the WHATWG Encoding Standard (``cp037``, ``utf-7``, ...) is ignored,
    as browsers ignore it; so is a guess outside it (windows-1252 instead).

    >>> decode_html(b'<meta charset="iso-8859-1"><p>caf\\xe9</p>')
    ('<meta charset="iso-8859-1"><p>café</p>', 'cp1252')
    >>> decode_html('<meta charset="iso-8859-1"><p>café</p>'.encode("utf-8"))[1]
    'utf-8'
    >>> decode_html(b'<p>caf\\xc3\\xa9 \\xff</p>')
    ('<p>café \ufffd</p>', 'utf-8')
    >>> decode_html(b'<meta charset="cp037"><p>ok</p>')
    ('<meta charset="cp037"><p>ok</p>', 'utf-8')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding
    as_utf8 = _try(data, "utf-8")
    if as_utf8 is not None:  # legacy-encoded text with non-ASCII letters is practically never valid UTF-8
        return as_utf8, "utf-8"
    declared = _declared(data)
    if declared is not None:
        text = _try(data, declared)
        if text is not None:
            return text, declared
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = len(_NON_ASCII.findall(lenient)) - bad  # characters that were valid multi-byte UTF-8
    if good >= bad:
        return lenient, "utf-8"
    return _dammit(data)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _declared(data: bytes) -> str | None:
    """The codec of the charset the page declares, or ``None`` (missing, or not one browsers honour)."""
    match = _META_CHARSET.search(data, 0, 4096)
    if match is None:
        return None
    return codec_for_label(match.group(1).decode("ascii"))


def _try(data: bytes, encoding: str) -> str | None:
    if encoding == "cp1252":
        return decode_windows_1252(data)
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _dammit(data: bytes) -> tuple[str, str]:
    """Beautiful Soup's guess, kept to the encodings browsers use (else windows-1252, a browser's fallback)."""
    from bs4.dammit import UnicodeDammit

    excluded: list[str] = []
    for _ in range(3):
        dammit = UnicodeDammit(data, is_html=True, exclude_encodings=excluded)
        guess = str(dammit.original_encoding or "")
        codec = codec_for_label(guess) if guess else None
        if dammit.unicode_markup is None or not guess:
            break
        if codec is not None:
            text = _try(data, codec)
            if text is not None:
                return text, codec
        excluded.append(guess)
    return decode_windows_1252(data), "cp1252"


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})[^>]{0,4000}>")
# Tags that start a block, as the block extraction reads them.
_BLOCK_TAGS = BLOCK_TAGS | {"pre", "iframe"}
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def cap_depth(text: str, limit: int) -> str:
    """Drop the tags nested deeper than *limit* (their text stays), so that libxml2 keeps the whole page.

    libxml2 stops at 2,048 levels and silently drops everything after. Only
    used when a parse hit that limit. A dropped block tag leaves a ``<br>``
    (which opens no level), so the text on either side stays two blocks.

    >>> cap_depth("<div><div><div>deep</div></div></div><p>after</p>", 2)
    '<div><div><br>deep<br></div></div><p>after</p>'
    >>> cap_depth("<div><p>one</p><p><b>two</b></p></div>", 1)
    '<div><br>one<br><br>two<br></div>'
    """
    out: list[str] = []
    pos = 0
    stack: list[tuple[str, bool]] = []
    open_count: dict[str, int] = {}
    for match in _TAG.finditer(text):
        name = match.group(2).lower()
        if name in _VOID or match.group(0).endswith("/>"):
            continue
        if not match.group(1):
            drop = len(stack) >= limit
            stack.append((name, drop))
            open_count[name] = open_count.get(name, 0) + 1
        elif open_count.get(name):
            while True:  # a close tag also closes the tags left open inside it
                top, drop = stack.pop()
                open_count[top] -= 1
                if top == name:
                    break
        else:
            continue
        if drop:
            out.append(text[pos : match.start()])
            if name in _BLOCK_TAGS:  # keeps "<p>a</p><p>b</p>" two blocks, not one "ab"
                out.append("<br>")
            pos = match.end()
    out.append(text[pos:])
    return "".join(out)
