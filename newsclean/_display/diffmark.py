"""Mark where two copies of a line differ, and name the differences (quotes, dashes, ellipses).

A double-posted body is usually the same text twice with different typography:
one copy has ``"straight"`` quotes and ``-`` hyphens, the other ``“curly”``
quotes and ``–`` dashes. :func:`mark_pair` cuts both lines into runs that are
equal or differ, and :func:`describe` turns the substitutions into a short,
legible list such as ``" → “ ×4``.
"""

from __future__ import annotations

import difflib
from collections import Counter
from typing import NamedTuple

__all__ = ["Marked", "describe", "mark_pair"]

# Above this many differing characters, a pair is marked as one run instead of
# diffed character by character: SequenceMatcher is quadratic in the worst case.
_MAX_DIFF_CHARS = 3000
# Substitutions longer than this are not counted as typography.
_MAX_SUBSTITUTION = 3

_NAMES = {
    '"': "straight double quote",
    "'": "straight single quote",
    "“": "curly opening double quote",
    "”": "curly closing double quote",
    "‘": "curly opening single quote",
    "’": "curly closing single quote / apostrophe",
    "-": "hyphen",
    "–": "en dash",
    "—": "em dash",
    "...": "three dots",
    "…": "ellipsis",
    "\u00a0": "no-break space",
}


class Marked(NamedTuple):
    """Aligned ``(a_text, b_text, differs)`` runs, and the substitutions seen (``(a, b) -> count``)."""

    runs: list[tuple[str, str, bool]]
    substitutions: Counter[tuple[str, str]]

    @property
    def a(self) -> list[tuple[str, bool]]:
        """The first line as ``(text, differs)`` runs."""
        return [(x, differs) for x, _, differs in self.runs if x]

    @property
    def b(self) -> list[tuple[str, bool]]:
        """The second line as ``(text, differs)`` runs."""
        return [(y, differs) for _, y, differs in self.runs if y]


def mark_pair(a: str, b: str) -> Marked:
    """Cut *a* and *b* into equal and differing runs.

    The common start and end are trimmed first, so two long lines that differ in
    a few quotes cost little; a middle longer than a few thousand characters is
    marked whole rather than diffed.

    >>> m = mark_pair('He said "no" - twice', "He said “no” – twice")
    >>> m.a
    [('He said ', False), ('"', True), ('no', False), ('"', True), (' ', False), ('-', True), (' twice', False)]
    >>> sorted(m.substitutions.items())
    [(('"', '“'), 1), (('"', '”'), 1), (('-', '–'), 1)]
    """
    head = 0
    limit = min(len(a), len(b))
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    runs: list[tuple[str, str, bool]] = [(a[:head], b[:head], False)] if head else []
    subs: Counter[tuple[str, str]] = Counter()
    if len(mid_a) + len(mid_b) > _MAX_DIFF_CHARS:
        runs.append((mid_a, mid_b, True))
    elif mid_a or mid_b:
        matcher = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=False)
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            runs.append((mid_a[a0:a1], mid_b[b0:b1], op != "equal"))
            if op != "equal" and a1 - a0 <= _MAX_SUBSTITUTION and b1 - b0 <= _MAX_SUBSTITUTION:
                subs[(mid_a[a0:a1], mid_b[b0:b1])] += 1
    if tail:
        runs.append((a[len(a) - tail :], b[len(b) - tail :], False))
    return Marked(runs, subs)


def _shown(chars: str) -> str:
    if not chars:
        return "(nothing)"
    return chars.replace("\u00a0", "⍽")


def describe(substitutions: Counter[tuple[str, str]], *, limit: int = 6) -> list[tuple[str, str, int, str]]:
    """The most frequent substitutions as ``(removed, kept, count, name)``, most frequent first.

    ``name`` says in words what changed, for a tooltip or a screen reader.

    >>> describe(Counter({('"', "“"): 3, ("-", "–"): 2}))
    [('"', '“', 3, 'straight double quote → curly opening double quote'), ('-', '–', 2, 'hyphen → en dash')]
    """
    rows = []
    for (a, b), n in sorted(substitutions.items(), key=lambda item: (-item[1], item[0])):
        name = f"{_NAMES.get(a, repr(a) if a else 'nothing')} → {_NAMES.get(b, repr(b) if b else 'nothing')}"
        rows.append((_shown(a), _shown(b), n, name))
    return rows[:limit]
