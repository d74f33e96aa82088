"""Guard the public API: a curated, sorted __all__, and a cheap import."""

from __future__ import annotations

import subprocess
import sys

import newsclean


def test_all_is_sorted_and_complete() -> None:
    """__all__ is sorted, names only public objects, and every public name is exported."""
    assert newsclean.__all__ == sorted(newsclean.__all__)
    public = {name for name in vars(newsclean) if not name.startswith("_")} - {"contrib"}
    assert public <= set(newsclean.__all__) | {"annotations"}
    for name in newsclean.__all__:
        assert hasattr(newsclean, name), name


def test_exported_objects_report_module_newsclean() -> None:
    """Exported classes, exceptions and functions say `newsclean`, so tracebacks read newsclean.ConfigurationError."""
    for name in newsclean.__all__:
        obj = getattr(newsclean, name)
        if isinstance(obj, type) or callable(obj):
            assert obj.__module__ == "newsclean", (name, obj.__module__)


def test_exported_classes_still_pickle_by_their_public_name() -> None:
    """Reporting module newsclean keeps pickling working: the public name is where pickle looks."""
    import pickle

    for obj in (newsclean.default_pipeline(), newsclean.MojibakeFilter(uncurl_quotes=True), newsclean.explain("Hi")):
        assert pickle.loads(pickle.dumps(obj)) == obj


def test_a_configuration_error_reads_as_newsclean_configuration_error() -> None:
    """The traceback line of a configuration error names newsclean.ConfigurationError."""
    import traceback

    try:
        newsclean.default_pipeline().without("nope")
    except newsclean.ConfigurationError as exc:
        line = traceback.format_exception_only(type(exc), exc)[-1]
    assert line.startswith("newsclean.ConfigurationError: no filter named 'nope'")


def test_import_pulls_in_no_optional_dependency() -> None:
    """`import newsclean` imports none of the optional extras."""
    code = (
        "import sys, newsclean; "
        "print(sorted(m for m in ('scrapy', 'pandas', 'dask', 'distributed', 'matplotlib', 'IPython', 'twisted') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_import_leaves_the_heavy_modules_for_first_use() -> None:
    """`import newsclean` loads neither lxml, bs4 nor ftfy; the HTML entry points load lxml when first used."""
    code = (
        "import sys, newsclean; heavy = ('lxml', 'bs4', 'ftfy', 'newsclean._html.clean'); "
        "before = sorted(m for m in heavy if m in sys.modules); "
        "from newsclean import clean_html; "
        "print(before, 'lxml' in sys.modules, clean_html('<p>Hi</p><p>Advertisement</p>'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] True <p>Hi</p>"


def test_lazy_names_are_listed_and_unknown_names_raise() -> None:
    """dir(newsclean) lists every exported name, lazy ones too; an unknown name raises AttributeError."""
    assert set(newsclean.__all__) <= set(dir(newsclean))
    assert newsclean.clean_html is newsclean._html.clean.clean_html
    try:
        newsclean.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("newsclean.no_such_name did not raise")
