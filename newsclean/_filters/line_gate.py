"""A cheap, exact gate for line filters: which few characters can a matching line's key start with?

A filter that matches whole lines (a phrase table, regexes that must
``fullmatch`` the line's folded key) can tell most lines apart by their first
characters alone. :func:`key_starts` lists every possible start of the keys a
set of regexes and phrases can match, read off the regexes' syntax; a line
whose key starts otherwise cannot match any of them, and its full key need not
be built. Where a regex's start cannot be listed (a character class too wide, a
wildcard, a look-around), :func:`key_starts` returns ``None`` and the filter
checks every line: the gate only ever skips work, never a match.

>>> starts = key_starts([re.compile("(?:the )?video"), re.compile("ad(?:s)?")], ["read more"], width=3)
>>> sorted(starts)
['ad', 'ads', 'rea', 'the', 'vid']
>>> key_starts([re.compile("[^.]+ loading")], [], width=3) is None
True

``\\d`` is listed as :data:`DIGIT`; :func:`listed` looks a start up with its digits as that too:

>>> listed("ad ٣", key_starts([re.compile(r"ad \\d+")], [], width=4))
True
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from itertools import compress, repeat
from operator import is_
from typing import Any, TypeVar

if sys.version_info >= (3, 11):
    from re import _constants as _sre, _parser as _parse  # type: ignore[attr-defined]
else:  # pragma: no cover - Python 3.10
    import sre_constants as _sre
    import sre_parse as _parse

__all__ = ["DIGIT", "as_listed", "begins_listed", "digits_as_one", "key_starts", "listed", "read_lines"]

#: Stands for any decimal digit (what ``\\d`` matches, Arabic-Indic digits too) in listed starts.
DIGIT = "\x00"

#: More possible starts than this and the gate would not pay: no gate.
_MAX_STARTS = 20_000
_HAS_DIGIT = re.compile(r"\d").search
#: A character class of more characters than this cannot be listed usefully.
_MAX_CLASS = 64


_T = TypeVar("_T")
_MISSING: Any = object()


def read_lines(texts: Iterable[str], read: Callable[[str], _T], memo: dict[str, Any] | None, *, longest: int) -> list[_T]:
    """``[read(t) for t in texts]``, each distinct line read once, and not again in a later round of the run.

    *read* must be a function of the line's text alone. *memo* is the filter's
    memo for the pipeline run (``newsclean._core.runs.run_memo``), or ``None``
    outside a run (then equal lines of this document are still read once). A line
    longer than *longest* is read every time (the filter decides it without
    reading it). The memo holds the document's own line strings (no copies) and
    one reading per distinct line, for the run only: round 2 of a 50 MB document
    looks its lines up instead of reading them again.

    >>> read_lines(["a", "b", "a"], str.upper, None, longest=300)
    ['A', 'B', 'A']
    """
    seen: dict[str, _T] = {} if memo is None else memo.setdefault("lines", {})
    if seen:  # a later round: most lines are looked up in C, the few new ones (and long ones) read here
        texts = texts if isinstance(texts, list) else list(texts)
        got: list[Any] = list(map(seen.get, texts, repeat(_MISSING)))
        for i in compress(range(len(got)), map(is_, got, repeat(_MISSING))):
            text = texts[i]
            if len(text) > longest:
                got[i] = read(text)
                continue
            found = seen.get(text, _MISSING)  # read already, for an equal line before it
            got[i] = seen[text] = read(text) if found is _MISSING else found
        return got
    out: list[_T] = []
    for text in texts:
        if len(text) > longest:
            out.append(read(text))
            continue
        reading = seen.get(text, _MISSING)
        if reading is _MISSING:
            reading = seen[text] = read(text)
        out.append(reading)
    return out


class _Unlisted(Exception):
    """A regex whose possible starts cannot be listed."""


def key_starts(regexes: Iterable[re.Pattern[str]], phrases: Iterable[str], *, width: int) -> frozenset[str] | None:
    """Every string of up to *width* characters a fullmatch of the *regexes*, or a phrase, can start with.

    A start shorter than *width* is a whole match. Digits are written as
    :data:`DIGIT` (look starts up with :func:`listed`). ``None`` when some regex's
    starts cannot be listed (then nothing may be skipped).
    """
    starts = {digits_as_one(phrase[:width]) for phrase in phrases}
    for regex in regexes:
        if regex.flags & re.IGNORECASE:
            return None
        try:
            starts |= {digits_as_one(start) for start in _starts(_parse.parse(regex.pattern, regex.flags), width)}
        except (_Unlisted, RecursionError):
            return None
        if len(starts) > _MAX_STARTS:
            return None
    return frozenset(starts)


def digits_as_one(start: str) -> str:
    """*start* with each decimal digit written as :data:`DIGIT`, as listed starts are.

    >>> digits_as_one("ad ٣") == "ad " + DIGIT
    True
    """
    return "".join(DIGIT if c.isdecimal() else c for c in start)


def as_listed(start: str) -> str:
    """*start* written as listed starts are (:func:`digits_as_one`), cheaply when it holds no digit."""
    return digits_as_one(start) if _HAS_DIGIT(start) is not None else start


def listed(start: str, starts: frozenset[str]) -> bool:
    """Whether a key beginning with *start* (exactly the width the starts were listed at, or a whole key) is listed."""
    return as_listed(start) in starts


def begins_listed(start: str, starts: frozenset[str]) -> bool:
    """Whether a key beginning with *start* begins with one of *starts* (for regexes that match a key's beginning).

    *start* is written as listed already (:func:`as_listed`), so that a caller that also
    looks it up with ``in`` writes it once.

    >>> begins_listed(as_listed("on 9to"), key_starts([re.compile(r"on \\d")], [], width=4))
    True
    """
    for end in range(1, len(start) + 1):  # a loop, not any() over a generator: this runs for most lines
        if start[:end] in starts:
            return True
    return False


def _starts(items: Any, width: int) -> set[str]:
    """The starts (up to *width* characters) of what the sequence *items* matches."""
    found = {""}
    for op, av in items:
        shortest = min(map(len, found))
        if shortest >= width:
            break
        found = _join(found, _item(op, av, width - shortest), width)
    return found


def _join(heads: set[str], tails: set[str], width: int) -> set[str]:
    """Each head followed by each tail, cut to *width* (a head already that long stays as it is)."""
    out = set()
    for head in heads:
        if len(head) >= width:
            out.add(head)
            continue
        for tail in tails:
            out.add((head + tail)[:width])
        if len(out) > _MAX_STARTS:
            raise _Unlisted
    return out


def _item(op: Any, av: Any, width: int) -> set[str]:
    """The starts of what one parsed regex item (*op*, *av*) matches; :class:`_Unlisted` if they cannot be listed."""
    if op is _sre.LITERAL:
        return {chr(av)}
    if op is _sre.IN:
        return _char_class(av)
    if op is _sre.BRANCH:
        return set().union(*(_starts(branch, width) for branch in av[1]))
    if op is _sre.SUBPATTERN:
        if av[1] & re.IGNORECASE:  # (?i:...): its letters match either case
            raise _Unlisted
        return _starts(av[-1], width)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, high, body = av
        once = _starts(body, width)
        found: set[str] = set()
        run = {""}
        count = 0
        while True:
            if count >= low:
                found |= run
            if count >= high:
                return found
            longer = _join(run, once, width)
            if count >= low and longer <= found:  # more copies add no new start
                return found
            if count > low + width + 1:
                raise _Unlisted
            run = longer
            count += 1
    if op is _sre.AT:  # ^, $, \b: no characters
        return {""}
    raise _Unlisted


def _char_class(av: Any) -> set[str]:
    """The characters a ``[...]`` class matches, if it lists a few of them (``\\d`` as :data:`DIGIT`)."""
    chars: set[str] = set()
    for op, value in av:
        if op is _sre.CATEGORY and value is _sre.CATEGORY_DIGIT:
            chars.add(DIGIT)  # any decimal digit: see digits_as_one
            continue
        if op is _sre.LITERAL:
            chars.add(chr(value))
        elif op is _sre.RANGE and value[1] - value[0] < _MAX_CLASS:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        else:  # NEGATE, CATEGORY (\w, \s), wide ranges
            raise _Unlisted
        if len(chars) > _MAX_CLASS:
            raise _Unlisted
    return chars
