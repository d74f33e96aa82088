"""Change records: what a filter removed or rewrote, where, and why.

Every filter reports its edits as :class:`Change` records. Offsets are into the
text *that filter received*, so the records of a whole pipeline replay stage by
stage: :func:`replay` applied to the pipeline's input gives its output.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from itertools import groupby
from typing import Any, Literal

from newsclean._core.errors import NewscleanError

__all__ = ["Change", "ReplayError", "replay"]


class ReplayError(NewscleanError, ValueError):
    """Change records do not fit the text they are replayed on."""


@dataclass(frozen=True, slots=True)
class Change:
    """One edit made by one filter.

    Attributes:
        filter: the filter's name (``"placeholders"``, ``"double_post"``, ...).
        rule: which rule fired, e.g. ``"ad_label"`` or ``"mojibake"``.
        action: ``"remove"`` (a block and one separator went) or ``"replace"``.
        start, end: the span replaced, as offsets into that filter's input.
        before: ``input[start:end]``, separators included.
        after: what replaced it (``""`` for a removal).
        reason: a sentence for people.
        line: the 1-based line number of the block in that filter's input.
        block: the block's own text, without separators.
        path: for HTML input, a short CSS-like path to the element.
        data: JSON-ready details (the kept duplicate, ftfy's steps, ...). Records of one
            result with equal details share one mapping (memory): read it, or copy it
            (``dict(change.data)``, :meth:`to_dict`) before changing it.
        round: which round of the pipeline made it (1, or 2 and up when a later
            filter's removals let an earlier one see more: see ``Pipeline.apply``).
    """

    filter: str
    rule: str
    action: Literal["remove", "replace"]
    start: int
    end: int
    before: str
    after: str
    reason: str
    line: int = 1
    block: str = ""
    path: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    round: int = 1

    def to_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict (for logs, JSON lines, Scrapy items)."""
        out: dict[str, Any] = {
            "filter": self.filter,
            "rule": self.rule,
            "action": self.action,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "before": self.before,
            "after": self.after,
            "block": self.block,
            "reason": self.reason,
        }
        if self.path is not None:
            out["path"] = self.path
        if self.data:
            out["data"] = dict(self.data)
        if self.round != 1:
            out["round"] = self.round
        return out

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Change:
        """Rebuild a record written by :meth:`to_dict`."""
        return cls(
            filter=record["filter"],
            rule=record["rule"],
            action=record["action"],
            start=record["start"],
            end=record["end"],
            before=record["before"],
            after=record["after"],
            reason=record["reason"],
            line=record.get("line", 1),
            block=record.get("block", ""),
            path=record.get("path"),
            data=record.get("data", {}),
            round=record.get("round", 1),
        )

    def __str__(self) -> str:
        what = self.block if len(self.block) <= 60 else self.block[:57] + "..."
        verb = "removed" if self.action == "remove" else "rewrote"
        return f"{self.filter}/{self.rule} line {self.line}: {verb} {what!r} ({self.reason})"


# The slots of a Change, set one by one: what its generated __init__ does (through
# object.__setattr__, as the class is frozen), at half the cost for the thousands of
# records of a big removal. A test checks that it makes the Change that Change(...) does.
(_FILTER, _RULE, _ACTION, _START, _END, _BEFORE, _AFTER, _REASON, _LINE, _BLOCK, _PATH, _DATA, _ROUND) = (
    Change.__dict__[f.name].__set__ for f in fields(Change)
)


def new_change(
    filter: str, rule: str, action: Literal["remove", "replace"], start: int, end: int, before: str, after: str,
    reason: str, line: int, block: str, path: str | None, data: Mapping[str, Any], round: int = 1,
) -> Change:
    """``Change(filter, rule, ...)``, every field given in order (internal: the records documents make)."""
    change = object.__new__(Change)
    _FILTER(change, filter)
    _RULE(change, rule)
    _ACTION(change, action)
    _START(change, start)
    _END(change, end)
    _BEFORE(change, before)
    _AFTER(change, after)
    _REASON(change, reason)
    _LINE(change, line)
    _BLOCK(change, block)
    _PATH(change, path)
    _DATA(change, data)
    _ROUND(change, round)
    return change


def replay(text: str, changes: Iterable[Change]) -> str:
    """Apply change records to *text* and return the result.

    Records are grouped by filter (and round) in the order given; each group's
    offsets are into the text that filter received, i.e. the result of the
    groups before.

    >>> import newsclean
    >>> result = newsclean.explain("Hello\\nAdvertisement\\nWorld")
    >>> replay(result.input, result.changes) == result.text
    True

    Raises :class:`ReplayError` if a record's ``before`` is not found at its
    offsets (the records belong to another text).
    """
    if isinstance(text, bytes) or not isinstance(text, str):
        raise TypeError(f"replay() needs the original text as str, not {type(text).__name__}")
    for _, group in groupby(changes, key=lambda c: (c.filter, c.round)):
        stage = sorted(group, key=lambda c: c.start)
        pieces: list[str] = []
        pos = 0
        for change in stage:
            if change.start < pos or text[change.start : change.end] != change.before:
                raise ReplayError(
                    f"change {change.filter}/{change.rule} at {change.start}:{change.end} "
                    "does not match the text: replay the records on the text they were made from"
                )
            pieces.append(text[pos : change.start])
            pieces.append(change.after)
            pos = change.end
        pieces.append(text[pos:])
        text = "".join(pieces)
    return text
