"""Learning site profiles: counting, site keys, order independence and merge == learning at once."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean._profiles.learn import SiteLearner, line_keys

FURNITURE = [
    "Subscribe to our newsletter for the best of our coverage",
    "Sign up for our Park Life newsletter",
    "Sizes S to XXL",
    "“Support us” – Subscribe to the paper…",
    '"Support us" - Subscribe to the paper...',
]
STORY = ["Story {i} began on a calm morning in the city.", "Officials said item {i} would be reviewed.", "Q:", "* * *", "."]


def _doc(i: int, extras: list[str]) -> str:
    return "\n\n".join([STORY[0].format(i=i), *extras, STORY[1].format(i=i)])


def test_site_key_strips_scheme_www_port_and_case() -> None:
    """A URL becomes its host without www. and port, lowercased; a bare host stays itself."""
    assert newsclean.site_key("https://www.Slate.com:443/news/x.html?a=1") == "slate.com"
    assert newsclean.site_key("http://edition.cnn.com/") == "edition.cnn.com"
    assert newsclean.site_key("www.nytimes.com/2020/x") == "nytimes.com"
    assert newsclean.site_key("") == ""


def test_site_key_rejects_non_strings() -> None:
    """site_key(None) raises a TypeError saying what to pass."""
    with pytest.raises(TypeError, match="URL or host as str"):
        newsclean.site_key(None)  # type: ignore[arg-type]


def test_line_keys_fold_copies_and_skip_separators_and_long_lines() -> None:
    """ASCII-fied and typographic copies are one key, the better-set copy is shown; '.', '* * *' and long lines are not counted."""
    text = "“Support us” – now…\n\"Support us\" - now...\n.\n* * *\n" + "x" * 401
    assert line_keys(text, 400) == {"supportusnow": "“Support us” – now…"}


def test_a_line_counts_once_per_document() -> None:
    """A line printed twice in one document counts for one document."""
    profile = newsclean.learn(["Sign up today for news\nSign up today for news"] * 2 + ["Other"])
    assert profile.counts["signuptodayfornews"] == (2, "Sign up today for news")
    assert profile.documents == 3


def test_learn_rejects_a_single_string_and_bad_options() -> None:
    """learn('text') and unknown or out-of-range options raise clear errors."""
    with pytest.raises(TypeError, match="iterable of documents"):
        newsclean.learn("one text")
    with pytest.raises(TypeError, match="needs a str"):
        newsclean.learn([None])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="min_dokuments"):
        newsclean.learn([], min_dokuments=3)
    with pytest.raises(newsclean.ConfigurationError, match="min_documents must be 2 or more"):
        newsclean.learn([], min_documents=1)
    with pytest.raises(newsclean.ConfigurationError, match="min_share must be a share"):
        newsclean.learn([], min_share=5)


def test_learn_sites_groups_by_site_and_checks_pairs() -> None:
    """learn_sites gives one profile per site; a pair that is not (str, text) raises TypeError."""
    pairs = [("a.com", _doc(i, [FURNITURE[0]])) for i in range(4)] + [("b.com", _doc(i, [])) for i in range(3)]
    profiles = newsclean.learn_sites(pairs)
    assert list(profiles) == ["a.com", "b.com"]
    assert [line.text for line in profiles["a.com"].removed] == [FURNITURE[0]]
    assert profiles["b.com"].removed == ()
    with pytest.raises(TypeError, match=r"\(site, text\) pairs"):
        newsclean.learn_sites(["a.com"])  # type: ignore[list-item]


def test_the_learner_gives_the_same_profile_as_learn() -> None:
    """SiteLearner fed document by document equals learn() over the same documents."""
    docs = [_doc(i, [FURNITURE[i % 3]]) for i in range(9)]
    learner = SiteLearner("x.org")
    for doc in docs:
        learner.add(doc)
    assert learner.profile() == newsclean.learn(docs, site="x.org")
    assert learner.profile(compact=True) == learner.profile().compact()
    assert len(learner.profile(compact=True).counts) == 3 < len(learner.profile().counts)


documents = st.lists(
    st.lists(st.sampled_from(FURNITURE + [s.format(i=0) for s in STORY]), max_size=5).map("\n".join),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(documents, st.randoms(use_true_random=False))
def test_order_does_not_change_the_profile(docs: list[str], rnd: random.Random) -> None:
    """The same documents in any order give an equal profile, the same decisions and the same output."""
    shuffled = list(docs)
    rnd.shuffle(shuffled)
    a, b = newsclean.learn(docs), newsclean.learn(shuffled)
    assert a == b
    assert a.lines == b.lines
    assert [a.clean(d) for d in docs] == [b.clean(d) for d in docs]


@settings(max_examples=60, deadline=None)
@given(documents, st.integers(min_value=0, max_value=12), st.integers(min_value=0, max_value=12))
def test_merging_parts_equals_learning_at_once(docs: list[str], cut1: int, cut2: int) -> None:
    """Learning three parts and merging them (in any grouping) gives exactly the profile learned at once."""
    i, j = sorted((min(cut1, len(docs)), min(cut2, len(docs))))
    parts = [newsclean.learn(docs[:i]), newsclean.learn(docs[i:j]), newsclean.learn(docs[j:])]
    whole = newsclean.learn(docs)
    assert parts[0].merge(parts[1]).merge(parts[2]) == whole
    assert parts[2].merge(parts[0].merge(parts[1])) == whole
    assert parts[0].merge(parts[1]).merge(parts[2]).lines == whole.lines


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a.com", "b.com", "c.com"]), documents.map("\n\n".join)), max_size=15))
def test_merging_site_profiles_equals_learning_at_once(pairs: list[tuple[str, str]]) -> None:
    """SiteProfiles learned in two halves and merged equal SiteProfiles learned at once."""
    half = len(pairs) // 2
    merged = newsclean.learn_sites(pairs[:half]).merge(newsclean.learn_sites(pairs[half:]))
    assert merged == newsclean.learn_sites(pairs)
