"""The site_boilerplate filter: learned lines go with evidence; content that recurs legitimately stays."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean._profiles.rules import kind_of

AD_BLOCK = ["Make a Statement for Health Freedom!", "100% Pre-shrunk Cotton", "Sizes S to XXL"]


def _site(n: int = 10, *, extra: list[str] | None = None, every: int = 1) -> newsclean.SiteProfile:
    docs = []
    for i in range(n):
        lines = [f"Story {i} opens with its own first paragraph.", "References", f"Story {i} ends here."]
        if i % every == 0:
            lines += AD_BLOCK + (extra or [])
        docs.append("\n\n".join(lines))
    return newsclean.learn(docs, site="health.example")


def test_a_learned_block_goes_with_its_evidence() -> None:
    """A recurring block is removed; each change says site_boilerplate and in how many documents."""
    profile = _site()
    result = profile.explain("A new story.\n\n" + "\n\n".join(AD_BLOCK))
    assert result.text == "A new story."
    assert [(c.filter, c.rule, c.block) for c in result.changes] == [
        ("site_boilerplate", "site_boilerplate", line) for line in AD_BLOCK
    ]
    assert result.changes[0].reason == "in 10 of 10 documents of this site"
    assert result.changes[1].reason == "in 10 of 10 documents of this site, next to other boilerplate of the site"
    assert result.changes[0].data == {"site": "health.example", "documents": 10, "of": 10, "learned": AD_BLOCK[0]}
    assert result.replay() == result.text


def test_a_short_learned_line_alone_stays() -> None:
    """'References' and '100% Pre-shrunk Cotton' recur, but alone they may be the article's own heading or label."""
    profile = _site()
    text = "A new story.\n\nReferences\n\nA source.\n\n100% Pre-shrunk Cotton\n\nEnd."
    assert profile.clean(text) == text


def test_the_only_content_of_a_document_stays() -> None:
    """A document made only of learned lines is left whole."""
    profile = _site()
    text = "\n".join(AD_BLOCK)
    assert profile.clean(text) == text


def test_bylines_quotes_list_items_and_labels_stay_by_default() -> None:
    """Recurring bylines, quotes, list items and speaker labels are kept; remove_bylines=True removes bylines."""
    keepers = ["von Ernst Fleischmann", "“We will rebuild,” the mayor said again.", "- Valsartan (Diovan)",
               "Lisinopril (Prinivil, Zestril),", "Scott Pelley:", "NaturalNews.com", "jane@example.com"]  # fmt: skip
    docs = [f"Story {i} is unique.\n" + "\n".join(keepers) + f"\nEnd {i}." for i in range(6)]
    profile = newsclean.learn(docs)
    assert {line.text: line.keep for line in profile.lines} == {
        **dict.fromkeys(keepers, True), "Scott Pelley:": False  # a label: only removed inside a block
    }
    assert profile.clean(docs[0]) == docs[0]
    bylines = newsclean.learn(docs, remove_bylines=True)
    assert "von Ernst Fleischmann" not in bylines.clean(docs[0])


def test_a_long_paragraph_shared_by_few_documents_is_not_learned() -> None:
    """A 250-character paragraph in 3 of 20 documents is a repeated story, not furniture."""
    paragraph = "The council said " + "the budget would be reviewed again next year, " * 5 + "and it was."
    docs = [f"Story {i}." + (f"\n{paragraph}" if i < 3 else "") for i in range(20)]
    profile = newsclean.learn(docs)
    assert [(line.documents, line.keep) for line in profile.lines] == [(3, True)]
    assert profile.lines[0].why == (
        "in 3 of 20 documents of this site, but a long paragraph in few of them: a story told twice, not furniture"
    )
    assert profile.clean(docs[0]) == docs[0]


def test_a_rare_line_needs_to_read_like_furniture() -> None:
    """In 3 of 40 documents, a caption stays but 'Listen to our podcast...' goes."""
    caption = "Volunteers prepare bags of food at the foundation in Pacoima."
    promo = "For more on this story, listen to our daily podcast."
    docs = [f"Story {i}." + (f"\n{caption}\n\nBody {i}.\n\n{promo}" if i < 3 else "") for i in range(40)]
    profile = newsclean.learn(docs)
    assert {line.text: line.keep for line in profile.lines} == {caption: True, promo: False}
    assert profile.clean(docs[0]) == f"Story 0.\n{caption}\n\nBody 0."


def test_table_cells_and_list_items_are_never_removed() -> None:
    """Blocks of kind list item stay even when their text is a learned line."""
    profile = newsclean.learn([f"S{i}.\nOur series is a partnership of three universities" for i in range(5)])
    assert profile.clean("Story.\n- Our series is a partnership of three universities") == "Story.\n- Our series is a partnership of three universities"
    assert profile.clean("Story.\nOur series is a partnership of three universities") == "Story."


def test_line_kinds() -> None:
    """kind_of tells bylines, signatures, contacts, quotes, list items, labels and short lines apart."""
    assert [kind_of(t) for t in ["By Jane Doe", "Editor, Health Impact News", "Twitter: @JGrzelewski",
                                  "(Source: Reuters)", "„Wir schaffen das“, sagte sie.", "Reuters.com",
                                  "See Also:", "Getty Images", "Make a Statement for Health Freedom!"]] == [
        "byline", "byline", "byline", "byline", "quote", "list_item", "short", "short", "line"]  # fmt: skip


def test_the_filter_fits_any_pipeline_and_pickles() -> None:
    """SiteBoilerplateFilter(profile) goes in a custom pipeline, has a name field and survives pickling."""
    profile = _site()
    f = newsclean.SiteBoilerplateFilter(profile)
    assert f.name == "site_boilerplate"
    assert newsclean.SiteBoilerplateFilter(profile, name="site_two").name == "site_two"
    pipeline = newsclean.Pipeline(newsclean.PlaceholderFilter(), f)
    assert pipeline("Hi.\nAdvertisement\n" + "\n".join(AD_BLOCK)) == "Hi."
    assert pickle.loads(pickle.dumps(f)) == f
    assert newsclean.clean("Hi.\n" + "\n".join(AD_BLOCK), profile=profile) == "Hi."


def test_clean_takes_a_pipeline_or_a_profile_not_both() -> None:
    """clean(pipeline=..., profile=...) is a configuration error; a wrong profile type a TypeError."""
    with pytest.raises(newsclean.ConfigurationError, match="not both"):
        newsclean.clean("x", pipeline=newsclean.default_pipeline(), profile=_site())
    with pytest.raises(TypeError, match="needs a SiteProfile"):
        newsclean.clean("x", profile="slate.com")  # type: ignore[arg-type]


lines = st.sampled_from(AD_BLOCK + ["References", "Story one.", "Story two.", "", "Scott Pelley:", "- item"])


@settings(max_examples=80, deadline=None)
@given(st.lists(lines, max_size=10).map("\n".join))
def test_profile_cleaning_is_idempotent_and_replays(text: str) -> None:
    """profile.clean(profile.clean(x)) == profile.clean(x), and the changes replay to the output."""
    profile = _site()
    result = profile.explain(text)
    assert profile.clean(result.text) == result.text
    assert result.replay() == result.text
    assert bool(result.changes) == (result.text != text)
