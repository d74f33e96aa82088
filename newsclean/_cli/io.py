"""Command line input and output: which files to read, where each output goes, atomic writes.

Outputs are written to a temporary file in the target's directory and moved
into place with :func:`os.replace` only when complete, so an interrupted run
leaves any earlier output untouched.
"""

from __future__ import annotations

import gzip
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from newsclean._cli.work import Task

__all__ = ["AtomicFile", "Plan", "Source", "Stdout", "UsageError", "infer_format", "plan_sources", "read_tasks"]

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
    """Every input of a run in order, and how many directory entries were skipped."""

    sources: tuple[Source, ...]
    skipped: int
    total_bytes: int | None


def plan_sources(
    inputs: Sequence[str],
    output: str | None,
    *,
    forced: str | None,
    html_output: str = "html",
    writes: bool = True,
) -> Plan:
    """Resolve inputs (files, directories, ``-``) and their outputs; raise :class:`UsageError`.

    One file goes to stdout or to ``output`` as a file. Several inputs or a
    directory go to ``output`` as a directory mirroring the inputs; JSON lines
    inputs may also be concatenated to stdout. With ``writes=False`` (stats)
    nothing is written and any inputs go.
    """
    if inputs.count("-") > 1:
        raise UsageError("'-' (stdin) can be given only once")
    found: list[tuple[str, str, str]] = []  # (path, format, path relative to its output root)
    skipped = 0
    out_root = os.path.realpath(output) if output else None
    for given in inputs:
        if given == "-":
            found.append(("-", forced or "text", ""))
        elif os.path.isdir(given):
            # an output directory inside the input one must not be read as input
            inside = out_root if out_root != os.path.realpath(given) else None
            files, n_skipped = _walk(given, forced, exclude=inside)
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
    if not writes:
        sources = [Source(path, fmt, None) for path, fmt, _ in found]
    elif to_dir:
        sources = _to_directory(found, str(output), html_output)
    elif output is not None:
        sources = [Source(path, fmt, output) for path, fmt, _ in found]
    else:
        _check_stdout(inputs, found)
        sources = [Source(path, fmt, None) for path, fmt, _ in found]
    sizes = [os.path.getsize(s.path) if s.path != "-" else None for s in sources]
    total = None if None in sizes else sum(x for x in sizes if x is not None)
    return Plan(tuple(sources), skipped, total)


def _walk(root: str, forced: str | None, *, exclude: str | None) -> tuple[list[tuple[str, str, str]], int]:
    found: list[tuple[str, str, str]] = []
    skipped = 0
    for dirpath, dirnames, filenames in os.walk(root):
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


def read_tasks(sources: Sequence[Source]) -> Iterator[tuple[int, Task]]:
    """``(source index, task)`` for every document, streaming JSON lines line by line.

    A file that cannot be read becomes one ``unreadable`` task carrying the
    error, so the run reports it and goes on.
    """
    for index, source in enumerate(sources):
        name = "<stdin>" if source.path == "-" else source.path
        try:
            with _open(source.path) as fh:
                if source.format == "jsonl":
                    for number, line in enumerate(fh, 1):
                        yield index, Task("jsonl", name, number, line)
                else:
                    yield index, Task(source.format, name, 0, fh.read())
        except (OSError, EOFError) as exc:
            yield index, Task("unreadable", name, 0, f"cannot read: {exc}".encode())


def _open(path: str) -> BinaryIO:
    if path == "-":
        return os.fdopen(os.dup(sys.stdin.fileno()), "rb")
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


class AtomicFile:
    """A file written in full or not at all: a temporary file, moved into place on :meth:`commit`.

    >>> import os, tempfile
    >>> target = os.path.join(tempfile.mkdtemp(), "out.txt")
    >>> with AtomicFile(target) as out:
    ...     out.write(b"clean")
    >>> open(target, "rb").read()
    b'clean'
    """

    def __init__(self, path: str) -> None:
        self.path = path
        folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(folder, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
        self._raw = os.fdopen(fd, "wb")
        self._out: BinaryIO = self._raw
        if path.lower().endswith(".gz"):
            self._out = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw)  # type: ignore[assignment]
        self._done = False

    def write(self, data: bytes) -> None:
        """Write bytes to the temporary file."""
        self._out.write(data)

    def commit(self) -> None:
        """Finish the file and move it into place, keeping an existing file's permissions."""
        if self._done:
            return
        self._done = True
        if self._out is not self._raw:
            self._out.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        os.chmod(self._tmp, _mode_for(self.path))
        os.replace(self._tmp, self.path)

    def discard(self) -> None:
        """Drop the temporary file; the target, if any, is left as it was."""
        if self._done:
            return
        self._done = True
        self._raw.close()
        try:
            os.unlink(self._tmp)
        except FileNotFoundError:
            pass

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
