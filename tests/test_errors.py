"""The exception tree: one base, configuration errors are ValueErrors, missing extras are ImportErrors."""

from __future__ import annotations

import pytest

import newsclean
from newsclean._core.errors import config_error, require_extra


def test_the_tree() -> None:
    """Every error is a NewscleanError; configuration errors are ValueErrors; missing extras ImportErrors."""
    assert issubclass(newsclean.ConfigurationError, newsclean.NewscleanError)
    assert issubclass(newsclean.ConfigurationError, ValueError)
    assert issubclass(newsclean.MissingExtraError, newsclean.NewscleanError)
    assert issubclass(newsclean.MissingExtraError, ImportError)
    assert issubclass(newsclean.ReplayError, newsclean.NewscleanError)


def test_config_error_raises_with_the_message() -> None:
    """config_error is the one way to raise a ConfigurationError."""
    with pytest.raises(newsclean.ConfigurationError, match="^bad option$"):
        config_error("bad option")


def test_missing_extra_names_the_extra_to_install() -> None:
    """require_extra raises MissingExtraError saying which pip extra to install."""
    with pytest.raises(newsclean.MissingExtraError) as info:
        require_extra("no_such_module_for_newsclean", "scrapy")
    assert "pip install -e '.[scrapy]' in a clone of newsclean" in str(info.value)
    assert (info.value.module, info.value.extra) == ("no_such_module_for_newsclean", "scrapy")


@pytest.mark.parametrize(
    "call",
    [
        lambda: newsclean.Pipeline(newsclean.PlaceholderFilter(), newsclean.PlaceholderFilter()),
        lambda: newsclean.default_pipeline().without("nope"),
        lambda: newsclean.filter_by_name("nope"),
        lambda: newsclean.MojibakeFilter(uncurl_quotes="yes"),
        lambda: newsclean.MojibakeFilter(no_such_fix=True),
        lambda: newsclean.build_pipeline(["placeholders"], options={"embeds": {}}),
        lambda: newsclean.build_pipeline(["placeholders"], options={"placeholders": {"nope": 1}}),
        lambda: newsclean.Pipeline(newsclean.PlaceholderFilter(name="Not Snake")),
    ],
    ids=["duplicate-name", "unknown-name", "unknown-filter", "bad-flag", "unknown-flag", "options-not-in-pipeline", "unknown-option", "bad-name"],
)
def test_configuration_mistakes_raise_configuration_error(call: object) -> None:
    """Every configuration mistake is a ConfigurationError (also a ValueError)."""
    with pytest.raises(newsclean.ConfigurationError):
        call()  # type: ignore[operator]
