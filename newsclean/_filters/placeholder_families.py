"""Placeholder families as small grammars, one per family and language: data for the ``placeholders`` filter.

A *family* is one kind of placeholder line (an ad label, a loader, a wait
message, a skip-ad notice, a JavaScript/consent notice, a sponsored label, a
continue-below marker, a read-more link). In each language it is written as a
small grammar: a regex template over the folded line (see
:func:`~newsclean._filters.placeholder_patterns.placeholder_key`: lowercase, no
accents, one ``-``, one ``'``, one ``…``) whose ``<slot>`` references expand to
that language's word lists, ``(?:word|word|...)``. So ``loading <obj>`` covers
``Loading video``, ``Loading the comments…`` and ``Loading player`` without
listing each.

Every template is anchored by the filter (``fullmatch``), has no unbounded
repeat and no nested quantifier over overlapping text, so matching is linear;
``tests/test_placeholder_patterns.py`` feeds every compiled grammar its worst
near-misses. A grammar runs only when one of its anchor words (the first word
of each entry of its ``anchor`` slot) is a word of the line.

``context`` says what else must hold before a match is removed:

* ``none``: the line is a placeholder wherever it stands;
* ``not_in_list``: a one-word label that is also a noun (``Werbung``,
  ``Advertisement``): kept inside a run of short lines (a list of expenses or
  industries, a poll, a menu) and when the neighbouring paragraph is about it;
* ``furniture``: an ambiguous word (``Ad``, ``Advertising``, ``Anzeigen``,
  ``Loading``, ``Video``, ``Sponsored``): removed only alone between prose
  paragraphs or at the start or end of the document, and not when the
  neighbouring paragraph talks about it (then it is a heading).

Sources: the one-word labels and most loaders, read-more links and sponsored
labels are in ``../shared/corpus/stats/recurring_short_lines.tsv`` (host
counts in ``placeholder_patterns``), ``VIDEO`` in the aeb extractor outputs (13
lines on 8 pages, never in the ground truth), ``by taboola by taboola``,
``promoted links promoted links``, ``weitere laden...``, ``beitrag laden``,
``please wait...`` and ``sound the gallery will resume in seconds``
(dailynews.com, 5 articles of ``sites/``) in the same corpus. The word orders
and the other languages' wordings are publisher wording written from
knowledge of news sites and players, NOT checked against pages here (the
corpus is mostly en/de); each grammar only ever matches a whole short line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

__all__ = [
    "AD_TOPICS",
    "COMMON_SLOTS",
    "CONTEXTS",
    "FAMILIES",
    "SLOTS",
    "CompiledFamily",
    "Family",
    "anchor_index",
    "anchors",
    "builtin_families",
    "compile_families",
    "expand",
]

#: What must hold, besides the words, for a match to be removed (see the module docstring).
CONTEXTS: tuple[str, ...] = ("none", "not_in_list", "furniture")


class Family(NamedTuple):
    """One family's grammar in one language.

    ``rule`` is the family name (the change record's ``rule``); ``grammar`` a regex
    template over the folded line with ``<slot>`` references; ``anchor`` the slot
    whose words gate the grammar (or literal words, ``"werbepause|werbeunterbrechung"``); ``topic`` word stems that, in a neighbouring
    paragraph, make a ``furniture`` or ``not_in_list`` match a heading (a stem
    of 4+ letters also matches as a prefix).
    """

    rule: str
    language: str
    grammar: str
    anchor: str
    context: str = "none"
    topic: tuple[str, ...] = ()


# Slots every language shares. Bounded: <brand> is at most three words of 30 characters.
COMMON_SLOTS: Mapping[str, str] = MappingProxyType({
    "dots": "…?",
    "n": r"\d{1,3}",
    "sep": "(?: ?[-:|,/] ?| )",
    "brand": r"[^ ]{1,30}(?: [^ ]{1,30}){0,2}",
    "end": "(?:…|!)?",
})

# Words per language and slot, folded (lowercase, no accents). Longer entries first is not
# needed: every grammar is full-matched, so the engine tries the next entry when one fails.
SLOTS: Mapping[str, Mapping[str, tuple[str, ...]]] = MappingProxyType({
    "en": MappingProxyType({
        "ad": ("advertisement", "advertisements", "advert", "adverts"),
        "adany": ("ad", "ads", "advert", "adverts", "advertisement", "advertisements", "advertising", "commercial", "sponsor message"),
        "adweak": ("ad", "ads", "advertising"),
        "story": ("story", "article", "text", "content", "post", "report", "news", "review", "page"),
        "load": ("loading",),
        "obj": (
            "video", "videos", "the video", "video player", "player", "media", "media player", "audio", "audio player",
            "podcast", "comments", "comment", "the comments", "more comments", "content", "more content", "gallery",
            "photo gallery", "photos", "images", "image", "slideshow", "map", "the map", "interactive", "graphic",
            "graphics", "chart", "widget", "article", "articles", "story", "stories", "more stories", "more articles",
            "next article", "next story", "page", "results", "tweet", "tweets", "post", "posts", "feed", "poll",
            "quiz", "live blog", "updates", "ad", "ads", "advertisement", "more", "embed",
        ),
        "wait": ("please wait", "one moment please", "one moment, please", "please wait a moment", "please stand by",
                 "just a moment, please", "just a moment please", "please hold on"),
        "skip": ("skip", "you can skip"),
        "js": ("javascript",),
        "enable": ("enable", "please enable", "turn on", "please turn on", "activate", "please activate"),
        "see": ("view", "see", "watch", "play", "load", "display", "use", "access", "read", "show", "vote"),
        "embedobj": (
            "content", "this content", "the content", "video", "this video", "the video", "videos", "comments",
            "the comments", "comment", "slideshow", "this slideshow", "gallery", "this gallery", "map", "this map",
            "interactive", "this interactive", "graphic", "this graphic", "chart", "page", "this page", "site",
            "this site", "website", "post", "this post", "tweet", "this tweet", "embed", "this embed", "media",
            "player", "form", "this form", "poll", "this poll", "quiz", "this quiz", "podcast", "audio", "element",
            "widget", "article", "this article", "story", "this story", "all content", "all features",
        ),
        "sponsor": ("sponsored", "promoted", "paid", "partner", "branded"),
        "sponsorobj": (
            "content", "contents", "link", "links", "stories", "story", "post", "posts", "article", "articles",
            "partnership", "listing", "listings", "result", "results", "video", "videos", "products", "feature",
            "advert", "offers", "headlines",
        ),
        "network": ("taboola", "outbrain", "revcontent", "mgid", "zergnet", "plista", "ligatus", "nativo",
                    "dianomi", "content.ad", "adblade", "yieldmo", "sharethrough", "connatix"),
        "netlabel": ("ads", "ad", "sponsored links", "promoted links", "sponsored stories", "promoted stories",
                     "sponsored content", "recommended", "promoted", "sponsored", "from the web", "around the web",
                     "more from the web", "you may like", "paid content"),
        "weak_sponsor": ("sponsored", "promoted"),
        "read": ("read more", "continue reading", "keep reading", "read on", "click here to read more",
                 "read the rest", "read the full story", "read the full article", "read full story",
                 "read full article", "read the whole story", "read the entire article", "read the complete story",
                 "read the full report", "read the full post", "read the rest of this story",
                 "read the rest of this article", "read the rest of this entry", "read the rest of the story",
                 "read more stories", "read more articles"),
        "video": ("video", "videos"),
    }),
    "de": MappingProxyType({
        "ad": ("anzeige", "werbung", "werbeanzeige"),
        "adany": ("anzeige", "werbung", "werbeanzeige", "werbeblock", "reklame"),
        "adweak": ("anzeigen",),
        "story": ("artikel", "text", "beitrag", "bericht", "geschichte", "story", "der artikel", "der text",
                  "der beitrag", "der bericht", "die geschichte", "die story"),
        "cont": ("weiterlesen", "lesen sie weiter", "weiter im text", "fortsetzung", "weiter geht's", "es geht weiter",
                 "weiter geht es"),
        "load": ("wird geladen", "werden geladen", "lade", "laden", "ladt", "ladet", "wird gerade geladen"),
        "obj": (
            "video", "videos", "das video", "die videos", "videoplayer", "player", "der player", "kommentare",
            "die kommentare", "weitere kommentare", "alle kommentare", "inhalt", "der inhalt", "inhalte", "die inhalte",
            "galerie", "die galerie", "bildergalerie", "bilder", "fotos", "karte", "die karte", "artikel",
            "der artikel", "weitere artikel", "mehr artikel", "beitrag", "der beitrag", "beitrage", "weitere beitrage",
            "seite", "die seite", "audio", "podcast", "umfrage", "die umfrage", "grafik", "die grafik", "tweet",
            "tweets", "widget", "liveticker", "ticker", "newsticker", "ergebnisse", "mehr", "weitere", "werbung",
            "anzeige",
        ),
        "ladeobj": ("kommentare", "weitere kommentare", "alle kommentare", "mehr kommentare", "weitere", "mehr",
                    "beitrag", "video", "inhalt", "inhalte", "externe inhalte", "mehr artikel", "weitere artikel",
                    "weitere beitrage", "mehr beitrage", "mehr anzeigen"),
        "wait": ("bitte warten", "einen moment bitte", "einen moment, bitte", "bitte einen moment warten",
                 "bitte haben sie einen moment geduld", "bitte haben sie etwas geduld", "bitte kurz warten",
                 "einen augenblick bitte", "einen augenblick, bitte", "moment bitte", "moment, bitte"),
        "skip": ("werbung uberspringen", "anzeige uberspringen", "werbung ueberspringen", "uberspringen"),
        "js": ("javascript",),
        "enable": ("aktivieren sie", "bitte aktivieren sie", "aktiviere", "bitte aktiviere", "bitte javascript"),
        "embedobj": ("diesen inhalt", "den inhalt", "dieses video", "das video", "die kommentare", "inhalte",
                     "den player", "diese seite", "die karte", "die grafik", "die umfrage", "den beitrag",
                     "alle funktionen", "diese funktion", "die galerie"),
        "see": ("zu sehen", "anzuzeigen", "abzuspielen", "zu nutzen", "sehen zu konnen", "zu laden", "zu lesen",
                "nutzen zu konnen", "anzeigen zu konnen"),
        "sponsor": ("gesponsert", "gesponserter", "gesponserte", "gesponsertes"),
        "sponsorobj": ("inhalt", "beitrag", "artikel", "link", "links", "inhalte", "beitrage", "story"),
        "read": ("weiterlesen", "weiter lesen", "jetzt weiterlesen", "hier weiterlesen", "zum weiterlesen",
                 "mehr lesen", "artikel lesen", "ganzen artikel lesen", "den ganzen artikel lesen",
                 "den vollstandigen artikel lesen", "vollstandigen artikel lesen", "gesamten artikel lesen",
                 "lesen sie weiter", "lesen sie mehr", "hier lesen sie weiter", "mehr dazu lesen",
                 "zum artikel", "zum ganzen artikel", "zum vollstandigen artikel", "artikel weiterlesen",
                 "beitrag weiterlesen", "weiterlesen im artikel"),
        "video": ("video", "videos"),
    }),
    "fr": MappingProxyType({
        "ad": ("publicite", "publicites"),
        "adany": ("publicite", "pub", "annonce", "reclame"),
        "adweak": ("pub", "annonce", "annonces"),
        "story": ("l'article", "article", "le texte", "texte", "la lecture", "lecture", "l'info", "le reportage"),
        "load": ("chargement", "chargement en cours", "en cours de chargement"),
        "obj": ("video", "videos", "la video", "lecteur", "lecteur video", "du lecteur", "player", "commentaires",
                "contenu", "contenus", "article", "page", "galerie", "photos", "images", "carte", "diaporama",
                "donnees", "audio", "podcast", "publicite", "module", "widget", "tweet", "resultats", "sondage", "suite"),
        "wait": ("veuillez patienter", "merci de patienter", "merci de bien vouloir patienter", "patientez",
                 "patientez svp", "un instant s'il vous plait", "un instant, s'il vous plait", "un instant svp",
                 "un moment s'il vous plait", "un moment, s'il vous plait", "veuillez patienter svp"),
        "skip": ("passer", "ignorer", "fermer"),
        "js": ("javascript",),
        "enable": ("activer", "activez", "veuillez activer", "merci d'activer", "vous devez activer", "activez le",
                   "activer le", "veuillez activer le", "merci d'activer le", "vous devez activer le"),
        "embedobj": ("ce contenu", "cette video", "la video", "les commentaires", "le contenu", "ce lecteur",
                     "la carte", "cette page", "le sondage", "ce module", "l'infographie", "cette infographie"),
        "see": ("voir", "afficher", "lire", "visualiser", "charger", "acceder a", "regarder", "consulter"),
        "sponsor": ("sponsorise", "sponsorisee", "sponsorises", "sponsorisees", "partenaire", "de marque", "paye"),
        "sponsorobj": ("contenu", "contenus", "article", "articles", "publication", "lien", "liens", "annonce"),
        "read": ("lire la suite", "lire plus", "lire l'article", "lire l'article complet", "lire la suite de l'article",
                 "continuer la lecture", "poursuivre la lecture", "lire tout l'article", "voir la suite",
                 "la suite de l'article", "lire la suite de cet article"),
        "video": ("video", "videos"),
    }),
    "es": MappingProxyType({
        "ad": ("publicidad",),
        "adany": ("publicidad", "anuncio", "la publicidad", "el anuncio", "este anuncio", "esta publicidad"),
        "adweak": ("anuncio", "anuncios"),
        "story": ("la noticia", "noticia", "la nota", "nota", "el articulo", "articulo", "la informacion",
                  "el texto", "texto"),
        "load": ("cargando",),
        "obj": ("video", "videos", "el video", "los videos", "reproductor", "el reproductor", "comentarios",
                "los comentarios", "contenido", "el contenido", "contenidos", "articulo", "el articulo", "pagina",
                "la pagina", "galeria", "la galeria", "fotos", "imagenes", "mapa", "el mapa", "datos", "audio",
                "podcast", "publicidad", "anuncio", "noticias", "noticia", "resultados", "encuesta", "la encuesta",
                "mas", "mas noticias", "mas comentarios"),
        "wait": ("por favor espere", "por favor, espere", "espere por favor", "espere, por favor", "espera un momento",
                 "espere un momento", "un momento por favor", "un momento, por favor", "por favor, espere un momento",
                 "por favor espera", "espera, por favor"),
        "skip": ("saltar", "omitir", "saltar el", "omitir el", "saltar este", "omitir este"),
        "js": ("javascript",),
        "enable": ("habilita", "activa", "habilite", "active", "por favor habilita", "por favor, habilita",
                   "por favor habilite", "por favor, habilite", "por favor activa", "por favor, activa",
                   "por favor active", "por favor, active", "debes habilitar", "debe habilitar", "debes activar",
                   "debe activar"),
        "embedobj": ("este contenido", "el contenido", "este video", "el video", "los comentarios", "el mapa",
                     "la galeria", "esta pagina", "la encuesta", "el reproductor", "este grafico"),
        "see": ("ver", "reproducir", "cargar", "mostrar", "acceder a", "visualizar", "leer"),
        "sponsor": ("patrocinado", "patrocinada", "patrocinados", "patrocinadas", "de marca", "pagado"),
        "sponsorobj": ("contenido", "contenidos", "articulo", "nota", "notas", "enlaces", "enlace", "noticia"),
        "read": ("leer mas", "sigue leyendo", "seguir leyendo", "continuar leyendo", "continua leyendo",
                 "lee mas", "leer el articulo completo", "leer articulo completo", "leer la nota completa",
                 "leer la noticia completa", "lea mas", "siga leyendo", "ver nota completa", "leer completo"),
        "video": ("video", "videos"),
    }),
    "it": MappingProxyType({
        "ad": ("pubblicita",),
        "adany": ("pubblicita", "la pubblicita", "questa pubblicita", "annuncio", "l'annuncio", "questo annuncio"),
        "adweak": ("annuncio", "sponsor"),
        "story": ("l'articolo", "articolo", "la notizia", "notizia", "il testo", "testo", "la lettura", "lettura"),
        "load": ("caricamento", "caricamento in corso", "in caricamento", "sto caricando"),
        "obj": ("video", "del video", "player", "del player", "lettore", "del lettore", "commenti", "dei commenti",
                "contenuto", "del contenuto", "contenuti", "dei contenuti", "articolo", "dell'articolo", "pagina",
                "della pagina", "galleria", "della galleria", "foto", "delle foto", "immagini", "delle immagini",
                "mappa", "della mappa", "dati", "dei dati", "audio", "podcast", "pubblicita", "della pubblicita",
                "annuncio", "dell'annuncio", "notizie", "delle notizie", "risultati", "dei risultati", "sondaggio",
                "del sondaggio"),
        "wait": ("attendere", "attendere prego", "attendere, prego", "si prega di attendere", "per favore attendere",
                 "per favore, attendere", "attendi", "un momento per favore", "un momento, per favore",
                 "attendere un momento", "attendi un momento"),
        "skip": ("salta", "ignora", "chiudi"),
        "js": ("javascript",),
        "enable": ("abilita", "attiva", "abilitare", "attivare", "per favore abilita", "per favore, abilita",
                   "devi abilitare", "devi attivare", "e necessario abilitare", "e necessario attivare"),
        "embedobj": ("questo contenuto", "il contenuto", "questo video", "il video", "i commenti", "la mappa",
                     "la galleria", "questa pagina", "il sondaggio", "il player", "il grafico"),
        "see": ("vedere", "visualizzare", "riprodurre", "caricare", "leggere", "guardare", "accedere a"),
        "sponsor": ("sponsorizzato", "sponsorizzata", "sponsorizzati", "sponsorizzate", "a pagamento",
                    "promozionale", "di marca"),
        "sponsorobj": ("contenuto", "contenuti", "articolo", "articoli", "link", "notizia", "post"),
        "read": ("leggi tutto", "leggi di piu", "continua a leggere", "leggi l'articolo", "leggi l'articolo completo",
                 "prosegui la lettura", "leggi il resto", "leggi la notizia completa", "continua la lettura",
                 "leggi tutto l'articolo", "leggi la notizia", "leggi ancora"),
        "video": ("video",),
    }),
    "pt": MappingProxyType({
        "ad": ("publicidade",),
        "adany": ("publicidade", "a publicidade", "anuncio", "o anuncio", "este anuncio"),
        "adweak": ("anuncio", "anuncios", "publi"),
        "story": ("a materia", "materia", "a reportagem", "reportagem", "a noticia", "noticia", "o artigo", "artigo",
                  "o texto", "texto", "a leitura", "leitura"),
        "load": ("carregando", "a carregar", "carregar"),
        "obj": ("video", "o video", "videos", "os videos", "player", "o player", "reprodutor", "comentarios",
                "os comentarios", "mais comentarios", "conteudo", "o conteudo", "conteudos", "artigo", "o artigo",
                "materia", "a materia", "pagina", "a pagina", "galeria", "a galeria", "fotos", "imagens", "mapa",
                "o mapa", "dados", "audio", "podcast", "publicidade", "anuncio", "noticias", "resultados",
                "enquete", "a enquete", "mais", "mais noticias"),
        "wait": ("aguarde", "por favor aguarde", "por favor, aguarde", "aguarde por favor", "aguarde, por favor",
                 "aguarde um momento", "aguarde um instante", "um momento por favor", "um momento, por favor",
                 "espere um momento", "por favor espere"),
        "skip": ("pular", "ignorar", "saltar", "fechar"),
        "js": ("javascript",),
        "enable": ("ative", "habilite", "ativar", "habilitar", "por favor ative", "por favor, ative",
                   "por favor habilite", "por favor, habilite", "voce precisa ativar", "voce precisa habilitar",
                   "e necessario ativar", "e necessario habilitar"),
        "embedobj": ("este conteudo", "o conteudo", "este video", "o video", "os comentarios", "o mapa",
                     "a galeria", "esta pagina", "a enquete", "o player", "este grafico"),
        "see": ("ver", "visualizar", "assistir", "reproduzir", "carregar", "ler", "acessar", "aceder a"),
        "sponsor": ("patrocinado", "patrocinada", "patrocinados", "patrocinadas", "pago", "de marca"),
        "sponsorobj": ("conteudo", "conteudos", "materia", "artigo", "links", "link", "noticia", "post"),
        "read": ("leia mais", "ler mais", "continue lendo", "continuar lendo", "continuar a ler", "continue a ler",
                 "leia a materia completa", "leia a reportagem completa", "leia a noticia completa",
                 "ler artigo completo", "ler o artigo completo", "leia o artigo completo", "ler a noticia completa",
                 "saiba mais e leia", "leia na integra", "ler na integra"),
        "video": ("video", "videos"),
    }),
    "nl": MappingProxyType({
        "ad": ("advertentie",),
        "adany": ("advertentie", "de advertentie", "deze advertentie", "reclame", "de reclame"),
        "adweak": ("advertenties", "reclame"),
        "story": ("het artikel", "artikel", "de tekst", "tekst", "het verhaal", "verhaal", "het bericht", "bericht"),
        "load": ("laden", "wordt geladen", "worden geladen", "bezig met laden", "aan het laden"),
        "obj": ("video", "de video", "video's", "videos", "speler", "de speler", "videospeler", "reacties",
                "de reacties", "meer reacties", "inhoud", "de inhoud", "content", "artikel", "het artikel", "pagina",
                "de pagina", "galerij", "de galerij", "foto's", "fotos", "afbeeldingen", "kaart", "de kaart",
                "gegevens", "audio", "podcast", "advertentie", "meer", "tweet", "resultaten", "poll", "peiling"),
        "wait": ("even geduld", "even geduld alstublieft", "even geduld aub", "even geduld a.u.b", "een ogenblik",
                 "een ogenblik geduld", "een ogenblik alstublieft", "ogenblik geduld", "wacht even", "even wachten",
                 "een moment geduld", "een moment alstublieft", "even geduld a.u.b", "even geduld, alstublieft"),
        "skip": ("advertentie overslaan", "reclame overslaan", "overslaan"),
        "js": ("javascript",),
        "enable": ("schakel", "zet", "activeer", "schakel a.u.b"),
        "embedobj": ("de inhoud", "deze inhoud", "de video", "deze video", "de reacties", "de kaart", "de galerij",
                     "deze pagina", "de poll", "de peiling", "de speler", "content"),
        "see": ("bekijken", "zien", "laden", "spelen", "lezen", "afspelen", "gebruiken"),
        "sponsor": ("gesponsorde", "gesponsord", "betaalde"),
        "sponsorobj": ("inhoud", "content", "artikel", "artikelen", "link", "links", "berichten", "bericht",
                       "samenwerking", "verhaal"),
        "read": ("lees meer", "lees verder", "verder lezen", "lees het hele artikel", "lees het volledige artikel",
                 "lees het hele verhaal", "meer lezen", "lees het artikel", "lees het volledige verhaal",
                 "hier verder lezen"),
        "video": ("video", "video's"),
    }),
})

# Word stems that, in a neighbouring paragraph, show a one-word ad label is the heading of a
# text about advertising (used with the not_in_list and furniture contexts).
AD_TOPICS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "en": ("ad", "ads", "advert", "commercial"),
    "de": ("werb", "anzeig", "reklam"),
    "fr": ("pub", "publicit", "annonc"),
    "es": ("publicid", "anunci"),
    "it": ("pubblicit", "annunc", "sponsor"),
    "pt": ("publicid", "anunci"),
    "nl": ("advertent", "reclam"),
    "pl": ("reklam",),
    "ru": ("реклам",),
    "sv": ("annons", "reklam"),
    "da": ("reklam", "annonc"),
    "no": ("annons", "reklam"),
    "fi": ("mainos", "mainon"),
})
_MAIN = ("en", "de", "fr", "es", "it", "pt", "nl")  # the languages with grammars
_LOAD_TOPICS = ("load", "lade", "geladen", "charg", "carga", "caric", "carreg")
_VIDEO_TOPICS = ("video",)
_SPONSOR_TOPICS = ("sponsor", "promot", "paid", "partner")


def _families(lang: str, rows: tuple[tuple[str, str, str], ...]) -> tuple[Family, ...]:
    return tuple(Family(rule, lang, grammar, anchor) for rule, anchor, grammar in rows)


#: Every family in every language, in matching order: the first grammar that matches wins.
FAMILIES: tuple[Family, ...] = (
    # -- English --------------------------------------------------------------------------------
    *_families("en", (
        # "Advertisement - Continue Reading Below" (Hearst), "Story continues below advertisement"
        # (issue 3), "Article continues after this ad", "Scroll to continue with content"; not
        # "Story continues below gallery" (aeb ground truth keeps it).
        ("continue_marker", "story",
         "(?:<ad><sep>)?(?:the )?<story> (?:continues|resumes) (?:below|after|under|beneath)"
         "(?: (?:the|this|these))?(?: (?:<adany>|video|videos))?"),
        ("continue_marker", "ad",
         "<ad><sep>(?:continue|keep) (?:reading|scrolling)(?: (?:below|to continue))?"),
        ("continue_marker", "adany",
         "(?:continue|keep) (?:reading|scrolling) (?:below|after) (?:the |this )?<adany>"),
        ("continue_marker", "scroll", "(?:scroll|scroll down|keep scrolling) to (?:continue|keep) reading"),
        ("ad_break", "skip",
         r"<skip> (?:this )?<adany>(?: in <n>(?: ?(?:s|sec|secs|seconds?))?)?"),
        ("ad_break", "adany",
         r"<adany>(?: <n> (?:of|/) <n>)?(?: ?[-:·|] ?| )(?:\d{1,2}:\d{2}|ends in <n>(?: ?(?:s|seconds?))?)"),
        ("ad_break", "adany", "<adany> <n> (?:of|/) <n>"),
        ("ad_break", "adany", "(?:ad|ads|advertisement) break|<adany> (?:playing|will play shortly|will end shortly)"),
        ("ad_break", "will",
         "(?:<adany><sep>)?(?:your |the )?(?:video|content|program|programme|show|gallery|slideshow) will "
         "(?:begin|play|start|resume|continue) (?:in(?: <n>)? seconds?|after (?:the|this|a) "
         "(?:ad|ads|advertisement|break|message|short break)|shortly)"),
        ("ad_break", "sound", "sound the gallery will resume in(?: <n>)? seconds"),
        ("loader", "load", "(?:like )?<load>…"),
        ("loader", "load", "<load>(?: the| your| more)? <obj><dots>"),
        ("loader", "obj", "(?:the )?<obj> (?:is |are )?<load><dots>"),
        ("loader", "load", "<load><sep>please wait<end>"),
        ("wait", "wait", "<wait><end>"),
        ("wait", "wait", "just a moment…"),
        ("wait", "wait", "please wait while (?:the |your |we load the )?<obj> (?:loads|is loading|loads up)<end>"),
        ("embed_placeholder", "enable",
         "<enable> <js>(?: in your browser)?(?: to <see>(?: (?:the|this|these|all))? <embedobj>"
         "(?: powered by disqus)?)?"),
        ("embed_placeholder", "js",
         "<js> (?:is )?(?:required|disabled|needed|not enabled)(?: to <see> <embedobj>)?"),
        ("embed_placeholder", "embedobj", "(?:this |the )?<embedobj> requires <js>(?: to (?:run|work|display|play))?"),
        ("embed_placeholder", "see",
         "you (?:need|have|must)(?: to)? (?:enable|turn on|have) <js>(?: enabled)?(?: in your browser)? "
         "to <see> <embedobj>"),
        ("embed_placeholder", "see",
         "to <see> <embedobj>,? (?:please )?enable <js>(?:,? and consider upgrading to a web browser that "
         "supports html5 video)?"),
        ("sponsored", "sponsor", "<sponsor> <sponsorobj>(?: <sponsor> <sponsorobj>)?"),
        ("sponsored", "network", "(?:<netlabel> )?(?:by|from|powered by) <network>(?: (?:by|from) <network>)?"),
        ("sponsored", "google", "(?:ads|ad|advertisements?|sponsored links) by google"),
        ("sponsored", "netlabel", "<netlabel> (?:by|from|powered by) <network>"),
        ("read_more", "read", "<read><end>"),
    )),
    # -- German ---------------------------------------------------------------------------------
    *_families("de", (
        ("continue_marker", "story",
         "(?:<ad><sep>)?<story> (?:wird|geht) (?:unter|unterhalb|nach) (?:der|dieser|dem) "
         "(?:<adany>|video) (?:fortgesetzt|weiter)"),
        ("continue_marker", "cont",
         "(?:<ad><sep>)?<cont> (?:nach|unter|unterhalb) (?:der|dieser|dem) (?:<adany>|video)"),
        ("continue_marker", "ad", "<ad><sep>(?:<cont>|<story> geht weiter)(?: unten)?"),
        ("continue_marker", "lesen", "lesen sie nach (?:der|dieser) <adany> weiter"),
        ("ad_break", "skip", "<skip>(?: in <n>(?: ?(?:s|sek|sekunden?))?)?"),
        ("ad_break", "adany", "<adany> (?:endet|schliesst sich|schliesst) in <n>(?: ?(?:s|sek|sekunden?))?"),
        ("ad_break", "adany", "<adany> <n> (?:von|/) <n>"),
        ("ad_break", "video",
         "(?:das |ihr )?video (?:startet|beginnt|wird fortgesetzt|geht weiter|folgt) "
         "(?:in <n> sekunden?|nach (?:der|dieser|dem) <adany>|gleich)"),
        ("ad_break", "werbepause|werbeunterbrechung", "werbepause|werbeunterbrechung"),
        ("loader", "load", "(?:gefallt mir |liken )?<load>…"),
        ("loader", "geladen", "(?:<obj> )?(?:wird|werden) (?:gerade )?geladen(?:<sep>bitte warten)?<end>"),
        ("loader", "load", "(?:lade|ladt|ladet) <obj><dots>"),
        ("loader", "obj", "<obj> (?:lade|ladt|ladet)…"),
        ("loader", "ladeobj", "<ladeobj> laden<dots>"),
        ("wait", "wait", "<wait><end>"),
        ("wait", "wait", "einen moment…"),
        ("embed_placeholder", "enable",
         "<enable>(?: <js>)?(?: in ihrem browser)?,? um <embedobj> <see>"),
        ("embed_placeholder", "enable", "<enable> <js>"),
        ("embed_placeholder", "js",
         "<js> (?:ist )?(?:deaktiviert|erforderlich|notwendig|nicht aktiviert)|<js> wird benotigt"),
        ("embed_placeholder", "embedobj",
         "um <embedobj> <see>,? (?:mussen|musst|muss) [^.!?]{1,80}(?:zustimmen|aktivieren|akzeptieren|erlauben)"),
        ("sponsored", "sponsor", "<sponsor> <sponsorobj>"),
        ("sponsored", "anzeige|anzeigen|werbung|werbeanzeige", "(?:<ad>|anzeigen) (?:von|powered by|by) <brand>"),
        ("sponsored", "ad", "(?:<ad>|unbezahlte werbung)(?:,| -| :)? (?:enthalt|enthaelt) (?:affiliate[- ]links|werbung)"),
        ("read_more", "read", "<read><end>"),
    )),
    # -- French ---------------------------------------------------------------------------------
    *_families("fr", (
        ("continue_marker", "apres|sous",
         "(?:<ad><sep>)?(?:la )?(?:suite|<story> (?:continue|se poursuit|reprend)) "
         "(?:de l'article |du texte )?(?:apres|sous) (?:cette|la|une|ce) (?:<adany>|video)"),
        ("continue_marker", "apres|sous",
         "(?:la )?suite (?:de l'article |du texte |de votre article )?(?:apres|sous) (?:cette|la|une|ce) "
         "(?:<adany>|video)"),
        ("continue_marker", "ad", "<ad><sep>(?:la )?suite (?:ci-dessous|en dessous|plus bas|de l'article)"),
        ("ad_break", "skip",
         "<skip> (?:la |cette |l')?(?:<adany>)(?: dans <n>(?: ?(?:s|sec|secondes?))?)?"),
        ("ad_break", "adany", "<adany> <n> (?:sur|/) <n>"),
        ("ad_break", "video",
         "(?:votre |la )?video (?:commence|debute|demarre|va commencer|reprendra|reprend|va reprendre) "
         "(?:dans <n> secondes?|apres (?:la|cette|une) (?:<adany>))"),
        ("loader", "load", "(?:j'aime )?<load>…"),
        ("loader", "load", "<load>(?: en cours)? (?:du |des |de la |de l'|d'|de )<obj><dots>"),
        ("loader", "obj", "(?:la |le |les )?<obj> (?:est |sont )?en cours de chargement<dots>"),
        ("wait", "wait", "<wait><end>"),
        ("wait", "load", "chargement en cours,? veuillez patienter<end>"),
        ("embed_placeholder", "enable",
         "<enable> <js>(?: dans votre navigateur)?(?: pour <see> <embedobj>)?"),
        ("embed_placeholder", "js", "<js> (?:est )?(?:requis|necessaire|desactive|indispensable)"),
        ("embed_placeholder", "see",
         "pour <see> <embedobj>,? (?:vous devez|veuillez|merci d'|il faut) [^.!?]{1,100}"
         "(?:accepter|activer|autoriser|consentir)[^.!?]{0,60}"),
        ("sponsored", "sponsor", "<sponsorobj> <sponsor>s?"),
        ("sponsored", "sponsorise|sponsorisee|publireportage|publi-reportage|contenu",
         "sponsorise|sponsorisee|publireportage|publi-reportage|contenu partenaire"),
        ("sponsored", "publicite|contenu", "(?:<ad>|contenu propose) (?:de|par) <network>"),
        ("read_more", "read", "<read><end>"),
    )),
    # -- Spanish --------------------------------------------------------------------------------
    *_families("es", (
        ("continue_marker", "continua|sigue",
         "(?:<ad><sep>)?(?:<story> )?(?:continua|sigue)(?: leyendo| la nota| la noticia)? "
         "(?:despues de|debajo de|tras|bajo) (?:la |el |este |esta )?(?:<adany>|video)"),
        ("continue_marker", "continua|sigue",
         "(?:<ad><sep>)?(?:<story> )?(?:continua|sigue)(?: leyendo)? (?:despues|debajo) del? (?:anuncio|video)"),
        ("ad_break", "skip",
         "<skip> (?:la |el |este |esta )?(?:<adany>)(?: en <n>(?: ?(?:s|seg|segundos?))?)?"),
        ("ad_break", "adany", "<adany> <n> de <n>"),
        ("ad_break", "adany", "(?:la )?<adany> (?:termina|acaba|finaliza) en <n>(?: ?(?:s|segundos?))?"),
        ("ad_break", "video",
         "(?:tu |su |el )?video (?:comenzara|empezara|se reproducira|continuara|iniciara) "
         "(?:en <n> segundos?|despues de (?:la )?publicidad|despues del anuncio|tras la publicidad)"),
        ("loader", "load", "<load>…"),
        ("loader", "load", "<load> <obj><dots>"),
        ("loader", "obj", "(?:el |la |los |las )?<obj> (?:se esta|esta|se estan|estan) cargando<dots>"),
        ("wait", "wait", "<wait><end>"),
        ("wait", "load", "cargando,? por favor,? espere<end>"),
        ("embed_placeholder", "enable",
         "<enable> (?:el )?<js>(?: en tu navegador| en su navegador)?(?: para <see> <embedobj>)?"),
        ("embed_placeholder", "js",
         "(?:el )?<js> (?:es )?(?:necesario|requerido|esta desactivado|esta deshabilitado|obligatorio)"),
        ("embed_placeholder", "see",
         "para <see> <embedobj>,? (?:debes|debe|es necesario|tienes que|tiene que) [^.!?]{1,100}"
         "(?:aceptar|activar|habilitar|permitir)[^.!?]{0,60}"),
        ("sponsored", "sponsor", "<sponsorobj> <sponsor>"),
        ("sponsored", "patrocinado|patrocinada|publirreportaje|contenido",
         "patrocinado|patrocinada|publirreportaje|contenido de marca|contenido pagado"),
        ("read_more", "read", "<read><end>"),
    )),
    # -- Italian --------------------------------------------------------------------------------
    *_families("it", (
        ("continue_marker", "continua|prosegue",
         "(?:<ad><sep>)?(?:<story> )?(?:continua|prosegue)(?: a leggere)? (?:dopo|sotto) "
         "(?:la |il |questa |questo |l')?(?:<adany>|video)"),
        ("ad_break", "skip",
         "<skip> (?:la |l'|questa |questo |il )?(?:<adany>)(?: tra <n>(?: ?(?:s|sec|secondi))?)?"),
        ("ad_break", "adany", "<adany> <n> (?:di|/) <n>"),
        ("ad_break", "video",
         "(?:il )?(?:tuo )?video (?:iniziera|comincera|partira|riprendera|continuera) "
         "(?:tra <n> secondi|dopo (?:la|questa) pubblicita|dopo l'annuncio)"),
        ("loader", "load", "(?:mi piace )?<load>…"),
        ("loader", "load", "<load>(?: in corso)? (?:<obj>)<dots>"),
        ("loader", "obj", "(?:il |la |i |le )?<obj> (?:e |sono )?in caricamento<dots>"),
        ("wait", "wait", "<wait><end>"),
        ("embed_placeholder", "enable",
         "<enable> (?:il )?<js>(?: nel tuo browser| nel browser)?(?: per <see> <embedobj>)?"),
        ("embed_placeholder", "js", "(?:il )?<js> (?:e )?(?:richiesto|necessario|disabilitato|disattivato)"),
        ("embed_placeholder", "see",
         "per <see> <embedobj>,? (?:devi|e necessario|occorre|bisogna) [^.!?]{1,100}"
         "(?:accettare|attivare|abilitare|consentire)[^.!?]{0,60}"),
        ("sponsored", "sponsor", "<sponsorobj> <sponsor>"),
        ("sponsored", "sponsorizzato|sponsorizzata|publiredazionale|contenuto",
         "sponsorizzato|sponsorizzata|publiredazionale|contenuto promozionale"),
        ("read_more", "read", "<read><end>"),
    )),
    # -- Portuguese -----------------------------------------------------------------------------
    *_families("pt", (
        ("continue_marker", "continua|segue|continue",
         "(?:<ad><sep>)?(?:<story> )?(?:continua|segue|continue lendo)(?: depois)? "
         "(?:apos (?:a |o )?|depois (?:da|do) |abaixo (?:da|do) |em seguida a )(?:publicidade|anuncio|video)"),
        ("ad_break", "skip",
         "<skip> (?:o |a |este |esta )?(?:<adany>)(?: em <n>(?: ?(?:s|seg|segundos?))?)?"),
        ("ad_break", "adany", "<adany> <n> de <n>"),
        ("ad_break", "video",
         "(?:o )?(?:seu )?video (?:comecara|comeca|iniciara|continuara|vai comecar) "
         "(?:em <n> segundos?|apos (?:a |o )?(?:publicidade|anuncio)|depois (?:da publicidade|do anuncio))"),
        ("loader", "load", "(?:curtir )?(?:carregando|a carregar)…"),
        ("loader", "load", "(?:carregando|a carregar|carregar) (?:o |a |os |as |mais )?<obj><dots>"),
        ("loader", "obj", "(?:o |a |os |as )?<obj> (?:esta |estao )?(?:carregando|a carregar)<dots>"),
        ("wait", "wait", "<wait><end>"),
        ("embed_placeholder", "enable",
         "<enable> o <js>(?: no seu navegador| no navegador)?(?: para <see> <embedobj>)?"),
        ("embed_placeholder", "js", "(?:o )?<js> (?:e )?(?:necessario|obrigatorio|esta desativado|esta desabilitado)"),
        ("embed_placeholder", "see",
         "para <see> <embedobj>,? (?:voce precisa|e necessario|precisa|tem de|tem que) [^.!?]{1,100}"
         "(?:aceitar|ativar|habilitar|permitir)[^.!?]{0,60}"),
        ("sponsored", "sponsor", "<sponsorobj> <sponsor>"),
        ("sponsored", "patrocinado|patrocinada|informe|publieditorial|conteudo",
         "patrocinado|patrocinada|informe publicitario|publieditorial|conteudo de marca"),
        ("read_more", "read", "<read><end>"),
    )),
    # -- Dutch ----------------------------------------------------------------------------------
    *_families("nl", (
        ("continue_marker", "onder|na|beneden",
         "(?:<ad><sep>)?(?:<story> gaat verder|lees verder|verder lezen) (?:onder|na|beneden)"
         "(?: de| deze| het)? (?:<adany>|video)"),
        ("ad_break", "skip", "<skip>(?: over <n>(?: ?(?:s|sec|seconden))?)?"),
        ("ad_break", "adany", "<adany> <n> (?:van|/) <n>"),
        ("ad_break", "video",
         "(?:je |uw |de )?video (?:begint|start|gaat verder) (?:over <n> seconden|na (?:de|deze) "
         "(?:advertentie|reclame))"),
        ("loader", "load", "(?:vind ik leuk )?(?:laden|bezig met laden|aan het laden)…"),
        ("loader", "geladen", "(?:<obj> )?(?:wordt|worden) geladen<dots>"),
        ("loader", "load", "(?:bezig met laden|laden) van <obj><dots>"),
        ("loader", "obj", "<obj> (?:laden|aan het laden)…"),
        ("loader", "obj", "(?:meer|meer reacties|reacties|meer artikelen) laden<dots>"),
        ("wait", "wait", "<wait><end>"),
        ("wait", "wait", "even geduld…|een ogenblik…"),
        ("embed_placeholder", "enable",
         "<enable> <js> in(?: om <embedobj> te <see>)?"),
        ("embed_placeholder", "js", "<js> (?:is )?(?:vereist|nodig|uitgeschakeld)"),
        ("embed_placeholder", "see",
         "om <embedobj> te <see>,? (?:moet je|moet u|dient u|heb je|hebt u) [^.!?]{1,100}"
         "(?:accepteren|toestaan|inschakelen|toestemming)[^.!?]{0,60}"),
        ("sponsored", "sponsor", "<sponsor> <sponsorobj>"),
        ("sponsored", "sponsor", "gesponsord|betaalde samenwerking"),
        ("read_more", "read", "<read><end>"),
    )),
    # -- one-word labels that are also nouns: removed unless in a list or under a heading ---------
    *(Family("ad_label", lang, "<ad>", "ad", "not_in_list", AD_TOPICS[lang]) for lang in _MAIN),
    # -- ambiguous words: removed only as page furniture (see CONTEXTS) ---------------------------
    # extractor_leftover_lines.tsv / recurring_short_lines.tsv: advertising 33 hosts (also an ad
    # sales link and an industry), anzeigen 28 (also classifieds), video 115 hosts and 13 "VIDEO"
    # lines left by Readability in the aeb outputs, sponsored 8.
    *(Family("ad_label", lang, "<adweak>", "adweak", "furniture", AD_TOPICS[lang]) for lang in _MAIN),
    Family("loader", "en", "<load>", "load", "furniture", _LOAD_TOPICS),
    Family("loader", "fr", "chargement", "load", "furniture", _LOAD_TOPICS),
    Family("loader", "es", "cargando", "load", "furniture", _LOAD_TOPICS),
    Family("loader", "it", "caricamento", "load", "furniture", _LOAD_TOPICS),
    Family("loader", "pt", "carregando", "load", "furniture", _LOAD_TOPICS),
    *(Family("embed_placeholder", lang, "<video>", "video", "furniture", _VIDEO_TOPICS) for lang in ("en", "de", "fr", "nl")),
    Family("sponsored", "en", "<weak_sponsor>", "weak_sponsor", "furniture", _SPONSOR_TOPICS),
)

_SLOT = re.compile(r"<([a-z_]{1,20})>")


def expand(grammar: str, language: str, slots: Mapping[str, Mapping[str, tuple[str, ...]]] = SLOTS) -> str:
    """The regex of *grammar* in *language*: each ``<slot>`` becomes ``(?:word|word|...)``.

    A slot the language does not define, and is not common, is a data error.

    >>> expand("<load><dots>", "en")
    '(?:loading)…?'
    """

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in COMMON_SLOTS:
            return COMMON_SLOTS[name]
        words = slots.get(language, {}).get(name)
        if words is None:
            # a user family (language "custom") may use any language's words
            words = tuple(w for lang in slots.values() for w in lang.get(name, ()))
        if not words:
            raise ValueError(f"placeholder grammar {grammar!r} ({language}): unknown slot <{name}>")
        return "(?:" + "|".join(re.escape(w) for w in dict.fromkeys(words)) + ")"

    return _SLOT.sub(one, grammar)


def anchors(family: Family, slots: Mapping[str, Mapping[str, tuple[str, ...]]] = SLOTS) -> frozenset[str]:
    """The words that gate *family*: the first word of each entry of its anchor slot.

    For an anchor that is no slot of its language (a literal grammar), the first
    word of each alternative of the grammar.
    """
    words = slots.get(family.language, {}).get(family.anchor)
    if words is None and family.language == "custom":
        words = tuple(w for lang in slots.values() for w in lang.get(family.anchor, ()))
    if words is None:
        words = tuple(family.anchor.split("|"))
    return frozenset(_anchor_word(w) for w in words)


# Words too common to gate a grammar: an entry's first word not among these is its anchor.
_COMMON_WORDS = frozenset(
    "the this these a an your you to more all please der die das dieses diesen den dem ein einen mehr alle bitte "
    "le la les l' ce cette du des de d' el los las este esta un una il lo i questo questa o os as um uma het deze "
    "dit een por per para pour om en in".split()
)


def _anchor_word(entry: str) -> str:
    words = [w.strip(",") for w in entry.split(" ")]
    return next((w for w in words if w not in _COMMON_WORDS), words[0])


class CompiledFamily(NamedTuple):
    """A family with its grammar compiled (full-matched on the folded line) and its anchor words."""

    family: Family
    regex: re.Pattern[str]
    anchors: frozenset[str]


def compile_families(families: tuple[Family, ...]) -> tuple[CompiledFamily, ...]:
    """Compile each family's grammar once; a grammar that is no valid regex is a data error."""
    return tuple(CompiledFamily(f, re.compile(expand(f.grammar, f.language)), anchors(f)) for f in families)


def anchor_index(compiled: tuple[CompiledFamily, ...]) -> Mapping[str, tuple[int, ...]]:
    """Anchor word -> positions in *compiled* of the families it gates, in matching order."""
    index: dict[str, list[int]] = {}
    for position, item in enumerate(compiled):
        for word in item.anchors:
            index.setdefault(word, []).append(position)
    return MappingProxyType({word: tuple(found) for word, found in index.items()})


@functools.cache
def builtin_families() -> tuple[tuple[CompiledFamily, ...], Mapping[str, tuple[int, ...]]]:
    """The built-in families compiled, and their anchor index; built on first use (about 0.1 s).

    Not at import: ``import newsclean`` stays cheap.
    """
    compiled = compile_families(FAMILIES)
    return compiled, anchor_index(compiled)
