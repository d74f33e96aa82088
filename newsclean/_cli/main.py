"""The ``newsclean`` command: ``clean`` files and JSON lines, ``diff`` one file, ``stats`` over a corpus.

Exit codes: 0 everything was cleaned, 1 some documents or files failed (they
were reported and written through unchanged), 2 a usage error (nothing was
written), 130 interrupted (outputs in progress were discarded).
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import closing
from typing import TextIO

from newsclean._cli.io import FORMATS, AtomicFile, Plan, Source, Stdout, UsageError, plan_sources, read_tasks
from newsclean._cli.report import Progress, Tally, render_change, render_header, render_stats
from newsclean._cli.work import Job, OrderedRunner, Outcome, WorkerDied, count_changes, explain_task, failure_message
from newsclean._core.errors import ConfigurationError
from newsclean._core.pipeline import Pipeline
from newsclean._registry import DEFAULT_FILTERS, FILTERS, filter_by_name

__all__ = ["build_parser", "main"]

EXAMPLES = """\
examples:
  newsclean clean article.txt                      clean one file to stdout
  newsclean clean page.html -o clean.html          clean the text of an HTML page
  newsclean clean dump.jsonl --field body -o out.jsonl --explain changes.jsonl
  newsclean clean scraped/ -o cleaned/ --jobs 8    mirror a folder of .txt/.html/.jsonl
  cat article.txt | newsclean clean -              stdin to stdout
  newsclean diff article.txt                       what would be removed, and why
  newsclean stats dump.jsonl                       counts per filter over a corpus

filters: {filters} (default order); pick with --filters, drop with --without.
exit codes: 0 ok, 1 some inputs failed (reported, written through), 2 usage error, 130 interrupted.
"""


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes (1 or more), got {value!r}")
    return number


def _add_pipeline_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("pipeline")
    group.add_argument(
        "--filters",
        metavar="NAMES",
        help=f"comma-separated filters to run, in order (default: {','.join(DEFAULT_FILTERS)}); "
        "an import path pkg.mod:Class works too",
    )
    group.add_argument("--without", metavar="NAMES", help="comma-separated filters to leave out")
    inputs = parser.add_argument_group("input")
    inputs.add_argument(
        "--format", choices=FORMATS, help="read every input as this format (default: from the extension)"
    )
    inputs.add_argument(
        "--field", action="append", metavar="NAME", help="JSON lines: a text field to clean (repeatable; default: body)"
    )
    inputs.add_argument(
        "--html-field", action="append", default=[], metavar="NAME", help="JSON lines: an HTML field to clean"
    )
    inputs.add_argument(
        "--html-output",
        choices=("html", "text"),
        default="html",
        help="what cleaned HTML becomes: cleaned markup (default) or its text",
    )
    inputs.add_argument(
        "--id-field", default="id", metavar="NAME", help="JSON lines: the field naming a record (default: id)"
    )


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("run")
    group.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: all cores)",
    )
    group.add_argument("--quiet", "-q", action="store_true", help="no progress bar (the summary line stays)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``newsclean`` command."""
    from newsclean import __version__

    parser = argparse.ArgumentParser(
        prog="newsclean",
        description="Clean scraped news text: placeholder lines, double-posted bodies, duplicated tweets, mojibake.",
        epilog=EXAMPLES.format(filters=", ".join(FILTERS)),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    clean = commands.add_parser(
        "clean",
        help="clean text, HTML and JSON lines files, a directory, or stdin",
        description="Clean documents and write them out; unchanged documents are written byte for byte.",
        epilog=EXAMPLES.format(filters=", ".join(FILTERS)),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    clean.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="a .txt, .html or .jsonl file, a directory, or - for stdin"
    )
    clean.add_argument(
        "-o", "--output", metavar="OUTPUT", help="output file, or directory for several inputs (default: stdout)"
    )
    clean.add_argument("--explain", metavar="FILE", help="write each document's change records here, as JSON lines")
    clean.add_argument(
        "--errors", metavar="FILE", help="write bad JSON lines here (as JSON records) instead of through"
    )
    _add_pipeline_options(clean)
    _add_run_options(clean)
    diff = commands.add_parser(
        "diff",
        help="show what would be removed or rewritten in one file, and why",
        description="Show each removed block (struck out) and each rewrite (before > after) "
        "with its filter and reason.",
    )
    diff.add_argument("file", metavar="FILE", help="a .txt, .html or .jsonl file, or - for stdin")
    diff.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour: auto (a terminal without NO_COLOR)",
    )
    _add_pipeline_options(diff)
    stats = commands.add_parser(
        "stats",
        help="count what each filter does over files, directories or JSON lines",
        description="Per filter: documents changed, blocks removed, other changes (rewrites).",
    )
    stats.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories, or - for stdin")
    _add_pipeline_options(stats)
    _add_run_options(stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``newsclean`` command with *argv* (default: ``sys.argv[1:]``) and return its exit code.

    >>> main(["--version"])  # doctest: +ELLIPSIS
    newsclean ...
    0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else 2
    command: Callable[[argparse.Namespace], int] = _COMMANDS[args.command]
    try:
        return command(args)
    except (UsageError, ConfigurationError) as exc:
        print(f"newsclean: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "\nnewsclean: interrupted; outputs in progress were discarded, existing files are untouched",
            file=sys.stderr,
        )
        return 130
    except WorkerDied as exc:
        print(f"newsclean: error: a worker process died ({exc}); outputs in progress were discarded", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader went away (| head): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # an output that cannot be written (no space, no permission)
        print(f"newsclean: error: {exc}; outputs in progress were discarded", file=sys.stderr)
        return 1


def build_pipeline(filters: str | None, without: str | None) -> Pipeline:
    """The pipeline ``--filters`` and ``--without`` ask for; unknown names raise ConfigurationError."""
    names = _names(filters) if filters else list(DEFAULT_FILTERS)
    pipeline = Pipeline(*(filter_by_name(name) for name in names))
    if without:
        pipeline = pipeline.without(*_names(without))
    return pipeline


def _names(value: str) -> list[str]:
    names = [n.strip() for n in value.split(",") if n.strip()]
    if not names:
        raise UsageError(f"expected comma-separated filter names, got {value!r}; known filters: {', '.join(FILTERS)}")
    return names


def _job(args: argparse.Namespace, **options: bool) -> Job:
    return Job(
        pipeline=build_pipeline(args.filters, args.without),
        fields=tuple(args.field or ["body"]),
        html_fields=tuple(args.html_field),
        html_output=args.html_output,
        id_field=args.id_field,
        **options,
    )


def _workers(job: Job, jobs: int) -> int:
    if jobs <= 1:
        return 1
    try:
        pickle.dumps(job)
    except (pickle.PicklingError, AttributeError, TypeError) as exc:
        print(f"newsclean: the pipeline cannot be sent to worker processes ({exc}); using one process", file=sys.stderr)
        return 1
    return jobs


# -- clean and stats -------------------------------------------------------------


class _Sinks:
    """One output per source, opened in order as the run reaches it and committed when done."""

    def __init__(self, sources: Sequence[Source], *, enabled: bool) -> None:
        self.sources = sources
        self.enabled = enabled
        self.index = -1
        self.sink: AtomicFile | Stdout | None = None
        self.failed = False
        self.stdout = Stdout()

    def move_to(self, index: int) -> None:
        while self.index < index:
            self._close()
            self.index += 1
            target = self.sources[self.index].output
            if self.enabled:
                self.sink = self.stdout if target is None else AtomicFile(target)
            self.failed = False

    def write(self, data: bytes) -> None:
        if self.sink is not None:
            self.sink.write(data)

    def fail(self) -> None:
        self.failed = True

    def finish(self) -> None:
        self.move_to(len(self.sources) - 1)
        self._close()

    def abort(self) -> None:
        if self.sink is not None:
            self.sink.discard()
            self.sink = None

    def _close(self) -> None:
        if self.sink is not None:
            sink, self.sink = self.sink, None
            if self.failed:
                sink.discard()
            else:
                sink.commit()


def _run(
    job: Job, plan: Plan, *, jobs: int, quiet: bool, explain: str | None = None, errors: str | None = None
) -> Tally:
    tally = Tally()
    progress = Progress(sys.stderr, enabled=not quiet and sys.stderr.isatty(), total_bytes=plan.total_bytes)
    sinks = _Sinks(plan.sources, enabled=job.keep_output)
    extras: dict[str, AtomicFile] = {}
    runner = OrderedRunner(job, jobs=_workers(job, jobs))
    try:
        for name, path in (("explain", explain), ("errors", errors)):
            if path:
                extras[name] = AtomicFile(path)
        with closing(runner.run(read_tasks(plan.sources))) as outcomes:  # stops workers on failure
            for index, outcome in outcomes:
                sinks.move_to(index)
                _take(outcome, sinks, extras, progress)
                tally.add(outcome)
                progress.update(tally)
        sinks.finish()
        for extra in extras.values():
            extra.commit()
    except BaseException:
        sinks.abort()
        for extra in extras.values():
            extra.discard()
        progress.clear()
        raise
    progress.clear()
    print(tally.summary(progress.elapsed(), skipped=plan.skipped, workers=runner.workers), file=sys.stderr)
    return tally


def _take(outcome: Outcome, sinks: _Sinks, extras: dict[str, AtomicFile], progress: Progress) -> None:
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


def _clean(args: argparse.Namespace) -> int:
    job = _job(args, explain=bool(args.explain), divert_errors=bool(args.errors))
    plan = plan_sources(args.inputs, args.output, forced=args.format, html_output=args.html_output)
    _check_side_files(plan, args.explain, args.errors)
    tally = _run(job, plan, jobs=args.jobs, quiet=args.quiet, explain=args.explain, errors=args.errors)
    return 1 if tally.failed else 0


def _check_side_files(plan: Plan, *paths: str | None) -> None:
    taken = {os.path.realpath(s.output) for s in plan.sources if s.output} | {
        os.path.realpath(s.path) for s in plan.sources if s.path != "-"
    }
    for path in paths:
        if path is not None and os.path.realpath(path) in taken:
            raise UsageError(f"{path!r} is also an input or an output; pick another file for --explain / --errors")


def _stats(args: argparse.Namespace) -> int:
    job = _job(args, keep_output=False)
    plan = plan_sources(args.inputs, None, forced=args.format, writes=False)
    tally = _run(job, plan, jobs=args.jobs, quiet=args.quiet)
    print(render_stats(tally, job.pipeline.names))
    return 1 if tally.failed else 0


# -- diff ------------------------------------------------------------------------


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and not os.environ.get("NO_COLOR")


def _diff(args: argparse.Namespace) -> int:
    if args.file != "-" and os.path.isdir(args.file):
        raise UsageError(f"diff takes one file, and {args.file!r} is a directory; use `newsclean stats` for a corpus")
    job = _job(args)
    plan = plan_sources([args.file], None, forced=args.format, html_output=args.html_output)
    color = _use_color(args.color, sys.stdout)
    tally = Tally()
    started = time.monotonic()
    for _, task in read_tasks(plan.sources):
        try:
            cleaned = explain_task(task, job)
        # bad input or a filter bug (any exception, as in clean_task): reported,
        # counted as failed (exit code 1), and the next record is shown
        except Exception as exc:  # noqa: BLE001
            message = failure_message(exc)
            print(f"newsclean: {task.where}: {message}", file=sys.stderr)
            tally.add(Outcome(task.where, len(task.data), error=message))
            continue
        changes = [c for _, c in cleaned.changes]
        dropped = cleaned.drop_reason is not None
        tally.add(Outcome(task.where, len(task.data), counts=count_changes(changes), dropped=dropped))
        if task.kind == "jsonl" and not changes:
            continue
        where = task.where + (f" (id {cleaned.record_id})" if cleaned.record_id is not None else "")
        print(render_header(where, changes, cleaned.drop_reason, color=color))
        for field, change in cleaned.changes:
            print(render_change(change, color=color, field=field))
    print(tally.summary(time.monotonic() - started), file=sys.stderr)
    return 1 if tally.failed else 0


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"clean": _clean, "diff": _diff, "stats": _stats}
