"""HTML input: clean article HTML (a page, a fragment, an lxml element or a Beautiful Soup tag).

The markup is parsed with lxml, cut into blocks (paragraphs, headings, list
items, table cells, ``<br>``-separated lines, social embeds), and the same
filters that clean plain text decide which blocks go. Their decisions are then
carried back onto a *copy* of the tree: the element of a removed block goes
(its tail text stays), a repaired block gets its new text. Everything else in
the markup is left as it was.
"""

from __future__ import annotations

import copy
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from lxml import etree

from newsclean._core.changes import Change
from newsclean._core.blocks import Block, BlockTable
from newsclean._core.document import Document, Edit
from newsclean._html.encoding import cap_depth, decode_html
from newsclean._core.errors import config_error
from newsclean._core.filter import BlockFilter, Filter, FilterResult, says_it_stays_settled
from newsclean._html.blocks import Element, Extracted, embed_class, extract, extract_texts, local_tag
from newsclean._html.edits import apply_edits, apply_recorded_edits, xml_safe
from newsclean._html.foreign import harmonise
from newsclean._html.serialize import serialize
from newsclean._core.pipeline import Pipeline
from newsclean._core.runs import pipeline_step, runs_for_pipeline
from newsclean._core.result import ChangeSummary, Result
from newsclean._registry import resolve_pipeline

__all__ = ["HtmlResult", "SelectorFilter", "clean_html", "explain_html"]

OUTPUTS = ("html", "text")

# A full page (rather than a fragment) declares itself in its first few KB.
_FULL_PAGE = re.compile(r"<(?:!doctype|html|head|body)[\s>/]", re.IGNORECASE)
# libxml2 stops at 256 levels (2048 with huge_tree) and drops the rest of the
# page; deeper markup is flattened below this depth before parsing.
_MAX_DEPTH = 1500
# A page of fewer runs keeps them whole while the filters run and is edited from them, without
# a second walk over the tree (an article page has a few hundred; at most about 1.5 MB held).
_KEEP_RUNS = 2_000


@dataclass(frozen=True, repr=False)
class HtmlResult(ChangeSummary):
    """What :func:`explain_html` did: the cleaned HTML and text, and every change.

    ``output`` is ``html`` or ``text``, whichever was asked for. Each change
    names its element in ``path`` (``"article > p:nth-of-type(3)"``); its
    offsets point into the block text the filters saw (its ``result.input``), so
    ``explained.result.replay() == explained.text`` for ``explained = explain_html(...)``.
    """

    output: str
    html: str
    text: str
    changes: tuple[Change, ...] = ()
    drop_reason: str | None = None
    filters: tuple[str, ...] = ()
    encoding: str | None = None
    result: Result | None = field(default=None, repr=False, compare=False)

    def _sizes(self) -> str:
        return f"{len(self.html)} chars of HTML"


@dataclass(frozen=True, kw_only=True)
class SelectorFilter(BlockFilter):
    """Removes the blocks inside elements that matched ``remove_selectors`` (built by :func:`explain_html`)."""

    name = "remove_selectors"
    nodes: tuple[tuple[int, str], ...] = ()

    def edits(self, doc: Document) -> Iterator[Edit]:
        """Yield a removal for each block whose node is in :attr:`nodes`."""
        selector = dict(self.nodes)
        for i, block in enumerate(doc.blocks):
            if block.node in selector:
                yield Edit(i, "selector", f"inside an element matching {selector[block.node]!r}")


def clean_html(
    markup: object,
    *,
    output: str = "html",
    pipeline: Pipeline | None = None,
    remove_selectors: Iterable[str] = (),
) -> str:
    """Clean article HTML and return the cleaned HTML (or, with ``output="text"``, its text).

    Removes the elements whose whole text is a placeholder (``<p>Loading…</p>``),
    a second copy of a double-posted body, duplicated embeds, and repairs
    mojibake in place; leaves every other element, attribute and text as it
    was. Nothing is removed by class name unless you pass CSS selectors in
    ``remove_selectors``. The caller's lxml element or soup is not modified
    (the work is done on a copy).

    *markup* is a ``str``, ``bytes`` (the encoding is detected), an lxml
    element or a Beautiful Soup ``Tag``. A full page comes back as a full
    page; a fragment as a fragment.

    >>> clean_html("<article><p>Rain.</p><p>Wind.</p></article>", pipeline=Pipeline())
    '<article><p>Rain.</p><p>Wind.</p></article>'
    >>> clean_html("<p>Rain.</p><p>Wind<br>and hail.</p>", output="text", pipeline=Pipeline())
    'Rain.\\nWind\\nand hail.'
    """
    tree, _, text = _clean(markup, output, pipeline, remove_selectors, edit_tree=output == "html", paths=False)
    return tree.serialize() if output == "html" else text


def explain_html(
    markup: object,
    *,
    output: str = "html",
    pipeline: Pipeline | None = None,
    remove_selectors: Iterable[str] = (),
) -> HtmlResult:
    """Clean article HTML and return an :class:`HtmlResult`: the HTML, the text and every change.

    >>> from newsclean import Pipeline, FunctionFilter
    >>> def no_ads(text):
    ...     return "" if text == "Advertisement" else text
    >>> result = explain_html(
    ...     "<div><p>Rain.</p><div class='ad'>Advertisement</div></div>",
    ...     pipeline=Pipeline(FunctionFilter(no_ads, name="no_ads")),
    ... )
    >>> result.html
    '<div><p>Rain.</p></div>'
    >>> [(c.path, c.block) for c in result.changes]
    [('div > div', 'Advertisement')]
    """
    tree, result, text = _clean(markup, output, pipeline, remove_selectors, edit_tree=True, paths=True)
    html = tree.serialize()
    return HtmlResult(
        output=html if output == "html" else text,
        html=html,
        text=text,
        changes=result.changes,
        drop_reason=result.drop_reason,
        filters=result.filters,
        encoding=tree.encoding,
        result=result,
    )


def _clean(
    markup: object,
    output: str,
    pipeline: Pipeline | None,
    remove_selectors: Iterable[str],
    *,
    edit_tree: bool,
    paths: bool,
) -> tuple[_Tree, Result, str]:
    """Parse, run the pipeline on the blocks, and (if *edit_tree*) carry its edits onto the tree.

    Returns the tree, the pipeline's result and the cleaned text. ``clean_html(output="text")``
    passes ``edit_tree=False``: the text is all it needs, so the tree is neither edited nor serialized.

    Memory: on a page of ``_KEEP_RUNS`` runs or more, the filters see one block per run of text
    and nothing else of the tree is kept while they run (no text node; with *paths*, each run's
    block element, to name the element of each change); the edits are carried back by walking
    the tree again, which finds the same runs (see :func:`~newsclean._html.edits.apply_edits`).
    A smaller page keeps its runs and is edited from them.
    """
    if output not in OUTPUTS:
        config_error(f"output must be one of {', '.join(map(repr, OUTPUTS))}; got {output!r}")
    pipeline = resolve_pipeline(pipeline, function="clean_html")
    tree = _load(markup)
    selectors = tuple(remove_selectors) if not isinstance(remove_selectors, str) else (remove_selectors,)
    selected = _select(tree.root, selectors)
    doc, ex, containers, nodes = _walk(tree.root, selected, edit_tree=edit_tree, paths=paths)
    if selected:
        pipeline = Pipeline(SelectorFilter(nodes=nodes), pipeline)
    runs = len(doc.blocks)
    result = Pipeline(*(_OnHtml(f) for f in pipeline)).apply(doc)
    del doc
    if containers is not None:  # before the edits: a removed element has no path any more
        # the records leave the result, so that each goes as its copy with a path is made
        # (a page of 100,000 removals held both sets at once: about 200 bytes a removal)
        changes = list(result.changes)
        result = replace(result, changes=())
        result = _with_paths(result, changes, containers, tree.root)
        del containers, changes
    final = result.document
    assert final is not None  # _OnHtml checked every filter's document
    if edit_tree and (result.changes or selected):
        kept = ((b.node - 1, b.text) for b in final.blocks if b.node is not None)
        if ex is not None:
            apply_recorded_edits(ex, kept)
        else:
            apply_edits(tree.root, frozenset(selected), kept, _last_changed(result.changes, final, runs))
        tree.edited = True
    return tree, result, final.text


@dataclass(frozen=True)
class _OnHtml:
    """A filter of the pipeline, checked as it runs on HTML blocks: a filter whose output lost them fails by name."""

    inner: Filter

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def converges(self) -> bool:
        return getattr(self.inner, "converges", False) is True

    @property
    def blockwise(self) -> bool:
        return getattr(self.inner, "blockwise", False) is True

    @property
    def idempotent(self) -> bool:
        return getattr(self.inner, "idempotent", False) is True

    def stays_settled(self, doc: Document) -> bool:
        return says_it_stays_settled(self.inner, doc)

    def apply(self, doc: Document | str) -> FilterResult:
        if runs_for_pipeline(self):  # the inner filter's run is the pipeline's own step
            with pipeline_step(self.inner):
                result = self.inner.apply(doc)
        else:
            result = self.inner.apply(doc)
        new = result.document
        if result.changes and (new.source != "html" or any(b.node is None for b in new.blocks)):
            config_error(
                f"filter {self.name!r} turned the HTML blocks into plain text, so its edits cannot be mapped "
                "back onto the markup; build it on BlockFilter or FunctionFilter (they work on HTML blocks)"
            )
        return result


def _walk(
    root: Element, selected: dict[Element, str], *, edit_tree: bool, paths: bool
) -> tuple[Document, Extracted | None, list[Element] | None, tuple[tuple[int, str], ...]]:
    """The first walk: the document the filters read, the runs if kept whole, each run's element (for
    *paths*) and the blocks inside *selected* elements (for :class:`SelectorFilter`)."""
    if selected:
        ex = extract(root, selected=frozenset(selected))
        doc = _document([run.text for run in ex.runs], [run.kind for run in ex.runs])
        containers = [run.container for run in ex.runs] if paths else None
        return doc, ex if len(ex.runs) < _KEEP_RUNS else None, containers, _selected_nodes(ex, selected)
    found = extract_texts(root, keep=_KEEP_RUNS if edit_tree else 0, containers=paths)
    return _document(found.texts, found.kinds), found.runs, found.containers, ()


def _document(texts: list[str], kinds: list[str]) -> Document:
    """The document of one block per run, text joined with ``\\n``.

    A block's ``line`` and ``node`` are the same int: the run's number from 1 (filters keep an
    HTML block's line). On a page of ``_KEEP_RUNS`` runs or more the blocks are a
    :class:`BlockTable`: columns that make each block when it is read, about 40 bytes a block
    instead of 210 (the lists become the table's). A smaller page gets a tuple of blocks, which
    filters read faster.
    """
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    pos = 0
    for text in texts:
        starts.append(pos)
        pos += len(text)
        ends.append(pos)
        pos += 1
    text = "\n".join(texts)
    table = BlockTable.from_columns(starts, ends, texts, kinds, range(1, len(texts) + 1))
    return Document(text, table if len(table) >= _KEEP_RUNS else tuple(table), source="html")


def _last_changed(changes: Iterable[Change], final: Document, runs: int) -> int:
    """The index of the last run that a change removed or rewrote (of *runs*, in the final document *final*).

    A change's line is its block's run number from 1 (an HTML block keeps it through every
    filter); the last run missing from *final* is counted as well.
    """
    last = runs - 1
    for block in reversed(final.blocks):  # the last run missing from the end of the final blocks
        if block.node != last + 1:
            break
        last -= 1
    return max(last, max((c.line for c in changes), default=0) - 1)


def _with_paths(result: Result, changes: list[Change], containers: list[Element], root: Element) -> Result:
    """*result* with *changes* (its records, taken out of it), each with its element path, and the
    path in each block of its final document (*containers*: each run's element).

    Each record of *changes* is replaced in place by its copy with a path, so the old one goes at once.
    """
    final = result.document
    assert final is not None
    siblings: dict[Element, _Numbering] = {}
    # the last container's path: changes and blocks come in document order, and the runs of one
    # container are consecutive (a dict of every container's path held one more string a block)
    last: list[tuple[Element | None, str]] = [(None, "")]

    def path_of(run: int) -> str:
        container = containers[run]
        seen, path = last[0]
        if seen is not container:
            path = element_path(container, root, siblings)
            last[0] = (container, path)
        return path

    # in an HTML document a block keeps its line (run index + 1) through every filter
    for k, change in enumerate(changes):
        changes[k] = replace(change, path=path_of(change.line - 1))
    blocks: Sequence[Block]
    if isinstance(final.blocks, BlockTable):  # a table stays one: a column of paths
        blocks = final.blocks.with_paths([path_of(line - 1) for line in final.blocks.lines()])
    else:
        blocks = tuple(b._replace(path=path_of(b.node - 1)) if b.node is not None else b for b in final.blocks)
    document = Document(final.text, blocks, source=final.source)
    return replace(result, changes=tuple(changes), document=document)


@dataclass(slots=True)
class _Tree:
    """The parsed copy we edit: the element we work on, and how to serialize the result."""

    root: Element
    page: etree._ElementTree | None = None  # set for a full page: serialized whole
    encoding: str | None = None
    source: str | None = None  # the markup as given (str) or decoded (bytes), when there was one
    edited: bool = False

    def serialize(self) -> str:
        """The HTML: the markup as it came when nothing was edited, else the edited tree written out."""
        if self.source is not None and not self.edited:
            return self.source
        return serialize(self.root, self.page)


def _load(markup: object) -> _Tree:
    """Parse (or copy) *markup* into a tree we may edit."""
    if isinstance(markup, str):
        return _parse(markup)
    if isinstance(markup, (bytes, bytearray, memoryview)):
        text, encoding = decode_html(bytes(markup))
        tree = _parse(text)
        tree.encoding = encoding
        return tree
    if isinstance(markup, etree._Element):
        return _copy_element(markup)
    if type(markup).__module__.startswith("bs4"):
        from bs4.element import Tag

        if isinstance(markup, Tag):
            return _parse(str(markup))
    raise TypeError(_type_message(markup))


def _type_message(markup: object) -> str:
    got = "None" if markup is None else type(markup).__name__
    return (
        f"clean_html() needs HTML as a str, bytes, an lxml element or a Beautiful Soup Tag, got {got}"
        + ("; skip missing values first (e.g. `clean_html(x) if x is not None else x`)" if markup is None else "")
    )


def _copy_element(el: Element) -> _Tree:
    if local_tag(el) == "html":
        page = copy.deepcopy(el.getroottree())
        root = page.getroot()
        return _Tree(_body(root), page)
    clone = copy.deepcopy(el)
    clone.tail = None
    wrapper = etree.Element("body")
    wrapper.append(clone)
    return _Tree(wrapper)


def _parse(source: str) -> _Tree:
    page = _FULL_PAGE.search(source, 0, 4096) is not None
    text = harmonise(source)  # so that lxml reads SVG and MathML as a browser does
    root = _parse_bytes(_utf8(text), page)
    if root is None:
        root = _parse_bytes(_utf8(cap_depth(text, _MAX_DEPTH)), page)
    if root is None:  # cannot parse even when flattened: an empty document
        root = etree.fromstring(b"<html><body></body></html>", etree.HTMLParser())
    if page:
        return _Tree(_body(root), root.getroottree(), source=source)
    return _Tree(_body(root), source=source)


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (from a bad decode upstream) cannot be stored
        return xml_safe(text).encode("utf-8", errors="replace")


def _parse_bytes(data: bytes, page: bool) -> Element | None:
    """The ``<html>`` element, or ``None`` if libxml2 gave up (too deep)."""
    # a fresh parser per call: lxml parsers are not safe to share between threads
    # default_doctype=False: a page without a doctype must not come back with one (missing from lxml-stubs)
    parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, default_doctype=False)  # type: ignore[call-arg]
    if not page:  # no closing tags after it: an unclosed <script>, <xmp> or comment would take them as text
        data = b"<html><body>" + data
    root = etree.fromstring(data, parser)
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        return None
    if root is None:
        root = etree.fromstring(b"<html><body></body></html>", parser)
    return root


def _body(root: Element) -> Element:
    body = root.find("body")
    if body is None:
        if local_tag(root) != "html":
            return root
        body = etree.SubElement(root, "body")
    return body


def _select(root: Element, selectors: tuple[str, ...]) -> dict[Element, str]:
    """Elements under *root* matching the CSS *selectors* (element -> selector)."""
    if not selectors:
        return {}
    found: dict[Element, str] = {}
    for selector in selectors:
        if not isinstance(selector, str) or not selector.strip():
            config_error(f"remove_selectors needs CSS selectors as strings, got {selector!r}")
        matches = _matcher(selector)(root)
        for el in matches if isinstance(matches, list) else ():
            if isinstance(el, etree._Element) and el is not root:
                found.setdefault(el, selector)
    return found


_SIMPLE_SELECTOR = re.compile(r"([a-zA-Z][\w-]*)?(?:([.#])([\w-]+))?")  # used with fullmatch


def _matcher(selector: str) -> etree.XPath:
    """An XPath for *selector*: full CSS with the ``cssselect`` package, else ``tag``, ``.class``, ``#id``."""
    try:
        from lxml.cssselect import CSSSelector, SelectorError
    except ImportError:
        match = _SIMPLE_SELECTOR.fullmatch(selector.strip())
        if match is None or not any(match.groups()):
            config_error(
                f"cannot read selector {selector!r} without the cssselect package; use tag, .class or "
                "#id, or install it: pip install cssselect"
            )
        tag, sign, name = match.groups()
        test = {"": "", ".": f"[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]", "#": f"[@id='{name}']"}
        return etree.XPath(f"descendant-or-self::{tag or '*'}{test[sign or '']}")
    try:
        return CSSSelector(selector)
    except SelectorError as exc:
        config_error(f"remove_selectors: {selector!r} is not a CSS selector ({exc})", cause=exc)


def _selected_nodes(ex: Extracted, selected: dict[Element, str]) -> tuple[tuple[int, str], ...]:
    nodes: dict[int, str] = {}
    for container in ex.containers:
        selector = selected.get(container.element)
        if selector is not None:
            for i in range(container.first, container.last):
                nodes.setdefault(i + 1, selector)  # a block's node is its run's number from 1
    return tuple(sorted(nodes.items()))


_CSS_IDENT = re.compile(r"-?[A-Za-z_][\w-]{0,60}\Z")


def element_path(el: Element, root: Element, siblings: dict[Element, _Numbering]) -> str:
    """A short CSS-like path to *el*: up to four steps, stopping at an ``#id``.

    *siblings* is a per-call cache of each parent's children numbered by tag.
    """
    steps: list[str] = []
    node: Element | None = el
    while node is not None and node is not root and len(steps) < 4:
        tag = local_tag(node) or "node"
        ident = node.get("id")
        if ident and _CSS_IDENT.match(ident):
            steps.append(f"{tag}#{ident}")
            break
        parent = node.getparent()
        step = tag
        if tag in ("blockquote", "div"):
            cls = embed_class(node)
            step = f"{tag}.{cls}" if cls else tag
        if parent is not None:
            numbering = siblings.get(parent)
            if numbering is None:
                numbering = siblings[parent] = _number_children(parent)
            nths, totals = numbering
            if totals.get(node.tag, 1) > 1:
                step += f":nth-of-type({nths.get(node, 1)})"
        steps.append(step)
        node = parent
    return " > ".join(reversed(steps)) or (local_tag(root) or "root")


# A parent's children numbered among the siblings of their tag, and how many children each tag has.
_Numbering = tuple[dict[Element, int], dict[object, int]]


def _number_children(parent: Element) -> _Numbering:
    nths: dict[Element, int] = {}
    totals: dict[object, int] = {}
    for child in parent:
        tag = child.tag
        nths[child] = totals[tag] = totals.get(tag, 0) + 1
    return nths, totals
