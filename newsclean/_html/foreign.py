"""Markup inside ``<svg>`` and ``<math>`` rewritten so that lxml reads it as an HTML5 parser (a browser) does.

libxml2 parses HTML with an HTML5 tokenizer but without HTML5's rules for
*foreign content* (SVG and MathML). There the two disagree, and what lxml
takes for an element a browser can take for text:

* ``<svg><![CDATA[</svg><img src=x onerror=alert(1)>]]>``: a browser reads a
  CDATA section (text) up to ``]]>``; libxml2 a bogus comment up to the first
  ``>``, then a live ``<img onerror>``;
* ``<svg><style><!--</style><img onerror=...>-->``: inside SVG, ``style`` is
  ordinary markup and the ``<img>`` is inside a comment; libxml2 reads ``style``
  as raw text up to ``</style``, then a live ``<img>``. The same with a
  quoted attribute value holding ``</style>``.

Serializing lxml's tree faithfully would write those elements out live. So
before parsing, :func:`harmonise` walks the markup once, tracks foreign
content the way the HTML5 tree builder does (roughly, and erring towards
"still foreign"), and inside it rewrites each CDATA section as the escaped
text it stands for, and ``<`` as ``&lt;`` inside comments and attribute
values. A browser reads the rewritten markup as the same tree; libxml2 now
reads it that way too. A page without ``<svg`` or ``<math`` is returned as
it is, and so is one whose foreign content holds none of these constructs.
"""

from __future__ import annotations

import html
import re

__all__ = ["harmonise"]

_FOREIGN = re.compile(r"<(?:svg|math)[\t\n\f\r />]", re.IGNORECASE)
_TAG_NAME_PATTERN = r"[A-Za-z][^\t\n\f\r />]*+"
_TAG_NAME = re.compile(_TAG_NAME_PATTERN)
# The pieces of a tag as the HTML5 tokenizer reads them: what stands between
# attributes; an attribute name (it runs to whitespace, "/", ">" or "="); the
# "=" with the spaces around it; a value unquoted (it runs to whitespace or ">").
# Possessive quantifiers: no backtracking.
_BETWEEN = r"[\t\n\f\r /]*+"
_ATTR_NAME = r"[^\t\n\f\r />][^\t\n\f\r /=>]*+"
_EQUALS = r"[\t\n\f\r ]*+=[\t\n\f\r ]*+"
_UNQUOTED = r"[^\t\n\f\r >]*+"
# One attribute (or the end of the tag); a quote left open runs to the end of the input.
_ATTR = re.compile(
    f"({_BETWEEN})(?:(>)|({_ATTR_NAME})(?:({_EQUALS})(\"[^\"]*+\"?|'[^']*+'?|{_UNQUOTED}))?)"
)
_COMMENT_END = re.compile(r"--!?>")
_QUOTES = re.compile("[\"']")
# Elements whose content HTML5 reads as text in HTML content (libxml2 too).
_RAW_TEXT = frozenset("script style xmp iframe noembed noframes textarea title".split())  # not noscript: libxml2 reads markup in it
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
# Start tags that end foreign content (the HTML standard's list; font only with these attributes).
_BREAKOUT = frozenset(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing "
    "menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var".split()
)
_FONT_BREAKOUT = re.compile(r"[\t\n\f\r /](?:color|face|size)[\t\n\f\r />=]", re.IGNORECASE)
# Where foreign content holds HTML again (the standard's HTML and MathML text integration points).
_INTEGRATION = {"svg": frozenset({"foreignobject", "desc", "title"}), "math": frozenset("mi mo mn ms mtext annotation-xml".split())}
_MATH_TEXT_POINTS = frozenset((name, "point") for name in "mi mo mn ms mtext".split())
_HTML_ENCODING = re.compile(r"encoding[\t\n\f\r ]*=[\t\n\f\r ]*[\"']?(?:text/html|application/xhtml\+xml)", re.IGNORECASE)
# End tags that, in HTML content, stop at these ("special" elements and scope boundaries) instead of closing
# elements further up; approximated by the block-level names.
_SPECIAL = frozenset(
    "address applet area article aside base blockquote body br button caption center col colgroup dd details "
    "dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header "
    "hgroup hr html iframe img input li link listing main marquee menu meta nav noembed noframes noscript "
    "object ol p param plaintext pre script section select source style summary table tbody td template "
    "textarea tfoot th thead title tr track ul wbr xmp".split()
)

# What the scanner can step over in HTML content outside foreign content, in one regex match: text,
# a "<" that starts no tag, and whole start and end tags (attributes read as _ATTR reads them) of every
# element but the ones that change what follows: svg and math (foreign content starts), the raw-text
# elements and plaintext (their text holds no tags). Comments, "<!", "<?" and "</" before a non-letter
# stop it, and so does a tag it cannot read to its ">" (one with a quote left open runs to the end of
# the input): the scanner reads those one by one. The name test is case-insensitive and wider than
# .lower() (it also stops at "ſvg"), so it stops at least wherever the scanner would act.
_STEP_OVER = re.compile(
    r"(?:[^<]++|<(?![A-Za-z!?/])|</?(?!(?i:svg|math|plaintext|" + "|".join(sorted(_RAW_TEXT)) + r")(?![^\t\n\f\r />]))"
    f"{_TAG_NAME_PATTERN}(?:{_BETWEEN}{_ATTR_NAME}(?:{_EQUALS}(?:\"[^\"]*+\"|'[^']*+'|(?![\"']){_UNQUOTED})|(?!{_EQUALS})))*+"
    f"{_BETWEEN}>)*+"
)

# A stack entry: (lowercased name, kind) with kind "svg"/"math" (foreign), "point" (an integration
# point) or "html" (an HTML element inside an integration point).
_Entry = tuple[str, str]


def harmonise(text: str) -> str:
    """*text* with foreign content rewritten so that lxml and a browser read the same tree.

    >>> harmonise('<svg><![CDATA[</svg><img src=x onerror=alert(1)>]]></svg>')
    '<svg>&lt;/svg&gt;&lt;img src=x onerror=alert(1)&gt;</svg>'
    >>> harmonise('<p>No foreign content <![CDATA[x]]></p>')
    '<p>No foreign content <![CDATA[x]]></p>'
    """
    first = _FOREIGN.search(text)
    if first is None:
        return text
    return _Scanner(text).run()


def _end_tag_pattern(name: str) -> re.Pattern[str]:
    """``</name`` as an end tag starts (any case), followed by whitespace, ``/`` or ``>``."""
    return re.compile(r"</" + re.escape(name) + r"(?=[\t\n\f\r />])", re.IGNORECASE)


class _Scanner:
    """One pass over the markup; ``edits`` collects the rewrites (start, end, new text)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.edits: list[tuple[int, int, str]] = []
        self.stack: list[_Entry] = []
        # (stack index, name) of the foreign element libxml2 reads as raw text (svg <style>, <title>, ...)
        # up to its next end tag, wherever HTML5 ends it; that end tag is escaped elsewhere
        self.libxml_raw: tuple[int, str] | None = None

    def run(self) -> str:
        text, pos = self.text, 0
        step_over = _STEP_OVER.match
        while True:
            if not self.stack and self.libxml_raw is None:  # HTML content: most tags change nothing
                pos = step_over(text, pos).end()  # type: ignore[union-attr]  # it matches the empty string
            lt = text.find("<", pos)
            if lt < 0:
                break
            pos = self._construct(lt)
        if not self.edits:
            return text
        out, copied = [], 0
        for start, end, new in sorted(self.edits, key=lambda edit: edit[0]):  # stable: insertions keep their order
            out += [text[copied:start], new]
            copied = end
        out.append(text[copied:])
        return "".join(out)

    def _replace(self, start: int, end: int, new: str) -> None:
        """Put *new* in place of ``text[start:end]`` in the output (spans never overlap)."""
        if new != self.text[start:end]:
            self.edits.append((start, end, new))

    @property
    def _foreign(self) -> bool:
        return bool(self.stack) and self.stack[-1][1] in ("svg", "math")

    def _construct(self, lt: int) -> int:
        """Handle the markup at ``text[lt] == "<"``; return where to go on."""
        text = self.text
        if text.startswith("<!--", lt):
            return self._comment(lt)
        if text.startswith("<![CDATA[", lt) and self.stack:
            end = text.find("]]>", lt + 9)
            stop = len(text) if end < 0 else end + 3
            self._replace(lt, stop, html.escape(text[lt + 9 : stop if end < 0 else end], quote=False))
            return stop
        if text.startswith(("<!", "<?"), lt) or (text.startswith("</", lt) and _TAG_NAME.match(text, lt + 2) is None):
            if text.startswith("</>", lt):
                return lt + 3
            gt = text.find(">", lt + 1)  # a bogus comment
            return len(text) if gt < 0 else gt + 1
        closing = text.startswith("</", lt)
        name_match = _TAG_NAME.match(text, lt + 2 if closing else lt + 1)
        if name_match is None:
            return lt + 1  # "<" as text
        return self._tag(lt, name_match.end(), name_match.group().lower(), closing)

    def _comment(self, lt: int) -> int:
        text = self.text
        body = lt + 4
        for empty in (">", "->"):  # <!--> and <!---> are whole (empty) comments
            if text.startswith(empty, body):
                return body + len(empty)
        match = _COMMENT_END.search(text, body)
        end, stop = (len(text), len(text)) if match is None else (match.start(), match.end())
        if self.stack and "<" in text[body:end]:
            self._replace(body, end, text[body:end].replace("<", "&lt;"))
        return stop

    def _tag(self, lt: int, pos: int, name: str, closing: bool) -> int:
        text = self.text
        tag_start = lt
        gt = text.find(">", pos)
        if gt > 0 and not self.stack and text[gt - 1] != "/" and not _QUOTES.search(text, pos, gt):
            # the common case, read fast: no quoted value, so the first ">" ends the tag; not self-closing
            if closing:
                return gt + 1
            return self._start_tag(name, False, text[tag_start : gt + 1], lt, gt + 1)
        while True:
            match = _ATTR.match(text, pos)
            if match is None or (match.end() == pos and not match.group(2)) or match.end() == len(text) and not match.group(2):
                return len(text)  # the tag runs to the end of the input: dropped, as HTML5 does
            pos = match.end()
            if match.group(2):
                break
            value = match.group(5)
            if self.stack and value and "<" in value:
                self._replace(match.start(5), match.end(5), value.replace("<", "&lt;"))
        self_closing = match.group(1).endswith("/")
        if closing:
            self._end_tag(name, lt)
            return pos
        return self._start_tag(name, self_closing, text[tag_start:pos], lt, pos)

    def _break_out(self, at: int) -> None:
        """Leave foreign content (a breakout tag at *at*), closing its roots there for libxml2 as well.

        libxml2 knows no breakout: without the inserted ``</svg>`` it would keep what follows inside the
        ``<svg>``, and the output would put it back into foreign content where the input had it outside.
        """
        closers = []
        while self._foreign:
            name, _ = self.stack[-1]
            self._pop(len(self.stack) - 1, at)
            if name in ("svg", "math"):
                closers.append(f"</{name}>")
        if closers:
            self._replace(at, at, "".join(closers))

    def _start_tag(self, name: str, self_closing: bool, tag: str, lt: int, pos: int) -> int:
        if not self.stack:
            if name in ("svg", "math"):
                if not self_closing:
                    self.stack.append((name, name))
                return pos
            return self._skip_raw(name, pos)
        if self._foreign:
            if name in _BREAKOUT or (name == "font" and _FONT_BREAKOUT.search(tag)):
                self._break_out(lt)
                return self._start_tag(name, self_closing, tag, lt, pos) if self.stack else self._skip_raw(name, pos)
            if not self_closing:
                space = self.stack[-1][1]
                point = name in _INTEGRATION[space] and (name != "annotation-xml" or _HTML_ENCODING.search(tag))
                if name in _RAW_TEXT and self.libxml_raw is None:
                    self.libxml_raw = (len(self.stack), name)
                self.stack.append((name, "point" if point else space))
            return pos
        # HTML content inside an integration point
        if name in ("svg", "math"):
            if not self_closing:
                self.stack.append((name, name))
            return pos
        if name in _RAW_TEXT or name == "plaintext":
            return self._skip_raw(name, pos)
        if name in ("mglyph", "malignmark") and self.stack[-1] in _MATH_TEXT_POINTS:
            self.stack.append((name, "math"))  # MathML even here: foreign content again
        elif name not in _VOID:
            self.stack.append((name, "html"))
        return pos

    def _skip_raw(self, name: str, pos: int) -> int:
        """After the start tag of a raw-text element in HTML content, go past its text."""
        if name == "plaintext":
            end = len(self.text)
        elif name in _RAW_TEXT:
            match = _end_tag_pattern(name).search(self.text, pos)
            end = len(self.text) if match is None else match.start()
        else:
            return pos
        if self.libxml_raw is not None:  # libxml2 is still in its own raw text: no end tag of it in this text
            raw = self.text[pos:end]
            self._replace(pos, end, _end_tag_pattern(self.libxml_raw[1]).sub(lambda m: "&lt;" + m.group()[1:], raw))
        return end

    def _pop(self, i: int, at: int) -> None:
        """Pop ``stack[i:]``; if that ends an element libxml2 reads as raw text, end it for libxml2 too, at *at*."""
        if self.libxml_raw is not None and self.libxml_raw[0] >= i:
            self._replace(at, at, f"</{self.libxml_raw[1]}>")
            self.libxml_raw = None
        del self.stack[i:]

    def _end_tag(self, name: str, at: int) -> None:
        if self.libxml_raw is not None and self.libxml_raw[1] == name:
            self.libxml_raw = None  # libxml2's raw text ends at this end tag, wherever HTML5 puts it
        stack = self.stack
        if not stack:
            return
        if self._foreign:
            if name in ("p", "br"):
                # The standard ends foreign content here, as at a breakout start tag; html5lib and older
                # browsers do not. Staying in it is the reading that keeps more as text, whichever is right.
                return
            for i in range(len(stack) - 1, -1, -1):
                entry_name, kind = stack[i]
                if kind in ("html", "point") and i != len(stack) - 1:
                    return  # HTML content below: HTML5 hands over to its rules, which stop there
                if entry_name == name:
                    self._pop(i, at)
                    return
            return
        # HTML content: an end tag closes up to a matching HTML element, never past an integration point,
        # and (for other names) never past a special element.
        for i in range(len(stack) - 1, -1, -1):
            entry_name, kind = stack[i]
            if kind == "point":
                if i == len(stack) - 1 and entry_name == name:
                    self._pop(i, at)
                return
            if kind != "html":
                return
            if entry_name == name:
                self._pop(i, at)
                return
            if name not in _SPECIAL and entry_name in _SPECIAL:
                return
