"""The filters' decisions carried back onto an lxml tree cut by :func:`~newsclean._html.blocks.extract`.

:func:`apply_edits` takes the blocks that survived and edits the tree: a
removed run's text nodes are emptied, an element all of whose runs went is
removed (its tail text kept), a rewritten run gets its new text mapped onto
its text nodes. Nothing else in the tree is touched.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher

from newsclean._html.blocks import (
    BLOCK_TAGS,
    HTML_SPACE_CHARS,
    INVISIBLE_TAGS,
    MEDIA_TAGS,
    Container,
    Element,
    Extracted,
    Pre,
    RunSegment,
    Walker,
    local_tag,
)

__all__ = ["apply_edits", "apply_recorded_edits", "remove_keep_tail", "xml_safe"]

# Above this many cells (len(a) * len(b)), a diff by character is too slow
# (SequenceMatcher is quadratic or worse on repetitive text) and words are used.
_DIFF_CELLS = 40_000
# How many words ahead the word alignment looks for text that agrees again.
_LOOKAHEAD = 8
_WORD = re.compile(r"\S+\s*|\s+")

# Where each character of the whitespace-collapsed text starts in the raw
# text: a non-space character, or a whitespace run (one collapsed space).
# No lookahead for "followed by text": on a long trailing run that retries
# the whole run from every position (quadratic); the trailing run is popped
# by hand instead.
_COLLAPSED_CHAR = re.compile(r"[^ \t\n\r\f]|[ \t\n\r\f]+")


def apply_edits(root: Element, selected: frozenset[Element], kept: Iterable[tuple[int, str]], last: int) -> None:
    """Edit the tree under *root*: the runs missing from *kept* go, the runs whose text differs get it.

    *kept* gives ``(run index, final text)`` of the blocks that survived, in document order;
    *last* is the index of the last run that changed. The tree is walked again (the walk
    finds the same runs as the one the filters' blocks came from), up to the first run after
    *last*, and each run is settled as the walk reaches it, so nothing is held for a run
    that stays as it was, and for a removed one only what must wait until the walk is over:
    its element (removed last, as removals change the tree being walked), or its inline
    elements and ``<br>`` group. *selected* are the elements matching ``remove_selectors``
    (the walk then goes to the end, to find them all).
    """
    editor = _Editor(root, selected, iter(kept), sys.maxsize if selected else last)
    try:
        editor.run()
    except _Done:  # every run from here on stays as it is
        pass
    editor.finish()


def apply_recorded_edits(ex: Extracted, kept: Iterable[tuple[int, str]]) -> None:
    """:func:`apply_edits` on a tree whose runs were all kept by the walk in *ex* (no second walk)."""
    editor = _Editor(ex.root, frozenset(), iter(kept), sys.maxsize)
    editor.pre_texts = {}  # every kept run's text, for the <pre> elements below
    kept_before = array("q", [0])  # kept runs before each run
    for i, run in enumerate(ex.runs):
        editor.count, editor.slots, editor.inlines = i, list(run.slots), list(run.inlines)
        editor._emit(run.text, run.kind, run.container)
        kept_before.append(editor.kept_runs)
    for pre in ex.pres:
        editor._pre_done(pre)
    editor.out.segments, editor.out.forced = ex.segments, ex.forced
    covered = 0  # containers in document order: one that goes takes the ones inside it
    for c in ex.containers:
        if c.first >= covered and c.first < c.last and c.element is not ex.root and (c.whole or not c.media):
            if kept_before[c.last] == kept_before[c.first]:
                editor.doomed.append(c.element)
                covered = c.last
    editor.finish()


class _Done(Exception):
    """The walk reached a run after the last one that changed."""


class _Editor(Walker):
    """The walk that carries the filters' decisions onto the tree, run by run."""

    def __init__(self, root: Element, selected: frozenset[Element], kept: Iterator[tuple[int, str]], last: int) -> None:
        super().__init__(root, selected)
        self.last = last
        self.kept = kept
        self.next_kept = next(kept, None)
        self.gone = bytearray()  # one byte a run: 1 if the run was removed
        self.kept_runs = 0
        self.dead_inlines: list[Element] = []  # inline elements of removed runs, emptied
        self.doomed: list[Element] = []  # block elements all of whose runs went (none inside another)
        self.doomed_first: list[int] = []  # their first runs
        self.pre_texts: dict[int, str] | None = None  # inside a <pre>: its kept lines' new texts

    def finish(self) -> None:
        """The edits that change the tree's shape, once the walk is over."""
        for el in self.dead_inlines:
            if len(el) == 0 and not el.text and local_tag(el) not in MEDIA_TAGS:
                remove_keep_tail(el)
        for segment in self.out.segments:
            _drop_breaks(segment, self.gone)
        for el in self.out.forced:
            remove_keep_tail(el)
        for el in self.doomed:
            _remove_block(el)

    def _emit(self, text: str, kind: str, container: Element) -> None:
        if self.count > self.last and self.pre_texts is None:  # (a <pre> is settled after its last line)
            self.gone.append(0)  # for a <br> group that holds this run
            raise _Done
        found = self.next_kept
        if found is not None and found[0] == self.count:
            self.next_kept = next(self.kept, None)
            self.gone.append(0)
            self.kept_runs += 1
            new = found[1]
            if new != text and self.slots:
                _rewrite(text, self.slots, new)
            if self.pre_texts is not None:
                self.pre_texts[self.count] = new
            return
        self.gone.append(1)
        for el, attr in self.slots:  # the run's text goes now; elements go after the walk
            setattr(el, attr, None)
        self.dead_inlines.extend(reversed(self.inlines))

    def _entered(self, container: Container) -> None:
        container.kept = self.kept_runs

    def _left(self, container: Container) -> None:
        """Doom a block element whose runs all went (the outermost one: it takes the ones inside)."""
        if container.first >= container.last or container.kept != self.kept_runs:
            return
        if container.element is self.out.root or (container.media and not container.whole):
            return
        while self.doomed_first and self.doomed_first[-1] >= container.first:  # inside this one
            self.doomed_first.pop()
            self.doomed.pop()
        self.doomed_first.append(container.first)
        self.doomed.append(container.element)

    def _pre(self, el: Element) -> None:
        self.pre_texts = {}
        try:
            super()._pre(el)
        finally:
            self.pre_texts = None

    def _pre_done(self, pre: Pre) -> None:
        """Rewrite a ``<pre>`` whose lines changed in part; one with child elements is left as it was."""
        texts = self.pre_texts or {}
        changed = any(texts.get(i) != pre.lines[n].rstrip("\r") for n, i in pre.blocks.items())
        if not changed or len(pre.element) or not any(i in texts for i in pre.blocks.values()):
            return
        lines = []
        for n, line in enumerate(pre.lines):
            i = pre.blocks.get(n)
            if i is None:
                lines.append(line)
            elif i in texts:
                lines.append(texts[i] + ("\r" if line.endswith("\r") else ""))
        pre.element.text = xml_safe("\n".join(lines))


def _drop_breaks(segment: RunSegment, gone: bytearray) -> None:
    """Remove the ``<br>`` group a removed line took with it, as text blocks take one separator."""
    runs = segment.runs
    if len(runs) < 2 or not any(gone[i] for i in runs):
        return
    last_kept = max((n for n, i in enumerate(runs) if not gone[i]), default=-1)
    for n, i in enumerate(runs):
        if not gone[i]:
            continue
        gap = segment.gaps[n + 1] if n < last_kept else (segment.gaps[n] if n > 0 else [])
        for br in gap:
            remove_keep_tail(br)
        gap.clear()


def _remove_block(el: Element) -> None:
    """Remove a block element all of whose text went; empty it instead where it parts two runs of loose text.

    Removing ``<p>Ad</p>`` from ``<div>Rain.<p>Ad</p>Wind.</div>`` would join
    ``Rain.`` and ``Wind.`` into one line, in a browser and as one block when
    the output is cleaned again; an empty ``<p></p>`` keeps them apart.
    """
    if _loose_text_before(el) and _loose_text_after(el):
        for child in list(el):
            el.remove(child)
        el.text = None
        return
    remove_keep_tail(el)


def _visible(el: Element) -> bool:
    """Whether an element (not a comment) holds visible text of its own."""
    return local_tag(el) not in INVISIBLE_TAGS and any(str(t).strip(HTML_SPACE_CHARS) for t in el.itertext())


def _loose_text_before(el: Element) -> bool:
    """Whether text runs into *el* from before it, with no block or line break between.

    Inside an inline parent (a block in a link) the text before the parent runs on into it.
    """
    node = el
    while True:
        for sib in node.itersiblings(preceding=True):
            if (sib.tail or "").strip(HTML_SPACE_CHARS):
                return True
            if isinstance(sib.tag, str):
                if _breaks_lines(sib):
                    return False
                if _visible(sib):
                    return True
        parent = node.getparent()
        if parent is None:
            return False
        if (parent.text or "").strip(HTML_SPACE_CHARS):
            return True
        if _breaks_lines(parent):
            return False
        node = parent


def _loose_text_after(el: Element) -> bool:
    """Whether text follows *el* before any block or line break (past the end of an inline parent too)."""
    node = el
    while True:
        if (node.tail or "").strip(HTML_SPACE_CHARS):
            return True
        for sib in node.itersiblings():
            if isinstance(sib.tag, str):
                if _breaks_lines(sib):
                    return False
                if _visible(sib):
                    return True
            if (sib.tail or "").strip(HTML_SPACE_CHARS):
                return True
        parent = node.getparent()
        if parent is None or _breaks_lines(parent):
            return False
        node = parent


def _breaks_lines(el: Element) -> bool:
    """Whether *el* ends a line of text before it: a block element or a ``<br>``."""
    tag = local_tag(el)
    return tag in BLOCK_TAGS or tag == "br"


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
        if not (tail.strip(HTML_SPACE_CHARS) == "" and before[-1:] in HTML_SPACE_CHARS and before):
            if prev is not None:
                prev.tail = before + tail
            else:
                parent.text = before + tail
    parent.remove(el)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """*text* without the characters lxml cannot store (NUL, C0 controls, lone surrogates)."""
    return _NOT_XML.sub("", text)


def _rewrite(text: str, slots: list[tuple[Element, str]], new: str) -> None:
    """Put *new* in place of a run's *text*, editing only the characters that differ.

    The run's text is its text nodes (*slots*) joined and whitespace-collapsed; each
    character of it is mapped back to its text node, so inline markup
    (links, emphasis) around unchanged text stays where it was.
    """
    raws = [getattr(el, attr) or "" for el, attr in slots]
    owners: list[int] = []  # text node of each raw character
    for n, raw in enumerate(raws):
        owners.extend([n] * len(raw))
    joined = "".join(raws)
    positions = [m.start() for m in _COLLAPSED_CHAR.finditer(joined)]
    if positions and joined[-1] in HTML_SPACE_CHARS:  # trailing whitespace collapses to nothing
        positions.pop()
    if positions and joined[positions[0]] in HTML_SPACE_CHARS:
        positions.pop(0)
    # positions[k] is where character k of the collapsed text starts in `joined`
    chars: list[list[str]] = [list(raw) for raw in raws]
    offsets = _starts(raws)
    for i1, i2, j1, j2 in reversed(_opcodes(text, new)):
        start = positions[i1] if i1 < len(positions) else len(joined)
        end = positions[i2] if i2 < len(positions) else len(joined.rstrip(HTML_SPACE_CHARS))
        owner = owners[start] if start < len(owners) else len(raws) - 1
        _splice(chars, offsets, start, end, owner, new[j1:j2])
    for (el, attr), piece in zip(slots, chars):
        setattr(el, attr, xml_safe("".join(piece)) or None)


def _opcodes(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """The spans ``(a_start, a_end, b_start, b_end)`` that differ between *a* and *b*, in linear time.

    The common prefix and suffix are cut off first (one mojibake fix in a long
    paragraph leaves a few characters to diff). A short rest is diffed by
    character. A long one is aligned word by word, resynchronising within a
    few words after each difference (edits in article text are local), and
    each differing run of words is then diffed by character. SequenceMatcher
    alone is quadratic or worse on long, repetitive text.
    """
    prefix = _common_prefix(a, b)
    suffix = _common_prefix(a[prefix:][::-1], b[prefix:][::-1])
    mid_a, mid_b = a[prefix : len(a) - suffix], b[prefix : len(b) - suffix]
    if len(mid_a) * len(mid_b) <= _DIFF_CELLS:
        return _char_spans(mid_a, mid_b, prefix, prefix)
    words_a, words_b = _WORD.findall(mid_a), _WORD.findall(mid_b)
    starts_a, starts_b = _starts(words_a), _starts(words_b)
    spans: list[tuple[int, int, int, int]] = []
    for i1, i2, j1, j2 in _align_words(words_a, words_b):
        a0, a1, b0, b1 = starts_a[i1], starts_a[i2], starts_b[j1], starts_b[j2]
        if (a1 - a0) * (b1 - b0) <= _DIFF_CELLS:
            spans += _char_spans(mid_a[a0:a1], mid_b[b0:b1], prefix + a0, prefix + b0)
        else:
            spans.append((prefix + a0, prefix + a1, prefix + b0, prefix + b1))
    return spans


def _char_spans(a: str, b: str, at_a: int, at_b: int) -> list[tuple[int, int, int, int]]:
    """The differing spans of two short strings, shifted to offsets *at_a* and *at_b*."""
    return [
        (i1 + at_a, i2 + at_a, j1 + at_b, j2 + at_b)
        for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if op != "equal"
    ]


def _align_words(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """Differing runs of words ``(a_start, a_end, b_start, b_end)``, by a greedy walk with a bounded look-ahead."""
    spans: list[tuple[int, int, int, int]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i, j = i + 1, j + 1
            continue
        di, dj = _resync(a, b, i, j)
        spans.append((i, i + di, j, j + dj))
        i, j = i + di, j + dj
    if i < len(a) or j < len(b):
        spans.append((i, len(a), j, len(b)))
    return spans


def _resync(a: list[str], b: list[str], i: int, j: int) -> tuple[int, int]:
    """The nearest ``(di, dj)`` where the words agree again; the rest of both if none is near.

    A wrong resync on a common word costs nothing but a coarser edit: the
    spans between agreeing words are diffed by character afterwards.
    """
    for total in range(1, 2 * _LOOKAHEAD + 1):
        for di in range(max(0, total - _LOOKAHEAD), min(total, _LOOKAHEAD) + 1):
            x, y = i + di, j + total - di
            if x < len(a) and y < len(b) and a[x] == b[y]:
                return di, total - di
    return len(a) - i, len(b) - j


def _starts(words: list[str]) -> list[int]:
    """Offset of each word, and the total length last."""
    out, pos = [0], 0
    for word in words:
        pos += len(word)
        out.append(pos)
    return out


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, compared a chunk at a time."""
    n, i, step = min(len(a), len(b)), 0, 256
    while i < n:
        if a[i : i + step] == b[i : i + step]:
            i += step
        elif step > 1:
            step //= 16
        else:
            break
    return min(i, n)


def _splice(chars: list[list[str]], offsets: list[int], start: int, end: int, owner: int, text: str) -> None:
    """Replace raw characters ``start:end`` (across text nodes) with *text*, put in node *owner*.

    *offsets* are the nodes' offsets before any splice; splices come last
    first, so the nodes before *start* have not moved. Only the nodes that
    overlap the span are visited, so many splices stay linear.
    """
    n = min(owner, max(bisect_right(offsets, start, 0, len(chars)) - 1, 0))
    while n < len(chars) and (offsets[n] < end or n <= owner):
        lo, hi = max(start, offsets[n]) - offsets[n], min(end, offsets[n] + len(chars[n])) - offsets[n]
        if n == owner:
            lo = min(max(start - offsets[n], 0), len(chars[n]))
            chars[n][lo : max(lo, hi)] = list(text)
        elif lo < hi:
            chars[n][lo:hi] = []
        n += 1
