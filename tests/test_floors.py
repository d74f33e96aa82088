"""Tests for ``benchmarks/floors.py``: each stub silences the reading it names, and only inside its block."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import newsclean

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
floors = pytest.importorskip("floors")

BODY = "The council met on Tuesday and voted on the budget for the coming year."
TWEET = "Storm warning for the coast tonight. pic.twitter.com/abc123\n— Met Office (@metoffice) May 1, 2024"
DIRTY = {
    "placeholders": f"{BODY}\n\nAdvertisement\n\nThe vote was close, and the mayor spoke last.",
    "furniture": f"{BODY}\n\nSign up for our newsletter\n\nThe vote was close, and the mayor spoke last.",
    "mojibake": "The mayorâ€™s budget passed on Tuesday, by one vote.",
    "double_post": "\n\n".join([
        BODY,
        "The vote was close, and the mayor spoke last, thanking the council for its long work.",
        "Residents who came to the meeting said they would watch how the money is spent next year.",
    ] * 2),
    "embeds": f"{BODY}\n\n{TWEET}\n\nThe vote was close.\n\n{TWEET}",
}


@pytest.mark.parametrize("name", sorted(DIRTY))
def test_stub_silences_its_filter_and_is_undone(name: str) -> None:
    """The text the named filter cleans is left as it is under its stub, and cleaned again after it."""
    text = DIRTY[name]
    cleaned = newsclean.explain(text)
    assert name in {c.filter for c in cleaned.changes}  # the case holds what the filter removes
    with floors.stubbed([name]):
        stubbed = newsclean.explain(text)
    assert name not in {c.filter for c in stubbed.changes}
    assert newsclean.explain(text).text == cleaned.text


def test_stubs_name_every_default_filter() -> None:
    """Every filter of the default pipeline has a stub, so the "every filter's" row stubs them all."""
    assert set(floors.STUBS) == set(newsclean.default_pipeline().names)


def test_narrowest_width() -> None:
    """A line's characters are counted at its widest character's width: 1, 2 or 4 bytes."""
    assert floors._narrowest("abc") == 3
    assert floors._narrowest("café") == 4
    assert floors._narrowest("“ok”") == 8
    assert floors._narrowest("ok 😀") == 16


def test_stub_puts_back_what_the_class_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    """A staticmethod comes back as the same staticmethod, and a name a class only inherits is deleted again."""

    class Owner:
        @staticmethod
        def read() -> str:
            return "real"

    class Child(Owner):
        pass

    stored = vars(Owner)["read"]
    monkeypatch.setitem(floors.STUBS, "probe", [
        (Owner, "read", staticmethod(lambda: "stub")),
        (Child, "read", staticmethod(lambda: "child stub")),
    ])
    with floors.stubbed(["probe"]):
        assert (Owner.read(), Child.read()) == ("stub", "child stub")
    assert vars(Owner)["read"] is stored and "read" not in vars(Child)
    assert (Owner.read(), Child.read()) == ("real", "real")


def test_stub_of_a_name_no_longer_there_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stub whose attribute has gone raises AttributeError instead of stubbing nothing."""
    monkeypatch.setitem(floors.STUBS, "gone", [(floors, "no_such_reader", lambda text: None)])
    with pytest.raises(AttributeError):
        with floors.stubbed(["gone"]):
            pass
    assert not hasattr(floors, "no_such_reader")
