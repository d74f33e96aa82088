"""The install lines of the README and docs work on a fresh machine, before newsclean is on PyPI."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# a `pip install newsclean` or `pip install 'newsclean[x]'` that would fetch it from PyPI
FROM_PYPI = re.compile(r"""^\s*pip install\s+['"]?newsclean(?:\[[\w,]+\])?['"]?\s*(?:#.*)?$""")


def _code_lines(page: Path) -> list[str]:
    """Lines inside fenced code blocks."""
    lines, inside = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            inside = not inside
        elif inside:
            lines.append(line)
    return lines


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_install_command_needs_pypi(page: Path) -> None:
    """No command to copy installs newsclean from PyPI, where it is not yet published."""
    assert [line for line in _code_lines(page) if FROM_PYPI.match(line)] == []


def test_git_url_installs_are_valid_requirements() -> None:
    """Every `pip install 'newsclean[...] @ git+...'` in the docs is a requirement pip can parse."""
    requirements = pytest.importorskip("packaging.requirements", reason="packaging is not installed")
    found = re.findall(r"pip install '(newsclean[^']* @ git\+[^']+)'", "\n".join(p.read_text(encoding="utf-8") for p in PAGES))
    assert len(found) >= 3
    for text in found:
        req = requirements.Requirement(text)
        assert (req.name, req.url) == ("newsclean", "git+https://github.com/newsclean/newsclean")


def test_jupyter_lab_command_follows_an_install_of_jupyterlab() -> None:
    """The docs' `jupyter lab` command comes after an install line that installs JupyterLab."""
    lines = _code_lines(ROOT / "docs" / "notebooks.md")
    at = next(i for i, line in enumerate(lines) if line.startswith("jupyter lab"))
    assert any("pip install" in line and "jupyterlab" in line for line in lines[:at])


def test_light_test_extra_has_no_integration() -> None:
    """The test-core extra installs the test tools only; the full test extra includes it and every integration."""
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    names = {re.split(r"[<>=\[ ]", req)[0] for req in extras["test-core"]}
    assert names == {"pytest", "hypothesis", "html5lib"}
    assert "newsclean[test-core]" in extras["test"]
    assert any(req.startswith("newsclean[scrapy,notebook,dask") for req in extras["test"])
