"""Results: what a pipeline did to one document, and the per-filter counting every output shares.

The core draws nothing itself: a notebook asks ``Result._repr_html_``, which
hands the result to the renderer the package root registers in
:data:`HTML_RENDERERS` (the display layer, imported on first use). So the
core imports no display code, and a result still shows itself in a notebook.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from newsclean._core.changes import Change, replay
from newsclean._core.document import Document

__all__ = ["HTML_RENDERERS", "ChangeSummary", "Result", "count_changes", "render_html"]

#: Renderers for notebook display, by result type name; filled by ``newsclean/__init__.py``.
HTML_RENDERERS: dict[str, Callable[[Any], str]] = {}


def render_html(result: Any) -> str:
    """The notebook HTML for *result*, by the registered renderer (escaped ``repr`` without one)."""
    render = HTML_RENDERERS.get(type(result).__name__)
    if render is None:
        return f"<pre>{html.escape(repr(result))}</pre>"
    return render(result)


def count_changes(
    changes: Iterable[Change], order: Iterable[str] = (), *, action: str | None = None
) -> dict[str, int]:
    """Changes per filter name: the one counter behind ``counts()``, the CLI, Scrapy stats, pandas and Dask.

    Names in *order* come first, in that order; other names follow sorted.
    With *action* (``"remove"`` or ``"replace"``) only those changes count.

    >>> from newsclean import explain
    >>> count_changes(explain("Hi\\nAdvertisement\\nAdvertisement").changes)
    {'placeholders': 2}
    """
    counter = Counter(c.filter for c in changes if action is None or c.action == action)
    ordered = [name for name in dict.fromkeys(order) if counter[name]]
    ordered += sorted(name for name in counter if name not in set(ordered))
    return {name: counter[name] for name in ordered}


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
