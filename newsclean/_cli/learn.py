"""``newsclean learn``: learn each site's recurring boilerplate from JSON lines, or show what was learned.

One pass over the records, one process: a record's text is counted and
dropped, so memory is bounded by the distinct short lines of each site, not by
the corpus. ``newsclean clean --profiles profiles.json --site-field url`` then
applies each record's site profile.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from typing import Any, TextIO

from newsclean._cli.io import UsageError, open_input
from newsclean._core.errors import ConfigurationError
from newsclean._core.pipeline import Pipeline
from newsclean._profiles.learn import SiteLearner, site_key
from newsclean._profiles.profile import SiteProfiles
from newsclean._profiles.rules import LearnOptions

__all__ = ["add_parser", "run", "site_pipelines"]

EXAMPLES = """\
examples:
  newsclean learn articles.jsonl --site-field url -o profiles.json      learn every site's boilerplate
  newsclean learn --show profiles.json                                  review what was learned
  newsclean clean articles.jsonl --profiles profiles.json --site-field url -o clean.jsonl

A line is learned when it is in --min-documents of a site's documents and --min-share of them, and does
not look like content that recurs (bylines, quotes, list items, labels, long paragraphs). Edit the keep
switches in the JSON file to overrule a decision.
"""

_REDRAW_SECONDS = 0.1


def _share(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"expected a share between 0 and 1, got {value!r}")
    return number


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 2:
        raise argparse.ArgumentTypeError(f"expected a whole number of documents (2 or more), got {value!r}")
    return int(value)


def add_parser(commands: Any) -> None:
    """Add the ``learn`` subcommand to the ``newsclean`` parser's subcommands."""
    learn = commands.add_parser(
        "learn",
        help="learn each site's recurring boilerplate from JSON lines, or --show a learned file",
        description="Count, per site, in how many documents each short line occurs, in one pass, and decide "
        "which recurring lines are site boilerplate. Writes versioned JSON you can review and edit.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    learn.add_argument("inputs", nargs="*", metavar="INPUT", help="JSON lines files (.jsonl, .jsonl.gz), or - for stdin")
    learn.add_argument("-o", "--output", metavar="FILE", help="where to write the profiles (JSON)")
    learn.add_argument("--show", metavar="FILE", help="print the profiles in FILE for review, most frequent lines first")
    learn.add_argument("--field", default="body", metavar="NAME", help="the text field (default: body)")
    learn.add_argument(
        "--site-field", default="url", metavar="NAME", help="the field giving the site: a URL or a host (default: url)"
    )
    defaults = LearnOptions()
    learn.add_argument("--min-documents", type=_count, default=defaults.min_documents, metavar="N",
                       help=f"a line must be in at least N of a site's documents (default: {defaults.min_documents})")  # fmt: skip
    learn.add_argument("--min-share", type=_share, default=defaults.min_share, metavar="SHARE",
                       help=f"... and in at least this share of them (default: {defaults.min_share})")  # fmt: skip
    learn.add_argument("--remove-bylines", action="store_true", help="also remove recurring bylines and credits")
    learn.add_argument("--quiet", "-q", action="store_true", help="no progress line")


def records(path: str, field: str, site_field: str, problems: list[str]) -> Iterator[tuple[str, str]]:
    """``(site, text)`` of each record of a JSON lines file; records without them go to *problems*."""
    with open_input(path) as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                problems.append(f"{path}:{number}: not a JSON record ({exc})")
                continue
            text = record.get(field) if isinstance(record, dict) else None
            where = record.get(site_field) if isinstance(record, dict) else None
            if not isinstance(text, str) or not isinstance(where, str):
                problems.append(f"{path}:{number}: no string fields {field!r} and {site_field!r}")
                continue
            yield site_key(where), text


class _Progress:
    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream, self.enabled, self.last, self.started = stream, enabled, 0.0, time.monotonic()

    def update(self, documents: int, sites: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self.last < _REDRAW_SECONDS):
            return
        self.last = now
        rate = documents / max(now - self.started, 1e-9)
        self.stream.write(f"\rlearning: {documents:,} documents, {sites:,} sites ({rate:,.0f} docs/s)\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")


def _learn(args: argparse.Namespace) -> SiteProfiles:
    options = LearnOptions(
        min_documents=args.min_documents, min_share=args.min_share, remove_bylines=args.remove_bylines
    )
    learners: dict[str, SiteLearner] = {}
    problems: list[str] = []
    progress = _Progress(sys.stderr, enabled=not args.quiet and sys.stderr.isatty())
    documents = 0
    for path in args.inputs:
        for site, text in records(path, args.field, args.site_field, problems):
            learner = learners.get(site)
            if learner is None:
                learner = learners[site] = SiteLearner(site, options)
            learner.add(text)
            documents += 1
            progress.update(documents, len(learners))
    progress.update(documents, len(learners), force=True)
    progress.clear()
    for problem in problems[:10]:
        print(f"newsclean learn: skipped {problem}", file=sys.stderr)
    if len(problems) > 10:
        print(f"newsclean learn: skipped {len(problems) - 10} more records", file=sys.stderr)
    return SiteProfiles({site: learner.profile(compact=True) for site, learner in learners.items()})


def run(args: argparse.Namespace) -> int:
    """Learn profiles from the inputs (``-o``), or print a learned file (``--show``)."""
    if args.show:
        if args.inputs or args.output:
            raise UsageError("--show prints a learned file; give it alone: newsclean learn --show profiles.json")
        try:
            profiles = SiteProfiles.load(args.show)
        except OSError as exc:
            raise UsageError(f"cannot read {args.show}: {exc.strerror or exc}") from None
        print(f"{profiles.summary()}\n\n{profiles.describe()}")
        return 0
    if not args.inputs or not args.output:
        raise UsageError("give JSON lines inputs and -o FILE: newsclean learn articles.jsonl --site-field url -o profiles.json")
    profiles = _learn(args)
    profiles.save(args.output)
    print(f"newsclean learn: {profiles.summary()}; wrote {args.output}; review with: newsclean learn --show {args.output}",
          file=sys.stderr)  # fmt: skip
    return 0


def site_pipelines(path: str, pipeline: Pipeline) -> dict[str, Pipeline]:
    """For ``clean --profiles``: each learned site's pipeline, *pipeline* with its site filter after ``placeholders``."""
    try:
        profiles = SiteProfiles.load(path)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except ConfigurationError as exc:
        raise UsageError(str(exc)) from None
    return profiles.pipelines(pipeline)
