"""Blocks from an lxml tree, and the filters' decisions carried back onto the tree.

:func:`extract` walks the tree once, without recursion (pages nest thousands
of levels deep), and cuts the visible text into *runs*: the text of one block
element up to the next nested block element or ``<br>``. Each non-blank run
is one block of the :class:`~newsclean.Document` the filters see; its text is
the run's text with HTML whitespace collapsed.

:func:`apply_edits` takes the blocks that survived and edits the tree: a
removed run's text nodes are emptied, an element all of whose runs went is
removed (its tail text kept), a rewritten run gets its new text mapped onto
its text nodes. Nothing else in the tree is touched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from lxml import etree

from newsclean._document import BlockKind

__all__ = ["Extracted", "apply_edits", "embed_class", "extract", "local_tag"]

Element = etree._Element

# Elements that start a new block. Anything not listed (span, a, em, custom
# elements, ...) is inline: its text joins the surrounding block's text.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "main menu nav ol p section summary table tbody td tfoot th thead tr ul".split()
)
# Elements whose text is never visible article text.
_SKIP_TAGS = frozenset(
    "script style noscript template head title meta link base svg math object embed canvas "
    "audio video picture iframe frame select textarea button".split()
)
# Content that is not text: an element holding one is never removed as a whole
# (a figure whose caption was "Loading…" keeps its image).
_MEDIA_TAGS = frozenset("img picture video audio svg canvas object embed iframe math input select textarea".split())
_KIND_BY_TAG = {
    **{f"h{n}": BlockKind.HEADING for n in range(1, 7)},
    "li": BlockKind.LIST_ITEM,
    "dt": BlockKind.LIST_ITEM,
    "dd": BlockKind.LIST_ITEM,
    "blockquote": BlockKind.QUOTE,
    "figcaption": BlockKind.CAPTION,
    "caption": BlockKind.CAPTION,
    "td": BlockKind.TABLE_CELL,
    "th": BlockKind.TABLE_CELL,
}
# Class names of the blockquotes (and a few divs) that social networks' embed
# code writes into articles: X/Twitter, Instagram, TikTok, Facebook, Reddit,
# Bluesky, Threads, Mastodon, Imgur, Tumblr.
_EMBED_CLASSES = frozenset(
    "twitter-tweet twitter-video instagram-media tiktok-embed fb-xfbml-parse-ignore reddit-card "
    "reddit-embed-bq bluesky-embed text-post-media mastodon-embed imgur-embed-pub tumblr-post".split()
)
# Player iframes worth a block: the src is the embed's identity (two iframes of
# the same video are duplicates), and a URL is never taken for a placeholder.
_EMBED_IFRAME = re.compile(
    r"(?:https?:)?//(?:[\w-]{1,63}\.){0,4}(?:youtube\.com|youtube-nocookie\.com|youtu\.be|twitter\.com|x\.com"
    r"|instagram\.com|tiktok\.com|vimeo\.com|facebook\.com|dailymotion\.com|spotify\.com|soundcloud\.com)/",
    re.IGNORECASE,
)
# HTML collapses only ASCII whitespace; NBSP and other spaces are text.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_HTML_SPACE_CHARS = " \t\n\r\f"
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def collapse(text: str) -> str:
    """Text as a browser shows it: ASCII whitespace runs become one space, ends trimmed."""
    return _HTML_SPACE.sub(" ", text).strip(_HTML_SPACE_CHARS)


@dataclass(slots=True)
class Run:
    """The markup behind one block: its text nodes (element, "text" or "tail") and inline elements."""

    text: str
    kind: str
    container: Element
    slots: list[tuple[Element, str]] = field(default_factory=list)
    inlines: list[Element] = field(default_factory=list)


@dataclass(slots=True)
class _Segment:
    """Runs of one container between two nested blocks, and the ``<br>`` groups around them."""

    runs: list[int] = field(default_factory=list)
    gaps: list[list[Element]] = field(default_factory=lambda: [[]])


@dataclass(slots=True)
class _Container:
    element: Element
    first: int
    last: int = -1
    media: bool = False
    whole: bool = False  # an embed or a selected element: goes as one piece


@dataclass(slots=True)
class _Pre:
    element: Element
    lines: list[str]
    blocks: dict[int, int]  # line number in `lines` -> block index


@dataclass(slots=True)
class _Context:
    element: Element
    kind: str
    segment: _Segment = field(default_factory=_Segment)


@dataclass(slots=True)
class Extracted:
    """The runs (one per block) of a tree, and what :func:`apply_edits` needs to edit it."""

    root: Element
    runs: list[Run] = field(default_factory=list)
    segments: list[_Segment] = field(default_factory=list)
    containers: list[_Container] = field(default_factory=list)
    pres: list[_Pre] = field(default_factory=list)
    forced: list[Element] = field(default_factory=list)


def is_hidden(el: Element) -> bool:
    """Hidden by the ``hidden`` attribute, ``aria-hidden="true"`` or an inline ``display: none``."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return style is not None and ("none" in style or "hidden" in style) and _HIDDEN_STYLE.search(style) is not None


def embed_class(el: Element) -> str | None:
    """The social-embed class of a blockquote/div (``twitter-tweet``, ...), or ``None``."""
    classes = el.get("class")
    if not classes:
        return None
    return next((c for c in classes.split() if c in _EMBED_CLASSES), None)


def local_tag(el: Element) -> str | None:
    """The element's tag without namespace, lowercased; ``None`` for comments and processing instructions."""
    tag = el.tag
    if not isinstance(tag, str):
        return None
    if tag[:1] == "{":
        tag = tag.rpartition("}")[2]
    return tag.lower()


class _Walker:
    """One pass over the tree, keeping the current run and the stack of open blocks."""

    def __init__(self, root: Element, selected: frozenset[Element]) -> None:
        self.out = Extracted(root)
        self.selected = selected
        self.media = 0
        self.slots: list[tuple[Element, str]] = []
        self.parts: list[str] = []
        self.inlines: list[Element] = []
        self.stack: list[_Context] = []
        self.open: list[tuple[Element, _Container | None]] = []
        self.media_marks: list[int] = []

    def run(self) -> Extracted:
        root = self.out.root
        self._enter_block(root, _KIND_BY_TAG.get(local_tag(root) or "", BlockKind.PARAGRAPH), whole=False)
        self.open.append((root, self.out.containers[-1]))
        self._add(root, "text", root.text)
        iterators = [iter(root)]
        while iterators:
            el = next(iterators[-1], None)
            if el is None:
                iterators.pop()
                self._leave(*self.open.pop())
            elif self._start(el):
                iterators.append(iter(el))
        return self.out

    def _add(self, el: Element, attr: str, text: str | None) -> None:
        if text:
            self.slots.append((el, attr))
            self.parts.append(text)

    def _close(self) -> None:
        """End the current run at a block boundary or a ``<br>``; keep it if it has text."""
        if self.parts:
            text = collapse("".join(self.parts))
            if text:
                ctx = self.stack[-1]
                ctx.segment.runs.append(len(self.out.runs))
                ctx.segment.gaps.append([])
                self.out.runs.append(Run(text, ctx.kind, ctx.element, self.slots, self.inlines))
        self.slots, self.inlines, self.parts = [], [], []

    def _start(self, el: Element) -> bool:
        """Handle an element's start; return whether to walk into its children."""
        tag = local_tag(el)
        if tag is None:  # comment or processing instruction: only its tail is text
            self._add(el, "tail", el.tail)
            return False
        if tag in _BLOCK_TAGS or tag == "iframe" or tag == "pre" or el in self.selected:
            return self._start_block(el, tag)
        if tag in _MEDIA_TAGS:
            self.media += 1
        if tag == "br":
            self._close()
            self.stack[-1].segment.gaps[-1].append(el)
        elif tag in _SKIP_TAGS or is_hidden(el):
            pass
        else:
            self.inlines.append(el)
            self._add(el, "text", el.text)
            self.open.append((el, None))
            return True
        self._add(el, "tail", el.tail)
        return False

    def _start_block(self, el: Element, tag: str) -> bool:
        if is_hidden(el):
            self._add(el, "tail", el.tail)
            return False
        if tag == "iframe":
            src = el.get("src") or el.get("data-src") or ""
            if _EMBED_IFRAME.match(src) is None:
                self.media += 1
                self._add(el, "tail", el.tail)
                return False
            self._leaf_block(el, [collapse(src)], BlockKind.EMBED)
            return False
        if tag == "pre":
            self._pre(el)
            return False
        embed = (tag == "blockquote" or tag == "div") and embed_class(el) is not None
        parent_kind = self.stack[-1].kind
        kind = BlockKind.EMBED if embed or parent_kind == BlockKind.EMBED else _KIND_BY_TAG.get(tag, parent_kind)
        self._enter_block(el, kind, whole=embed or el in self.selected)
        self._add(el, "text", el.text)
        self.open.append((el, self.out.containers[-1]))
        return True

    def _enter_block(self, el: Element, kind: str, *, whole: bool) -> None:
        self._close()
        ctx = _Context(el, kind)
        self.stack.append(ctx)
        self.out.segments.append(ctx.segment)
        self.out.containers.append(_Container(el, len(self.out.runs), media=False, whole=whole))
        self.media_marks.append(self.media)
        if el in self.selected:
            self.out.forced.append(el)

    def _leave(self, el: Element, container: _Container | None) -> None:
        if container is None:  # an inline element
            self._add(el, "tail", el.tail)
            return
        self._close()
        self.stack.pop()
        container.last = len(self.out.runs)
        container.media = self.media != self.media_marks.pop()
        if self.stack:
            segment = _Segment()
            self.stack[-1].segment = segment
            self.out.segments.append(segment)
            self._add(el, "tail", el.tail)

    def _leaf_block(self, el: Element, lines: list[str], kind: str) -> int:
        """A block element whose text we read whole (iframe src, pre lines); returns the first run index."""
        self._close()
        first = len(self.out.runs)
        for line in lines:
            self.out.runs.append(Run(line, kind, el))
        self.out.containers.append(_Container(el, first, len(self.out.runs), whole=True))
        segment = _Segment()
        self.stack[-1].segment = segment
        self.out.segments.append(segment)
        self._add(el, "tail", el.tail)
        return first

    def _pre(self, el: Element) -> None:
        raw = "".join(str(text) for text in el.itertext())
        lines = raw.split("\n")
        kept = {i: line.rstrip("\r") for i, line in enumerate(lines) if line.strip()}
        kind = BlockKind.EMBED if self.stack[-1].kind == BlockKind.EMBED else BlockKind.PREFORMATTED
        first = self._leaf_block(el, list(kept.values()), kind)
        self.out.containers[-1].whole = False
        self.out.pres.append(_Pre(el, lines, {i: first + n for n, i in enumerate(kept)}))


def extract(root: Element, *, selected: frozenset[Element] = frozenset()) -> Extracted:
    """Cut the visible text under *root* into runs, one per block, in document order."""
    return _Walker(root, selected).run()


def apply_edits(ex: Extracted, kept: Mapping[int, str]) -> None:
    """Edit the tree: runs missing from *kept* go, runs whose text differs get it.

    *kept* maps run index -> the block's final text.
    """
    removed = [i for i in range(len(ex.runs)) if i not in kept]
    for i, new in kept.items():
        run = ex.runs[i]
        if new != run.text and run.slots:
            _rewrite(run, new)
    if not removed and not ex.forced:
        _rewrite_pres(ex, kept)
        return
    gone = set(removed)
    for i in removed:
        for el, attr in ex.runs[i].slots:
            setattr(el, attr, None)
    for i in removed:
        for el in reversed(ex.runs[i].inlines):
            if len(el) == 0 and not el.text and local_tag(el) not in _MEDIA_TAGS:
                remove_keep_tail(el)
    for segment in ex.segments:
        _drop_breaks(segment, gone)
    _rewrite_pres(ex, kept)
    for el in ex.forced:
        remove_keep_tail(el)
    covered = 0
    for c in ex.containers:
        if c.first >= covered and c.first < c.last and c.element is not ex.root:
            if (c.whole or not c.media) and all(i in gone for i in range(c.first, c.last)):
                remove_keep_tail(c.element)
                covered = c.last


def _drop_breaks(segment: _Segment, gone: set[int]) -> None:
    """Remove the ``<br>`` group a removed line took with it, as text blocks take one separator."""
    runs = segment.runs
    if len(runs) < 2 or not any(i in gone for i in runs):
        return
    last_kept = max((n for n, i in enumerate(runs) if i not in gone), default=-1)
    for n, i in enumerate(runs):
        if i not in gone:
            continue
        gap = segment.gaps[n + 1] if n < last_kept else (segment.gaps[n] if n > 0 else [])
        for br in gap:
            remove_keep_tail(br)
        gap.clear()


def _rewrite_pres(ex: Extracted, kept: Mapping[int, str]) -> None:
    """Rewrite a ``<pre>`` whose lines changed in part; one with child elements is left as it was."""
    for pre in ex.pres:
        blocks = pre.blocks.values()
        changed = any(i not in kept or kept[i] != ex.runs[i].text for i in blocks)
        if not changed or len(pre.element) or all(i not in kept for i in blocks):
            continue
        lines = []
        for n, line in enumerate(pre.lines):
            i = pre.blocks.get(n)
            if i is None:
                lines.append(line)
            elif i in kept:
                lines.append(kept[i] + ("\r" if line.endswith("\r") else ""))
        pre.element.text = xml_safe("\n".join(lines))


def remove_keep_tail(el: Element) -> None:
    """Remove *el* from its parent, keeping its tail text.

    A whitespace-only tail that follows whitespace is dropped, so removing
    ``<p>Ad</p>`` from ``<p>a</p>\n<p>Ad</p>\n<p>b</p>`` leaves one newline.
    """
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        before = (prev.tail if prev is not None else parent.text) or ""
        if not (tail.strip(_HTML_SPACE_CHARS) == "" and before[-1:] in _HTML_SPACE_CHARS and before):
            if prev is not None:
                prev.tail = before + tail
            else:
                parent.text = before + tail
    parent.remove(el)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """*text* without the characters lxml cannot store (NUL, C0 controls, lone surrogates)."""
    return _NOT_XML.sub("", text)


def _rewrite(run: Run, new: str) -> None:
    """Put *new* in place of the run's text, editing only the characters that differ.

    The run's text is its text nodes joined and whitespace-collapsed; each
    character of it is mapped back to its text node, so inline markup
    (links, emphasis) around unchanged text stays where it was.
    """
    raws = [getattr(el, attr) or "" for el, attr in run.slots]
    owners: list[int] = []  # text node of each raw character
    for n, raw in enumerate(raws):
        owners.extend([n] * len(raw))
    joined = "".join(raws)
    positions = [m.start() for m in re.finditer(r"[^ \t\n\r\f]|[ \t\n\r\f]+(?=[^ \t\n\r\f])", joined)]
    if positions and joined[positions[0]] in _HTML_SPACE_CHARS:
        positions.pop(0)
    # positions[k] is where character k of the collapsed text starts in `joined`
    chars: list[list[str]] = [list(raw) for raw in raws]
    edits = SequenceMatcher(None, run.text, new, autojunk=False).get_opcodes()
    for op, i1, i2, j1, j2 in reversed(edits):
        if op == "equal":
            continue
        start = positions[i1] if i1 < len(positions) else len(joined)
        end = positions[i2] if i2 < len(positions) else len(joined.rstrip(_HTML_SPACE_CHARS))
        owner = owners[start] if start < len(owners) else len(raws) - 1
        _splice(chars, start, end, owner, new[j1:j2])
    for (el, attr), piece in zip(run.slots, chars):
        setattr(el, attr, xml_safe("".join(piece)) or None)


def _splice(chars: list[list[str]], start: int, end: int, owner: int, text: str) -> None:
    """Replace raw characters ``start:end`` (across text nodes) with *text*, put in node *owner*."""
    offsets = _offsets(chars)
    for n in range(len(chars)):
        lo, hi = max(start, offsets[n]) - offsets[n], min(end, offsets[n] + len(chars[n])) - offsets[n]
        if n == owner:
            lo = min(max(start - offsets[n], 0), len(chars[n]))
            chars[n][lo : max(lo, hi)] = list(text)
        elif lo < hi:
            chars[n][lo:hi] = []


def _offsets(chars: list[list[str]]) -> list[int]:
    out, pos = [], 0
    for piece in chars:
        out.append(pos)
        pos += len(piece)
    return out

