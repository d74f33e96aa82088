"""Root pytest configuration: with the light test install, skip what needs a missing extra, saying which.

``pip install -e ".[test-core]"`` installs only what the core tests need. A test module,
a module's doctests or a docs page that imports an optional package at top level
(``import scrapy``, ``require_extra("dask", ...)``, ``>>> import pandas``) is then
reported as one skip naming the package and the extra to install, instead of failing to
import. With the full install (``.[test]``, what CI runs) nothing is skipped here.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

# optional top-level package -> the extra that installs it
_EXTRA_OF = {
    "scrapy": "scrapy",
    "itemadapter": "scrapy",
    "attrs": "test",
    "pydantic": "test",
    "pandas": "pandas",
    "dask": "dask",
    "distributed": "dask",
    "pyarrow": "dask",
    "datasketch": "dedup",
    "numpy": "dedup",
    "matplotlib": "notebook",
    "nbclient": "notebook",
    "nbformat": "notebook",
    "ipykernel": "notebook",
}
# top-level imports, doctest imports (indented in docstrings), and top-level require_extra("name", ...)
_IMPORTS = re.compile(
    r"^(?:[ \t]*>>> )?(?:import|from) ([A-Za-z_]\w*)|^\w[^\n]*?\brequire_extra\(\"([A-Za-z_]\w*)\"", re.MULTILINE
)
_SKIP_GUARD = re.compile(r"^\w[^\n]*?\bimportorskip\(\s*\"([A-Za-z_]\w*)", re.MULTILINE)  # at module level


def _missing(path: Path) -> str | None:
    """The first optional package *path* imports at top level (or in a doctest) that is not installed."""
    if path.suffix not in (".py", ".md"):
        return None
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    guarded = set(_SKIP_GUARD.findall(source))
    if any(name in _EXTRA_OF and importlib.util.find_spec(name) is None for name in guarded):
        return None  # the module skips itself (pytest.importorskip), with its own reason
    missing = [
        name
        for name in dict.fromkeys(m.group(1) or m.group(2) for m in _IMPORTS.finditer(source))
        if name in _EXTRA_OF and name not in guarded and importlib.util.find_spec(name) is None
    ]
    # name an integration's extra (scrapy) rather than a test helper (attrs) when both are missing
    missing.sort(key=lambda name: _EXTRA_OF[name] == "test")
    return missing[0] if missing else None


class _SkippedFile(pytest.File):
    """Stands for a file whose tests need a package that is not installed: collected as one skip."""

    reason = ""

    def collect(self) -> Any:
        pytest.skip(self.reason)


def _missing_on_import(path: Path, root: Path) -> str | None:
    """The optional package a module of the repository fails to import for (``import numpy`` deep inside)."""
    if path.suffix != ".py" or path.name == "conftest.py" or not path.is_relative_to(root):
        return None
    parts = path.relative_to(root).with_suffix("").parts
    if parts[0] not in ("newsclean", "tests"):
        return None
    try:
        importlib.import_module(".".join(p for p in parts if p != "__init__"))
    except ImportError as exc:
        return _extra_missing_in(exc)
    except (pytest.skip.Exception, Exception):  # noqa: BLE001 - pytest reports it when it imports the module itself
        return None
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> Generator[None, Any, None]:
    outcome = yield
    if not outcome.get_result():
        return
    name = _missing(file_path) or _missing_on_import(file_path, parent.config.rootpath)
    if name is not None:
        extra = _EXTRA_OF[name]
        skipped = _SkippedFile.from_parent(parent, path=file_path)
        where = file_path.relative_to(parent.config.rootpath) if file_path.is_relative_to(parent.config.rootpath) else file_path
        skipped.reason = (
            f"{where} needs {name}, which is not installed: pip install -e '.[{extra}]' "
            "(or the full test install, pip install -e '.[test]')"
        )
        outcome.force_result([skipped])


def _extra_missing_in(exc: ImportError) -> str | None:
    name = (getattr(exc, "module", None) or exc.name or "").partition(".")[0]  # MissingExtraError: .module
    return name if name in _EXTRA_OF and importlib.util.find_spec(name) is None else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, Any, Any]:
    """A test that needs a missing extra only when it runs (a lazy import) is skipped, naming the extra."""
    try:
        return (yield)
    except ImportError as exc:
        name = _extra_missing_in(exc)
        if name is None:
            raise
        pytest.skip(
            f"needs {name}, which is not installed: pip install -e '.[{_EXTRA_OF[name]}]' "
            "(or the full test install, pip install -e '.[test]')"
        )
