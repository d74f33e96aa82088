"""Tests for the placeholder families (newsclean._filters.placeholder_families) and the context rule (placeholder_context).

Real bodies from the aeb ground truth (read from ``../shared`` at test time)
get placeholder lines inserted in every family x language x position; the
filter must give the body back exactly, and record family, language and the
context that decided.
"""

from __future__ import annotations

import functools
import re

import pytest

from newsclean import Block, BlockKind, ConfigurationError, Document, PlaceholderFilter, replay
from newsclean._filters.placeholder_context import CONTEXT_REASONS
from newsclean._filters.placeholder_families import (
    CONTEXTS,
    FAMILIES,
    SLOTS,
    builtin_families,
    expand,
)
from newsclean._filters.placeholder_patterns import LANGUAGES, REASONS, RULES, placeholder_key
from tests._corpus import read_jsonl
from tests.test_regexes import UNITS

F = PlaceholderFilter()
MAIN = ("en", "de", "fr", "es", "it", "pt", "nl")
FAMILY_NAMES = ("ad_label", "continue_marker", "loader", "wait", "ad_break", "embed_placeholder", "sponsored", "read_more")

# Two forms (one for one-word ad labels) of every family in every main language, as sites print them.
FORMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("ad_label", "en"): ("Advertisement", "ADVERT"),
    ("ad_label", "de"): ("Anzeige", "- Werbung -"),
    ("ad_label", "fr"): ("Publicité", "Publicite"),
    ("ad_label", "es"): ("Publicidad", "[PUBLICIDAD]"),
    ("ad_label", "it"): ("Pubblicità", "Pubblicita"),
    ("ad_label", "pt"): ("Publicidade", "— PUBLICIDADE —"),
    ("ad_label", "nl"): ("Advertentie", "(advertentie)"),
    ("continue_marker", "en"): ("Advertisement - story continues below", "Article continues after this ad"),
    ("continue_marker", "de"): ("Der Artikel wird unter der Anzeige fortgesetzt", "Weiterlesen nach der Werbung"),
    ("continue_marker", "fr"): ("La suite après la publicité", "L’article continue sous la vidéo"),
    ("continue_marker", "es"): ("La noticia continúa después de la publicidad", "Sigue leyendo debajo del anuncio"),
    ("continue_marker", "it"): ("L'articolo continua dopo la pubblicità", "Continua dopo il video"),
    ("continue_marker", "pt"): ("A matéria continua após a publicidade", "Continua depois da publicidade"),
    ("continue_marker", "nl"): ("Het artikel gaat verder onder de advertentie", "Lees verder na de video"),
    ("loader", "en"): ("Loading video", "Video player is loading..."),
    ("loader", "de"): ("Video wird geladen", "Lade Kommentare..."),
    ("loader", "fr"): ("Chargement du lecteur", "Vidéo en cours de chargement"),
    ("loader", "es"): ("Cargando comentarios", "Cargando el video..."),
    ("loader", "it"): ("Caricamento del video", "Caricamento in corso..."),
    ("loader", "pt"): ("Carregando vídeo", "A carregar comentários…"),
    ("loader", "nl"): ("Video wordt geladen", "Reacties laden..."),
    ("wait", "en"): ("Please wait...", "One moment, please"),
    ("wait", "de"): ("Bitte warten …", "Einen Moment bitte"),
    ("wait", "fr"): ("Veuillez patienter…", "Un instant, s’il vous plaît"),
    ("wait", "es"): ("Por favor, espere...", "Un momento, por favor"),
    ("wait", "it"): ("Attendere prego...", "Si prega di attendere"),
    ("wait", "pt"): ("Aguarde...", "Por favor, aguarde"),
    ("wait", "nl"): ("Even geduld...", "Een ogenblik geduld"),
    ("ad_break", "en"): ("Skip ad in 5", "Your video will begin in 10 seconds"),
    ("ad_break", "de"): ("Werbung überspringen", "Das Video startet in 5 Sekunden"),
    ("ad_break", "fr"): ("Passer la publicité dans 5 s", "Votre vidéo commence dans 10 secondes"),
    ("ad_break", "es"): ("Saltar anuncio en 5", "Tu video comenzará en 10 segundos"),
    ("ad_break", "it"): ("Salta l'annuncio tra 5 secondi", "Il video inizierà tra 10 secondi"),
    ("ad_break", "pt"): ("Pular anúncio em 5", "O vídeo começará em 10 segundos"),
    ("ad_break", "nl"): ("Advertentie overslaan", "De video begint over 5 seconden"),
    ("embed_placeholder", "en"): ("Please enable JavaScript to view this content.", "This slideshow requires JavaScript."),
    ("embed_placeholder", "de"): ("Bitte aktivieren Sie JavaScript, um diesen Inhalt zu sehen.", "JavaScript ist deaktiviert."),
    ("embed_placeholder", "fr"): ("Veuillez activer JavaScript pour voir ce contenu.", "JavaScript est désactivé"),
    ("embed_placeholder", "es"): ("Por favor, habilita JavaScript para ver este contenido.", "JavaScript está desactivado"),
    ("embed_placeholder", "it"): ("Abilita JavaScript per vedere questo contenuto.", "JavaScript è disabilitato"),
    ("embed_placeholder", "pt"): ("Ative o JavaScript para ver este conteúdo.", "JavaScript está desativado"),
    ("embed_placeholder", "nl"): ("Schakel JavaScript in om de video te bekijken.", "JavaScript is uitgeschakeld"),
    ("sponsored", "en"): ("Ads by Taboola", "Paid post"),
    ("sponsored", "de"): ("Gesponserter Inhalt", "Anzeige von Audi"),
    ("sponsored", "fr"): ("Contenus sponsorisés", "Contenu partenaire"),
    ("sponsored", "es"): ("Contenido patrocinado", "Enlaces patrocinados"),
    ("sponsored", "it"): ("Contenuto sponsorizzato", "Articolo sponsorizzato"),
    ("sponsored", "pt"): ("Conteúdo patrocinado", "Informe publicitário"),
    ("sponsored", "nl"): ("Gesponsorde inhoud", "Gesponsord"),
    ("read_more", "en"): ("Read more", "Continue reading…"),
    ("read_more", "de"): ("Weiterlesen", "Ganzen Artikel lesen"),
    ("read_more", "fr"): ("Lire la suite", "Lire l’article complet"),
    ("read_more", "es"): ("Leer más", "Sigue leyendo"),
    ("read_more", "it"): ("Continua a leggere", "Leggi tutto"),
    ("read_more", "pt"): ("Leia mais", "Continuar lendo"),
    ("read_more", "nl"): ("Lees meer", "Lees verder"),
}

# Words that are placeholders only as page furniture, by language.
AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "en": ("Ad", "Ads", "AD", "Advertising", "Loading", "VIDEO", "Sponsored", "Promoted"),
    "de": ("Anzeigen",),
    "fr": ("Pub", "Annonce", "Chargement"),
    "es": ("Anuncio", "Cargando"),
    "it": ("Annuncio", "Caricamento", "Sponsor"),
    "pt": ("Publi", "Carregando"),
    "nl": ("Advertenties", "Reclame"),
}

# Sentences with the words in them: content, in every main language.
LOOKALIKES = (
    "The advertisement, which aired during the final, drew complaints.",
    "“Loading…”",
    "“Loading…” was all she saw on her screen.",
    "Loading the ship took three days.",
    "Video shows dramatic rescue of 8-year-old kidnapping victim",
    "Read more about ad blocking here.",
    "Der Kölner Stadt-Anzeiger berichtete zuerst.",
    "Werbung ist teuer, sagt der Verband.",
    "La publicité, diffusée mardi, a choqué les téléspectateurs.",
    "La publicidad del Gobierno costó dos millones.",
    "La pubblicità è stata ritirata dopo le proteste.",
    "A publicidade foi retirada do ar na terça-feira.",
    "De advertentie werd dinsdag teruggetrokken.",
    "Lees meer over de begroting in ons dossier.",
    "Sponsored by Acme Corp",
    "Story continues below gallery",
)

# Runs of short lines that are content: a list of industries, a budget, a poll, a menu of videos.
LISTS = (
    "The fund invests in five industries:\nRetail\nAdvertising\nMedia\nEnergy",
    "Die Ausgaben im Überblick:\nMiete\nStrom\nWerbung\nPersonal",
    "Which source do you trust most?\nTV\nRadio\nAds\nNone",
    "Watch next:\nVideo\nPodcasts\nPhotos",
    "Nos rubriques :\nVidéo\nPub\nSport",
    "Gastos del año:\nAlquiler\nPublicidad\nPersonal",
)


@functools.cache
def _prose_bodies() -> list[tuple[str, list[str]]]:
    """Three aeb ground-truth bodies of 6+ prose paragraphs that never mention ads, video, loading or sponsors."""
    words = re.compile(r"\b(ads?|advert\w*|video\w*|load\w*|sponsor\w*|promot\w*|commercial|publicit\w*|anzeig\w*|werb\w*)\b", re.I)
    found = []
    for row in read_jsonl("articles/aeb_bodies.jsonl"):
        paragraphs = row["body"].split("\n\n")
        if (len(paragraphs) >= 6 and not words.search(row["body"])
                and all(len(p) >= 80 and p[-1] in ".!?\"”" and "\n" not in p for p in paragraphs)):
            found.append((row["id"][:12], paragraphs))
    return found[:3]


def _positions(paragraphs: list[str], lines: list[str]) -> dict[str, str]:
    """The body with *lines* inserted between paragraphs 2 and 3, first, last, and (two lines) as a run."""
    first, second = lines[0], lines[-1]
    return {
        "between": "\n\n".join(paragraphs[:2] + [first] + paragraphs[2:]),
        "first": "\n\n".join([first] + paragraphs),
        "last": "\n\n".join(paragraphs + [first]),
        "run-of-two": "\n\n".join(paragraphs[:3] + [first, second] + paragraphs[3:]),
    }


def test_forms_cover_every_family_in_every_main_language() -> None:
    """The table above has forms of each of the 8 families in each of en, de, fr, es, it, pt and nl."""
    assert set(FAMILY_NAMES) == set(RULES)
    assert set(FORMS) == {(f, lang) for f in FAMILY_NAMES for lang in MAIN}


@pytest.mark.parametrize(("family", "language"), list(FORMS), ids=[f"{f}-{lang}" for f, lang in FORMS])
def test_every_form_goes_from_real_bodies_in_every_position(family: str, language: str) -> None:
    """Each form, inserted into real bodies between paragraphs, first, last and in a run of two, goes; the body comes back exactly."""
    bodies = _prose_bodies()
    if not bodies:
        pytest.skip("no aeb bodies (../shared/corpus/articles/aeb_bodies.jsonl)")
    for ident, paragraphs in bodies:
        body = "\n\n".join(paragraphs)
        for form in FORMS[family, language]:
            for position, text in _positions(paragraphs, [form, FORMS[family, language][0]]).items():
                result = F.apply(text)
                assert result.text == body, (ident, form, position)
                assert {(c.rule, c.data["language"]) for c in result.changes} == {(family, language)}, (form, position)
                assert replay(text, result.changes) == body


@pytest.mark.parametrize("language", list(AMBIGUOUS))
def test_ambiguous_labels_go_as_furniture_and_say_which_context_decided(language: str) -> None:
    """An ambiguous word alone between prose paragraphs, first or last goes, with that context in data and reason."""
    bodies = _prose_bodies()
    if not bodies:
        pytest.skip("no aeb bodies (../shared/corpus/articles/aeb_bodies.jsonl)")
    expected = {"between": "between_paragraphs", "first": "document_start", "last": "document_end",
                "run-of-two": "between_paragraphs"}
    for _, paragraphs in bodies:
        body = "\n\n".join(paragraphs)
        for word in AMBIGUOUS[language]:
            for position, text in _positions(paragraphs, [word, "Advertisement"]).items():
                result = F.apply(text)
                assert result.text == body, (word, position)
                change = next(c for c in result.changes if c.block == word)
                assert change.data["context"] == expected[position], (word, position)
                assert change.reason.endswith(CONTEXT_REASONS[expected[position]])
                assert change.data["language"] == language


@pytest.mark.parametrize("line", LOOKALIKES)
def test_lookalikes_between_real_paragraphs_stay(line: str) -> None:
    """Sentences and quoted words that only look like placeholders stay in a real body."""
    for _, paragraphs in _prose_bodies():
        text = "\n\n".join(paragraphs[:2] + [line] + paragraphs[2:])
        assert F.apply(text).changes == ()


@pytest.mark.parametrize("block", LISTS, ids=[b.split("\n")[0] for b in LISTS])
def test_lists_tables_polls_and_menus_stay(block: str) -> None:
    """A run of short lines (industries, a budget, a poll, a menu of videos) keeps its `Advertising`, `Werbung`, `Ads`, `Video`."""
    for _, paragraphs in _prose_bodies():
        for text in ("\n".join(paragraphs[:2] + [block] + paragraphs[2:]), "\n\n".join(paragraphs + [block])):
            assert F(text) == text
    assert F(block) == block


def test_ambiguous_words_in_short_contexts_stay() -> None:
    """Next to a short line, in a run of three, as a heading of text about the word, or alone, an ambiguous word stays."""
    prose = "The council met on Tuesday and argued for three hours."
    cases = [
        f"{prose}\nPhoto: Reuters\nVideo\n{prose}",  # a caption line next to it: not clearly furniture
        f"{prose}\nAd\nVideo\nLoading\n{prose}",  # three in a row: a menu, not a label
        f"{prose}\n\nAdvertising\n\nAdvertising revenue rose 12% as brands returned.",  # a heading
        f"{prose}\n\nVideo\n\nThe video, filmed by a neighbour, shows the fire.",
        "Loading",  # a document that is only the word
    ]
    for text in cases:
        assert F(text) == text, text


def test_html_table_cells_and_headings_keep_ambiguous_words() -> None:
    """In HTML blocks a table cell `Ad` and a heading `Video` stay; a paragraph `Video` between paragraphs goes."""
    prose = "The council met on Tuesday and argued for three hours."
    parts = [(prose, BlockKind.PARAGRAPH), ("Ad", BlockKind.TABLE_CELL), (prose, BlockKind.PARAGRAPH),
             ("Video", BlockKind.HEADING), (prose, BlockKind.PARAGRAPH), ("Video", BlockKind.PARAGRAPH),
             (prose, BlockKind.PARAGRAPH)]
    text = "\n".join(t for t, _ in parts)
    blocks, pos = [], 0
    for line, (t, kind) in enumerate(parts, 1):
        blocks.append(Block(pos, pos + len(t), t, kind, line))
        pos += len(t) + 1
    result = F.apply(Document(text, tuple(blocks), source="html"))
    assert [(c.block, c.data["context"]) for c in result.changes] == [("Video", "between_paragraphs")]


def test_one_word_labels_stay_in_a_list_and_under_their_heading() -> None:
    """`Werbung` between list items, or heading a paragraph about advertising, stays; between sentences it goes."""
    assert F("Ausgaben:\nMiete\nWerbung\nPersonal") == "Ausgaben:\nMiete\nWerbung\nPersonal"
    # an item-like line on each side: the middle item of a list, between paragraphs or not
    budget = "Der Verein zog Bilanz.\nMiete\nWerbung\nPersonal\nDer Vorstand wurde entlastet."
    assert F(budget) == budget
    assert F("Paris is calm.\nAdvertisement\nThe mayor spoke.") == "Paris is calm.\nThe mayor spoke."
    heading = "Der Verein zog Bilanz.\n\nWerbung\n\nDie Werbung kostete 2023 rund 4.000 Euro."
    assert F(heading) == heading
    result = F.apply("Der Verein zog Bilanz.\n\nWerbung\n\nDer Vorstand wurde entlastet.")
    assert [(c.rule, c.data["context"]) for c in result.changes] == [("ad_label", "not_in_list")]


def test_cleaning_twice_changes_nothing_more() -> None:
    """Removing some candidates of a run never changes the decision about the others."""
    prose = "The council met on Tuesday and argued for three hours."
    for text in (f"{prose}\nAdvertisement\nVideo\n{prose}", f"{prose}\nAd\nVideo\nLoading\nRead more\n{prose}",
                 f"Miete\nWerbung\nLoading...\nPersonal\n{prose}", f"Video\n\u200b\nAd\n{prose}\nLoading"):
        once = F(text)
        assert F(once) == once, text


# -- options -------------------------------------------------------------------

def test_options_turn_off_a_family_a_language_or_the_context_rule() -> None:
    """disable= drops a family, languages= a language, ambiguous= 'keep'/'remove' the context rule."""
    prose = "The council met on Tuesday and argued for three hours."
    text = f"{prose}\nLoading video\n{prose}\nChargement du lecteur\n{prose}\nVideo\n{prose}"
    assert PlaceholderFilter(disable=["loader"])(text) == f"{prose}\nLoading video\n{prose}\nChargement du lecteur\n{prose}\n{prose}"
    assert PlaceholderFilter(languages=["fr"])(text) == f"{prose}\nLoading video\n{prose}\n{prose}\n{prose}"  # "Video" is French too
    assert PlaceholderFilter(ambiguous="keep")(text) == f"{prose}\n{prose}\n{prose}\nVideo\n{prose}"
    listed = "Watch next:\nVideo\nPodcasts"
    assert F(listed) == listed
    result = PlaceholderFilter(ambiguous="remove").apply(listed)
    assert (result.text, result.changes[0].data["context"]) == ("Watch next:\nPodcasts", "option")


def test_add_families_with_built_in_slots() -> None:
    """A user family is a grammar with the built-in slots; its name is the rule and may be used by add= too."""
    f = PlaceholderFilter(add_families={"paywall": ["subscribe to (?:read|continue)<dots>", "abo abschliessen"]},
                          add={"Jetzt abonnieren": "paywall"})
    result = f.apply("Text.\nSubscribe to continue...\nAbo abschließen\nJetzt abonnieren\nSkip ad")
    assert result.text == "Text."
    assert [(c.rule, c.data["language"]) for c in result.changes] == [
        ("paywall", "custom"), ("paywall", "custom"), ("paywall", "custom"), ("ad_break", "en")]
    assert result.changes[0].reason == "a placeholder of the family 'paywall'"
    assert PlaceholderFilter(add_families={"mine": "<load> <obj>"})("Text.\nCargando comentarios") == "Text."


def test_remove_keeps_a_phrase_the_grammars_would_match() -> None:
    """remove= keeps a built-in phrase even where a family grammar also covers it."""
    assert PlaceholderFilter(remove=["Lees meer"])("Tekst.\nLees meer\nEinde.") == "Tekst.\nLees meer\nEinde."


def test_bad_family_option_raises() -> None:
    """add_families entries that are not str grammars raise ConfigurationError."""
    with pytest.raises(ConfigurationError, match="is not a grammar string"):
        PlaceholderFilter(add_families={"paywall": [3]})  # type: ignore[list-item]


# -- folding -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("line", "rule"),
    [
        pytest.param("Publicite", "ad_label", id="no-accents"),
        pytest.param("CHARGEMENT DE LA VIDEO", "loader", id="upper-no-accents"),
        pytest.param("\u00a0Cargando\u00a0comentarios\u00a0", "loader", id="nbsp-inside"),
        pytest.param("Loading\u200b video", "loader", id="zero-width-inside"),
        pytest.param("» Lire la suite «", "read_more", id="guillemets"),
        pytest.param("• Advertisement •", "ad_label", id="bullets-both-sides"),
        pytest.param("[ Skip Ad ]", "ad_break", id="brackets"),
        pytest.param("Video wird geladen....", "loader", id="four-dots"),
        pytest.param("Ｗｅｒｂｕｎｇ", "ad_label", id="fullwidth"),
    ],
)
def test_case_accents_spaces_wrappers_and_ellipses_fold(line: str, rule: str) -> None:
    """Family lines match whatever their case, accents, spaces, zero-width characters, wrappers and dots."""
    prose = "The council met on Tuesday and argued for three hours."
    result = F.apply(f"{prose}\n{line}\n{prose}")
    assert [c.rule for c in result.changes] == [rule], line


def test_key_folds_accents_and_compatibility_forms() -> None:
    """The key drops accents and fullwidth forms, so a label typed without accents is the same line."""
    assert placeholder_key("Publicité") == placeholder_key("PUBLICITE") == "publicite"
    assert placeholder_key("Ｗｅｒｂｕｎｇ") == "werbung"
    assert placeholder_key("Идёт загрузка…") == placeholder_key("Идет загрузка...")


# -- data and regexes ----------------------------------------------------------

def test_family_data_is_well_formed() -> None:
    """Every family names a known rule, language and context, and its grammar compiles with known slots."""
    compiled, index = builtin_families()
    assert len(compiled) == len(FAMILIES)
    for family in FAMILIES:
        assert family.rule in RULES and family.language in LANGUAGES and family.context in CONTEXTS, family
        assert (family.context == "none") == (not family.topic), family
    assert {(f.rule, f.language) for f in FAMILIES if f.context == "none"} >= {
        (r, lang) for r in RULES for lang in MAIN if r != "ad_label"}
    assert all(index.values())
    assert set(REASONS) == set(RULES)
    with pytest.raises(ValueError, match="unknown slot <nope>"):
        expand("<nope>", "en")


def test_every_family_matches_its_own_forms_first() -> None:
    """Each form of the table is matched by a family (or phrase) of its own rule and language."""
    for (family, language), forms in FORMS.items():
        for form in forms:
            found = F.match(form)
            assert found is not None and (found[0], found[1]["language"]) == (family, language), form


def test_slots_are_folded_words() -> None:
    """Slot words are written folded (lowercase, no accents) so that they can match a folded line."""
    for language, slots in SLOTS.items():
        for name, words in slots.items():
            for word in words:
                assert word == placeholder_key(word) or word.endswith(","), (language, name, word)


@pytest.mark.parametrize("index", range(len(FAMILIES)), ids=[f"{f.rule}-{f.language}-{i}" for i, f in enumerate(FAMILIES)])
def test_family_grammar_is_linear_on_adversarial_input(index: int) -> None:
    """Each compiled grammar's match and fullmatch finish on 100,000 characters of each adversarial unit and of its own words."""
    compiled, _ = builtin_families()
    regex = compiled[index].regex
    words = " ".join(sorted(compiled[index].anchors))
    for unit in [*UNITS, words + " ", "a ", "1 of ", ", ", "' "]:
        text = unit * (100_000 // len(unit)) + "\x00!"
        regex.match(text)
        regex.fullmatch(text)
