"""The registry: built-in filters by name, the default order, build_pipeline and resolve_pipeline."""

from __future__ import annotations

import pytest

import newsclean
from newsclean._registry import DEFAULT_FILTERS, FILTERS, build_pipeline, resolve_pipeline


def test_every_default_filter_is_registered_and_built_once() -> None:
    """The default names are registered; the default pipeline is built once and shared."""
    assert set(DEFAULT_FILTERS) <= set(FILTERS)
    assert newsclean.default_pipeline() is newsclean.default_pipeline()
    assert newsclean.default_pipeline().names == DEFAULT_FILTERS


def test_build_pipeline_defaults_names_without_and_options() -> None:
    """build_pipeline builds the default, a chosen list, leaves names out and passes options per filter."""
    assert build_pipeline() == newsclean.default_pipeline()
    assert build_pipeline(["embeds", "placeholders"]).names == ("embeds", "placeholders")
    assert "mojibake" not in build_pipeline(without=["mojibake"]).names
    configured = build_pipeline(["mojibake"], options={"mojibake": {"uncurl_quotes": True}})
    assert configured("“Hi”") == '"Hi"'


def test_build_pipeline_takes_import_paths() -> None:
    """An import path 'pkg.mod:Class' names a filter outside the registry."""
    pipeline = build_pipeline(["newsclean._filters.placeholders:PlaceholderFilter"])
    assert pipeline.names == ("placeholders",)


def test_two_configured_copies_of_one_filter_run_side_by_side() -> None:
    """Two instances of one filter class with different names and options each report their own name."""
    site = newsclean.PlaceholderFilter(name="site_labels", add={"Promo": "sponsored"})
    pipeline = newsclean.Pipeline(newsclean.PlaceholderFilter(), site)
    result = pipeline.explain("Calm.\nAdvertisement\nPromo")
    assert result.text == "Calm."
    assert [(c.filter, c.block) for c in result.changes] == [("placeholders", "Advertisement"), ("site_labels", "Promo")]
    assert result.counts() == {"placeholders": 1, "site_labels": 1}


def test_resolve_pipeline() -> None:
    """None means the default pipeline, a Pipeline passes, anything else is a TypeError naming the call."""
    assert resolve_pipeline(None, function="clean") is newsclean.default_pipeline()
    p = build_pipeline(["placeholders"])
    assert resolve_pipeline(p, function="clean") is p
    with pytest.raises(TypeError, match=r"^clean_html\(pipeline=\.\.\.\) needs a newsclean.Pipeline"):
        resolve_pipeline(object(), function="clean_html")


def test_a_filter_class_with_a_bad_name_fails_when_it_is_defined() -> None:
    """BlockFilter subclasses check their name at class definition, not at first use."""
    with pytest.raises(newsclean.ConfigurationError, match="snake_case"):

        class Bad(newsclean.BlockFilter):
            name = "Bad Name"
