"""The one-call entry points: clean, explain, and the pipeline= check they share with every other entry point."""

from __future__ import annotations

import pytest

import newsclean


@pytest.mark.parametrize("entry", ["clean", "explain", "clean_html"])
@pytest.mark.parametrize("bad", ["mojibake", ["mojibake"], 3])
def test_a_wrong_pipeline_type_gets_the_same_type_error_everywhere(entry: str, bad: object) -> None:
    """pipeline= that is not a Pipeline raises one TypeError naming the call and how to build a pipeline."""
    with pytest.raises(TypeError) as info:
        getattr(newsclean, entry)("<p>Hi</p>", pipeline=bad)
    message = str(info.value)
    assert message.startswith(f"{entry}(pipeline=...) needs a newsclean.Pipeline or None for the default, got {type(bad).__name__}")
    assert "newsclean.build_pipeline(" in message


def test_the_suggested_call_in_the_error_runs() -> None:
    """The build_pipeline call the error suggests for a filter name is a call that exists and works."""
    with pytest.raises(TypeError) as info:
        newsclean.clean("Hi", pipeline="placeholders")  # type: ignore[arg-type]
    suggested = str(info.value).split("build one with ")[1].split(" or ")[0]
    pipeline = eval(suggested, {"newsclean": newsclean})  # noqa: S307 - our own message
    assert newsclean.clean("Hi\nAdvertisement", pipeline=pipeline) == "Hi"


def test_none_means_the_default_pipeline() -> None:
    """pipeline=None runs the default pipeline."""
    text = "Paris.\nAdvertisement\nLyon."
    assert newsclean.clean(text, pipeline=None) == newsclean.default_pipeline()(text) == "Paris.\nLyon."
