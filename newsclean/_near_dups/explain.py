"""Explain a pair of near duplicates: the paragraphs they share and those that differ, as a small diff."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsclean._near_dups.signatures import shingles, words
from newsclean._near_dups.verify import jaccard

if TYPE_CHECKING:
    from newsclean._core.pipeline import Pipeline

__all__ = ["PairDiff", "explain_duplicate"]

_SHOWN = 90  # characters of a paragraph shown in the rendered diff


@dataclass(frozen=True)
class PairDiff:
    """The paragraph diff of two cleaned documents.

    ``ops`` is the diff itself, in order: ``("=", paragraph)`` shared (the
    text as in *a*), ``("-", paragraph)`` only in *a*, ``("+", paragraph)``
    only in *b*. Paragraphs are compared as folded words, so typography,
    case and mojibake repaired by the cleaner do not count as differences.
    """

    ops: tuple[tuple[str, str], ...]
    similarity: float

    @property
    def shared(self) -> tuple[str, ...]:
        return tuple(p for op, p in self.ops if op == "=")

    @property
    def only_a(self) -> tuple[str, ...]:
        return tuple(p for op, p in self.ops if op == "-")

    @property
    def only_b(self) -> tuple[str, ...]:
        return tuple(p for op, p in self.ops if op == "+")

    def render(self, *, context: int = 1) -> str:
        """The diff as text: differing paragraphs, *context* shared ones around them, the rest counted."""
        keep = {i for i, (op, _) in enumerate(self.ops) if op != "="}
        near = {j for i in keep for j in range(i - context, i + context + 1)}
        lines = [f"similarity {self.similarity:.2f}: {len(self.shared)} shared paragraphs, "
                 f"{len(self.only_a)} only in a, {len(self.only_b)} only in b"]
        skipped = 0
        for i, (op, text) in enumerate(self.ops):
            if op == "=" and i not in near:
                skipped += 1
                continue
            if skipped:
                lines.append(f"  [... {skipped} shared ...]")
                skipped = 0
            shown = text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
            lines.append(f"{' ' if op == '=' else op} {shown}")
        if skipped:
            lines.append(f"  [... {skipped} shared ...]")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def explain_duplicate(a: str, b: str, *, pipeline: Pipeline | None = None, shingle_words: int = 5) -> PairDiff:
    """Which paragraphs two articles share and which differ (the update, the other site's furniture).

    Both texts are cleaned first (``pipeline``; ``None`` is the default one).

    >>> diff = explain_duplicate("Storm hits coast.\\nRoads closed.", "Storm hits coast.\\nRoads reopened.\\nPhoto: AP")
    >>> print(diff)
    similarity 0.00: 1 shared paragraphs, 1 only in a, 2 only in b
      Storm hits coast.
    - Roads closed.
    + Roads reopened.
    + Photo: AP
    """
    from newsclean._registry import default_pipeline

    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, str):
            raise TypeError(f"explain_duplicate() compares two texts; {name} is a {type(value).__name__}")
    chosen = pipeline if pipeline is not None else default_pipeline()
    clean_a, clean_b = chosen.apply(a).text, chosen.apply(b).text
    paras_a, paras_b = _paragraphs(clean_a), _paragraphs(clean_b)
    keys_a = [" ".join(words(p)) for p in paras_a]
    keys_b = [" ".join(words(p)) for p in paras_b]
    ops: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.extend(("=", p) for p in paras_a[i1:i2])
            continue
        ops.extend(("-", p) for p in paras_a[i1:i2])
        ops.extend(("+", p) for p in paras_b[j1:j2])
    similarity = jaccard(shingles(words(clean_a), shingle_words), shingles(words(clean_b), shingle_words))
    return PairDiff(tuple(ops), round(similarity, 4))
