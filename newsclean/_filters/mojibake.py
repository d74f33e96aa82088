"""The ``mojibake`` filter: repair text decoded with the wrong encoding, block by block, with ftfy.

UTF-8 read as Windows-1252 or Latin-1 (once or twice) shows ``â€™``, ``Ã©``,
``Ã¼``; read as MacRoman, Windows-1251 or code page 437 it shows other
tell-tale sequences. :class:`MojibakeFilter` hands each block (one line or
paragraph) to ftfy with only its *encoding* repairs switched on, so a body
where one quote was pasted from a mangled source is fixed in that line and
byte-identical everywhere else.

The fast path: ftfy's encoding repair does nothing unless its badness regex
(``ftfy.badness.BADNESS_RE``) matches, and every branch of that regex needs
at least one character of :data:`_MARKERS`. So, without calling ftfy:

1. ASCII text, and text without a marker character, is skipped whole (curly
   quotes, dashes, ``…``, CJK, Greek and most Cyrillic letters are not
   markers; accented Latin letters are);
2. in the other blocks, the regex runs only in a few characters around each
   run of markers (its matches are at most seven characters long), which is
   exactly ``is_bad(block)``, at a fraction of the cost.

Only blocks that ftfy's own check calls bad reach ftfy. ``tests/test_mojibake.py``
proves the shortcut on the regex's structure, on ftfy's test cases, on every
line of the real bodies and with Hypothesis. It is used only with the regex it
was proven for (:data:`_PROVEN_BADNESS`); with another ftfy version every
non-ASCII block goes to ftfy.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
import dataclasses
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Literal

from newsclean._core.document import Document, Edit
from newsclean._core.errors import config_error
from newsclean._core.filter import BlockFilter
from newsclean._core.runs import mark_settled, marked_settled, step_memo

if TYPE_CHECKING:  # ftfy is imported on first need: it costs ~100 ms to import
    from ftfy import TextFixerConfig

__all__ = ["MojibakeConfig", "MojibakeFilter"]

Normalization = Literal["NFC", "NFD", "NFKC", "NFKD"]
_NORMALIZATIONS = (None, "NFC", "NFD", "NFKC", "NFKD")

# For each branch of ftfy's BADNESS_RE we keep the characters of ONE required
# position, picking the position whose characters are rarest in real articles
# (the 235 bodies in the corpus). So curly quotes, dashes, the ellipsis, the
# no-break space, Greek and Cyrillic letters are not markers: a branch that
# can match them also requires a character listed here. Grouped by the names
# of ftfy.badness.MOJIBAKE_CATEGORIES.
_MARKER_CLASS = (
    "\x80-\x9f"  # c1: C1 controls
    "¦¤¨¬¯¸ƒˆˇ˘˛˜†‡‰⌐◊\ufffdªº"  # bad
    "¶§"  # law
    "¢£¥₧€"  # currency
    "²³¹±¼½¾×µ÷⁄∂∆∏∑√∞∩∫≈≠≡≤≥№"  # numeric
    "À-ÑØÜÝĂĀĄĆČĎĐĘĚĒĖĞĢİĪĶĹĽŁĻŃŇŅŒŘŚŞŠŢŤŮŰŸŹŻŽҐ"  # upper_accented
    "ßà-ñăąāćčďđęěēėğģįīķĺľłļœŕśşšťüźżžґﬁﬂ"  # lower_accented
    "│┌┐┘├┤┬┼═-╬▀▄█▌▐░▒▓"  # box
    "°Ù‚ЂВГРСўβΒΓΞΟ"  # named in single branches: MacRoman, Windows-1251/1253 mojibake
)
_MARKERS = re.compile(f"[{_MARKER_CLASS}]+")
#: Every BADNESS_RE match is at most _REACH + 1 characters long, so a match that
#: contains a marker lies within _REACH characters of it on either side.
_REACH = 6
#: The markers a BADNESS_RE match can hold with ASCII characters on both sides of them (or
#: a side of the match's end): "Ã " and "xÂ " of the NBSP branches, "œ" before a non-letter,
#: a lone C1 control. Every branch that can match any other marker has a non-ASCII character
#: beside it (``test_mojibake.py`` proves this on the regex), so a lone other marker between
#: ASCII characters, the "é" of "café" that accented prose is full of, starts no search.
_BESIDE_ASCII = frozenset("ÂÃŒœ" + "".join(map(chr, range(0x80, 0xA0))))

#: sha256 (first 16 hex digits) of "<flags>:<pattern>" of the ftfy BADNESS_RE
#: that _MARKERS was proven against (ftfy 6.3.1).
_PROVEN_BADNESS = "df0a6f52fec4eb4e"

# Opt-in fixes that can change ASCII text, so no character gate applies.
_ASCII_FIXES = ("unescape_html", "remove_terminal_escapes", "fix_line_breaks", "remove_control_chars")
# Opt-in fixes that only touch non-ASCII text.
_NON_ASCII_FIXES = ("fix_latin_ligatures", "fix_character_width", "uncurl_quotes", "fix_surrogates")
_OTHER_FIXES = _ASCII_FIXES + _NON_ASCII_FIXES
# Steps that belong to encoding repair (the rest are the opt-in fixes).
_ENCODING_APPLY = frozenset({"decode_inconsistent_utf8", "fix_c1_controls"})

_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-variants": "UTF-8 (CESU-8/Java variant)",
    "latin-1": "Latin-1",
    "macroman": "MacRoman",
    "cp437": "code page 437",
    "iso-8859-2": "ISO-8859-2",
}
_STEP_NAMES = {
    "decode_inconsistent_utf8": "UTF-8 mojibake inside other text, decoded in place",
    "fix_c1_controls": "C1 control characters read as Windows-1252",
    "restore_byte_a0": "no-break spaces restored",
    "replace_lossy_sequences": "lost bytes marked with U+FFFD",
    "unescape_html": "HTML entities unescaped",
    "remove_terminal_escapes": "terminal escapes removed",
    "fix_latin_ligatures": "ligatures split into letters",
    "fix_character_width": "full-width and half-width characters folded",
    "uncurl_quotes": "curly quotes straightened",
    "fix_line_breaks": "line breaks unified",
    "fix_surrogates": "UTF-16 surrogates joined",
    "remove_control_chars": "control characters removed",
}


@dataclass(frozen=True, kw_only=True, repr=False)
class MojibakeConfig:
    """Which of ftfy's fixes the ``mojibake`` filter runs, in ftfy's ``TextFixerConfig`` style.

    The encoding repair and its parts are on; ftfy's other fixes are off,
    because they change correct text (curly quotes, full-width forms, ...).
    ``MojibakeFilter(uncurl_quotes=True)`` is short for
    ``MojibakeFilter(config=MojibakeConfig(uncurl_quotes=True))``.

    >>> MojibakeConfig().uncurl_quotes
    False
    >>> MojibakeConfig(uncurl_quotes=True).replace(uncurl_quotes=False) == MojibakeConfig()
    True
    """

    # ftfy's encoding repair and its parts (on by default)
    restore_byte_a0: bool = True
    replace_lossy_sequences: bool = True
    decode_inconsistent_utf8: bool = True
    fix_c1_controls: bool = True
    # ftfy's other fixes (off by default: they change correct text)
    unescape_html: bool = False
    remove_terminal_escapes: bool = False
    fix_latin_ligatures: bool = False
    fix_character_width: bool = False
    uncurl_quotes: bool = False
    fix_line_breaks: bool = False
    fix_surrogates: bool = False
    remove_control_chars: bool = False
    normalization: Normalization | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "normalization":
                if value not in _NORMALIZATIONS:
                    config_error(f"MojibakeFilter(normalization={value!r}): use None, 'NFC', 'NFD', 'NFKC' or 'NFKD'")
            elif not isinstance(value, bool):
                config_error(f"MojibakeFilter({f.name}=...) must be True or False, got {value!r}")

    def __repr__(self) -> str:
        changed = [f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if getattr(self, f.name) != f.default]
        return f"MojibakeConfig({', '.join(changed)})"

    def replace(self, **changes: Any) -> MojibakeConfig:
        """A copy with *changes* (option names as keywords); unknown names raise ConfigurationError."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            config_error(f"MojibakeFilter: unknown option(s) {', '.join(unknown)}; options: name, config, {', '.join(sorted(known))}")
        return dataclasses.replace(self, **changes)

    def other_fixes_on(self) -> bool:
        """Whether any of ftfy's fixes beyond encoding repair is switched on."""
        return self.normalization is not None or any(getattr(self, fix) for fix in _OTHER_FIXES)

    def ascii_fixes_on(self) -> bool:
        """Whether a fix that can change ASCII text is on (then no character gate applies)."""
        return any(getattr(self, fix) for fix in _ASCII_FIXES)


_DEFAULT_CONFIG = MojibakeConfig()


@dataclass(frozen=True, init=False)
class MojibakeFilter(BlockFilter):
    """Repair mojibake (``CafÃ©`` -> ``Café``) in each block, with ftfy; change nothing else.

    Use it on text that may have been decoded with the wrong encoding. By
    default only ftfy's encoding repairs run: curly quotes, full-width and
    CJK punctuation, ligatures, control characters, HTML entities and
    Unicode normalization are left exactly as they are. Each of those fixes
    can be switched on by its ftfy name (``uncurl_quotes=True``, ...). Each
    repair is recorded with ftfy's plan in ``change.data["steps"]``, which
    ``ftfy.apply_plan(change.block, steps)`` replays.

    >>> from newsclean import MojibakeFilter
    >>> MojibakeFilter()("“Clean” line.\\nCafÃ© in MÃ¼nchen")
    '“Clean” line.\\nCafé in München'
    >>> change, = MojibakeFilter().apply("The mayorâ€™s office").changes
    >>> change.reason
    'UTF-8 read as Windows-1252: encode as sloppy-windows-1252, decode as utf-8'
    >>> change.data
    {'steps': [['encode', 'sloppy-windows-1252'], ['decode', 'utf-8']]}
    >>> MojibakeFilter(uncurl_quotes=True)("“Clean” line.")
    '"Clean" line.'

    Text only: bytes raise ``TypeError`` (decode them first, or use the HTML
    entry point, which detects the encoding).
    """

    name: str = "mojibake"
    #: Each block is repaired on its own: removing other blocks gives this filter no new work.
    blockwise = True
    config: MojibakeConfig = _DEFAULT_CONFIG

    def __init__(self, *, name: str = "mojibake", config: MojibakeConfig | None = None, **fixes: Any) -> None:
        if config is not None and not isinstance(config, MojibakeConfig):
            config_error(f"MojibakeFilter(config=...) takes a MojibakeConfig, got {type(config).__name__}")
        config = config if config is not None else _DEFAULT_CONFIG
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "config", config.replace(**fixes) if fixes else config)

    def edits(self, doc: Document) -> Iterator[Edit]:
        """Yield a replacement for each block that ftfy repairs."""
        memo = step_memo(self)
        if memo is not None:
            mark_settled(memo, None)
        check = self._check(doc.text)
        if check is None:
            return
        config = self.ftfy_config()
        encoding_only = not self.config.other_fixes_on()
        blocks = doc.blocks
        candidates: Iterable[int]
        # with the encoding test, a block goes to ftfy by its own text alone (bad_blocks reads the same
        # windows): when no repaired block passes it, a run on the output repairs nothing
        marked = isinstance(check, functools.partial) and check.func is bad_near_markers
        settled = marked
        if doc.line_based and isinstance(check, functools.partial) and check.func is bad_near_markers:
            candidates = bad_blocks(check.args[0], doc)
        else:
            candidates = (i for i, block in enumerate(blocks) if check(block.text))
        for i in candidates:
            text = blocks[i].text
            fixed, plan = repair(text, config, encoding_only=encoding_only)
            if fixed != text:
                if settled and ("\n" in fixed or "\r" in fixed or check(fixed)):
                    settled = False
                steps = [[str(action), str(parameter)] for action, parameter in plan or ()]
                yield Edit(i, _rule(steps), describe(steps), fixed, {"steps": steps})
        if memo is not None and settled:
            mark_settled(memo, doc)

    def settles(self, doc: Document) -> bool:
        """Whether this filter's output for *doc* is its own fixed point: no block it repaired would go to ftfy again.

        Known with the encoding test only (a block goes to ftfy by its own text
        there): each block left as it was is repaired as before (to itself),
        and a repaired one is not tried. Known only inside a pipeline run, and
        never said by a subclass with its own edits.
        """
        return marked_settled(self, doc) and type(self).edits is MojibakeFilter.edits

    def needs_ftfy(self, text: str) -> bool:
        """Whether *text* (one block) goes to ftfy; ``False`` means ftfy would leave it unchanged.

        >>> MojibakeFilter().needs_ftfy("“Quoted” – 東京、日本。 Café, São Paulo")
        False
        >>> MojibakeFilter().needs_ftfy("CafÃ©")
        True
        """
        check = self._check(text)
        return check is not None and check(text)

    def _check(self, text: str) -> Callable[[str], bool] | None:
        """The cheap test deciding which blocks of *text* go to ftfy, or ``None`` if none can."""
        if self.config.ascii_fixes_on():
            return _always
        if text.isascii():
            return None
        if self.config.other_fixes_on():  # the ASCII ones are off here: only the non-ASCII fixes or normalization
            return _not_ascii
        if not has_marker(text):
            return None
        return _encoding_check()

    def ftfy_config(self) -> TextFixerConfig:
        """The ``ftfy.TextFixerConfig`` this filter runs ftfy with."""
        from ftfy import TextFixerConfig

        return TextFixerConfig(
            fix_encoding=True,
            restore_byte_a0=self.config.restore_byte_a0,
            replace_lossy_sequences=self.config.replace_lossy_sequences,
            decode_inconsistent_utf8=self.config.decode_inconsistent_utf8,
            fix_c1_controls=self.config.fix_c1_controls,
            unescape_html=self.config.unescape_html,
            remove_terminal_escapes=self.config.remove_terminal_escapes,
            fix_latin_ligatures=self.config.fix_latin_ligatures,
            fix_character_width=self.config.fix_character_width,
            uncurl_quotes=self.config.uncurl_quotes,
            fix_line_breaks=self.config.fix_line_breaks,
            fix_surrogates=self.config.fix_surrogates,
            remove_control_chars=self.config.remove_control_chars,
            normalization=self.config.normalization,
            explain=True,
        )


_C1_CONTROL = re.compile("[\x80-\x9f]")


def repair(text: str, config: TextFixerConfig, *, encoding_only: bool) -> tuple[str, list[tuple[str, str]]]:
    """``ftfy.fix_and_explain(text, config)``, without its confirming second round where that round is a no-op.

    ``fix_and_explain`` repeats {``fix_encoding``, then the other fixes} until
    the text stops changing. With only the encoding fixes on (*encoding_only*),
    a second round runs ``fix_encoding`` on a text its own loop already left
    unchanged once (it stops at a fixed point, and unchanged steps add no plan),
    and ``fix_c1_controls`` on a text with no C1 control characters: a no-op.
    Skipping it saves one ``is_bad`` scan per repaired block, about a third of
    ftfy's time on it. ``tests/test_mojibake.py`` checks the equality on every case.

    >>> from newsclean import MojibakeFilter
    >>> repair("CafÃ©", MojibakeFilter().ftfy_config(), encoding_only=True)
    ('Café', [('encode', 'latin-1'), ('decode', 'utf-8')])
    """
    from ftfy import fix_and_explain, fix_encoding_and_explain

    plan: list[Any] | None
    if encoding_only:
        steps = _encoding_steps()
        if steps is not None and config.fix_encoding:
            fixed, plan = _fix_encoding(text, config, *steps)
        else:
            fixed, plan = fix_encoding_and_explain(text, config)
        if not config.fix_c1_controls or _C1_CONTROL.search(fixed) is None:
            return fixed, list(plan or ())
    fixed, plan = fix_and_explain(text, config)
    return fixed, list(plan or ())


#: The ftfy release whose ``fix_encoding_and_explain`` loop :func:`_fix_encoding` was written from.
_PROVEN_FTFY = "6.3.1"


@functools.cache
def _encoding_steps() -> tuple[Callable[[str, TextFixerConfig], Any], Callable[[str], bool]] | None:
    """(ftfy's one step of encoding repair, the exact ``is_bad`` shortcut), where both are proven; else ``None``."""
    import ftfy

    step = getattr(ftfy, "_fix_encoding_one_step_and_explain", None)
    check = _encoding_check()
    if step is None or getattr(ftfy, "__version__", None) != _PROVEN_FTFY or not isinstance(check, functools.partial):
        return None
    return step, check


def _fix_encoding(
    text: str, config: TextFixerConfig, step: Callable[[str, TextFixerConfig], Any], is_bad: Callable[[str], bool]
) -> tuple[str, list[Any]]:
    """``ftfy.fix_encoding_and_explain(text, config)``, deciding with the fast exact ``is_bad`` when to stop.

    ftfy's loop runs one step until the text stops changing, and a step
    returns an empty text, an ASCII text and a text ``is_bad`` finds nothing in
    unchanged with no plan. Its last step therefore scans the whole repaired
    text with ftfy's badness regex to find it clean; here that test is
    :func:`bad_near_markers` (the same answer from the windows around marker
    characters), and ftfy's step runs only on a text that is bad.
    """
    plan: list[Any] = []
    while text and not text.isascii() and is_bad(text):
        before = text
        text, steps = step(text, config)
        if steps is not None:
            plan.extend(steps)
        if text == before:
            break
    return text, plan


_ASCII_BYTES = bytes(range(128))


def non_ascii(text: str) -> str:
    """The non-ASCII characters of *text*, in order: where a marker can be, at a fraction of the length.

    Every marker character is non-ASCII, so ``_MARKERS`` finds a marker in
    this string exactly when it finds one in *text*. Dropping the ASCII bytes
    of the UTF-8 encoding leaves whole UTF-8 sequences, so the rest decodes;
    encode, ``bytes.translate`` and decode run in C at memory speed, and the
    regex then scans a few percent of the text on typical prose.

    >>> non_ascii("The mayor’s café – «ok»")
    '’é–«»'
    """
    return text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")


#: Characters per slice for :func:`has_marker`: its UTF-8 copy stays a few MB on a document of any size.
_SLICE = 1 << 20


def has_marker(text: str) -> bool:
    """Whether ``_MARKERS`` finds a marker in *text*, from :func:`non_ascii` of one slice at a time.

    A marker is one character, so slicing the text cannot hide one; the slice
    bounds the memory of the UTF-8 copy (a 10 MB text would otherwise make
    one of 10 MB, and its non-ASCII part, on top of the document), and the
    search stops at the first slice with a marker.

    >>> has_marker("“Quoted” – 東京"), has_marker("donâ€™t")
    (False, True)
    """
    return any(_MARKERS.search(non_ascii(text[i : i + _SLICE])) for i in range(0, len(text), _SLICE))


def _always(text: str) -> bool:
    return True


def _not_ascii(text: str) -> bool:
    return not text.isascii()


@functools.cache
def _encoding_check() -> Callable[[str], bool]:
    """The exact is_bad() shortcut if the installed ftfy has the regex it was proven for."""
    from ftfy.badness import BADNESS_RE

    if badness_digest(BADNESS_RE) != _PROVEN_BADNESS:
        return _not_ascii
    return functools.partial(bad_near_markers, BADNESS_RE.search)


def bad_near_markers(search: Callable[[str, int, int], object], text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, searching only around runs of marker characters.

    Exact for ftfy's BADNESS_RE: each of its matches holds a marker and is at
    most ``_REACH + 1`` characters long, and it has no lookaround, so a match
    exists iff one exists in a window around some run of markers. A lone
    marker between ASCII characters is no part of a match (see
    :data:`_BESIDE_ASCII`), so its window is not searched.
    """
    if text.isascii():
        return False
    for run in _MARKERS.finditer(text):
        start, end = run.span()
        if end - start == 1 and _alone(text, start):
            continue
        if search(text, max(0, start - _REACH), end + _REACH):
            return True
    return False


def _alone(text: str, at: int) -> bool:
    """Whether the one-character run of markers at *at* is no part of any BADNESS_RE match.

    True when it is not one of :data:`_BESIDE_ASCII` and the characters beside
    it are ASCII (or the text ends there): every match holding it would hold a
    non-ASCII neighbour of it.
    """
    return (
        text[at] not in _BESIDE_ASCII
        and (at == 0 or text[at - 1] < "\x80")
        and (at + 1 == len(text) or text[at + 1] < "\x80")
    )


def bad_blocks(search: Callable[[str, int, int], object], doc: Document) -> Iterator[int]:
    """Indices of the blocks for which ``bad_near_markers`` is true, from one scan of the whole text.

    The same windows as :func:`bad_near_markers` over each block, found with
    one ``finditer`` over the document instead of one call per block: a run
    of markers never crosses a line break (``\\n`` and ``\\r`` are no
    markers), so each run lies in one line, and the window is clipped to its
    block. Searching the whole text with ``pos``/``endpos`` equals searching
    the block alone with the same window, because the proven regex (see
    :data:`_PROVEN_BADNESS`) has no lookaround, ``$`` or ``\\b``; its one
    anchor, ``^`` (no MULTILINE), matches only at the block's start in the
    per-block search, so a window that reaches the block's start searches
    the block's own text. Runs in blank lines belong to no block and are
    skipped.
    """
    text, blocks = doc.text, doc.blocks
    n, i = len(blocks), 0
    for run in _MARKERS.finditer(text):
        start = run.start()
        if run.end() - start == 1 and _alone(text, start):
            continue  # as in bad_near_markers: a block's ends are line breaks here, ASCII too
        while i < n and blocks[i].end <= start:
            i += 1
        if i == n:
            return
        block = blocks[i]
        if start < block.start:
            continue  # a marker (U+0085) in a blank line
        begin, end = start - _REACH, min(block.end, run.end() + _REACH)
        if begin <= block.start:
            bad = search(block.text, 0, end - block.start)
        else:
            bad = search(text, begin, end)
        if bad:
            yield i
            i += 1  # the block goes to ftfy; its other runs need no look


def badness_digest(pattern: re.Pattern[str]) -> str:
    """A short fingerprint of a compiled regex: its flags and its pattern."""
    import hashlib  # only when ftfy is first needed: keeps `import newsclean` cheap

    key = f"{pattern.flags}:{pattern.pattern}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(key).hexdigest()[:16]


def _rule(steps: Sequence[Sequence[str]]) -> str:
    for action, parameter in steps:
        if action in ("encode", "decode", "transcode") or parameter in _ENCODING_APPLY:
            return "mojibake"
    action, parameter = steps[0]
    return "normalize" if action == "normalize" else parameter


def describe(steps: Sequence[Sequence[str]]) -> str:
    """A sentence for people from ftfy's plan: what went wrong, then the steps.

    >>> describe([["encode", "sloppy-windows-1252"], ["decode", "utf-8"]] * 2)
    'UTF-8 read as Windows-1252, twice: encode as sloppy-windows-1252, decode as utf-8, encode as sloppy-windows-1252, decode as utf-8'
    """
    what: list[str] = []
    encoding: str | None = None
    extras: list[str] = []
    for action, parameter in steps:
        if action == "encode":
            encoding, extras = parameter, []
        elif action == "transcode" and encoding is not None:
            extras.append(_STEP_NAMES.get(parameter, parameter))
        elif action == "decode" and encoding is not None:
            summary = f"{_encoding_name(parameter)} read as {_encoding_name(encoding)}"
            what.append(summary + (f" ({', '.join(extras)})" if extras else ""))
            encoding = None
        elif action == "normalize":
            what.append(f"Unicode {parameter} normalization")
        else:
            what.append(_STEP_NAMES.get(parameter, parameter))
    plan = ", ".join(f"{a} as {p}" if a in ("encode", "decode") else f"{a} {p}" for a, p in steps)
    return f"{_counted(what)}: {plan}"


def _encoding_name(codec: str) -> str:
    if codec.startswith("sloppy-windows-"):
        return "Windows-" + codec.rpartition("-")[2]
    if codec.startswith("windows-"):
        return "Windows-" + codec.rpartition("-")[2]
    return _ENCODING_NAMES.get(codec, codec)


def _counted(what: list[str]) -> str:
    """Join summaries, folding repeats: 'X, twice', 'X, 3 times', then 'X; then Y'."""
    runs: list[tuple[str, int]] = []
    for item in what:
        if runs and runs[-1][0] == item:
            runs[-1] = (item, runs[-1][1] + 1)
        else:
            runs.append((item, 1))
    times = {1: "", 2: ", twice"}
    return "; then ".join(item + times.get(n, f", {n} times") for item, n in runs)
