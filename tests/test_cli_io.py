"""Tests for ``newsclean._cli.io``: output paths, full disks, unreadable folders, bounded reads, stdin detection.

Run as the installed console script in a subprocess. Permission tests run the script without the
capabilities that let root ignore file modes, so they prove the same thing as root or as a user.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_cli import ADS, SCRIPT, env, jsonl, run, summary  # noqa: F401 (env is a fixture)

pytestmark = pytest.mark.skipif(SCRIPT is None, reason="the newsclean console script is not installed next to python")

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def _as_plain_user() -> None:
    """In the child: give up root's power to read and write whatever the file modes say (no-op for a user)."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
            if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _with_file_size_limit(limit: int) -> Callable[[], None]:
    def setup() -> None:  # writes past the limit fail with EFBIG, as on a full disk with ENOSPC
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return setup


def run_as(
    env: dict[str, str], setup: Callable[[], None], *args: str | Path, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    """Run the script with *setup* applied in the child before it starts."""
    assert SCRIPT is not None
    return subprocess.run(
        [SCRIPT, *map(str, args)], input=stdin, capture_output=True, env=env, timeout=120, check=False,
        preexec_fn=setup,
    )


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# -- where outputs go ---------------------------------------------------------------------------------


def test_missing_output_folder_is_a_usage_error(env: dict[str, str], tmp_path: Path) -> None:
    """-o into a folder that does not exist: exit 2 naming the path, and no folder is created."""
    (tmp_path / "a.txt").write_text("a\nAdvertisement", encoding="utf-8")
    target = tmp_path / "nonexistent" / "dir" / "out.txt"
    proc = run(env, "clean", tmp_path / "a.txt", "-o", target, *ADS)
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert proc.stderr.decode() == (
        f"newsclean: error: cannot write -o {str(target)!r}: its folder {str(target.parent)!r} "
        "does not exist; create it first\n"
    )
    assert _listing(tmp_path) == ["a.txt", "mods", "mods/cli_filters.py"]


def test_output_directory_is_created(env: dict[str, str], tmp_path: Path) -> None:
    """A mirrored output directory (and its subfolders) is created inside an existing folder."""
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_text("a\nAdvertisement", encoding="utf-8")
    proc = run(env, "clean", tmp_path / "in", "-o", tmp_path / "out", *ADS)
    assert proc.returncode == 0
    assert (tmp_path / "out" / "sub" / "a.txt").read_text(encoding="utf-8") == "a"


@pytest.mark.parametrize("option", ["-o", "--explain"])
def test_read_only_folder_names_the_target_and_exits_2(env: dict[str, str], tmp_path: Path, option: str) -> None:
    """An output in a read-only folder: exit 2 naming the path given, never the hidden temporary file."""
    (tmp_path / "a.txt").write_text("a\nAdvertisement", encoding="utf-8")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    target = folder / "out.jsonl"
    proc = run_as(env, _as_plain_user, "clean", tmp_path / "a.txt", option, target, *ADS)
    folder.chmod(0o755)
    assert proc.returncode == 2
    what = "-o" if option == "-o" else "--explain"
    assert proc.stderr.decode() == (
        f"newsclean: error: cannot write the output file {what} {str(target)!r}: Permission denied\n"
    )
    assert list(folder.iterdir()) == []


def test_file_too_large_discards_the_temporary_file(env: dict[str, str], tmp_path: Path) -> None:
    """A write that fails (EFBIG here, ENOSPC on a full disk): exit 1 naming the output, no .tmp file left."""
    rows = [{"body": f"{i} " + "x" * 200 + "\nAdvertisement"} for i in range(2000)]
    src = jsonl(tmp_path / "in.jsonl", rows)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "clean.jsonl"
    proc = run_as(env, _with_file_size_limit(1 << 16), "clean", src, "-o", target, "-j1", *ADS)
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines()[-1] == (
        f"newsclean: error: cannot write {str(target)!r}: File too large; outputs in progress were discarded"
    )
    assert list((tmp_path / "out").iterdir()) == []


def test_explain_and_errors_on_one_file_is_refused(env: dict[str, str], tmp_path: Path) -> None:
    """--explain X --errors X would overwrite one with the other: a usage error, nothing written."""
    src = jsonl(tmp_path / "in.jsonl", [{"body": "a"}])
    side = tmp_path / "side.jsonl"
    proc = run(env, "clean", src, "--explain", side, "--errors", side, *ADS)
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert proc.stderr.decode() == (
        f"newsclean: error: --explain and --errors both name {str(side)!r}; give them two different files\n"
    )
    assert not side.exists()


# -- what is read -------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["clean", "stats"])
def test_unreadable_subfolder_is_reported(env: dict[str, str], tmp_path: Path, command: str) -> None:
    """A folder that cannot be listed is reported by name and the run exits 1 (it was silently skipped)."""
    src = tmp_path / "in"
    (src / "locked").mkdir(parents=True)
    (src / "a.txt").write_text("a\nAdvertisement", encoding="utf-8")
    (src / "locked" / "b.txt").write_text("b", encoding="utf-8")
    (src / "locked").chmod(0)
    out = ["-o", str(tmp_path / "out")] if command == "clean" else []
    proc = run_as(env, _as_plain_user, command, src, *out, *ADS)
    (src / "locked").chmod(stat.S_IRWXU)
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert f"newsclean: {src / 'locked'}: cannot list this folder (Permission denied); its files were not read" in err
    if command == "clean":
        assert summary(proc) == {"docs": 1, "changed": 1, "dropped": 0, "failed": 0, "unlisted": 1}
    else:
        assert proc.stdout.decode().splitlines()[-1] == "1 document: 1 changed, 0 dropped, 0 failed, 1 folder unreadable"


def test_dev_zero_is_skipped_with_a_message(env: dict[str, str]) -> None:
    """An endless input (/dev/zero) is read up to --max-size, then skipped and reported; no MemoryError."""
    proc = run(env, "clean", "/dev/zero", "--format", "text", "--max-size", "1M", *ADS)
    assert (proc.returncode, proc.stdout) == (1, b"")
    assert proc.stderr.decode().splitlines()[0] == (
        "newsclean: /dev/zero: skipped: larger than --max-size 1M; raise --max-size to clean it"
    )
    assert summary(proc)["failed"] == 1


def test_dev_zero_with_the_default_bound(env: dict[str, str]) -> None:
    """The default --max-size (256M) also stops /dev/zero with the message, not a traceback."""
    proc = run(env, "stats", "/dev/zero", "--format", "text", *ADS)
    assert proc.returncode == 1
    assert "skipped: larger than --max-size 256M" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


def test_too_long_json_line_is_skipped_and_the_rest_cleaned(env: dict[str, str], tmp_path: Path) -> None:
    """A JSON line over --max-size is reported and left out (and goes to --errors); the other lines are cleaned."""
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"body": "a\\nAdvertisement"}\n{"body": "' + "x" * 5000 + '"}\n{"body": "c"}\n', encoding="utf-8"
    )
    errors = tmp_path / "errors.jsonl"
    proc = run(env, "clean", src, "--max-size", "1K", "--errors", errors, *ADS)
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines() == ['{"body": "a"}', '{"body": "c"}']
    message = "skipped: line longer than --max-size 1K; raise --max-size to clean it"
    assert f"newsclean: {src}:2: {message}" in proc.stderr.decode()
    assert json.loads(errors.read_text(encoding="utf-8")) == {"input": str(src), "line": 2, "error": message}


def test_json_lines_on_stdin_are_read_as_records(env: dict[str, str]) -> None:
    """JSON lines piped to `clean -` are cleaned record by record, with a note saying how stdin was read."""
    lines = b'{"id": 1, "body": "a\\nAdvertisement"}\n{"id": 2, "body": "b"}\n{"id": 3, "body": "Cafe"}\n'
    proc = run(env, "clean", "-", *ADS, stdin=lines)
    assert proc.returncode == 0
    assert proc.stdout == b'{"id": 1, "body": "a"}\n{"id": 2, "body": "b"}\n{"id": 3, "body": "Caf\xc3\xa9"}\n'
    assert proc.stderr.decode().splitlines()[0] == (
        "newsclean: stdin starts with a JSON object: read as JSON lines (--format text to read it as text)"
    )
    assert summary(proc) == {"docs": 3, "changed": 2, "dropped": 0, "failed": 0}


def test_text_on_stdin_stays_text(env: dict[str, str]) -> None:
    """Text on stdin, even text starting with a brace, is one text document; --format text forces text."""
    for data, args in [(b"{not json}\nAdvertisement", []), (b'{"body": "x"}\nAdvertisement', ["--format", "text"])]:
        proc = run(env, "clean", "-", *args, *ADS, stdin=data)
        assert proc.stdout == data.split(b"\n")[0]
        assert summary(proc) == {"docs": 1, "changed": 1, "dropped": 0, "failed": 0}
