"""The embeds filter: duplicated tweets (and Instagram, Facebook, YouTube embeds) in every form, with real tweets."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean import Document, replay
from newsclean._filters.social import BARE_LINK, TWEET_LINK, is_attribution_line, parse_anchor
from newsclean._filters.embeds import Embed, EmbedFilter, find_embeds
from newsclean._core.text import fold
from tests._corpus import read_jsonl, real_bodies

EMBEDS = EmbedFilter()
ASCIIFY = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."})
FORMS = ("exact", "attribution_first", "attribution_between", "ascii", "split_link")
PLACES = {"adjacent_after": 3, "two_paragraphs_after": 5, "adjacent_before": 2, "two_paragraphs_before": 1}
PARAS = [
    "The council met on Tuesday evening to discuss the plan.",
    "Officials did not respond to a request for comment.",
    "The vote is expected next week, a spokesperson said.",
    "Critics say the measure goes too far.",
    "Supporters gathered outside the building on Thursday.",
]
# Real tweets, verbatim from ../shared/corpus/tweets/real_tweets.jsonl (see fixtures/golden/embeds/README.md),
# kept here so the properties run without the corpus.
EGELAND = (["An Israeli ground offensive on overcrowded Rafah in #Gaza would be a bloodbath. pic.twitter.com/XHsL2NdgLE"], "— Jan Egeland (@NRC_Egeland) February 8, 2024")
WITTKAMP = (
    ["Nach der Mitgliedervereinigung „Juden in der AfD“ freue ich mich schon sehr auf „Kommunisten in der FDP“, „Walfänger bei den Grünen“ und „Hochbegabte in der NPD“."],
    "— Peter Wittkamp🐬 (@diktator) 25. September 2018",
)
CAMPOS = (
    ["Súper HAPPY to be developing for #Hololens from my #Mac in a #virtualmachine for #parallelsdesktop I love it!!! pic.twitter.com/3FjG3V72Ad"],
    "— Javier Campos (@x_campos) 16 мая 2018 г.",
)
SEVEN_LINES = (
    ["Wie lustig #Palmer meets Deutschlandhut wäre.", "„Höahn Sie auf mich zu filmen! Sie begehn einö Strofdohd!“", "„HÖAHN SIE AUF!“", "„ICH DARF DAS!“"],
    "— Feine Helene Fischerfilet (@C_Holler) 26. November 2018",
)


def tweets() -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in read_jsonl("tweets/real_tweets.jsonl")}


def unit(lines: list[str], attribution: str, form: str = "exact", line_sep: str = "\n", sep: str = "\n\n") -> str | None:
    """One tweet block in a duplicate form, or None when the form does not apply to this tweet."""
    if form == "ascii":
        lines = [line.translate(ASCIIFY) for line in lines]
        attribution = attribution.translate(ASCIIFY).replace("- ", "-- ", 1)
    if form == "split_link":
        links = list(TWEET_LINK.finditer(lines[-1]))
        if not links or not lines[-1][: links[-1].start()].strip():
            return None
        cut = links[-1].start()
        lines = [*lines[:-1], lines[-1][:cut].rstrip(), lines[-1][cut:]]
    if form == "attribution_first":
        return attribution + sep + line_sep.join(lines)
    if form == "attribution_between":
        return None if len(lines) < 2 else lines[0] + sep + attribution + sep + line_sep.join(lines[1:])
    return line_sep.join(lines) + sep + attribution


def with_copy(lines: list[str], attribution: str, form: str, place: str, line_sep: str = "\n", sep: str = "\n\n") -> tuple[str, str] | None:
    """(text with a duplicate, the text without it); tweet at paragraph 2, the copy at PLACES[place]."""
    original = unit(lines, attribution, "exact", line_sep, sep)
    copy = unit(lines, attribution, form, line_sep, sep)
    if copy is None or original is None:
        return None
    base = [PARAS[0], PARAS[1], original, *PARAS[2:]]
    at = PLACES[place]
    return sep.join([*base[:at], copy, *base[at:]]), sep.join(base)


# -- recognising anchor lines ----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("— Jan Egeland (@NRC_Egeland) February 8, 2024", True, id="em-dash-english-date"),
        pytest.param("– Jan Egeland (@NRC_Egeland) February 8, 2024", True, id="en-dash"),
        pytest.param("- Jan Egeland (@NRC_Egeland) February 8, 2024", True, id="hyphen"),
        pytest.param("-- Jan Egeland (@NRC_Egeland) February 8, 2024", True, id="double-hyphen"),
        pytest.param("— Peter Wittkamp🐬 (@diktator) 25. September 2018", True, id="german-date"),
        pytest.param("— Javier Campos (@x_campos) 16 мая 2018 г.", True, id="russian-date"),
        pytest.param("— Sebastin Rothe (@port_noy)", True, id="no-date"),
        pytest.param("—Jan Egeland (@NRC_Egeland), February 8, 2024", True, id="no-space-comma"),
        pytest.param("Jan Egeland (@NRC_Egeland) February 8, 2024", False, id="no-dash"),
        pytest.param("Jan Egeland said so on February 8.", False, id="prose"),
        pytest.param("— Jan Egeland (@NRC_Egeland) said on Thursday that the offensive would be a bloodbath for civilians.", False, id="dash-then-sentence"),
    ],
)
def test_attribution_line(line: str, expected: bool) -> None:
    """Attribution lines are recognised with any dash and date language, and prose is not."""
    assert is_attribution_line(line) is expected


def test_every_corpus_attribution_is_a_tweet_anchor() -> None:
    """All 65 real attribution lines parse as tweet anchors with the handle they carry."""
    for row in tweets().values():
        anchor = parse_anchor(row["attribution"])
        assert anchor is not None and anchor.kind == "tweet", row["attribution"]
        assert f"(@{anchor.handle})" in row["attribution"]


@pytest.mark.parametrize(
    ("line", "kind", "handle", "date"),
    [
        pytest.param("A post shared by NASA (@nasa) on Mar 5, 2020 at 10:15am PST", "instagram", "nasa", "Mar 5, 2020 at 10:15am PST", id="instagram-en"),
        pytest.param("Ein Beitrag geteilt von Hafen Hamburg (@hafen.hamburg) am 5. Mär 2020 um 6:15 PST", "instagram", "hafen.hamburg", "5. Mär 2020 um 6:15 PST", id="instagram-de"),
        pytest.param("A post shared by Hamburg Port (@hamburgport)", "instagram", "hamburgport", None, id="instagram-no-date"),
        pytest.param("Posted by Hamburg Port Authority on Thursday, March 5, 2020", "facebook", None, "Thursday, March 5, 2020", id="facebook-en"),
        pytest.param("Gepostet von Hafen Hamburg am Donnerstag, 5. März 2020", "facebook", None, "Donnerstag, 5. März 2020", id="facebook-de"),
        pytest.param("Harbour ferry opening ceremony - YouTube", "youtube", None, None, id="youtube-title"),
        pytest.param("Watch: https://youtu.be/dQw4w9WgXcQ", "youtube", None, None, id="youtube-link"),
    ],
)
def test_other_embed_anchors(line: str, kind: str, handle: str | None, date: str | None) -> None:
    """Instagram, Facebook and YouTube fallback lines parse as anchors of their kind."""
    anchor = parse_anchor(line)
    assert anchor is not None
    assert (anchor.kind, anchor.handle, anchor.date) == (kind, handle, date)


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("Posted by admin on March 5, 2020", id="blog-byline-no-weekday"),
        pytest.param("Follow the council (@hamburg_council) for updates.", id="handle-in-prose"),
        pytest.param("Watch on YouTube", id="youtube-button"),
        pytest.param("x" * 400 + " — A (@b) May 1, 2020", id="long-line"),
    ],
)
def test_not_an_anchor(line: str) -> None:
    """Bylines, handles in prose, buttons and long lines are not embed anchors."""
    assert parse_anchor(line) is None


def test_bare_link_line() -> None:
    """A line of nothing but tweet links (glued ones too) is a split-off link; text with a link is not."""
    assert BARE_LINK.match("https://t.co/F8by2FQAOapic.twitter.com/Rikoq31Xnq")
    assert BARE_LINK.match("https://t.co/a pic.twitter.com/b")
    assert not BARE_LINK.match("Rafah pic.twitter.com/XHsL2NdgLE")
    assert not BARE_LINK.match("t.co/" * 5000 + " x")  # and it returns at once


# -- each duplicate form, real tweets, three languages and more --------------------------

LANGUAGE_TWEETS = {"en": EGELAND, "de": WITTKAMP, "ru-date": CAMPOS, "de-multiline": SEVEN_LINES}


def _form_cases() -> list[Any]:
    cases = []
    for language, (lines, attribution) in LANGUAGE_TWEETS.items():
        for form in FORMS:
            for place in PLACES:
                made = with_copy(lines, attribution, form, place)
                # an identical copy before the original keeps itself (identical copies keep the first)
                if made is not None and not (form == "exact" and place.endswith("before")):
                    cases.append(pytest.param(*made, id=f"{language}-{form}-{place}"))
    return cases


@pytest.mark.parametrize(("text", "expected"), _form_cases())
def test_duplicate_form_is_removed(text: str, expected: str) -> None:
    """Each duplicate form, next to the tweet or two paragraphs away, before or after, goes; the original stays."""
    result = EMBEDS.apply(text)
    assert result.text == expected
    assert {c.rule for c in result.changes} == {"duplicate_tweet"}
    assert replay(text, result.changes) == expected


@pytest.mark.parametrize("layout", ["aeb", "blank_lines", "single_lines"])
def test_all_corpus_tweets_in_every_form(layout: str) -> None:
    """Every real tweet of the corpus, in every form and place, cleans back (short link-less ones only when unambiguous)."""
    line_sep, sep = {"aeb": ("\n", "\n\n"), "blank_lines": ("\n\n", "\n\n"), "single_lines": ("\n", "\n")}[layout]
    failures = []
    for tweet_id, row in tweets().items():
        short = len(fold("".join(row["text_lines"]))) < 48 and not TWEET_LINK.search("".join(row["text_lines"]))
        for form in FORMS:
            for place in PLACES:
                if form == "exact" and place.endswith("before"):
                    continue
                made = with_copy(row["text_lines"], row["attribution"], form, place, line_sep, sep)
                if made is None:
                    continue
                text, expected = made
                # next to the original, the copy's text runs from anchor to anchor: unambiguous
                distant = place.startswith("two_paragraphs") or form == "attribution_first"
                if short and layout == "single_lines" and distant:
                    expected = text  # documented limit: see test_short_tweet_far_apart_without_blank_lines_is_kept
                if EMBEDS(text) != expected:
                    failures.append((tweet_id, form, place))
    assert failures == []


def test_short_tweet_far_apart_without_blank_lines_is_kept() -> None:
    """A short, link-less tweet repeated away from itself in a text without blank lines stays twice (when unsure, keep)."""
    made = with_copy(["Club statement"], "— Tottenham Hotspur (@SpursOfficial) November 20, 2019", "exact", "two_paragraphs_after", "\n", "\n")
    assert made is not None
    assert EMBEDS(made[0]) == made[0]
    made = with_copy(["Club statement"], "— Tottenham Hotspur (@SpursOfficial) November 20, 2019", "exact", "two_paragraphs_after")
    assert made is not None
    assert EMBEDS(made[0]) == made[1]  # with blank lines around it, it is a post of its own


def test_ascii_copy_first_keeps_the_typographic_one_and_explains() -> None:
    """An ASCII copy before the original goes; the record names the kept copy, handle, kind and form."""
    lines, attribution = WITTKAMP
    made = with_copy(lines, attribution, "ascii", "two_paragraphs_before")
    assert made is not None
    result = EMBEDS.apply(made[0])
    assert result.text == made[1]
    assert [c.line for c in result.changes] == [3, 5]
    first = result.changes[0]
    assert first.rule == "duplicate_tweet"
    assert dict(first.data) == {"embed": "tweet", "handle": "diktator", "duplicate_of_line": 9, "kept_lines": [9, 11], "form": ["ascii"]}
    assert first.reason == "another copy of the tweet by @diktator kept at lines 9-11; the kept copy has typographic punctuation"


def test_scrambled_copy_first_keeps_the_proper_one() -> None:
    """A copy with its attribution line first goes even when it comes first; the record says why."""
    made = with_copy(*EGELAND, "attribution_first", "adjacent_before")
    assert made is not None
    result = EMBEDS.apply(made[0])
    assert result.text == made[1]
    assert result.changes[0].data["form"] == ["reordered"]
    assert "its text before its attribution" in result.changes[0].reason


def test_three_copies_keep_the_best() -> None:
    """Of three copies (ASCII, scrambled, typographic) only the typographic one in order stays."""
    lines, attribution = EGELAND
    copies = [unit(lines, attribution, "ascii"), unit(lines, attribution, "attribution_first"), unit(lines, attribution)]
    text = "\n\n".join([PARAS[0], copies[0] or "", PARAS[1], copies[1] or "", PARAS[2], copies[2] or "", PARAS[3]])
    assert EMBEDS(text) == "\n\n".join([PARAS[0], PARAS[1], PARAS[2], copies[2] or "", PARAS[3]])


def test_stars_line_goes_with_its_copy() -> None:
    """A first line that folds to nothing (⭐️⭐️⭐️⭐️) goes with the copy when the kept copy has it too."""
    lines = ["⭐️⭐️⭐️⭐️", "Highlights from our 4-1 win at Villa Park ⬇️ pic.twitter.com/BUPgYtgHaY"]
    for form in ("exact", "attribution_between"):
        made = with_copy(lines, "— West Ham United (@WestHam) October 31, 2021", form, "two_paragraphs_after", "\n\n")
        assert made is not None
        assert EMBEDS(made[0]) == made[1]


# -- same account, same day -------------------------------------------------------------


@pytest.mark.parametrize(("line_sep", "sep"), [("\n", "\n\n"), ("\n\n", "\n\n"), ("\n", "\n")], ids=["aeb", "blank_lines", "single_lines"])
def test_same_account_same_day_tweets_are_all_kept(line_sep: str, sep: str) -> None:
    """Different tweets with one attribution line (a thread ending in つづく, two Senate tweets) all stay."""
    rows = tweets()
    for handle in ("keizi666", "NGRSenate", "oncescuradu"):
        same = [r for r in rows.values() if f"(@{handle})" in r["attribution"]]
        text = sep.join([PARAS[0], *(line_sep.join(r["text_lines"]) + sep + r["attribution"] for r in same), PARAS[1]])
        assert EMBEDS.apply(text).changes == (), handle


def test_same_account_same_day_with_a_real_duplicate() -> None:
    """Among three same-day tweets of one account, only the duplicate of the second goes."""
    same = [r for r in tweets().values() if "(@keizi666)" in r["attribution"]]
    blocks = ["\n".join(r["text_lines"]) + "\n\n" + r["attribution"] for r in same]
    expected = "\n\n".join([PARAS[0], *blocks, PARAS[1], PARAS[2]])
    text = "\n\n".join([PARAS[0], *blocks, PARAS[1], blocks[1], PARAS[2]])
    assert EMBEDS(text) == expected


# -- real bodies ----------------------------------------------------------------------------


def _tweet_spans(body: str) -> list[tuple[int, int, int, int]]:
    """(start, end, first block, attribution block) of each corpus tweet printed in a real body."""
    blocks = Document.from_text(body).blocks
    keys = {fold(r["attribution"]): fold("".join(r["text_lines"])) for r in tweets().values()}
    spans = []
    for a, block in enumerate(blocks):
        target = keys.get(fold(block.text)) if is_attribution_line(block.text) else None
        for k in range(1, 10):
            if target is None or a - k < 0:
                break
            if fold("".join(b.text for b in blocks[a - k : a])) == target:
                spans.append((blocks[a - k].start, block.end, a - k, a))
                break
    return spans


def _body_cases() -> list[Any]:
    cases = []
    for row in read_jsonl("articles/aeb_bodies.jsonl"):
        body = row["body"]
        blocks = Document.from_text(body).blocks
        paragraph_starts = [k for k in range(1, len(blocks)) if "\n\n" in body[blocks[k - 1].end : blocks[k].start]]
        for start, end, first, a in _tweet_spans(body):
            lines, attribution = [b.text for b in blocks[first:a]], blocks[a].text
            after = [blocks[k - 1].end for k in paragraph_starts if k - 1 > a]
            before = [blocks[k].start for k in paragraph_starts if k < first]
            places = {"adjacent_after": end, "two_paragraphs_after": after[1] if len(after) > 1 else None,
                      "adjacent_before": start, "two_paragraphs_before": before[-2] if len(before) > 1 else None}
            for form in FORMS:
                copy = body[start:end] if form == "exact" else unit(lines, attribution, form)
                if form == "ascii" and copy == body[start:end]:
                    copy = body[start:end].replace("— ", "-- ", 1)
                for place, pos in places.items():
                    if copy is None or pos is None or (form == "exact" and place.endswith("before")):
                        continue
                    text = body[:pos] + copy + "\n\n" + body[pos:] if pos <= start else body[:pos] + "\n\n" + copy + body[pos:]
                    label = f"{row['id'][:12]}-block{first}-{form}-{place}"
                    cases.append(pytest.param(text, body, id=label))
    return cases


def test_real_bodies_pass_through_unchanged() -> None:
    """All 235 real article bodies come out of the embeds filter byte-identical."""
    changed = [key for key, body in real_bodies() if EMBEDS(body) != body]
    assert changed == []


def test_real_body_cases_exist() -> None:
    """The real-body cases cover several bodies, every form and every place."""
    ids = [p.id for p in _body_cases()]
    assert len({i[:12] for i in ids}) >= 8 and len(ids) >= 200
    assert all(any(f"-{form}-" in i for i in ids) for form in FORMS)


@pytest.mark.parametrize(("text", "body"), _body_cases())
def test_real_body_with_duplicated_tweet_cleans_back(text: str, body: str) -> None:
    """A real body with one of its tweets duplicated cleans back to the body, by the filter alone and by clean()."""
    assert EMBEDS(text) == body
    assert newsclean.clean(text) == body


# -- listing embeds -------------------------------------------------------------------------


def test_find_embeds_on_a_real_body() -> None:
    """find_embeds lists the two tweets of the vox.com body with handle, date, link and lines."""
    (row,) = [r for r in read_jsonl("articles/aeb_bodies.jsonl") if r["id"].startswith("16c30add7e96")]
    found = find_embeds(row["body"])
    assert [(e.kind, e.handle, e.date, e.link) for e in found] == [
        ("tweet", "ArvindKejriwal", "November 1, 2019", "pic.twitter.com/MYwRz9euaq"),
        ("tweet", "joshapte", "November 3, 2019", "pic.twitter.com/fCX2Ptc7YN"),
    ]
    assert (found[0].first_line, found[0].last_line, found[0].anchor_line) == (5, 9, 9)
    assert found[0].text.count("\n") == 2 and found[0].text.startswith("Delhi has turned into a gas chamber")


def test_result_embeds_lists_the_kept_copy() -> None:
    """find_embeds(explain(...).text) lists each embed of the cleaned text once, as a JSON-ready row."""
    made = with_copy(*WITTKAMP, "ascii", "adjacent_after")
    assert made is not None
    embeds = newsclean.find_embeds(newsclean.explain(made[0]).text)
    assert [e.to_dict()["handle"] for e in embeds] == ["diktator"]
    assert embeds[0] == Embed(
        kind="tweet", handle="diktator", name="Peter Wittkamp🐬", date="25. September 2018", link=None,
        text=WITTKAMP[0][0], anchor=WITTKAMP[1], first_line=5, last_line=7, anchor_line=7,
    )


def test_find_embeds_other_kinds() -> None:
    """Instagram, Facebook and YouTube embeds are listed with their kind; a text without markers has none."""
    text = "Intro.\n\nCaption\n\nA post shared by NASA (@nasa) on Mar 5, 2020\n\nNews\n\nPosted by City on Monday, March 2, 2020\n\nFerry - YouTube"
    assert [(e.kind, e.handle) for e in find_embeds(text)] == [("instagram", "nasa"), ("facebook", None), ("youtube", None)]
    assert find_embeds("No embeds here.") == []


# -- the filter as an object ------------------------------------------------------------------


def test_filter_object() -> None:
    """The filter is named, frozen, comparable, picklable, and rejects non-str input clearly."""
    assert EmbedFilter.name == "embeds" and EmbedFilter() == EmbedFilter() and repr(EmbedFilter()) == "EmbedFilter(name='embeds')"
    assert pickle.loads(pickle.dumps(EMBEDS)) == EMBEDS
    with pytest.raises(TypeError, match="needs a str"):
        EMBEDS(None)  # type: ignore[arg-type]


def test_many_copies_stay_linear() -> None:
    """A thousand copies of one tweet collapse to one (the search is per anchor, not all pairs)."""
    block = unit(*EGELAND) or ""
    text = "\n\n".join(p for i in range(1000) for p in (f"Paragraph number {i} of the live blog.", block))
    out = EMBEDS(text)
    assert out.count("Jan Egeland") == 1 and out.count("Paragraph number") == 1000


# -- properties -------------------------------------------------------------------------------


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Paragraphs, real tweets in any duplicate form, and arbitrary short text."""
    parts = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["paragraph", "tweet", "text"]))
        if kind == "paragraph":
            parts.append(draw(st.sampled_from(PARAS)))
        elif kind == "text":
            parts.append(draw(st.text(max_size=30)))
        else:
            lines, attribution = draw(st.sampled_from(list(LANGUAGE_TWEETS.values())))
            made = unit(lines, attribution, draw(st.sampled_from(FORMS)), draw(st.sampled_from(["\n", "\n\n"])), draw(st.sampled_from(["\n", "\n\n"])))
            parts.append(made or "")
    return draw(st.sampled_from(["\n", "\n\n", "\r\n"])).join(parts)


@given(documents())
def test_properties_on_tweet_documents(text: str) -> None:
    """Idempotent, replays, records exactly when changed, and every removed block's content is kept."""
    result = EMBEDS.apply(text)
    assert EMBEDS(result.text) == result.text
    assert replay(text, result.changes) == result.text
    assert bool(result.changes) == (result.text != text)
    kept = fold(result.text)
    assert all(fold(c.block) in kept for c in result.changes)
    paragraphs = [p for p in PARAS if text.count(p) == 1]
    assert all(p in result.text for p in paragraphs)  # a paragraph that is nobody's copy stays


@given(st.text())
def test_any_str(text: str) -> None:
    """Any str goes through without an exception, and the records replay."""
    result = EMBEDS.apply(text)
    assert replay(text, result.changes) == result.text


def test_html_tweet_blockquote_twice() -> None:
    """On HTML, the second twitter-tweet blockquote's text and attribution go; the first stays."""
    from newsclean._html.clean import explain_html

    quote = (
        '<blockquote class="twitter-tweet"><p lang="en">An Israeli ground offensive on overcrowded Rafah in #Gaza would be'
        ' a bloodbath. <a href="https://t.co/XHsL2NdgLE">pic.twitter.com/XHsL2NdgLE</a></p>&mdash; Jan Egeland'
        ' (@NRC_Egeland) <a href="https://twitter.com/x">February 8, 2024</a></blockquote>'
    )
    html = f"<article><p>Aid groups warned.</p>{quote}<p>The army did not comment.</p>{quote}<p>Talks resume.</p></article>"
    result = explain_html(html)
    assert [(c.rule, c.block[:13]) for c in result.changes] == [("duplicate_tweet", "An Israeli gr"), ("duplicate_tweet", "— Jan Egeland")]
    assert result.text.count("Jan Egeland") == 1


# Issue 23, item 2: a line that folds to nothing next to a duplicated tweet matched
# nothing in the kept copy, but went with the removed copy.
RAIN = ("Rain warning for the whole coast tonight.", "— Met Office (@metoffice) May 1, 2024")


def test_separator_inside_a_removed_copy_stays() -> None:
    """The issue's reproduction: `* * *` between a copy's text and its attribution is kept."""
    text = "\n".join([*RAIN, "The council met.", RAIN[0], "* * *", RAIN[1]])
    assert newsclean.clean(text) == "\n".join([*RAIN, "The council met.", "* * *"])


@pytest.mark.parametrize("mark", ["* * *", "___", "•", "—", "⬇️⬇️⬇️", "🇺🇦", "\u200b", "\u200b\u200d", "· · ·"])
@pytest.mark.parametrize("where", ["between", "before"])
def test_lines_that_fold_to_nothing_are_never_lost(mark: str, where: str) -> None:
    """A punctuation, emoji or zero-width line next to a duplicated tweet survives as often as it was printed."""
    dup = [RAIN[0], mark, RAIN[1]] if where == "between" else [mark, *RAIN]
    text = "\n".join([*RAIN, "The council met.", *dup, "The mayor spoke."])
    result = newsclean.explain(text)
    assert [b.text for b in Document.from_text(result.text).blocks].count(mark) == 1
    assert result.text.count(RAIN[1]) == 1
    assert result.replay() == result.text


def test_mark_printed_by_both_copies_goes_with_the_copy() -> None:
    """The same mark in both copies still goes with the removed copy (it is part of the embed)."""
    tweet = [*EGELAND[0], EGELAND[1]]
    text = "\n".join(["⭐️⭐️⭐️", *tweet, "The council met.", "⭐️⭐️⭐️", *tweet])
    assert EMBEDS(text) == "\n".join(["⭐️⭐️⭐️", *tweet, "The council met."])


# -- issue 24: a tweet of several lines is one unit in any order -----------------------


def test_multi_line_tweets_in_every_order_leave_no_fragment() -> None:
    """Each real tweet of 2-3 text lines, copied with its lines in every order, goes whole (`Senate resolves to:` too).

    Lines that fold to nothing (``⭐️⭐️⭐️⭐️``) are left out: such a line moved to after
    the attribution stays, as any line that may not belong to the embed does.
    """
    import itertools

    rows = [r for r in tweets().values() if 2 <= len(r["text_lines"]) <= 3 and all(map(fold, r["text_lines"]))]
    assert len(rows) >= 15
    checked = 0
    for row in rows:
        unit_lines = [*row["text_lines"], row["attribution"]]
        for perm in itertools.permutations(unit_lines):
            for sep in ("\n", "\n\n"):
                text = sep.join([PARAS[0], *unit_lines, PARAS[1], *perm, PARAS[2]])
                assert EMBEDS(text) == sep.join([PARAS[0], *unit_lines, PARAS[1], PARAS[2]]), perm
                checked += 1
    assert checked >= 400


def test_senate_tweet_reordered_copy_goes_whole() -> None:
    """The issue's case: the copy with its lines moved leaves no `Senate resolves to:` behind."""
    lines = ["Senate resolves to:", "Observe a minute silence in honour of the departed souls.", "— The Nigerian Senate (@NGRSenate) October 9, 2018"]
    text = "\n".join([PARAS[0], *lines, PARAS[1], lines[1], lines[0], lines[2], PARAS[2]])
    assert newsclean.clean(text) == "\n".join([PARAS[0], *lines, PARAS[1], PARAS[2]])


# -- issue 24: flattened bodies -----------------------------------------------------------


def _flat_cases() -> list[tuple[str, str, str]]:
    """(id, flattened body with a real tweet whose text is printed again after its attribution, expected)."""
    bodies = [row["body"] for row in read_jsonl("articles/aeb_bodies.jsonl")][:65]
    cases = []
    for n, row in enumerate(sorted(tweets().values(), key=lambda r: r["id"])):
        text = " ".join(row["text_lines"])
        link = TWEET_LINK.search(text)
        again = text[: link.start()].rstrip() if link and link.end() == len(text) else text
        if not 40 <= len(again) <= 320 or len(TWEET_LINK.findall(text)) > 1 or ("pic." in text and "t.co" in text):
            continue  # a copy of a handful of words to a tweet's length, with at most one link at its end
        paras = [p for p in bodies[n % len(bodies)].split("\n") if p.strip()]
        before, after = " ".join(paras[:2]), " ".join(paras[2:5]) or "The story goes on."
        expected = f"{before} {text}{row['attribution']} {after}"
        flat = f"{before} {text}{row['attribution']} {again} {after}"
        cases.append((row["id"][:50], flat, expected))
    return cases


def test_flattened_body_loses_the_inline_tweet_copy_only() -> None:
    """A real body on one line with a real tweet printed again after its attribution loses that copy, nothing else."""
    cases = _flat_cases()
    assert len(cases) >= 30
    for ident, flat, expected in cases:
        result = newsclean.explain(flat)
        assert result.text == expected, ident
        assert [c.rule for c in result.changes if c.filter == "embeds"] == ["inline_duplicate_tweet"]
        assert result.replay() == result.text and newsclean.clean(result.text) == result.text


def test_flattened_real_bodies_without_a_copy_are_unchanged() -> None:
    """Every real body joined into one line, with a tweet in it once, passes the embeds filter unchanged."""
    rows = sorted(tweets().values(), key=lambda r: r["id"])
    for n, body in enumerate(row["body"] for row in read_jsonl("articles/aeb_bodies.jsonl")):
        row = rows[n % len(rows)]
        flat = " ".join(body.split()) + " " + " ".join(row["text_lines"]) + row["attribution"] + " The story goes on."
        assert EMBEDS(flat) == flat


@pytest.mark.parametrize("form", FORMS)
def test_copy_blocks_with_the_callers_anchors_and_keys_is_the_same(form: str) -> None:
    """copy_blocks given the blocks' anchors and compare keys (as the double-post filter passes them) finds the same copies."""
    from newsclean._core.text import compare_key
    from newsclean._filters.embed_copies import copy_blocks
    from newsclean._filters.social import find_anchors

    tweet = ["Rafah would be a bloodbath. pic.twitter.com/XHsL2NdgLE", "— Jan Egeland (@NRC_Egeland) February 8, 2024"]
    copy = {
        "exact": tweet,
        "attribution_first": tweet[::-1],
        "attribution_between": tweet[::-1],
        "ascii": [line.translate(ASCIIFY) for line in tweet],
        "split_link": ["Rafah would be a bloodbath.", "pic.twitter.com/XHsL2NdgLE", tweet[1]],
    }[form]
    doc = Document.from_text("\n".join([PARAS[0], *tweet, PARAS[1], *copy, PARAS[2]]))
    texts = [b.text for b in doc.blocks]
    found = copy_blocks(doc, anchors=find_anchors(texts), keys=[compare_key(t) for t in texts])
    assert found == copy_blocks(doc)
    assert found == set(range(len(tweet) + 2, len(tweet) + 2 + len(copy)))


# -- the double-post filter's search, handed over --------------------------------------------------


def _tweet_page() -> str:
    text, attribution = EGELAND
    tweet = "\n".join([*text, attribution])
    return "\n\n".join([PARAS[0], tweet, PARAS[1], PARAS[2], tweet.translate(ASCIIFY), PARAS[3]])


def test_the_embeds_filter_takes_the_search_double_post_made_of_the_same_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """In the default pipeline the embed-copy search runs once per document, not in both filters, with the same result."""
    from newsclean._filters import double_post, embed_copies, embeds

    page = _tweet_page()
    expected = newsclean.explain(page)
    calls: list[int] = []
    real = embed_copies.find_duplicates

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(double_post, "find_duplicates", counted)
    monkeypatch.setattr(embeds, "find_duplicates", counted)
    result = newsclean.explain(page)
    assert result.text == expected.text and result.changes == expected.changes
    assert [c.filter for c in result.changes] == ["embeds", "embeds"]
    assert len(calls) == 1  # double_post searched; the embeds filter took its pairs


def test_the_handed_search_is_not_taken_for_another_document() -> None:
    """A filter between them that changes the document: the embeds filter searches its own input."""
    from newsclean._core.runs import pipeline_run, run_memo
    from newsclean._filters.embed_copies import keep_search

    page = _tweet_page()
    drop_first = newsclean.FunctionFilter(lambda t: "" if t == PARAS[0] else t, name="drop_first", per_block=True)
    pipeline = newsclean.default_pipeline().insert_after("double_post", drop_first)
    result = pipeline.explain(page)
    text, attribution = EGELAND
    tweet = "\n".join([*text, attribution])
    assert result.text == "\n\n".join([tweet, PARAS[1], PARAS[2], PARAS[3]])  # the blocks moved up by one
    with pipeline_run():  # what is kept goes with the first look, whoever looks
        doc = Document.from_text(page)
        keep_search(doc, {}, [])
        EMBEDS.apply(Document.from_text(page))
        assert run_memo(keep_search) == {}
