"""Benchmark how newsclean grows with a document: time per MB by size, peak memory, and each filter's share.

Used by ``benchmarks/run.py``; every figure is a ratio within one run.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any

import newsclean
from newsclean import Document, Pipeline
from newsclean._core.pipeline import MAX_ROUNDS
from newsclean._core.runs import pipeline_run, pipeline_step


def pipeline_shares(pipeline: Pipeline, texts: Sequence[str], repeats: int) -> dict[str, float]:
    """Each filter's share of the pipeline's time, timed inside the pipeline run (so each sees its real input).

    The rounds to a fixed point are run as :meth:`Pipeline.apply` runs them
    (skipping the settled filters as it does), and a filter's time in every
    round counts towards its share.

    For each text the pass with the least total time counts (a pass another
    process interrupted is dropped whole, so the shares of one text stay paired).
    The passes go over all texts in turn, as the throughput figures do.
    """
    names = ["split into blocks", *pipeline.names]
    blockwise = {k for k, f in enumerate(pipeline) if getattr(f, "blockwise", False) is True}
    idempotent = {k for k, f in enumerate(pipeline) if getattr(f, "idempotent", False) is True}
    best: list[list[float] | None] = [None] * len(texts)
    clock = time.perf_counter
    for _ in range(repeats):
        for i, text in enumerate(texts):
            start = clock()
            doc = Document.from_text(text)
            row = [clock() - start] + [0.0] * len(pipeline)
            settled: set[int] = set()
            with pipeline_run():  # the line filters keep their readings for the rounds of one run, as in apply
                for _ in range(MAX_ROUNDS):  # the rounds Pipeline.apply runs to its fixed point, skipping as it does
                    changed = False
                    for k, f in enumerate(pipeline):
                        if k in settled:
                            continue
                        start = clock()
                        with pipeline_step(f):
                            result = f.apply(doc)
                        row[k + 1] += clock() - start
                        if result.changes:
                            doc, changed = result.document, True
                            if all(c.action == "remove" for c in result.changes):
                                settled = {j for j in settled if j in blockwise or pipeline._stays_settled(j, doc)}
                            else:
                                settled.clear()
                            if k in idempotent or result.settled:  # not run again after its own changes, as in apply
                                settled.add(k)
                        else:
                            settled.add(k)
                    if not changed:
                        break
            kept = best[i]
            if kept is None or sum(row) < sum(kept):
                best[i] = row
    totals = dict.fromkeys(names, 0.0)
    for kept in best:
        assert kept is not None
        for name, seconds in zip(names, kept):
            totals[name] += seconds
    whole = sum(totals.values())
    return {name: seconds / whole for name, seconds in totals.items()}


def big_document(body: str, size: int, placeholders: Sequence[str]) -> str:
    """A body repeated, with placeholders in between, to about `size` bytes."""
    parts, total, i = [], 0, 0
    while total < size:
        mark = placeholders[i % len(placeholders)]
        piece = body if i % 2 == 0 else body.replace("\n\n", "\n\n" + mark + "\n\n", 1)
        parts.append(piece)
        parts.append(mark)
        total += len(piece.encode("utf-8")) + 20
        i += 1
    return "\n\n".join(parts)


def many_bodies_document(bodies: Sequence[str], size: int, placeholders: Sequence[str]) -> str:
    """Distinct real bodies one after another, with placeholders in between, to about `size` bytes.

    Past the end of the corpus the bodies come round again with each line
    marked by the round (`[2]`), so that no body repeats: this document
    measures the pipeline on text without double posts, at any size.
    """
    return "\n\n".join(_many_bodies_parts(bodies, size, placeholders))


def _many_bodies_parts(bodies: Sequence[str], size: int, placeholders: Sequence[str]) -> list[str]:
    parts, total, i = [], 0, 0
    while total < size:
        body = bodies[i % len(bodies)]
        rounds = i // len(bodies)
        if rounds:
            body = "\n".join(f"{line} [{rounds + 1}]" if line.strip() else line for line in body.split("\n"))
        parts += [body, placeholders[i % len(placeholders)]]
        total += len(body.encode("utf-8"))
        i += 1
    return parts


def pieces_of(parts: Sequence[str], size: int, every: int = 1) -> list[str]:
    """*parts* (body, placeholder, body, ...) cut at body boundaries into documents of about *size* bytes.

    Every *every*-th document is kept: a sample spread over the whole of *parts*.
    """
    pieces, chunk, total = [], [], 0
    for k in range(0, len(parts), 2):
        chunk += parts[k : k + 2]
        total += len(parts[k].encode("utf-8"))
        if total >= size:
            pieces.append("\n\n".join(chunk))
            chunk, total = [], 0
    if chunk:
        pieces.append("\n\n".join(chunk))
    return pieces[::every]


def bench_linearity(bodies: Sequence[str], big: int, placeholders: Sequence[str], rounds: int) -> dict[str, Any]:
    """Time per MB of one *big* document of distinct bodies against ~100 KB documents of the same text.

    The small documents are the big one cut at body boundaries (one in five
    of them, spread over all of it), so the two hold the same kind of text:
    the bodies the big document repeats with a round mark (and the repeats
    inside a body that the mark makes long enough to count) are in both.
    The two are measured in turn, *rounds* times, and each keeps its best
    round: a shared machine's load hits both alike.
    """
    parts = _many_bodies_parts(bodies, big, placeholders)
    pieces = pieces_of(parts, 100_000, every=5)
    small_mb = sum(len(p.encode("utf-8")) for p in pieces) / 1e6
    text = "\n\n".join(parts)
    del parts
    big_mb = len(text.encode("utf-8")) / 1e6
    small_s = big_s = float("inf")
    for _ in range(rounds):
        small_s = min(small_s, sum(_seconds(newsclean.clean, p, 2) for p in pieces))
        big_s = min(big_s, _seconds(newsclean.clean, text, 1))
    return {"big_bytes": int(big_mb * 1e6), "small_docs": len(pieces), "small_ms_per_mb": small_s / small_mb * 1000,
            "big_ms_per_mb": big_s / big_mb * 1000, "ratio": (big_s / big_mb) / (small_s / small_mb)}


def identical_lines_document(count: int) -> str:
    """*count* copies of one short line: the worst case for the duplicate filters' bookkeeping."""
    return "\n".join(["Police said the road was closed."] * count)


def _seconds(func: Callable[[str], object], text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func(text)
        best = min(best, time.perf_counter() - start)
    return best


def bench_sizes(documents: dict[str, Callable[[int], str]], sizes: Sequence[int]) -> list[dict[str, Any]]:
    """Time per MB of ``newsclean.clean`` for each kind of document at each size."""
    rows = []
    for label, make in documents.items():
        for size in sizes:
            text = make(size)
            nbytes = len(text.encode("utf-8"))
            repeats = 3 if size <= 1_000_000 else 1
            seconds = _seconds(newsclean.clean, text, repeats)
            del text
            rows.append({"document": label, "bytes": nbytes, "seconds": seconds,
                         "seconds_per_mb": seconds / (nbytes / 1e6)})
    return rows


def linearity(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per kind of document: time/MB at the largest size over time/MB at 100 KB."""
    out = {}
    for label in dict.fromkeys(r["document"] for r in rows):
        by_size = sorted((r for r in rows if r["document"] == label), key=lambda r: r["bytes"])
        base = next(r for r in by_size if r["bytes"] >= 100_000)
        out[label] = {"largest_bytes": by_size[-1]["bytes"], "ratio": by_size[-1]["seconds_per_mb"] / base["seconds_per_mb"]}
    return out


def peak_added(text: str) -> dict[str, Any]:
    """Peak memory that ``newsclean.clean(text)`` allocates on top of what exists before the call.

    tracemalloc starts after *text* exists, so the figure is the increase
    caused by the call (its blocks, keys and output), not the interpreter or
    the input.
    """
    nbytes = len(text.encode("utf-8"))
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base, _ = tracemalloc.get_traced_memory()
        newsclean.clean(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    added = peak - base
    return {"bytes": nbytes, "peak_added_bytes": added, "peak_over_size": added / nbytes}
