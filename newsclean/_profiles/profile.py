"""Site profiles: what was learned about one site (:class:`SiteProfile`) or many (:class:`SiteProfiles`).

A profile holds counts (in how many of the site's documents each short line
occurs) and the options; the decisions are worked out from those, so merging
two profiles learned from two parts of a crawl gives exactly the profile
learned from the whole crawl.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from newsclean._core.errors import config_error
from newsclean._core.text import fold
from newsclean._profiles import show, store
from newsclean._profiles.filter import SiteBoilerplateFilter
from newsclean._profiles.rules import Action, LearnedLine, LearnOptions, better_copy, decide, is_candidate

if TYPE_CHECKING:
    import os

    from newsclean._core.pipeline import Pipeline
    from newsclean._core.result import Result

__all__ = ["SiteProfile", "SiteProfiles"]


class SiteProfile:
    """The recurring lines of one site, how often each occurs, and which of them to remove.

    Build one with :func:`newsclean.learn`; use it with :meth:`clean`,
    :meth:`explain`, ``newsclean.clean(text, profile=...)`` or
    :class:`~newsclean.SiteBoilerplateFilter`. ``lines`` lists every recurring
    line with its document count and decision, most frequent first.
    """

    def __init__(
        self,
        site: str,
        documents: int,
        counts: Mapping[str, tuple[int, str]],
        *,
        options: LearnOptions | None = None,
        overrides: Mapping[str, bool] | None = None,
    ) -> None:
        self.site = site
        self.documents = documents
        self.counts: Mapping[str, tuple[int, str]] = counts
        self.options = options or LearnOptions()
        #: folded key -> keep, where a person switched the learned decision.
        self.overrides: Mapping[str, bool] = dict(overrides or {})
        self._lines: tuple[LearnedLine, ...] | None = None
        self._table: dict[str, LearnedLine] | None = None
        self._pipeline: Pipeline | None = None

    # -- decisions --------------------------------------------------------------
    @property
    def lines(self) -> tuple[LearnedLine, ...]:
        """Every line recurring enough to be decided on, most frequent first, with its decision."""
        if self._lines is None:
            of, options, out = self.documents, self.options, []
            for key, (count, text) in self.counts.items():
                if is_candidate(count, of, options):
                    line = decide(text, key, count, of, options)
                    keep = self.overrides.get(key)
                    if keep is not None and keep != line.keep:
                        action: Action = "keep" if keep else ("beside" if line.kind == "short" else "remove")
                        line = line._replace(action=action, why=f"{line.why}; switched by hand to keep={keep}")
                    out.append(line)
            out.sort(key=lambda line: (-line.documents, line.text))
            self._lines = tuple(out)
        return self._lines

    @property
    def table(self) -> Mapping[str, LearnedLine]:
        """The learned lines by folded key (what :class:`SiteBoilerplateFilter` looks up)."""
        if self._table is None:
            self._table = {line.key: line for line in self.lines}
        return self._table

    @property
    def removed(self) -> tuple[LearnedLine, ...]:
        """The lines this profile removes (``beside`` ones only next to other removed lines)."""
        return tuple(line for line in self.lines if not line.keep)

    def with_keep(self, text_or_key: str, keep: bool) -> SiteProfile:
        """A copy with one learned line switched to keep (``True``) or remove (``False``)."""
        key = fold(text_or_key)
        if key not in {line.key for line in self.lines}:
            config_error(f"{text_or_key!r} is not a learned line of {self.site or 'this site'}")
        return SiteProfile(
            self.site, self.documents, self.counts, options=self.options, overrides={**self.overrides, key: keep}
        )

    def compact(self) -> SiteProfile:
        """A copy holding only the lines that recur enough to be decided on (what :meth:`save` writes).

        It cleans exactly as this profile does and takes far less memory, but
        merging it with more parts is no longer exact: merge first, then compact.
        """
        kept = {line.key: self.counts[line.key] for line in self.lines}
        return SiteProfile(self.site, self.documents, kept, options=self.options, overrides=self.overrides)

    # -- combining ------------------------------------------------------------
    def merge(self, other: SiteProfile) -> SiteProfile:
        """The profile of both parts: counts add up, decisions are made afresh on the sums."""
        if not isinstance(other, SiteProfile):
            raise TypeError(f"SiteProfile.merge() needs a SiteProfile, got {type(other).__name__}")
        if self.site and other.site and self.site != other.site:
            config_error(f"cannot merge the profiles of two sites ({self.site!r} and {other.site!r})")
        if self.options != other.options:
            config_error(
                f"cannot merge profiles learned with different options ({self.options} and {other.options})"
            )
        counts = dict(self.counts)
        for key, (count, text) in other.counts.items():
            mine = counts.get(key)
            counts[key] = (count, text) if mine is None else (mine[0] + count, better_copy(mine[1], text))
        overrides = {**self.overrides}
        for key, keep in other.overrides.items():
            if overrides.setdefault(key, keep) != keep:
                config_error(f"the two profiles switch the line {counts[key][1]!r} differently")
        return SiteProfile(
            self.site or other.site, self.documents + other.documents, counts, options=self.options, overrides=overrides
        )

    # -- cleaning -------------------------------------------------------------
    def pipeline(self, base: Pipeline | None = None) -> Pipeline:
        """*base* (the default pipeline) with this site's :class:`SiteBoilerplateFilter` after ``placeholders``.

        After ``placeholders``, so that an ``Advertisement`` line inside a block of
        the site's furniture does not split the block; at the end if *base* has no
        ``placeholders`` filter.
        """
        if base is None and self._pipeline is not None:
            return self._pipeline
        from newsclean._core.pipeline import Pipeline
        from newsclean._registry import default_pipeline

        start = default_pipeline() if base is None else base
        step = SiteBoilerplateFilter(self)
        made = start.insert_after("placeholders", step) if "placeholders" in start else Pipeline(start, step)
        if base is None:
            self._pipeline = made
        return made

    def clean(self, text: str) -> str:
        """Clean *text* with the default pipeline plus this site's learned lines."""
        return self.pipeline()(text)

    def explain(self, text: str) -> Result:
        """Clean *text* and return every change, the site's removals with their evidence."""
        return self.pipeline().explain(text)

    # -- saving ---------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The profile as a JSON-ready dict (what :meth:`save` writes, less the format header)."""
        return store.encode(self.site, self.documents, self.options, self.lines)

    @classmethod
    def from_dict(cls, data: Any, *, where: str = "profile") -> SiteProfile:
        """Rebuild a profile from :meth:`to_dict` output; a keep switch that differs from the learner's is kept."""
        site, documents, counts, options, keeps = store.decode(data, where)
        overrides = {}
        for key, keep in keeps.items():
            count, text = counts[key]
            if decide(text, key, count, documents, options).keep != keep:
                overrides[key] = keep
        return cls(site, documents, counts, options=options, overrides=overrides)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the profile as versioned, human-editable JSON (each line with its count and a keep switch)."""
        store.save(path, "site-profile", self.to_dict())

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SiteProfile:
        """Read a profile written by :meth:`save` (a wrong format version raises :class:`ConfigurationError`)."""
        return cls.from_dict(store.load(path, "site-profile"), where=str(path))

    # -- reading --------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SiteProfile):
            return NotImplemented
        return (self.site, self.documents, dict(self.counts), self.options, dict(self.overrides)) == (
            other.site,
            other.documents,
            dict(other.counts),
            other.options,
            dict(other.overrides),
        )

    def __hash__(self) -> int:
        return hash((self.site, self.documents, len(self.counts)))

    def __getstate__(self) -> dict[str, Any]:
        return {"site": self.site, "documents": self.documents, "counts": dict(self.counts),
                "options": self.options, "overrides": dict(self.overrides)}  # fmt: skip

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            state["site"], state["documents"], state["counts"], options=state["options"], overrides=state["overrides"]
        )

    def summary(self) -> str:
        """One line: the site, its documents and how many lines it removes and keeps."""
        actions = [line.action for line in self.lines]
        return (
            f"{self.site or '(site)'}: {self.documents} documents, {len(actions)} recurring lines "
            f"({actions.count('remove')} removed, {actions.count('beside')} only in blocks, "
            f"{actions.count('keep')} kept)"
        )

    def describe(self, limit: int | None = None) -> str:
        """The learned lines as text, most frequent first: count, decision, the line, why."""
        return show.describe(self.summary(), self.documents, self.lines, limit)

    def __repr__(self) -> str:
        return f"<SiteProfile {self.describe(limit=10)}>"

    def _repr_html_(self) -> str:
        return show.profile_html(self.summary(), self.documents, self.lines)


class SiteProfiles(Mapping[str, SiteProfile]):
    """Profiles of many sites by site key; clean a document with the profile of its site.

    >>> import newsclean
    >>> profiles = newsclean.learn_sites([("a.com", "Hi.\\nShare this with friends")] * 3)
    >>> profiles.clean("News.\\nShare this with friends", site="a.com")
    'News.'
    >>> profiles.clean("News.\\nShare this with friends", site="unknown.org")
    'News.\\nShare this with friends'
    """

    def __init__(self, profiles: Mapping[str, SiteProfile] | None = None) -> None:
        self._profiles: dict[str, SiteProfile] = dict(sorted((profiles or {}).items()))

    def __getitem__(self, site: str) -> SiteProfile:
        return self._profiles[site]

    def __iter__(self) -> Iterator[str]:
        return iter(self._profiles)

    def __len__(self) -> int:
        return len(self._profiles)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SiteProfiles):
            return NotImplemented
        return self._profiles == other._profiles

    def __hash__(self) -> int:
        return hash(tuple(self._profiles))

    def merge(self, other: SiteProfiles) -> SiteProfiles:
        """Profiles of both parts: sites in both are merged with :meth:`SiteProfile.merge`."""
        if not isinstance(other, SiteProfiles):
            raise TypeError(f"SiteProfiles.merge() needs SiteProfiles, got {type(other).__name__}")
        merged = dict(self._profiles)
        for site, profile in other.items():
            mine = merged.get(site)
            merged[site] = profile if mine is None else mine.merge(profile)
        return SiteProfiles(merged)

    def pipeline(self, site: str | None, base: Pipeline | None = None) -> Pipeline:
        """The pipeline for *site*: *base* (the default) plus its profile's filter, or *base* alone for a site not learned."""
        profile = self._profiles.get(site) if site is not None else None
        if profile is None:
            from newsclean._registry import default_pipeline

            return default_pipeline() if base is None else base
        return profile.pipeline(base)

    def pipelines(self, base: Pipeline | None = None) -> dict[str, Pipeline]:
        """Every learned site's pipeline (*base*, default the default one, plus the site's filter)."""
        return {site: profile.pipeline(base) for site, profile in self._profiles.items()}

    def clean(self, text: str, *, site: str | None) -> str:
        """Clean *text* with the profile of *site* (the default pipeline if the site was not learned)."""
        return self.pipeline(site)(text)

    def explain(self, text: str, *, site: str | None) -> Result:
        """Like :meth:`clean`, returning every change with its reason."""
        return self.pipeline(site).explain(text)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write every profile to one versioned, human-editable JSON file."""
        store.save(path, "site-profiles", {"sites": [p.to_dict() for p in self._profiles.values()]})

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SiteProfiles:
        """Read profiles written by :meth:`save` (a wrong format version raises :class:`ConfigurationError`)."""
        data = store.load(path, "site-profiles")
        sites = data.get("sites")
        if not isinstance(sites, list):
            config_error(f"{path}: 'sites' must be a list of site profiles")
        profiles = [SiteProfile.from_dict(entry, where=str(path)) for entry in sites]
        return cls({p.site: p for p in profiles})

    def summary(self) -> str:
        """One line: how many sites and documents, how many lines removed."""
        docs = sum(p.documents for p in self._profiles.values())
        removed = sum(len(p.removed) for p in self._profiles.values())
        return f"{len(self)} sites, {docs} documents, {removed} lines removed"

    def describe(self, limit: int | None = None) -> str:
        """Every site's learned lines as text, for review."""
        return "\n\n".join(p.describe(limit) for p in self._profiles.values())

    def __repr__(self) -> str:
        rows = "\n".join(f"  {p.summary()}" for p in self._profiles.values())
        return f"<SiteProfiles {self.summary()}>" + (f"\n{rows}" if rows else "")

    def _repr_html_(self) -> str:
        parts = [show.profile_html(p.summary(), p.documents, p.lines) for p in self._profiles.values()]
        return f"<div><b>{show.escape(self.summary())}</b></div>" + "".join(parts)
