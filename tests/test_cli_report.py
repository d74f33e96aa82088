"""Tests for ``newsclean._cli.report``: diff in input line order with each reason once, one stats summary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsclean import Pipeline, explain
from newsclean._cli.report import in_input_order
from tests.test_cli import ADS, SCRIPT, SEEDS, env, jsonl, run  # noqa: F401 (env is a fixture)

pytestmark = pytest.mark.skipif(SCRIPT is None, reason="the newsclean console script is not installed next to python")


def test_diff_of_the_reference_example_groups_a_reason_once_in_line_order(env: dict[str, str]) -> None:
    """The double post's 18 lines are listed L1..L18 with its reason once, then the loader line L37."""
    proc = run(env, "diff", SEEDS / "rafah_double_post.txt")
    assert proc.returncode == 0
    lines = proc.stdout.decode().splitlines()
    marks = [m.group(1) for m in map(re.compile(r"^- L(\d+)  ").match, lines) if m]
    assert marks == [str(n) for n in range(1, 19)] + ["37"]
    reasons = [line.strip() for line in lines[1:] if not line.startswith("- ")]
    assert [r.split(":")[0] for r in reasons] == ["double_post/repeated_body", "placeholders/loader"]


def test_input_lines_match_the_original_text() -> None:
    """Every change's input line holds the block it removed, even after earlier filters removed lines."""
    text = (SEEDS / "rafah_double_post.txt").read_text(encoding="utf-8")
    text = "Advertisement\n" + text  # an early removal shifts every later filter's line numbers
    result = explain(text)
    original = text.split("\n")
    placed = in_input_order(result.changes)
    assert [line for line, _ in placed] == sorted(line for line, _ in placed)
    for line, change in placed:
        assert original[line - 1] == change.block


def test_diff_rewrites_stay_one_per_line(env: dict[str, str], tmp_path: Path) -> None:
    """A rewrite is shown with its before and after; removals with one reason are grouped; all in line order."""
    (tmp_path / "a.txt").write_text("Cafe\n\nAdvertisement\n\nAdvertisement\n\nend", encoding="utf-8")
    proc = run(env, "diff", tmp_path / "a.txt", "--color", "never", *ADS)
    assert proc.stdout.decode().splitlines()[1:] == [
        "~ L1  Cafe",
        "   >  Café",
        "      drop_ads/accent: restores an accent",
        "- L3  Advertisement",
        "- L5  Advertisement",
        "      drop_ads/ad: an ad label",
    ]


def test_stats_prints_one_summary_with_skipped_entries(env: dict[str, str], tmp_path: Path) -> None:
    """stats: the table's last line is the only summary, and it counts skipped files and blank lines."""
    (tmp_path / "in").mkdir()
    jsonl(tmp_path / "in" / "a.jsonl", [{"body": "x\nAdvertisement"}, {"body": "y"}])
    with (tmp_path / "in" / "a.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("\n\n")
    (tmp_path / "in" / "notes.md").write_text("skipped", encoding="utf-8")
    proc = run(env, "stats", tmp_path / "in", *ADS)
    assert proc.returncode == 0
    assert proc.stderr == b""
    assert proc.stdout.decode().splitlines()[-1] == (
        "2 documents: 1 changed, 0 dropped, 0 failed, 1 skipped, 2 blank lines"
    )


def test_pipeline_order_is_not_line_order_without_mapping() -> None:
    """The raw changes are in pipeline order (the loader line first): the mapping is what sorts them."""
    result = explain((SEEDS / "rafah_double_post.txt").read_text(encoding="utf-8"))
    assert [c.line for c in result.changes][:1] == [37]
    assert [line for line, _ in in_input_order(result.changes)][:2] == [1, 2]
    assert in_input_order(Pipeline().apply("x").changes) == []
