"""Clusters from verified edges: a representative first, then every document verified against it.

The representative of a cluster is the best-ranked document (earliest date,
then longest, then best typeset, then id), and a document joins it only when
its own verified similarity to that representative reaches the threshold. So
a chain A~B~C of partial overlaps never pulls C into A's cluster unless C is
itself close to A. Every step works on sets and on a total order of the
documents, so the clusters do not depend on the input order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from newsclean._near_dups.signatures import Fingerprint
from newsclean._near_dups.verify import Edge

__all__ = ["Cluster", "Member", "NearDuplicates", "Unit", "assign", "units"]


@dataclass(frozen=True)
class Member:
    """One document of a cluster, with its similarity to the representative (MinHash estimate and exact)."""

    id: Any
    estimated: float
    verified: float
    exact: bool

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "estimated": self.estimated, "verified": self.verified, "exact": self.exact}


@dataclass(frozen=True)
class Cluster:
    """Documents telling the same story; ``id`` is the representative's id, the first member.

    ``exact`` members are copies whose cleaned, folded words equal the
    representative's (similarity 1.0); the others are near duplicates verified
    against it.
    """

    representative: Any
    members: tuple[Member, ...]

    @property
    def id(self) -> Any:
        return self.representative

    @property
    def ids(self) -> tuple[Any, ...]:
        return tuple(m.id for m in self.members)

    def __len__(self) -> int:
        return len(self.members)

    def to_dict(self) -> dict[str, Any]:
        """The cluster as a JSON-ready dict (one line of ``newsclean dups`` output)."""
        return {"cluster": self.id, "representative": self.representative, "size": len(self),
                "members": [m.to_dict() for m in self.members]}


@dataclass(frozen=True)
class NearDuplicates:
    """The clusters of two or more documents found in a corpus, best representative first.

    Documents in no cluster are unique (or short and without an exact copy).
    ``documents`` counts every input document and ``short`` those compared
    only for exact copies.
    """

    clusters: tuple[Cluster, ...]
    documents: int
    short: int
    _by_id: dict[Any, Cluster] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {m.id: c for c in self.clusters for m in c.members})

    def cluster_of(self, ident: Any) -> Cluster | None:
        """The cluster holding document *ident*, or ``None`` when it has no near duplicate."""
        return self._by_id.get(ident)

    def member(self, ident: Any) -> Member | None:
        """Document *ident*'s membership (its similarity to its representative), or ``None``."""
        cluster = self._by_id.get(ident)
        return None if cluster is None else next(m for m in cluster.members if m.id == ident)

    def mark(self, ident: Any) -> dict[str, Any]:
        """What ``--mark`` writes into a record: its cluster, representative, similarity and whether it is a copy."""
        cluster = self._by_id.get(ident)
        if cluster is None:
            return {"cluster": None, "representative": ident, "duplicate": False, "similarity": 1.0}
        member = self.member(ident)
        assert member is not None
        return {"cluster": cluster.id, "representative": cluster.representative,
                "duplicate": ident != cluster.representative, "similarity": member.verified}

    def __len__(self) -> int:
        return len(self.clusters)

    def __iter__(self) -> Any:
        return iter(self.clusters)

    @property
    def duplicates(self) -> int:
        """Documents that are in a cluster but not its representative."""
        return sum(len(c) - 1 for c in self.clusters)


@dataclass(frozen=True)
class Unit:
    """Documents with equal cleaned, folded words: the best-ranked one stands for the rest."""

    head: Fingerprint
    copies: tuple[Any, ...]  # ids of the exact copies, best rank first


def units(fingerprints: Iterable[Fingerprint]) -> list[Unit]:
    """Group exact copies (equal folded words, short documents included); best rank first."""
    groups: dict[str, list[Fingerprint]] = defaultdict(list)
    for fp in fingerprints:
        groups[fp.content].append(fp)
    return sorted((make_unit(g) for g in groups.values()), key=lambda u: u.head.rank)


def make_unit(group: Iterable[Fingerprint]) -> Unit:
    """One :class:`Unit` from fingerprints that share their content key."""
    ordered = sorted(group, key=lambda fp: fp.rank)
    return Unit(ordered[0], tuple(fp.id for fp in ordered[1:]))


def assign(heads: Mapping[Any, tuple[tuple[Any, ...], tuple[Any, ...]]], edges: Iterable[Edge]) -> list[Cluster]:
    """Clusters from verified edges between unit heads.

    *heads* maps each head id to ``(rank, exact copy ids)``; only heads with
    copies or edges matter. Heads are taken best rank first: an unassigned head
    starts a cluster and takes every unassigned head it has an edge to.
    """
    neighbours: dict[Any, list[Edge]] = defaultdict(list)
    for edge in edges:
        neighbours[edge.head].append(edge)
    taken: set[Any] = set()
    clusters: list[Cluster] = []
    for ident in sorted(heads, key=lambda h: heads[h][0]):
        if ident in taken:
            continue
        taken.add(ident)
        members = [Member(ident, 1.0, 1.0, False)] + [Member(c, 1.0, 1.0, True) for c in heads[ident][1]]
        for edge in sorted(neighbours.get(ident, ()), key=lambda e: e.other_rank):
            if edge.other not in taken:
                taken.add(edge.other)
                members.append(Member(edge.other, edge.estimated, edge.verified, False))
                # copies of a near duplicate are near duplicates of the representative too
                members.extend(Member(c, edge.estimated, edge.verified, False) for c in heads[edge.other][1])
        if len(members) > 1:
            clusters.append(Cluster(ident, tuple(members)))
    return clusters
