"""Tests for the ``newsclean`` command, run as the installed console script in a subprocess.

Most tests pick a small test filter by import path (``--filters cli_filters:DropAds``)
so that they check the command's plumbing whatever the built-in filters do. The
tests in the section "with the real filters" need the built-in filters, and the
HTML tests need ``newsclean._html.clean``.
"""

from __future__ import annotations

import gzip
import json
import multiprocessing
import os
import pty
import re
import shutil
import subprocess
import sys
from itertools import count, islice
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean import Change, Pipeline, replay
from newsclean._cli.main import main
from newsclean._cli.report import render_progress
from newsclean._cli.work import BATCH_DOCS, IN_FLIGHT_PER_WORKER, Job, OrderedRunner, Task

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "fixtures" / "seeds"
SCRIPT = shutil.which("newsclean", path=os.path.dirname(sys.executable))

pytestmark = pytest.mark.skipif(SCRIPT is None, reason="the newsclean console script is not installed next to python")

# Written into a temporary folder on PYTHONPATH: filters the subprocess imports by path.
FILTERS_MODULE = '''
import os
import signal
import time
from dataclasses import dataclass

from newsclean import BlockFilter, Edit


@dataclass(frozen=True, kw_only=True)
class DropAds(BlockFilter):
    name = "drop_ads"

    def edits(self, doc):
        for i, block in enumerate(doc.blocks):
            if block.text.strip() == "Advertisement":
                yield Edit(i, "ad", "an ad label")
            elif "Cafe" in block.text:
                yield Edit(i, "accent", "restores an accent", block.text.replace("Cafe", "Café"))


@dataclass(frozen=True, kw_only=True)
class Crash(BlockFilter):
    name = "crash"

    def edits(self, doc):
        for block in doc.blocks:
            if block.text == "KILL":
                os.kill(os.getpid(), signal.SIGKILL)
            if block.text == "INTERRUPT":
                raise KeyboardInterrupt
            if block.text == "CTRL-C":  # what a terminal does: SIGINT to the whole process group
                os.killpg(os.getpgid(0), signal.SIGINT)
            if block.text == "BUG":
                raise RuntimeError("filter bug")
            if block.text == "HANG":  # a document that takes for ever: the run is surely in progress
                time.sleep(300)
        return iter(())
'''
ADS = ["--filters", "cli_filters:DropAds"]
SUMMARY = re.compile(
    r"newsclean: (?P<docs>[\d,]+) documents?, (?P<changed>[\d,]+) changed, (?P<dropped>[\d,]+) dropped, "
    r"(?P<failed>[\d,]+) failed(?:, (?P<skipped>[\d,]+) skipped)?(?:, (?P<unlisted>[\d,]+) folders? unreadable)?"
    r"(?:, (?P<resumed>[\d,]+) already done)?(?:, (?P<blank>[\d,]+) blank lines?)?"
    r" in [\d.]+ s(?: with (?P<workers>\d+) workers)?$"
)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Environment for the subprocess: the test filters importable, no colour settings inherited."""
    mods = tmp_path / "mods"
    mods.mkdir()
    (mods / "cli_filters.py").write_text(FILTERS_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(mods))
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PYTHONPATH")}
    environ["PYTHONPATH"] = str(mods)
    return environ


def run(
    env: dict[str, str], *args: str | Path, stdin: bytes = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed console script."""
    assert SCRIPT is not None
    return subprocess.run(
        [SCRIPT, *map(str, args)],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
        start_new_session=True,  # its own process group, so a test can Ctrl-C it alone
    )


def summary(proc: subprocess.CompletedProcess[bytes]) -> dict[str, int]:
    """The counts of the summary line, the last line on stderr."""
    last = proc.stderr.decode().rstrip("\n").rsplit("\n", 1)[-1]
    match = SUMMARY.fullmatch(last)
    assert match, f"no summary line in stderr: {proc.stderr!r}"
    return {k: int(v.replace(",", "")) for k, v in match.groupdict().items() if v is not None}


def jsonl(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def in_pty(env: dict[str, str], *args: str | Path, stream: str = "stderr") -> tuple[int, bytes]:
    """Run the script with stderr (or stdout) on a pseudo-terminal; return the code and what it got."""
    assert SCRIPT is not None
    master, slave = pty.openpty()
    target = {stream: slave}
    other = "stdout" if stream == "stderr" else "stderr"
    target[other] = subprocess.DEVNULL
    command = [SCRIPT, *map(str, args)]
    proc = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, **target)  # type: ignore[call-overload]
    os.close(slave)
    received = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        received += chunk
    os.close(master)
    return proc.wait(timeout=60), received


# -- the command itself ----------------------------------------------------------


def test_version(env: dict[str, str]) -> None:
    """--version prints the package version."""
    proc = run(env, "--version")
    assert (proc.returncode, proc.stdout) == (0, f"newsclean {newsclean.__version__}\n".encode())


def test_help_shows_examples(env: dict[str, str]) -> None:
    """--help lists the commands and worked examples."""
    proc = run(env, "--help")
    text = proc.stdout.decode()
    assert proc.returncode == 0
    assert "examples:" in text and "newsclean clean scraped/ -o cleaned/ --jobs 8" in text
    assert all(name in text for name in ("clean", "diff", "stats"))


def test_python_dash_m(env: dict[str, str]) -> None:
    """`python -m newsclean` runs the same command."""
    proc = subprocess.run([sys.executable, "-m", "newsclean", "--version"], capture_output=True, env=env, check=False)
    assert (proc.returncode, proc.stdout) == (0, f"newsclean {newsclean.__version__}\n".encode())


# -- clean: formats and destinations ---------------------------------------------


def test_text_file_to_stdout(env: dict[str, str], tmp_path: Path) -> None:
    """A text file is cleaned to stdout; the summary line goes to stderr."""
    (tmp_path / "a.txt").write_bytes(b"p1\n\nAdvertisement\n\np2")
    proc = run(env, "clean", tmp_path / "a.txt", *ADS)
    assert (proc.returncode, proc.stdout) == (0, b"p1\n\np2")
    assert summary(proc) == {"docs": 1, "changed": 1, "dropped": 0, "failed": 0}


def test_text_file_to_output_file(env: dict[str, str], tmp_path: Path) -> None:
    """-o FILE writes the cleaned text there and nothing to stdout."""
    (tmp_path / "a.txt").write_bytes(b"Cafe news\nAdvertisement\nend\n")
    proc = run(env, "clean", tmp_path / "a.txt", "-o", tmp_path / "out.txt", *ADS)
    assert (proc.returncode, proc.stdout) == (0, b"")
    assert (tmp_path / "out.txt").read_bytes() == "Café news\nend\n".encode()


def test_stdin_to_stdout(env: dict[str, str]) -> None:
    """`-` reads stdin."""
    proc = run(env, "clean", "-", *ADS, stdin=b"A\r\nAdvertisement\r\nB")
    assert (proc.returncode, proc.stdout) == (0, b"A\r\nB")


def test_stdin_as_json_lines(env: dict[str, str]) -> None:
    """`- --format jsonl` streams JSON lines from stdin."""
    proc = run(env, "clean", "-", "--format", "jsonl", *ADS, stdin=b'{"body": "x\\nAdvertisement"}\n')
    assert (proc.returncode, proc.stdout) == (0, b'{"body": "x"}\n')


@pytest.mark.parametrize(
    "data",
    [b"a\r\nb\r\n", b"\xef\xbb\xbfa\nb", b"tabs\tand  spaces \n\n\n", b""],
    ids=["crlf", "bom", "whitespace", "empty"],
)
def test_unchanged_text_is_byte_identical(env: dict[str, str], data: bytes) -> None:
    """A document no filter changes comes out byte for byte."""
    proc = run(env, "clean", "-", *ADS, stdin=data)
    assert (proc.returncode, proc.stdout) == (0, data)


def test_byte_order_mark_is_kept(env: dict[str, str]) -> None:
    """A UTF-8 BOM is not part of the first line (so it still matches) and is written back."""
    proc = run(env, "clean", "-", *ADS, stdin=b"\xef\xbb\xbfAdvertisement\nx")
    assert proc.stdout == b"\xef\xbb\xbfx"


def test_json_lines_fields_order_and_passthrough(env: dict[str, str], tmp_path: Path) -> None:
    """JSON lines: listed fields cleaned, other fields and line order kept, other lines untouched."""
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        b'{"id": "a", "body": "x\\nAdvertisement\\ny", "n": 1, "summary": "Cafe"}\n'
        b'{"id":"b","title":"no body here"}\n'
        b"\n"
        b'{"id": "c", "body": null}\r\n'
        b'{"id": "d", "body": "nothing to do",   "n": 2}\n'
        b'{"id": "e", "body": "Cafe \\u00e9t\\u00e9"}'
    )
    proc = run(env, "clean", src, "--field", "body", "--field", "summary", *ADS)
    assert proc.returncode == 0
    assert proc.stdout == (
        '{"id": "a", "body": "x\\ny", "n": 1, "summary": "Café"}\n'
        '{"id":"b","title":"no body here"}\n'
        "\n"
        '{"id": "c", "body": null}\r\n'
        '{"id": "d", "body": "nothing to do",   "n": 2}\n'
        '{"id": "e", "body": "Café été"}'
    ).encode()
    assert summary(proc) == {"docs": 5, "changed": 2, "dropped": 0, "failed": 0, "blank": 1}


def test_gzipped_json_lines(env: dict[str, str], tmp_path: Path) -> None:
    """.jsonl.gz is read and written gzipped."""
    with gzip.open(tmp_path / "in.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write('{"body": "a\\nAdvertisement"}\n')
    proc = run(env, "clean", tmp_path / "in.jsonl.gz", "-o", tmp_path / "out.jsonl.gz", *ADS)
    assert proc.returncode == 0
    assert gzip.decompress((tmp_path / "out.jsonl.gz").read_bytes()) == b'{"body": "a"}\n'


def test_directory_is_mirrored(env: dict[str, str], tmp_path: Path) -> None:
    """A directory is cleaned into a mirror; unknown and hidden files are skipped and counted."""
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "one.txt").write_bytes(b"x\nAdvertisement\ny")
    (src / "sub" / "two.txt").write_bytes(b"Cafe")
    jsonl(src / "sub" / "rows.ndjson", [{"body": "Advertisement"}, {"body": "kept"}])
    (src / "notes.md").write_bytes(b"not a document")
    (src / ".hidden.txt").write_bytes(b"Advertisement")
    proc = run(env, "clean", src, "-o", tmp_path / "out", *ADS)
    assert proc.returncode == 0
    out = tmp_path / "out"
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == [
        "one.txt", "sub", "sub/rows.ndjson", "sub/two.txt"
    ]
    assert (out / "one.txt").read_bytes() == b"x\ny"
    assert (out / "sub" / "two.txt").read_bytes() == "Café".encode()
    assert (out / "sub" / "rows.ndjson").read_bytes() == b'{"body": ""}\n{"body": "kept"}\n'
    assert summary(proc) == {"docs": 4, "changed": 3, "dropped": 1, "failed": 0, "skipped": 2}


def test_several_json_lines_files_concatenate_to_stdout(env: dict[str, str], tmp_path: Path) -> None:
    """Several JSON lines inputs without -o are written one after the other."""
    jsonl(tmp_path / "a.jsonl", [{"body": "1\nAdvertisement"}])
    jsonl(tmp_path / "b.jsonl", [{"body": "2"}])
    proc = run(env, "clean", tmp_path / "a.jsonl", tmp_path / "b.jsonl", *ADS)
    assert (proc.returncode, proc.stdout) == (0, b'{"body": "1"}\n{"body": "2"}\n')


# -- HTML (needs newsclean._html.clean) -------------------------------------------------

PAGE = "<html><body><p>Storm news.</p><p>Advertisement</p><p>Cafe reopens.</p></body></html>"


@pytest.mark.parametrize("output", ["html", "text"])
def test_html_file_matches_the_library(env: dict[str, str], tmp_path: Path, output: str) -> None:
    """An HTML file comes out as clean_html() gives it, markup or text; the ad is gone."""
    html = pytest.importorskip("newsclean._html.clean")
    pipeline = Pipeline(newsclean.filter_by_name("cli_filters:DropAds"))
    expected = html.clean_html(PAGE.encode(), output=output, pipeline=pipeline)
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    proc = run(env, "clean", tmp_path / "page.html", "--html-output", output, *ADS)
    assert (proc.returncode, proc.stdout.decode()) == (0, expected)
    assert "Advertisement" not in expected and "Café reopens." in expected


def test_html_field_in_json_lines(env: dict[str, str], tmp_path: Path) -> None:
    """--html-field cleans markup inside JSON lines, as clean_html() does."""
    html = pytest.importorskip("newsclean._html.clean")
    pipeline = Pipeline(newsclean.filter_by_name("cli_filters:DropAds"))
    jsonl(tmp_path / "pages.jsonl", [{"url": "u", "html": PAGE}])
    proc = run(env, "clean", tmp_path / "pages.jsonl", "--html-field", "html", *ADS)
    expected = {"url": "u", "html": html.clean_html(PAGE, pipeline=pipeline)}
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == expected


# -- parallel and streaming ---------------------------------------------------------


def test_jobs_two_equals_jobs_one(env: dict[str, str], tmp_path: Path) -> None:
    """--jobs 2 uses two processes and writes exactly what --jobs 1 writes, explain records included."""
    rows = [{"id": i, "body": f"para {i}\nAdvertisement\nCafe {i}" if i % 3 else f"plain {i}"} for i in range(400)]
    src = jsonl(tmp_path / "big.jsonl", rows)
    one = run(env, "clean", src, "--jobs", "1", "-o", tmp_path / "1.jsonl", "--explain", tmp_path / "e1.jsonl", *ADS)
    two = run(env, "clean", src, "--jobs", "2", "-o", tmp_path / "2.jsonl", "--explain", tmp_path / "e2.jsonl", *ADS)
    assert (one.returncode, two.returncode) == (0, 0)
    assert (tmp_path / "1.jsonl").read_bytes() == (tmp_path / "2.jsonl").read_bytes()
    assert (tmp_path / "e1.jsonl").read_bytes() == (tmp_path / "e2.jsonl").read_bytes()
    assert summary(two) == {"docs": 400, "changed": 266, "dropped": 0, "failed": 0, "workers": 2}
    assert "workers" not in summary(one)


def test_jobs_two_on_a_directory_keeps_every_file_in_place(env: dict[str, str], tmp_path: Path) -> None:
    """With --jobs 2 batches span files, and every file still gets exactly its own output."""
    src = tmp_path / "in"
    src.mkdir()
    for i in range(90):
        (src / f"{i:03d}.txt").write_text(f"doc {i}\nAdvertisement\nend {i}" if i % 2 else f"doc {i}", encoding="utf-8")
    proc = run(env, "clean", src, "-o", tmp_path / "out", "--jobs", "2", *ADS)
    assert summary(proc)["workers"] == 2
    for i in range(90):
        expected = f"doc {i}\nend {i}" if i % 2 else f"doc {i}"
        assert (tmp_path / "out" / f"{i:03d}.txt").read_text(encoding="utf-8") == expected


def test_runner_streams_with_bounded_read_ahead() -> None:
    """The pool reads only a bounded number of documents ahead of the output (an endless input works)."""
    pulled = count()

    def endless() -> Any:
        for i in count():
            next(pulled)
            yield 0, Task("text", "t", 0, f"doc {i}".encode())

    runner = OrderedRunner(Job(pipeline=Pipeline()), jobs=2)
    taken = [o.data for _, o in islice(runner.run(endless()), 300)]
    assert taken == [f"doc {i}".encode() for i in range(300)]
    assert runner.workers == 2
    assert next(pulled) <= 300 + (2 * IN_FLIGHT_PER_WORKER + 2) * BATCH_DOCS


def test_runner_is_spawn_safe(env: dict[str, str]) -> None:
    """Workers started with "spawn" (macOS, Windows) get the pipeline through the initializer."""
    tasks = [(i, Task("jsonl", "s", i + 1, b'{"body": "x\\nAdvertisement"}\n')) for i in range(3 * BATCH_DOCS)]
    job = Job(pipeline=Pipeline(newsclean.filter_by_name("cli_filters:DropAds")))
    runner = OrderedRunner(job, jobs=2, context=multiprocessing.get_context("spawn"))
    outcomes = list(runner.run(tasks))
    assert runner.workers == 2
    assert [k for k, _ in outcomes] == list(range(3 * BATCH_DOCS))
    assert {o.data for _, o in outcomes} == {b'{"body": "x"}\n'}


# -- failures -------------------------------------------------------------------------


def test_broken_json_line_is_reported_and_written_through(env: dict[str, str], tmp_path: Path) -> None:
    """A bad JSON line is reported as file:line, written through unchanged; every other line is cleaned; exit 1."""
    src = tmp_path / "bad.jsonl"
    src.write_bytes(b'{"body": "a\\nAdvertisement"}\n{"body": "b\n{"body": "c\\nAdvertisement"}\n[1]\n')
    proc = run(env, "clean", src, *ADS)
    assert proc.returncode == 1
    assert proc.stdout == b'{"body": "a"}\n{"body": "b\n{"body": "c"}\n[1]\n'
    errors = proc.stderr.decode()
    assert f"{src}:2: bad JSON at column 10: Unterminated string starting" in errors
    assert f"{src}:4: a JSON line must be an object, got list" in errors
    assert summary(proc) == {"docs": 4, "changed": 2, "dropped": 0, "failed": 2}


def test_one_bad_field_keeps_its_line_whole(env: dict[str, str], tmp_path: Path) -> None:
    """A field of the wrong type, a lone surrogate or a huge line fail or pass alone: no line is lost or cut."""
    src = tmp_path / "in.jsonl"
    huge = "word " * 200_000 + "\nAdvertisement"
    src.write_bytes(
        b'{"id": 1, "body": ["a", "Advertisement"], "summary": "Advertisement"}\n'
        b'{"id": 2, "body": "x\\ud800y\\nAdvertisement"}\n'
        + json.dumps({"id": 3, "body": huge}).encode()
        + b'\n{"id": 4, "body": 7}'
    )
    proc = run(env, "clean", src, "--field", "body", "--field", "summary", *ADS)
    assert proc.returncode == 1
    lines = proc.stdout.split(b"\n")
    assert lines[0] == b'{"id": 1, "body": ["a", "Advertisement"], "summary": "Advertisement"}'
    assert lines[1] == b'{"id": 2, "body": "x\\ud800y"}'
    assert json.loads(lines[2]) == {"id": 3, "body": huge[: -len("\nAdvertisement")]}
    assert lines[3] == b'{"id": 4, "body": 7}'
    errors = proc.stderr.decode()
    assert f"{src}:1: field 'body' is list, not a string" in errors
    assert f"{src}:4: field 'body' is int, not a string" in errors
    assert summary(proc) == {"docs": 4, "changed": 2, "dropped": 0, "failed": 2}


def test_errors_file_takes_the_bad_lines(env: dict[str, str], tmp_path: Path) -> None:
    """With --errors, bad lines go there as records (with the raw line), not to the output."""
    src = tmp_path / "bad.jsonl"
    src.write_bytes(b'{"body": "a"}\n{oops\n\xff{"x": 1}\n{"body": "Cafe"}\n')
    proc = run(env, "clean", src, "-o", tmp_path / "out.jsonl", "--errors", tmp_path / "err.jsonl", *ADS)
    assert proc.returncode == 1
    assert (tmp_path / "out.jsonl").read_bytes() == '{"body": "a"}\n{"body": "Café"}\n'.encode()
    records = [json.loads(line) for line in (tmp_path / "err.jsonl").read_text(encoding="utf-8").splitlines()]
    assert records == [
        {
            "input": str(src),
            "line": 2,
            "error": "bad JSON at column 2: Expecting property name enclosed in double quotes",
            "raw": "{oops",
        },
        {
            "input": str(src),
            "line": 3,
            "error": "line is not UTF-8 (invalid start byte at byte 0)",
            "raw": '\udcff{"x": 1}',
        },
    ]


def test_undecodable_text_file_is_copied_and_reported(env: dict[str, str], tmp_path: Path) -> None:
    """A text file that is not UTF-8 is copied unchanged into the mirror, reported, and the run goes on."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "latin.txt").write_bytes(b"caf\xe9\nAdvertisement")
    (src / "ok.txt").write_bytes(b"ok\nAdvertisement")
    proc = run(env, "clean", src, "-o", tmp_path / "out", *ADS)
    assert proc.returncode == 1
    assert (tmp_path / "out" / "latin.txt").read_bytes() == b"caf\xe9\nAdvertisement"
    assert (tmp_path / "out" / "ok.txt").read_bytes() == b"ok"
    assert f"{src / 'latin.txt'}: file is not UTF-8 (invalid continuation byte at byte 3)" in proc.stderr.decode()


def test_a_filter_exception_fails_one_document_only(env: dict[str, str], tmp_path: Path) -> None:
    """A filter raising on one document reports it and writes it through; the rest is cleaned."""
    jsonl(tmp_path / "in.jsonl", [{"body": "BUG"}, {"body": "x\nAdvertisement"}])
    proc = run(env, "clean", tmp_path / "in.jsonl", "--filters", "cli_filters:DropAds,cli_filters:Crash")
    assert proc.returncode == 1
    assert proc.stdout == b'{"body": "BUG"}\n{"body": "x"}\n'
    assert f"{tmp_path / 'in.jsonl'}:1: RuntimeError: filter bug" in proc.stderr.decode()


def _previous_run(env: dict[str, str], tmp_path: Path, last_body: str) -> tuple[Path, Path, bytes]:
    rows = [{"body": f"line {i} " + "x" * 200 + "\nAdvertisement"} for i in range(400)] + [{"body": last_body}]
    src = jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out" / "clean.jsonl"
    out.parent.mkdir()
    out.write_bytes(b"the good output of an earlier run\n")
    return src, out, out.read_bytes()


def test_killed_run_leaves_the_old_output(env: dict[str, str], tmp_path: Path) -> None:
    """A run killed mid-way (SIGKILL) wrote only to a temporary file: the earlier output is intact."""
    src, out, before = _previous_run(env, tmp_path, "KILL")
    proc = run(env, "clean", src, "-o", out, "--jobs", "1", "--filters", "cli_filters:DropAds,cli_filters:Crash")
    assert proc.returncode == -9
    assert out.read_bytes() == before
    leftovers = [p for p in out.parent.iterdir() if p != out]
    assert [p.name.startswith(".clean.jsonl.") and p.name.endswith(".tmp") for p in leftovers] == [True]
    assert leftovers[0].read_bytes().startswith(b'{"body": "line 0 ')  # the partial output went there


def test_interrupted_run_discards_its_partial_output(env: dict[str, str], tmp_path: Path) -> None:
    """Ctrl-C mid-way: exit 130, the earlier output and --explain file intact, no temporary file left."""
    src, out, before = _previous_run(env, tmp_path, "INTERRUPT")
    explain = tmp_path / "out" / "explain.jsonl"
    explain.write_bytes(b"old\n")
    filters = ["--filters", "cli_filters:DropAds,cli_filters:Crash"]
    proc = run(env, "clean", src, "-o", out, "--explain", explain, "-j1", *filters)
    assert proc.returncode == 130
    assert "interrupted" in proc.stderr.decode()
    assert (out.read_bytes(), explain.read_bytes()) == (before, b"old\n")
    assert sorted(p.name for p in out.parent.iterdir()) == ["clean.jsonl", "explain.jsonl"]


def test_a_dead_worker_fails_the_run_without_hanging(env: dict[str, str], tmp_path: Path) -> None:
    """A worker process killed mid-way: exit 1 with a message, the earlier output intact, no temporary file left."""
    src, out, before = _previous_run(env, tmp_path, "KILL")
    proc = run(env, "clean", src, "-o", out, "--jobs", "2", "--filters", "cli_filters:DropAds,cli_filters:Crash")
    assert proc.returncode == 1
    assert "a worker process died" in proc.stderr.decode()
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == ["clean.jsonl"]


def test_ctrl_c_stops_the_workers_and_keeps_the_old_output(env: dict[str, str], tmp_path: Path) -> None:
    """SIGINT to the process group during a --jobs 2 run: exit 130, no worker tracebacks, old output intact."""
    src, out, before = _previous_run(env, tmp_path, "CTRL-C")
    proc = run(env, "clean", src, "-o", out, "--jobs", "2", "--filters", "cli_filters:DropAds,cli_filters:Crash")
    assert proc.returncode == 130
    assert proc.stderr.decode().strip() == (
        "newsclean: interrupted; nothing was written: outputs in progress were discarded, existing files are untouched"
    )
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == ["clean.jsonl"]


# -- explain records ------------------------------------------------------------------


def test_explain_records_replay_to_the_output(env: dict[str, str], tmp_path: Path) -> None:
    """Each --explain record, replayed on its document's input field, gives the output field."""
    rows: list[dict[str, Any]] = [
        {"id": "a", "body": "x\nAdvertisement\nCafe", "summary": "Advertisement\nok"},
        {"body": "nothing"},
        {"id": 7, "title": "no body"},
    ]
    src = jsonl(tmp_path / "in.jsonl", rows)
    explain = tmp_path / "explain.jsonl"
    proc = run(env, "clean", src, "--field", "body", "--field", "summary", "--explain", explain, *ADS)
    outputs = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    records = [json.loads(line) for line in explain.read_text(encoding="utf-8").splitlines()]
    assert [(r.get("id"), r["line"], r["input"], len(r["changes"])) for r in records] == [
        ("a", 1, str(src), 3), (None, 2, str(src), 0), (7, 3, str(src), 0)
    ]
    for row, out, record in zip(rows, outputs, records):
        for field in ("body", "summary"):
            if field in row:
                changes = [Change.from_dict(d) for d in record["changes"] if d["field"] == field]
                assert replay(row[field], changes) == out[field]
    assert outputs[0] == {"id": "a", "body": "x\nCafé", "summary": "ok"}


def test_explain_record_of_a_text_file(env: dict[str, str], tmp_path: Path) -> None:
    """A text file's record names the input and replays on the file's text."""
    (tmp_path / "a.txt").write_text("Cafe\n\nAdvertisement\n\nend", encoding="utf-8")
    proc = run(env, "clean", tmp_path / "a.txt", "--explain", tmp_path / "e.jsonl", *ADS)
    (record,) = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (record["input"], record["drop_reason"], [c["rule"] for c in record["changes"]]) == (
        str(tmp_path / "a.txt"), None, ["accent", "ad"]
    )
    changes = [Change.from_dict(d) for d in record["changes"]]
    assert replay("Cafe\n\nAdvertisement\n\nend", changes) == proc.stdout.decode() == "Café\n\nend"


# -- usage errors -----------------------------------------------------------------------


KNOWN = "mojibake, placeholders, furniture, double_post, embeds"
USAGE_ERRORS = {
    "unknown-filter": (
        ["clean", "a.txt", "--filters", "placeholders,x"],
        f"unknown filter 'x'; known filters: {KNOWN}",
    ),
    "unknown-without": (["clean", "a.txt", "--without", "nope"], f"no filter named 'nope'; this pipeline has: {KNOWN}"),
    "missing": (["clean", "missing.txt"], "no such file or directory: 'missing.txt'"),
    "unknown-extension": (["clean", "notes.md"], "cannot tell the format of 'notes.md' from its name; pass --format"),
    "dir-to-stdout": (["clean", "."], "a directory input needs an output directory: add -o DIR"),
    "texts-to-stdout": (["clean", "a.txt", "b.txt"], "several text or HTML inputs need an output directory"),
    "explain-clobbers-input": (["clean", "a.txt", "--explain", "a.txt"], "'a.txt' is also an input or an output"),
    "stdin-to-dir": (["clean", "-", "a.txt", "-o", "out"], "'-' (stdin) cannot be written to an output directory"),
    "diff-dir": (["diff", "."], "diff takes one file"),
    "jobs-zero": (["clean", "a.txt", "--jobs", "0"], "expected a whole number of processes"),
    "unknown-command": (["frobnicate"], "invalid choice: 'frobnicate'"),
}


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_usage_errors_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    """Usage errors return 2 from main(), write nothing, and say what is wrong."""
    for name in ("a.txt", "b.txt", "notes.md"):
        (tmp_path / name).write_bytes(b"Advertisement")
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "notes.md"]
    assert (tmp_path / "a.txt").read_bytes() == b"Advertisement"


def test_unwritable_output_is_an_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An output whose folder is a file is a usage error (2) naming the path given, and leaves no temporary file."""
    (tmp_path / "a.txt").write_bytes(b"x")
    monkeypatch.chdir(tmp_path)
    assert main(["clean", "a.txt", "-o", "a.txt/out.txt", "--jobs", "1"]) == 2
    assert capsys.readouterr().err == (
        f"newsclean: error: cannot write -o 'a.txt/out.txt': its folder {str(tmp_path / 'a.txt')!r} is not a directory\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_usage_error_exit_code_of_the_script(env: dict[str, str], tmp_path: Path) -> None:
    """The installed script exits with 2 on an unknown filter and lists the known ones."""
    (tmp_path / "a.txt").write_bytes(b"x")
    proc = run(env, "clean", tmp_path / "a.txt", "--filters", "nope")
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert proc.stderr.decode() == (
        f"newsclean: error: unknown filter 'nope'; known filters: {KNOWN} (or an import path 'pkg.mod:Class')\n"
    )


# -- diff and stats ------------------------------------------------------------------------

DIFF_INPUT = "Cafe opens\n\nAdvertisement\n\nend"


def test_diff_is_plain_when_piped(env: dict[str, str], tmp_path: Path) -> None:
    """diff through a pipe: no ANSI codes, removed and rewritten blocks with filter, rule and reason."""
    (tmp_path / "a.txt").write_text(DIFF_INPUT, encoding="utf-8")
    proc = run(env, "diff", tmp_path / "a.txt", *ADS)
    assert proc.returncode == 0
    assert proc.stdout.decode() == (
        f"== {tmp_path / 'a.txt'}: 2 changes (drop_ads 2)\n"
        "~ L1  Cafe opens\n"
        "   >  Café opens\n"
        "      drop_ads/accent: restores an accent\n"
        "- L3  Advertisement\n"
        "      drop_ads/ad: an ad label\n"
    )


def test_diff_json_lines_shows_changed_records_only(env: dict[str, str], tmp_path: Path) -> None:
    """diff of JSON lines: one header per changed record, with its line, id and field."""
    src = jsonl(tmp_path / "in.jsonl", [{"id": "k", "body": "ok"}, {"id": "m", "body": "x\nAdvertisement"}])
    proc = run(env, "diff", src, *ADS)
    assert proc.stdout.decode() == (
        f"== {src}:2 (id m): 1 change (drop_ads 1)\n- L2 body  Advertisement\n           drop_ads/ad: an ad label\n"
    )


def test_diff_colour(env: dict[str, str], tmp_path: Path) -> None:
    """--color always: removed text red and struck through, the rewrite green."""
    (tmp_path / "a.txt").write_text(DIFF_INPUT, encoding="utf-8")
    out = run(env, "diff", tmp_path / "a.txt", "--color", "always", *ADS).stdout.decode()
    assert "\x1b[31m\x1b[9mAdvertisement\x1b[0m" in out
    assert "\x1b[32mCafé opens\x1b[0m" in out


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)], ids=["tty", "tty-NO_COLOR"])
def test_diff_colour_auto_follows_the_terminal(
    env: dict[str, str], tmp_path: Path, no_color: str | None, coloured: bool
) -> None:
    """--color auto colours a terminal unless NO_COLOR is set."""
    (tmp_path / "a.txt").write_text(DIFF_INPUT, encoding="utf-8")
    if no_color is not None:
        env = {**env, "NO_COLOR": no_color}
    code, out = in_pty(env, "diff", tmp_path / "a.txt", *ADS, stream="stdout")
    assert code == 0 and b"Advertisement" in out
    assert (b"\x1b[" in out) is coloured


def test_stats_table(env: dict[str, str], tmp_path: Path) -> None:
    """stats prints documents changed, blocks removed and other changes per filter, as a table."""
    src = jsonl(
        tmp_path / "in.jsonl",
        [
            {"body": "Advertisement\nAdvertisement\nx"},
            {"body": "Cafe"},
            {"body": "plain"},
            {"body": "y\nAdvertisement"},
        ],
    )
    (tmp_path / "a.txt").write_text("Advertisement\nz", encoding="utf-8")
    proc = run(env, "stats", src, tmp_path / "a.txt", "--filters", "cli_filters:DropAds,cli_filters:Crash")
    assert proc.returncode == 0
    assert proc.stdout.decode() == (
        "filter       documents changed  blocks removed  other changes\n"
        "drop_ads                     4               4              1\n"
        "crash                        0               0              0\n"
        "all filters                  4               4              1\n"
        "\n"
        "5 documents: 4 changed, 0 dropped, 0 failed\n"
    )


# -- progress -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("docs", "done", "total", "elapsed", "line"),
    [
        (0, 0, 1000, 0.0, "[------------------------]   0% 0 docs  - docs/s  ETA ?"),
        (1500, 250, 1000, 3.0, "[######------------------]  25% 1,500 docs  500 docs/s  ETA 0:09"),
        (9, 1000, 1000, 1.0, "[########################] 100% 9 docs  9 docs/s  ETA 0:00"),
        (7_200_000, 1, 2, 3600.0, "[############------------]  50% 7,200,000 docs  2,000 docs/s  ETA 1:00:00"),
        (10, 5, None, 2.0, "10 docs  5 docs/s"),
    ],
    ids=["start", "quarter", "done", "hours", "unknown-total"],
)
def test_render_progress(docs: int, done: int, total: int | None, elapsed: float, line: str) -> None:
    """The progress line: bar and ETA by bytes when the size is known, documents and docs/s always."""
    assert render_progress(docs, done, total, elapsed) == line


def test_progress_bar_on_a_terminal(env: dict[str, str], tmp_path: Path) -> None:
    """With stderr on a terminal the bar is drawn (docs, docs/s, ETA) and erased before the summary."""
    src = jsonl(tmp_path / "in.jsonl", [{"body": f"{i}\nAdvertisement"} for i in range(50)])
    code, err = in_pty(env, "clean", src, "-o", tmp_path / "out.jsonl", "--jobs", "1", *ADS)
    assert code == 0
    assert re.search(rb"\r\[[#-]{24}\] +\d+% [\d,]+ docs  [\d,-]+ docs/s  ETA ", err)
    last = err.rsplit(b"\r\x1b[K", 1)[1].decode()
    assert SUMMARY.fullmatch(last.rstrip())
    assert last.startswith("newsclean: 50 documents, 50 changed, 0 dropped, 0 failed in ")


def test_no_progress_bar_when_quiet_or_piped(env: dict[str, str], tmp_path: Path) -> None:
    """--quiet on a terminal, or stderr not a terminal: only the summary line."""
    src = jsonl(tmp_path / "in.jsonl", [{"body": f"{i}"} for i in range(50)])
    code, err = in_pty(env, "clean", src, "-o", tmp_path / "out.jsonl", "--quiet", *ADS)
    assert code == 0 and b"docs/s" not in err and b"\r\x1b" not in err
    assert SUMMARY.fullmatch(err.decode().strip())
    piped = run(env, "clean", src, "-o", tmp_path / "out.jsonl", *ADS)
    assert SUMMARY.fullmatch(piped.stderr.decode().rstrip("\n")) and b"\r" not in piped.stderr


# -- with the real filters (fail while the built-in filters are stubs) ------------------------


def test_reference_example_with_the_default_pipeline(env: dict[str, str]) -> None:
    """The README's main job: the bundled double-posted article comes out as its expected file."""
    proc = run(env, "clean", "fixtures/seeds/rafah_double_post.txt", cwd=ROOT)
    assert proc.returncode == 0
    assert proc.stdout == (SEEDS / "rafah_double_post.expected.txt").read_bytes()


def test_default_pipeline_removes_an_ad_line(env: dict[str, str]) -> None:
    """The default pipeline removes a standalone Advertisement line and one separator."""
    proc = run(env, "clean", "-", stdin=b"Paris is calm.\n\nAdvertisement\n\nThe mayor spoke.")
    assert (proc.returncode, proc.stdout) == (0, b"Paris is calm.\n\nThe mayor spoke.")


def test_stats_on_the_reference_example(env: dict[str, str]) -> None:
    """stats with the default filters counts the reference example's 1 placeholder and 18 duplicate lines."""
    proc = run(env, "stats", "fixtures/seeds/rafah_double_post.txt", cwd=ROOT)
    assert proc.stdout.decode().splitlines()[:7] == [
        "filter        documents changed  blocks removed  other changes",
        "mojibake                      0               0              0",
        "placeholders                  1               1              0",
        "furniture                     0               0              0",
        "double_post                   1              18              0",
        "embeds                        0               0              0",
        "all filters                   1              19              0",
    ]
