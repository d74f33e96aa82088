"""Every regular expression in the package, fed its worst cases at a size that exposes backtracking.

A pattern that backtracks quadratically takes minutes on 100,000 characters of
the wrong input; a linear one takes milliseconds. Each pattern is run on 12,500
and on 100,000 characters of each unit, and the test asserts how the time
*grows*: eight times the input may cost at most twenty times the time (linear
work costs eight times, quadratic sixty-four). That is a ratio measured in one run, not a
wall-clock limit; runs too short to time (under 5 ms of CPU) count as linear; CPU time, not wall time, so waiting for the CPU does not count, and a
noisy machine gets three tries before a pattern fails.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

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


GROWTH_LIMIT = 20.0  # time(8n) / time(n): 8 when linear, 64 when quadratic
TOO_SHORT = 0.005  # CPU seconds: below this, the larger run is too quick to time


def _cost(pattern: re.Pattern[str], unit: str, size: int) -> float:
    """CPU seconds for search, match and fullmatch on *size* characters of *unit* and a failing tail."""
    text = unit * (size // len(unit)) + "\x00!"
    started = time.process_time()  # CPU time: a process waiting for the CPU on a busy machine does not count
    pattern.search(text)
    pattern.match(text)
    pattern.fullmatch(text)
    return time.process_time() - started


def growth(pattern: re.Pattern[str], unit: str, size: int = SIZE) -> float:
    """How much longer 8x the input takes (best of five tries, so a few noisy moments do not fail a pattern).

    Five, not three: on a busy shared machine three tries of linear patterns still gave 20 to 32
    (another process's cache traffic slows the larger run more); a quadratic one gives 64.
    """
    best = float("inf")
    for _ in range(5):
        large = _cost(pattern, unit, size)
        if large < TOO_SHORT:
            return 1.0
        small = max(min(_cost(pattern, unit, size // 8) for _ in range(2)), TOO_SHORT / 8)
        best = min(best, large / small)
        if best <= GROWTH_LIMIT:
            break
    return best


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_pattern_is_linear_on_adversarial_input(name: str, pattern: re.Pattern[str]) -> None:
    """search, match and fullmatch grow linearly (8x input, at most 20x time) on each adversarial unit."""
    slow = {unit: round(g, 1) for unit in UNITS if (g := growth(pattern, unit)) > GROWTH_LIMIT}
    assert not slow, f"{name} grows faster than linear on {slow}"


def test_the_growth_measure_catches_a_quadratic_pattern() -> None:
    """A known quadratic pattern (a leading \\s* under search) is caught by the growth measure."""
    assert growth(re.compile(r"\s*x"), " ", size=16_000) > GROWTH_LIMIT  # quadratic: 64x the time
    assert growth(re.compile(r"x"), " ") <= GROWTH_LIMIT


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
