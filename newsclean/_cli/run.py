"""Running a plan: read every input, clean it (here or in workers), write outputs in order.

Outputs are committed one by one as the run passes them. The ``--explain`` and
``--errors`` files describe what was written: when a run stops early (Ctrl-C,
SIGTERM, a full disk, a dead worker) they keep the records of every output
already in place and leave out the one in progress, and the message says
exactly what was written.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from types import FrameType

from newsclean._cli.io import AtomicFile, Plan, Source, Stdout, read_tasks
from newsclean._cli.report import Progress, Tally
from newsclean._cli.work import Job, OrderedRunner, Outcome

__all__ = ["Interrupted", "RunOptions", "Sinks", "Terminated", "handle_sigterm", "run_plan"]

#: Records read before warning that none of them has a field to clean.
WARN_AFTER_RECORDS = 100


class Terminated(KeyboardInterrupt):
    """SIGTERM: stops the run like Ctrl-C (outputs in progress discarded), exit code 143."""


class Interrupted(KeyboardInterrupt):
    """A run stopped by Ctrl-C or SIGTERM; ``detail`` says what was written, ``code`` is the exit code."""

    def __init__(self, detail: str, code: int) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def handle_sigterm() -> Callable[[], None]:
    """Make SIGTERM stop a run the way Ctrl-C does, with the same clean-up; return a function that undoes it."""
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # main() called outside the main thread: signals stay as they are
        return lambda: None

    def restore() -> None:
        signal.signal(signal.SIGTERM, previous)

    return restore


@dataclass(frozen=True, kw_only=True)
class RunOptions:
    """How to run a plan: processes, progress bar, side files, the size bound."""

    jobs: int = 1
    quiet: bool = False
    explain: str | None = None
    errors: str | None = None
    append: bool = False  # --resume: the side files keep the earlier run's records
    max_size: int | None = None


class Sinks:
    """One output per source, opened in order as the run reaches it and committed when done.

    Counts what is really in place: output files committed, documents written to stdout.
    """

    def __init__(self, sources: Sequence[Source], *, enabled: bool) -> None:
        self.sources = sources
        self.enabled = enabled
        self.index = -1
        self.sink: AtomicFile | Stdout | None = None
        self.failed = False
        self.stdout = Stdout()
        self.committed: list[str] = []
        self.stdout_docs = 0

    def move_to(self, index: int) -> bool:
        """Open the output of source *index*; true if an earlier output was committed on the way."""
        committed = len(self.committed)
        while self.index < index:
            self._close()
            self.index += 1
            target = self.sources[self.index].output
            if self.enabled:
                self.sink = self.stdout if target is None else AtomicFile(target, make_folder=True)
            self.failed = False
        return len(self.committed) > committed

    def write(self, data: bytes) -> None:
        if self.sink is not None:
            self.sink.write(data)

    def fail(self) -> None:
        self.failed = True

    def done_with(self, index: int) -> bool:
        """A text or HTML source is one document: commit its output as soon as it is taken."""
        if self.index != index or self.sources[index].format not in ("text", "html"):
            return False
        before = len(self.committed)
        self._close()
        return len(self.committed) > before

    def finish(self) -> None:
        self.move_to(len(self.sources) - 1)
        self._close()

    def abort(self) -> None:
        if self.sink is not None:
            self.sink.discard()
            self.sink = None

    def _close(self) -> None:
        if self.sink is not None:
            sink = self.sink  # still ours until done, so that abort() can discard it if a signal lands here
            if self.failed:
                sink.discard()
            else:
                sink.commit()
                if isinstance(sink, AtomicFile):
                    self.committed.append(sink.path)
            self.sink = None

    def written(self, side_files: Sequence[str]) -> str:
        """What is in place after a run stopped early, for the message."""
        kept = f"; their records are in {' and '.join(map(repr, side_files))}" if side_files else ""
        if self.stdout_docs:
            noun = "document was" if self.stdout_docs == 1 else "documents were"
            return f"{self.stdout_docs:,} {noun} written to stdout in full{kept}; nothing else was written"
        if self.committed:
            noun = "output file was" if len(self.committed) == 1 else "output files were"
            return (
                f"{len(self.committed):,} {noun} written in full (the last: {self.committed[-1]!r}){kept}; "
                "the output in progress was discarded"
            )
        return "nothing was written: outputs in progress were discarded, existing files are untouched"


def run_plan(job: Job, plan: Plan, options: RunOptions) -> Tally:
    """Clean every source of *plan*, write outputs and side files, print the summary line; return the counts."""
    tally = Tally()
    progress = Progress(sys.stderr, enabled=not options.quiet and sys.stderr.isatty(), total_bytes=plan.total_bytes)
    for folder, error in plan.unlisted:
        progress.message(f"newsclean: {folder}: cannot list this folder ({error}); its files were not read")
    sinks = Sinks(plan.sources, enabled=job.keep_output)
    extras: dict[str, AtomicFile] = {}
    runner = OrderedRunner(job, jobs=_workers(job, options.jobs))
    notes: list[str] = []
    warner = _FieldWarner(job, progress)
    try:
        for name, path in (("explain", options.explain), ("errors", options.errors)):
            if path:
                extras[name] = AtomicFile(path, append=options.append)
        sized = {"max_size": options.max_size} if options.max_size is not None else {}
        with closing(runner.run(read_tasks(plan.sources, notes=notes, **sized))) as outcomes:  # stops workers on failure
            for index, outcome in outcomes:
                if sinks.move_to(index):
                    _mark(extras)  # the records so far describe outputs now in place
                _take(outcome, sinks, extras, progress)
                if sinks.done_with(index):
                    _mark(extras)
                tally.add(outcome)
                while notes:
                    progress.message(f"newsclean: {notes.pop(0)}")
                warner.check(tally)
                progress.update(tally)
        sinks.finish()
        for extra in extras.values():
            extra.commit()
    except BaseException as exc:
        sinks.abort()
        kept = _keep_side_files(extras, sinks)
        progress.clear()
        if isinstance(exc, KeyboardInterrupt) and not isinstance(exc, Interrupted):
            code = 143 if isinstance(exc, Terminated) else 130
            raise Interrupted(sinks.written(kept), code) from None
        raise
    progress.clear()
    tally.unlisted = len(plan.unlisted)
    tally.resumed = plan.resumed
    tally.skipped = plan.skipped
    warner.finish(tally)
    if job.keep_output:  # `stats` prints its own table instead
        print(tally.summary(progress.elapsed(), skipped=plan.skipped, workers=runner.workers), file=sys.stderr)
    return tally


def _mark(extras: dict[str, AtomicFile]) -> None:
    for extra in extras.values():
        extra.mark()


def _keep_side_files(extras: dict[str, AtomicFile], sinks: Sinks) -> list[str]:
    """After a stop: keep the side files' records of what was written, or leave the old files alone."""
    kept: list[str] = []
    for extra in extras.values():
        if sinks.committed or sinks.stdout_docs:
            try:
                extra.commit_to_mark()
            except OSError:  # a full disk: the records cannot be kept, but the stop must still be reported
                continue
            kept.append(extra.path)
        else:
            extra.discard()
    return kept


def _take(outcome: Outcome, sinks: Sinks, extras: dict[str, AtomicFile], progress: Progress) -> None:
    if outcome.discard:
        sinks.fail()
    elif outcome.data:
        sinks.write(outcome.data)
    if outcome.explain is not None and "explain" in extras:
        extras["explain"].write(outcome.explain)
    if outcome.error is not None:
        progress.message(f"newsclean: {outcome.where}: {outcome.error}")
        if outcome.error_record is not None and "errors" in extras:
            extras["errors"].write(outcome.error_record)
    if isinstance(sinks.sink, Stdout) and not outcome.discard:
        sinks.stdout_docs += not outcome.blank
        _mark(extras)  # written to stdout: there is no taking it back


def _workers(job: Job, jobs: int) -> int:
    if jobs <= 1:
        return 1
    import pickle

    try:
        pickle.dumps(job)
    except (pickle.PicklingError, AttributeError, TypeError) as exc:
        print(f"newsclean: the pipeline cannot be sent to worker processes ({exc}); using one process", file=sys.stderr)
        return 1
    return jobs


class _FieldWarner:
    """Warns when JSON records lack every field to clean, so a misspelled ``--field`` is not a silent no-op."""

    def __init__(self, job: Job, progress: Progress) -> None:
        self.fields = (*job.fields, *job.html_fields)
        self.progress = progress
        self.warned = False

    def _names(self) -> str:
        return " or ".join(repr(f) for f in self.fields)

    def check(self, tally: Tally) -> None:
        if self.warned or tally.with_field or tally.records < WARN_AFTER_RECORDS:
            return
        self.warned = True
        self.progress.message(
            f"newsclean: warning: none of the first {tally.records:,} records has the field {self._names()} "
            f"to clean; they have {tally.keys_text()}; pass --field NAME"
        )

    def finish(self, tally: Tally) -> None:
        if tally.records and not tally.with_field:
            self.progress.message(
                f"newsclean: error: no record had the field {self._names()}, so nothing was cleaned; "
                f"the records have {tally.keys_text()}; pass --field NAME (or --html-field NAME)"
            )
