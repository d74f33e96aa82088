"""``newsclean report``: clean a JSON lines corpus and write one self-contained HTML report page.

The page (see :mod:`newsclean._display.report`) has the totals, per-filter and
per-rule counts with bars, a per-site breakdown with ``--site-field`` (and the
lines each site lost, learned boilerplate included with ``--profiles``), the most
frequent removed lines, the documents that lost the most and sample documents
per filter with their changes drawn. Nothing is written but the page: the
corpus itself is only read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

from newsclean._cli.args import add_records_input, pipeline_from_args
from newsclean._cli.io import AtomicFile, UsageError, open_input, text_records
from newsclean._core.pipeline import Pipeline

__all__ = ["add_parser", "run"]

EXAMPLES = """\
examples:
  newsclean report articles.jsonl --field body -o report.html
  newsclean report crawl.jsonl.gz --field text --site-field url -o report.html   per-site table from URLs
  newsclean report dump.jsonl --without embeds --title "March crawl" -o march.html
  newsclean report crawl.jsonl --profiles sites.json -o report.html      with learned site boilerplate

The page needs no server and no network: open it from disk.
"""


def add_parser(commands: Any) -> None:
    """Add the ``report`` subcommand to the ``newsclean`` parser's subcommands."""
    report = commands.add_parser(
        "report",
        help="write an HTML report of what the filters do over a JSON lines corpus",
        description="Clean every record's text field and write one self-contained HTML page: totals, "
        "counts per filter and rule, per site, the most frequent removed lines, the documents that lost "
        "the most, and sample documents with their changes.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_records_input(report, output="the HTML file to write", output_required=True)
    report.add_argument(
        "--site-field",
        metavar="NAME",
        help="a field holding the site, or a URL whose host is the site: adds the per-site table",
    )
    report.add_argument(
        "--profiles",
        metavar="FILE",
        help="apply site profiles from `newsclean learn` (each record by its site; --site-field defaults to url)",
    )
    report.add_argument("--title", default="newsclean report", help="the page title (default: newsclean report)")
    report.add_argument("--filters", metavar="NAMES", help="comma-separated filters to run, in order")
    report.add_argument("--without", metavar="NAMES", help="comma-separated filters to leave out")




def _records(args: argparse.Namespace, bad: list[str]) -> Iterator[tuple[str, str, str | None]]:
    """``(ident, text, site)`` per usable record; the others are listed in *bad*."""
    from newsclean._display.summary import site_of

    fh = open_input(args.input)
    try:
        for number, record, text in text_records(args.input, enumerate(fh, 1), args.field, bad):
            ident = record.get(args.id_field)
            label = f"line {number}" if ident is None else ident if isinstance(ident, str) else json.dumps(ident)
            site = site_of(record.get(args.site_field)) if args.site_field else None
            yield label, text, site
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()


def run(args: argparse.Namespace) -> int:
    """Run ``newsclean report``; exit 0, or 1 when some records could not be read (they are reported)."""
    from newsclean._display.report import report_page
    from newsclean._display.summary import SummaryBuilder

    pipeline = pipeline_from_args(args.filters, args.without)
    per_site: dict[str, Pipeline] = {}
    if args.profiles:
        from newsclean._cli.learn import site_pipelines

        per_site = site_pipelines(args.profiles, pipeline)
        args.site_field = args.site_field or "url"
    builder = SummaryBuilder()
    bad: list[str] = []
    for ident, text, site in _records(args, bad):
        chosen = per_site.get(site, pipeline) if site is not None else pipeline
        builder.add(chosen.apply(text), ident=ident, site=site)
    summary = builder.summary()
    if not summary.documents:
        for line in bad[:20]:
            print(f"newsclean: {line}", file=sys.stderr)
        raise UsageError(f"no record of {args.input!r} had a text field {args.field!r}; pass --field NAME")
    page = report_page(summary, title=args.title).encode("utf-8")
    with AtomicFile(args.output) as out:
        out.write(page)
    for line in bad[:20]:
        print(f"newsclean: {line}", file=sys.stderr)
    if len(bad) > 20:
        print(f"newsclean: ... and {len(bad) - 20} more unreadable records", file=sys.stderr)
    print(
        f"newsclean: {summary.documents:,} documents, {summary.changed:,} changed, {len(bad):,} unreadable; "
        f"report written to {args.output}",
        file=sys.stderr,
    )
    return 1 if bad else 0
