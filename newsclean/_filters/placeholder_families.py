"""Placeholder families as small grammars, one per family and language: data for the ``placeholders`` filter.

A *family* is one kind of placeholder line (an ad label, a loader, a wait
message, a skip-ad notice, a JavaScript/consent notice, a sponsored label, a
continue-below marker, a read-more link). In each language it is written as a
small grammar: a regex template over the folded line (see
:func:`~newsclean._filters.placeholder_patterns.placeholder_key`: lowercase, no
accents, one ``-``, one ``'``, one ``…``) whose ``<slot>`` references expand to
that language's word lists in :mod:`newsclean._filters.placeholder_words`,
``(?:word|word|...)``. So ``loading <obj>`` covers
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

from newsclean._filters.placeholder_words import AD_TOPICS, COMMON_SLOTS, SLOTS

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
