"""Page-furniture shapes as data: what the ``furniture`` filter removes.

Every entry matches a *whole* line (or one whole sentence of a short line made
only of such sentences), folded by :func:`fold`: lower-cased, one apostrophe
and one dash, bullets, arrows and wrapping punctuation stripped, spaces
collapsed. Nothing here matches a word inside a sentence. Each group says
where it comes from:

* ``aeb outputs``: lines that real extractors (trafilatura, readability,
  newspaper, goose3) left in ``../shared/corpus/articles/aeb_extractor_outputs.jsonl``
  and that are not in the human ground truth (the site is named);
* ``sites/<host>``: recurring lines of ``../shared/corpus/sites/`` (ReCOVery,
  FakeNewsCorpus); for the German fang-covid sites, which have no licence,
  only the *shape* is written here, never their text;
* ``trafilatura without``: boilerplate snippets of ``articles/trafilatura_evaldata.jsonl``;
* ``publisher wording (not in the corpus)``: the form as news sites print it
  in that language, written from knowledge of those sites and not checked
  against pages here (the corpus is mostly en/de).

Left out on purpose, because the aeb ground truth or Readability's expected
output keeps them as article text: the unlabelled "The views and opinions
expressed ... do not necessarily reflect those of ..." line, agency copyright
notices, "Originally published on ..." (all three are in the opt-in
``metadata`` family instead), AP's ``UP NEXT`` section heading, "Click here to
get more information ..." and "Sign up for ..." followed by a product.

Every repeat is bounded and lines are at most :data:`MAX_LINE` characters;
``tests/test_regexes.py`` audits the module-level patterns on 100,000
characters of hostile input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

__all__ = [
    "BRACKET_PATTERNS",
    "COMMENT_ENDS",
    "COMMENT_HEADINGS",
    "CONTEXT",
    "DEFAULT_RULES",
    "EMPTIED_TEASER",
    "FIRST_PAIRS",
    "FIRST_WORDS",
    "FREE_START_HINTS",
    "HEADINGS",
    "HEADING_PATTERN",
    "LINE_PATTERNS",
    "MAX_LINE",
    "METADATA_PATTERNS",
    "REASONS",
    "REPORTED",
    "RULES",
    "SENTENCE_PATTERNS",
    "TEASER_PREFIX",
    "UNIFY",
    "UPPER_LABELS",
    "WRAP",
    "Shape",
    "fold",
]

#: A readers' comments widget: its heading, and the line that ends it (furniture's comment section).
COMMENT_HEADINGS = frozenset({"top rated comments", "comments", "reader comments", "most popular comments", "kommentare"})
COMMENT_ENDS = frozenset({"read all comments", "view all comments", "show all comments", "load more comments"})

#: Rule names (the families), in the order the docs list them. ``metadata`` is opt-in.
RULES: tuple[str, ...] = ("teaser", "teaser_list", "promo", "share", "player_ui", "footer", "metadata")
DEFAULT_RULES: tuple[str, ...] = RULES[:-1]

#: The reason each family gives in its change records.
REASONS: Mapping[str, str] = MappingProxyType({
    "teaser": "a teaser for another article (a prefix plus its headline), not article text",
    "teaser_list": "a list of other articles' headlines under a teaser heading",
    "promo": "a call to sign up, subscribe, download, support, buy or join",
    "share": "a share, follow or comment prompt of the page",
    "player_ui": "video-player, gallery or caption controls",
    "footer": "a site-wide disclaimer or footer line",
    "metadata": "article metadata (byline, agency tag, credit, stamp, copyright), removed on request",
})

#: Lines longer than this are never furniture and are skipped before any work.
MAX_LINE = 300


class Shape(NamedTuple):
    """A bounded regex for one furniture shape, matched with ``fullmatch`` on a folded line or sentence."""

    name: str
    rule: str
    language: str
    regex: re.Pattern[str]


# -- folding ---------------------------------------------------------------------

#: The characters fold() strips from a line's ends.
WRAP = (
    " \t\n\r\f\v\xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
    "\u200b\u200c\u200d\u2060\ufeff"
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212*|>\u00bb\u203a\u2022\u00b7\u25aa\u25b6\u25ba\u27a1\u2192~=_#"
)
#: What fold() writes each of these characters as (in a line with non-ASCII characters).
UNIFY = (
    ("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u00b4", "'"), ("`", "'"),
    ("\u2010", "-"), ("\u2011", "-"), ("\u2012", "-"), ("\u2013", "-"), ("\u2014", "-"), ("\u2015", "-"), ("\u2212", "-"),
    ("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'), ("\u00ab", '"'), ("\u00bb", '"'), ("\u2026", "..."),
)


def fold(text: str) -> str:
    """The folded form shapes are matched on: lower case, unified, unwrapped, spaces collapsed.

    >>> fold("  » Lesen Sie auch: Der Plan  ")
    'lesen sie auch: der plan'
    >>> fold("— SHARE THIS STORY —")
    'share this story'
    """
    key = text.strip(WRAP).lower()  # not casefold(): it writes "ß" as "ss", and the shapes say "ß"
    if not key.isascii():  # str.translate is slow; replace only the characters that are there
        for old, new in UNIFY:
            if old in key:
                key = key.replace(old, new)
    return " ".join(key.split()).strip(WRAP)


# -- teasers: a prefix plus a headline -------------------------------------------
# aeb outputs: "Related: ..." (livescience.com, space.com), "[Related: ...]" (crn.com), "Read more: ..."
# (cityam.com), "READ MORE: ..." / "SEE MORE: ..." (express.co.uk), "Related post: ..."
# (theantijunecleaver.com), "Also: See Black Friday coverage at CNET" (zdnet.com), "(Leggi anche su: ...)"
# (remember8090.it), "Watch: ..." lines; sites/dailynews.com: "SEE ALSO: ..." (4 lines, 2 articles each).
# The rest is publisher wording (not in the corpus): the German, French, Spanish, Italian, Portuguese
# and Dutch teaser prefixes. The colon is required after the English and the short prefixes ("More:" in a
# Q&A stays: "more" is not a prefix), optional after the long ones ("Lesen Sie auch Der Plan").
TEASER_PREFIX = re.compile(
    r"(?:"
    r"(?:related|related (?:story|stories|article|articles|post|posts|content|coverage|link|video|reading)"
    r"|read more|read also|also read|read next|see also|see more|also see|also|more on this|more on this story"
    r"|don't miss|must read|recommended|recommended reading|editor's pick|trending|watch|watch now|video|listen"
    r"|siehe auch|auch interessant|lesetipp|zum thema|video|lire|voir|à voir|a voir|relacionado|relacionada"
    r"|relacionadas|lee|leer|ver|vea|mira|leia|veja|saiba mais|leggi|vedi|guarda|lees|bekijk|zie)"
    r" ?[:|]"
    # aeb outputs (chron.com): "On HoustonChronicle.com: Car sales plunge nearly 17 percent in August".
    r"|on [a-z0-9-]{1,40}\.(?:com|net|org|co\.uk|de|fr|es|it|nl) ?:"
    r"|(?:lesen sie auch|lesen sie außerdem|lesen sie mehr|mehr zum thema|mehr dazu|das könnte sie auch interessieren"
    r"|weitere artikel zum thema|lire aussi|à lire aussi|a lire aussi|à lire également|lire également|voir aussi"
    r"|sur le même sujet|te puede interesar|también te puede interesar|puede interesarte|lee también|leer también"
    r"|ver también|te recomendamos|leggi anche|leggi anche su|leggi pure|vedi anche|potrebbe interessarti"
    r"|leia também|leia mais|veja também|lees ook|lees meer|zie ook|ook interessant)"
    r"(?: ?[:|]| )"
    r")"
)

# Emptied teasers left inside a line when a scraper drops the link: "(Read more: )", "(Lesen Sie auch: )".
# aeb outputs have the filled form "(Leggi anche su: ...)"; the emptied form is the (not in the
# corpus). Searched on the raw line, case-insensitively; the span goes, the sentence around it stays.
EMPTIED_TEASER = re.compile(
    r" ?[(\[] {0,3}(?:read more|related|see also|also read|lesen sie auch|mehr zum thema|lire aussi|à lire aussi"
    r"|voir aussi|te puede interesar|lee también|leggi anche|leia também|veja também|lees ook)"
    r" {0,3}: {0,3}[)\]]",
    re.IGNORECASE,
)

# -- headline lists: a heading, then headlines -----------------------------------
# aeb outputs: "You may also like..." / "You may also like:" (cleveland.com, theantijunecleaver.com),
# "DON'T MISS" (express.co.uk), "More Great WIRED Stories" (wired.com), "Popular on IndieWire",
# "Explore further" (phys.org), "Top Stories", "Most Popular"; sites/healthimpactnews.com: "See Also:".
# Other languages: publisher wording (not in the corpus).
HEADINGS: frozenset[str] = frozenset({
    # en
    "related", "related stories", "related articles", "related posts", "related content", "related coverage",
    "related links", "related reading", "related video", "related videos", "related news", "related topics",
    "you may also like", "you might also like", "you may be interested in", "you might be interested in",
    "we also recommend", "recommended", "recommended for you", "recommended stories", "recommended reading",
    "most read", "most popular", "most viewed", "most shared", "most emailed", "popular stories",
    "trending", "trending now", "trending stories", "top stories", "more stories", "more news", "latest news",
    "don't miss", "read next", "read more", "see also", "also read", "more on this story", "more on this topic",
    "more in this series", "explore further", "editor's picks", "editors' picks", "in case you missed it",
    "elsewhere on the web", "around the web", "from the web", "more to explore", "what to read next",
    "keep reading", "further reading", "read these next", "more like this",
    # de
    "mehr zum thema", "lesen sie auch", "das könnte sie auch interessieren", "auch interessant",
    "meistgelesen", "meistgelesene artikel", "weitere artikel", "weitere artikel zum thema", "zum thema",
    "empfehlungen der redaktion", "top-artikel", "beliebte artikel", "verwandte artikel", "mehr aus dem ressort",
    # fr
    "à lire aussi", "a lire aussi", "lire aussi", "sur le même sujet", "les plus lus", "articles liés",
    "articles similaires", "à voir aussi", "nos articles", "dans la même rubrique", "vous aimerez aussi",
    # es
    "te puede interesar", "también te puede interesar", "noticias relacionadas", "lo más leído", "más leídas",
    "más noticias", "artículos relacionados", "te recomendamos", "lee también",
    # it ("Leggi anche" alone is left out: the aeb ground truth of remember8090.it keeps it and its headline)
    "articoli correlati", "i più letti", "potrebbe interessarti", "ti potrebbe interessare",
    # pt
    "leia também", "veja também", "mais lidas", "notícias relacionadas", "posts relacionados", "leia mais",
    "você pode gostar", "você também pode gostar",  # aeb outputs: "Você pode gostar..." (mensagensreflexao.com.br)
    # nl
    "lees ook", "meest gelezen", "gerelateerde artikelen", "gerelateerd", "meer nieuws",
})
# "More from <site>", "More <site> stories", "Popular on <site>", "More great <site> stories" (wired.com),
# "<site> 주요뉴스" is left alone (not our languages).
HEADING_PATTERN = re.compile(
    r"(?:more (?:great |top )?(?:from|stories from|news from|articles from|on) [^.!?:]{1,40}"
    r"|more (?:great )?[^.!?:]{1,30} (?:stories|articles|news|videos)"
    r"|popular (?:on|at) [^.!?:]{1,40}|mehr (?:von|aus|bei) [^.!?:]{1,40}|plus de [^.!?:]{1,30}"
    r"|más de [^.!?:]{1,30}|altro da [^.!?:]{1,30}|meer van [^.!?:]{1,30})"
)

# -- calls to action, prompts, UI and footers, one sentence each ------------------
# A line goes when every sentence of it is one of these or a promo "context" sentence and at least
# one is a shape (rule = the first shape's family). "Sign up for a Hulu account for $11.99" (aeb
# ground truth of an IGN deals post) stays: signing up needs a newsletter-like object here.
_NEWSLETTERS = (
    r"(?:newsletters?|e-?mail (?:newsletter|alerts?|updates|list|briefing)|mailing list|daily (?:e-?mail|briefing|digest)"
    r"|briefing|digest|alerts?|updates|podcast|youtube channel|channel|inbox)"
)
_PLATFORMS = (
    r"(?:facebook|twitter|x|instagram|youtube|linkedin|tiktok|threads|bluesky|telegram|whatsapp|mastodon|flipboard"
    r"|snapchat|pinterest|google news|apple news|gab|parler|truth social|rumble|spotify|apple podcasts)"
)
_HANDLE = r"(?: ?\(?@[\w.]{1,30}\)?)?"
_PLATFORM_LIST = (
    rf"{_PLATFORMS}{_HANDLE}(?:(?:,| and| or| &|, and|, or| und| oder| et| ou| y| o| e| en| of) {_PLATFORMS}{_HANDLE}){{0,8}}"
)

SENTENCE_PATTERNS: tuple[Shape, ...] = (
    # promos ------------------------------------------------------------------
    # aeb outputs: "Sign Up: Stay on top of the latest breaking film and TV news!" (indiewire.com), "Sign up
    # for our Email Newsletters here." (indiewire.com), "Subscribe to the Morning Review newsletter" (spokesman.com),
    # "Subscribe to NJ.com's newsletters." (nj.com), "Click here to subscribe to The Paradigm Newsletter",
    # "Subscribe to 9to5Mac on YouTube for more Apple news:", "Subscribe to the 9to5Toys YouTube Channel for all
    # of the latest videos, reviews, and more!"; sites/presstv.com: "Sign up for our newsletter to receive a daily
    # email of our best content", sites/canadafreepress.com: "Subscribe to Canada Free Press for FREE",
    # sites/dailynews.com: "Sign up for our Park Life newsletter and find out ... Subscribe here", sites/slate.com:
    # "Subscribe to support our journalism. Start your free trial."
    Shape("sign_up_en", "promo", "en", re.compile(
        rf"(?:click here to |please |be sure to |make sure to )?(?:sign up|subscribe|register|opt in|join)(?: now| today| free| here)?"
        rf"(?: (?:for|to) (?:our |the |my |a |his |her )?[^.!?]{{0,60}}{_NEWSLETTERS}(?: [^.!?]{{0,100}})?"
        rf"| to [^.!?]{{1,40}} (?:for free|for all [^.!?]{{1,60}}|on (?:youtube|spotify|apple podcasts)[^.!?]{{0,80}})"
        rf"| to support (?:our|independent|quality) [^.!?]{{1,40}}| here| now| today)?[.!:]?"
    )),
    Shape("sign_up_colon_en", "promo", "en", re.compile(r"sign up: [^!?]{0,120}[.!]?")),
    # aeb outputs: "Get the latest updates right in your inbox." (nj.com), "Get Motor Cycle Monthly delivered
    # through your letterbox every month." (morebikes.co.uk), "Get the day's top headlines delivered to your inbox
    # every morning by subscribing to our newsletter" (spokesman.com); "There's plenty more where that came
    # from. Sign up for The Water Coolest today to get the free daily newsletter delivered to your inbox daily."
    Shape("get_delivered_en", "promo", "en", re.compile(
        r"get [^.!?]{1,80} (?:delivered |sent )?(?:right |straight )?(?:in|to|into|through) your (?:inbox|letterbox|mailbox|door)"
        r"[^.!?]{0,80}[.!]?"
    )),
    # aeb outputs: "CLICK HERE TO GET THE FOX NEWS APP" (foxnews.com), "GET FOX BUSINESS ON THE GO BY CLICKING
    # HERE", "READ MORE ON FOX BUSINESS BY CLICKING HERE" (foxbusiness.com); the issue: "Click here for more stories".
    Shape("get_app_en", "promo", "en", re.compile(
        r"(?:click here to |tap here to )?(?:get|download|install|try) (?:the|our) [^.!?]{1,40} app(?: [^.!?]{0,80})?[.!]?"
    )),
    Shape("by_clicking_here_en", "promo", "en", re.compile(
        r"(?:get|read|watch|see|listen to|follow|download) [^.!?]{1,60} by (?:clicking|tapping) here[.!]?"
    )),
    Shape("click_here_for_more_en", "footer", "en", re.compile(
        r"(?:click|tap) here (?:for (?:more|all|the latest) (?:stories|news|articles|coverage|updates|videos|headlines)"
        r"|to (?:read more|subscribe|sign up|download the app|follow us|join us|donate|support us|read the full (?:story|article)))"
        r"(?: [^.!?]{0,80})?[.!]?"
    )),
    # sites/slate.com "Start your free trial."; paywalls (publisher wording): "Already a subscriber? Log in".
    Shape("trial_en", "promo", "en", re.compile(
        r"(?:start|begin|try) (?:your |a |our )?(?:\d{1,3}-day )?free trial(?: [^.!?]{0,80})?[.!]?"
        r"|already (?:a subscriber|subscribed|have an account)\?(?: (?:log|sign) in(?: here)?[.!]?)?"
        r"|subscribe (?:now )?(?:to|for) (?:continue|keep) reading[^.!?]{0,60}[.!]?"
        r"|(?:this|the) (?:article|story|content) is (?:only )?(?:for|available to) (?:subscribers|members)(?: only)?[.!]?"
    )),
    # publisher wording (not in the corpus) for donation and membership calls; sites/healthimpactnews.com
    # "Order here!" after a book ad (not "Buy Now": a product box's button, which the aeb ground truth of a
# bgr.com deals post keeps nine times); sites/rubikon.news (no licence: shape only) "you can order the book here".
    Shape("support_en", "promo", "en", re.compile(
        r"(?:please )?(?:support|donate to|help fund|become a (?:member|patron|supporter) of) (?:our (?:work|journalism|"
        r"reporting|newsroom|mission)|independent journalism|[^.!?]{1,30} on patreon)(?: [^.!?]{0,80})?[.!]?"
        # "Support us" only as the whole call: "Support us in the fight against cancer ..." is a charity's words.
        r"|(?:please )?support us(?: on patreon| today| now| with a (?:donation|contribution))?[.!]?"
        r"|(?:donate|give|support us) (?:now|today|here)[.!]?|make a (?:donation|contribution)(?: today| now)?[.!]?"
    )),
    Shape("order_here_en", "promo", "en", re.compile(
        r"(?:[^.!?]{1,200} )?(?:order|pre-order|preorder) (?:it |yours |your copy |the book )?(?:here|now)!?"
    )),
    # "Join our Free $1,000,000 Parlay Challenge" (aeb outputs, cbssports.com); channels (publisher wording).
    Shape("join_en", "promo", "en", re.compile(
        r"join (?:our|the) [^.!?]{1,60}(?:challenge|community|channel|group|mailing list|newsletter|discord|telegram|whatsapp)[.!]?"
    )),
    # aeb outputs (nationalreview.com): "If you enjoyed this article, and were stimulated by its contents, we have a
    # proposition for you: Join NRPLUS."
    Shape("enjoyed_join_en", "promo", "en", re.compile(
        r"if you (?:enjoyed|liked|like|value) (?:this|our) (?:article|story|post|journalism|reporting)[^.!?]{0,160}"
        r"(?:join|subscribe|support|sign up|donate|become a member)[^.!?]{0,60}[.!]?"
    )),
    # sites/slate.com: "For more on the impact of the coronavirus, listen to What Next." (3 articles), "For more
    # of Slate's news coverage, listen to What Next."; aeb outputs (bbc.com Newsbeat): "Listen to Newsbeat live at
    # 12:45 and 17:45 weekdays - or listen back here."
    Shape("for_more_listen_en", "promo", "en", re.compile(
        r"for more (?:on|of|about) [^.!?]{1,80}, (?:listen to|watch|subscribe to|sign up for|visit|follow) [^.!?]{1,60}[.!]?"
        r"|listen to [^.!?]{1,40} live (?:at|on) [^!?]{1,80}(?:listen back here|on demand)[.!]?"
    )),
    # de (publisher wording; sites/rubikon.news shape): "Abonnieren Sie unseren Newsletter", "Jetzt unterstützen",
    # "Hier können Sie das Buch bestellen: ...", "Sie sind bereits Abonnent?"
    Shape("promo_de", "promo", "de", re.compile(
        r"(?:jetzt |hier )?(?:abonnieren sie|abonniere|abonnieren)(?: (?:jetzt|hier))?(?: (?:unseren|den|unser|meinen)"
        r" [^.!?]{0,40}(?:newsletter|kanal|podcast|channel))?[.!]?"
        r"|(?:melden sie sich|melde dich) (?:jetzt |hier )?(?:für|zu) (?:unseren|dem|den) [^.!?]{0,40}newsletter an[.!]?"
        r"|(?:newsletter|jetzt) (?:abonnieren|unterstützen|spenden|bestellen|testen|registrieren|anmelden)[.!]?"
        r"|(?:unterstützen sie|unterstütze) (?:uns|unsere arbeit|unabhängigen journalismus|[^.!?]{1,30} mit einer spende)"
        r"(?: [^.!?]{0,80})?[.!]?"
        r"|hier (?:können sie|kannst du) (?:das|dieses|unser|mein) (?:buch|e-book|ebook|heft|magazin|dvd) (?:bestellen|kaufen)"
        r"(?:[:,] [^.!?]{0,80})?[.!]?"
        r"|(?:sie sind )?bereits abonnent(?:in)?\?(?: (?:hier )?(?:einloggen|anmelden)[.!]?)?"
        r"|laden sie (?:jetzt )?(?:die|unsere) [^.!?]{1,30} app herunter[.!]?"
    )),
    # fr (publisher wording): "Abonnez-vous", "Inscrivez-vous à notre newsletter", "Déjà abonné ?"
    Shape("promo_fr", "promo", "fr", re.compile(
        r"(?:abonnez-vous|inscrivez-vous|abonne-toi)(?: (?:à|a|pour recevoir) (?:notre|la|nos) [^.!?]{0,40}(?:newsletter|lettre|chaîne)s?)?"
        r"(?: [^.!?]{0,60})?[.!]?"
        r"|déjà abonné ?\?(?: (?:connectez-vous|se connecter)[.!]?)?|téléchargez (?:l'application|notre application)[^.!?]{0,60}[.!]?"
        r"|soutenez(?:-nous| notre journalisme| [^.!?]{1,30} en faisant un don)[.!]?|faites un don[.!]?"
    )),
    # es (publisher wording): "Suscríbete", "¿Ya eres suscriptor?", "Únete a nuestro canal de WhatsApp"
    Shape("promo_es", "promo", "es", re.compile(
        r"(?:¡ ?)?(?:suscríbete|suscribete|suscríbase|regístrate|registrate)(?: (?:a|en) (?:nuestro|nuestra|el|la) [^.!?]{0,40}"
        r"(?:newsletter|boletín|canal))?(?: [^.!?]{0,60})?[.!]?"
        r"|¿ ?ya eres (?:suscriptor|suscriptora|socio)\?(?: (?:inicia sesión|entra)[.!]?)?"
        r"|(?:descarga|descargue) (?:la|nuestra) app[^.!?]{0,60}[.!]?|únete a nuestro canal de [^.!?]{1,30}[.!]?"
        r"|(?:apoya|apoye) (?:nuestro periodismo|el periodismo independiente)[.!]?|hazte socio[^.!?]{0,60}[.!]?"
    )),
    # it, pt, nl (publisher wording). pt also: aeb outputs (comoeducarseusfilhos.com.br): "Receba em seu email
    # nosso ebook ..., um guia completo e totalmente gratuito ...".
    Shape("promo_it", "promo", "it", re.compile(
        r"iscriviti(?: alla (?:nostra )?newsletter| al (?:nostro )?canale [^.!?]{0,30})?(?: [^.!?]{0,60})?[.!]?"
        r"|sei già abbonato\?(?: accedi[.!]?)?|scarica (?:l'app|la nostra app)[^.!?]{0,60}[.!]?"
        r"|sostieni (?:il nostro giornalismo|l'informazione indipendente)[.!]?"
    )),
    Shape("promo_pt", "promo", "pt", re.compile(
        r"receba (?:em seu e-?mail|gratuitamente|nossa newsletter|nosso (?:e-?book|boletim))[^.!?]{0,220}[.!]?"
        r"|(?:assine|inscreva-se)(?: (?:a|na|nossa|no nosso|em nosso) [^.!?]{0,30}(?:newsletter|canal))?(?: [^.!?]{0,60})?[.!]?"
        r"|já é assinante\?(?: (?:faça login|entre)[.!]?)?|baixe o (?:app|aplicativo)[^.!?]{0,60}[.!]?"
    )),
    Shape("promo_nl", "promo", "nl", re.compile(
        r"(?:schrijf je in|meld je aan|abonneer (?:je|u)) (?:voor|op) (?:onze|de) [^.!?]{0,30}nieuwsbrief[.!]?"
        r"|al abonnee\?(?: log in[.!]?)?|download (?:de|onze) app[^.!?]{0,60}[.!]?|steun (?:ons|onze journalistiek)[.!]?"
    )),
    # share and follow prompts -------------------------------------------------
    # aeb outputs: "Like this story? Share it with a friend!" (rt.com), "Sharing is caring!", "Follow @BGRDeals on
    # Twitter to keep up with the latest and greatest deals from around the web." (bgr.com), "Follow us on Twitter
    # @Spacedotcom and on Facebook." (space.com). Only "us", a pronoun or a @handle: "Follow NBC Latino on Facebook,
    # Twitter and Instagram." is in the aeb ground truth, so "Follow <name> on ..." stays (and with it bbc.com's
    # "Follow Newsbeat on ..." and the NYT Opinion line).
    Shape("share_en", "share", "en", re.compile(
        rf"(?:share|tweet|email|pin|post) (?:this|the) (?:story|article|post|page|video|gallery|photo|recipe)(?: (?:on|via|with) [^.!?]{{1,40}})?[.!]?"
        rf"|share (?:on|via|to) {_PLATFORM_LIST}[.!]?|(?:click to )?share on {_PLATFORMS}(?: \(opens in new window\))?"
        rf"|tweet this[.!]?|sharing is caring[.!]?|please share(?: this| it)?(?: with [^.!?]{{1,30}})?[.!]?"
        rf"|(?:like|enjoy|enjoyed|liked) this (?:story|article|post)\?|share it with (?:a friend|your friends)[.!]?"
        # reader polls about the story (publisher wording): the call only, never a "Poll: ..." headline
        rf"|(?:take|answer|vote in) (?:our|the|this) (?:poll|survey|quiz)[.!]?|vote now[.!]?"
    )),
    Shape("follow_en", "share", "en", re.compile(
        rf"follow (?:us|me|him|her|them|@[\w.]{{1,30}}) on {_PLATFORM_LIST}"
        rf"(?: and on {_PLATFORMS}{_HANDLE})?(?: (?:for|to (?:keep up|stay|get)) [^.!?]{{0,100}})?[.!]?"
    )),
    Shape("share_de", "share", "de", re.compile(
        rf"(?:folgen sie uns|folge uns|folgt uns) (?:auf|bei|via) {_PLATFORM_LIST}[.!]?"
        rf"|(?:artikel|beitrag|seite) (?:teilen|weiterempfehlen)|teilen sie (?:diesen|den) (?:artikel|beitrag)[^.!?]{{0,40}}[.!]?"
        rf"|(?:jetzt )?(?:auf {_PLATFORMS} )?teilen[.!]?"
    )),
    Shape("share_fr", "share", "fr", re.compile(
        rf"(?:suivez-nous|suivez-moi) sur {_PLATFORM_LIST}[.!]?|partager (?:cet article|sur {_PLATFORMS})[.!]?"
    )),
    Shape("share_es", "share", "es", re.compile(
        rf"(?:síguenos|siguenos|sígueme) en {_PLATFORM_LIST}[.!]?|(?:comparte|compartir) (?:esta noticia|este artículo|en {_PLATFORMS})[.!]?"
    )),
    Shape("share_it_pt_nl", "share", "it", re.compile(
        rf"seguici su {_PLATFORM_LIST}[.!]?|condividi (?:questo articolo|su {_PLATFORMS})[.!]?"
        rf"|(?:siga-nos|sigam-nos|siga) (?:no|nas|na) {_PLATFORM_LIST}[.!]?|compartilhe(?: este artigo| essa notícia)?[.!]?"
        rf"|volg ons op {_PLATFORM_LIST}[.!]?|deel dit artikel[.!]?"
    )),
    # comment prompts and policies -----------------------------------------------
    # aeb outputs: "You must log in to post a comment." (cbslocal.com), "Tell us what YOU think..." (morebikes.co.uk),
    # "Note: we are temporarily moderating all comments submitted to deal with a surge in spam." (thespacereview.com),
    # "ATENÇÃO: Comentários com textos ininteligíveis ou que faltem com respeito ao usuário não serão aprovados pelo
    # moderador." (autoracing.com.br); sites/canadafreepress.com "Please adhere to our commenting policy to avoid
    # being banned. ..."; sites/healthimpactnews.com "Comment on this article at VaccineImpact.com."
    Shape("comments_en", "share", "en", re.compile(
        r"(?:leave|post|add|write|submit) a (?:comment|reply)[.!]?|(?:view|show|read|see|load) (?:all )?(?:\d{1,5} )?comments[.!]?"
        r"|you must (?:be )?log(?:ged)? in to (?:post|leave) a comment[.!]?|tell us what you think[.!]*"
        r"|comment on this (?:article|story|post) (?:at|on) [^!?]{1,60}|join the (?:conversation|discussion)[.!]?"
        r"|(?:note: )?we are (?:temporarily )?moderating all comments[^.!?]{0,120}[.!]?"
        r"|please (?:adhere to|read|follow) our comment(?:ing)? (?:policy|guidelines)[^.!?]{0,120}[.!]?"
        r"|as a privately owned website, we reserve the right to remove any comment[^.!?]{0,160}[.!]?"
        r"|comments? \(\d{1,5}\)|\d{1,5} comments?|comments?"
    )),
    Shape("comments_other", "share", "de", re.compile(
        r"(?:kommentare?|kommentar schreiben|diskutieren sie mit|commentaires?|laisser un commentaire|réagir"
        r"|comentarios?|deja (?:un|tu) comentario|commenti|lascia un commento|reacties|plaats een reactie"
        r"|deixe (?:seu|um) comentário)(?: \(\d{1,5}\))?[.!]?"
        r"|(?:atenção: )?comentários com textos [^.!?]{1,160}não serão aprovados[^.!?]{0,40}[.!]?"
    )),
    # player and caption UI ---------------------------------------------------------
    # sites/dailynews.com: "Sound The gallery will resume in seconds" (5 articles); aeb outputs (bbc.com):
    # "Image copyright Getty Images"; the issue: "Replay", "Now playing", "3 of 12", "Next image", "Show caption",
    # "Expand image". Not "Up next": AP's sports stories end with an "UP NEXT" section (aeb ground truth).
    Shape("player_en", "player_ui", "en", re.compile(
        r"(?:sound )?the gallery will resume in (?:\d{1,3} )?seconds|replay(?: video)?|now playing|play video|watch video"
        r"|watch now|watch the video|autoplay|(?:un)?mute|fullscreen|skip ad|video player"
        r"|(?:next|previous|prev) (?:image|photo|slide|picture)|(?:back to|view|open|launch|see) (?:the )?(?:full )?gallery"
        r"|(?:show|hide|toggle|view) caption|(?:expand|enlarge|zoom) (?:this )?(?:image|photo|picture)|view larger image"
        r"|image copyright [^.!?]{1,60}|media playback is unsupported on your device|(?:image|photo|slide) \d{1,3} (?:of|/) \d{1,3}|\d{1,3} (?:of|von|sur|de|di|van) \d{1,3}"
    )),
    Shape("player_other", "player_ui", "de", re.compile(
        r"bild vergrößern|(?:bildunterschrift|untertitel) (?:anzeigen|ausblenden)|(?:nächstes|vorheriges) bild|galerie öffnen"
        r"|agrandir (?:l'image|la photo)|(?:photo|image) (?:suivante|précédente)|voir la galerie"
        r"|ampliar (?:imagen|foto)|(?:imagen|foto) (?:siguiente|anterior)|ver galería|ingrandisci(?: immagine| foto)?"
        r"|ampliar imagem|vergroot afbeelding"
    )),
    # footers ------------------------------------------------------------------------
    # Not the "views expressed ... are their own / do not necessarily reflect" disclaimers, labelled or not: the
    # aeb ground truth keeps both (sputniknews.com, moneycontrol.com), so they are ``metadata``. sites/nytimes.com: "This briefing
    # is no longer updating. Read the latest developments in the coronavirus outbreak here." (5 articles);
    # sites/presstv.com: "Press TV's website can also be accessed at the following alternate addresses:".
    Shape("disclaimer_en", "footer", "en", re.compile(
        r"(?:this|the) (?:briefing|live blog|live coverage|page|story) is no longer (?:being )?updat(?:ing|ed)[.!]?"
        r"|[^.!?]{1,40} website can also be accessed at the following alternate addresses:?"
        r"|(?:read|see|follow) (?:the|our) latest [^.!?]{1,80} here[.!]?"
        # aeb outputs: "Filed under: Khawarij |" (kabarislamia.com), "Order Reprints | Today's Paper | Subscribe" (nytimes.com).
        r"|(?:filed under|tagged|tags): [^.!?]{1,120}|order reprints(?: \| today's paper(?: \| subscribe)?)?"
    )),
    # sites/slate.com: "Listen to the full episode using the player below, or subscribe to What Next on Apple
    # Podcasts, Overcast, Spotify, Stitcher, or wherever you get your podcasts." (2 articles).
    Shape("listen_player_en", "player_ui", "en", re.compile(
        r"listen to (?:the full|this|the whole) (?:episode|interview|conversation|podcast)[^.!?]{0,60}"
        r"(?:player below|wherever you get your podcasts)[^.!?]{0,160}[.!]?"
    )),
)

# The first words a sentence shape can start with: a sentence whose first word is not here (and that
# has none of FREE_START_HINTS) is not tried against the shapes, which keeps the filter cheap on
# article text. ``tests/test_furniture_patterns.py`` checks every shape's examples pass this gate.
FIRST_WORDS: frozenset[str] = frozenset("""
click tap please be make sign subscribe register opt join get download install try read watch see listen follow
start begin already support donate help become give order pre-order preorder
abonnieren abonniere jetzt hier melden melde newsletter unterstützen unterstütze sie bereits laden
abonnez-vous inscrivez-vous abonne-toi déjà téléchargez soutenez soutenez-nous faites
¡ suscríbete suscribete suscríbase regístrate registrate ¿ ¿ya descarga descargue únete apoya apoye hazte
iscriviti sei scarica sostieni receba assine inscreva-se já baixe schrijf meld abonneer al steun
share tweet email pin post sharing like enjoy enjoyed liked
folgen folge folgt artikel beitrag seite teilen auf suivez-nous suivez-moi partager
síguenos siguenos sígueme comparte compartir seguici condividi siga-nos sigam-nos siga compartilhe volg deel
leave add write submit view show load tell comment comments note: take answer vote
kommentar kommentare diskutieren commentaire commentaires laisser réagir comentario comentarios deja commenti
lascia reacties plaats deixe atenção: comentários
sound replay now play autoplay mute unmute fullscreen skip video next previous prev back open launch hide toggle
expand enlarge zoom image photo slide media bild bildunterschrift untertitel nächstes vorheriges galerie agrandir
voir ampliar imagen foto ver ingrandisci vergroot disclaimer: filed tagged tags:
""".split())
# Shapes that start with a word too common to try on its own ("the", "this", "if", ...): their first two words.
FIRST_PAIRS: frozenset[str] = frozenset({
    "the gallery", "the views", "the briefing", "the article", "the story", "the content", "the live", "the page",
    "this briefing", "this article", "this story", "this content", "this live", "this page",
    "as a", "if you", "for more", "we are", "you must",
})
# Shapes that can start anywhere: "... ORDER HERE!", "12 comments", "Press TV's website can also be accessed ...".
FREE_START_HINTS: tuple[str, ...] = ("order here", "order now", "comment", "alternate addresses")

# Sentences that may stand beside a call to action in one promo line, but never alone: "Slate is making its
# essential coronavirus coverage free for all readers.", "12 issues for £11.99.", "Click here for more
# information.", "There's plenty more where that came from.", "Investors should check with certified
# experts before taking any investment decisions." (the second half of the moneycontrol.com disclaimer).
CONTEXT = re.compile(
    r"\b(?:newsletters?|subscri\w{0,12}|inbox|free trial|for free|free for all readers|our journalism|issues? for"
    r"|click here for more information|there's plenty more where that came from|every (?:week|month|day|morning)"
    r"|quantities may be limited|prices are subject to change|investment decisions?|certified experts"
    r"|log in|sign in|einloggen|anmelden|connectez-vous|se connecter|inicia sesión|accedi|faça login|entre)\b"
)

# A line with one of these is somebody's words, not a widget: "Subscribe to the newsletter, the mayor said."
REPORTED = re.compile(r"\b(?:said|says|told|according to|urged|asked|wrote|tweeted|sagte|sagt|a déclaré|dijo|ha detto)\b")

# -- whole lines -------------------------------------------------------------------
LINE_PATTERNS: tuple[Shape, ...] = (
    # aeb outputs: "Follow AP's full coverage of Brexit and British politics at https://www.apnews.com/Brexit"
    # (hosted.ap.org), "More AP NBA: https://apnews.com/NBA and https://twitter.com/AP_Sports" (mysanantonio.com).
    Shape("follow_coverage_at_url_en", "teaser", "en", re.compile(
        r"(?:follow|read|see) (?:ap's|our|all of our|the) (?:full |complete |latest )?coverage of [^!?]{1,120}"
        r" (?:at|on|here:?) https?://\S{1,200}"
        r"|more ap [a-z ]{1,40}: https?://\S{1,200}(?: and https?://\S{1,200})?"
    )),
    # aeb outputs (macrumors.com): "[ Read All Comments ]".
    Shape("read_all_comments_en", "share", "en", re.compile(r"\[ ?read all comments ?\]")),
    # sites/healthimpactnews.com: "Book – The Vaccine Court “...” ORDER HERE!" (5 articles).
    Shape("book_order_here_en", "promo", "en", re.compile(r"(?:book|dvd|e-?book|t-shirt)s? - [^!?]{1,200} order (?:here|now)!?")),
)

# Inside a whole-line [bracket]: "[Siehe hierzu ... Video ... HIER]" (the shape of a sites/freiewelt.net prompt,
# no licence: shape only), "[Related: ...]" (aeb outputs, crn.com), "(Leggi anche su: ...)" (remember8090.it).
BRACKET_PATTERNS: tuple[Shape, ...] = (
    Shape("siehe_video_hier_de", "teaser", "de", re.compile(
        r"(?:siehe|sehen sie|schauen sie|mehr) (?:hierzu|dazu|auch|hier)?[^\]\[]{0,120}(?:video|interview|beitrag|artikel|film)"
        r"[^\]\[]{0,80}(?:hier|unten)"
    )),
    Shape("see_video_here_en", "teaser", "en", re.compile(
        r"(?:see|watch|read) (?:the |our |also )?[^\]\[]{0,80}(?:video|story|article|interview) [^\]\[]{0,60}(?:here|below)"
    )),
)

# The whole line is an upper-case label in the page's own case: "VIDEO" between paragraphs (aeb outputs:
# indiewire.com, vg247.com, appleinsider.com, readability). Title-case "Video" can be a heading and stays.
UPPER_LABELS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "VIDEO": ("player_ui", "en"),
    "WATCH": ("player_ui", "en"),
    "PHOTOS": ("player_ui", "en"),
    "GALLERY": ("player_ui", "en"),
})

# -- metadata (opt-in) ---------------------------------------------------------------
# sites/anonymousnews.ru (shape only): "von <Name>" bylines on their own line; sites/healthimpactnews.com
# "by Brian Shilhavy", "Editor, Health Impact News"; aeb outputs: "By Mike Wuerthele and Malcolm Owen",
# "By Justine Coleman - 11/18/19 11:04 PM EST" (thehill.com), "UPDATED: Tue., Nov. 19, 2019" (spokesman.com),
# "Published 11:11 PM EST Nov 19, 2019" (detroitnews.com), "(Reporting by ...; editing by ...)" (Reuters),
# "Additional reporting by Joseph Hudak", "Keith Bradsher contributed reporting from Hong Kong.",
# "(Image credit: All About Space)", "JIM WATSON/AFP/Getty Images", "paul.takahashi@chron.com",
# "twitter.com/paultakahashi", "Copyright ⓒ Entermedia.co.kr ..."; sites/presstv.com "(Source: Reuters)";
# sites/freiewelt.net shape: "(jb)"; the aeb ground truth keeps "© 2019 Associated Press. All Rights Reserved. ...",
# "Originally published on Live Science." and the Sputnik views disclaimer, so those are here, not in the defaults.
_NAME = r"[^\W\d_][\w.'-]{0,30}"
_NAMES = rf"{_NAME}(?: {_NAME}){{0,4}}"
METADATA_PATTERNS: tuple[Shape, ...] = (
    Shape("byline", "metadata", "en", re.compile(
        rf"(?:by|von|par|por|di|door|de|text|texto|words|story|comments by|written by|reported by)[: ] ?{_NAMES}"
        rf"(?:(?:,| and| und| et| y| e| en| &) {_NAMES}){{0,3}}(?: ?[-|,] [^!?]{{1,60}})?"
    )),
    Shape("agency_tag", "metadata", "en", re.compile(
        r"\((?:source: ?)?[a-z]{1,12}(?:[/,] ?[a-z]{1,12}){0,3}\)|(?:source|quelle|fuente|source): [^.!?]{1,40}"
    )),
    Shape("photo_credit", "metadata", "en", re.compile(
        r"(?:\(?(?:image|photo|picture|foto|bild|photo credit|image credit|credit)s?(?: credit)?: [^!?]{1,80}\)?)"
        r"|(?:© ?|\(c\) ?)[^.!?]{1,60}|(?:[^./!?]{1,40}/){1,3}(?:getty images|afp|reuters|ap|dpa|epa|shutterstock|slate)[^.!?]{0,20}"
        r"|getty images|youtube screen ?grab|photo illustration by [^!?]{1,100}|photos? by [^!?]{1,80}"
    )),
    Shape("update_stamp", "metadata", "en", re.compile(
        r"(?:updated|published|posted|last updated|aktualisiert(?: am)?|veröffentlicht(?: am)?|stand|mis à jour(?: le)?"
        r"|publié(?: le)?|actualizado(?: el)?|publicado(?: el)?|aggiornato(?: il)?|atualizado(?: em)?|bijgewerkt(?: op)?)"
        r":? [^!?\d]{0,30}\d[^!?]{0,40}"  # a date or a time in it: "Published reports say ..." is a sentence
        # aeb outputs (comoeducarseusfilhos.com.br): "Tempo de leitura: 1 minuto"; the other languages' reading times.
        r"|(?:tempo de leitura|reading time|lesezeit|temps de lecture|tiempo de lectura|tempo di lettura|leestijd):? [^.!?]{1,30}"
        r"|\d{1,3} ?min(?:ute)?s? read"
    )),
    Shape("contributors", "metadata", "en", re.compile(
        r"\(?(?:additional )?(?:reporting|writing|editing) by [^!?]{1,200}\)?"
        r"|[^.!?]{1,160} contributed (?:to this report|reporting|to this story)[^.!?]{0,60}[.]?"
        r"|(?:editor|reporter|correspondent|contributor), [^.!?]{1,40}"
    )),
    Shape("contact", "metadata", "en", re.compile(
        r"[\w.+-]{1,40}@[\w-]{1,40}(?:\.[\w-]{1,20}){1,3}|twitter: @\w{1,30}|(?:twitter|x|instagram)\.com/\w{1,30}"
        r"|reach the reporters? (?:on twitter )?at [^!?]{1,200}"
        r"|(?:have a tip\? )?[^.!?]{1,60} (?:may|can) be reached at [^!?]{1,200}"
        r"|(?:e-?mail|write to) [^.!?]{1,40} at [\w.+-]{1,40}@[^!?]{1,200}"
    )),
    Shape("copyright", "metadata", "en", re.compile(
        r"(?:copyright|©|ⓒ|\(c\))[^!?]{0,200}(?:all rights reserved|reserved|무단전재|issn)[^!?]{0,200}"
        r"|copyright [^!?]{1,120}"
        r"|(?:this (?:article|story) (?:was )?)?originally (?:published|appeared) (?:on|in|by|at) [^!?]{1,120}"
        r"|(?:article|story|content) courtesy of [^!?]{1,120}"
        r"|(?:disclaimer: )?(?:the )?(?:views|opinions) (?:and (?:opinions|investment tips) )?expressed [^!?]{1,200}"
        r"(?:do not necessarily reflect|are (?:solely )?(?:those|their own|the author's own))[^!?]{0,200}"
    )),
)
