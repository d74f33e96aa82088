"""Print the tables of docs/performance.md from a results file of ``benchmarks/run.py``.

    python benchmarks/markdown.py benchmarks/results.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import targets  # noqa: E402


def tables(results: dict[str, Any]) -> str:
    out = ["| corpus | docs | `ftfy.fix_text` docs/s | `newsclean.clean` docs/s | newsclean MB/s | speed-up vs ftfy |",
           "|---|---:|---:|---:|---:|---:|"]
    for row in results["corpus"]:
        name = f"**{row['corpus']}**" if row["corpus"] == "mixed" else row["corpus"]
        out.append(f"| {name} | {row['newsclean']['docs']} | {row['ftfy']['docs_per_s']:.0f} | "
                   f"{row['newsclean']['docs_per_s']:.0f} | {row['newsclean']['mb_per_s']:.1f} | "
                   f"**{row['speedup_vs_ftfy']:.1f}x** |")
    mixed = results["corpus"][0]
    out += ["", "| step | share of the pipeline | alone: docs/s | alone: MB/s | alone: share of ftfy |",
            "|---|---:|---:|---:|---:|"]
    for name, share in mixed["share_of_pipeline"].items():
        alone = mixed["filters"].get(name)
        cells = (f"{alone['docs_per_s']:.0f} | {alone['mb_per_s']:.1f} | {alone['share_of_ftfy']:.1%}"
                 if alone else " | | ")
        out.append(f"| {name} | {share:.1%} | {cells} |")
    out += ["", "| document | size | ms/MB |", "|---|---:|---:|"]
    for row in results["sizes"]:
        out.append(f"| {row['document']} | {row['bytes'] / 1e6:.2f} MB | {row['seconds_per_mb'] * 1000:.1f} |")
    big = results["big"]
    out += ["", f"Distinct bodies, {big['big_bytes'] / 1e6:.0f} MB against the same bodies as {big['small_docs']} documents "
            f"of ~100 KB: {big['big_ms_per_mb']:.1f} vs {big['small_ms_per_mb']:.1f} ms/MB = **{big['ratio']:.2f}**"]
    out += ["", "| target | result | |", "|---|---:|---|"]
    for what, figure, ok in targets(results):
        out.append(f"| {what} | {figure} | {'met' if ok else '**missed**'} |")
    profiles = results.get("profiles")
    if profiles:
        out += ["", f"Site profiles: learned from the {profiles['docs']} bodies of {profiles['sites']} sites at "
                f"{profiles['learn_docs_per_s']:,.0f} docs/s; `newsclean.clean(text, profile=...)` with each body's "
                f"profile {profiles['with_profile']['docs_per_s']:,.0f} docs/s, **{profiles['speedup_vs_ftfy']:.1f}x** "
                f"`ftfy.fix_text` on the same bodies; the profile adds {profiles['profile_cost']:.0%} to `clean()`."]
    return "\n".join(out)


if __name__ == "__main__":
    print(tables(json.loads(Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results.json").read_text())))
