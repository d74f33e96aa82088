"""Measure the near-duplicate search on a synthetic scale-up of the real corpus.

Run from the repository root (needs ../shared/corpus and the dedup extra):

    python benchmarks/near_dups.py --docs 100000

The 979 real bodies (aeb, Readability, sites) are multiplied: each synthetic
document is a real body with about one word in eight replaced by a word drawn
from a seeded vocabulary, so every one is distinct and none is a near
duplicate of another by accident; one in ten is then given a near copy (one
paragraph added). It reports the signature pass (clean, fold, shingle,
MinHash) and the clustering (exact copies, LSH, verification) separately,
with the memory the fingerprints hold, as JSON on stdout.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsclean._near_dups.options import NearDuplicateOptions  # noqa: E402
from newsclean._near_dups.search import fingerprints, resolve  # noqa: E402

CORPUS = Path(os.environ.get("NEWSCLEAN_SHARED", ROOT.parent / "shared")) / "corpus"


def real_bodies() -> list[str]:
    bodies = [json.loads(line)["body"] for line in open(CORPUS / "articles/aeb_bodies.jsonl", encoding="utf-8")]
    bodies += [json.loads(line)["body"] for line in open(CORPUS / "articles/readability_bodies.jsonl", encoding="utf-8")]
    with gzip.open(CORPUS / "sites/articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        bodies += [json.loads(line)["text"] for line in fh]
    return bodies


def synthetic(count: int, seed: int = 5) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    bodies = real_bodies()
    vocabulary = [f"v{rng.randrange(10**6)}" for _ in range(50_000)]
    docs = []
    for n in range(count):
        if n % 10 == 9:  # a near copy of the previous document: an updated version
            docs.append((f"d{n}", docs[-1][1] + "\n\nUpdate: officials gave new figures on Tuesday evening."))
            continue
        words = bodies[n % len(bodies)].split(" ")
        for i in range(0, len(words), 8):
            words[rng.randrange(i, min(i + 8, len(words)))] = rng.choice(vocabulary)
        docs.append((f"d{n}", " ".join(words)))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    args = parser.parse_args()
    docs = synthetic(args.docs)
    megabytes = sum(len(t.encode("utf-8")) for _, t in docs) / 1e6
    options = NearDuplicateOptions()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, cpu = time.perf_counter(), time.process_time()
    fps = fingerprints(docs, options)
    signed, signed_cpu = time.perf_counter() - started, time.process_time() - cpu
    held = sum(fp.shingles.nbytes + (0 if fp.signature is None else fp.signature.nbytes) for fp in fps)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, cpu = time.perf_counter(), time.process_time()
    result = resolve(fps, options)
    clustered, clustered_cpu = time.perf_counter() - started, time.process_time() - cpu
    report: dict[str, Any] = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "docs": len(docs), "megabytes": round(megabytes, 1),
        # CPU seconds as well as wall-clock: on a shared machine the wall clock includes waiting for a core
        "signature_seconds": round(signed, 1), "signature_cpu_seconds": round(signed_cpu, 1),
        "signature_docs_per_cpu_second": round(len(docs) / signed_cpu),
        "cluster_seconds": round(clustered, 1), "cluster_cpu_seconds": round(clustered_cpu, 1),
        "fingerprint_arrays_mb": round(held / 1e6, 1),
        "peak_rss_mb_before": round(rss_before), "peak_rss_mb_after_signatures": round(rss_after),
        "peak_rss_mb_end": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "clusters": len(result), "near_duplicates": result.duplicates, "short": result.short,
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
