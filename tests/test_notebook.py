"""Run the example notebook top to bottom with a real Jupyter kernel."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "notebooks" / "explore.ipynb"
CELL_TIMEOUT = 120  # seconds per cell: a bound on a hung kernel, not a speed check


def _kernel_dir(tmp_path: Path) -> str:
    """A kernelspec that runs this interpreter (the one with newsclean), not whatever `python` is on PATH."""
    spec = tmp_path / "kernels" / "newsclean-test"
    spec.mkdir(parents=True)
    pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "newsclean test kernel",
                "language": "python",
                "env": {"PYTHONPATH": pythonpath},
            }
        ),
        encoding="utf-8",
    )
    return str(tmp_path)


def test_example_notebook_runs_without_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/notebooks/explore.ipynb executes cell by cell in a real kernel from its own folder, and no cell errors."""
    nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (pip install -e '.[notebook]')")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (pip install -e '.[notebook]')")
    pytest.importorskip("ipykernel", reason="ipykernel is not installed (pip install -e '.[notebook]')")
    pytest.importorskip("matplotlib", reason="matplotlib is not installed (pip install -e '.[notebook]')")
    pytest.importorskip("pandas", reason="pandas is not installed (pip install -e '.[notebook]')")
    monkeypatch.setenv("JUPYTER_PATH", _kernel_dir(tmp_path))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), "store the notebook without outputs"
    client = nbclient.NotebookClient(
        notebook,
        kernel_name="newsclean-test",
        timeout=CELL_TIMEOUT,
        startup_timeout=120,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError naming the failing cell
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    html = [out.data["text/html"] for out in outputs if out.output_type == "execute_result" and "text/html" in out.get("data", {})]
    assert any('class="newsclean-result"' in h for h in html), "the diff display was shown"
    assert any('class="newsclean-summary"' in h for h in html), "the summary table was shown"
    assert any("&lt;script&gt;" in h and "<script>" not in h for h in html), "markup in article text was escaped"
    assert any("image/png" in out.get("data", {}) for out in outputs), "the summary plot was drawn"
