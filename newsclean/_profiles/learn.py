"""Counting: in how many of a site's documents each (folded) line occurs, in one pass.

The learner keeps, per site, one entry per distinct line of at most
``max_chars`` characters: its folded key (:func:`newsclean._core.text.fold`,
so ASCII-fied and typographic copies are one line), the number of documents
that contain it, and one copy of its text to show people (the best-typeset
copy, ties broken by the text itself, so the choice does not depend on order).
Longer lines are not counted: site furniture is short, and a long paragraph
that recurs is a story told twice. Memory is therefore bounded by the distinct
short lines of each site; the texts themselves are never held.

While counting, a line is filed under a 12-byte BLAKE2b digest of its folded
key instead of the key itself, and a line seen in one document keeps only its
text: together that halves the memory of a large crawl (most lines occur
once). Two different keys sharing a digest would be counted as one line; at
96 bits that is not expected before some 10^14 distinct lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from hashlib import blake2b
from typing import Any
from urllib.parse import urlsplit

from newsclean._core.filter import check_text
from newsclean._core.text import fold
from newsclean._profiles.profile import SiteProfile, SiteProfiles
from newsclean._profiles.rules import LearnOptions, better_copy, is_candidate

__all__ = ["SiteLearner", "learn", "learn_sites", "line_keys", "site_key"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def site_key(url: str) -> str:
    """The site of a URL: its host, lowercased, without ``www.`` and port.

    >>> site_key("https://www.NYTimes.com/2020/04/01/world/briefing.html")
    'nytimes.com'
    >>> site_key("slate.com")
    'slate.com'
    """
    if not isinstance(url, str):
        raise TypeError(f"site_key() needs a URL or host as str, got {type(url).__name__}")
    text = url.strip()
    host = urlsplit(text if "//" in text else "//" + text).hostname or ""
    return host[4:] if host.startswith("www.") else host


def line_keys(text: str, max_chars: int) -> dict[str, str]:
    """The distinct lines of *text* worth counting, as ``{folded key: text}``."""
    found: dict[str, str] = {}
    for raw in _LINE_BREAK.split(text):
        line = raw.strip()
        if not line or len(line) > max_chars:
            continue
        key = fold(line)
        if not key:  # separators, a lone ".": never boilerplate by count
            continue
        seen = found.get(key)
        found[key] = line if seen is None else better_copy(seen, line)
    return found


class SiteLearner:
    """Counts one site's lines document by document; :meth:`profile` gives the :class:`SiteProfile`.

    >>> learner = SiteLearner("example.com")
    >>> for body in ["A story.\\nSubscribe now", "Other news.\\nSubscribe now"]:
    ...     learner.add(body)
    >>> learner.profile().documents
    2
    """

    def __init__(self, site: str = "", options: LearnOptions | None = None) -> None:
        self.site = site
        self.options = options or LearnOptions()
        self.documents = 0
        # digest -> the text (in one document so far) or [documents, text]
        self._counts: dict[bytes, Any] = {}

    def add(self, text: str) -> None:
        """Count the lines of one document."""
        text = check_text(text, function="learn")
        self.documents += 1
        counts = self._counts
        for key, line in line_keys(text, self.options.max_chars).items():
            digest = blake2b(key.encode("utf-8", "surrogatepass"), digest_size=12).digest()
            entry = counts.get(digest)
            if entry is None:
                counts[digest] = line
            elif isinstance(entry, str):
                counts[digest] = [2, entry if line == entry else better_copy(entry, line)]
            else:
                entry[0] += 1
                if line != entry[1]:
                    entry[1] = better_copy(entry[1], line)

    def profile(self, *, compact: bool = False) -> SiteProfile:
        """The profile learned so far; ``compact=True`` keeps only the lines that recur enough (see SiteProfile.compact)."""
        counts: dict[str, tuple[int, str]] = {}
        of, options = self.documents, self.options
        for entry in self._counts.values():
            count, text = (1, entry) if isinstance(entry, str) else entry
            if not compact or is_candidate(count, of, options):
                counts[fold(text)] = (count, text)
        return SiteProfile(self.site, self.documents, counts, options=self.options)


def learn(texts: Iterable[str], *, site: str = "", **options: Any) -> SiteProfile:
    """Learn one site's recurring boilerplate from its documents (an iterable of ``str``), in one pass.

    *options* are those of :class:`~newsclean._profiles.rules.LearnOptions`
    (``min_documents=3``, ``min_share=0.05``, ``remove_bylines=False``, ...).

    >>> import newsclean
    >>> bodies = [f"Story number {i} is here.\\nSubscribe to our newsletter today" for i in range(5)]
    >>> profile = newsclean.learn(bodies, site="example.com")
    >>> profile.clean("A new story.\\nSubscribe to our newsletter today")
    'A new story.'
    """
    if isinstance(texts, (str, bytes)):
        raise TypeError("learn() needs an iterable of documents (e.g. a list of str), not a single text")
    learner = SiteLearner(site, LearnOptions(**options))
    for text in texts:
        learner.add(text)
    return learner.profile()


def learn_sites(pairs: Iterable[tuple[str, str]], **options: Any) -> SiteProfiles:
    """Learn many sites at once from ``(site, text)`` pairs; turn URLs into sites with :func:`site_key`.

    >>> import newsclean
    >>> pairs = [("a.com", f"News {i}.\\nFollow us on our app for more news") for i in range(4)]
    >>> pairs += [("b.com", f"Report {i}.") for i in range(4)]
    >>> profiles = newsclean.learn_sites(pairs)
    >>> sorted(profiles), profiles["a.com"].clean("Today.\\nFollow us on our app for more news")
    (['a.com', 'b.com'], 'Today.')
    """
    if isinstance(pairs, (str, bytes)):
        raise TypeError("learn_sites() needs an iterable of (site, text) pairs")
    opts = LearnOptions(**options)
    learners: dict[str, SiteLearner] = {}
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)):
            raise TypeError(f"learn_sites() needs (site, text) pairs with the site as str, got {pair!r:.80}")
        site, text = pair
        learner = learners.get(site)
        if learner is None:
            learner = learners[site] = SiteLearner(site, opts)
        learner.add(text)
    return SiteProfiles({site: learner.profile() for site, learner in learners.items()})
