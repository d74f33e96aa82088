"""The ``furniture`` filter: remove page furniture by its shape.

Teasers (a prefix plus another article's headline), headline lists under a
teaser heading, promos (sign up, subscribe, get the app, support, buy),
share/follow/comment prompts, video-player and caption controls, and
site-wide footers. Bylines, agency tags, credits, stamps and copyright notices
are *metadata*: removed only with ``metadata=True``.

The shapes are data, in :mod:`newsclean._filters.furniture_patterns`, each
group with its source. A block goes only when its *whole* text has one of those
shapes (or, for a heading's list, when it stands in the list); a sentence that
mentions a newsletter, sharing or a video is article text and stays.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, fields
from itertools import compress
from operator import attrgetter, itemgetter

from newsclean._core.document import Block, BlockKind, Document, Edit
from newsclean._core.errors import config_error
from newsclean._core.filter import BlockFilter, check_name
from newsclean._core.runs import mark_settled, marked_settled, run_memo, step_memo
from newsclean._core.text import lines_holding
from newsclean._filters.furniture_patterns import (
    BRACKET_PATTERNS,
    COMMENT_ENDS,
    COMMENT_HEADINGS,
    CONTEXT,
    EMPTIED_TEASER,
    HEADING_PATTERN,
    HEADINGS,
    LINE_PATTERNS,
    MAX_LINE,
    METADATA_PATTERNS,
    REASONS,
    REPORTED,
    RULES,
    TEASER_PREFIX,
    UPPER_LABELS,
    Shape,
    fold,
)
from newsclean._filters.furniture_lines import (
    SENTENCE_END,
    free_start_hint,
    later_sentence_may_start_a_shape,
    may_start_a_shape,
    probe_key,
    sentence_shape,
)
from newsclean._filters.line_gate import read_lines

__all__ = ["FurnitureFilter"]

# Table cells and preformatted text are data: a cell "Comments" in a table stays.
_SKIP_KINDS = frozenset({BlockKind.TABLE_CELL, BlockKind.PREFORMATTED})
# Two sentences inside a would-be headline ("... the city. It was ..."): a paragraph, not a headline.
_INNER_SENTENCE = re.compile(r"\w\w[.!?] \w")
# "CNBC: ", "TG: ", "Scott Pelley: ": the speaker of a Q&A line (all capitals, or two or three capitalised words).
_SPEAKER = re.compile(r"(?:[A-Z][A-Z.&]{0,11}|[A-Z][a-z.'-]{1,20}(?: [A-Z][a-z.'-]{1,20}){1,2}): ")
_DASHES = frozenset({"-", "\u2013", "\u2014", "\u2015"})
# Teaser prefixes whose teaser is a video or a recording: their family is player_ui.
_PLAYER_PREFIXES = ("watch", "video", "listen", "mira", "guarda", "bekijk")
_MAX_LIST = 20
# First words of LINE_PATTERNS' alternatives: they run only on keys starting with one.
_LINE_STARTS = ("follow ", "read ", "see ", "more ap ", "[", "book", "dvd", "e-book", "ebook", "t-shirt")
# First words of HEADING_PATTERN's alternatives: it runs only on keys starting with one.
_HEADING_STARTS = ("more ", "popular ", "mehr ", "plus ", "más ", "altro ", "meer ")
# An emptied teaser ends in a colon and a closing bracket, maybe spaced: only lines with one are searched.
_EMPTY_GAP = re.compile(r":(?: {0,2}\)| ?\])").search  # ":)", ": )", ":  )", ":]", ": ]"
_NAME_WORD = r"[A-ZÀ-ÞА-ЯĀ-Ž][\w.'-]{0,30}"
# Opt-in metadata that needs the page's own case: "By Jane Doe", "von Ernst Fleischmann".
_BYLINE = re.compile(
    rf"(?i:by|von|par|por|di|door|comments by|written by|text|texto)[: ] ?{_NAME_WORD}"
    rf"(?: (?:{_NAME_WORD}|de|van|von|der|den|la|le|da|di|del|dos)){{0,4}}"
    rf"(?:(?:,| and| und| et| y| e| en| &) {_NAME_WORD}(?: (?:{_NAME_WORD}|de|van|von|der)){{0,4}}){{0,3}}"
    rf"(?: ?[-|,\u2013\u2014] [^!?]{{1,60}})?"
)
# "WASHINGTON (AP) — " at the start of a paragraph: the agency dateline, removed from the line (metadata).
_DATELINE = re.compile(
    r"(?:[A-ZÀ-Þ][A-ZÀ-Þ.'-]{1,30}(?:,? [A-ZÀ-Þ][\w.'-]{0,30}){0,4} )?"
    r"\((?:AP|AFP|Reuters|dpa|CNN|CNN Business|KNA|epd|AFP/dpa|dpa/AFP|Xinhua|ANSA|EFE|APA|SDA)\)(?: ?[\u2014\u2013-] ?| )"
)


def _headline(key: str) -> bool:
    """Whether a folded text looks like a headline: short, one line of words, not a sentence run."""
    if not 3 <= len(key) <= 160 or key.count(" ") > 24:
        return False
    if key.endswith((".", ":", ";", ",")) and not key.endswith("..."):
        return False
    return _INNER_SENTENCE.search(key) is None


def _list_item(text: str, key: str) -> bool:
    """A headline in a list: four words or more, and no speaker label.

    "Apple AirPods", "$139.00" and "About the Author" head a product box or a
    bio; "CNBC: Why are so many older Americans ...?" is an interviewer's question.
    """
    return key.count(" ") >= 3 and _headline(key) and _SPEAKER.match(text.lstrip()) is None


def _dek(key: str) -> bool:
    """A headline or a one-sentence standfirst under it."""
    return _headline(key) or (len(key) <= 200 and key.endswith(".") and _INNER_SENTENCE.search(key[:-1]) is None)


class _Keys:
    """The folded keys of a document's lines, built on first use for the lines the gate passed over."""

    __slots__ = ("blocks", "known")

    def __init__(self, blocks: Sequence[Block], known: list[str | None]) -> None:
        self.blocks = blocks
        self.known = known  # None: the gate showed the line is no furniture and no heading

    def __getitem__(self, i: int) -> str:
        key = self.known[i]
        if key is None:
            text = self.blocks[i].text
            key = self.known[i] = fold(text) if len(text) <= MAX_LINE else ""
        return key


# The reading of a line the gate passes over: no key, no match.
_PASSED_OVER: tuple[None, None] = (None, None)


@dataclass(frozen=True, kw_only=True)
class FurnitureFilter(BlockFilter):
    """Remove page furniture: teasers, headline lists, promos, share prompts, player UI, footers.

    Use it on scraped article text (or HTML blocks). A block goes only when its
    whole text has the shape of furniture: a teaser prefix plus a headline
    (``Read more: <headline>``, ``Lesen Sie auch: …``), a teaser heading and
    the headlines under it, a short call to action (``Sign up for our
    newsletter``, ``Abonnez-vous``), a share/follow/comment prompt, a player
    or caption control, a labelled footer. It never touches a sentence that
    mentions those things, a line that reports speech ("Subscribe, the mayor
    said."), table cells, or a ``More:`` paragraph of a Q&A. An emptied
    teaser inside a line, ``(Read more: )``, is cut out of the line.

    Rules (the ``rule`` of each change, its family): ``teaser``,
    ``teaser_list``, ``promo``, ``share``, ``player_ui``, ``footer``, and,
    with ``metadata=True`` only, ``metadata`` (bylines, agency tags and
    datelines, photo credits, update stamps, contributor and contact lines,
    copyright and provenance notices). ``data`` names the shape matched.

    Options (keyword-only): ``metadata`` (default ``False``); ``disable``,
    families to switch off, e.g. ``("teaser_list",)``.

    >>> f = FurnitureFilter()
    >>> f("The council met.\\nRead more: Budget vote delayed again\\nIt voted.")
    'The council met.\\nIt voted.'
    >>> f("Our newsletter, launched in May, has 2,000 readers.")
    'Our newsletter, launched in May, has 2,000 readers.'
    >>> [c.rule for c in f.apply("Text.\\nSign up for our daily newsletter").changes]
    ['promo']
    >>> FurnitureFilter(metadata=True)("By Jane Doe\\nThe story.")
    'The story.'
    """

    name: str = "furniture"
    metadata: bool = False
    disable: Collection[str] = ()

    def __post_init__(self) -> None:
        check_name(self.name)
        if not isinstance(self.metadata, bool):
            config_error(f"FurnitureFilter(metadata=...) takes True or False, got {self.metadata!r}")
        value = (self.disable,) if isinstance(self.disable, str) else self.disable
        if not isinstance(value, Collection):
            config_error(f"FurnitureFilter(disable=...) takes family names, got {self.disable!r}")
        names = tuple(value)
        bad = [v for v in names if v not in RULES]
        if bad:
            config_error(f"FurnitureFilter(disable=...): unknown {', '.join(map(repr, bad))}; families: {', '.join(RULES)}")
        object.__setattr__(self, "disable", tuple(r for r in RULES if r in names))

    def __getstate__(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @functools.cached_property
    def _rules(self) -> frozenset[str]:
        wanted = set(RULES) - set(self.disable)
        if not self.metadata:
            wanted.discard("metadata")
        return frozenset(wanted)

    # -- one line ------------------------------------------------------------------

    def match(self, text: str) -> tuple[str, dict[str, str]] | None:
        """The family and details if the whole *text* is furniture on its own, else ``None``.

        >>> FurnitureFilter().match("» Lesen Sie auch: Der Rat tagt erneut")
        ('teaser', {'pattern': 'teaser_prefix', 'prefix': 'lesen sie auch:'})
        >>> FurnitureFilter().match("More: the council voted to delay the budget.") is None
        True
        """
        if len(text) > MAX_LINE:
            return None
        return self._match_folded(text, fold(text))

    def _match_folded(self, text: str, key: str) -> tuple[str, dict[str, str]] | None:
        if not key:
            return None
        hit = self._match_key(text, key)
        if hit is not None and hit[0] in self._rules:
            return hit
        if "metadata" in self._rules:
            return self._match_metadata(text)
        return None

    def _match_key(self, text: str, key: str) -> tuple[str, dict[str, str]] | None:
        stripped = text.strip()
        label = UPPER_LABELS.get(stripped.rstrip(":"))
        if label is not None:
            return label[0], {"pattern": "upper_label", "matched": stripped}
        found = self._teaser(key)
        if found is not None:
            return found
        if stripped[:1] in "[(" and stripped[-1:] in "])":
            found = self._bracketed(stripped)
            if found is not None:
                return found
        if key.startswith(_LINE_STARTS):
            for shape in LINE_PATTERNS:
                if shape.regex.fullmatch(key):
                    return shape.rule, {"pattern": shape.name, "language": shape.language}
        return self._sentences(key)

    def _teaser(self, key: str) -> tuple[str, dict[str, str]] | None:
        m = TEASER_PREFIX.match(key)
        if m is None:
            return None
        rest = key[m.end() :].strip(" :|")
        if not rest or not _headline(rest):
            return None
        prefix = m.group()
        rule = "player_ui" if prefix.startswith(_PLAYER_PREFIXES) else "teaser"
        return rule, {"pattern": "teaser_prefix", "prefix": prefix.strip()}

    def _bracketed(self, stripped: str) -> tuple[str, dict[str, str]] | None:
        inner = fold(stripped[1:-1])
        if not inner or "[" in inner or "]" in inner:
            return None
        found = self._teaser(inner)
        if found is not None:
            return found[0], {**found[1], "pattern": "bracketed_teaser"}
        for shape in BRACKET_PATTERNS:
            if shape.regex.fullmatch(inner):
                return shape.rule, {"pattern": shape.name, "language": shape.language}
        return None

    def _sentences(self, key: str) -> tuple[str, dict[str, str]] | None:
        """Every sentence a call to action, prompt, control or footer (or promo context beside one)."""
        if may_start_a_shape(key) or free_start_hint(key):
            parts = SENTENCE_END.split(key)
        elif later_sentence_may_start_a_shape(key):
            # A promo line may open with a context sentence; a later sentence must then start like a shape.
            parts = SENTENCE_END.split(key)
        else:
            return None
        if len(parts) > 4:
            return None
        if REPORTED.search(key):
            return None
        first: Shape | None = None
        for part in parts:
            shape = sentence_shape(part)
            if shape is not None:
                first = first or shape
            elif len(parts) == 1 or CONTEXT.search(part) is None:
                return None
        if first is None:
            return None
        return first.rule, {"pattern": first.name, "language": first.language}

    def _match_metadata(self, text: str) -> tuple[str, dict[str, str]] | None:
        raw = " ".join(text.split())
        if _BYLINE.fullmatch(raw):
            return "metadata", {"pattern": "byline"}
        key = fold(text)
        for shape in METADATA_PATTERNS:
            if shape.regex.fullmatch(key):
                return "metadata", {"pattern": shape.name}
        return None

    # -- the document ----------------------------------------------------------------

    def edits(self, doc: Document) -> Iterator[Edit]:
        """Yield a removal per furniture block, and a rewrite per line holding an emptied teaser."""
        blocks = doc.blocks
        taken: dict[int, tuple[str, dict[str, str]]] = {}
        memo = run_memo(self)
        told = step_memo(self)  # the memo, if this is the pipeline's own run
        if told is not None:
            told["unmoved"] = False  # until this run has made all its edits
            mark_settled(told, None)
        readings = read_lines(list(map(attrgetter("text"), blocks)), self._read_line, memo, longest=MAX_LINE)
        keys = _Keys(blocks, list(map(itemgetter(0), readings)))
        for i in compress(range(len(readings)), map(itemgetter(1), readings)):  # the lines found: few
            if blocks[i].kind not in _SKIP_KINDS:
                taken[i] = readings[i][1]  # type: ignore[assignment]  # compress passed no None
        context: list[int] = []  # the lines a context rule starts from
        if "teaser_list" in self._rules:
            found_in_lists, starts = self._lists(blocks, keys, taken)
            taken.update(found_in_lists)
            context += starts
        if "share" in self._rules:
            found_in_comments, headings = self._comment_sections(blocks, keys)
            taken.update(found_in_comments)
            context += headings
        # every furniture line found is taken: the text left holds none, and no line a context
        # rule starts from if each was taken too (a heading with its list, a comment section)
        unmoved = all(i in taken for i in context)
        for i in sorted(taken):
            rule, data = taken[i]
            yield Edit(i, rule, REASONS[rule], data=data)
        for edit in self._rewrites(blocks, taken):
            unmoved = False
            yield edit
        if told is not None:  # what settles() and stays_settled() tell the pipeline of the text left
            told["unmoved"] = unmoved
            mark_settled(told, doc if unmoved and taken else None)

    def settles(self, doc: Document) -> bool:
        """Whether the text this filter just left of *doc* holds nothing it would change (then a run on it changes nothing).

        It does when the run rewrote no line and removed, with every furniture
        line, every line a context rule starts from (a teaser heading, a lone
        dash, a comment heading): whether a line is furniture or such a line
        depends on the line alone, and removals leave the other lines as they
        were. Known only inside a pipeline run, and only for this class's own rules.
        """
        return marked_settled(self, doc) and type(self) is FurnitureFilter

    def stays_settled(self, doc: Document) -> bool:
        """Whether removing blocks from the text this filter last left leaves it nothing to do.

        It does when that text held no furniture line and no line a context rule
        starts from (a teaser heading, a lone dash, a comment heading), left so
        by a run that changed nothing or by one that removed them all (see
        :meth:`settles`): removals bring no such line. Known only inside a
        pipeline run, and only for this class's own rules (a subclass may read
        lines otherwise).
        """
        memo = run_memo(self)
        return memo is not None and memo.get("unmoved") is True and type(self) is FurnitureFilter

    def _read_line(self, text: str) -> tuple[str | None, tuple[str, dict[str, str]] | None]:
        """A line's folded key and what it matches on its own (a function of the text alone).

        The key is ``None`` when the gate showed the line is neither furniture
        nor a heading (see ``_Keys``); metadata shapes are not in the gate.
        """
        if len(text) > MAX_LINE:
            return "", None
        key = fold(text) if "metadata" in self._rules else probe_key(text)
        if key is None:
            return _PASSED_OVER  # one tuple for every line the gate passes over (a big document's memo holds many)
        return key, (self._match_folded(text, key) if key else None)

    def _lists(
        self, blocks: Sequence[Block], keys: _Keys, taken: dict[int, tuple[str, dict[str, str]]]
    ) -> tuple[dict[int, tuple[str, dict[str, str]]], list[int]]:
        """A teaser heading and the headlines under it; runs of headlines between lone dashes.

        A heading with no headline under it goes only when everything after it
        goes too (its list was emptied by the scraper); headings are checked
        from the end, so that two such headings in a row both go in one pass.
        Also the headings and lone dashes here (where a list could start) that
        no list found takes in its stride.
        """
        n = len(blocks)
        found: dict[int, tuple[str, dict[str, str]]] = {}
        bare: list[int] = []
        starts: list[int] = []
        # where a list can start: a line the gate did not pass over (no other is a heading, even once
        # its key is made below), or a lone dash; picked out in C, the other lines are passed by
        heads = compress(range(n), keys.known)
        dashes = compress(range(n), map(_DASHES.__contains__, map(str.strip, map(attrgetter("text"), blocks))))
        free = 0  # the blocks before this one are in a list found already
        for i in sorted({*heads, *dashes}):
            if i < free:
                continue
            key = (keys.known[i] or "").rstrip(".:")  # a line the gate passed over is no heading
            is_heading = bool(key) and (key in HEADINGS or (key.startswith(_HEADING_STARTS) and HEADING_PATTERN.fullmatch(key) is not None))
            if is_heading:
                starts.append(i)
            if is_heading and blocks[i].kind not in _SKIP_KINDS:
                j = i + 1
                while j < n and j - i <= _MAX_LIST and j not in taken and blocks[j].kind not in _SKIP_KINDS and (
                    _list_item(blocks[j].text, keys[j])
                ):
                    j += 1
                if j == i + 1:
                    bare.append(i)
                heading = blocks[i].text.strip()
                for k in range(i, j if j > i + 1 else i):
                    found[k] = ("teaser_list", {"pattern": "heading_list", "heading": heading})
                free = max(j, i + 1)
                continue
            if blocks[i].text.strip() in _DASHES:
                starts.append(i)
                j, groups = self._dash_groups(blocks, keys, i)
                if groups >= 3:
                    for k in range(i, j):
                        found[k] = ("teaser_list", {"pattern": "dash_separated_headlines", "groups": str(groups)})
                    free = j
        gone = n  # every block from here on goes
        while gone > 0 and (gone - 1 in taken or gone - 1 in found):
            gone -= 1
        for i in reversed(bare):
            if i + 1 >= gone:
                found[i] = ("teaser_list", {"pattern": "emptied_heading", "heading": blocks[i].text.strip()})
                gone = min(gone, i)
                while gone > 0 and (gone - 1 in taken or gone - 1 in found):
                    gone -= 1
        return found, starts

    @staticmethod
    def _dash_groups(blocks: Sequence[Block], keys: _Keys, start: int) -> tuple[int, int]:
        """End and count of "-" / headline / optional standfirst groups from *start* (a lone dash)."""
        n, j, groups = len(blocks), start, 0
        while j < n and blocks[j].text.strip() in _DASHES:
            k = j + 1
            if k < n and _headline(keys[k]):
                k += 1
                if k < n and blocks[k].text.strip() not in _DASHES and _dek(keys[k]):
                    k += 1
            else:
                break
            j, groups = k, groups + 1
        return j, groups

    @staticmethod
    def _comment_sections(blocks: Sequence[Block], keys: _Keys) -> tuple[dict[int, tuple[str, dict[str, str]]], list[int]]:
        """A comment heading through its "read all comments" line (the readers' comments widget), and the comment headings here."""
        n = len(blocks)
        if COMMENT_HEADINGS.isdisjoint(keys.known):
            return {}, []
        headings = [i for i, key in enumerate(keys.known) if key in COMMENT_HEADINGS]
        for i in headings:
            end = next((j for j in range(i + 1, min(n, i + 80)) if keys[j].strip("[] ") in COMMENT_ENDS), None)
            if end is not None:
                section = ("share", {"pattern": "comment_section", "heading": blocks[i].text.strip()})
                return dict.fromkeys(range(i, end + 1), section), headings
        return {}, headings

    def _rewrites(self, blocks: Sequence[Block], taken: dict[int, tuple[str, dict[str, str]]]) -> Iterator[Edit]:
        """Emptied teasers cut out of a line; with ``metadata``, agency datelines cut from a paragraph's start."""
        teasers = "teaser" in self._rules
        datelines = "metadata" in self._rules
        # only a line with a ":" (an emptied teaser) or a "(" (a dateline) is rewritten: picked out in C
        marks = [mark for mark, wanted in ((":", teasers), ("(", datelines)) if wanted]
        lines = sorted({i for mark in marks for i in lines_holding(map(attrgetter("text"), blocks), mark)})
        for i in lines:
            block = blocks[i]
            if i in taken or block.kind in _SKIP_KINDS:
                continue
            text = block.text
            new = text
            if teasers and ":" in text and _EMPTY_GAP(text) is not None:
                new = EMPTIED_TEASER.sub("", new)
            if datelines and "(" in new:
                m = _DATELINE.match(new.lstrip())
                if m is not None and len(new.lstrip()) > m.end():
                    new = new[: len(new) - len(new.lstrip())] + new.lstrip()[m.end() :]
            if new == text:
                continue
            if not new.strip():
                yield Edit(i, "teaser", REASONS["teaser"], data={"pattern": "emptied_teaser"})
            else:
                rule = "teaser" if EMPTIED_TEASER.search(text) else "metadata"
                yield Edit(i, rule, REASONS[rule], new, data={"pattern": "emptied_teaser" if rule == "teaser" else "dateline"})
