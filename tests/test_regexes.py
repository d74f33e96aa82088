"""Every regular expression in the package, fed its worst cases at a size that exposes backtracking.

A pattern that backtracks quadratically takes minutes on 100,000 characters of
the wrong input; a linear one takes milliseconds. The test does not time
anything: a regression shows as a suite that stalls on this file.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import newsclean

SIZE = 100_000

# Units that make patterns with nested or adjacent quantifiers work hardest:
# long runs of what a pattern's classes accept, almost-matches that fail at the
# end, and the punctuation our patterns are built around.
UNITS = [
    " ", "a", "A1", "1", "\u00a0", "\n", "\r\n", "\t", "-", "—", "–", "- ", "--", ".", "...", "…",
    "(", "(@", "(@a", "@", "@a ", "a (@b) ", "#", ":", "/", "<", "<p>", "&", "http://", "t.co/",
    "pic.twitter.com/", "Ã", "â€", "Â", "\u200b", "[", "*", "|", "Advertisement ", "— A (@b) ",
]


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[int, tuple[str, re.Pattern[str]]] = {}
    modules = [newsclean] + [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(newsclean.__path__, "newsclean.")
        if info.name not in ("newsclean.__main__",)
    ]
    for module in modules:
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault(id(value), (f"{module.__name__}.{name}", value))
    return sorted(found.values(), key=lambda item: item[0])


PATTERNS = _patterns()


def test_the_audit_sees_the_patterns() -> None:
    """The audit finds the module-level patterns of the filters and the HTML layer."""
    names = {name for name, _ in PATTERNS}
    assert len(names) >= 20
    assert any(n.startswith("newsclean._filters.social.") for n in names)
    assert any(n.startswith("newsclean._filters.placeholder_patterns.") or n.startswith("newsclean._filters.placeholders.") for n in names)


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_pattern_is_linear_on_adversarial_input(name: str, pattern: re.Pattern[str]) -> None:
    """search, match and fullmatch finish on 100,000 characters of each adversarial unit, plus a failing tail."""
    for unit in UNITS:
        text = unit * (SIZE // len(unit)) + "\x00!"
        pattern.search(text)
        pattern.match(text)
        pattern.fullmatch(text)


# Lines at the length limit of the anchor parser, shaped to make its patterns
# work hardest: before the patterns were rewritten, one "Posted by" line of
# spaces cost 0.3 s, and this document would have taken ten minutes.
HOSTILE_LINES = [
    "Posted by" + " " * 280 + "x",
    "A post shared by" + " " * 270 + "x(@",
    "— " + " " * 190 + "(@x",
    " " * 290 + "ouTu",
    "ouTu" + " " * 280 + "- YouTube!",
    "Gepostet von" + "\u00a0" * 270 + " am Montag,",
]


def test_embeds_filter_is_linear_on_hostile_anchor_lines() -> None:
    """2,000 near-anchor lines at the parser's length limit pass through the default pipeline untouched."""
    text = "\n".join(HOSTILE_LINES[i % len(HOSTILE_LINES)] + f" {i}" for i in range(2_000))
    assert newsclean.clean(text) == text
