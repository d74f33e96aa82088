"""SiteProfile and SiteProfiles: save/load round trips, hand edits, versions, merge rules, repr and HTML."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import newsclean

PROMO = "Our series is a partnership of three universities"
BYLINE = "By Jane Doe"


def _docs(n: int = 8) -> list[str]:
    return [f"Story {i} starts.\n{BYLINE}\n{PROMO}\nStory {i} ends." for i in range(n)]


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    """A saved profile loads equal to its compact form (the learned lines), and cleans the same."""
    profile = newsclean.learn(_docs(), site="uni.example")
    path = tmp_path / "p.json"
    profile.save(path)
    loaded = newsclean.SiteProfile.load(path)
    assert loaded == profile.compact() != profile
    assert len(profile.counts) == 18 and len(loaded.counts) == 2
    assert loaded.lines == profile.lines
    assert loaded.clean(_docs()[0]) == profile.clean(_docs()[0]) == f"Story 0 starts.\n{BYLINE}\nStory 0 ends."


def test_the_file_is_readable_json_with_counts_and_keep_switches(tmp_path: Path) -> None:
    """The file lists each line with its document count, a keep switch, its kind and why."""
    path = tmp_path / "p.json"
    newsclean.learn(_docs(), site="uni.example").save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["format"], data["version"], data["site"], data["documents"]) == ("newsclean-site-profile", 1, "uni.example", 8)
    assert [(x["text"], x["documents"], x["keep"], x["kind"]) for x in data["lines"]] == [
        (BYLINE, 8, True, "byline"),
        (PROMO, 8, False, "line"),
    ]
    assert data["lines"][1]["why"] == "in 8 of 8 documents of this site"


def test_a_hand_edited_keep_switch_is_honoured(tmp_path: Path) -> None:
    """Switching keep in the file keeps the promo and removes the byline, and the switch survives saving again."""
    path = tmp_path / "p.json"
    newsclean.learn(_docs(), site="uni.example").save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["lines"][0]["keep"], data["lines"][1]["keep"] = False, True
    path.write_text(json.dumps(data), encoding="utf-8")
    edited = newsclean.SiteProfile.load(path)
    assert edited.clean(_docs()[0]) == f"Story 0 starts.\n{PROMO}\nStory 0 ends."
    edited.save(path)
    assert newsclean.SiteProfile.load(path) == edited
    assert edited.lines[0].why.endswith("switched by hand to keep=False")


def test_with_keep_switches_one_line() -> None:
    """with_keep returns a copy with one line switched; an unknown line is a configuration error."""
    profile = newsclean.learn(_docs())
    assert profile.with_keep(PROMO, True).clean(_docs()[0]) == _docs()[0]
    with pytest.raises(newsclean.ConfigurationError, match="not a learned line"):
        profile.with_keep("Nothing like it", True)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "newsclean-site-profile", "version": 2, "site": "x", "documents": 1, "lines": []}',
         "profile format version 2, but this newsclean reads version 1"),
        ('{"format": "newsclean-site-profile", "site": "x"}', "profile format version None"),
        ('{"site": "x"}', "not a newsclean profile file"),
        ("not json", "invalid JSON"),
        ('{"format": "newsclean-site-profiles", "version": 1, "sites": []}', "read it with SiteProfiles.load"),
        ('{"format": "newsclean-site-profile", "version": 1, "site": "x", "documents": 3, "lines": [{"text": "a"}]}',
         "each line needs 'text'"),
        ('{"format": "newsclean-site-profile", "version": 1, "site": "x", "documents": 3, "options": {"min_docs": 2}}',
         "unknown learn option"),
    ],
    ids=["newer-version", "no-version", "no-format", "not-json", "wrong-kind", "bad-line", "bad-option"],
)  # fmt: skip
def test_loading_a_wrong_file_says_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    """A newer or older format version, or a file that is not a profile, raises a clear ConfigurationError."""
    path = tmp_path / "p.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(newsclean.ConfigurationError, match=message):
        newsclean.SiteProfile.load(path)


def test_site_profiles_save_and_load(tmp_path: Path) -> None:
    """SiteProfiles round-trip through one file; an unknown site cleans with the default pipeline."""
    pairs = [("a.com", d) for d in _docs()] + [("b.com", f"Report {i}.") for i in range(3)]
    profiles = newsclean.learn_sites(pairs)
    path = tmp_path / "profiles.json"
    profiles.save(path)
    loaded = newsclean.SiteProfiles.load(path)
    assert loaded == newsclean.SiteProfiles({site: p.compact() for site, p in profiles.items()})
    assert loaded.clean(_docs()[0], site="a.com") == f"Story 0 starts.\n{BYLINE}\nStory 0 ends."
    assert loaded.clean(_docs()[0], site="c.com") == _docs()[0]
    with pytest.raises(newsclean.ConfigurationError, match=r"read it with SiteProfiles.load\(\)"):
        newsclean.SiteProfile.load(path)
    newsclean.learn(_docs()).save(path)
    with pytest.raises(newsclean.ConfigurationError, match=r"read it with SiteProfile.load\(\)"):
        newsclean.SiteProfiles.load(path)


def test_merge_refuses_other_sites_and_other_options() -> None:
    """Merging two sites' profiles, or profiles learned with different options, is a configuration error."""
    a, b = newsclean.learn(_docs(), site="a.com"), newsclean.learn(_docs(), site="b.com")
    with pytest.raises(newsclean.ConfigurationError, match="two sites"):
        a.merge(b)
    with pytest.raises(newsclean.ConfigurationError, match="different options"):
        a.merge(newsclean.learn(_docs(), site="a.com", min_documents=4))
    with pytest.raises(TypeError, match="needs a SiteProfile"):
        a.merge("a.com")  # type: ignore[arg-type]


def test_repr_lists_lines_by_frequency() -> None:
    """The repr names the site, the counts, and each line with its decision, most frequent first."""
    docs = _docs() + [f"Other {i}.\nListen to our podcast for more" for i in range(4)]
    profile = newsclean.learn(docs, site="uni.example")
    assert repr(profile) == (
        "<SiteProfile uni.example: 12 documents, 3 recurring lines (2 removed, 0 only in blocks, 1 kept)\n"
        "      8/12    keep     'By Jane Doe'  (a byline, credit or contact line: metadata (remove_bylines=True removes it))\n"
        "      8/12    remove   'Our series is a partnership of three universities'\n"
        "      4/12    remove   'Listen to our podcast for more'>"
    )
    profiles = newsclean.learn_sites([("uni.example", d) for d in docs])
    assert repr(profiles) == (
        "<SiteProfiles 1 sites, 12 documents, 2 lines removed>\n"
        "  uni.example: 12 documents, 3 recurring lines (2 removed, 0 only in blocks, 1 kept)"
    )


def test_notebook_display_is_an_escaped_table() -> None:
    """_repr_html_ shows a table row per line with its share, escaping the text."""
    profile = newsclean.learn([f"S{i}.\n<b>Join us</b> for our weekly newsletter" for i in range(4)], site="x")
    html = profile._repr_html_()
    assert "&lt;b&gt;Join us&lt;/b&gt; for our weekly newsletter" in html
    assert "<td style='padding:2px 8px;text-align:left;vertical-align:top'>100%</td>" in html
    assert newsclean.learn_sites([("x", "S.")])._repr_html_().count("no recurring lines") == 1


def test_profiles_pickle() -> None:
    """Profiles pickle (Dask, multiprocessing) and compare equal after the trip."""
    profile = newsclean.learn(_docs(), site="a.com")
    clone = pickle.loads(pickle.dumps(profile))
    assert clone == profile and clone.lines == profile.lines
    profiles = newsclean.learn_sites([("a.com", d) for d in _docs()])
    assert pickle.loads(pickle.dumps(profiles)) == profiles
