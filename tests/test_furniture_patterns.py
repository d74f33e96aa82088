"""The furniture shapes as data: every shape has an example that passes the gate, and every regex is linear."""

from __future__ import annotations

import re

import pytest

from newsclean import FurnitureFilter
from newsclean._filters.furniture_patterns import (
    BRACKET_PATTERNS,
    HEADINGS,
    LINE_PATTERNS,
    METADATA_PATTERNS,
    SENTENCE_PATTERNS,
    fold,
)

# One real or publisher-worded example per shape; each must go as a whole line between two paragraphs.
EXAMPLES = {
    "sign_up_en": "Subscribe to the 9to5Toys YouTube Channel for all of the latest videos, reviews, and more!",
    "sign_up_colon_en": "Sign Up: Stay on top of the latest breaking film and TV news! Sign up for our Email Newsletters here.",
    "get_delivered_en": "Get Motor Cycle Monthly delivered through your letterbox every month. 12 issues for £11.99. Click here for more information.",
    "get_app_en": "CLICK HERE TO GET THE FOX NEWS APP",
    "by_clicking_here_en": "READ MORE ON FOX BUSINESS BY CLICKING HERE",
    "click_here_for_more_en": "Click here for more stories",
    "trial_en": "Start your free trial.",
    "support_en": "Support our journalism.",
    "order_here_en": "Order here!",
    "join_en": "Join our Free $1,000,000 Parlay Challenge",
    "enjoyed_join_en": "If you enjoyed this article, and were stimulated by its contents, we have a proposition for you: Join NRPLUS.",
    "for_more_listen_en": "For more of Slate’s news coverage, listen to What Next.",
    "promo_de": "Hier können Sie das Buch bestellen: als Taschenbuch oder E-Book.",
    "promo_fr": "Abonnez-vous à notre newsletter",
    "promo_es": "Suscríbete a nuestro boletín",
    "promo_it": "Sei già abbonato?",
    "promo_pt": "Receba em seu email nosso ebook gratuito para introduzir seus filhos na leitura",
    "promo_nl": "Al abonnee?",
    "share_en": "Sharing is caring!",
    "follow_en": "Follow @BGRDeals on Twitter to keep up with the latest and greatest deals from around the web.",
    "share_de": "Artikel teilen",
    "share_fr": "Partager sur Facebook",
    "share_es": "Comparte esta noticia",
    "share_it_pt_nl": "Volg ons op Facebook en Instagram",
    "comments_en": "Tell us what YOU think...",
    "comments_other": "ATENÇÃO: Comentários com textos ininteligíveis ou que faltem com respeito ao usuário não serão aprovados pelo moderador.",
    "player_en": "Sound The gallery will resume in seconds",
    "player_other": "Bild vergrößern",
    "disclaimer_en": "Press TV’s website can also be accessed at the following alternate addresses:",
    "listen_player_en": "Listen to the full episode using the player below, or wherever you get your podcasts.",
    "follow_coverage_at_url_en": "More AP NBA: https://apnews.com/NBA and https://twitter.com/AP_Sports",
    "read_all_comments_en": "[ Read All Comments ]",
    "book_order_here_en": "Book – The Vaccine Court “The Dark Truth of America’s Vaccine Injury Compensation Program” ORDER HERE!",
    "siehe_video_hier_de": "[Siehe auch Video HIER]",
    "see_video_here_en": "[Watch the full video interview here]",
}
SHAPES = SENTENCE_PATTERNS + LINE_PATTERNS + BRACKET_PATTERNS


def test_every_shape_has_an_example() -> None:
    """Each sentence, line and bracket shape is named in EXAMPLES (a new shape needs one)."""
    assert sorted(EXAMPLES) == sorted(shape.name for shape in SHAPES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_goes_by_its_own_shape(name: str) -> None:
    """The example line goes between two paragraphs, and the change names its shape."""
    text = f"The council met.\n{EXAMPLES[name]}\nIt voted."
    (change,) = FurnitureFilter().apply(text).changes
    assert change.data["pattern"] == name


def test_headings_are_folded_keys() -> None:
    """Every heading is written in folded form (lower case, one apostrophe), or it could never match."""
    assert [h for h in HEADINGS if fold(h) != h] == []


HOSTILE = [" ", "a", "a ", "1 ", ".", "@a ", "(", ")", "[", "-", "by a ", "subscribe to ", "follow us on twitter, ", "the views expressed "]


@pytest.mark.parametrize("shape", SHAPES + METADATA_PATTERNS, ids=lambda s: s.name)
def test_shape_is_linear_on_hostile_input(shape: object) -> None:
    """fullmatch and search finish on 20,000 characters of near-matches (lines are at most 300)."""
    regex: re.Pattern[str] = shape.regex  # type: ignore[attr-defined]
    for unit in HOSTILE:
        text = unit * (20_000 // len(unit)) + "\x00!"
        regex.fullmatch(text)
        regex.search(text)
