"""Tests for change records and replay."""

from __future__ import annotations

import json

import pytest

from newsclean import Change, ReplayError, replay


def _change(filter: str, start: int, end: int, before: str, after: str = "") -> Change:
    return Change(filter=filter, rule="r", action="replace" if after else "remove", start=start, end=end,
                  before=before, after=after, reason="why")


def test_replay_applies_stages_in_order() -> None:
    """Each stage's offsets are into the previous stage's output."""
    text = "aXbYc"
    changes = [_change("one", 1, 2, "X"), _change("two", 2, 3, "Y", "Z")]  # after stage one: "abYc"
    assert replay(text, changes) == "abZc"


def test_replay_rejects_records_of_another_text() -> None:
    """Replaying on the wrong text raises ReplayError (also a ValueError) saying what to do."""
    with pytest.raises(ReplayError, match="replay the records on the text they were made from"):
        replay("hello", [_change("one", 0, 1, "X")])
    assert issubclass(ReplayError, ValueError)


def test_replay_rejects_bytes() -> None:
    """Replay takes text only and says so."""
    with pytest.raises(TypeError, match="needs the original text as str"):
        replay(b"x", [])  # type: ignore[arg-type]


def test_change_round_trips_through_json() -> None:
    """to_dict is JSON-ready and from_dict rebuilds the same record."""
    change = Change(filter="f", rule="r", action="remove", start=1, end=3, before="ab", after="",
                    reason="why", line=2, block="ab", path="p", data={"k": [1, 2]})
    assert Change.from_dict(json.loads(json.dumps(change.to_dict()))) == change


def test_change_str_is_one_readable_line() -> None:
    """str(change) names filter, rule, line, the block and the reason."""
    change = Change(filter="placeholders", rule="ad_label", action="remove", start=0, end=14,
                    before="Advertisement\n", after="", reason="an ad label", line=3, block="Advertisement")
    assert str(change) == "placeholders/ad_label line 3: removed 'Advertisement' (an ad label)"


def test_round_survives_to_dict_and_from_dict_and_replay_separates_rounds() -> None:
    """A change's round is written when it is not 1, read back, and replay keeps rounds of one filter apart."""
    first = Change(filter="p", rule="r", action="remove", start=0, end=2, before="a\n", after="", reason="x")
    second = Change(filter="p", rule="r", action="remove", start=0, end=2, before="b\n", after="", reason="x", round=2)
    assert "round" not in first.to_dict()
    assert Change.from_dict(second.to_dict()) == second
    assert replay("a\nb\nc", [first, second]) == "c"


def test_new_change_makes_the_change_that_the_constructor_makes() -> None:
    """new_change sets the slots itself (half the cost): every field, in the order of the dataclass's fields."""
    import dataclasses

    from newsclean._core.changes import new_change

    values = ("f", "r", "remove", 3, 9, "abc\n", "", "why", 2, "abc", "p > q", {"k": 1}, 4)
    made, built = new_change(*values), Change(*values)
    assert made == built and repr(made) == repr(built)
    assert [getattr(made, f.name) for f in dataclasses.fields(Change)] == list(values)
    assert new_change(*values[:-1]).round == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 0  # type: ignore[misc]
