"""The mojibake filter: ftfy's own cases, real bodies untouched, the fast path proven, properties."""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import ftfy
import pytest
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean import ConfigurationError, MojibakeFilter, replay
from newsclean._filters.mojibake import _BESIDE_ASCII, _MARKERS, _PROVEN_BADNESS, _REACH, bad_near_markers, badness_digest, describe, repair
from tests._checks import stepped
from tests._corpus import ROOT, read_jsonl, real_bodies

FILTER = MojibakeFilter()
CONFIG = FILTER.ftfy_config()
# every ftfy.fix_text default switched on: the filter then matches ftfy's "fixed" values
FIX_TEXT_OPTIONS: dict[str, Any] = {
    "unescape_html": True,
    "remove_terminal_escapes": True,
    "fix_latin_ligatures": True,
    "fix_character_width": True,
    "uncurl_quotes": True,
    "fix_line_breaks": True,
    "fix_surrogates": True,
    "remove_control_chars": True,
    "normalization": "NFC",
}


def _ftfy_unchanged(text: str) -> bool:
    return ftfy.fix_and_explain(text, CONFIG).text == text


def _case_params(expect: str) -> list[Any]:
    try:
        rows = read_jsonl("mojibake/ftfy_cases.jsonl")
    except pytest.skip.Exception as skip:
        return [pytest.param(None, marks=pytest.mark.skip(reason=str(skip)), id="corpus-absent")]
    params = []
    for n, row in enumerate(rows):
        if row["expect"] == expect:
            ident = f"{row['source_file'].removesuffix('.json')}-{n:03d}-{row['label'][:50]}"
            params.append(pytest.param(row, id=ident))
    return params


# -- ftfy's own test cases ------------------------------------------------------------


@pytest.mark.parametrize("row", _case_params("pass"))
def test_ftfy_case_gives_fix_encoding_value(row: dict[str, Any]) -> None:
    """Each ftfy case comes out as ftfy's fix_encoding value, with a replayable plan and record.

    ``expected`` is ftfy's "fixed-encoding": the default filter only repairs encoding,
    so cases whose fix_text value also uncurls quotes or drops U+001A ("don't leak our
    internal use of byte 0x1A") keep those characters here; the fix_text values are
    checked with the opt-in fixes in the next test. Negative cases come out unchanged,
    except "Mostly negative", whose fixed-encoding value repairs one C1 control.
    """
    result = FILTER.apply(row["input"])
    assert result.text == row["expected"]
    assert bool(result.changes) == (row["expected"] != row["input"])
    assert replay(row["input"], result.changes) == result.text
    for change in result.changes:
        assert (change.filter, change.rule) == ("mojibake", "mojibake")
        assert ftfy.apply_plan(change.block, [tuple(s) for s in change.data["steps"]]) == change.after


@pytest.mark.parametrize("row", _case_params("pass"))
def test_ftfy_case_with_every_fix_gives_fix_text_value(row: dict[str, Any]) -> None:
    """With all of ftfy's fixes switched on, each case comes out as ftfy.fix_text's value."""
    assert MojibakeFilter(**FIX_TEXT_OPTIONS)(row["input"]) == row["expected_fix_text"]


@pytest.mark.parametrize("row", _case_params("pass"))
def test_ftfy_case_under_one_more_layer_of_mojibake(row: dict[str, Any]) -> None:
    """The case read once more as Latin-1 still repairs to its value (ftfy's own 'extra_bad' check)."""
    assert FILTER(row["input"].encode("utf-8").decode("latin-1")) == row["expected"]


@pytest.mark.parametrize("row", _case_params("fail"))
@pytest.mark.xfail(strict=True, reason="ftfy's known failures: its heuristic misses or misfires")
def test_ftfy_known_failure(row: dict[str, Any]) -> None:
    """ftfy's known failures still fail (strict: a pass means ftfy improved; move the case)."""
    assert FILTER(row["input"]) == row["expected"]


# -- real bodies and partial repair -----------------------------------------------------


def test_real_bodies_are_byte_identical() -> None:
    """All 235 real bodies come out byte-identical, with no change records and no block sent to ftfy."""
    bodies = list(real_bodies())
    assert len(bodies) == 235
    for ident, body in bodies:
        result = FILTER.apply(body)
        assert (result.text, result.changes) == (body, ()), ident
        assert not any(FILTER.needs_ftfy(line) for line in body.split("\n")), ident


def test_only_the_mangled_paragraph_changes() -> None:
    """A body with one mangled paragraph gets one change, on that paragraph, with ftfy's steps."""
    text = "“Fine,” he said.\n\nThe mayorâ€™s office said â€œnoâ€\x9d.\n\nCafé au lait – 3 €."
    result = FILTER.apply(text)
    assert result.text == "“Fine,” he said.\n\nThe mayor’s office said “no”.\n\nCafé au lait – 3 €."
    (change,) = result.changes
    assert (change.line, change.action, change.start, change.end) == (3, "replace", 18, 53)
    assert change.before == change.block == text.split("\n")[2]
    assert change.reason == "UTF-8 read as Windows-1252: encode as sloppy-windows-1252, decode as utf-8"
    assert change.data == {"steps": [["encode", "sloppy-windows-1252"], ["decode", "utf-8"]]}
    assert json.loads(json.dumps(change.to_dict()))["data"] == change.data


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("CafÃ©", "UTF-8 read as Latin-1: encode as latin-1, decode as utf-8", id="latin-1"),
        pytest.param(
            "doesnÃ¢â‚¬â„¢t",
            "UTF-8 read as Windows-1252, twice: encode as sloppy-windows-1252, decode as utf-8, "
            "encode as sloppy-windows-1252, decode as utf-8",
            id="twice",
        ),
        pytest.param(
            "Iggy Pop (nÃƒÂ© Jim Osterberg)",
            "UTF-8 read as Windows-1252; then UTF-8 read as Latin-1: encode as sloppy-windows-1252, "
            "decode as utf-8, encode as latin-1, decode as utf-8",
            id="two-layers",
        ),
        pytest.param("wei√ü", "UTF-8 read as MacRoman: encode as macroman, decode as utf-8", id="macroman"),
        pytest.param(
            "voilÃ le travail",
            "UTF-8 read as Latin-1 (no-break spaces restored): encode as latin-1, transcode restore_byte_a0, decode as utf-8",
            id="restore-byte-a0",
        ),
        pytest.param(
            "Ecuadorâ\x80\x99s “purely political” decision",
            "UTF-8 mojibake inside other text, decoded in place: apply decode_inconsistent_utf8",
            id="inconsistent",
        ),
    ],
)
def test_reason_names_the_mix_up_and_ftfy_steps(text: str, reason: str) -> None:
    """The reason says which encoding was read as which, then lists ftfy's plan."""
    (change,) = FILTER.apply(text).changes
    assert change.reason == reason


def test_describe_opt_in_steps() -> None:
    """Opt-in steps and normalization get plain names in the reason."""
    steps = [["apply", "uncurl_quotes"], ["normalize", "NFC"]]
    assert describe(steps) == "curly quotes straightened; then Unicode NFC normalization: apply uncurl_quotes, normalize NFC"


# -- options -----------------------------------------------------------------------------

UNTOUCHED_BY_DEFAULT = "“Quote” ＬＯＵＤ ﬁne &amp; e\u0301 \x1a 東京（日本）。"


@pytest.mark.parametrize(
    ("options", "expected", "rule"),
    [
        pytest.param({"uncurl_quotes": True}, '"Quote" ＬＯＵＤ ﬁne &amp; e\u0301 \x1a 東京（日本）。', "uncurl_quotes", id="uncurl"),
        pytest.param({"fix_character_width": True}, "“Quote” LOUD ﬁne &amp; e\u0301 \x1a 東京(日本)。", "fix_character_width", id="width"),
        pytest.param({"fix_latin_ligatures": True}, "“Quote” ＬＯＵＤ fine &amp; e\u0301 \x1a 東京（日本）。", "fix_latin_ligatures", id="ligatures"),
        pytest.param({"unescape_html": True}, "“Quote” ＬＯＵＤ ﬁne & e\u0301 \x1a 東京（日本）。", "unescape_html", id="html"),
        pytest.param({"remove_control_chars": True}, "“Quote” ＬＯＵＤ ﬁne &amp; e\u0301  東京（日本）。", "remove_control_chars", id="controls"),
        pytest.param({"normalization": "NFC"}, "“Quote” ＬＯＵＤ ﬁne &amp; é \x1a 東京（日本）。", "normalize", id="nfc"),
        pytest.param({}, UNTOUCHED_BY_DEFAULT, None, id="default-touches-none"),
    ],
)
def test_opt_in_fix(options: dict[str, Any], expected: str, rule: str | None) -> None:
    """Each of ftfy's other fixes acts only when switched on, and names itself as the rule."""
    result = MojibakeFilter(**options).apply(UNTOUCHED_BY_DEFAULT)
    assert result.text == expected
    assert [c.rule for c in result.changes] == ([rule] if rule else [])


def test_opt_in_fix_acts_on_ascii_block() -> None:
    """An opt-in fix that can change ASCII text runs on ASCII blocks too (no fast path skips it)."""
    assert MojibakeFilter(unescape_html=True)("Tom &amp; Jerry\nplain") == "Tom & Jerry\nplain"


@pytest.mark.parametrize(
    "options",
    [{"uncurl_quotes": "yes"}, {"normalization": "NFX"}, {"restore_byte_a0": None}],
    ids=["not-bool", "bad-normalization", "none"],
)
def test_bad_option_is_configuration_error(options: dict[str, Any]) -> None:
    """A wrong option value raises ConfigurationError (a ValueError) naming the option."""
    name = next(iter(options))
    with pytest.raises(ConfigurationError, match=name):
        MojibakeFilter(**options)


@pytest.mark.parametrize(
    ("options", "text", "expected"),
    [
        pytest.param({}, "â€œlossy decodingâ€\ufffd", "“lossy decoding\ufffd", id="lossy-default"),
        pytest.param({"replace_lossy_sequences": False}, "â€œlossy decodingâ€\ufffd", "“lossy decodingâ€\ufffd", id="lossy-off"),
        pytest.param({}, "Ecuadorâ\x80\x99s “purely political”", "Ecuador’s “purely political”", id="inconsistent-default"),
        pytest.param(
            {"decode_inconsistent_utf8": False},
            "Ecuadorâ\x80\x99s “purely political”",
            "Ecuadorâ€™s “purely political”",
            id="inconsistent-off",
        ),
    ],
)
def test_encoding_sub_fix_can_be_switched_off(options: dict[str, Any], text: str, expected: str) -> None:
    """ftfy's parts of encoding repair are on by default and can be switched off one by one."""
    assert MojibakeFilter(**options)(text) == expected


@pytest.mark.parametrize("bad", [b"Caf\xc3\xa9", bytearray(b"x"), None, 3], ids=["bytes", "bytearray", "none", "int"])
def test_non_text_is_type_error(bad: object) -> None:
    """Bytes and other non-str input raise TypeError, as a call and through apply."""
    with pytest.raises(TypeError, match="needs a str"):
        FILTER(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="needs a str"):
        FILTER.apply(bad)  # type: ignore[arg-type]


def test_filter_is_a_picklable_comparable_value() -> None:
    """The filter pickles, compares by options and shows its options in its repr."""
    f = MojibakeFilter(uncurl_quotes=True)
    assert pickle.loads(pickle.dumps(f)) == f != FILTER
    assert "uncurl_quotes=True" in repr(f) and f.name == "mojibake"
    assert newsclean.filter_by_name("mojibake", uncurl_quotes=True) == f


def test_import_and_clean_text_do_not_import_ftfy() -> None:
    """`import newsclean` and cleaning text without marker characters never import ftfy."""
    code = (
        "import sys, newsclean\n"
        "f = newsclean.MojibakeFilter()\n"
        "assert f('ascii only\\n“curly” – 東京、日本。') == 'ascii only\\n“curly” – 東京、日本。'\n"
        "print('ftfy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


# -- the fast path: proof on the regex's structure --------------------------------------


def _sre() -> Any:
    try:
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as _parser  # type: ignore[no-redef]
    return _parser


def _item_chars(sre: Any, item: tuple[Any, Any]) -> set[str] | None:
    """The characters one regex item can match, if it is a plain literal or set; else None."""
    op, av = item
    if op is sre.LITERAL:
        return {chr(av)}
    if op is not sre.IN:
        return None
    chars: set[str] = set()
    for sub_op, sub_av in av:
        if sub_op is sre.LITERAL:
            chars.add(chr(sub_av))
        elif sub_op is sre.RANGE:
            chars.update(map(chr, range(sub_av[0], sub_av[1] + 1)))
        else:  # a category (\s, \w) or a negated set
            return None
    return chars


def _branches() -> list[Any]:
    sre = _sre()
    tree = sre.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    ((op, (_, branches)),) = tree.data
    assert op is sre.BRANCH
    return list(branches)


def _walk(node: Any) -> Iterator[tuple[Any, Any]]:
    sre = _sre()
    items = node.data if isinstance(node, sre.SubPattern) else node
    for op, av in items:
        yield op, av
        for part in av if isinstance(av, (tuple, list)) else ():
            if isinstance(part, sre.SubPattern):
                yield from _walk(part)
            elif isinstance(part, list) and part and isinstance(part[0], sre.SubPattern):
                for sub in part:
                    yield from _walk(sub)


def test_installed_ftfy_has_the_proven_badness_regex() -> None:
    """The installed ftfy has the badness regex the markers were proven for, so the fast path is on.

    If this fails after upgrading ftfy, the filter is still correct (every non-ASCII block
    goes to ftfy); re-check the two structural tests below and update _PROVEN_BADNESS.
    """
    assert badness_digest(BADNESS_RE) == _PROVEN_BADNESS


def test_every_badness_branch_requires_a_marker() -> None:
    """Every branch of BADNESS_RE has a required position whose characters are all markers."""
    sre = _sre()
    branches = _branches()
    assert len(branches) == 37
    for branch in branches:
        required = [_item_chars(sre, item) for item in branch.data]  # top-level items are required
        assert any(chars and all(_MARKERS.fullmatch(c) for c in chars) for chars in required), branch


def _compiler() -> Any:
    try:
        from re import _compiler  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_compile as _compiler  # type: ignore[no-redef]
    return _compiler


def _spellings(items: Any) -> list[list[tuple[Any, Any]]]:
    """Each sequence of one-character items a branch can match (``\\s?`` with and without), ``^`` left out."""
    sre = _sre()
    spellings: list[list[tuple[Any, Any]]] = [[]]
    for op, av in items:
        if op is sre.AT:
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, body = av
            assert high <= 1 and all(o in (sre.LITERAL, sre.IN, sre.ANY) for o, _ in body), av  # "\\s?"
            spellings = [s + list(body) * n for s in spellings for n in range(low, high + 1)]
        elif op is sre.SUBPATTERN:
            spellings = [s + more for s in spellings for more in _spellings(av[-1])]
        else:
            assert op in (sre.LITERAL, sre.IN, sre.ANY), op
            spellings = [s + [(op, av)] for s in spellings]
    return spellings


def test_only_a_few_markers_can_be_matched_between_ascii_characters() -> None:
    """Only the markers of _BESIDE_ASCII stand in a BADNESS_RE match where each neighbour in the match may be ASCII.

    Any other marker has, in every match that holds it, a neighbour that
    cannot be ASCII: a lone one between ASCII characters starts no search.
    Every character of Unicode is tried at every position of every branch.
    """
    sre, compiler = _sre(), _compiler()
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    flags = BADNESS_RE.flags & ~re.VERBOSE
    found: set[str] = set()
    for branch in _branches():
        for spelling in _spellings(branch.data):
            chars = [set(compiler.compile(sre.SubPattern(sre.State(), [item]), flags).findall(every)) for item in spelling]
            for p, here in enumerate(chars):
                beside = [chars[q] for q in (p - 1, p + 1) if 0 <= q < len(chars)]
                if all(any(c < "\x80" for c in side) for side in beside):
                    found |= {c for c in here if _MARKERS.fullmatch(c)}
    assert found == set(_BESIDE_ASCII)


def test_badness_matches_are_short_and_free_of_lookaround() -> None:
    """BADNESS_RE matches are at most _REACH + 1 characters, with no lookaround, ^ only at the start."""
    sre = _sre()
    assert BADNESS_RE.flags & (re.MULTILINE | re.IGNORECASE | re.DOTALL) == 0
    tree = sre.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert tree.getwidth()[1] <= _REACH + 1
    ops = {op for op, _ in _walk(tree)}
    assert not ops & {sre.ASSERT, sre.ASSERT_NOT, sre.GROUPREF, sre.GROUPREF_EXISTS}
    assert {av for op, av in _walk(tree) if op is sre.AT} == {sre.AT_BEGINNING}


# -- the fast path: proof on data ---------------------------------------------------------


def _assert_fast_path_exact(text: str) -> None:
    assert bad_near_markers(BADNESS_RE.search, text) == bool(BADNESS_RE.search(text)), text
    if not FILTER.needs_ftfy(text):
        assert _ftfy_unchanged(text), text


def test_fast_path_on_every_ftfy_case() -> None:
    """On every ftfy case (and one more layer of mojibake), a skipped text is one ftfy leaves alone."""
    rows = read_jsonl("mojibake/ftfy_cases.jsonl")
    for row in rows:
        for text in (row["input"], row["expected"], row["input"].encode("utf-8").decode("latin-1")):
            _assert_fast_path_exact(text)
    assert all(FILTER.needs_ftfy(r["input"]) for r in rows if r["input"] != r["expected"] and r["expect"] == "pass")


def test_fast_path_on_every_real_line_and_its_mojibake() -> None:
    """Every line of the real bodies, and the same line mangled four ways, is skipped only if ftfy agrees."""
    for _, body in real_bodies():
        for line in body.split("\n"):
            _assert_fast_path_exact(line)
            if line.isascii():
                continue
            for codec in ("sloppy-windows-1252", "latin-1", "macroman", "sloppy-windows-1251"):
                mangled = line.encode("utf-8").decode(codec)
                assert FILTER.needs_ftfy(mangled) == bool(BADNESS_RE.search(mangled)), mangled
                if not FILTER.needs_ftfy(mangled):
                    assert _ftfy_unchanged(mangled), mangled


def test_fast_path_on_extractor_output_and_tweets() -> None:
    """On real extractor output, trafilatura snippets and tweets, the shortcut equals ftfy's is_bad."""
    texts = [r["text"] for r in read_jsonl("articles/aeb_extractor_outputs.jsonl")]
    texts += [s for r in read_jsonl("articles/trafilatura_evaldata.jsonl") for s in r["with"] + r["without"]]
    texts += [line for r in read_jsonl("tweets/real_tweets.jsonl") for line in r["text_lines"] + [r["attribution"]]]
    for text in texts:
        for line in text.split("\n"):
            assert FILTER.needs_ftfy(line) == bool(BADNESS_RE.search(line)), line


# -- Hypothesis ---------------------------------------------------------------------------


def _badness_alphabet() -> list[str]:
    """Every character BADNESS_RE names, plus ASCII letters, digits, punctuation and spaces."""
    chars = {c for item in _walk(_sre().parse(BADNESS_RE.pattern)) if (s := _item_chars(_sre(), item)) for c in s}
    for category in MOJIBAKE_CATEGORIES.values():
        chars.update(category.replace("-", ""))
    chars.update("abcXYZ019 .,'!?-\xa0\t")
    return sorted(chars)


BADNESS_ALPHABET = _badness_alphabet()
NON_MARKERS = [c for c in BADNESS_ALPHABET if not _MARKERS.fullmatch(c)]
CODECS = ["sloppy-windows-1252", "latin-1", "macroman", "sloppy-windows-1251", "sloppy-windows-1250", "cp437"]
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=60)  # surrogates and controls included
WORDS = st.text(st.sampled_from("aeiou éüßçñø’“”–…€ 東京。ДаΣ😀\n"), max_size=30)


@st.composite
def mangled_documents(draw: st.DrawFn) -> str:
    """Lines of accented text, some encoded as UTF-8 and decoded with a single-byte codec."""
    lines = []
    for line in draw(st.lists(WORDS.map(lambda s: s.replace("\n", " ")), max_size=6)):
        if draw(st.booleans()):
            codec = draw(st.sampled_from(CODECS))
            line = line.encode("utf-8").decode(codec, errors="replace")
        lines.append(line)
    return "\n".join(lines)


DOCUMENTS = st.one_of(ANY_TEXT, mangled_documents(), st.text(st.sampled_from(BADNESS_ALPHABET), max_size=30))


@given(st.text(st.sampled_from(BADNESS_ALPHABET), max_size=12))
def test_shortcut_equals_is_bad(text: str) -> None:
    """Looking around marker runs finds a badness match exactly when BADNESS_RE does."""
    assert bad_near_markers(BADNESS_RE.search, text) == bool(BADNESS_RE.search(text))


@given(st.text(st.sampled_from(NON_MARKERS), max_size=40))
def test_text_without_markers_is_never_changed_by_ftfy(text: str) -> None:
    """Text made only of characters ftfy's regex names but we do not check is left unchanged by ftfy."""
    assert not FILTER.needs_ftfy(text)
    assert _ftfy_unchanged(text)


@given(DOCUMENTS)
def test_skip_implies_ftfy_unchanged(text: str) -> None:
    """Whenever the fast path skips a text, ftfy with the filter's config leaves it unchanged."""
    if not FILTER.needs_ftfy(text):
        assert _ftfy_unchanged(text)


@given(DOCUMENTS)
def test_idempotent(text: str) -> None:
    """Repairing twice gives the same text as repairing once."""
    once = FILTER(text)
    assert FILTER(once) == once


@given(st.one_of(DOCUMENTS, mangled_documents().map(lambda text: text.encode("utf-8").decode("cp1252", errors="replace"))))
def test_a_settled_output_is_the_filters_fixed_point(text: str) -> None:
    """When the filter says its output is settled (the pipeline then skips its next run), a second run changes nothing."""
    from newsclean._core.runs import pipeline_run

    with pipeline_run():
        result = stepped(FILTER, text)
        if result.settled:
            assert result.changes
            assert stepped(FILTER, result.document).changes == ()


def test_settled_is_said_only_where_no_repaired_block_goes_to_ftfy_again() -> None:
    """Mojibake repaired whole settles; a repair that still looks bad does not (a second run must look), nor outside a run."""
    from newsclean._core.runs import pipeline_run

    once = "Café in München".encode("utf-8").decode("cp1252")
    still_bad = "The council voted \u00e2\x80\u00e2\x80\x9c and then it adjourned."  # C1 controls: one layer is repaired
    with pipeline_run():
        assert stepped(FILTER, once).settled
        partly = stepped(FILTER, still_bad)
        assert partly.changes and FILTER.needs_ftfy(partly.text) and not partly.settled
        assert not stepped(MojibakeFilter(fix_character_width=True), once).settled  # every block goes to ftfy then
    assert FILTER.apply(once).changes and not FILTER.apply(once).settled


@given(DOCUMENTS)
def test_changes_replay_and_exist_only_when_text_changes(text: str) -> None:
    """Replaying the records on the input gives the output; there are records iff the text changed."""
    result = newsclean.Pipeline(FILTER).apply(text)
    assert replay(text, result.changes) == result.text
    assert bool(result.changes) == (result.text != text)


@given(DOCUMENTS)
def test_repairs_exactly_what_ftfy_repairs_per_line(text: str) -> None:
    """The output is ftfy (with the filter's config) applied to each non-blank line."""
    expected = "\n".join(ftfy.fix_and_explain(line, CONFIG).text if line.strip() else line for line in text.split("\n"))
    if "\r" not in text:
        assert FILTER(text) == expected


@given(ANY_TEXT)
def test_no_exception_on_any_text_with_every_fix(text: str) -> None:
    """Any str, lone surrogates and controls included, passes through with every fix switched on."""
    result = MojibakeFilter(**FIX_TEXT_OPTIONS).apply(text)
    assert replay(text, result.changes) == result.text


# -- repair without ftfy's confirming round ------------------------------------------------

_C1_TEXTS = ["\x93Quoted\x94 and Ã©", "CafÃ\x83Â©", "\x85", "Ã\x89cole", "â\x80\x99s", "MÃ¼nchen \x96 Berlin"]


def _repair_texts() -> list[str]:
    texts = [row["input"] for row in read_jsonl("mojibake/ftfy_cases.jsonl")]
    for _, body in real_bodies():
        for para in body.split("\n")[:6]:
            if not para.isascii():
                once = para.encode("utf-8").decode("sloppy-windows-1252")
                texts += [once, once.encode("utf-8").decode("sloppy-windows-1252"),  # twice: two steps of repair
                          para.encode("utf-8").decode("latin-1", "replace"), para]
    return texts + _C1_TEXTS


def test_repair_equals_fix_and_explain_on_every_case() -> None:
    """repair() gives ftfy.fix_and_explain's text and plan on ftfy's cases, real paragraphs mangled, and C1 text."""
    texts = _repair_texts()
    assert len(texts) > len(_C1_TEXTS)
    for text in texts:
        assert repair(text, CONFIG, encoding_only=True) == tuple(ftfy.fix_and_explain(text, CONFIG)), text


def test_repair_stops_with_the_fast_badness_test_on_the_proven_ftfy() -> None:
    """With the ftfy it was written from, repair() runs ftfy's steps itself and stops by bad_near_markers."""
    from newsclean._filters.mojibake import _PROVEN_FTFY, _encoding_steps

    if ftfy.__version__ != _PROVEN_FTFY:
        pytest.skip(f"ftfy {ftfy.__version__} installed; the step loop was written from ftfy {_PROVEN_FTFY}: repair() uses ftfy's own loop")
    assert _encoding_steps() is not None


@given(st.text(alphabet=st.sampled_from("aé€™Ã©â€œ\x80\x93\x9d\xa0 ")))
def test_property_repair_equals_fix_and_explain(text: str) -> None:
    """On any text of mojibake-prone characters repair() equals ftfy.fix_and_explain."""
    assert repair(text, CONFIG, encoding_only=True) == tuple(ftfy.fix_and_explain(text, CONFIG))


def test_every_marker_is_non_ascii_so_the_non_ascii_gate_is_exact() -> None:
    """The pre-check searches only the non-ASCII characters; that is exact because no marker is ASCII."""
    from newsclean._filters.mojibake import _MARKER_CLASS, _MARKERS, non_ascii

    chars = [c for c in _MARKER_CLASS if c != "-"]
    assert chars and all(ord(c) > 127 for c in chars)
    for text in ["plain ASCII only", "CafÃ© – ok", "â€™ and \ud800 lone surrogate", "“quoted” – 東京"]:
        assert bool(_MARKERS.search(non_ascii(text))) == bool(_MARKERS.search(text))


def test_has_marker_sees_a_marker_past_the_first_slice() -> None:
    """The slice-by-slice marker check finds a marker in any slice, and none where there is none."""
    from newsclean._filters.mojibake import _SLICE, has_marker

    clean = "“Quoted” – 東京 " * (_SLICE // 6)
    assert not has_marker(clean)
    assert has_marker(clean + "donâ€™t")
    assert has_marker(clean[: _SLICE - 1] + "â€™" + clean)  # a marker run across the slice boundary
