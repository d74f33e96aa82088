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


def test_pandas_and_dask_give_the_same_type_error() -> None:
    """The pandas accessor and the Dask helpers raise the same TypeError, naming their own call."""
    pd = pytest.importorskip("pandas", reason="needs pandas: pip install -e '.[pandas]'")
    pytest.importorskip("dask.bag", reason="needs dask: pip install -e '.[dask]'")
    import dask.bag as db

    import newsclean.contrib.pandas  # noqa: F401  (registers the accessor)
    from newsclean.contrib.dask import clean_bag

    expected = "needs a newsclean.Pipeline or None for the default, got str; build one with newsclean.build_pipeline(['placeholders'])"
    with pytest.raises(TypeError) as from_pandas:
        pd.Series(["Hi"]).newsclean.clean(pipeline="placeholders")
    with pytest.raises(TypeError) as from_dask:
        clean_bag(db.from_sequence(["Hi"], npartitions=1), pipeline="placeholders")  # type: ignore[arg-type]
    assert str(from_pandas.value).startswith("Series.newsclean.clean(pipeline=...) " + expected)
    assert str(from_dask.value).startswith("clean_bag(pipeline=...) " + expected)
