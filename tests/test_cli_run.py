"""Tests for ``newsclean._cli.run``: stopped runs (Ctrl-C, SIGTERM, SIGKILL), --resume, and missing fields.

Run as the installed console script in a subprocess, with the test filters of ``tests/test_cli.py``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_cli import ADS, SCRIPT, env, jsonl, run, summary  # noqa: F401 (env is a fixture)

pytestmark = pytest.mark.skipif(SCRIPT is None, reason="the newsclean console script is not installed next to python")

CRASH = ["--filters", "cli_filters:DropAds,cli_filters:Crash"]


def _poll(condition: Callable[[], object], what: str, timeout: float = 90.0) -> object:
    """Wait until *condition* returns something true; fail naming *what* after a generous timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _children(pid: int) -> list[int]:
    """Live child processes of *pid*, read from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has died; only its parent has not collected it yet


def _hanging_tree(tmp_path: Path, *, files: int = 60, hang_at: int = 40) -> tuple[Path, Path]:
    """A folder of small text files, one of which hangs the filter: a -j 2 run is surely in progress."""
    src = tmp_path / "in"
    src.mkdir()
    for i in range(files):
        (src / f"{i:03d}.txt").write_text("HANG" if i == hang_at else f"text {i}\nAdvertisement", encoding="utf-8")
    return src, tmp_path / "out"


def _start(env: dict[str, str], *args: str | Path) -> subprocess.Popen[bytes]:
    assert SCRIPT is not None
    return subprocess.Popen(
        [SCRIPT, *map(str, args)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )


def _temporary_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*.tmp")] if folder.exists() else []


@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_stopping_the_main_process_ends_its_workers(env: dict[str, str], tmp_path: Path, how: str) -> None:
    """SIGTERM or SIGKILL of the main process of a -j 2 run: no worker outlives it; SIGTERM also removes .tmp files."""
    src, out = _hanging_tree(tmp_path)
    proc = _start(env, "clean", src, "-o", out, "-j", "2", "-q", *CRASH)
    workers = _poll(lambda: (lambda c: c if len(c) >= 2 else None)(_children(proc.pid)), "two worker processes")
    # outputs before the hanging document are written (each .tmp file lives only moments: waiting to
    # catch one would race a fast machine); the run is then surely in progress, stuck on that document
    _poll(lambda: out.exists() and len(list(out.rglob("*.txt"))) >= 10, "outputs before the hanging document")
    proc.send_signal(getattr(signal, how))
    _, err = proc.communicate(timeout=90)
    assert isinstance(workers, list)
    _poll(lambda: not any(_alive(w) for w in workers), "the workers to end")
    if how == "SIGTERM":
        assert proc.returncode == 143
        assert _temporary_files(out) == []
        assert err.decode().splitlines()[-1].startswith("newsclean: terminated; ")
        assert "Traceback" not in err.decode()
    else:
        assert proc.returncode == -signal.SIGKILL


def test_interrupted_directory_run_keeps_finished_files_and_their_records(
    env: dict[str, str], tmp_path: Path
) -> None:
    """Ctrl-C in directory mode: finished outputs stay, --explain keeps their records, the message says so."""
    src = tmp_path / "in"
    src.mkdir()
    for name, text in [("a.txt", "a\nAdvertisement"), ("b.txt", "b"), ("c.txt", "c\nINTERRUPT"), ("d.txt", "d")]:
        (src / name).write_text(text, encoding="utf-8")
    out, explain = tmp_path / "out", tmp_path / "explain.jsonl"
    proc = run(env, "clean", src, "-o", out, "--explain", explain, "-j1", *CRASH)
    assert proc.returncode == 130
    assert proc.stderr.decode().splitlines()[-1] == (
        f"newsclean: interrupted; 2 output files were written in full (the last: {str(out / 'b.txt')!r}); "
        f"their records are in {str(explain)!r}; the output in progress was discarded"
    )
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt"]
    records = [json.loads(line) for line in explain.read_text(encoding="utf-8").splitlines()]
    assert [(Path(r["input"]).name, len(r["changes"])) for r in records] == [("a.txt", 1), ("b.txt", 0)]


def test_resume_skips_finished_outputs_and_adds_to_the_records(env: dict[str, str], tmp_path: Path) -> None:
    """--resume after an interrupted run cleans only what is left; the --explain file gains the new records."""
    src = tmp_path / "in"
    src.mkdir()
    for name, text in [("a.txt", "a\nAdvertisement"), ("b.txt", "b"), ("c.txt", "c\nINTERRUPT")]:
        (src / name).write_text(text, encoding="utf-8")
    out, explain = tmp_path / "out", tmp_path / "explain.jsonl"
    assert run(env, "clean", src, "-o", out, "--explain", explain, "-j1", *CRASH).returncode == 130
    (out / "a.txt").write_text("kept from the first run", encoding="utf-8")  # proves a.txt is not redone
    os.utime(out / "a.txt")
    (src / "c.txt").write_text("c\nAdvertisement", encoding="utf-8")
    proc = run(env, "clean", src, "-o", out, "--explain", explain, "--resume", "-j1", *CRASH)
    assert proc.returncode == 0, proc.stderr
    assert summary(proc) == {"docs": 1, "changed": 1, "dropped": 0, "failed": 0, "resumed": 2}
    assert (out / "a.txt").read_text(encoding="utf-8") == "kept from the first run"
    assert (out / "c.txt").read_text(encoding="utf-8") == "c"
    records = [json.loads(line) for line in explain.read_text(encoding="utf-8").splitlines()]
    assert [Path(r["input"]).name for r in records] == ["a.txt", "b.txt", "c.txt"]


def test_resume_needs_an_output_directory(env: dict[str, str], tmp_path: Path) -> None:
    """--resume with one output file is a usage error that says what it is for."""
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    proc = run(env, "clean", tmp_path / "a.txt", "-o", tmp_path / "b.txt", "--resume")
    assert proc.returncode == 2
    assert "--resume works with an output directory (-o DIR)" in proc.stderr.decode()


def test_interrupt_on_stdout_says_what_was_written(env: dict[str, str], tmp_path: Path) -> None:
    """Ctrl-C while writing JSON lines to stdout: the message counts the documents already written."""
    rows = [{"body": f"{i}\nAdvertisement"} for i in range(3)] + [{"body": "INTERRUPT"}]
    src = jsonl(tmp_path / "in.jsonl", rows)
    explain = tmp_path / "explain.jsonl"
    proc = run(env, "clean", src, "--explain", explain, "-j1", *CRASH)
    assert proc.returncode == 130
    assert proc.stdout.decode().splitlines() == ['{"body": "0"}', '{"body": "1"}', '{"body": "2"}']
    assert proc.stderr.decode().splitlines()[-1] == (
        f"newsclean: interrupted; 3 documents were written to stdout in full; their records are in {str(explain)!r}; "
        "nothing else was written"
    )
    assert len(explain.read_text(encoding="utf-8").splitlines()) == 3


# -- a field that no record has ------------------------------------------------------------------

TEXT_ROWS = [{"id": i, "text": f"{i}\nAdvertisement", "url": f"https://x/{i}"} for i in range(120)]


@pytest.mark.parametrize("command", ["clean", "stats", "diff"])
def test_missing_field_is_an_error_naming_the_fields_there(env: dict[str, str], tmp_path: Path, command: str) -> None:
    """Records without --field (default body): a warning after 100 records, an error at the end, exit 1."""
    src = jsonl(tmp_path / "in.jsonl", TEXT_ROWS)
    proc = run(env, command, src, *ADS)
    err = proc.stderr.decode()
    assert proc.returncode == 1
    have = "'id' (120), 'text' (120), 'url' (120)"
    if command != "diff":
        assert (
            f"newsclean: warning: none of the first 100 records has the field 'body' to clean; they have "
            "'id' (100), 'text' (100), 'url' (100); pass --field NAME"
        ) in err
    assert (
        f"newsclean: error: no record had the field 'body', so nothing was cleaned; the records have {have}; "
        "pass --field NAME (or --html-field NAME)"
    ) in err


@pytest.mark.parametrize("command", ["clean", "stats", "diff"])
def test_the_right_field_finds_the_changes(env: dict[str, str], tmp_path: Path, command: str) -> None:
    """With --field text the same records are cleaned, without a warning, exit 0."""
    src = jsonl(tmp_path / "in.jsonl", TEXT_ROWS)
    proc = run(env, command, src, "--field", "text", *ADS)
    assert proc.returncode == 0
    assert "warning" not in proc.stderr.decode() and "error" not in proc.stderr.decode()
    if command == "stats":
        assert "120 documents: 120 changed, 0 dropped, 0 failed" in proc.stdout.decode()
    else:
        assert summary(proc)["changed"] == 120


def test_some_records_with_the_field_are_fine(env: dict[str, str], tmp_path: Path) -> None:
    """Only when no record has the field is it an error: records lacking it pass through as before."""
    src = jsonl(tmp_path / "in.jsonl", [{"title": "x"}, {"body": "y\nAdvertisement"}])
    proc = run(env, "clean", src, *ADS)
    assert proc.returncode == 0
    assert proc.stdout.decode().splitlines() == ['{"title": "x"}', '{"body": "y"}']


def test_main_in_process_leaves_the_sigterm_handler_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """main() called in-process (a test, a notebook) installs its SIGTERM handler only while it runs."""
    from newsclean._cli.main import main

    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    before = signal.getsignal(signal.SIGTERM)
    assert main(["clean", str(tmp_path / "a.txt"), "--filters", "placeholders", "-q"]) == 0
    assert signal.getsignal(signal.SIGTERM) is before
    assert capsys.readouterr().out == "a"


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no signal masks on this platform")
def test_sigterm_the_moment_a_temporary_file_is_made_leaves_none_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SIGTERM landing just after mkstemp made an output's temporary file (CI caught it once): the file goes too."""
    import tempfile

    from newsclean._cli.main import main

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for i in range(5):
        (src / f"{i}.txt").write_text(f"text {i}\nAdvertisement", encoding="utf-8")
    made = []
    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_sigterm(*args: object, **kwargs: object) -> tuple[int, str]:
        fd, name = real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]
        made.append(os.path.basename(name))
        if made[-1].startswith(".2.txt."):  # the third output: its file exists, its name is kept nowhere yet
            os.kill(os.getpid(), signal.SIGTERM)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_sigterm)
    assert main(["clean", str(src), "-o", str(out), "-j", "1", "-q"]) == 143
    assert made[-1].startswith(".2.txt.")
    assert _temporary_files(out) == []
    assert sorted(p.name for p in out.iterdir()) == ["0.txt", "1.txt"]
    assert "terminated" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no signal masks on this platform")
def test_sigterm_while_discarding_an_output_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM in the middle of discarding an output (after it is marked done, before the unlink): the file goes."""
    from newsclean._cli import io
    from newsclean._cli.run import Terminated, handle_sigterm

    real_unlink = os.unlink

    def sigterm_then_unlink(path: str) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # its handler runs at the next instruction, unless the signal is held
        real_unlink(path)

    restore = handle_sigterm()
    try:
        with pytest.raises(Terminated), io.unfinished_files():
            atomic = io.AtomicFile(str(tmp_path / "out.txt"))
            atomic.write(b"half an output")
            monkeypatch.setattr(io.os, "unlink", sigterm_then_unlink)
            atomic.discard()
    finally:
        restore()
    assert _temporary_files(tmp_path) == []
