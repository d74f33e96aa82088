"""Patterns for embedded tweets and other social embeds as they appear in article text.

Owned by the embeds filter; the double-post filter uses :func:`is_attribution_line`
to tell whether a copy has its tweets in their proper order.

When a page's embed script does not run (or a scraper reads the markup
around it), each embed leaves a fallback text in the article. Every pattern
here recognises the *anchor line* of one such fallback: the line that says
whose post it is. The post's own text sits next to it (before it, in the
proper order). All patterns are anchored, use bounded quantifiers only, and
are tried on short, stripped lines after a cheap substring test, so a line costs
O(len). ``tests/test_regexes.py`` feeds each one its worst cases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import compress, islice
from typing import NamedTuple

from newsclean._core.text import lines_holding

__all__ = [
    "ANCHOR_MARKERS",
    "BARE_LINK",
    "EMBED_BOILERPLATE",
    "TWEET_LINK",
    "Anchor",
    "find_anchors",
    "find_credit_lines",
    "is_attribution_line",
    "is_credit_line",
    "parse_anchor",
]

# `pic.twitter.com/abc`, `pic.x.com/abc` or `https://t.co/abc` (also without the
# scheme), as the rendered tweet text ends. `t.co` must not be the tail of a
# longer host name (`forbrukeravisent.co/...`).
TWEET_LINK = re.compile(r"(?:pic\.(?:twitter|x)\.com|(?:https?://|(?<![\w.@/-]))t\.co)/\w+")

# A line that is nothing but such links: the link split off onto its own line,
# glued ones included (`https://t.co/F8by2FQAOapic.twitter.com/Rikoq31Xnq`).
# `\S*` and `\s+` cannot overlap, so this does not backtrack. Match it on the
# stripped line: a leading `\s*` would make `search` quadratic on a run of spaces.
_LINK_START = r"(?:https?://)?(?:pic\.(?:twitter|x)\.com|t\.co)/"
BARE_LINK = re.compile(rf"{_LINK_START}\S*(?:\s+{_LINK_START}\S*){{0,3}}\Z")

# The dash before the name in Twitter's fallback `— Name (@handle) Date`:
# em dash (the original), en dash, horizontal bar, minus and figure dash (what
# typesetters and converters put in its place), `-` and `--` (ASCII-fied copies).
_DASH = r"(?:—|–|―|−|‒|‑|--?)"

# "— Name (@handle) February 8, 2024": a dash, a display name, an @handle in
# parentheses, then an optional date in any language and form (`February 8,
# 2024`, `25. September 2018`, `16 мая 2018 г.`) or none at all.
# Matched on the stripped line. No two adjacent quantifiers accept the same
# character (the name takes the spaces around it, stripped later), and each is
# bounded, so a run of spaces or dashes costs O(len) even under `search`.
_ATTRIBUTION = re.compile(
    rf"{_DASH}(?P<name>[^\n]{{0,100}}?)\(@(?P<handle>\w{{1,30}})\)"
    r"(?:[\s,](?P<date>[^\n]{0,40}))?\Z"
)

# Instagram's fallback under the caption, in the languages Instagram renders it:
# "A post shared by Name (@handle) on Mar 5, 2020 at 10:15am PST" (older embed
# code), "A post shared by Name (@handle)" (newer code, no date),
# "Ein Beitrag geteilt von Name (@handle) am 5. Mär 2020 um 10:15 PST", ...
_INSTAGRAM = re.compile(
    r"(?:A post shared by|Ein Beitrag geteilt von|Une publication partagée par"
    r"|Una publicación compartida (?:de|por)|Uma publicação compartilhada por|Un post condiviso da"
    r"|Een bericht gedeeld door|Post udostępniony przez|Публикация от)\s"
    r"(?:(?P<name>[^\n]{0,100}?)\(@(?P<handle>[\w.]{1,30})\)|\s*@(?P<bare>[\w.]{1,30}))"
    r"(?:\s(?P<date>[^\n]{0,60}))?\Z",
    re.IGNORECASE,
)

# Facebook's post fallback: "caption" then "Posted by Name on Monday, March 2,
# 2020" (de: "Gepostet von Name am Montag, 2. März 2020", fr: "Publié par Name
# sur lundi 2 mars 2020", es/pt: "Publicado por Name en/em lunes, ..."). The
# weekday is required: a blog byline "Posted by admin on March 2" is not an embed.
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    "|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    "|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    "|lunes|martes|miércoles|jueves|viernes|sábado|domingo"
    "|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira"
    "|lunedì|martedì|mercoledì|giovedì|venerdì|sabato"
)
_FACEBOOK = re.compile(
    r"(?:Posted by|Gepostet von|Publiée? par|Publicado por|Pubblicato da|Geplaatst door)\s"
    r"(?P<name>[^\n]{1,100}?)\s(?:on|am|sur|le|en|em|el|il|op)\s+"
    rf"(?P<date>(?:{_WEEKDAYS}),?\s[^\n]{{3,40}})\Z",
    re.IGNORECASE,
)

# A YouTube embed's caption line: a line carrying the video's link, or the
# player's title fallback "Title - YouTube". Either names one video by itself.
_YOUTUBE_LINK = re.compile(
    r"(?:youtube(?:-nocookie)?\.com/(?:watch\?v=|embed/|shorts/|v/)|youtu\.be/)(?P<id>[\w-]{6,20})"
)

#: Folded header lines every embed of a kind prints ("View this post on
#: Instagram", in Instagram's languages): they say nothing about *which* post,
#: so a match made of them alone proves nothing.
EMBED_BOILERPLATE = frozenset(
    {
        "viewthispostoninstagram",
        "siehdirdiesenbeitragaufinstagraman",
        "diesenbeitragaufinstagramansehen",
        "voircettepublicationsurinstagram",
        "verestapublicacióneninstagram",
        "verestapublicacioneninstagram",
        "verestapublicaçãonoinstagram",
        "visualizzaquestopostsuinstagram",
        "bekijkditberichtopinstagram",
        "watchonyoutube",
        "watchthisvideoonyoutube",
    }
)

#: Substrings at least one of which every anchor line contains: a text without
#: any of them has no embed, and the filters skip it at the cost of a few ``in`` tests.
ANCHOR_MARKERS = (
    "@",
    "outu",  # youtube.com, youtu.be
    "ouTu",  # YouTube
    "osted by",
    "epostet von",
    "ublié par",
    "ubliée par",
    "ublicado por",
    "ubblicato da",
    "eplaatst door",
)
_FACEBOOK_MARKERS = ANCHOR_MARKERS[3:]
# Anchor lines are short; longer lines are article prose that mentions a handle.
_MAX_ANCHOR = 300
# find_anchors() looks for the markers in so many short lines at a time (a big page is not copied whole).
_MARKER_CHUNK = 256


# An image or video credit that one rendering prints under a picture and the other
# does not: "Photo: Mahmud Hams/AFP", "(Image credit: NASA)", "Foto: dpa",
# "JIM WATSON/AFP/Getty Images", "AP Photo/Evan Vucci". Matched on short stripped
# lines only; the name part is bounded and cannot overlap the words around it.
_CREDIT = re.compile(
    r"\(?(?:photo|image|picture|video|foto|bild|crédit photo|credit|photo credit|image credit)s?(?: credit)?\s?[:|]\s?[^\n]{1,100}"
    r"|[^\n]{0,60}(?:getty images|/afp|/reuters|ap photo|/dpa|/epa|shutterstock)[^\n]{0,40}",
    re.IGNORECASE,
)
_MAX_CREDIT = 150
# What the credit pattern matches in a line without ":", "|" or "/".
_CREDIT_WORDS = ("getty images", "ap photo", "shutterstock")
# The only letters other than ASCII ones that re.IGNORECASE matches with an
# ASCII letter: İ and ı (i), ſ (s), the Kelvin sign (k). Found by trying every
# code point; tests/test_credit_lines.py checks it.
_IGNORECASE_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def is_credit_line(text: str) -> bool:
    """Whether *text* is a short image or video credit line (``Photo: Name/AFP``, ``(Image credit: NASA)``).

    >>> is_credit_line("Photo: Mahmud Hams/AFP via Getty Images"), is_credit_line("JIM WATSON/AFP/Getty Images")
    (True, True)
    >>> is_credit_line("The photo showed the bridge after the flood.")
    False
    """
    stripped = text.strip()
    return len(stripped) <= _MAX_CREDIT and _CREDIT.fullmatch(stripped) is not None


def find_credit_lines(lines: Sequence[str]) -> set[int]:
    """The indices of the credit lines among *lines* (see :func:`is_credit_line`).

    The pattern runs only on the lines that can be one, picked out in C: short
    enough, and holding a ``:``, ``|`` or ``/``, or one of the words the
    pattern knows without them in any case (a line with a letter that
    ``re.IGNORECASE`` takes for an ASCII one, ``ſhutterstock``, is tried too).

    >>> find_credit_lines(["The bridge after the flood, seen from the river bank.", "  Photo: AP  "])
    {1}
    """
    short = list(compress(range(len(lines)), map(_MAX_CREDIT.__ge__, map(len, map(str.strip, lines)))))
    tried: set[int] = set()
    for lo in range(0, len(short), _MARKER_CHUNK):  # (so many at a time: a big page is not copied whole)
        names = short[lo : lo + _MARKER_CHUNK]
        texts = list(map(lines.__getitem__, names))
        # each line is tested only for the markers this chunk's lines hold at all (none holds a line break)
        joined = "\n".join(texts)
        tried |= _holding(texts, names, [m for m in (":", "|", "/", *_IGNORECASE_ASCII) if m in joined])
        # without those letters, a word matches in some case exactly where it is in the lowered line
        lowered = joined.lower()  # the lines lowered, joined (lower() reads no context across a line break)
        words = [word for word in _CREDIT_WORDS if word in lowered]
        if words:
            tried |= _holding(list(map(str.lower, texts)), names, words)
    return {i for i in tried if is_credit_line(lines[i])}


def _holding(texts: Sequence[str], names: Sequence[int], markers: Iterable[str]) -> set[int]:
    """``names[k]`` for each ``texts[k]`` that holds one of *markers*, found in C."""
    found: set[int] = set()
    for marker in markers:
        found.update(map(names.__getitem__, lines_holding(texts, marker)))
    return found


class Anchor(NamedTuple):
    """What an embed's anchor line says: the kind of embed and whose it is.

    ``standalone`` anchors (a YouTube caption) name their embed by themselves;
    the others (a tweet's attribution line) need the post's text next to them.
    """

    kind: str
    name: str | None = None
    handle: str | None = None
    date: str | None = None
    link: str | None = None
    standalone: bool = False


def is_attribution_line(text: str) -> bool:
    """Whether *text* is a tweet's attribution line (``— Name (@handle) Date``).

    Accepts the dashes ``—``, ``–``, ``-`` and ``--`` (and other dash
    characters), a date in any language or no date.

    >>> is_attribution_line("— Jan Egeland (@NRC_Egeland) February 8, 2024")
    True
    >>> is_attribution_line("-- Peter Wittkamp (@diktator) 25. September 2018")
    True
    >>> is_attribution_line("— Javier Campos (@x_campos) 16 мая 2018 г.")
    True
    >>> is_attribution_line("Jan Egeland said so on February 8.")
    False
    """
    return len(text) < 200 and "(@" in text and _ATTRIBUTION.match(text.strip()) is not None


def parse_anchor(text: str) -> Anchor | None:
    """The :class:`Anchor` that *text* is, or ``None`` for any other line.

    >>> parse_anchor("— Jan Egeland (@NRC_Egeland) February 8, 2024")
    Anchor(kind='tweet', name='Jan Egeland', handle='NRC_Egeland', date='February 8, 2024', link=None, standalone=False)
    >>> parse_anchor("A post shared by NASA (@nasa) on Mar 5, 2020 at 10:15am PST").kind
    'instagram'
    >>> parse_anchor("The mayor (@mayor) said so.") is None
    True
    """
    if len(text) > _MAX_ANCHOR:
        return None
    # The patterns match the stripped line (see _ATTRIBUTION for why).
    text = text.strip()
    if "@" in text:
        if "(@" in text and len(text) < 200:
            match = _ATTRIBUTION.match(text)
            if match is not None:
                return Anchor("tweet", match["name"].strip() or None, match["handle"], _date(match["date"]))
        match = _INSTAGRAM.match(text)
        if match is not None:
            handle = match["handle"] or match["bare"]
            return Anchor("instagram", (match["name"] or "").strip() or None, handle, _date(match["date"]))
    if "outu" in text or "ouTu" in text:
        link = _YOUTUBE_LINK.search(text)
        if link is not None:
            return Anchor("youtube", link=link.group(0), standalone=True)
        title = _youtube_title(text)
        if title is not None:
            return Anchor("youtube", name=title, standalone=True)
    # every Facebook marker holds "ost", "bli" or "aatst": three substring tests rule out most lines
    if ("ost" in text or "bli" in text or "aatst" in text) and any(marker in text for marker in _FACEBOOK_MARKERS):
        match = _FACEBOOK.match(text)
        if match is not None:
            return Anchor("facebook", match["name"].strip(), None, match["date"].strip())
    return None


def find_anchors(lines: Iterable[str]) -> dict[int, Anchor]:
    """The anchor lines among *lines* (the blocks of a document), by index.

    Only a line of at most ``_MAX_ANCHOR`` characters that holds one of
    :data:`ANCHOR_MARKERS` can be one, and only those are parsed. They are
    found in C, so many lines at a time: the short lines are joined and each
    marker is looked for in them, then in each of them for the markers found.
    A text whose short lines hold no marker returns ``{}`` after those
    substring tests.

    >>> find_anchors(["Rafah.", "— Jan Egeland (@NRC_Egeland) February 8, 2024"])
    {1: Anchor(kind='tweet', name='Jan Egeland', handle='NRC_Egeland', date='February 8, 2024', link=None, standalone=False)}
    >>> find_anchors(["Rafah.", "Mail us at news@example.com."])
    {}
    """
    found = {}
    lines = iter(lines)
    lo = 0
    while True:  # so many lines at a time: a big page is never listed whole
        chunk = list(islice(lines, _MARKER_CHUNK))
        short = list(compress(range(len(chunk)), map(_MAX_ANCHOR.__ge__, map(len, chunk))))
        texts = list(map(chunk.__getitem__, short))
        joined = "\n".join(texts)  # no marker holds a line break: one found here is in one line
        present = [marker for marker in ANCHOR_MARKERS if marker in joined]
        for k in sorted(_holding(texts, short, present)) if present else ():
            anchor = parse_anchor(chunk[k])
            if anchor is not None:
                found[lo + k] = anchor
        if len(chunk) < _MARKER_CHUNK:
            return found
        lo += _MARKER_CHUNK


def _youtube_title(line: str) -> str | None:
    """The title of the player's fallback line ``Title - YouTube`` (or ``–``, ``—``, ``|``).

    Read from the end of the stripped line, not by a regex: a lazy title before
    ``\\s+-\\s+YouTube\\Z`` costs O(len) per start position under ``search``.

    >>> _youtube_title("Rafah crossing at night - YouTube")
    'Rafah crossing at night'
    >>> _youtube_title("Watch it on YouTube") is None
    True
    """
    if not line.endswith("YouTube"):
        return None
    head = line[: -len("YouTube")]
    if not head[-1:].isspace():
        return None
    head = head.rstrip()
    if head[-1:] not in ("-", "–", "—", "|") or not head[-2:-1].isspace():
        return None
    title = head[:-1].strip()
    return title if 3 <= len(title) <= 150 and "\n" not in title else None


def _date(raw: str | None) -> str | None:
    if raw is None:
        return None
    raw = raw.strip()
    # Instagram's older code says "on <date>"; keep just the date
    for word in ("on ", "am ", "le ", "el ", "em ", "op "):
        if raw.startswith(word):
            raw = raw[len(word) :]
            break
    return raw or None
