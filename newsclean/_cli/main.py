"""The ``newsclean`` command: ``clean`` files and JSON lines, ``diff`` one file, ``stats`` over a corpus.

Exit codes: 0 everything was cleaned, 1 some documents or files failed (they
were reported and written through unchanged), a folder could not be listed, no
JSON record had the field to clean, or an output could not be written; 2 a
usage error (nothing was written), 130 interrupted by Ctrl-C and 143 by SIGTERM
(outputs in progress were discarded, the message says what was written).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from newsclean._cli.io import (
    DEFAULT_MAX_SIZE,
    FORMATS,
    OutputError,
    Plan,
    UsageError,
    check_writable,
    parse_size,
    plan_sources,
    read_tasks,
    unfinished_files,
)
from newsclean._cli.args import pipeline_from_args
from newsclean._cli.report import Tally, render_changes, render_header, render_stats
from newsclean._cli.run import Interrupted, RunOptions, Terminated, handle_sigterm, run_plan
from newsclean._cli.work import Job, Outcome, WorkerDied, check_encoding, count_changes, explain_task, failure_message
from newsclean._cli import dups as _dups
from newsclean._cli import learn as _learn
from newsclean._cli import report_page as _report_page
from newsclean._core.errors import ConfigurationError
from newsclean._registry import DEFAULT_FILTERS, FILTERS

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
exit codes: 0 ok, 1 some inputs failed (reported, written through) or no record had the --field,
2 usage error, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
"""


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes (1 or more), got {value!r}")
    return number


def _size(value: str) -> int:
    try:
        return parse_size(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _encoding(value: str) -> str:
    try:
        return check_encoding(value)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r}; name one Python knows, or auto") from None


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
    inputs.add_argument(
        "--encoding",
        type=_encoding,
        default="utf-8",
        metavar="NAME",
        help="text files: their encoding, or auto to detect it as for HTML (default: utf-8); cleaned text is written as UTF-8",
    )
    inputs.add_argument(
        "--max-size",
        type=_size,
        default=DEFAULT_MAX_SIZE,
        metavar="SIZE",
        help="skip (and report) a file or JSON line larger than this, e.g. 64M or 2G (default: 256M)",
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
    from newsclean._version import __version__

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
    clean.add_argument(
        "--resume",
        action="store_true",
        help="with an output directory: skip inputs whose output is already there and not older than the input; "
        "--explain and --errors files are added to",
    )
    _add_pipeline_options(clean)
    clean.add_argument("--profiles", metavar="FILE", help="JSON lines: apply site profiles from `newsclean learn`")
    clean.add_argument("--site-field", default="url", metavar="NAME", help="with --profiles: the URL or site field")
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
    _dups.add_parser(commands)
    _learn.add_parser(commands)
    _report_page.add_parser(commands)
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
    restore = handle_sigterm()
    try:
        with unfinished_files():  # a signal between making an output and guarding it: no .tmp file stays
            return command(args)
    except (UsageError, ConfigurationError) as exc:
        print(f"newsclean: error: {exc}", file=sys.stderr)
        return 2
    except Interrupted as exc:
        stopped = "terminated" if exc.code == 143 else "interrupted"
        print(f"\nnewsclean: {stopped}; {exc.detail}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt as exc:
        stopped = "terminated" if isinstance(exc, Terminated) else "interrupted"
        print(
            f"\nnewsclean: {stopped}; outputs in progress were discarded, existing files are untouched",
            file=sys.stderr,
        )
        return 143 if isinstance(exc, Terminated) else 130
    except OutputError as exc:  # no space, file too large, no permission: names the output, not its temporary file
        print(f"newsclean: error: {exc}; outputs in progress were discarded", file=sys.stderr)
        return 1
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
    finally:
        restore()  # main() called in-process (tests, notebooks) leaves SIGTERM as it found it


def _job(args: argparse.Namespace, **options: Any) -> Job:
    pipeline = pipeline_from_args(args.filters, args.without)
    if getattr(args, "profiles", None):
        options.update(site_field=args.site_field, site_pipelines=_learn.site_pipelines(args.profiles, pipeline))
    return Job(
        pipeline=pipeline,
        fields=tuple(args.field or ["body"]),
        html_fields=tuple(args.html_field),
        html_output=args.html_output,
        id_field=args.id_field,
        encoding=args.encoding,
        **options,
    )


# -- clean and stats -------------------------------------------------------------


def _run(
    job: Job,
    plan: Plan,
    *,
    jobs: int,
    quiet: bool,
    explain: str | None = None,
    errors: str | None = None,
    max_size: int | None = None,
    append: bool = False,
) -> Tally:
    """Run *plan* (see :func:`newsclean._cli.run.run_plan`) and return the counts."""
    options = RunOptions(jobs=jobs, quiet=quiet, explain=explain, errors=errors, max_size=max_size, append=append)
    return run_plan(job, plan, options)


def _clean(args: argparse.Namespace) -> int:
    job = _job(args, explain=bool(args.explain), divert_errors=bool(args.errors))
    plan = plan_sources(
        args.inputs, args.output, forced=args.format, html_output=args.html_output, resume=args.resume
    )
    _check_side_files(plan, args.explain, args.errors)
    tally = _run(
        job, plan, jobs=args.jobs, quiet=args.quiet, explain=args.explain, errors=args.errors,
        max_size=args.max_size, append=args.resume,
    )
    return tally.exit_code()


def _check_side_files(plan: Plan, explain: str | None, errors: str | None) -> None:
    if explain is not None and errors is not None and os.path.realpath(explain) == os.path.realpath(errors):
        raise UsageError(f"--explain and --errors both name {explain!r}; give them two different files")
    taken = {os.path.realpath(s.output) for s in plan.sources if s.output} | {
        os.path.realpath(s.path) for s in plan.sources if s.path != "-"
    }
    for option, path in (("--explain", explain), ("--errors", errors)):
        if path is None:
            continue
        if os.path.realpath(path) in taken:
            raise UsageError(f"{path!r} is also an input or an output; pick another file for --explain / --errors")
        check_writable(path, option)


def _stats(args: argparse.Namespace) -> int:
    job = _job(args, keep_output=False)
    plan = plan_sources(args.inputs, None, forced=args.format, writes=False)
    tally = _run(job, plan, jobs=args.jobs, quiet=args.quiet, max_size=args.max_size)
    print(render_stats(tally, job.pipeline.names))  # with the one summary: no second line on stderr
    return tally.exit_code()


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
    notes: list[str] = []
    for _, task in read_tasks(plan.sources, max_size=args.max_size, notes=notes):
        while notes:
            print(f"newsclean: {notes.pop(0)}", file=sys.stderr)
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
        counts = count_changes(changes)
        tally.add(Outcome(task.where, len(task.data), counts=counts, dropped=dropped, blank=cleaned.blank,
                          has_field=cleaned.has_field, keys=cleaned.keys))
        if task.kind == "jsonl" and not changes:
            continue
        where = task.where + (f" (id {cleaned.record_id})" if cleaned.record_id is not None else "")
        print(render_header(where, changes, cleaned.drop_reason, color=color))
        for block in render_changes(cleaned.changes, color=color):
            print(block)
    if tally.field_missing:
        fields = " or ".join(repr(f) for f in (*job.fields, *job.html_fields))
        print(f"newsclean: error: no record had the field {fields}, so nothing was cleaned; "
              f"the records have {tally.keys_text()}; pass --field NAME (or --html-field NAME)", file=sys.stderr)
    print(tally.summary(time.monotonic() - started), file=sys.stderr)
    return tally.exit_code()


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "clean": _clean,
    "diff": _diff,
    "stats": _stats,
    "dups": _dups.run,
    "learn": _learn.run,
    "report": _report_page.run,
}
