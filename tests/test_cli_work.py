"""Tests for ``newsclean._cli.work``: text encodings and JSON lines written back exactly as they came."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsclean._cli.work import _splice, _value_spans
from tests.test_cli import ADS, SCRIPT, env, run, summary  # noqa: F401 (env is a fixture)

pytestmark = pytest.mark.skipif(SCRIPT is None, reason="the newsclean console script is not installed next to python")

LATIN = "Caf\xe9 cr\xe8me\nAdvertisement\nna\xefve".encode("cp1252")


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("cp1252", LATIN),
        ("latin-1", LATIN),
        ("auto", "Café crème\nAdvertisement\nnaïve".encode("utf-16")),  # a BOM: detected for sure
        ("auto", "Café crème\nAdvertisement\nnaïve".encode("utf-8")),
    ],
    ids=["cp1252", "latin-1", "auto-utf16", "auto-utf8"],
)
def test_non_utf8_text_file_is_cleaned_with_encoding(
    env: dict[str, str], tmp_path: Path, encoding: str, data: bytes
) -> None:
    """--encoding NAME (or auto) reads a text file that is not UTF-8; the cleaned text is written as UTF-8."""
    (tmp_path / "a.txt").write_bytes(data)
    proc = run(env, "clean", tmp_path / "a.txt", "--encoding", encoding, *ADS)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == "Café crème\nnaïve"


def test_auto_uses_the_html_detection(env: dict[str, str], tmp_path: Path) -> None:
    """--encoding auto decodes legacy bytes exactly as HTML bytes are decoded (newsclean._html.encoding)."""
    from newsclean._html.encoding import decode_html

    data = "Le café était fermé; après la crème brûlée, à la gare.\nAdvertisement\nUne journée réussie.".encode("cp1252")
    (tmp_path / "a.txt").write_bytes(data)
    proc = run(env, "clean", tmp_path / "a.txt", "--encoding", "auto", *ADS)
    assert proc.stdout.decode("utf-8") == decode_html(data)[0].replace("\nAdvertisement", "")


def test_non_utf8_text_file_without_encoding_says_what_to_do(env: dict[str, str], tmp_path: Path) -> None:
    """Without --encoding the file is copied through and the report points at --encoding."""
    (tmp_path / "a.txt").write_bytes(LATIN)
    proc = run(env, "clean", tmp_path / "a.txt", *ADS)
    assert (proc.returncode, proc.stdout) == (1, LATIN)
    assert proc.stderr.decode().splitlines()[0] == (
        f"newsclean: {tmp_path / 'a.txt'}: file is not UTF-8 (invalid continuation byte at byte 3); "
        "try --encoding auto or name its encoding"
    )


def test_unchanged_legacy_file_is_byte_identical(env: dict[str, str], tmp_path: Path) -> None:
    """A legacy-encoded file that no filter changes is written through byte for byte."""
    data = "Caf\xe9 cr\xe8me".encode("cp1252")
    (tmp_path / "a.txt").write_bytes(data)
    proc = run(env, "clean", tmp_path / "a.txt", "--encoding", "auto", *ADS)
    assert (proc.returncode, proc.stdout) == (0, data)


def test_unknown_encoding_is_a_usage_error(env: dict[str, str], tmp_path: Path) -> None:
    """An encoding Python does not know stops at once with exit 2."""
    (tmp_path / "a.txt").write_bytes(b"x")
    proc = run(env, "clean", tmp_path / "a.txt", "--encoding", "klingon")
    assert proc.returncode == 2
    assert "unknown encoding 'klingon'; name one Python knows, or auto" in proc.stderr.decode()


# -- JSON lines written back --------------------------------------------------------------------------

NUMBERS = (
    '{"id": 7,  "big": 1e400, "pi": 3.14159265358979323846264338327950288, '
    '"n": 123456789012345678901234567890, "neg": -0.0, "esc": "caf\\u00e9 \\ud83d", '
    '"nested": {"x": [1.10, 2E+3]}, "body": "a\\nAdvertisement", "tail" : true}'
)


def test_untouched_fields_are_written_back_exactly(env: dict[str, str], tmp_path: Path) -> None:
    """Only the cleaned value changes: 1e400, long decimals, escapes and spacing come back byte for byte."""
    (tmp_path / "in.jsonl").write_text(NUMBERS + "\r\n", encoding="utf-8")
    proc = run(env, "clean", tmp_path / "in.jsonl", *ADS)
    assert proc.returncode == 0
    assert proc.stdout.decode() == NUMBERS.replace('"a\\nAdvertisement"', '"a"') + "\r\n"
    assert summary(proc)["changed"] == 1


def test_repeated_key_rewrites_the_value_json_reads() -> None:
    """With a key given twice, the last value (the one json.loads keeps) is the one replaced."""
    line = '{"body": "first", "x": 1, "body": "second"}'
    assert _value_spans(line)["body"] == (line.index('"second"'), len(line) - 1)
    assert _splice(line, {"body": "new"}) == '{"body": "first", "x": 1, "body": "new"}'
    assert json.loads(_splice(line, {"body": "new"}))["body"] == "new"


def test_lone_surrogate_in_a_cleaned_value_is_escaped() -> None:
    """A cleaned value holding a lone surrogate (from a \\ud83d escape) is written as an escape, not invalid UTF-8."""
    assert _splice('{"body": "x"}', {"body": "a\ud83d"}) == '{"body": "a\\ud83d"}'
