"""Tests for ``newsclean._filters.line_gate`` and the placeholder filter's use of it: the gate skips work, never a match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean._filters.line_gate import key_starts, listed
from newsclean._filters.placeholder_patterns import BUILTIN_TABLE
from newsclean._filters.placeholders import PlaceholderFilter

# Regex pieces of the shapes placeholder grammars use: words, optional groups, alternatives, digits, repeats.
_PIECES = ["ad", "ads", "video", " ", "(?:the )?", "(?:a|an|the)", "\\d{1,2}", "x*", "(?:ab)+", "[abc]", "[0-9]", "…?", ":?"]
_ALPHABET = "adsvideothen :…abcx0123456789٣"


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=5), st.text(_ALPHABET, max_size=12),
       st.integers(1, 5))
def test_every_fullmatch_starts_as_listed(pieces: list[str], text: str, width: int) -> None:
    """If a regex fullmatches a string, the string's first *width* characters are among the listed starts."""
    regex = re.compile("".join(pieces))
    starts = key_starts([regex], [], width=width)
    if starts is not None and regex.fullmatch(text):
        assert listed(text[:width], starts)


def test_unlistable_regexes_turn_the_gate_off() -> None:
    """A wildcard, a negated class or \\w at a key's start cannot be listed: no gate at all."""
    for pattern in (".+ loading", "[^.]+ video", "\\w+ ads", "(?=a)ad"):
        assert key_starts([re.compile(pattern), re.compile("ad")], [], width=4) is None
    assert key_starts([re.compile("ad", re.IGNORECASE)], [], width=4) is None


def test_digits_are_every_decimal_digit() -> None:
    """\\d in a str regex matches Arabic-Indic digits too; so must the listed starts."""
    starts = key_starts([re.compile("ad \\d")], ["ad 2024"], width=4)
    assert starts is not None
    assert listed("ad 1", starts) and listed("ad ٣", starts) and listed("ad 2", starts)
    assert not listed("ad x", starts)


def _ungated(**options: object) -> PlaceholderFilter:
    ungated = PlaceholderFilter(**options)  # type: ignore[arg-type]
    ungated.__dict__["_starts"] = None  # the cached gate, switched off
    return ungated


_WRAPS = ["", " ", "\xa0", "…", "...", "..", ". .", "- ", " —", "»", "[", "]", "(", ":", "|", "*", "\u200b", "é", "ß",
          "¨", "ﬁ", "’", "#", "• ", "1", "٣", " 2:15", " of 3", "\t", "Ⅻ"]
_PHRASES = sorted(BUILTIN_TABLE)[::7]
_WORDS = ["The council met on Tuesday", "Loading the video of the", "Advertisement 1 of 3", "Weiterlesen nach der",
          "Um Inhalte von Twitter zu sehen, müssen Sie", "Read more about the budget", "Cargando comentarios"]


@given(st.lists(st.sampled_from(_WRAPS + _PHRASES + _WORDS), min_size=1, max_size=6),
       st.sampled_from([{}, {"languages": ["de"]}, {"add": {"Hier klicken, weiterlesen": "read_more"}},
                        {"add_families": [("ad_label", "(?:big )?promo \\d+")]}]))
def test_the_gate_never_changes_a_placeholder_decision(parts: list[str], options: dict[str, object]) -> None:
    """Lines around the probe length, with ellipses, wide characters and wrappers at the cut: same answer gated or not."""
    line = "".join(parts)
    gated = PlaceholderFilter(**options)  # type: ignore[arg-type]
    assert gated.match(line) == _ungated(**options).match(line)


@pytest.mark.parametrize("line", [
    "Anzeige " + "x" * 30,  # a long line starting like a placeholder goes the whole way
    "x" * 20 + "....Loading",
    "Um Inhalte von Twitter anzuzeigen, müssen Sie der Datenverarbeitung durch Twitter zustimmen.",
    "ADVERTISEMENT - SCROLL TO CONTINUE READING THE STORY",
    " " * 21 + "Loading ...",  # wrapping up to the probe's cut: the probe is too short to decide
    "-" * 20 + "Loading..",
    "*" * 19 + " Wird geladen ...",
    "\u200b" * 18 + "Werbung .. . .. weiter",
])
def test_long_placeholders_pass_the_gate(line: str) -> None:
    """Long placeholder lines (consent notices, ad labels with a continuation) are still found."""
    assert PlaceholderFilter().match(line) == _ungated().match(line)
    if line.startswith((" ", "-", "*")):
        assert PlaceholderFilter().match(line) is not None


def test_the_builtin_gate_is_on_and_skips_article_lines() -> None:
    """The built-in phrases and grammars can all be listed; an article sentence is decided from its start."""
    placeholders = PlaceholderFilter()
    assert placeholders._starts is not None
    assert placeholders._cannot_start("Officials said the bridge would reopen in March, weeks later than planned.")
    assert not placeholders._cannot_start("Advertisement - Scroll to continue with the story")



def test_an_inline_ignorecase_group_turns_the_gate_off() -> None:
    """(?i:ZEBRA) matches "Zebra": its upper-case letters cannot be listed as the key's start."""
    assert key_starts([re.compile("(?i:ZEBRA) stripes")], [], width=4) is None
    custom = PlaceholderFilter(add_patterns={"(?i:ZEBRA) stripes [a-z ]{1,40}": "sponsored"})
    assert custom("Text here.\nZebra stripes by acme widgets corporation") == "Text here."


def test_read_lines_remembers_for_one_pipeline_run_only() -> None:
    """Within a run a line is read once, whatever the round (every line of a big document too: round 2 of a
    50 MB document reads nothing again); no long line is kept; outside a run nothing is kept from one call to the next."""
    from newsclean._core.runs import pipeline_run, run_memo
    from newsclean._filters.line_gate import read_lines

    calls: list[str] = []

    def read(text: str) -> int:
        calls.append(text)
        return len(text)

    lines = ["x" * 5_000] + [f"line {i:07d} of a long document" for i in range(100_000)]
    with pipeline_run():
        memo = run_memo("a filter")
        assert read_lines(lines, read, memo, longest=300) == [len(line) for line in lines]
        assert memo is not None and "x" * 5_000 not in memo["lines"]
        assert all(key is line for key, line in zip(memo["lines"], lines[1:]))  # the document's strings, not copies
        calls.clear()
        read_lines(lines, read, run_memo("a filter"), longest=300)
        assert calls == ["x" * 5_000]  # the next round reads only the long line again
    calls.clear()
    read_lines(["Advertisement", "Advertisement"], read, run_memo("a filter"), longest=300)
    read_lines(["Advertisement"], read, run_memo("a filter"), longest=300)
    assert calls == ["Advertisement", "Advertisement"]  # once a call: no run, no memo


@given(st.text(alphabet=" \t.-:*|[]()#_AbZ09x'\"!", max_size=30))
def test_the_ascii_probe_is_the_placeholder_key(head: str) -> None:
    """For an ASCII head without "..", the gate's one-step key equals finish_key(rough_key(head))."""
    from newsclean._filters.placeholder_patterns import ascii_key, finish_key, rough_key

    if ".." not in head:
        assert ascii_key(head) == finish_key(rough_key(head))


@pytest.mark.parametrize("line", [
    " " * 13 + "abcdefg" + "\u0f71" * 4 + "\u05b0" + "hij klmno",
    " " * 17 + "abc" + "\u0f71" * 4 + "\u05b0" + "hij klmno",
])
def test_a_combining_mark_after_the_probe_is_not_cut_from_its_run(line: str) -> None:
    """Found in review: NFKD moves a mark of lower class (U+05B0) before the marks ahead of it (U+0F71) across the
    probe's cut, so the probe's end is not the key's; a line whose next character after the probe starts with a
    combining mark goes the whole way."""
    options = {"add": {line.strip(): "ad_label"}}
    assert PlaceholderFilter(**options).match(line) == _ungated(**options).match(line) is not None  # type: ignore[arg-type]
    assert newsclean.Pipeline(PlaceholderFilter(**options))(f"Some prose here.\n{line}\nMore prose.") == "Some prose here.\nMore prose."  # type: ignore[arg-type]
