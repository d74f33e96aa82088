"""The ``placeholders`` filter: remove lines that are only an ad label, a loader, a marker or a read-more link.

The data sits beside it: exact phrases and a few patterns in
:mod:`newsclean._filters.placeholder_patterns`, the families as small
per-language grammars in :mod:`newsclean._filters.placeholder_families`, and
the context rule for ambiguous labels in
:mod:`newsclean._filters.placeholder_context`. A block goes only when its
*whole* text is a placeholder; sentences that contain the words stay.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from itertools import compress
from operator import attrgetter
from typing import Any, Union, cast

from newsclean._core.document import BlockKind, Document, Edit
from newsclean._core.errors import config_error
from newsclean._core.filter import BlockFilter
from newsclean._core.runs import mark_settled, marked_settled, run_memo, step_memo
from newsclean._filters.line_gate import key_starts, listed, read_lines
from newsclean._filters.placeholder_context import CONTEXT_REASONS, Hit, decide, run_context
from newsclean._filters.placeholder_families import (
    AD_TOPICS,
    CompiledFamily,
    Family,
    anchor_index,
    builtin_families,
    compile_families,
)
from newsclean._filters.placeholder_patterns import (
    BUILTIN_TABLE,
    LANGUAGES,
    MAX_LINE,
    PATTERNS,
    REASONS,
    RULES,
    Pattern,
    ascii_key,
    finish_key,
    placeholder_key,
    rough_key,
)

__all__ = ["PlaceholderFilter"]

#: What ``add`` and ``add_patterns`` accept: ``{phrase: rule}``, ``{rule: [phrases]}`` or ``[(phrase, rule)]``.
Additions = Union[Mapping[str, Union[str, Iterable[str]]], Iterable[tuple[str, str]]]

# Table cells and preformatted text are data, not page furniture: a cell
# "Werbung" in a budget table is content.
_SKIP_KINDS = frozenset({BlockKind.TABLE_CELL, BlockKind.PREFORMATTED})
# "- Werbung" with nothing after it is a list item ("Ausgaben: - Miete - Werbung"),
# unlike the wrapped label "- Werbung -".
_BULLETS = ("- ", "* ", "• ", "– ", "— ", "· ", "▪ ")
_CLOSERS = frozenset("-–—―*|:)]}>»›=_~•·▪")
# Stripped from each word of a folded line before the anchor lookup ("moment…", "wait!").
_TOKEN_STRIP = ".,;:!?…\"'()[]"
# Keys longer than this are tried only against grammars with a stretch of free text (consent
# notices); no other grammar matches 120 characters.
_SHORT_KEY = 120
# The gate: a line longer than _PROBE characters whose key cannot start like any phrase,
# family or pattern (its first 8 characters, or 4 where the starts of 8 cannot be listed)
# is no placeholder, and only the key of its first _PROBE characters is built. On the
# clean bodies 4 characters pass 645 of 3,865 such lines ("the ", "you ", "from" start
# placeholders too), 8 pass 65 ("the show", "this art").
_PROBE = 24
_START_WIDTHS = (8, 4)
# A block of only these is blank for the context rule (a lone zero-width space between paragraphs).
_BLANK = " \t\xa0\u200b\u200c\u200d\u2060\ufeff"


@functools.lru_cache(maxsize=8)  # the default filter's gate is listed once per process, not once per filter
def _gate_starts(regexes: tuple[re.Pattern[str], ...], phrases: frozenset[str]) -> tuple[int, frozenset[str]] | None:
    """The widest of _START_WIDTHS at which every start of the *regexes* and *phrases* can be listed, and those starts."""
    for width in _START_WIDTHS:
        starts = key_starts(regexes, phrases, width=width)
        if starts is not None:
            return width, starts
    return None


def _continues_marks(char: str) -> bool:
    """Whether *char*'s decomposition starts with a combining mark (NFKD may move it before the marks ahead of it).

    >>> _continues_marks("\u05b0"), _continues_marks("\u0f73"), _continues_marks("e"), _continues_marks("é")
    (True, True, False, False)
    """
    return not char.isascii() and unicodedata.combining(unicodedata.normalize("NFKD", char)[0]) != 0


def _check_rule(rule: object, option: str, rules: tuple[str, ...] = RULES) -> str:
    if not isinstance(rule, str) or rule not in rules:
        config_error(f"PlaceholderFilter({option}=...): unknown rule {rule!r}; rules: {', '.join(rules)}")
    return rule


def _pairs(value: object, option: str, rules: tuple[str, ...] = RULES) -> tuple[tuple[str, str], ...]:
    """Normalise ``{item: rule}``, ``{rule: [items]}`` or ``[(item, rule)]`` to ``((item, rule), ...)``."""
    shape = f"PlaceholderFilter({option}=...) takes {{text: rule}}, {{rule: [texts]}} or [(text, rule)]"
    if isinstance(value, (str, bytes)):
        config_error(f"{shape}, got the string {value!r}")
    items: Iterable[Any]
    if isinstance(value, Mapping):
        items = value.items()
    elif isinstance(value, Iterable):
        items = value
    else:
        config_error(f"{shape}, got {type(value).__name__}")
    out: list[tuple[str, str]] = []
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)):
            config_error(f"{shape}, got the entry {item!r}")
        first, second = item
        if isinstance(second, str):
            out.append((first, _check_rule(second, option, rules)))
        elif isinstance(second, Iterable) and first in rules:
            for text in second:
                if not isinstance(text, str):
                    config_error(f"{shape}; {text!r} under {first!r} is not a str")
                out.append((text, first))
        else:
            config_error(f"{shape}, got the entry {item!r} (unknown rule; rules: {', '.join(rules)})")
    return tuple(out)


def _names(value: object, option: str, valid: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, Iterable):
        config_error(f"PlaceholderFilter({option}=...) takes strings, got {value!r}")
    value = tuple(value)
    if not all(isinstance(v, str) for v in value):
        config_error(f"PlaceholderFilter({option}=...) takes strings, got {value!r}")
    known = tuple(valid)
    bad = [v for v in value if v not in known]
    if bad:
        config_error(f"PlaceholderFilter({option}=...): unknown {', '.join(map(repr, bad))}; valid: {', '.join(known)}")
    return tuple(sorted(set(value), key=known.index))  # a set's order is not stable across runs


def _removals(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, Iterable):
        config_error(f"PlaceholderFilter(remove=...) takes built-in phrases, got {value!r}")
    out = []
    for phrase in value:
        key = placeholder_key(phrase) if isinstance(phrase, str) else ""
        if key not in BUILTIN_TABLE:
            import difflib  # only for this error message: keeps `import newsclean` cheap

            near = difflib.get_close_matches(key, list(BUILTIN_TABLE), n=3)
            hint = f"; did you mean {', '.join(map(repr, near))}?" if near else ""
            config_error(
                f"PlaceholderFilter(remove=...): {phrase!r} is not a built-in phrase{hint} "
                "(the built-ins are in newsclean._filters.placeholder_patterns.PHRASE_GROUPS; to turn a whole rule off use disable=)"
            )
        out.append(phrase)
    return tuple(out)


_NAME = re.compile(r"[a-z][a-z0-9_]{0,40}")
_AMBIGUOUS = ("context", "keep", "remove")


def _family_option(value: object) -> tuple[tuple[str, str], ...]:
    """Normalise ``add_families`` (``{name: grammar}``, ``{name: [grammars]}`` or pairs) to ``((name, grammar), ...)``."""
    shape = "PlaceholderFilter(add_families=...) takes {name: grammar}, {name: [grammars]} or [(name, grammar)]"
    if isinstance(value, (str, bytes)) or not isinstance(value, (Mapping, Iterable)):
        config_error(f"{shape}, got {value!r}")
    items = value.items() if isinstance(value, Mapping) else value
    out: list[tuple[str, str]] = []
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)):
            config_error(f"{shape}, got the entry {item!r}")
        name, grammars = item
        if not _NAME.fullmatch(name):
            config_error(f"PlaceholderFilter(add_families=...): a family name must be snake_case, got {name!r}")
        for grammar in (grammars,) if isinstance(grammars, str) else grammars:
            if not isinstance(grammar, str) or not grammar:
                config_error(f"{shape}; {grammar!r} under {name!r} is not a grammar string")
            try:
                compile_families((Family(name, "custom", grammar, ""),))
            except (re.error, ValueError) as exc:
                config_error(f"PlaceholderFilter(add_families=...): {grammar!r} is not a valid grammar ({exc})")
            out.append((name, grammar))
    return tuple(out)


@dataclass(frozen=True, kw_only=True)
class PlaceholderFilter(BlockFilter):
    """Remove blocks that are only a placeholder: ad labels, loaders, wait and skip-ad notices, markers, read-more links.

    Use it on scraped article text (or HTML blocks). A block goes only when its
    whole text, ignoring case, accents, surrounding spaces/NBSP/zero-width
    characters and wrapping dashes, brackets, colons, asterisks or pipes, is a
    placeholder of one of the families (the ``rule`` of each change):
    ``ad_label``, ``loader``, ``wait``, ``ad_break``, ``continue_marker``,
    ``sponsored``, ``embed_placeholder``, ``read_more``. Each family is a small
    grammar per language (en, de, fr, es, it, pt, nl) plus exact phrases in 13
    languages. It never touches a sentence that merely contains the words, a
    quoted ``“Loading…”``, a list item ``- Werbung``, table cells, or a
    read-more line ending in ``:`` (it introduces the links after it).

    Words that are also content (``Ad``, ``Advertising``, ``Anzeigen``,
    ``Loading``, ``Video``, ``Sponsored``) go only as page furniture: alone
    between prose paragraphs or at the start or end of the document, not in a
    run of short lines. One-word labels that are nouns (``Werbung``,
    ``Advertisement``) stay inside a list. ``data["context"]`` and the reason
    say which context decided.

    Options (keyword-only):

    * ``add``: phrases to remove too, ``{"Reklame": "ad_label"}`` or ``{"ad_label": ["Reklame"]}``;
    * ``add_patterns``: regexes matched (``fullmatch``) on the folded line (lowercase, see
      :func:`~newsclean._filters.placeholder_patterns.placeholder_key`), same shapes as ``add``;
    * ``add_families``: your own families, ``{"paywall": "subscribe to (?:read|continue)<dots>"}``,
      grammars like the built-in ones (``<slot>`` expands to the built-in words of every language);
    * ``remove``: built-in phrases to keep, e.g. ``("Read more",)``;
    * ``disable``: families (rules) to switch off, e.g. ``("read_more",)``;
    * ``languages``: use only these languages' built-ins, e.g. ``("de", "en")``;
    * ``ambiguous``: ``"context"`` (default) decides ambiguous labels by context, ``"keep"``
      never removes them, ``"remove"`` removes them wherever they stand alone on a line.

    >>> f = PlaceholderFilter()
    >>> f("Die Stadt plant neu.\\n- Anzeige -\\nDer Rat stimmt zu.")
    'Die Stadt plant neu.\\nDer Rat stimmt zu.'
    >>> f("The advertisement, which aired during the final, drew complaints.")
    'The advertisement, which aired during the final, drew complaints.'
    >>> [(c.rule, c.data["matched"]) for c in f.apply("Text.\\nLoading video...").changes]
    [('loader', 'loading video…')]
    >>> f("The mayor spoke first.\\nVIDEO\\nThe council voted after her.")
    'The mayor spoke first.\\nThe council voted after her.'
    >>> f("Industries:\\nRetail\\nAdvertising\\nMedia")
    'Industries:\\nRetail\\nAdvertising\\nMedia'
    >>> PlaceholderFilter(add={"Mehr zum Thema": "read_more"})("Text.\\nMehr zum Thema")
    'Text.'
    """

    name: str = "placeholders"

    add: Additions = ()
    add_patterns: Additions = ()
    add_families: Mapping[str, Union[str, Iterable[str]]] | Iterable[tuple[str, str]] = ()
    remove: Collection[str] = ()
    disable: Collection[str] = ()
    languages: Collection[str] | None = None
    ambiguous: str = "context"

    def __post_init__(self) -> None:
        # Options are stored as tuples, so the filter stays hashable, comparable and picklable.
        setattr_ = functools.partial(object.__setattr__, self)
        families = _family_option(self.add_families)
        setattr_("add_families", families)
        rules = RULES + tuple(dict.fromkeys(name for name, _ in families if name not in RULES))
        added = _pairs(self.add, "add", rules)
        for phrase, _ in added:
            key = placeholder_key(phrase)
            if not key or len(key) > MAX_LINE:
                config_error(
                    f"PlaceholderFilter(add=...): {phrase!r} folds to an empty key or is longer than {MAX_LINE} characters"
                )
        setattr_("add", added)
        patterns = _pairs(self.add_patterns, "add_patterns", rules)
        for regex, _ in patterns:
            try:
                re.compile(regex)
            except re.error as exc:
                config_error(f"PlaceholderFilter(add_patterns=...): {regex!r} is not a valid regex ({exc})")
        setattr_("add_patterns", patterns)
        setattr_("remove", _removals(self.remove))
        setattr_("disable", _names(self.disable, "disable", RULES))
        if self.languages is not None:
            setattr_("languages", _names(self.languages, "languages", LANGUAGES))
        if self.ambiguous not in _AMBIGUOUS:
            config_error(
                f"PlaceholderFilter(ambiguous=...) takes {', '.join(map(repr, _AMBIGUOUS))}, got {self.ambiguous!r}"
            )

    def __getstate__(self) -> dict[str, object]:
        # Pickle the options only; the derived tables are rebuilt on first use.
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @functools.cached_property
    def _table(self) -> Mapping[str, tuple[str, str]]:
        """Folded key -> (rule, language) with this filter's options applied."""
        if not (self.add or self.remove or self.disable or self.languages is not None):
            return BUILTIN_TABLE
        removed = {placeholder_key(p) for p in self.remove}
        table = {
            key: hit
            for key, hit in BUILTIN_TABLE.items()
            if key not in removed and self._wanted(*hit)
        }
        for phrase, rule in cast("tuple[tuple[str, str], ...]", self.add):
            if rule not in self.disable:
                table[placeholder_key(phrase)] = (rule, "custom")
        return table

    @functools.cached_property
    def _patterns(self) -> tuple[Pattern, ...]:
        built_in = tuple(p for p in PATTERNS if self._wanted(p.rule, p.language))
        custom = tuple(
            Pattern(regex, rule, "custom", (), re.compile(regex))
            for regex, rule in cast("tuple[tuple[str, str], ...]", self.add_patterns)
            if rule not in self.disable
        )
        return built_in + custom

    @functools.cached_property
    def _families(self) -> tuple[
        tuple[CompiledFamily, ...], Mapping[str, tuple[int, ...]], tuple[CompiledFamily, ...], tuple[CompiledFamily, ...]
    ]:
        """(built-in families in use, their anchor index, those that match long lines, the user's families)."""
        compiled, index = builtin_families()
        if self.disable or self.languages is not None:
            compiled = tuple(c for c in compiled if self._wanted(c.family.rule, c.family.language))
            index = anchor_index(compiled)
        index = dict(index)  # a plain dict: its get is the hot path
        # only grammars with a bounded stretch of free text ("[^.!?]{1,100}") reach past _SHORT_KEY
        long_ones = tuple(c for c in compiled if "{1," in c.family.grammar)
        custom = compile_families(tuple(
            Family(name, "custom", grammar, "")
            for name, grammar in cast("tuple[tuple[str, str], ...]", self.add_families)
        ))
        return compiled, index, long_ones, custom

    @functools.cached_property
    def _starts(self) -> tuple[int, frozenset[str]] | None:
        """How the key of a placeholder in use can start, and in how many characters (see ``line_gate``); ``None``: no gate."""
        compiled, _, _, custom = self._families
        regexes = tuple(c.regex for c in (*compiled, *custom)) + tuple(p.regex for p in self._patterns)
        return _gate_starts(regexes, frozenset(self._table))

    def _cannot_start(self, text: str) -> bool:
        """True when *text*'s key surely starts unlike every placeholder (from a key of its start alone)."""
        gate = self._starts
        if gate is None or len(text) <= _PROBE:
            return False
        width, starts = gate
        head = text[:_PROBE]
        if ".." in text[: _PROBE + 1] or "\u2026" in head:
            return False  # an ellipsis folds with the spaces around it: the start is not settled
        if head.isascii():
            probe = ascii_key(head)
        elif _continues_marks(text[_PROBE]):
            return False  # NFKD orders a run of combining marks across the cut: the probe's end is not the key's
        else:
            probe = finish_key(rough_key(head))
        # the probe's last characters may fold unlike the full line's (a cut space or dash): a margin
        return len(probe) > width + 2 and not listed(probe[:width], starts)

    @functools.cached_property
    def _removed(self) -> frozenset[str]:
        """Keys of the built-in phrases ``remove`` keeps: no family may match them either."""
        return frozenset(placeholder_key(p) for p in self.remove)

    @functools.cached_property
    def _longest(self) -> int:
        return max(map(len, self._table), default=0)

    def _wanted(self, rule: str, language: str) -> bool:
        if rule in self.disable:
            return False
        return self.languages is None or language in self.languages

    def match(self, text: str) -> tuple[str, dict[str, str]] | None:
        """The family (rule) and details if the whole *text* is a placeholder, else ``None``.

        ``data["context"]`` is what must still hold for the line to go: ``none``,
        ``not_in_list`` or ``furniture`` (see :class:`PlaceholderFilter`).

        >>> PlaceholderFilter().match("[Advertisement]")
        ('ad_label', {'matched': 'advertisement', 'language': 'en', 'context': 'not_in_list'})
        >>> PlaceholderFilter().match("Cargando comentarios...")
        ('loader', {'matched': 'cargando comentarios…', 'language': 'es', 'grammar': '<load> <obj><dots>', 'context': 'none'})
        >>> PlaceholderFilter().match("Read more about the budget.") is None
        True
        """
        hit = self._hit(text)
        return None if hit is None else (hit.rule, hit.data)

    def _hit(self, text: str) -> Hit | None:
        if len(text) > MAX_LINE or self._cannot_start(text):
            return None
        rough = rough_key(text)
        if not rough:
            return None
        hit = None
        key = finish_key(rough)
        if key in self._removed:
            return None
        found = self._table.get(key) if len(rough) <= self._longest or ".." in rough else None
        if found is not None:
            rule, language = found
            # a one-word ad label from the phrase table is also a noun: not inside a list
            single = rule == "ad_label" and " " not in key
            context = "not_in_list" if single else "none"
            hit = Hit(rule, {"matched": key, "language": language, "context": context}, context,
                      AD_TOPICS.get(language, ()) if single else ())
        else:
            hit = self._family_hit(key) or self._pattern_hit(key)
        if hit is None:
            return None
        if hit.rule == "read_more" and text.rstrip().endswith((":", "：")):
            return None  # "Read more:" heads the links that follow; it is not a lone teaser
        stripped = text.strip()
        if stripped.startswith(_BULLETS) and stripped[-1] not in _CLOSERS:
            return None  # a list item, not a wrapped label
        return hit

    def _family_hit(self, key: str) -> Hit | None:
        compiled, index, long_ones, custom = self._families
        if len(key) > _SHORT_KEY:
            candidates: list[CompiledFamily] = [*long_ones, *custom]
        else:
            positions: set[int] = set()
            get = index.get
            for token in key.split(" "):
                found = get(token)
                if found is None and not token.isalpha():
                    found = get(token.strip(_TOKEN_STRIP))
                if found:
                    positions.update(found)
            if not positions and not custom:
                return None
            candidates = [compiled[i] for i in sorted(positions)]
            candidates += custom
        for item in candidates:
            if item.regex.fullmatch(key):
                family = item.family
                data = {"matched": key, "language": family.language, "grammar": family.grammar,
                        "context": family.context}
                return Hit(family.rule, data, family.context, family.topic)
        return None

    def _pattern_hit(self, key: str) -> Hit | None:
        for pattern in self._patterns:
            if pattern.hints:
                for hint in pattern.hints:
                    if hint in key:
                        break
                else:
                    continue
            if pattern.regex.fullmatch(key):
                data = {"matched": key, "pattern": pattern.name, "language": pattern.language, "context": "none"}
                return Hit(pattern.rule, data, "none")
        return None

    def edits(self, doc: Document) -> Iterator[Edit]:
        """Yield a removal for every block that is only a placeholder and stands where placeholders stand."""
        blocks = doc.blocks
        memo = run_memo(self)
        hits = read_lines(list(map(attrgetter("text"), blocks)), self._hit, memo, longest=MAX_LINE)
        found = []  # the candidates, in order: few (picked out of all lines in C)
        for i in compress(range(len(hits)), hits):
            if blocks[i].kind in _SKIP_KINDS:
                hits[i] = None
            else:
                found.append(i)
        told = step_memo(self)
        if told is not None:  # what settles() and stays_settled() tell the pipeline of the text left
            told["unhit"] = not found
            mark_settled(told, None)
        if not found:
            return
        left = len(found)  # the placeholders not removed yet

        def skipped(j: int) -> bool:  # candidates and blank-looking blocks (a lone zero-width space)
            return hits[j] is not None or not blocks[j].text.strip(_BLANK)

        end = -1  # the last block of the run of candidates handled
        for i in found:
            if i <= end:
                continue
            end = i
            while end + 1 < len(blocks) and skipped(end + 1):
                end += 1
            for edit in self._run_edits(blocks, hits, skipped, i, end):
                left -= 1
                yield edit
        if told is not None and not left:  # every placeholder removed: the text left holds none
            told["unhit"] = True
            mark_settled(told, doc)

    def _run_edits(
        self, blocks: Any, hits: list[Hit | None], skipped: Callable[[int], bool], first: int, last: int
    ) -> Iterator[Edit]:
        # two passes over the run, no list of its hits: a page of 100,000 lone labels is one run
        furniture = 0
        for j in range(first, last + 1):
            hit = hits[j]
            if hit is not None and hit.context == "furniture":
                furniture += 1
        ctx = None
        for j in range(first, last + 1):
            hit = hits[j]
            if hit is None:
                continue
            if hit.context != "none" and ctx is None:
                ctx = run_context(blocks, skipped, first, last)
            context = "none" if ctx is None else decide(hit, blocks[j], ctx, furniture, self.ambiguous)
            if context is None:
                continue
            reason = REASONS.get(hit.rule, f"a placeholder of the family {hit.rule!r}")
            if context != "none":
                reason = f"{reason}; {CONTEXT_REASONS[context]}"
            yield Edit(j, hit.rule, reason, data={**hit.data, "context": context})

    def settles(self, doc: Document) -> bool:
        """Whether the text this filter just left of *doc* holds no placeholder (then a run on it changes nothing).

        It does when every line that was one, even out of place, was removed:
        whether a line is one depends on the line alone, and removals leave the
        other lines as they were. Known only inside a pipeline run, and only for
        this class's own matching.
        """
        return marked_settled(self, doc) and type(self) is PlaceholderFilter

    def stays_settled(self, doc: Document) -> bool:
        """Whether removing blocks from the text this filter last left leaves it nothing to do.

        It does when no line of that text was a placeholder, even out of place
        (the run changed nothing, or removed every one: see :meth:`settles`):
        whether a line is one depends on the line alone. Known only inside a
        pipeline run, and only for this class's own matching.
        """
        memo = run_memo(self)
        return memo is not None and memo.get("unhit") is True and type(self) is PlaceholderFilter

    def drop_reason(self, before: Document, after: Document) -> str | None:
        """``"only_placeholders"`` when every block was a placeholder, else ``None``."""
        return "only_placeholders" if before.blocks and not after.blocks else None
