"""Pipelines: an immutable, flat sequence of named filters."""

from __future__ import annotations

import dataclasses
import gc
import weakref
from collections.abc import Callable, Iterator
from typing import Any, Union

from newsclean._core.changes import Change
from newsclean._core.document import Document, join_owned
from newsclean._core.errors import config_error
from newsclean._core.filter import Filter, as_document, as_filter, check_name, check_text, says_it_stays_settled

from newsclean._core.result import ChangeSummary, Result
from newsclean._core.runs import pipeline_run, pipeline_step

__all__ = ["ChangeSummary", "Pipeline", "Result"]

Step = Union[Filter, "Pipeline", Callable[[str], str]]

# From this many characters on, the cyclic garbage collector is paused while the
# pipeline runs. A big document makes hundreds of thousands of blocks, keys and
# edits (tuples and strings, none in a reference cycle), and each of them counts
# towards the next collection: at 10 MB the collector's passes over them took a
# fifth of the time. Reference counting still frees everything as before.
GC_PAUSE_CHARS = 1_000_000
#: The most rounds a pipeline runs to reach its fixed point; a round that changes nothing ends it.
MAX_ROUNDS = 8


class Pipeline:
    """An immutable sequence of filters, called like a function.

    Nested pipelines are flattened; names must be unique. Edit a pipeline by
    making a new one with :meth:`without`, :meth:`replace`,
    :meth:`insert_before` or :meth:`insert_after`.

    >>> import newsclean
    >>> p = newsclean.default_pipeline()
    >>> p.names
    ('mojibake', 'placeholders', 'furniture', 'double_post', 'embeds')
    >>> p.without("mojibake").names
    ('placeholders', 'furniture', 'double_post', 'embeds')
    >>> p("Hello\\nAdvertisement")
    'Hello'
    """

    __slots__ = ("_blockwise", "_converges", "_filters", "_idempotent")

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
            check_name(f.name)
            if f.name in seen:
                config_error(
                    f"filter name {f.name!r} appears twice in the pipeline "
                    f"({', '.join(x.name for x in filters)}); names must be unique"
                )
            seen.add(f.name)
        self._filters: tuple[Filter, ...] = tuple(filters)
        self._converges = all(getattr(f, "converges", False) is True for f in filters)
        self._blockwise = frozenset(k for k, f in enumerate(filters) if getattr(f, "blockwise", False) is True)
        self._idempotent = frozenset(k for k, f in enumerate(filters) if getattr(f, "idempotent", False) is True)

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
        config_error(f"no filter named {name!r}; this pipeline has: {', '.join(self.names) or '(none)'}")

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
        """Run every filter and return the :class:`Result` with all change records.

        The filters run in rounds until a round changes nothing (at most
        :data:`MAX_ROUNDS`), so that the result is a fixed point:
        ``clean(clean(x)) == clean(x)``. A later filter's removals can give an
        earlier one more to find (a label between two paragraphs only once a
        promo beside it is gone); the changes of round 2 and up carry their
        ``round``, and replay still gives the output. Pipelines holding a
        filter that is not a :class:`BlockFilter` (a plain function) run once:
        a function need not be idempotent.
        """
        return self._run(doc, keep_document=True)

    def _run(self, doc: Document | str, *, keep_document: bool) -> Result:
        size = len(doc.text) if isinstance(doc, Document) else len(doc) if isinstance(doc, str) else 0
        if size < GC_PAUSE_CHARS or not gc.isenabled():
            return self._apply(doc, keep_document)
        gc.disable()
        try:
            return self._apply(doc, keep_document)
        finally:
            gc.enable()

    def _apply(self, doc: Document | str, keep_document: bool) -> Result:
        with pipeline_run():  # the filters' readings of lines, kept for the rounds of this run only
            input_text, final, changes, drop_reason = self._rounds(doc)
        # the output's text is joined once the readings are gone, and (for the text alone)
        # its blocks too: a 10 MB output is joined beside its line strings only
        if keep_document:
            return Result(input_text, final.text, changes, self.names, drop_reason, final)
        pieces = final._unjoined()
        held = weakref.ref(final)
        del final  # the blocks go now, unless someone else holds the document
        if isinstance(pieces, str):
            text = pieces
        elif held() is None:  # no one holds the document, so no one its pieces: let them go as it grows
            text = join_owned(pieces)
        else:
            text = "".join(pieces)
        return Result(input_text, text, changes, self.names, drop_reason)

    def _rounds(self, doc: Document | str) -> tuple[str, Document, tuple[Change, ...], str | None]:
        doc = as_document(doc, function="Pipeline.apply")
        # Keep the input's text and whether it had blocks, not the input document:
        # its blocks can go once a filter has made a new document (peak memory).
        input_text, had_blocks = doc.text, bool(doc.blocks)
        changes: list[Change] = []
        drop_reason: str | None = None
        rounds = MAX_ROUNDS if self._converges else 1
        # The filters that left the current document unchanged: a filter is a
        # function of its input, so on that same document it would find nothing
        # again. Round 2 then runs only the filters up to the last one that
        # changed something in round 1 (on most documents, round 1 is the fixed point). A
        # blockwise filter stays settled when a later one only removed blocks (or one that
        # says so of the text left), and an idempotent one after its own changes (or one
        # whose result says it is settled).
        settled: set[int] = set()
        for number in range(1, rounds + 1):
            changed = False
            for k, f in enumerate(self._filters):
                if k in settled:
                    continue
                with pipeline_step(f):
                    result = f.apply(doc)
                if not result.changes:
                    settled.add(k)
                else:
                    # after removals alone a blockwise filter finds what it found before: nothing
                    # (and another may know it of the text left: see BlockFilter.stays_settled)
                    if all(c.action == "remove" for c in result.changes):
                        settled = {j for j in settled if j in self._blockwise or self._stays_settled(j, result.document)}
                    else:
                        settled.clear()
                    # on its own output it finds nothing: settled until another filter changes it
                    if k in self._idempotent or getattr(result, "settled", False) is True:
                        settled.add(k)
                    changed = True
                    if number == 1:
                        changes.extend(result.changes)
                    else:
                        changes.extend(dataclasses.replace(c, round=number) for c in result.changes)
                    doc = result.document
                    drop_reason = result.drop_reason or drop_reason
                del result
            if not changed:
                break
        if doc.blocks or not had_blocks:
            drop_reason = None
        elif drop_reason is None:
            drop_reason = "empty"
        return input_text, doc, tuple(changes), drop_reason

    def _stays_settled(self, k: int, doc: Document) -> bool:
        """Whether filter *k* says it would still change nothing on *doc* (see :meth:`BlockFilter.stays_settled`)."""
        return says_it_stays_settled(self._filters[k], doc)

    def explain(self, text: str) -> Result:
        """Same as :meth:`apply` on text: the cleaned text and every change."""
        return self.apply(check_text(text, function="explain"))

    def __call__(self, text: str) -> str:
        """Clean *text* and return just the text."""
        return self._run(check_text(text, function="clean"), keep_document=False).text
