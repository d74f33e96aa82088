"""The command line's unit of work: clean one document, here or in a pool of worker processes.

A :class:`Task` is one document as raw bytes (a whole text or HTML file, or
one JSON line); :func:`clean_task` turns it into an :class:`Outcome` (the
bytes to write, the change record, counts, or an error). :class:`OrderedRunner`
maps tasks to outcomes in order, with ``N`` processes and a bounded number of
documents in flight, so a multi-GB JSON lines file streams through in
constant memory.
"""

from __future__ import annotations

import codecs
import json
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from itertools import chain
from typing import TYPE_CHECKING, Any, NamedTuple

from newsclean._core.changes import Change
from newsclean._core.result import tally_changes
from newsclean._html.dispatch import clean_value
from newsclean._core.pipeline import Pipeline

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = [
    "BadInput",
    "Cleaned",
    "Job",
    "OrderedRunner",
    "Outcome",
    "Task",
    "WorkerDied",
    "clean_task",
    "count_changes",
    "explain_task",
    "failure_message",
]

# Documents per batch sent to a worker, and a byte cap so a batch of big
# documents stays small; batches in flight per worker bound the memory used.
BATCH_DOCS = 32
BATCH_BYTES = 1 << 20
IN_FLIGHT_PER_WORKER = 4


class BadInput(Exception):
    """A document that cannot be cleaned (bad JSON, not UTF-8, ...); it is written through."""


class WorkerDied(Exception):
    """A worker process died (killed, out of memory); the run cannot finish."""


@dataclass(frozen=True, kw_only=True)
class Job:
    """What to do with every document of a run; pickled once per worker process."""

    pipeline: Pipeline
    fields: tuple[str, ...] = ("body",)
    html_fields: tuple[str, ...] = ()
    html_output: str = "html"
    id_field: str = "id"
    explain: bool = False
    keep_output: bool = True
    divert_errors: bool = False
    encoding: str = "utf-8"
    # clean --profiles: each learned site's pipeline, chosen by the record's site field
    site_field: str | None = None
    site_pipelines: Mapping[str, Pipeline] = dataclass_field(default_factory=dict)


def _for_site(job: Job, record: dict[str, Any]) -> Job:
    """The job with the pipeline of the record's site (``--profiles``), or as it is for other sites."""
    from newsclean._profiles.learn import site_key

    where = record.get(job.site_field) if job.site_field is not None else None
    pipeline = job.site_pipelines.get(site_key(where)) if isinstance(where, str) else None
    return job if pipeline is None else replace(job, pipeline=pipeline)


class Task(NamedTuple):
    """One document: ``kind`` is ``text``, ``html``, ``jsonl``, ``unreadable`` (a file) or ``skipped`` (a line).

    For ``unreadable`` and ``skipped``, ``data`` is the message saying why.
    """

    kind: str
    source: str
    line: int
    data: bytes

    @property
    def where(self) -> str:
        """``path:line`` for a JSON line, the path for a file."""
        return f"{self.source}:{self.line}" if self.line else self.source


class Cleaned(NamedTuple):
    """A cleaned document: output bytes and ``(field, change)`` pairs (field ``None`` for files)."""

    output: bytes
    changes: list[tuple[str | None, Change]]
    drop_reason: str | None = None
    record_id: Any = None
    has_field: bool | None = None  # JSON lines: did the record have any field to clean?
    keys: tuple[str, ...] = ()  # JSON lines: the record's fields, when it had none to clean
    blank: bool = False  # a blank JSON line: not a document


class Outcome(NamedTuple):
    """What the main process needs back: output, records, counts; small to pickle."""

    where: str
    size: int
    data: bytes = b""
    explain: bytes | None = None
    error: str | None = None
    error_record: bytes | None = None
    counts: tuple[tuple[str, int, int], ...] = ()
    dropped: bool = False
    discard: bool = False
    blank: bool = False
    has_field: bool | None = None
    keys: tuple[str, ...] = ()


def explain_task(task: Task, job: Job) -> Cleaned:
    """Clean one document; raise :class:`BadInput` when it cannot be read as its format."""
    if task.kind == "jsonl":
        return _clean_json_line(task.data, job, first=task.line == 1)
    if task.kind == "text":
        return _clean_text_file(task.data, job)
    if task.kind == "html":
        return _clean_html_file(task.data, job)
    raise BadInput(task.data.decode("utf-8", "replace"))  # unreadable or skipped: data is the message


def clean_task(task: Task, job: Job) -> Outcome:
    """Clean one document into an :class:`Outcome`; a failure keeps the input unchanged."""
    try:
        cleaned = explain_task(task, job)
    # Any exception: a filter (built-in or the user's, by import path) may raise
    # anything on one odd document, and that must not stop a long run or lose
    # the document. Not hidden: reported with its location, counted as failed
    # (exit code 1), the input written through unchanged.
    except Exception as exc:  # noqa: BLE001
        return _failure(task, job, failure_message(exc))
    return Outcome(
        where=task.where,
        size=len(task.data),
        data=cleaned.output if job.keep_output else b"",
        explain=_explain_record(task, cleaned) if job.explain else None,
        counts=count_changes(c for _, c in cleaned.changes),
        dropped=cleaned.drop_reason is not None,
        blank=cleaned.blank,
        has_field=cleaned.has_field,
        keys=cleaned.keys,
    )


def failure_message(exc: Exception) -> str:
    """What to report for a document that failed: the reason for bad input, the exception type for a bug."""
    return str(exc) if isinstance(exc, BadInput) else f"{type(exc).__name__}: {exc}"


def count_changes(changes: Iterable[Change]) -> tuple[tuple[str, int, int], ...]:
    """``(filter, blocks removed, other changes)`` for each filter that changed something (picklable, small)."""
    return tuple((name, t.removed, t.replaced) for name, t in tally_changes(changes).items())


def _failure(task: Task, job: Job, message: str) -> Outcome:
    if task.kind == "unreadable":
        return Outcome(task.where, 0, error=message, discard=True)
    if task.kind == "skipped":  # a JSON line too long to hold: nothing to write through
        skipped = {"input": task.source, "line": task.line, "error": message}
        return Outcome(task.where, 0, error=message, error_record=_json_line(skipped, ascii_only=True))
    record: dict[str, Any] = {"input": task.source}
    if task.line:
        record["line"] = task.line
    record["error"] = message
    explain = _json_line({**record, "changes": [], "drop_reason": None}) if job.explain else None
    divert = job.divert_errors and task.kind == "jsonl"
    if divert:
        record["raw"] = _split_eol(task.data)[0].decode("utf-8", "surrogateescape")
    return Outcome(
        where=task.where,
        size=len(task.data),
        data=b"" if divert or not job.keep_output else task.data,
        explain=explain,
        error=message,
        error_record=_json_line(record, ascii_only=True),
    )


def _explain_record(task: Task, cleaned: Cleaned) -> bytes:
    record: dict[str, Any] = {"input": task.source}
    if task.line:
        record["line"] = task.line
    if cleaned.record_id is not None:
        record["id"] = cleaned.record_id
    changes = []
    for field, change in cleaned.changes:
        item = change.to_dict()
        if field is not None:
            item["field"] = field
        changes.append(item)
    record["changes"] = changes
    record["drop_reason"] = cleaned.drop_reason
    return _json_line(record)


def _json_line(record: dict[str, Any], *, ascii_only: bool = False) -> bytes:
    try:
        return (json.dumps(record, ensure_ascii=ascii_only) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from a JSON input: escape them instead
        return (json.dumps(record) + "\n").encode("ascii")


def _split_eol(line: bytes) -> tuple[bytes, bytes]:
    if line.endswith(b"\r\n"):
        return line[:-2], b"\r\n"
    if line.endswith(b"\n"):
        return line[:-1], b"\n"
    return line, b""


def _decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{what} is not UTF-8 ({exc.reason} at byte {exc.start})") from None


def check_encoding(name: str) -> str:
    """``auto`` or the codec name of *name*; raise ``LookupError`` for an encoding Python does not know."""
    return name if name == "auto" else codecs.lookup(name).name


def _decode_text_file(data: bytes, encoding: str) -> str:
    if encoding == "auto":
        from newsclean._html.encoding import decode_html  # the same detection as HTML bytes

        return decode_html(data)[0]
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = "; try --encoding auto or name its encoding" if encoding == "utf-8" else ""
        name = "UTF-8" if encoding == "utf-8" else encoding
        raise BadInput(f"file is not {name} ({exc.reason} at byte {exc.start}){hint}") from None


def _clean_text_file(data: bytes, job: Job) -> Cleaned:
    bom = data.startswith(b"\xef\xbb\xbf")
    utf8 = job.encoding in ("utf-8", "auto") and _is_utf8(data)
    text = data[3:].decode("utf-8") if bom and utf8 else _decode_text_file(data, "utf-8" if utf8 else job.encoding)
    result = job.pipeline.apply(text)
    if not result.changes:
        return Cleaned(data, [])
    # a cleaned file is written as UTF-8 whatever it was read as
    output = (b"\xef\xbb\xbf" if bom and utf8 else b"") + result.text.encode("utf-8", "surrogatepass")
    return Cleaned(output, [(None, c) for c in result.changes], result.drop_reason)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _clean_html_file(data: bytes, job: Job) -> Cleaned:
    cleaned = clean_value(data, job.pipeline, html=True, html_output=job.html_output)
    if not cleaned.rewrite:
        return Cleaned(data, [])
    output = cleaned.output.encode("utf-8", "surrogatepass")
    return Cleaned(output, [(None, c) for c in cleaned.changes], cleaned.drop_reason)


def _clean_field(value: str, job: Job, *, is_html: bool) -> tuple[str | None, Sequence[Change], str | None]:
    """The field's new value (``None``: keep it), its changes and drop reason."""
    cleaned = clean_value(value, job.pipeline, html=is_html, html_output=job.html_output)
    return (cleaned.output if cleaned.rewrite else None), cleaned.changes, cleaned.drop_reason


def _clean_json_line(line: bytes, job: Job, *, first: bool) -> Cleaned:
    body, eol = _split_eol(line)
    if not body.strip():
        return Cleaned(line, [], blank=True)
    bom = first and body.startswith(b"\xef\xbb\xbf")
    text = _decode(body[3:] if bom else body, "line")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = exc.msg.removesuffix(" at")  # "Unterminated string starting at"
        raise BadInput(f"bad JSON at column {exc.colno}: {reason}") from None
    if not isinstance(record, dict):
        raise BadInput(f"a JSON line must be an object, got {type(record).__name__}")
    if job.site_pipelines:
        job = _for_site(job, record)
    pairs: list[tuple[str | None, Change]] = []
    drop_reason: str | None = None
    updates: dict[str, str] = {}
    targets = [(f, False) for f in job.fields] + [(f, True) for f in job.html_fields]
    has_field = any(field in record for field, _ in targets)
    for field, is_html in targets:
        value = record.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            raise BadInput(f"field {field!r} is {type(value).__name__}, not a string")
        new_value, changes, drop = _clean_field(value, job, is_html=is_html)
        if new_value is not None:
            updates[field] = new_value
        pairs.extend((field, c) for c in changes)
        drop_reason = drop_reason or drop
    record_id = record.get(job.id_field)
    if not isinstance(record_id, (str, int)) or isinstance(record_id, bool):
        record_id = None
    keys = () if has_field else tuple(str(k) for k in list(record)[:_KEYS_SHOWN])
    if not updates:
        return Cleaned(line, [], None, record_id, has_field, keys)
    # only the cleaned values are rewritten: every other byte (numbers such as 1e400 or long
    # decimals, spacing, escapes) stays as it came, which json.dumps(json.loads(line)) would not do
    output = _splice(text, updates).encode("utf-8")
    return Cleaned((b"\xef\xbb\xbf" if bom else b"") + output + eol, pairs, drop_reason, record_id, has_field, keys)


_KEYS_SHOWN = 12
_DECODER = json.JSONDecoder()


def _skip(text: str, pos: int) -> int:
    """The first position at or after *pos* that is not JSON whitespace."""
    while pos < len(text) and text[pos] in " \t\n\r":
        pos += 1
    return pos


def _value_spans(text: str) -> dict[str, tuple[int, int]]:
    """Where each top-level value of a JSON object (already parsed once) starts and ends.

    A repeated key gives its last value, the one ``json.loads`` keeps.

    >>> _value_spans('{"a": 1e400, "b" :[1, {"c": 2}] }')
    {'a': (6, 11), 'b': (18, 31)}
    """
    spans: dict[str, tuple[int, int]] = {}
    pos = _skip(text, _skip(text, 0) + 1)  # past "{"
    while text[pos] == '"':
        key, pos = _DECODER.raw_decode(text, pos)
        start = _skip(text, _skip(text, pos) + 1)  # past ":"
        end = _DECODER.raw_decode(text, start)[1]
        spans[key] = (start, end)
        pos = _skip(text, end)
        if text[pos] == ",":
            pos = _skip(text, pos + 1)
    return spans


def _splice(text: str, updates: dict[str, str]) -> str:
    spans = _value_spans(text)
    parts: list[str] = []
    last = 0
    for start, end, field in sorted((*spans[f], f) for f in updates):
        parts += [text[last:start], _json_string(updates[field])]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _json_string(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from a JSON input: escape them instead
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False)


# -- running many tasks --------------------------------------------------------

# Set once per worker process by the pool initializer, so the pipeline is
# unpickled once per worker rather than once per batch.
_worker_job: Job | None = None


def _init_worker(job: Job, parent: int) -> None:
    global _worker_job
    _worker_job = job
    # Ctrl-C goes to the whole process group: the main process handles it and
    # stops the pool; workers printing their own tracebacks would only be noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the main process's handler, inherited by fork
    _die_with(parent)


def _die_with(parent: int) -> None:
    """End this worker when the main process dies, even by SIGKILL, instead of leaving an orphan."""
    if sys.platform == "linux":
        import ctypes

        try:  # the kernel sends SIGKILL to this process when its parent dies
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # no C library to load, or no prctl in it: the thread below still watches
            pass
    # elsewhere, and as a second line on Linux: a thread that notices the parent is gone
    # (not under a forkserver, whose workers are the server's children, not ours)
    if os.getppid() == parent:
        threading.Thread(target=_watch_parent, args=(parent,), name="newsclean-parent-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_PARENT_POLL_SECONDS)
    os._exit(1)


_PARENT_POLL_SECONDS = 1.0


def _work_batch(tasks: list[Task]) -> list[Outcome]:
    assert _worker_job is not None, "worker started without its job"
    return [clean_task(task, _worker_job) for task in tasks]


def _batches(items: Iterable[tuple[int, Task]]) -> Iterator[list[tuple[int, Task]]]:
    batch: list[tuple[int, Task]] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item[1].data)
        if len(batch) >= BATCH_DOCS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


class OrderedRunner:
    """Clean ``(key, task)`` items with up to ``jobs`` processes, yielding ``(key, outcome)`` in order.

    With ``jobs > 1`` and more than one batch of work, a process pool does the
    work; at most ``jobs * 4`` batches are in flight, so memory stays bounded
    however long the input (``Pool.imap`` and ``Executor.map`` would read the whole input ahead).
    A small input never pays for starting processes. :attr:`workers` tells
    how many processes ran.

    >>> from newsclean import Pipeline
    >>> runner = OrderedRunner(Job(pipeline=Pipeline()), jobs=4)
    >>> [(k, o.data) for k, o in runner.run([(0, Task("text", "a.txt", 0, b"hello"))])]
    [(0, b'hello')]
    >>> runner.workers
    1
    """

    def __init__(self, job: Job, *, jobs: int, context: Any = None) -> None:
        self.job = job
        self.jobs = jobs
        self.context = context
        self.workers = 1

    def run(self, items: Iterable[tuple[int, Task]]) -> Generator[tuple[int, Outcome], None, None]:
        """Yield ``(key, outcome)`` for every item, in input order."""
        batches = _batches(items)
        head = [b for b in (next(batches, None), next(batches, None)) if b is not None]
        if self.jobs <= 1 or len(head) < 2:
            for batch in chain(head, batches):
                for key, task in batch:
                    yield key, clean_task(task, self.job)
            return
        # imported here: only runs that use workers pay for it (~0.1 s)
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        ctx = self.context if self.context is not None else multiprocessing.get_context()
        # ProcessPoolExecutor rather than multiprocessing.Pool: a worker that
        # dies (OOM killer, a filter calling os._exit) fails the run with
        # BrokenProcessPool instead of hanging it forever.
        pool = ProcessPoolExecutor(
            self.jobs, mp_context=ctx, initializer=_init_worker, initargs=(self.job, os.getpid())
        )
        self.workers = self.jobs
        pending: deque[tuple[list[int], Future[list[Outcome]]]] = deque()
        finished = False
        try:
            for batch in chain(head, batches):
                keys = [key for key, _ in batch]
                pending.append((keys, pool.submit(_work_batch, [task for _, task in batch])))
                if len(pending) >= self.jobs * IN_FLIGHT_PER_WORKER:
                    keys, future = pending.popleft()
                    yield from zip(keys, future.result())
            while pending:
                keys, future = pending.popleft()
                yield from zip(keys, future.result())
            finished = True
        except BrokenProcessPool as exc:
            raise WorkerDied(str(exc)) from exc
        finally:
            # stopped early (Ctrl-C, SIGTERM, an output error), even while waiting for the last batch
            # (no longer in `pending`): do not wait for the batches the workers are cleaning
            if not finished:
                _stop_workers(pool)
            # wait even when stopped early: the workers are gone, so this is quick, and an executor
            # left to shut down at interpreter exit can print an EBADF traceback from its manager thread
            pool.shutdown(wait=True, cancel_futures=True)


def _stop_workers(pool: Any) -> None:
    """Terminate the pool's processes now; shutting down would wait for the batches they are cleaning."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:  # SIGTERM is the workers' default action; a stuck one gets SIGKILL
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)
