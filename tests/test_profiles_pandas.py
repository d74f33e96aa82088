"""Site profiles from pandas: Series.newsclean.learn() for one site or per site."""

from __future__ import annotations

import pytest

pd = pytest.importorskip("pandas", reason="pandas is not installed: pip install -e '.[pandas]'")

import newsclean  # noqa: E402
import newsclean.contrib.pandas  # noqa: E402,F401

PROMO = "Our series is a partnership of three universities"


def test_learn_one_site_skips_missing_values() -> None:
    """Without sites, the column is one site; None and NaN rows are left out of the count."""
    s = pd.Series([f"Story {i}.\n{PROMO}" for i in range(5)] + [None, float("nan")])
    profile = s.newsclean.learn()
    assert isinstance(profile, newsclean.SiteProfile)
    assert (profile.documents, [line.text for line in profile.removed]) == (5, [PROMO])


def test_learn_per_site_by_url_column() -> None:
    """With sites=df['url'], one profile per site key, matched on the index."""
    df = pd.DataFrame(
        {"url": [f"https://www.a.example/{i}" for i in range(4)] + ["https://b.example/1", None],
         "body": [f"A {i}.\n{PROMO}" for i in range(4)] + [f"B.\n{PROMO}", "No site."]},
        index=[10, 11, 12, 13, 14, 15],
    )  # fmt: skip
    profiles = df["body"].newsclean.learn(sites=df["url"], min_documents=2)
    assert list(profiles) == ["a.example", "b.example"]
    assert profiles["a.example"].documents == 4 and profiles["b.example"].documents == 1
    assert profiles.clean(f"New.\n{PROMO}", site="a.example") == "New."


def test_learn_rejects_a_string_for_sites() -> None:
    """sites='url' (a column name, not the column) raises a TypeError saying what to pass."""
    with pytest.raises(TypeError, match="needs a Series of URLs or hosts"):
        pd.Series(["x"]).newsclean.learn(sites="url")
