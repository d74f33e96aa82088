"""near_duplicates: real bodies and the copies a crawl makes of them; what must and must not cluster."""

from __future__ import annotations

import sys
import unicodedata
from collections import defaultdict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import MissingExtraError, NearDuplicateOptions, near_duplicates
from newsclean._core.text import fold
from newsclean._near_dups import explain_duplicate
from newsclean._near_dups.lsh import band_keys, candidate_pairs, ordered_pair
from newsclean._near_dups.search import fingerprints
from newsclean._near_dups.signatures import datasketch, words
from tests._corpus import read_jsonl
from tests.near_dups_support import (
    aeb_stories,
    ascii_fied,
    mojibake,
    synthetic_corpus,
    updated,
    wire_copies,
    with_furniture,
)


def shape(result: newsclean.NearDuplicates) -> list[tuple[Any, tuple[Any, ...]]]:
    return [(c.representative, c.ids) for c in result.clusters]


def all_real_bodies() -> list[tuple[str, str]]:
    docs = [("aeb:" + r["id"], r["body"]) for r in read_jsonl("articles/aeb_bodies.jsonl")]
    docs += [("readability:" + r["id"], r["body"]) for r in read_jsonl("articles/readability_bodies.jsonl")]
    docs += [(r["id"], r["text"]) for r in read_jsonl("sites/articles.jsonl.gz")]
    return docs


def test_real_corpus_has_no_near_duplicates_at_the_default_threshold() -> None:
    """979 real bodies (COVID news from 19 sites, site templates, briefs): nothing clusters at 0.8."""
    docs = all_real_bodies()
    result = near_duplicates(docs)
    assert (len(docs), len(result), result.duplicates) == (979, 0, 0)


@pytest.mark.parametrize("variant", [with_furniture, ascii_fied, mojibake, updated], ids=lambda f: f.__name__)
def test_crawl_copies_of_real_stories_cluster_with_them(variant: Any) -> None:
    """Each real story clusters with its copy (other furniture, ASCII-fied, mojibake, updated), and only with it."""
    stories = aeb_stories()
    assert len(stories) == 6
    docs = stories + [(ident + "/copy", variant(body)) for ident, body in stories]
    result = near_duplicates(docs)
    assert sorted(sorted(c.ids) for c in result) == sorted(sorted([i, i + "/copy"]) for i, _ in stories)
    for cluster in result:
        copy = result.member(cluster.ids[1])
        assert copy is not None and copy.verified >= 0.8


def test_copies_that_fold_to_the_same_words_are_exact_and_the_typeset_one_represents_them() -> None:
    """An ASCII-fied copy folds to the typographic original's words: an exact member, and the original is chosen."""
    (ident, body), = aeb_stories(1)
    result = near_duplicates([("ascii", ascii_fied(body)), (ident, body)])
    assert [(m.id, m.verified, m.exact) for m in result.clusters[0].members] == [(ident, 1.0, False), ("ascii", 1.0, True)]


def test_wire_story_in_two_sites_clothing_clusters() -> None:
    """The same wire body under two sites' bylines, attributions and closing lines is one cluster."""
    (ident, body), = aeb_stories(1)
    site_a, site_b = wire_copies(body)
    result = near_duplicates([("site-a", site_a), ("site-b", site_b)])
    assert [sorted(c.ids) for c in result] == [["site-a", "site-b"]]
    assert result.clusters[0].members[1].verified >= 0.9


def test_politico_versions_are_explained_but_not_clustered_at_the_default() -> None:
    """politico.com's two versions share 10 paragraphs: Jaccard 0.646, clustered only at 0.6; the diff names them."""
    rows = {r["id"]: r["text"] for r in read_jsonl("sites/articles.jsonl.gz") if r["site"] == "politico.com"}
    full, part = rows["recovery-politico.com-6992358ea3dc"], rows["recovery-politico.com-4c8258d51f71"]
    docs = [("full", full), ("part", part)]
    assert len(near_duplicates(docs)) == 0
    # the pinned numbers are on the bodies as stored, so that filter changes elsewhere do not move them
    lowered = near_duplicates(docs, options=NearDuplicateOptions(threshold=0.6, pipeline=newsclean.Pipeline()))
    assert [(m.id, m.verified) for m in lowered.clusters[0].members] == [("full", 1.0), ("part", 0.646)]
    diff = explain_duplicate(full, part, pipeline=newsclean.Pipeline())
    assert (len(diff.shared), len(diff.only_a), len(diff.only_b), diff.similarity) == (10, 6, 0, 0.646)


def test_site_template_pair_is_not_clustered() -> None:
    """Two naturalnews.com articles sharing a 35-paragraph author and links block (Jaccard 0.637) stay apart."""
    rows = {r["id"]: r["text"] for r in read_jsonl("sites/articles.jsonl.gz") if r["site"] == "naturalnews.com"}
    pair = [("a", rows["recovery-naturalnews.com-80bb6a2f1c9a"]), ("b", rows["recovery-naturalnews.com-44cd34847e61"])]
    assert len(near_duplicates(pair)) == 0
    diff = explain_duplicate(pair[0][1], pair[1][1], pipeline=newsclean.Pipeline())  # as stored
    assert (len(diff.shared), len(diff.only_a), len(diff.only_b), diff.similarity) == (36, 5, 5, 0.637)


def test_chains_are_not_transitive() -> None:
    """A~B and B~C but not A~C: B joins A (the earliest), and C is left alone rather than chained in."""
    (_, body), = aeb_stories(1)
    paras = [p for p in body.split("\n") if p.strip()]
    extra = [f"Late paragraph {i} reports the regional figures from office number {i} in some detail." for i in range(3)]
    a = "\n".join(paras)
    b = "\n".join(paras[1:] + extra[:1])
    c = "\n".join(paras[2:] + extra[:2])
    result = near_duplicates([("a", a, "2020-01-01"), ("b", b, "2020-01-02"), ("c", c, "2020-01-03")], threshold=0.8)
    sims = {m.id: m.verified for c_ in result for m in c_.members}
    assert shape(result) == [("a", ("a", "b"))]
    assert sims["b"] >= 0.8
    assert newsclean.near_duplicates([("a", a), ("c", c)]).clusters == ()


def test_short_briefs_are_not_lumped_but_exact_copies_are_grouped() -> None:
    """Briefs under min_words that differ by a word stay apart; an exact (folded) copy of one is grouped."""
    briefs = [(f"b{i}", f"The city council met on {day} and approved the budget for the coming year.")
              for i, day in enumerate(["Monday", "Tuesday", "Wednesday", "Thursday"])]
    briefs.append(("b0-copy", "THE CITY COUNCIL met on Monday, and approved the budget for the coming year!"))
    result = near_duplicates(briefs, threshold=0.5)
    assert (shape(result), result.short) == ([("b0", ("b0", "b0-copy"))], 5)


def test_earliest_date_is_the_representative() -> None:
    """With dates, the earliest copy represents the cluster even when a later one is longer."""
    (ident, body), = aeb_stories(1)
    result = near_duplicates([("late", updated(body), "2020-05-02"), ("early", body, "2020-05-01")])
    assert shape(result) == [("early", ("early", "late"))]


def test_without_dates_the_longest_copy_is_the_representative() -> None:
    """Without dates, the updated (longer) version represents the cluster."""
    (ident, body), = aeb_stories(1)
    result = near_duplicates([("original", body), ("update", updated(body))])
    assert shape(result) == [("update", ("update", "original"))]


def test_explain_shows_the_update() -> None:
    """The diff of a story and its update lists the added paragraph and the changed last one, nothing else."""
    (ident, body), = aeb_stories(1)
    diff = explain_duplicate(body, updated(body))
    assert [p[:7] for p in diff.only_b] == ["Update:", diff.only_b[1][:7]]
    assert diff.only_b[1].endswith("This article has been updated with new figures.")
    assert len(diff.only_a) == 1 and len(diff.shared) == len(diff.ops) - 3
    assert str(diff).splitlines()[0].startswith(f"similarity {diff.similarity:.2f}: {len(diff.shared)} shared")


def test_lsh_bands_propose_the_same_pairs_as_datasketch_index() -> None:
    """The shuffle keys used on Dask bucket exactly like datasketch's MinHashLSH on the synthetic corpus."""
    options = NearDuplicateOptions(threshold=0.5)
    fps = fingerprints(synthetic_corpus(), options)
    bands, rows = options.bands()
    buckets: dict[Any, list[Any]] = defaultdict(list)
    for fp in fps:
        if fp.signature is not None:
            for key in band_keys(fp.signature, bands, rows):
                buckets[key].append(fp)
    by_keys = {(a.id, b.id) for bucket in buckets.values() for i, x in enumerate(bucket) for y in bucket[i + 1:]
               for a, b in [ordered_pair(x, y)]}
    by_index = {(a.id, b.id) for a, b in candidate_pairs(fps, options)}
    assert by_keys == by_index and len(by_index) >= 12


def test_synthetic_corpus_clusters() -> None:
    """Each synthetic story clusters with its upper-case copy and its update; briefs only with their exact copy."""
    result = near_duplicates(synthetic_corpus())
    stories = [(f"s{s}-update", (f"s{s}-update", f"s{s}", f"s{s}-copy")) for s in range(4)]
    assert shape(result) == stories + [("brief-1", ("brief-1", "brief-3"))]
    assert [m.exact for m in result.clusters[0].members] == [False, False, False]


@settings(max_examples=15)
@given(st.permutations(synthetic_corpus()))
def test_clusters_do_not_depend_on_input_order(docs: list[tuple[Any, str]]) -> None:
    """Any order of the same documents gives the same clusters, members and similarities."""
    assert near_duplicates(docs) == near_duplicates(synthetic_corpus())


@given(st.text(max_size=80))
def test_words_fold_each_word(text: str) -> None:
    """words() is fold() of each whitespace-separated word after NFD (accents split off), empty ones left out."""
    expected = [w for w in (fold(unicodedata.normalize("NFD", t)) for t in text.split()) if w]
    assert words(text) == expected


def test_repeated_id_is_an_error() -> None:
    """Two documents with one id raise ValueError naming the id."""
    with pytest.raises(ValueError, match="'a' occurs twice"):
        near_duplicates([("a", "x"), ("a", "y")])


def test_bad_item_is_a_type_error() -> None:
    """A bare string instead of an (id, text) pair raises TypeError saying what to pass."""
    with pytest.raises(TypeError, match=r"takes \(id, text\)"):
        near_duplicates(["just a text"])


def test_bad_option_is_a_configuration_error() -> None:
    """min_words=0 is refused when the options are made."""
    with pytest.raises(newsclean.ConfigurationError, match="min_words"):
        NearDuplicateOptions(min_words=0)


def test_missing_datasketch_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without datasketch, near_duplicates raises MissingExtraError naming the dedup extra."""
    datasketch.cache_clear()
    monkeypatch.setitem(sys.modules, "datasketch", None)
    try:
        with pytest.raises(MissingExtraError, match=r"newsclean\[dedup\]"):
            near_duplicates([("a", "text")])
    finally:
        datasketch.cache_clear()


def test_import_newsclean_imports_no_optional_dependency() -> None:
    """`import newsclean` in a fresh interpreter loads neither numpy nor datasketch."""
    import subprocess

    code = "import sys, newsclean; print(sorted(m for m in ('numpy', 'datasketch') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"
