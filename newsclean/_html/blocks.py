"""Blocks from an lxml tree: the runs of visible text the filters see as blocks.

:func:`extract` walks the tree once, without recursion (pages nest thousands
of levels deep), and cuts the visible text into *runs*: the text of one block
element up to the next nested block element or ``<br>``. Each non-blank run
is one block of the :class:`~newsclean.Document` the filters see; its text is
the run's text with HTML whitespace collapsed. :mod:`newsclean._html.edits`
carries the filters' decisions back onto the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from newsclean._core.document import BlockKind

__all__ = [
    "BLOCK_TAGS", "HTML_SPACE_CHARS", "INVISIBLE_TAGS", "MEDIA_TAGS", "Container", "Element", "Extracted", "Pre", "Run", "RunSegment",
    "Texts", "Walker", "collapse", "embed_class", "extract", "extract_texts", "local_tag",
]

Element = etree._Element

# Elements that start a new block. Anything not listed (span, a, em, custom
# elements, ...) is inline: its text joins the surrounding block's text.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "main menu nav ol p section summary table tbody td tfoot th thead tr ul".split()
)
# Elements whose text is never visible article text. noembed and noframes hold fallback markup that
# browsers read as raw text and never show, like script and style.
INVISIBLE_TAGS = frozenset(
    "script style noscript noembed noframes template head title meta link base svg math object embed canvas "
    "audio video picture iframe frame select textarea button".split()
)
# Content that is not text: an element holding one is never removed as a whole
# (a figure whose caption was "Loading…" keeps its image).
MEDIA_TAGS = frozenset("img picture video audio svg canvas object embed iframe math input select textarea".split())
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
HTML_SPACE_CHARS = " \t\n\r\f"
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def collapse(text: str) -> str:
    """Text as a browser shows it: ASCII whitespace runs become one space, ends trimmed.

    Trimmed first: the whitespace between two block elements (most runs of a page) is then
    empty without a regex pass.
    """
    text = text.strip(HTML_SPACE_CHARS)
    return _HTML_SPACE.sub(" ", text) if text else text


@dataclass(slots=True)
class Run:
    """The markup behind one block: its text nodes (element, "text" or "tail") and inline elements."""

    text: str
    kind: str
    container: Element
    slots: tuple[tuple[Element, str], ...] = ()
    inlines: tuple[Element, ...] = ()


@dataclass(slots=True)
class RunSegment:
    """Runs of one container between two nested blocks, and the ``<br>`` groups around them.

    Made only for a stretch that holds a ``<br>`` (the only use is dropping one with a removed line):
    a page of 100,000 paragraphs would otherwise carry 200,000 of them.
    """

    runs: list[int] = field(default_factory=list)
    gaps: list[list[Element]] = field(default_factory=lambda: [[]])


@dataclass(slots=True)
class Container:
    """A block element and its runs ``first:last``."""

    element: Element
    first: int
    last: int = -1
    media: bool = False
    whole: bool = False  # an embed or a selected element: goes as one piece
    kept: int = 0  # for the editor: how many runs were kept before this one began


@dataclass(slots=True)
class Pre:
    element: Element
    lines: list[str]
    blocks: dict[int, int]  # line number in `lines` -> block index


@dataclass(slots=True)
class _Context:
    element: Element
    kind: str
    first: int  # the first run of the current stretch (runs between two nested blocks are consecutive)
    segment: RunSegment | None = None  # made at the stretch's first <br>


@dataclass(slots=True)
class Extracted:
    """The runs (one per block) of a tree, and what :func:`apply_edits` needs to edit it."""

    root: Element
    runs: list[Run] = field(default_factory=list)
    segments: list[RunSegment] = field(default_factory=list)
    containers: list[Container] = field(default_factory=list)
    pres: list[Pre] = field(default_factory=list)
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


class Walker:
    """One pass over the tree, keeping the current run and the stack of open blocks.

    It hands each run to :meth:`_emit` and each block element to :meth:`_entered` and
    :meth:`_left`; this class keeps them all in :attr:`out`. Subclasses keep less: the
    text walker only the texts, the editor of :mod:`newsclean._html.edits` only what it edits.
    With *track* false, runs do not collect their text nodes, inline elements and ``<br>`` groups.
    """

    def __init__(self, root: Element, selected: frozenset[Element], *, track: bool = True) -> None:
        self.out = Extracted(root)
        self.selected = selected
        self.track = track
        self.count = 0  # runs emitted so far: the index of the next run
        self.media = 0
        self.slots: list[tuple[Element, str]] = []
        self.parts: list[str] = []
        self.inlines: list[Element] = []
        self.stack: list[_Context] = []
        self.open: list[tuple[Element, Container | None]] = []
        self.media_marks: list[int] = []

    def run(self) -> Extracted:
        root = self.out.root
        container = self._enter_block(root, _KIND_BY_TAG.get(local_tag(root) or "", BlockKind.PARAGRAPH), whole=False)
        self.open.append((root, container))
        self._add(root, "text", root.text)
        # lxml walks the tree in C and tells each element's start and end (a comment or
        # processing instruction comes as one event: only its tail is text)
        walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
        next(walk)  # the root's start: entered above
        start, leave, opened = self._start, self._leave, self.open
        passed: Element | None = None  # an element not walked into: its end is no leaving
        for event, el in walk:
            if event == "start":
                if not start(el):
                    walk.skip_subtree()  # the next event is this element's end
                    passed = el
            elif event == "end":
                if el is passed:
                    passed = None
                else:
                    leave(*opened.pop())
            else:
                start(el)
        return self.out

    def _emit(self, text: str, kind: str, container: Element) -> None:
        """Keep one run; its text nodes and inline elements are in :attr:`slots` and :attr:`inlines`."""
        self.out.runs.append(Run(text, kind, container, tuple(self.slots), tuple(self.inlines)))

    def _entered(self, container: Container) -> None:
        """A block element begins (its ``last`` and ``media`` are known at :meth:`_left`)."""
        self.out.containers.append(container)

    def _left(self, container: Container) -> None:
        """A block element ends."""

    def _pre_done(self, pre: Pre) -> None:
        self.out.pres.append(pre)

    def _add(self, el: Element, attr: str, text: str | None) -> None:
        if text:
            if self.track:
                self.slots.append((el, attr))
            self.parts.append(text)

    def _close(self) -> None:
        """End the current run at a block boundary or a ``<br>``; keep it if it has text."""
        if self.parts:
            text = collapse("".join(self.parts))
            if text:
                ctx = self.stack[-1]
                if ctx.segment is not None:
                    ctx.segment.runs.append(self.count)
                    ctx.segment.gaps.append([])
                self._emit(text, ctx.kind, ctx.element)
                self.count += 1
            self.parts = []
        if self.slots:
            self.slots = []
        if self.inlines:
            self.inlines = []

    def _segment(self) -> RunSegment:
        """The current stretch's segment, made now if it has none yet."""
        ctx = self.stack[-1]
        if ctx.segment is None:
            runs = list(range(ctx.first, self.count))
            ctx.segment = RunSegment(runs, [[] for _ in range(len(runs) + 1)])
            self.out.segments.append(ctx.segment)
        return ctx.segment

    def _new_stretch(self) -> None:
        """After a nested block: the container's runs from here on are a new stretch."""
        ctx = self.stack[-1]
        ctx.first, ctx.segment = self.count, None

    def _start(self, el: Element) -> bool:
        """Handle an element's start; return whether to walk into its children."""
        tag = local_tag(el)
        if tag is None:  # comment or processing instruction: only its tail is text
            self._add(el, "tail", el.tail)
            return False
        if tag in BLOCK_TAGS or tag == "iframe" or tag == "pre" or el in self.selected:
            return self._start_block(el, tag)
        if tag in MEDIA_TAGS:
            self.media += 1
        if tag == "br":
            self._close()
            if self.track:
                self._segment().gaps[-1].append(el)
        elif tag in INVISIBLE_TAGS or is_hidden(el):
            pass
        else:
            if self.track:
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
        container = self._enter_block(el, kind, whole=embed or el in self.selected)
        self._add(el, "text", el.text)
        self.open.append((el, container))
        return True

    def _enter_block(self, el: Element, kind: str, *, whole: bool) -> Container:
        self._close()
        self.stack.append(_Context(el, kind, self.count))
        container = Container(el, self.count, media=False, whole=whole)
        self._entered(container)
        self.media_marks.append(self.media)
        if el in self.selected:
            self.out.forced.append(el)
        return container

    def _leave(self, el: Element, container: Container | None) -> None:
        if container is None:  # an inline element
            self._add(el, "tail", el.tail)
            return
        self._close()
        self.stack.pop()
        container.last = self.count
        container.media = self.media != self.media_marks.pop()
        self._left(container)
        if self.stack:
            self._new_stretch()
            self._add(el, "tail", el.tail)

    def _leaf_block(self, el: Element, lines: list[str], kind: str, *, whole: bool = True) -> int:
        """A block element whose text we read whole (iframe src, pre lines); returns the first run index."""
        self._close()
        first = self.count
        container = Container(el, first, whole=whole)
        self._entered(container)
        for line in lines:
            self._emit(line, kind, el)
            self.count += 1
        container.last = self.count
        self._left(container)
        self._new_stretch()
        self._add(el, "tail", el.tail)
        return first

    def _pre(self, el: Element) -> None:
        raw = "".join(str(text) for text in el.itertext())
        lines = raw.split("\n")
        kept = {i: line.rstrip("\r") for i, line in enumerate(lines) if line.strip()}
        kind = BlockKind.EMBED if self.stack[-1].kind == BlockKind.EMBED else BlockKind.PREFORMATTED
        first = self._leaf_block(el, list(kept.values()), kind, whole=False)
        self._pre_done(Pre(el, lines, {i: first + n for n, i in enumerate(kept)}))


class _TextWalker(Walker):
    """The walk that keeps each run's text and kind, all the filters need.

    The first *keep* runs are also kept whole (their text nodes and elements), so that a page
    of fewer runs is edited from them without a second walk; past *keep* runs, they are let go
    and no element is held any more.
    """

    def __init__(self, root: Element, keep: int, containers: bool) -> None:
        super().__init__(root, frozenset(), track=keep > 0)
        self.keep = keep
        self.containers: list[Element] | None = [] if containers else None
        self.texts: list[str] = []
        self.kinds: list[str] = []
        # Equal runs share one string (a page of 100,000 "Advertisement"s holds it once); the dict goes with the walk.
        self.seen: dict[str, str] = {}

    def _emit(self, text: str, kind: str, container: Element) -> None:
        text = self.seen.setdefault(text, text)
        self.texts.append(text)
        self.kinds.append(kind)
        if self.containers is not None:
            self.containers.append(container)
        if self.track:
            Walker._emit(self, text, kind, container)  # (not super(): a plain call, once a run)
            if self.count + 1 >= self.keep:
                self._let_go()

    def _let_go(self) -> None:
        """Keep only texts and kinds from here on."""
        self.track = False
        self.out = Extracted(self.out.root)
        for ctx in self.stack:
            ctx.segment = None

    def _entered(self, container: Container) -> None:
        if self.track:
            Walker._entered(self, container)  # (not super(): a plain call, once a block element)

    def _pre_done(self, pre: Pre) -> None:
        if self.track:
            super()._pre_done(pre)


def extract(root: Element, *, selected: frozenset[Element] = frozenset()) -> Extracted:
    """Cut the visible text under *root* into runs, one per block, in document order."""
    return Walker(root, selected).run()


class Texts(NamedTuple):
    """What :func:`extract_texts` found."""

    texts: list[str]
    kinds: list[str]
    runs: Extracted | None  # the runs whole, if there were fewer than *keep*
    containers: list[Element] | None  # each run's block element, if asked for


def extract_texts(root: Element, *, keep: int = 0, containers: bool = False) -> Texts:
    """The text and kind of each run :func:`extract` finds, and the runs themselves if there are fewer than *keep*.

    Past *keep* runs no text node or inline element is held (less memory: the caller walks
    the tree again to edit it); with *containers*, each run's block element is.
    """
    walker = _TextWalker(root, keep, containers)
    walker.run()
    return Texts(walker.texts, walker.kinds, walker.out if walker.track else None, walker.containers)
