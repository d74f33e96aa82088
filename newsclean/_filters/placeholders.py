"""The ``placeholders`` filter: remove lines that are only an ad label, a loader, a marker or a teaser.

The phrases and patterns are data, in :mod:`newsclean._filters.placeholder_patterns`, each group
with its source. A block goes only when its *whole* text is a placeholder;
sentences that contain the words stay.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any, Union, cast

from newsclean._core.document import BlockKind, Document, Edit
from newsclean._core.errors import ConfigurationError
from newsclean._core.filter import BlockFilter
from newsclean._filters.placeholder_patterns import (
    BUILTIN_TABLE,
    LANGUAGES,
    MAX_LINE,
    PATTERNS,
    REASONS,
    RULES,
    Pattern,
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
_CLOSERS = frozenset("-–—―*|:)]}>»›=_~")


def _config_error(message: str) -> ConfigurationError:
    return ConfigurationError(message)


def _check_rule(rule: object, option: str) -> str:
    if not isinstance(rule, str) or rule not in RULES:
        raise _config_error(f"PlaceholderFilter({option}=...): unknown rule {rule!r}; rules: {', '.join(RULES)}")
    return rule


def _pairs(value: object, option: str) -> tuple[tuple[str, str], ...]:
    """Normalise ``{item: rule}``, ``{rule: [items]}`` or ``[(item, rule)]`` to ``((item, rule), ...)``."""
    shape = f"PlaceholderFilter({option}=...) takes {{text: rule}}, {{rule: [texts]}} or [(text, rule)]"
    if isinstance(value, (str, bytes)):
        raise _config_error(f"{shape}, got the string {value!r}")
    items: Iterable[Any]
    if isinstance(value, Mapping):
        items = value.items()
    elif isinstance(value, Iterable):
        items = value
    else:
        raise _config_error(f"{shape}, got {type(value).__name__}")
    out: list[tuple[str, str]] = []
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)):
            raise _config_error(f"{shape}, got the entry {item!r}")
        first, second = item
        if isinstance(second, str):
            out.append((first, _check_rule(second, option)))
        elif isinstance(second, Iterable) and first in RULES:
            for text in second:
                if not isinstance(text, str):
                    raise _config_error(f"{shape}; {text!r} under {first!r} is not a str")
                out.append((text, first))
        else:
            raise _config_error(f"{shape}, got the entry {item!r} (unknown rule; rules: {', '.join(RULES)})")
    return tuple(out)


def _names(value: object, option: str, valid: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, Iterable):
        raise _config_error(f"PlaceholderFilter({option}=...) takes strings, got {value!r}")
    value = tuple(value)
    if not all(isinstance(v, str) for v in value):
        raise _config_error(f"PlaceholderFilter({option}=...) takes strings, got {value!r}")
    known = tuple(valid)
    bad = [v for v in value if v not in known]
    if bad:
        raise _config_error(f"PlaceholderFilter({option}=...): unknown {', '.join(map(repr, bad))}; valid: {', '.join(known)}")
    return tuple(sorted(set(value), key=known.index))  # a set's order is not stable across runs


def _removals(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, Iterable):
        raise _config_error(f"PlaceholderFilter(remove=...) takes built-in phrases, got {value!r}")
    out = []
    for phrase in value:
        key = placeholder_key(phrase) if isinstance(phrase, str) else ""
        if key not in BUILTIN_TABLE:
            import difflib  # only for this error message: keeps `import newsclean` cheap

            near = difflib.get_close_matches(key, list(BUILTIN_TABLE), n=3)
            hint = f"; did you mean {', '.join(map(repr, near))}?" if near else ""
            raise _config_error(
                f"PlaceholderFilter(remove=...): {phrase!r} is not a built-in phrase{hint} "
                "(the built-ins are in newsclean._filters.placeholder_patterns.PHRASE_GROUPS; to turn a whole rule off use disable=)"
            )
        out.append(phrase)
    return tuple(out)


@dataclass(frozen=True, kw_only=True)
class PlaceholderFilter(BlockFilter):
    """Remove blocks that are only a placeholder: ad labels, loaders, markers, sponsored labels, embed stubs, teasers.

    Use it on scraped article text (or HTML blocks). A block goes only when its
    whole text, ignoring case, surrounding spaces/NBSP and wrapping dashes,
    brackets, colons, asterisks or pipes, is a known placeholder in one of 13
    languages. It never touches a sentence that merely contains the words, a
    quoted ``“Loading…”``, a list item ``- Werbung``, table cells, or a
    read-more line ending in ``:`` (it introduces the links after it).

    Rules (the ``rule`` of each change): ``ad_label``, ``loader``,
    ``continue_marker``, ``sponsored``, ``embed_placeholder``, ``read_more``.

    Options (keyword-only):

    * ``add``: phrases to remove too, ``{"Reklame": "ad_label"}`` or ``{"ad_label": ["Reklame"]}``;
    * ``add_patterns``: regexes matched (``fullmatch``) on the folded line (lowercase, see
      :func:`~newsclean._filters.placeholder_patterns.placeholder_key`), same shapes as ``add``;
    * ``remove``: built-in phrases to keep, e.g. ``("Read more",)``;
    * ``disable``: rules to switch off, e.g. ``("read_more",)``;
    * ``languages``: use only these languages' built-ins, e.g. ``("de", "en")``.

    >>> f = PlaceholderFilter()
    >>> f("Die Stadt plant neu.\\n- Anzeige -\\nDer Rat stimmt zu.")
    'Die Stadt plant neu.\\nDer Rat stimmt zu.'
    >>> f("The advertisement, which aired during the final, drew complaints.")
    'The advertisement, which aired during the final, drew complaints.'
    >>> [(c.rule, c.data["matched"]) for c in f.apply("Text.\\nLoading...").changes]
    [('loader', 'loading…')]
    >>> PlaceholderFilter(add={"Mehr zum Thema": "read_more"})("Text.\\nMehr zum Thema")
    'Text.'
    """

    name: str = "placeholders"

    add: Additions = ()
    add_patterns: Additions = ()
    remove: Collection[str] = ()
    disable: Collection[str] = ()
    languages: Collection[str] | None = None

    def __post_init__(self) -> None:
        # Options are stored as tuples, so the filter stays hashable, comparable and picklable.
        setattr_ = functools.partial(object.__setattr__, self)
        added = _pairs(self.add, "add")
        for phrase, _ in added:
            key = placeholder_key(phrase)
            if not key or len(key) > MAX_LINE:
                raise _config_error(
                    f"PlaceholderFilter(add=...): {phrase!r} folds to an empty key or is longer than {MAX_LINE} characters"
                )
        setattr_("add", added)
        patterns = _pairs(self.add_patterns, "add_patterns")
        for regex, _ in patterns:
            try:
                re.compile(regex)
            except re.error as exc:
                raise _config_error(f"PlaceholderFilter(add_patterns=...): {regex!r} is not a valid regex ({exc})") from None
        setattr_("add_patterns", patterns)
        setattr_("remove", _removals(self.remove))
        setattr_("disable", _names(self.disable, "disable", RULES))
        if self.languages is not None:
            setattr_("languages", _names(self.languages, "languages", LANGUAGES))

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
    def _longest(self) -> int:
        return max(map(len, self._table), default=0)

    def _wanted(self, rule: str, language: str) -> bool:
        if rule in self.disable:
            return False
        return self.languages is None or language in self.languages

    def match(self, text: str) -> tuple[str, dict[str, str]] | None:
        """The rule and details if the whole *text* is a placeholder, else ``None``.

        >>> PlaceholderFilter().match("[Advertisement]")
        ('ad_label', {'matched': 'advertisement', 'language': 'en'})
        >>> PlaceholderFilter().match("Read more about the budget.") is None
        True
        """
        if len(text) > MAX_LINE:
            return None
        rough = rough_key(text)
        if not rough:
            return None
        key = ""
        hit = None
        # only ".." runs shorten the key further, so a longer line cannot be a listed phrase
        if len(rough) <= self._longest or ".." in rough:
            key = finish_key(rough)
            hit = self._table.get(key)
        if hit is not None:
            rule, data = hit[0], {"matched": key, "language": hit[1]}
        else:
            found = self._match_pattern(rough, key)
            if found is None:
                return None
            rule, data = found
        if rule == "read_more" and text.rstrip().endswith((":", "：")):
            return None  # "Read more:" heads the links that follow; it is not a lone teaser
        stripped = text.strip()
        if stripped.startswith(_BULLETS) and stripped[-1] not in _CLOSERS:
            return None  # a list item, not a wrapped label
        return rule, data

    def _match_pattern(self, rough: str, key: str) -> tuple[str, dict[str, str]] | None:
        for pattern in self._patterns:
            if pattern.hints:
                for hint in pattern.hints:
                    if hint in rough:
                        break
                else:
                    continue
            key = key or finish_key(rough)
            if pattern.regex.fullmatch(key):
                return pattern.rule, {"matched": key, "pattern": pattern.name, "language": pattern.language}
        return None

    def edits(self, doc: Document) -> Iterator[Edit]:
        """Yield a removal for every block that is only a placeholder."""
        match = self.match
        for i, block in enumerate(doc.blocks):
            if len(block.text) > MAX_LINE or block.kind in _SKIP_KINDS:
                continue
            found = match(block.text)
            if found is not None:
                yield Edit(i, found[0], REASONS[found[0]], data=found[1])

    def drop_reason(self, before: Document, after: Document) -> str | None:
        """``"only_placeholders"`` when every block was a placeholder, else ``None``."""
        return "only_placeholders" if before.blocks and not after.blocks else None
