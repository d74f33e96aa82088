"""Results: the one per-filter counter, the summary every result type shares, and the display hook."""

from __future__ import annotations

import pytest

import newsclean
from newsclean._core.changes import Change
from newsclean._core.result import HTML_RENDERERS, Result, count_changes, render_html


def change(filter_name: str, action: str = "remove") -> Change:
    return Change(filter=filter_name, rule="r", action=action, start=0, end=1, before="x", after="" if action == "remove" else "y", reason="why")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "order", "action", "expected"),
    [
        ([], (), None, {}),
        ([change("b"), change("a"), change("b")], ("a", "b"), None, {"a": 1, "b": 2}),
        ([change("b"), change("a"), change("b")], (), None, {"a": 1, "b": 2}),
        ([change("z"), change("a")], ("z",), None, {"z": 1, "a": 1}),
        ([change("a"), change("a", "replace")], ("a",), "remove", {"a": 1}),
        ([change("a", "replace")], ("a",), "remove", {}),
    ],
    ids=["empty", "pipeline-order", "sorted-without-order", "unlisted-names-last", "only-removals", "no-removals"],
)
def test_count_changes(changes: list[Change], order: tuple[str, ...], action: str | None, expected: dict[str, int]) -> None:
    """count_changes counts per filter, pipeline order first, unlisted names after, sorted; action filters."""
    assert count_changes(changes, order, action=action) == expected
    assert list(count_changes(changes, order, action=action)) == list(expected)


def test_result_counts_use_the_one_counter() -> None:
    """Result.counts() equals count_changes over its changes in pipeline order."""
    result = newsclean.explain("Storm.\nAdvertisement\nAnzeige\nLoading…")
    assert result.counts() == count_changes(result.changes, result.filters) == {"placeholders": 3}
    assert result.counts(action="replace") == {}


def test_summary_properties() -> None:
    """changed, dropped, removed and the one-line repr read off the changes."""
    result = newsclean.explain("Advertisement")
    assert (result.changed, result.dropped, len(result.removed)) == (True, True, 1)
    assert repr(result).startswith("<Result 1 changes (placeholders: 1), 13 -> 0 chars, drop: ")
    assert repr(newsclean.explain("Calm.")) == "<Result 0 changes (no changes), 5 -> 5 chars>"


def test_result_draws_itself_through_the_registered_renderer() -> None:
    """_repr_html_ goes through HTML_RENDERERS; with no renderer it shows the escaped repr."""
    result = newsclean.explain("<b>Hi</b>\nAdvertisement")
    assert "Advertisement" in result._repr_html_()
    saved = HTML_RENDERERS.pop("Result")
    try:
        assert render_html(result) == "<pre>&lt;Result 1 changes (placeholders: 1), 23 -&gt; 9 chars&gt;</pre>"
    finally:
        HTML_RENDERERS["Result"] = saved


def test_to_dict_is_json_ready() -> None:
    """to_dict carries the text, the drop reason, the counts and each change as a dict."""
    import json

    data = newsclean.explain("Calm.\nAdvertisement").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert (data["text"], data["changed"], data["counts"], len(data["changes"])) == ("Calm.", True, {"placeholders": 1}, 1)


def test_result_is_frozen() -> None:
    """A result cannot be changed after the fact."""
    result: Result = newsclean.explain("Calm.")
    with pytest.raises(AttributeError):
        result.text = "other"  # type: ignore[misc]
