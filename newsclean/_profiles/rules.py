"""How a line counted across a site's documents becomes a decision: remove it, or keep it and why.

Frequency alone is not enough (a gallery embedded in four articles, a quote
several stories repeat, a byline, a speaker label, a drug list), so a line must
recur *and* look like page furniture. The decision for a line depends only on
its text, its document count and the site's document count, never on the order
the documents came in.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from collections.abc import Mapping
from typing import Any, Literal, NamedTuple, Protocol

from newsclean._core.errors import config_error
from newsclean._core.text import typography_score

__all__ = ["Action", "LearnOptions", "LearnedLine", "LineTable", "better_copy", "decide", "is_candidate", "kind_of"]

#: ``remove``: furniture, removed wherever it occurs; ``beside``: a short line
#: removed only next to a removed line (a block recurring together); ``keep``.
Action = Literal["remove", "beside", "keep"]


@dataclass(frozen=True, kw_only=True)
class LearnOptions:
    """When a recurring line counts as site boilerplate.

    Attributes:
        min_documents: a line must be in at least this many of the site's documents.
        min_share: ... and in at least this share of them.
        strong_share: from this share on, a recurring line is furniture unless it
            looks like content that recurs legitimately; below it, the line must
            also read like furniture (a call to subscribe, listen, order, ...).
        long_chars: lines longer than this are paragraphs: a long paragraph in a
            few documents is a story told twice, so it needs ``long_share``.
        long_share: the share a long line needs to be learned.
        max_chars: lines longer than this are not counted at all (memory stays
            bounded by the distinct shorter lines of each site).
        remove_bylines: also remove recurring bylines, contact and credit lines
            (metadata, kept by default).
    """

    min_documents: int = 3
    min_share: float = 0.05
    strong_share: float = 0.2
    long_chars: int = 200
    long_share: float = 0.3
    max_chars: int = 400
    remove_bylines: bool = False

    def __post_init__(self) -> None:
        for name in ("min_documents", "long_chars", "max_chars"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                config_error(f"{name} must be a whole number of 1 or more, got {value!r}")
        if self.min_documents < 2:
            config_error(
                f"min_documents must be 2 or more (a line in one document is not recurring), got {self.min_documents}"
            )
        for name in ("min_share", "strong_share", "long_share"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
                config_error(f"{name} must be a share between 0 and 1, got {value!r}")
        if not isinstance(self.remove_bylines, bool):
            config_error(f"remove_bylines must be True or False, got {self.remove_bylines!r}")

    def to_dict(self) -> dict[str, Any]:
        """The options as a JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> LearnOptions:
        """Options from :meth:`to_dict` output; unknown names raise :class:`ConfigurationError`."""
        if not isinstance(data, dict):
            config_error(f"options must be a JSON object, got {data!r}")
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            config_error(f"unknown learn option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return cls(**data)


class LearnedLine(NamedTuple):
    """One line recurring across a site's documents, and what the profile does with it."""

    text: str
    key: str
    documents: int
    kind: str
    action: Action
    why: str

    @property
    def keep(self) -> bool:
        """Whether the line stays in the text (the switch a person edits in the saved file)."""
        return self.action == "keep"


class LineTable(Protocol):
    """What the filter needs from a profile: the site, its document count and its learned lines by key."""

    site: str
    documents: int

    @property
    def options(self) -> LearnOptions: ...

    @property
    def table(self) -> Mapping[str, LearnedLine]: ...


def better_copy(a: str, b: str) -> str:
    """Of two copies of one line, the better-typeset one (ties: the smaller text), whatever the order."""
    return min(a, b, key=lambda t: (-typography_score(t), t))


# -- what a line looks like ---------------------------------------------------
# All patterns are anchored at the start and have no nested repetition (the
# regex audit in tests/test_regexes.py feeds them long worst-case inputs).

# Bylines, credits and source lines: "by Brian Shilhavy", "von Ernst Fleischmann",
# "Comments by ...", "(Source: Reuters)", "Quelle: n-tv", "Photo: AP".
_BYLINE = re.compile(
    r"[(\[]?\s?(?:by|von|par|por|door|written by|comments by|reported by|text|texte|source|sources|quelle|"
    r"photo|photos|foto|fotos|credit|credits|image|bild|courtesy of|article courtesy of)\b",
    re.IGNORECASE,
)
# A contact line: an e-mail address or a social handle on its own.
_CONTACT = re.compile(
    r"(?<![\w.+-])(?:(?:twitter|x|instagram|facebook|email|e-mail|mail|threads|bluesky)[ \t]?:[ \t]?)?@?[\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?",
    re.IGNORECASE,
)
# A bare domain or link on its own line: an item of a sources list.
# The lookbehind makes a search start only where a run of name characters starts, which keeps it linear.
_DOMAIN = re.compile(r"(?<![\w-])(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?", re.IGNORECASE)
# A list marker or number: "- item", "• item", "3. item", "2) item".
_LIST_ITEM = re.compile(r"(?:[-*•–·▪]|\d{1,3}[.)]) ")
_QUOTES = frozenset("\"“”„«»‘’‚'‹›")

# Words and phrases that make a line read like page furniture: calls to
# subscribe, sign up, listen, order, comment or donate, and notices about the
# page itself. Used only for lines already in several of a site's documents but
# below strong_share, where frequency alone does not tell furniture from a
# caption or paragraph that a few articles share. Single words only where they
# rarely occur in news prose ("follow", "share", "order" alone do). English and
# German, the languages of the development corpus; matched on whole words.
_CUES = tuple(
    f" {cue.strip()} "
    for cue in """
    subscribe|subscribers|subscription|newsletter|newsletters|sign up|signup|listen to|podcast|podcasts|
    download|our app|the app|follow us|share this|click here|tap here|comment on this|commenting policy|
    order here|order now|donate|donation|advertisement|sponsored|the gallery|no longer updating|free trial|
    membership|copyright|all rights reserved|cookies|privacy policy|unsubscribe|read more|read the latest|
    support our journalism|support us|
    abonnieren|abonnement|abo|bestellen|spenden|unterstützen sie|teilen sie|folgen sie|kommentieren|
    werbung|anzeige|weiterlesen|herunterladen|hier können sie
    """.replace("\n", "").split("|")
)
_WORD = re.compile(r"\w+")


def _signature(words: list[str]) -> bool:
    """``Editor, Health Impact News``, ``Press TV, Gaza``: a name or role and a place or outlet."""
    if not 2 <= len(words) <= 6 or not any(w.endswith(",") for w in words[:-1]):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w in ("of", "and", "&", "für", "und") for w in words)


def kind_of(text: str, *, block_kind: str = "paragraph") -> str:
    """What a line looks like: ``byline``, ``quote``, ``list_item``, ``short`` or ``line``.

    >>> kind_of("von Ernst Fleischmann"), kind_of("Order here!"), kind_of("NaturalNews.com")
    ('byline', 'short', 'list_item')
    """
    words = text.split()
    if len(words) <= 5 and text.endswith(":"):
        return "short"  # labels: "Scott Pelley:", "See Also:", "Sources for this article include:"
    if block_kind == "list_item" or text.endswith((",", ";")) or _LIST_ITEM.match(text) or _DOMAIN.fullmatch(text):
        return "list_item"
    if (
        (len(words) <= 10 and _BYLINE.match(text))
        or (len(words) <= 2 and _CONTACT.fullmatch(text) and ("@" in text or ":" in text))
        or _signature(words)
    ):
        return "byline"
    if text[0] in _QUOTES:
        return "quote"
    if len(words) <= 3:
        return "short"  # headings, credits, one-word items
    return "line"


def _cue(text: str) -> str | None:
    words = f" {' '.join(_WORD.findall(text.casefold()))} "
    for cue in _CUES:
        if cue in words:
            return cue.strip()
    return None


def decide(text: str, key: str, documents: int, of: int, options: LearnOptions) -> LearnedLine:
    """The decision for one line found in *documents* of a site's *of* documents."""
    share = documents / of if of else 0.0
    seen = f"in {documents} of {of} documents of this site"
    kind = kind_of(text)

    def line(action: Action, why: str) -> LearnedLine:
        return LearnedLine(text, key, documents, kind, action, why)

    if kind == "byline" and not options.remove_bylines:
        return line("keep", f"{seen}, but a byline, credit or contact line: metadata (remove_bylines=True removes it)")
    if kind == "byline":
        return line("remove", f"{seen}; a byline, removed because remove_bylines=True")
    if kind == "list_item":
        return line("keep", f"{seen}, but a list item or a source link: recurring items are content")
    if kind == "quote":
        return line("keep", f"{seen}, but a quotation: several stories can repeat one quote")
    if kind == "short":
        return line("beside", f"{seen}; a short line, removed only next to other boilerplate of this site")
    if len(text) > options.long_chars:
        if share >= options.long_share:
            return line("remove", seen)
        return line("keep", f"{seen}, but a long paragraph in few of them: a story told twice, not furniture")
    if share >= options.strong_share:
        return line("remove", seen)
    cue = _cue(text)
    if cue is not None:
        return line("remove", f"{seen}; reads like site furniture ({cue!r})")
    return line("keep", f"{seen}, but in few of them and reads like article text")


def is_candidate(documents: int, of: int, options: LearnOptions) -> bool:
    """Whether a line in *documents* of *of* documents recurs enough to be decided on at all."""
    return documents >= options.min_documents and documents >= options.min_share * of
