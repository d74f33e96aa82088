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


def test_exported_objects_say_they_belong_to_newsclean() -> None:
    """Exported classes and functions live in newsclean's private modules."""
    for name in newsclean.__all__:
        obj = getattr(newsclean, name)
        module = getattr(obj, "__module__", "newsclean")
        if callable(obj):
            assert module.startswith("newsclean"), (name, module)


def test_import_pulls_in_no_optional_dependency() -> None:
    """`import newsclean` imports none of the optional extras."""
    code = (
        "import sys, newsclean; "
        "print(sorted(m for m in ('scrapy', 'pandas', 'dask', 'distributed', 'matplotlib', 'IPython', 'twisted') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
