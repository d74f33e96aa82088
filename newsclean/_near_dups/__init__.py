"""Near-duplicate articles across a crawl: signatures, LSH banding, verification, clusters, explanations.

Layers: ``options`` -> ``signatures`` (clean, fold, shingle, MinHash) ->
``lsh`` (candidate pairs) -> ``verify`` (exact Jaccard) -> ``clusters``
(representatives, order-independent) -> ``search`` (``near_duplicates``);
``explain`` diffs a pair; ``index`` is the streaming form for crawlers.
Needs the ``dedup`` extra (datasketch), imported on first use.
"""

from newsclean._near_dups.clusters import Cluster, Member, NearDuplicates
from newsclean._near_dups.explain import PairDiff, explain_duplicate
from newsclean._near_dups.options import NearDuplicateOptions
from newsclean._near_dups.search import near_duplicates

__all__ = ["Cluster", "Member", "NearDuplicateOptions", "NearDuplicates", "PairDiff", "explain_duplicate",
           "near_duplicates"]
