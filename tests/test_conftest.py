"""Tests for the test set-up itself: the light install's skips and the corpus skips say what to do.

Each runs pytest in a subprocess: once with the optional packages hidden (as after
``pip install -e ".[test-core]"``), once with ``NEWSCLEAN_SHARED`` pointing nowhere.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# A pytest plugin, loaded with -p before any conftest: makes the extras look not installed
# (a None entry in sys.modules is what importlib.util.find_spec and import report as missing).
HIDE_EXTRAS = """
import sys
for name in ("scrapy", "itemadapter", "pandas", "dask", "distributed", "pyarrow", "datasketch",
             "matplotlib", "nbclient", "nbformat", "ipykernel", "attrs", "pydantic"):
    sys.modules[name] = None
"""


def _pytest(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:randomly", "-p", "no:cacheprovider", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )


def _skips(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("SKIPPED")]


def test_light_install_skips_integrations_naming_their_extra(tmp_path: Path) -> None:
    """With the extras missing, integration tests, doctests and docs pages skip, each naming the extra to install."""
    (tmp_path / "hide_extras.py").write_text(HIDE_EXTRAS, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    targets = ["tests/test_scrapy.py", "tests/test_dask.py", "tests/test_pandas.py", "newsclean/contrib", "docs/scaling.md"]
    proc = _pytest(["-p", "hide_extras", *targets], env)
    assert proc.returncode in (0, 5), proc.stdout[-3000:]  # 5: every test skipped
    skips = _skips(proc.stdout)
    expected = {
        "tests/test_scrapy.py": "scrapy", "newsclean/contrib/scrapy.py": "scrapy",
        "newsclean/contrib/pandas.py": "pandas", "newsclean/contrib/dask.py": "dask", "docs/scaling.md": "dask",
    }
    for path, extra in expected.items():
        assert any(path in line and f"pip install -e '.[{extra}]'" in line for line in skips), (path, skips)
    assert any("tests/test_pandas.py" in line and "pip install -e '.[pandas]'" in line for line in skips), skips
    assert any("tests/test_dask.py" in line and "'.[dask]'" in line for line in skips), skips
    assert "error" not in proc.stdout.splitlines()[-1]


def test_corpus_skips_name_the_path_and_the_variable(tmp_path: Path) -> None:
    """Without the corpus, every corpus skip names the path it tried and NEWSCLEAN_SHARED (no "empty parameter set")."""
    nowhere = tmp_path / "nowhere"
    env = {**os.environ, "NEWSCLEAN_SHARED": str(nowhere)}
    proc = _pytest(["tests/test_mojibake.py", "tests/test_double_post.py", "-k", "real or corpus or ftfy"], env)
    assert proc.returncode == 0, proc.stdout[-3000:]
    skips = _skips(proc.stdout)
    assert len(skips) >= 3, proc.stdout[-3000:]
    for line in skips:
        assert str(nowhere / "corpus") in line and "NEWSCLEAN_SHARED" in line, line
        assert not re.search(r"empty parameter set", line), line
