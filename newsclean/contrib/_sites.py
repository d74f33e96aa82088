"""Which pipeline cleans an item of a crawl: its site's saved profile, or one learned during the crawl.

Used by the Scrapy pipeline (``NEWSCLEAN_PROFILES``, ``NEWSCLEAN_LEARN_WARMUP``);
it needs no Scrapy itself. Learning as you crawl: the first *warmup* items of a
host are cleaned with the base pipeline while their text is counted; then the
host's profile is fixed (compacted, the counts dropped) and used for every later
item of that host. The warm-up items are not cleaned again.
"""

from __future__ import annotations

from newsclean._core.pipeline import Pipeline
from newsclean._profiles.learn import SiteLearner, site_key
from newsclean._profiles.profile import SiteProfiles
from newsclean._profiles.rules import LearnOptions

__all__ = ["SiteChooser"]


class SiteChooser:
    """Per item: the pipeline for its URL's site, and what happened (a stats event name).

    Events: ``applied`` (a profile was used), ``warmup`` (the host is still being
    learned: base pipeline), ``learned`` (this item completed a host's warm-up),
    ``no_profile`` (no profile and no learning), ``no_url``.
    """

    def __init__(self, base: Pipeline, profiles: SiteProfiles | None = None, *, warmup: int = 0,
                 options: LearnOptions | None = None) -> None:  # fmt: skip
        self.base = base
        self.pipelines = profiles.pipelines(base) if profiles is not None else {}
        self.warmup = warmup
        self.options = options or LearnOptions()
        self.learners: dict[str, SiteLearner] = {}

    def choose(self, url: object, texts: list[str]) -> tuple[Pipeline, str]:
        """The pipeline for an item from *url* whose text fields are *texts* (counted while warming up)."""
        if not isinstance(url, str) or not url:
            return self.base, "no_url"
        site = site_key(url)
        pipeline = self.pipelines.get(site)
        if pipeline is not None:
            return pipeline, "applied"
        if not self.warmup:
            return self.base, "no_profile"
        learner = self.learners.get(site)
        if learner is None:
            learner = self.learners[site] = SiteLearner(site, self.options)
        for text in texts:
            learner.add(text)
        if learner.documents < self.warmup:
            return self.base, "warmup"
        self.pipelines[site] = learner.profile(compact=True).pipeline(self.base)
        del self.learners[site]
        return self.base, "learned"
