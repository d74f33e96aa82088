"""Command line input and output: which files to read, where each output goes, atomic writes.

Outputs are written to a temporary file in the target's directory and moved
into place with :func:`os.replace` only when complete, so an interrupted run
leaves any earlier output untouched. The folder an output file goes into must
exist; only a mirrored output directory (and its subfolders) is created.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import IO, Any, BinaryIO, cast

from newsclean._cli.work import Task

__all__ = [
    "AtomicFile",
    "OutputError",
    "Plan",
    "Source",
    "Stdout",
    "UsageError",
    "check_writable",
    "unfinished_files",
    "infer_format",
    "parse_size",
    "plan_sources",
    "read_tasks",
]

#: Default of ``--max-size``: the largest document (file, or JSON line) read into memory.
DEFAULT_MAX_SIZE = 256 << 20

FORMATS = ("text", "html", "jsonl")

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


class UsageError(Exception):
    """The command line asks for something impossible (exit code 2)."""


class OutputError(Exception):
    """An output could not be written (no space, file too large, no permission); names the target (exit code 1)."""

    def __init__(self, path: str, error: OSError) -> None:
        super().__init__(f"cannot write {path!r}: {error.strerror or error}")
        self.path = path
        self.error = error


_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def parse_size(value: str) -> int:
    """A size in bytes from ``123``, ``64K``, ``256M`` or ``2G``; raise ``ValueError`` otherwise.

    >>> parse_size("256M"), parse_size("1k"), parse_size("100")
    (268435456, 1024, 100)
    """
    text = value.strip().upper().removesuffix("B")
    unit = text[-1:] if text[-1:] in ("K", "M", "G") else ""
    number = text[: len(text) - len(unit)]
    if not number.isdigit() or int(number) < 1:
        raise ValueError(f"expected a size such as 100M or 2G, got {value!r}")
    return int(number) * _UNITS[unit]


def _size_text(size: int) -> str:
    for unit in ("G", "M", "K"):
        if size % _UNITS[unit] == 0:
            return f"{size // _UNITS[unit]}{unit}"
    return f"{size} bytes"


def infer_format(path: str) -> str | None:
    """The format a file name implies, or ``None``; ``.jsonl.gz`` is gzipped JSON lines.

    >>> infer_format("dump/part-1.ndjson"), infer_format("a.HTM"), infer_format("x.jsonl.gz")
    ('jsonl', 'html', 'jsonl')
    >>> infer_format("notes.md") is None
    True
    """
    name = path.lower()
    if name.endswith(".gz"):
        inner = infer_format(name[:-3])
        return inner if inner == "jsonl" else None
    return _EXTENSIONS.get(os.path.splitext(name)[1])


@dataclass(frozen=True)
class Source:
    """One input file (``path`` ``"-"`` is stdin) and where its output goes (``None``: stdout)."""

    path: str
    format: str
    output: str | None


@dataclass(frozen=True)
class Plan:
    """Every input of a run in order, how many directory entries were skipped, and what could not be listed.

    ``unlisted`` holds ``(directory, error)`` for each folder that could not be
    read; ``resumed`` counts the inputs left out by ``--resume`` (output complete).
    """

    sources: tuple[Source, ...]
    skipped: int
    total_bytes: int | None
    unlisted: tuple[tuple[str, str], ...] = ()
    resumed: int = 0


def plan_sources(
    inputs: Sequence[str],
    output: str | None,
    *,
    forced: str | None,
    html_output: str = "html",
    writes: bool = True,
    resume: bool = False,
) -> Plan:
    """Resolve inputs (files, directories, ``-``) and their outputs; raise :class:`UsageError`.

    One file goes to stdout or to ``output`` as a file. Several inputs or a
    directory go to ``output`` as a directory mirroring the inputs; JSON lines
    inputs may also be concatenated to stdout. With ``writes=False`` (stats)
    nothing is written and any inputs go. With ``resume`` (directory output only),
    inputs whose output exists and is not older than the input are left out.
    """
    if inputs.count("-") > 1:
        raise UsageError("'-' (stdin) can be given only once")
    found: list[tuple[str, str, str]] = []  # (path, format, path relative to its output root)
    unlisted: list[tuple[str, str]] = []
    skipped = 0
    out_root = os.path.realpath(output) if output else None
    for given in inputs:
        if given == "-":
            found.append(("-", forced or "auto", ""))
        elif os.path.isdir(given):
            # an output directory inside the input one must not be read as input
            inside = out_root if out_root != os.path.realpath(given) else None
            files, n_skipped = _walk(given, forced, exclude=inside, unlisted=unlisted)
            found.extend(files)
            skipped += n_skipped
        elif os.path.exists(given):
            fmt = forced or infer_format(given)
            if fmt is None:
                raise UsageError(
                    f"cannot tell the format of {given!r} from its name; "
                    "pass --format text, --format html or --format jsonl"
                )
            found.append((given, fmt, os.path.basename(given)))
        else:
            raise UsageError(f"no such file or directory: {given!r}")
    to_dir = output is not None and (
        output.endswith(("/", os.sep)) or os.path.isdir(output) or len(inputs) > 1 or any(map(os.path.isdir, inputs))
    )
    if resume and not to_dir:
        raise UsageError("--resume works with an output directory (-o DIR): it skips the files already written there")
    resumed = 0
    if not writes:
        sources = [Source(path, fmt, None) for path, fmt, _ in found]
    elif to_dir:
        sources = _to_directory(found, str(output), html_output)
        check_writable(str(output), "-o", directory=True)
        if resume:
            done = [s for s in sources if _complete(s)]
            resumed = len(done)
            sources = [s for s in sources if s not in done]
    elif output is not None:
        if os.path.isdir(output):
            raise UsageError(f"-o {output!r} is a directory; give a file name")
        check_writable(output, "-o")
        sources = [Source(path, fmt, output) for path, fmt, _ in found]
    else:
        _check_stdout(inputs, found)
        sources = [Source(path, fmt, None) for path, fmt, _ in found]
    sizes = [os.path.getsize(s.path) if s.path != "-" else None for s in sources]
    total = None if None in sizes else sum(x for x in sizes if x is not None)
    return Plan(tuple(sources), skipped, total, tuple(unlisted), resumed)


def _complete(source: Source) -> bool:
    """An output written whole by an earlier run (outputs are only ever moved into place complete)."""
    assert source.output is not None
    try:
        return os.stat(source.output).st_mtime_ns >= os.stat(source.path).st_mtime_ns
    except OSError:
        return False


def check_writable(path: str, option: str, *, directory: bool = False) -> None:
    """Raise :class:`UsageError` naming *path* if an output cannot be created there.

    The folder a file goes into must exist (a mistyped path is not silently
    created); an output *directory* is created if missing, inside an existing
    folder. A trial temporary file proves the folder writable, since
    ``os.access`` says yes to root even on a read-only file system.
    """
    folder = os.path.dirname(os.path.abspath(path.rstrip("/" + os.sep) if directory else path))
    what = "directory" if directory else "file"
    if directory and os.path.isdir(path):
        folder = path
    elif not os.path.isdir(folder):
        reason = "is not a directory" if os.path.exists(folder) else "does not exist; create it first"
        raise UsageError(f"cannot write {option} {path!r}: its folder {folder!r} {reason}")
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".newsclean-probe.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"cannot write the output {what} {option} {path!r}: {exc.strerror or exc}") from None
    os.close(fd)
    os.unlink(probe)


def _walk(
    root: str, forced: str | None, *, exclude: str | None, unlisted: list[tuple[str, str]]
) -> tuple[list[tuple[str, str, str]], int]:
    found: list[tuple[str, str, str]] = []
    skipped = 0

    def unreadable(error: OSError) -> None:  # os.walk would skip the folder without a word
        unlisted.append((str(error.filename or root), error.strerror or str(error)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        # hidden entries (.git, our own .tmp files) are never documents
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if exclude is not None and os.path.realpath(dirpath) == exclude:
            dirnames[:] = []
            continue
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            fmt = forced or infer_format(name)
            if name.startswith(".") or fmt is None or not os.path.isfile(path):
                skipped += 1
                continue
            found.append((path, fmt, os.path.relpath(path, root)))
    return found, skipped


def _to_directory(found: list[tuple[str, str, str]], output: str, html_output: str) -> list[Source]:
    if os.path.exists(output) and not os.path.isdir(output):
        raise UsageError(f"-o {output!r} is a file, but these inputs need an output directory")
    sources: list[Source] = []
    seen: dict[str, str] = {}
    for path, fmt, rel in found:
        if path == "-":
            raise UsageError("'-' (stdin) cannot be written to an output directory; use -o FILE")
        if fmt == "html" and html_output == "text":
            rel = os.path.splitext(rel)[0] + ".txt"
        target = os.path.join(output, rel)
        if target in seen:
            raise UsageError(f"{seen[target]!r} and {path!r} would both be written to {target!r}")
        seen[target] = path
        sources.append(Source(path, fmt, target))
    return sources


def _check_stdout(inputs: Sequence[str], found: list[tuple[str, str, str]]) -> None:
    if any(os.path.isdir(i) for i in inputs):
        raise UsageError("a directory input needs an output directory: add -o DIR")
    if len(found) > 1 and any(fmt != "jsonl" for _, fmt, _ in found):
        raise UsageError("several text or HTML inputs need an output directory: add -o DIR")


def read_tasks(
    sources: Sequence[Source], *, max_size: int = DEFAULT_MAX_SIZE, notes: list[str] | None = None
) -> Iterator[tuple[int, Task]]:
    """``(source index, task)`` for every document, streaming JSON lines line by line.

    A file that cannot be read becomes one ``unreadable`` task carrying the
    error, so the run reports it and goes on; so does a file larger than
    *max_size* (``/dev/zero`` would never end). A JSON line longer than
    *max_size* becomes a ``skipped`` task. Stdin of format ``auto`` is read as
    JSON lines when its first line is a JSON object, and a note saying so is
    added to *notes*.
    """
    for index, source in enumerate(sources):
        name = "<stdin>" if source.path == "-" else source.path
        try:
            with _open(source.path) as fh:
                fmt, head = source.format, b""
                if fmt == "auto":
                    head = fh.readline(max_size + 1)
                    fmt = "jsonl" if _is_json_object(head) else "text"
                    if fmt == "jsonl" and notes is not None:
                        notes.append("stdin starts with a JSON object: read as JSON lines (--format text to read it as text)")
                if fmt == "jsonl":
                    yield from ((index, task) for task in _json_line_tasks(fh, name, max_size, head))
                    continue
                data = head + fh.read(max_size + 1 - len(head))
                if len(data) > max_size:
                    message = f"skipped: larger than --max-size {_size_text(max_size)}; raise --max-size to clean it"
                    yield index, Task("unreadable", name, 0, message.encode())
                else:
                    yield index, Task(fmt, name, 0, data)
        except (OSError, EOFError) as exc:
            yield index, Task("unreadable", name, 0, f"cannot read: {exc}".encode())


def _is_json_object(line: bytes) -> bool:
    if not line.lstrip(b"\xef\xbb\xbf \t").startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(line.decode("utf-8-sig")), dict)
    except ValueError:  # not JSON, or not UTF-8
        return False


def _json_line_tasks(fh: BinaryIO, name: str, max_size: int, head: bytes) -> Iterator[Task]:
    number = 0
    pending = head
    while True:
        line = pending or fh.readline(max_size + 1)
        pending = b""
        if not line:
            return
        number += 1
        if len(line) > max_size and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # drop the rest of the line, in bounded pieces
                line = fh.readline(1 << 20)
            message = f"skipped: line longer than --max-size {_size_text(max_size)}; raise --max-size to clean it"
            yield Task("skipped", name, number, message.encode())
        else:
            yield Task("jsonl", name, number, line)


def _open(path: str) -> BinaryIO:
    if path == "-":
        return os.fdopen(os.dup(sys.stdin.fileno()), "rb")
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


#: Temporary files of :class:`AtomicFile` not yet committed or discarded, by path, of the command
#: running in this context (see :func:`unfinished_files`); outside one, none are kept.
_UNFINISHED: ContextVar[dict[str, AtomicFile] | None] = ContextVar("newsclean_unfinished_files", default=None)

_STOPPING_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while a temporary file is made and registered; they arrive right after.

    Without this, a signal between :func:`tempfile.mkstemp` returning and the
    name being kept would leave a temporary file that nothing knows to remove.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextmanager
def unfinished_files() -> Iterator[None]:
    """Keep the temporary files made while a command runs, and discard those still open when it ends.

    A signal can land between making an output and the code that would
    discard it; this leaves no temporary file behind, and touches no file
    made by another command running in the same process.
    """
    token = _UNFINISHED.set({})
    try:
        yield
    finally:
        found = _UNFINISHED.get()
        _UNFINISHED.reset(token)
        for atomic in list((found or {}).values()):
            atomic.discard()


class AtomicFile:
    """A file written in full or not at all: a temporary file, moved into place on :meth:`commit`.

    >>> import os, tempfile
    >>> target = os.path.join(tempfile.mkdtemp(), "out.txt")
    >>> with AtomicFile(target) as out:
    ...     out.write(b"clean")
    >>> open(target, "rb").read()
    b'clean'
    """

    def __init__(self, path: str, *, make_folder: bool = False, append: bool = False) -> None:
        self.path = path
        folder = os.path.dirname(os.path.abspath(path))
        self._done = True  # until the temporary file exists: nothing to discard
        self._registry: dict[str, AtomicFile] | None = None
        try:
            if make_folder:  # a mirrored output directory's subfolders
                os.makedirs(folder, exist_ok=True)
            with _signals_held():
                fd, self._tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
                self._done = False
                self._registry = _UNFINISHED.get()  # the running command's, if any
                if self._registry is not None:
                    self._registry[self._tmp] = self
        except OSError as exc:
            raise OutputError(path, exc) from None
        self._raw = os.fdopen(fd, "wb")
        self._out: BinaryIO = self._raw
        self._mark = 0
        try:
            if path.lower().endswith(".gz"):
                self._out = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw)  # type: ignore[assignment]
            elif append and os.path.isfile(path):  # --resume: keep what an earlier run wrote
                with open(path, "rb") as old:
                    self._guard(shutil.copyfileobj, old, self._raw)
                self._mark = self._raw.tell()
        except BaseException:  # a full disk, or SIGTERM right here: no temporary file may stay
            self.discard()
            raise

    def _guard(self, action: Any, *args: Any) -> Any:
        try:
            return action(*args)
        except OSError as exc:  # ENOSPC, EFBIG, EIO: say which output, not the temporary name
            raise OutputError(self.path, exc) from None

    def write(self, data: bytes) -> None:
        """Write bytes to the temporary file."""
        self._guard(self._out.write, data)

    def mark(self) -> None:
        """Remember the end of what is written so far: :meth:`commit_to_mark` keeps up to here."""
        if self._out is self._raw:
            self._mark = self._guard(self._raw.tell)

    def commit_to_mark(self) -> None:
        """Commit only what was written up to the last :meth:`mark` (a gzipped file cannot be cut: discarded)."""
        if self._out is not self._raw:
            self.discard()
            return
        self._guard(self._raw.truncate, self._mark)
        self.commit()

    def commit(self) -> None:
        """Finish the file and move it into place, keeping an existing file's permissions."""
        if self._done:
            return
        try:
            if self._out is not self._raw:
                self._guard(self._out.close)
            self._guard(self._raw.flush)
            self._guard(os.fsync, self._raw.fileno())
            self._guard(self._raw.close)
            self._guard(os.chmod, self._tmp, _mode_for(self.path))
            with _signals_held():  # moved and marked done together: a signal between would discard a moved file
                self._guard(os.replace, self._tmp, self.path)
                self._done = True
                if self._registry is not None:
                    self._registry.pop(self._tmp, None)
        except BaseException:  # a full disk, or SIGTERM during fsync: remove the temporary file
            self.discard()
            raise

    def discard(self) -> None:
        """Drop the temporary file; the target, if any, is left as it was.

        Always removes it, even when flushing what is buffered fails (a full
        disk), so a failed run does not keep the disk full.
        """
        if self._done:
            return
        with _signals_held():  # a signal halfway would mark the file done and leave it on disk
            self._done = True
            for stream in (getattr(self, "_out", None), getattr(self, "_raw", None)):
                if stream is None:  # stopped before the file was opened
                    continue
                try:
                    stream.close()
                except OSError:  # the unflushed bytes are being thrown away anyway
                    pass
            try:
                os.unlink(self._tmp)
            except FileNotFoundError:
                pass
            if self._registry is not None:
                self._registry.pop(self._tmp, None)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def _mode_for(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class Stdout:
    """Standard output as a sink; a broken pipe (``| head``) ends the run quietly."""

    def write(self, data: bytes) -> None:
        """Write bytes to stdout."""
        sys.stdout.buffer.write(data)

    def commit(self) -> None:
        """Flush."""
        sys.stdout.buffer.flush()

    def discard(self) -> None:
        """Flush what was written (stdout cannot be taken back); a closed pipe is no news then."""
        try:
            sys.stdout.buffer.flush()
        except OSError:
            pass


def open_input(path: str) -> IO[bytes]:
    """Open one input of the whole-file commands (``learn``, ``dups``, ``report``): ``-`` for stdin, ``.gz``, or a file.

    An unreadable path raises :class:`UsageError` naming it.
    """
    if path == "-":
        return sys.stdin.buffer
    try:
        return cast("IO[bytes]", gzip.open(path, "rb")) if path.endswith(".gz") else open(path, "rb")
    except OSError as exc:
        raise UsageError(f"cannot read {path!r}: {exc.strerror or exc}") from None


def text_records(
    where: str, lines: Iterable[tuple[int, bytes]], field: str, bad: list[str]
) -> Iterator[tuple[int, dict[str, Any], str]]:
    """``(line number, record, text of *field*)`` for each JSON line whose *field* is a string.

    Blank lines are skipped; every other line that is not such a record is
    described in *bad* (``where:number: why``), for the whole-file commands
    (``dups``, ``report``) to report.
    """
    for number, line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            bad.append(f"{where}:{number}: not JSON ({exc})")
            continue
        if not isinstance(record, dict):
            bad.append(f"{where}:{number}: not a JSON object")
            continue
        text = record.get(field)
        if not isinstance(text, str):
            bad.append(f"{where}:{number}: field {field!r} is missing or not a string")
            continue
        yield number, record, text
