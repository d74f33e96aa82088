"""Peak memory of learning site profiles from a generated stream (the texts are never held).

Run: ``python benchmarks/profiles_memory.py DOCUMENTS SITES`` (e.g. ``200000 100``); see docs/profiles.md.
Each document: a byline, 10 unique paragraphs of 50 to 500 characters, a per-site promo line, and a
podcast line in every third document: the worst case of unique short lines.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from collections.abc import Iterator

import newsclean
from newsclean._profiles.learn import SiteLearner
from newsclean._profiles.rules import LearnOptions


def stream(documents: int, sites: int, rnd: random.Random) -> Iterator[tuple[str, str]]:
    words = [f"w{i}" for i in range(5000)]
    for i in range(documents):
        site = f"site{i % sites}.example"
        lines = [" ".join(rnd.choice(words) for _ in range(rnd.randint(10, 80))) for _ in range(10)]
        lines.insert(0, f"By Reporter {rnd.randint(1, 30)}")
        lines.append(f"Subscribe to {site} for daily news")
        if i % 3 == 0:
            lines.append("Listen to our podcast every morning")
        yield site, "\n\n".join(lines)


def main(documents: int, sites: int) -> None:
    start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.time()
    learners: dict[str, SiteLearner] = {}
    options = LearnOptions()
    for site, text in stream(documents, sites, random.Random(7)):
        learner = learners.get(site) or learners.setdefault(site, SiteLearner(site, options))
        learner.add(text)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    lines = sum(len(learner._counts) for learner in learners.values())
    profiles = newsclean.SiteProfiles({s: learner.profile(compact=True) for s, learner in learners.items()})
    print(f"{documents} docs, {sites} sites, {time.time() - began:.0f}s; distinct counted lines {lines:,}; "
          f"peak RSS {peak / 1024:.0f} MB (start {start / 1024:.0f} MB); {profiles.summary()}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
