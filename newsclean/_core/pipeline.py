"""Pipelines: an immutable, flat sequence of named filters, and their results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

from newsclean._core.changes import Change, replay
from newsclean._core.document import Document
from newsclean._core.filter import Filter, as_document, as_filter, check_text, raise_config

if TYPE_CHECKING:
    from newsclean._filters.embeds import Embed

__all__ = ["ChangeSummary", "Pipeline", "Result"]

Step = Union[Filter, "Pipeline", Callable[[str], str]]


class ChangeSummary:
    """What every result type shares: counts of its changes, its removals and a one-line repr.

    A base for :class:`Result` and :class:`~newsclean.HtmlResult` (declare the
    dataclass with ``repr=False`` so that this ``__repr__`` is used).
    """

    __slots__ = ()
    changes: tuple[Change, ...]
    filters: tuple[str, ...]
    drop_reason: str | None

    @property
    def changed(self) -> bool:
        """Whether any filter changed anything."""
        return bool(self.changes)

    @property
    def dropped(self) -> bool:
        """Whether the pipeline says to drop the document (nothing but boilerplate was left)."""
        return self.drop_reason is not None

    def counts(self, action: str | None = None) -> dict[str, int]:
        """Number of changes per filter (only removals with ``action="remove"``), in pipeline order."""
        counter = Counter(c.filter for c in self.changes if action is None or c.action == action)
        return {name: counter[name] for name in self.filters if counter[name]}

    @property
    def removed(self) -> tuple[Change, ...]:
        """The changes that removed a block."""
        return tuple(c for c in self.changes if c.action == "remove")

    def _sizes(self) -> str:
        raise NotImplementedError

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}: {v}" for k, v in self.counts().items()) or "no changes"
        drop = f", drop: {self.drop_reason}" if self.drop_reason else ""
        return f"<{type(self).__name__} {len(self.changes)} changes ({counts}), {self._sizes()}{drop}>"


@dataclass(frozen=True, repr=False)
class Result(ChangeSummary):
    """What a pipeline did to one document: the cleaned text and every change.

    ``changes`` are in pipeline order; each record's offsets point into the
    text its filter received, so ``replay(result.input, result.changes)``
    gives ``result.text`` (see :meth:`replay`). In a notebook the result shows
    itself as the text with removals struck through.
    """

    input: str
    text: str
    changes: tuple[Change, ...] = ()
    filters: tuple[str, ...] = ()
    drop_reason: str | None = None
    document: Document | None = field(default=None, repr=False, compare=False)

    @property
    def embeds(self) -> list[Embed]:
        """The embeds (tweets, Instagram posts, ...) found in the cleaned text."""
        from newsclean._filters.embeds import find_embeds

        return find_embeds(self.document if self.document is not None else self.text)

    def replay(self) -> str:
        """Replay the changes on the input; equals :attr:`text` (a self-check)."""
        return replay(self.input, self.changes)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: the text, the drop reason and the change records."""
        return {
            "text": self.text,
            "changed": self.changed,
            "drop_reason": self.drop_reason,
            "counts": self.counts(),
            "changes": [c.to_dict() for c in self.changes],
        }

    def _sizes(self) -> str:
        return f"{len(self.input)} -> {len(self.text)} chars"

    def _repr_html_(self) -> str:
        from newsclean._display.result import result_html

        return result_html(self)


class Pipeline:
    """An immutable sequence of filters, called like a function.

    Nested pipelines are flattened; names must be unique. Edit a pipeline by
    making a new one with :meth:`without`, :meth:`replace`,
    :meth:`insert_before` or :meth:`insert_after`.

    >>> import newsclean
    >>> p = newsclean.default_pipeline()
    >>> p.names
    ('mojibake', 'placeholders', 'double_post', 'embeds')
    >>> p.without("mojibake").names
    ('placeholders', 'double_post', 'embeds')
    >>> p("Hello\\nAdvertisement")
    'Hello'
    """

    __slots__ = ("_filters",)

    def __init__(self, *steps: Step) -> None:
        filters: list[Filter] = []
        for step in steps:
            if isinstance(step, Pipeline):
                filters.extend(step._filters)
            elif isinstance(step, (list, tuple)):
                filters.extend(Pipeline(*step)._filters)
            else:
                filters.append(as_filter(step))
        seen: set[str] = set()
        for f in filters:
            if f.name in seen:
                raise_config(
                    f"filter name {f.name!r} appears twice in the pipeline "
                    f"({', '.join(x.name for x in filters)}); names must be unique"
                )
            seen.add(f.name)
        self._filters: tuple[Filter, ...] = tuple(filters)

    # -- reading -----------------------------------------------------------
    @property
    def filters(self) -> tuple[Filter, ...]:
        """The filters, in order."""
        return self._filters

    @property
    def names(self) -> tuple[str, ...]:
        """The filters' names, in order."""
        return tuple(f.name for f in self._filters)

    def __iter__(self) -> Iterator[Filter]:
        return iter(self._filters)

    def __len__(self) -> int:
        return len(self._filters)

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __getitem__(self, name: str) -> Filter:
        return self._filters[self._index(name)]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Pipeline):
            return NotImplemented
        return self._filters == other._filters

    def __hash__(self) -> int:
        return hash(self._filters)

    def __repr__(self) -> str:
        return f"Pipeline({', '.join(map(repr, self._filters))})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Pipeline, self._filters)

    def _index(self, name: str) -> int:
        for i, f in enumerate(self._filters):
            if f.name == name:
                return i
        raise_config(f"no filter named {name!r}; this pipeline has: {', '.join(self.names) or '(none)'}")
        raise AssertionError  # unreachable

    # -- editing -----------------------------------------------------------
    def without(self, *names: str) -> Pipeline:
        """A new pipeline without the named filters."""
        for name in names:
            self._index(name)
        return Pipeline(*(f for f in self._filters if f.name not in names))

    def replace(self, name: str, step: Step) -> Pipeline:
        """A new pipeline with the named filter replaced by *step*."""
        i = self._index(name)
        return Pipeline(*self._filters[:i], step, *self._filters[i + 1 :])

    def insert_before(self, name: str, *steps: Step) -> Pipeline:
        """A new pipeline with *steps* inserted before the named filter."""
        i = self._index(name)
        return Pipeline(*self._filters[:i], *steps, *self._filters[i:])

    def insert_after(self, name: str, *steps: Step) -> Pipeline:
        """A new pipeline with *steps* inserted after the named filter."""
        i = self._index(name) + 1
        return Pipeline(*self._filters[:i], *steps, *self._filters[i:])

    # -- running -----------------------------------------------------------
    def apply(self, doc: Document | str) -> Result:
        """Run every filter and return the :class:`Result` with all change records."""
        doc = as_document(doc, function="Pipeline.apply")
        # Keep the input's text and whether it had blocks, not the input document:
        # its blocks can go once a filter has made a new document (peak memory).
        input_text, had_blocks = doc.text, bool(doc.blocks)
        changes: list[Change] = []
        drop_reason: str | None = None
        for f in self._filters:
            result = f.apply(doc)
            if result.changes:
                changes.extend(result.changes)
                doc = result.document
                drop_reason = result.drop_reason or drop_reason
            del result
        if doc.blocks or not had_blocks:
            drop_reason = None
        elif drop_reason is None:
            drop_reason = "empty"
        return Result(input_text, doc.text, tuple(changes), self.names, drop_reason, doc)

    def explain(self, text: str) -> Result:
        """Same as :meth:`apply` on text: the cleaned text and every change."""
        return self.apply(check_text(text, function="explain"))

    def __call__(self, text: str) -> str:
        """Clean *text* and return just the text."""
        return self.apply(check_text(text, function="clean")).text
