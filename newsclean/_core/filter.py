"""The filter protocol, the base class of the built-in filters, and function filters.

A filter is an object with a stable snake_case ``name`` and an ``apply``
method taking a :class:`~newsclean.Document` (or a ``str``) and returning a
:class:`FilterResult`. Calling a filter as a function returns just the text, so
it fits any ``str -> str`` slot (``map``, pandas ``.map``, Scrapy's
``MapCompose``).

Write your own filter one of two ways:

* wrap a plain ``str -> str`` function with :class:`FunctionFilter`;
* subclass :class:`BlockFilter` and implement :meth:`BlockFilter.edits`, which
  looks at the document's blocks and yields :class:`~newsclean.Edit` decisions.
  Changes, offsets and replay then come for free, for text and HTML alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from newsclean._core.changes import Change
from newsclean._core.document import Document, Edit
from newsclean._core.errors import config_error

__all__ = ["BlockFilter", "Filter", "FilterResult", "FunctionFilter", "as_document", "check_text"]

_NAME = re.compile(r"[a-z][a-z0-9_]*")  # used with fullmatch: a trailing \Z would make search quadratic


def check_text(text: object, *, function: str = "clean") -> str:
    """Return *text* if it is a ``str``; otherwise raise a ``TypeError`` saying what to pass."""
    if isinstance(text, str):
        return text
    if text is None:
        raise TypeError(
            f"{function}() needs a str, got None; skip missing values first "
            f"(e.g. `{function}(x) if x is not None else x`)"
        )
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise TypeError(
            f"{function}() needs a str, got {type(text).__name__}; decode it first "
            "(e.g. data.decode('utf-8')), or pass HTML bytes to newsclean.clean_html(), "
            "which detects the encoding"
        )
    hint = ""
    if isinstance(text, float) and text != text:
        hint = (
            "; NaN is how pandas marks a missing value: skip it, or use the Series accessor "
            "(newsclean.contrib.pandas)"
        )
    elif isinstance(text, (list, tuple, set, frozenset)) or type(text).__name__ in ("Series", "DataFrame"):
        hint = (
            f"; pass one document at a time (e.g. [{function}(t) for t in texts]), "
            "or for pandas use newsclean.contrib.pandas"
        )
    raise TypeError(f"{function}() needs a str, got {type(text).__name__}{hint}")


def as_document(doc: Document | str, *, function: str = "apply") -> Document:
    """Accept a :class:`Document` or a ``str`` and return a document."""
    if isinstance(doc, Document):
        return doc
    return Document.from_text(check_text(doc, function=function))


def check_name(name: object) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        config_error(f"a filter name must be snake_case (like 'strip_bylines'), got {name!r}")
    return name


#: Kept as an alias of :func:`newsclean._core.errors.config_error`.
raise_config = config_error


@dataclass(frozen=True, slots=True)
class FilterResult:
    """What one filter did to one document."""

    document: Document
    changes: tuple[Change, ...] = ()
    drop_reason: str | None = None
    #: True when the filter, run again on ``document``, would change nothing: a pipeline does not
    #: run it again until another filter changes the document (see :attr:`BlockFilter.idempotent`).
    settled: bool = False

    @property
    def text(self) -> str:
        """The filter's output text."""
        return self.document.text


@runtime_checkable
class Filter(Protocol):
    """The filter protocol: a stable ``name`` and ``apply(doc) -> FilterResult``.

    Pipelines accept any object with these two members. Give yours a
    ``__call__(text) -> str`` too (or subclass :class:`BlockFilter`) so it can
    be used on its own as a function.
    """

    @property
    def name(self) -> str: ...

    def apply(self, doc: Document | str) -> FilterResult: ...


class BlockFilter:
    """Base class for filters that decide block by block.

    Subclasses set a ``name`` and implement :meth:`edits`. The name is checked
    when the class is defined. Built-in filters are frozen, keyword-only
    dataclasses deriving from this class, with ``name`` as a field: give an
    instance its own name to run two configured copies in one pipeline.

    >>> from dataclasses import dataclass
    >>> from newsclean import BlockFilter, Edit
    >>> @dataclass(frozen=True, kw_only=True)
    ... class DropBylines(BlockFilter):
    ...     name = "drop_bylines"
    ...     def edits(self, doc):
    ...         for i, block in enumerate(doc.blocks):
    ...             if block.text.startswith("By "):
    ...                 yield Edit(i, "byline", "a byline, not article text")
    >>> DropBylines()("By Jane Doe\\nThe story.")
    'The story.'
    """

    name: str = ""
    #: A block filter decides from the blocks it sees, so running it again after other filters
    #: removed blocks can only find more of the same: the pipeline repeats it until nothing changes.
    converges: bool = True
    #: True when the edit of a block depends on that block alone (its text and kind), not on the
    #: blocks around it: removing other blocks then gives the filter no new work, and the pipeline
    #: does not run it again after removals alone (the mojibake filter; not the context-aware ones).
    blockwise: bool = False
    #: True when the filter run on its own output finds nothing (it runs to its own fixed point, as
    #: the duplicate filters do): the pipeline then does not run it again after its own changes,
    #: only after another filter's (the embeds filter; not the context-aware line filters, whose
    #: removals can bring two lines together, nor the double-post filter, whose searches on two
    #: views of the text can leave a repeat that a second run finds: it says so of one output at a
    #: time, see :meth:`settles`).
    idempotent: bool = False

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("name")
        if name is not None and not isinstance(name, property):
            check_name(name)

    def edits(self, doc: Document) -> Iterable[Edit]:
        """Yield one :class:`~newsclean.Edit` per block to remove or rewrite."""
        raise NotImplementedError(f"{type(self).__name__} must implement edits(doc)")

    def drop_reason(self, before: Document, after: Document) -> str | None:
        """A reason to drop the document after this filter, or ``None`` (the default)."""
        return None

    def settles(self, doc: Document) -> bool:
        """Whether the changes this filter just made to *doc* leave a text it would not change again.

        Asked right after :meth:`edits` of *doc* made changes; the answer is the
        result's ``settled``. The default is :attr:`idempotent`. A filter that is not
        idempotent may know it of one output from what its edits worked out (the
        double-post filter, when no long line repeats in what it leaves): it must
        be sure, since the pipeline then skips the run that would check.
        """
        return self.idempotent

    def stays_settled(self, doc: Document) -> bool:
        """Whether this filter, settled earlier in the run, would still change nothing on *doc*.

        Asked by the pipeline of a settled filter that is not :attr:`blockwise`
        (one that changed nothing in its last run, or whose own output was
        settled: :attr:`idempotent`, or :meth:`settles`), when later filters
        have only removed blocks from the text that last run left: *doc* is
        what they left of it. The default is ``False``: the pipeline runs the
        filter again. A filter may know it from what its last run worked out
        (the double-post filter, of the text the embeds filter leaves it): it
        must be sure, since the pipeline then skips the run that would check,
        and it must know it from the pipeline's own runs of it
        (``newsclean._core.runs.runs_for_pipeline``), not from a run of it that
        other code makes on another text meanwhile.
        """
        return False

    def apply(self, doc: Document | str) -> FilterResult:
        """Run the filter on a document or text and return its result with change records."""
        doc = as_document(doc, function=f"{type(self).__name__}.apply")
        if not doc.blocks:
            return FilterResult(doc)
        new, changes = doc.apply(self.name, self.edits(doc))
        if not changes:
            return FilterResult(doc)
        return FilterResult(new, tuple(changes), self.drop_reason(doc, new), self.settles(doc))

    def __call__(self, text: str) -> str:
        """Clean *text* with this filter alone and return the text."""
        return self.apply(check_text(text, function=type(self).__name__)).text


@dataclass(frozen=True, slots=True)
class FunctionFilter:
    """A plain ``str -> str`` function used as a filter.

    On plain text the function sees the whole text; with ``per_block=True``
    (and always on HTML input) it sees one block at a time, and a block it
    turns into ``""`` is removed. The change record names the function.

    >>> import newsclean
    >>> shout = FunctionFilter(str.upper, name="shout")
    >>> newsclean.Pipeline(shout)("quiet")
    'QUIET'

    Use a module-level function, not a lambda, if the pipeline must be pickled
    (multiprocessing, Dask).
    """

    func: Callable[[str], str]
    name: str
    per_block: bool = False

    def __post_init__(self) -> None:
        check_name(self.name)
        if not callable(self.func):
            config_error(f"FunctionFilter needs a callable, got {type(self.func).__name__}")

    def apply(self, doc: Document | str) -> FilterResult:
        """Run the function and record what it changed."""
        doc = as_document(doc, function=f"FunctionFilter({self.name}).apply")
        if self.per_block or not doc.line_based:
            edits = []
            for i, block in enumerate(doc.blocks):
                new = self._call(block.text)
                if new != block.text:
                    edits.append(Edit(i, "function", f"{self.name}() rewrote this block", new or None))
            new_doc, changes = doc.apply(self.name, edits)
            return FilterResult(new_doc, tuple(changes))
        new_text = self._call(doc.text)
        if new_text == doc.text:
            return FilterResult(doc)
        return FilterResult(Document.from_text(new_text), (self._whole_text_change(doc.text, new_text),))

    def _call(self, text: str) -> str:
        out = self.func(text)
        if not isinstance(out, str):
            raise TypeError(f"filter function {self.name}() must return a str, returned {type(out).__name__}")
        return out

    def _whole_text_change(self, old: str, new: str) -> Change:
        # the smallest single span that differs, so the record shows the edit, not the whole text
        prefix = 0
        limit = min(len(old), len(new))
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
            suffix += 1
        end_old, end_new = len(old) - suffix, len(new) - suffix
        return Change(
            filter=self.name,
            rule="function",
            action="replace",
            start=prefix,
            end=end_old,
            before=old[prefix:end_old],
            after=new[prefix:end_new],
            reason=f"{self.name}() rewrote the text",
            line=old.count("\n", 0, prefix) + 1,
            block=old[prefix:end_old],
        )

    def __call__(self, text: str) -> str:
        """Run the function on *text* (after checking it is a ``str``)."""
        return self._call(check_text(text, function=self.name))


def as_filter(step: object) -> Filter:
    """Accept a filter, or wrap a named plain function as a :class:`FunctionFilter`."""
    if isinstance(step, Filter) and not isinstance(step, type):
        return step
    if callable(step) and not isinstance(step, type):
        name = getattr(step, "__name__", "")
        if not _NAME.fullmatch(name):
            config_error(
                f"cannot name the function {step!r} as a filter; wrap it: "
                "FunctionFilter(func, name='my_filter')"
            )
        return FunctionFilter(step, name=name)
    raise TypeError(
        f"a pipeline step must be a filter, a Pipeline or a str -> str function, got {step!r}"
    )


def says_it_stays_settled(f: object, doc: Document) -> bool:
    """Whether filter *f* has a ``stays_settled`` and it says so of *doc* (see :meth:`BlockFilter.stays_settled`)."""
    stays = getattr(f, "stays_settled", None)
    return callable(stays) and stays(doc) is True
