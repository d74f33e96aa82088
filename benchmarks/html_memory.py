"""Peak memory of clean_html on pages of many small blocks: the figures of docs/html.md#memory.

Run from the repository root:

    python benchmarks/html_memory.py              # 10,000 and 100,000 blocks of each shape
    python benchmarks/html_memory.py 250000 li    # one size, one shape
    python benchmarks/html_memory.py --explain    # the same with explain_html (element paths, kept records)

Each measurement runs in a fresh interpreter, after a first call on a small page of the same
markup (modules and compiled patterns are not the page's cost). "traced" is the peak that
tracemalloc sees (Python objects); "resident" is the growth of the process's peak resident
memory, which also counts lxml's tree (C memory that tracemalloc does not see).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SHAPES = {
    "li": "<li>item",  # unclosed list items: 8 bytes a block, nothing removed
    "ad": "<p>Advertisement</p>",  # 20 bytes a block, every block removed
    "distinct": "<p>A distinct paragraph of article text, number {}.</p>",  # 57-58 bytes a block, nothing removed
}

_CHILD = """
import resource, sys, tracemalloc
sys.path.insert(0, {root!r})
from newsclean import {function}
unit, n, mode = {unit!r}, {n}, {mode!r}
markup = "".join(unit.format(i) for i in range(n))
{function}(markup[:2000])
if mode == "traced":
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    {function}(markup)
    print(tracemalloc.get_traced_memory()[1] - base)
else:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    {function}(markup)
    print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024)
"""


def measure(shape: str, n: int, mode: str, function: str = "clean_html") -> int:
    """Bytes at the peak of one clean_html (or explain_html) call, measured in a fresh interpreter."""
    code = _CHILD.format(root=str(ROOT), unit=SHAPES[shape], n=n, mode=mode, function=function)
    return int(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)


def main(argv: list[str]) -> None:
    function = "explain_html" if "--explain" in argv else "clean_html"
    argv = [a for a in argv if a != "--explain"]
    sizes = [int(argv[0])] if argv else [10_000, 100_000]
    shapes = argv[1:] or list(SHAPES)
    print(f"{function}\n{'shape':<9} {'blocks':>8} {'UTF-8':>10} {'traced':>16} {'resident':>16}")
    for shape in shapes:
        for n in sizes:
            size = len("".join(SHAPES[shape].format(i) for i in range(n)).encode("utf-8"))
            traced, resident = measure(shape, n, "traced", function), measure(shape, n, "resident", function)
            print(
                f"{shape:<9} {n:>8,} {size:>10,} {traced / size:>6.1f}x {traced / n:>5.0f} B/bl "
                f"{resident / size:>6.1f}x {resident / n:>5.0f} B/bl"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
