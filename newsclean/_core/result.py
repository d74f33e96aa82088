"""Results: what a pipeline did to one document, and the per-filter counting every output shares.

The core draws nothing itself: a notebook asks ``Result._repr_html_``, which
hands the result to the renderer the package root registers in
:data:`HTML_RENDERERS` (the display layer, imported on first use). So the
core imports no display code, and a result still shows itself in a notebook.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from newsclean._core.changes import Change, replay
from newsclean._core.document import Document

__all__ = ["HTML_RENDERERS", "ChangeSummary", "FilterTally", "Result", "count_changes", "render_html", "tally_changes"]

#: Renderers for notebook display, by result type name; filled by ``newsclean/__init__.py``.
HTML_RENDERERS: dict[str, Callable[[Any], str]] = {}


def render_html(result: Any) -> str:
    """The notebook HTML for *result*, by the registered renderer (escaped ``repr`` without one)."""
    render = HTML_RENDERERS.get(type(result).__name__)
    if render is None:
        return f"<pre>{html.escape(repr(result))}</pre>"
    return render(result)


class FilterTally(NamedTuple):
    """One filter's changes in one result (or many): blocks removed, and other changes (rewrites)."""

    removed: int = 0
    replaced: int = 0

    @property
    def total(self) -> int:
        """All the filter's changes."""
        return self.removed + self.replaced


def tally_changes(changes: Iterable[Change], order: Iterable[str] = ()) -> dict[str, FilterTally]:
    """Removals and other changes per filter: the one counter behind ``counts()``, the CLI, Scrapy stats,
    pandas, Dask and :class:`~newsclean.CorpusSummary`.

    Names in *order* come first, in that order (those with no change are left
    out); other names follow, sorted.

    >>> from newsclean import explain
    >>> tally_changes(explain("Paris is calm.\\nAdvertisement\\nThe CafÃ© is open.").changes)
    {'mojibake': FilterTally(removed=0, replaced=1), 'placeholders': FilterTally(removed=1, replaced=0)}
    """
    counts: dict[str, list[int]] = {}
    for change in changes:
        slot = counts.get(change.filter)
        if slot is None:
            slot = counts[change.filter] = [0, 0]
        slot[0 if change.action == "remove" else 1] += 1
    ordered = [name for name in dict.fromkeys(order) if name in counts]
    listed = set(ordered)
    ordered += sorted(name for name in counts if name not in listed)
    return {name: FilterTally(*counts[name]) for name in ordered}


def count_changes(
    changes: Iterable[Change], order: Iterable[str] = (), *, action: str | None = None
) -> dict[str, int]:
    """Changes per filter name (with *action* ``"remove"``, removals only), from :func:`tally_changes`.

    >>> from newsclean import explain
    >>> count_changes(explain("Hi\\nAdvertisement\\nAdvertisement").changes)
    {'placeholders': 2}
    """
    tally = tally_changes(changes, order)
    if action == "remove":
        return {name: t.removed for name, t in tally.items() if t.removed}
    if action is not None:
        return {name: t.replaced for name, t in tally.items() if t.replaced}
    return {name: t.total for name, t in tally.items()}


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
        return count_changes(self.changes, self.filters, action=action)

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
        return render_html(self)
