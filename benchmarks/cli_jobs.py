"""Benchmark the command line's worker processes: records/s with ``--jobs 1`` and ``--jobs 2``.

Runs the installed ``newsclean`` script (a subprocess each time, as a user would)
on the same JSON lines file, checks that both runs write byte-identical output,
and says how many cores looked free while it ran: a speed-up from a second worker
needs a second free core, so on a loaded machine the ratio says little.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def free_cores() -> float:
    """Cores not busy by the 1-minute load average (0 when the load is at or above the core count)."""
    cores = os.cpu_count() or 1
    return max(0.0, cores - os.getloadavg()[0])


def newsclean_script() -> list[str]:
    """The installed console script, or ``python -m newsclean`` when it is not on the PATH."""
    found = shutil.which("newsclean", path=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    return [found] if found else [sys.executable, "-m", "newsclean"]


def write_records(texts: Sequence[str], count: int, path: Path) -> int:
    """*count* JSON lines records cycling through *texts*; returns the file's size in bytes."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            fh.write(json.dumps({"id": i, "body": texts[i % len(texts)]}, ensure_ascii=False) + "\n")
    return path.stat().st_size


def _run(script: list[str], src: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and the load-free cores seen for one ``newsclean clean`` run."""
    before = free_cores()
    start = time.perf_counter()
    subprocess.run([*script, "clean", str(src), "-o", str(out), "--jobs", str(jobs), "--quiet"],
                   check=True, capture_output=True)
    seconds = time.perf_counter() - start
    return seconds, min(before, free_cores())


def bench_jobs(texts: Sequence[str], records: int, repeats: int = 1) -> dict[str, Any]:
    """``--jobs 1`` against ``--jobs 2`` on *records* records: records/s each, their ratio, identical output."""
    script = newsclean_script()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = folder / "records.jsonl"
        size = write_records(texts, records, src)
        best = {1: float("inf"), 2: float("inf")}
        free: list[float] = []
        for _ in range(repeats):
            for jobs in (1, 2):  # paired: both runs see about the same load
                seconds, cores = _run(script, src, folder / f"out{jobs}.jsonl", jobs)
                best[jobs] = min(best[jobs], seconds)
                free.append(cores)
        identical = (folder / "out1.jsonl").read_bytes() == (folder / "out2.jsonl").read_bytes()
    return {
        "records": records, "bytes": size, "command": " ".join([Path(script[0]).name, *script[1:], "clean", "...",
                                                                   "--jobs N", "--quiet"]),
        "jobs1_seconds": best[1], "jobs2_seconds": best[2],
        "jobs1_records_per_s": records / best[1], "jobs2_records_per_s": records / best[2],
        "speedup": best[1] / best[2], "identical_output": identical,
        "cores": os.cpu_count(), "free_cores_min": min(free),
    }
