"""Site profiles on the real sites/ corpus: what each site's profile removes, and that controls stay untouched.

The corpus is read from ../shared at test time (its German records have no
licence and are never copied into the project); the tests skip without it.
"""

from __future__ import annotations

from collections import Counter

import pytest

import newsclean
from tests._corpus import read_jsonl

# What the default options remove per site, read line by line (see docs/profiles.md for why each stays or goes).
# Counted with the site filter alone, so that changes to the other filters do not move these numbers.
REMOVED = {
    "dailynews.com": {"Sound The gallery will resume in seconds": 7},
    "canadafreepress.com": {"Subscribe to Canada Free Press for FREE": 13, "Please adhere to our commenting policy": 11},
    "healthimpactnews.com": {
        "Comment on this article at VaccineImpact.com": 5, "Leaving a lucrative career as a nephrologist": 5,
        "In this autobiography she explains why good doctors": 5, "One of the sane voices when it comes": 5,
        "Book – The Vaccine Court": 5, "Say NO to Mandatory Vaccines T-Shirt": 5, "100% Pre-shrunk Cotton": 5, "Order here!": 10,
        "Make a Statement for Health Freedom!": 5, "Big Pharma and government health authorities": 5,
        "Show your opposition to forced vaccinations": 5, "See Also:": 1, "See also:": 1,
    },
    "nytimes.com": {"This briefing is no longer updating.": 5},
    "rubikon.news": {"Hier können Sie das Buch bestellen": 5},
    "slate.com": {"Slate is making its essential coronavirus coverage free": 5, "Future Tense is a partnership of Slate": 5,
                  "For more on the impact of the coronavirus, listen to What Next.": 3},
}  # fmt: skip


@pytest.fixture(scope="module")
def corpus() -> tuple[list[dict[str, str]], newsclean.SiteProfiles]:
    rows = read_jsonl("sites/articles.jsonl.gz")
    return rows, newsclean.learn_sites((row["site"], row["text"]) for row in rows)


def _removed(rows: list[dict[str, str]], profiles: newsclean.SiteProfiles) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = {}
    for row in rows:
        for change in newsclean.SiteBoilerplateFilter(profiles[row["site"]]).apply(row["text"]).changes:
            found.setdefault(row["site"], Counter())[change.block.strip()] += 1
    return found


def test_each_site_loses_exactly_the_lines_read_as_boilerplate(corpus: tuple[list[dict[str, str]], newsclean.SiteProfiles]) -> None:
    """Per site, the removed lines (by their start) and how often: the nine controls and the byline sites lose nothing."""
    rows, profiles = corpus
    found = _removed(rows, profiles)
    by_start = {
        site: {start: sum(n for line, n in lines.items() if line.startswith(start)) for start in REMOVED.get(site, {})}
        for site, lines in found.items()
    }
    assert by_start == REMOVED
    assert sum(sum(c.values()) for c in found.values()) == sum(sum(d.values()) for d in REMOVED.values())


def test_content_that_recurs_is_kept(corpus: tuple[list[dict[str, str]], newsclean.SiteProfiles]) -> None:
    """Bylines, contact lines, source lists and a paragraph shared by live briefings are learned but kept."""
    _, profiles = corpus
    kept = {site: {line.text for line in p.lines if line.keep} for site, p in profiles.items()}
    assert kept["anonymousnews.ru"] == {"von Ernst Fleischmann", "von Günther Strauß", "von Lukas Steinwandter", "von Max Erdinger"}
    assert kept["detroitnews.com"] == {"jgrzelewski@detroitnews.com"}
    assert kept["naturalnews.com"] == {"NaturalNews.com", "DailyMail.co.uk"}
    assert kept["presstv.com"] == {"(Source: Reuters)", "PRESS TV, Gaza"}
    assert [line.documents for line in profiles["nytimes.com"].lines if line.keep] == [3]
    assert all(not profiles[site].lines for site in ("cbsnews.com", "politico.com", "worldhealth.net", "cnbc.com"))


def test_learning_in_two_halves_and_merging_gives_the_same_profiles(corpus: tuple[list[dict[str, str]], newsclean.SiteProfiles]) -> None:
    """Odd and even records learned apart and merged equal the profiles learned at once."""
    rows, profiles = corpus
    odd = newsclean.learn_sites((r["site"], r["text"]) for r in rows[1::2])
    even = newsclean.learn_sites((r["site"], r["text"]) for r in rows[::2])
    assert odd.merge(even) == profiles
