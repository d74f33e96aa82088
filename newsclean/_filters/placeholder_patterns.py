"""Placeholder phrases and patterns as data: what the ``placeholders`` filter removes.

A line is a placeholder only when its *whole* text, folded by
:func:`placeholder_key`, is one of these phrases (a set lookup) or matches one
of the few bounded patterns below. Each group says where it comes from:

* ``recurring_short_lines.tsv``: ``../shared/corpus/stats``, short lines
  recurring across 1,219 real hosts (the host count is given);
* ``extractor_leftover_lines.tsv``: lines real extractors left in their aeb
  output that are not in the ground truth (site count given);
* ``trafilatura without``: the ``without`` snippets of
  ``articles/trafilatura_evaldata.jsonl`` (boilerplate of real pages);
* ``aeb html`` / ``aeb extractor outputs``: lines found in the aeb and
  Readability pages or in the extractor outputs of ``articles/``;
* ``publisher wording (not in the corpus)``: the label as news sites and
  widgets print it in that language, written from knowledge of those sites and
  NOT checked against pages here (the corpus is mostly en/de). They match whole
  lines of UI text only; remove any that bite with ``remove=``.

The phrase table holds exact lines in 13 languages; the families of the main
languages (en, de, fr, es, it, pt, nl) are small grammars in
:mod:`newsclean._filters.placeholder_families`, which also holds the words that
are placeholders only by their context (``Ad``, ``Advertising``, ``Anzeigen``,
bare ``Loading``, ``Video``, ``Sponsored``; see
:mod:`newsclean._filters.placeholder_context`). Deliberately left out
everywhere (real content lines, or navigation the filter does not cover):
``Home``, ``Share``, ``Impressum``, ``Weiter``, ``Laden`` (German for "shop"),
``Mehr zum Thema``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import NamedTuple

__all__ = [
    "BUILTIN_TABLE",
    "LANGUAGES",
    "MAX_LINE",
    "PATTERNS",
    "PHRASE_GROUPS",
    "REASONS",
    "RULES",
    "Pattern",
    "PhraseGroup",
    "phrase_table",
    "ascii_key",
    "finish_key",
    "placeholder_key",
    "rough_key",
]

#: Rule names (the placeholder families), in the order the docs list them.
RULES: tuple[str, ...] = (
    "ad_label", "loader", "wait", "ad_break", "continue_marker", "sponsored", "embed_placeholder", "read_more",
)

#: The reason each rule gives in its change records.
REASONS: Mapping[str, str] = MappingProxyType({
    "ad_label": "an ad label standing alone, not article text",
    "loader": "loading text of a widget that did not load",
    "wait": "a wait message of a widget that did not load",
    "ad_break": "a skip-ad countdown or ad-break notice of a video player",
    "continue_marker": "a 'story continues below' marker left where an ad was",
    "sponsored": "a sponsored or paid-content label standing alone",
    "embed_placeholder": "a placeholder, JavaScript or consent notice in place of an embed that did not load",
    "read_more": "a read-more link standing alone",
})

#: Languages with built-in phrases (ISO 639-1); ``custom`` marks phrases a user added.
LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "sv", "da", "no", "fi")

#: Lines longer than this are never placeholders and are skipped before any work.
MAX_LINE = 300


class PhraseGroup(NamedTuple):
    """Phrases of one rule in one language; each is matched as a whole line."""

    rule: str
    language: str
    phrases: tuple[str, ...]


class Pattern(NamedTuple):
    """A bounded regex for a placeholder with variable wording, matched on the folded key.

    ``hints``: the regex runs only if one of these substrings is in the key.
    """

    name: str
    rule: str
    language: str
    hints: tuple[str, ...]
    regex: re.Pattern[str]


# -- folding -------------------------------------------------------------------

# Characters that wrap a label: spaces (NBSP and the thin ones), zero-width
# characters, dashes, brackets, colons, asterisks, pipes, arrows, bullets, "#"
# of "#Werbung". Quotes are not here: a quoted "Loading…" is somebody's words.
_WRAP = (
    " \t\n\r\f\v\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
    "\u200b\u200c\u200d\u2060\ufeff"
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212~=_"
    "[](){}<>\u27e8\u27e9\u3010\u3011"
    ":\uff1a*|\u00a6\u00bb\u00ab\u203a\u2039\u2192\u2190\u25b6\u25ba\u2022\u00b7\u25aa#"
)
# Inside the key one dash and one apostrophe stand for all their variants.
_UNIFY = (
    ("\u2010", "-"), ("\u2011", "-"), ("\u2012", "-"), ("\u2013", "-"), ("\u2014", "-"), ("\u2015", "-"),
    ("\u2212", "-"), ("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u00b4", "'"),
)
# "..", "...", "…" and the spaces around them become one "…". A run of dots is
# taken whole (the lookahead): `(?:\.{2,})+` alone could split a run in
# exponentially many ways before failing.
_ELLIPSIS = re.compile(r" ?(?:\.{2,}(?!\.)|…)+ ?")
# The combining marks NFKD splits off Latin, Greek and Cyrillic letters ("Publicité" typed
# "Publicite", "Идёт" typed "Идет" and "Vídeo" written "Video" give one key), and zero-width
# characters inside a line ("Loading\u200b video").
_MARKS = re.compile("[\u0300-\u036f\u200b\u200c\u200d\u2060\ufeff]+")


def rough_key(text: str) -> str:
    """The first, cheap half of :func:`placeholder_key`: unwrapped, casefolded, accents and spaces folded.

    Only ``..`` runs (an ellipsis ``…`` becomes ``...`` here) make the full key shorter than this one.
    """
    key = text.strip(_WRAP)
    if not key.isascii():
        key = _MARKS.sub("", unicodedata.normalize("NFKD", key))
    return " ".join(key.casefold().split())


def finish_key(rough: str) -> str:
    """The second half of :func:`placeholder_key`: one dash, one apostrophe, one ellipsis form."""
    key = rough
    if not key.isascii():  # str.translate is slow on non-ASCII text; replace only what is there
        for old, new in _UNIFY:
            if old in key:
                key = key.replace(old, new)
    if ".." in key or "…" in key:
        key = _ELLIPSIS.sub("…", key)
    if key.endswith("."):
        key = key[:-1]  # "Advertisement." and "Video Player is loading." are labels too
    return key.strip(_WRAP)


def ascii_key(text: str) -> str:
    """``finish_key(rough_key(text))`` for an ASCII *text* without ``..``, in one step (the gate's probe).

    For ASCII text casefold() is lower(), there is nothing to unify or to
    decompose, and folding spaces never makes ``..``: only the final dot and
    the wrapping are left to drop.
    """
    key = " ".join(text.strip(_WRAP).lower().split())
    if key.endswith("."):
        key = key[:-1]
    return key.strip(_WRAP)


def placeholder_key(text: str) -> str:
    """The folded whole-line key placeholders are looked up by ("" for lines too long to be one).

    Casefolds, drops accents (compatibility forms and combining marks: the key
    of ``Publicité`` is ``publicite``), strips wrapping spaces, NBSP, dashes,
    brackets, colons, asterisks, pipes and arrows, collapses inner spaces, and
    writes every ellipsis form as one ``…``.

    >>> placeholder_key("\\xa0— ADVERTISEMENT —")
    'advertisement'
    >>> placeholder_key("[Wird geladen ...]") == placeholder_key("Wird geladen…")
    True
    """
    if len(text) > MAX_LINE:
        return ""
    return finish_key(rough_key(text))


# -- phrases -------------------------------------------------------------------

PHRASE_GROUPS: tuple[PhraseGroup, ...] = (
    # ad labels ---------------------------------------------------------------
    # recurring_short_lines.tsv: advertisement 45 hosts; extractor_leftover_lines.tsv: advertisement
    # 10 sites; aeb extractor outputs: "Advert" 2 sites (7 lines), "ADVERTISEMENT"; aeb html:
    # "Advertisements" (WordPress WordAds); trafilatura without: "Advertisement:".
    PhraseGroup("ad_label", "en", ("Advertisement", "Advertisements", "Advert")),
    # recurring_short_lines.tsv: anzeige 60 hosts, werbung 50, "- anzeige -" 5, "anzeige:" 3;
    # trafilatura without: "- Anzeige-", "Anzeige:". Not "Anzeigen" (classifieds link, 28 hosts).
    PhraseGroup("ad_label", "de", ("Anzeige", "Werbung")),
    # recurring_short_lines.tsv: publicité 5 hosts.
    PhraseGroup("ad_label", "fr", ("Publicité",)),
    # recurring_short_lines.tsv: publicidad 12 hosts.
    PhraseGroup("ad_label", "es", ("Publicidad",)),
    # recurring_short_lines.tsv: reklama 12 hosts; trafilatura without: "Reklama" (rp.pl, energetyka24.com).
    PhraseGroup("ad_label", "pl", ("Reklama",)),
    # publisher wording (not in the corpus): the one-word ad label of each language.
    PhraseGroup("ad_label", "it", ("Pubblicità",)),
    PhraseGroup("ad_label", "pt", ("Publicidade",)),
    PhraseGroup("ad_label", "nl", ("Advertentie",)),
    PhraseGroup("ad_label", "ru", ("Реклама",)),
    PhraseGroup("ad_label", "sv", ("Annons", "Reklam")),
    PhraseGroup("ad_label", "da", ("Reklame",)),
    PhraseGroup("ad_label", "no", ("Annonse",)),
    PhraseGroup("ad_label", "fi", ("Mainos",)),
    # loaders -----------------------------------------------------------------
    # recurring_short_lines.tsv: loading... 20 hosts, loading ... 7, "like loading..." 5 (WordPress like
    # widget), "loading comments..." 5; aeb extractor outputs: "Like Loading..." 2 sites; aeb html:
    # "Loading content ...", "Loading..", "Video Player is loading." (video.js), "Loading, Please Wait!".
    PhraseGroup("loader", "en", (
        "Loading…", "Like Loading…", "Loading comments…", "Loading content…", "Video Player is loading",
        "Loading, please wait…", "Loading, Please Wait!",
    )),
    # recurring_short_lines.tsv: "liken lade ..." 19 hosts, "gefällt mir wird geladen..." 8, "gefällt mir
    # lade..." 3; trafilatura without: "Wird geladen". Also (not in the corpus) the loading halves of those
    # widgets alone and WordPress' German loaders. Not bare "Laden" or "Lade": real words.
    PhraseGroup("loader", "de", (
        "Wird geladen …", "Wird geladen", "Lade …", "Laden …", "Lädt …", "Liken Lade …",
        "Gefällt mir Wird geladen …", "Gefällt mir Lade …", "Kommentare werden geladen …",
    )),
    # publisher wording (not in the corpus): "Loading…" per language and, where it has one, the
    # WordPress like widget's translation ("J'aime Chargement…"). Dutch "Laden…" is in the German group.
    PhraseGroup("loader", "fr", ("Chargement…", "Chargement en cours…", "J'aime Chargement…")),
    PhraseGroup("loader", "es", ("Cargando…", "Me gusta Cargando…")),
    PhraseGroup("loader", "it", ("Caricamento…", "Caricamento in corso…", "Mi piace Caricamento…")),
    PhraseGroup("loader", "pt", ("Carregando…", "A carregar…", "Curtir Carregando…")),
    PhraseGroup("loader", "nl", ("Bezig met laden…", "Vind ik leuk Laden…")),
    PhraseGroup("loader", "pl", ("Ładowanie…", "Wczytywanie…", "Trwa ładowanie…")),
    PhraseGroup("loader", "ru", ("Загрузка…", "Идёт загрузка…")),
    PhraseGroup("loader", "sv", ("Laddar…", "Laddar in…")),
    PhraseGroup("loader", "da", ("Indlæser…",)),
    PhraseGroup("loader", "no", ("Laster…", "Laster inn…")),
    PhraseGroup("loader", "fi", ("Ladataan…",)),
    # continue-below markers ---------------------------------------------------
    # aeb extractor outputs: "Continue Reading Below" (foxbusiness, 2 extractors); issue 3: "Story continues
    # below advertisement". Also (not in the corpus) the Hearst and Yahoo forms. "Story continues below
    # gallery" is in aeb ground truth, so galleries are not markers. More forms: story_continues_en.
    PhraseGroup("continue_marker", "en", (
        # nytimes.com's marker (issue 3); Readability's expected output for nytimes-1/2 kept it
        # because Readability does not strip it, not because it is content.
        "Continue reading the main story",
        "Story continues below advertisement", "Article continues below advertisement",
        "Story continues below", "Article continues below", "Continue reading below",
        "Advertisement - Continue Reading Below", "Scroll to continue with content",
    )),
    # issue 3: "La suite après cette publicité". The rest is publisher wording (not in the corpus): the
    # marker as news sites of each language print it. More German word orders: artikel_fortgesetzt_de.
    PhraseGroup("continue_marker", "fr", (
        "La suite après cette publicité", "La suite après la publicité", "Suite après la publicité",
        "L'article continue après la publicité",
    )),
    PhraseGroup("continue_marker", "de", (
        "Weiterlesen nach der Anzeige", "Lesen Sie nach der Anzeige weiter", "Fortsetzung nach der Anzeige",
        "Artikel wird nach der Anzeige fortgesetzt", "Der Artikel wird unter der Anzeige fortgesetzt",
    )),
    PhraseGroup("continue_marker", "es", (
        "Continúa después de la publicidad", "Sigue después de la publicidad",
        "La noticia continúa después de la publicidad", "Sigue leyendo después de la publicidad",
    )),
    PhraseGroup("continue_marker", "it", (
        "Continua a leggere dopo la pubblicità", "L'articolo continua dopo la pubblicità",
        "Continua dopo la pubblicità", "Prosegue dopo la pubblicità",
    )),
    PhraseGroup("continue_marker", "pt", (
        "Continua após a publicidade", "Continua após publicidade", "Continua depois da publicidade",
        "Continua após o anúncio",
    )),
    PhraseGroup("continue_marker", "nl", (
        "Lees verder na de advertentie", "Het artikel gaat verder onder de advertentie",
        "Artikel gaat verder onder de advertentie", "Tekst gaat verder onder de advertentie",
    )),
    PhraseGroup("continue_marker", "pl", (
        "Dalsza część artykułu pod reklamą", "Dalsza część tekstu pod reklamą",
        "Dalszy ciąg materiału pod reklamą", "Dalsza część artykułu pod materiałem wideo",
    )),
    # Not "Продолжение следует" ("to be continued"): real content.
    PhraseGroup("continue_marker", "ru", (
        "Продолжение после рекламы", "Статья продолжится после рекламы", "Материал продолжится после рекламы",
    )),
    PhraseGroup("continue_marker", "sv", (
        "Artikeln fortsätter under annonsen", "Artikeln fortsätter efter annonsen",
        "Texten fortsätter under annonsen",
    )),
    PhraseGroup("continue_marker", "da", ("Artiklen fortsætter under annoncen", "Artiklen fortsætter efter annoncen")),
    PhraseGroup("continue_marker", "no", (
        "Artikkelen fortsetter under annonsen", "Saken fortsetter under annonsen",
        "Artikkelen fortsetter etter annonsen",
    )),
    PhraseGroup("continue_marker", "fi", (
        "Artikkeli jatkuu mainoksen jälkeen", "Artikkeli jatkuu mainoksen alla", "Juttu jatkuu mainoksen jälkeen",
    )),
    # sponsored and paid-content labels ---------------------------------------
    # recurring_short_lines.tsv: sponsored 8 hosts, sponsored content 8, sponsored by 5, advertorial 3,
    # branded content 3, "promoted links" 4, "sponsored links" 3; aeb html: "Sponsored Links", "Sponsored
    # Advert"; trafilatura without: "PAID CONTENT" (edition.cnn.com). Also (not in the corpus) the other
    # labels of the same families. Only standing alone: "Sponsored by Acme" stays.
    PhraseGroup("sponsored", "en", (
        "Sponsored content", "Sponsored by", "Sponsored links", "Sponsored post", "Sponsored story",
        "Sponsored stories", "Sponsored advert", "Paid content", "Paid post", "Paid partnership",
        "Promoted content", "Promoted links", "Promoted stories", "Advertorial",
        "Branded content", "Partner content",
    )),
    # trafilatura without: "Anzeige, enthält Affiliate Links" (journelles.de). Also (not in the corpus)
    # the German sponsored labels, including the influencer ones ("Unbezahlte Werbung").
    PhraseGroup("sponsored", "de", (
        "Gesponsert", "Gesponserter Inhalt", "Gesponserter Beitrag", "Unbezahlte Werbung",
        "Bezahlte Partnerschaft", "Anzeige, enthält Affiliate Links",
    )),
    # trafilatura without: "CONTENIDO PATROCINADO" (minuto30.com). "Patrocinado" is also Portuguese.
    PhraseGroup("sponsored", "es", ("Contenido patrocinado", "Patrocinado", "Publirreportaje")),
    # publisher wording (not in the corpus): the sponsored labels of each language.
    PhraseGroup("sponsored", "fr", ("Contenu sponsorisé", "Sponsorisé", "Contenu partenaire", "Publireportage")),
    PhraseGroup("sponsored", "it", ("Contenuto sponsorizzato", "Sponsorizzato", "Publiredazionale")),
    PhraseGroup("sponsored", "pt", ("Conteúdo patrocinado", "Informe publicitário", "Publieditorial")),
    PhraseGroup("sponsored", "nl", ("Gesponsord", "Gesponsorde inhoud", "Gesponsorde content")),
    PhraseGroup("sponsored", "pl", ("Artykuł sponsorowany", "Materiał sponsorowany", "Materiał partnera")),
    PhraseGroup("sponsored", "ru", ("На правах рекламы", "Партнёрский материал")),
    PhraseGroup("sponsored", "sv", ("Sponsrat", "Sponsrat innehåll", "Annonssamarbete")),
    PhraseGroup("sponsored", "da", ("Sponsoreret", "Sponsoreret indhold")),
    PhraseGroup("sponsored", "no", ("Sponset", "Sponset innhold", "Annonsørinnhold")),
    PhraseGroup("sponsored", "fi", ("Sponsoroitu", "Sponsoroitu sisältö", "Kaupallinen yhteistyö")),
    # embed and privacy placeholders ------------------------------------------
    # issue 3: "Embed from Getty Images"; aeb html and extractor outputs: "This slideshow requires
    # JavaScript." (WordPress), "Please enable JavaScript to view the" (Disqus' notice, cut by a link),
    # "Please enable JavaScript to view the comments.", "Please enable JavaScript to view comments",
    # "JavaScript is required to load the comments.", "Embedded Content". Also (not in the corpus)
    # the HTML5 fallback texts.
    PhraseGroup("embed_placeholder", "en", (
        "Embed from Getty Images", "This slideshow requires JavaScript", "Embedded content",
        "Please enable JavaScript to view the comments powered by Disqus",
        "Please enable JavaScript to view the comments", "Please enable JavaScript to view comments",
        "JavaScript is required to load the comments", "Your browser does not support the video tag",
        "Your browser does not support iframes",
    )),
    # trafilatura without: "Externer Inhalt" (munich2022.com), "Empfohlener redaktioneller Inhalt"
    # (omr.com). Also (not in the corpus) the consent button and the HTML5 fallback.
    PhraseGroup("embed_placeholder", "de", (
        "Externer Inhalt", "Empfohlener redaktioneller Inhalt", "Externe Inhalte aktivieren",
        "Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden",
        "Ihr Browser unterstützt das Video-Tag nicht",
    )),
    # publisher wording (not in the corpus): "External content" and the HTML5 video fallback per language.
    PhraseGroup("embed_placeholder", "fr", ("Contenu externe", "Votre navigateur ne prend pas en charge la vidéo")),
    PhraseGroup("embed_placeholder", "es", ("Contenido externo", "Tu navegador no admite el elemento de vídeo")),
    PhraseGroup("embed_placeholder", "it", ("Contenuto esterno", "Il tuo browser non supporta il tag video")),
    PhraseGroup("embed_placeholder", "pt", ("Conteúdo externo", "Seu navegador não suporta vídeos HTML5")),
    PhraseGroup("embed_placeholder", "nl", ("Externe inhoud", "Je browser ondersteunt geen video")),
    PhraseGroup("embed_placeholder", "pl", ("Treść zewnętrzna", "Twoja przeglądarka nie obsługuje odtwarzania wideo")),
    PhraseGroup("embed_placeholder", "ru", ("Внешний контент", "Ваш браузер не поддерживает видео", "Ваш браузер не поддерживает HTML5 видео")),
    PhraseGroup("embed_placeholder", "sv", ("Externt innehåll", "Din webbläsare stöder inte video")),
    PhraseGroup("embed_placeholder", "da", ("Eksternt indhold", "Din browser understøtter ikke video")),
    PhraseGroup("embed_placeholder", "no", ("Eksternt innhold", "Nettleseren din støtter ikke video")),
    PhraseGroup("embed_placeholder", "fi", ("Ulkoinen sisältö", "Selaimesi ei tue videota")),
    # read-more teasers standing alone ----------------------------------------
    # recurring_short_lines.tsv: read more 31 hosts; extractor_leftover_lines.tsv: read more 4 sites;
    # aeb extractor outputs: "... more" 3 sites (Hearst caption expander), "Read More" (cnn.com);
    # trafilatura without: "Read More". Also (not in the corpus) the other teaser links.
    PhraseGroup("read_more", "en", (
        "Read more", "Read more…", "Continue reading", "Keep reading", "… more", "Read the full story",
        "Read the full article", "Read full story", "Read full article", "Click here to read more",
    )),
    # recurring_short_lines.tsv: weiterlesen 14 hosts; trafilatura without: "weiterlesen", "Jetzt
    # weiterlesen", "Hier weiterlesen", "Zum Weiterlesen". Also (not in the corpus) the other German
    # teaser links. Not "Weiter" (navigation, 9 hosts).
    PhraseGroup("read_more", "de", (
        "Weiterlesen", "Weiterlesen …", "Jetzt weiterlesen", "Hier weiterlesen", "Zum Weiterlesen",
        "Weiter lesen", "Mehr lesen", "Artikel lesen", "Ganzen Artikel lesen",
    )),
    # trafilatura without: "CZYTAJ WIĘCEJ W ..." (the teaser's start).
    PhraseGroup("read_more", "pl", ("Czytaj więcej", "Czytaj dalej", "Czytaj całość")),
    # issue 3: "Lire la suite", "Sigue leyendo"; the rest is publisher wording (not in the corpus).
    PhraseGroup("read_more", "fr", ("Lire la suite", "Lire la suite…", "Lire plus", "Lire l'article", "Lire l'article complet")),
    PhraseGroup("read_more", "es", ("Sigue leyendo", "Seguir leyendo", "Leer más", "Continuar leyendo", "Leer el artículo completo")),
    PhraseGroup("read_more", "it", ("Leggi tutto", "Leggi di più", "Continua a leggere", "Leggi l'articolo completo")),
    PhraseGroup("read_more", "pt", ("Leia mais", "Ler mais", "Continue lendo", "Continuar lendo", "Continuar a ler")),
    PhraseGroup("read_more", "nl", ("Lees meer", "Lees verder", "Verder lezen", "Lees het hele artikel")),
    PhraseGroup("read_more", "ru", ("Читать далее", "Читать дальше", "Читать полностью", "Подробнее")),
    PhraseGroup("read_more", "sv", ("Läs mer", "Läs vidare", "Läs hela artikeln")),
    PhraseGroup("read_more", "da", ("Læs mere", "Læs videre", "Læs hele artiklen")),
    PhraseGroup("read_more", "no", ("Les mer", "Les videre", "Les hele saken", "Les hele artikkelen")),
    PhraseGroup("read_more", "fi", ("Lue lisää", "Lue koko juttu", "Lue koko artikkeli")),
)

# -- patterns ------------------------------------------------------------------
# Consent notices with free text in them. The word-order variants of continue markers
# ("Story continues after this advertisement", "Der Text geht nach der Werbung weiter") are
# family grammars now, in placeholder_families.
# Matched with fullmatch on the folded key (lowercase, one "-" and one "'"), only
# when a hint is in the key. Every repeat is bounded and the key is at most
# MAX_LINE characters, so matching is linear; tests feed each a 1 MB worst case.

PATTERNS: tuple[Pattern, ...] = (
    # Consent notices in place of an embed: "Please accept cookies to view this content." (not in the
    # corpus, whose pages were fetched without consent boxes; issue 3 asks for them).
    Pattern("accept_cookies_en", "embed_placeholder", "en", ("cookie",), re.compile(
        r"(?:please |you (?:need|have) to |you must )?(?:accept|enable|allow)(?: all)? (?:[a-z0-9' -]{1,40} )?"
        r"cookies to (?:view|see|watch|display|load|play|show) this (?:content|video|embed|tweet|post|media|element|map|podcast)"
    )),
    # "This content is not available due to your privacy preferences." (not in the corpus). The
    # privacy/cookie/consent words are required: "This video is not available anymore." is content.
    Pattern("blocked_by_privacy_en", "embed_placeholder", "en", ("privacy", "consent", "cookie"), re.compile(
        r"this (?:content|video|embed|tweet|post|media|element) (?:is not available|is unavailable|is blocked|"
        r"cannot be (?:shown|displayed)) (?:due to|because of) (?:your )?(?:privacy|cookie|consent)[a-z ]{0,60}"
    )),
    # "An dieser Stelle finden Sie einen externen Inhalt von Twitter, der den Artikel ergänzt." (German
    # consent boxes, not in the corpus; trafilatura without has their "Externer Inhalt" heading).
    Pattern("externer_inhalt_de", "embed_placeholder", "de", ("an dieser stelle",), re.compile(
        r"an dieser stelle (?:finden sie|findest du|ist|befindet sich) [^.!?]{0,160}"
        r"(?:externe[nr]? inhalte?|inhalte? von|drittanbieter|eingebettete[nr]? inhalte?)[^.!?]{0,160}"
    )),
    # "Ce contenu est bloqué car vous n'avez pas accepté les cookies et autres traceurs." (French
    # consent boxes, not in the corpus).
    Pattern("contenu_bloque_fr", "embed_placeholder", "fr", ("bloque",), re.compile(
        r"ce contenu est bloque car vous n'avez pas accepte [^.!?]{0,120}"
    )),
)


def phrase_table(groups: Iterable[PhraseGroup]) -> dict[str, tuple[str, str]]:
    """Folded key -> (rule, language) of *groups*; a key listed twice is a data error."""
    table: dict[str, tuple[str, str]] = {}
    for group in groups:
        for phrase in group.phrases:
            key = placeholder_key(phrase)
            if not key or key in table:
                raise ValueError(f"placeholder phrase {phrase!r} ({group.language}) is empty or listed twice")
            table[key] = (group.rule, group.language)
    return table


#: The built-in phrases, folded: key -> (rule, language). Read-only.
BUILTIN_TABLE: Mapping[str, tuple[str, str]] = MappingProxyType(phrase_table(PHRASE_GROUPS))
