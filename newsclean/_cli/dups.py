"""``newsclean dups``: near-duplicate clusters of a JSON lines corpus, or each record marked with its cluster.

Records that are not JSON objects, or whose text field is missing or not a
string, are reported and left out of the search (with ``--mark`` they are
written through unchanged). numpy and datasketch are imported only when the
command runs, so ``newsclean --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from typing import Any

from newsclean._cli.args import add_records_input
from newsclean._cli.io import AtomicFile, Stdout, UsageError, open_input, text_records

__all__ = ["add_parser", "run"]

EXAMPLES = """\
examples:
  newsclean dups articles.jsonl --field body --id-field url -o clusters.jsonl
  newsclean dups articles.jsonl --id-field url --mark dups -o marked.jsonl   every record, with its cluster
  newsclean dups crawl.jsonl.gz --date-field published --threshold 0.7       earliest copy represents

output: one cluster per line: {"cluster", "representative", "size", "members": [{"id", "estimated",
"verified", "exact"}]}; with --mark FIELD every record, FIELD = {"cluster", "representative",
"duplicate", "similarity"} (cluster null for a record without near duplicates). Nothing is dropped.
"""


def _threshold(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError(f"expected a similarity above 0 and at most 1, got {value!r}")
    return number


def _words(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of words (1 or more), got {value!r}")
    return int(value)


def add_parser(commands: Any) -> None:
    """Add the ``dups`` subcommand to the ``newsclean`` parser's subcommands."""
    dups = commands.add_parser(
        "dups",
        help="find near-duplicate articles (syndicated copies, updated versions) in JSON lines",
        description="Cluster near-duplicate articles: cleaned, folded 5-word shingles, MinHash and LSH to find "
        "candidates, exact Jaccard similarity to each cluster's representative to accept them. "
        "Needs the dedup extra: pip install 'newsclean[dedup]'.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_records_input(dups, output="output file (default: stdout)")
    dups.add_argument("--date-field", metavar="NAME", help="a date field (ISO text): the earliest copy represents")
    dups.add_argument("--threshold", type=_threshold, default=0.8, metavar="J",
                      help="exact Jaccard similarity to the representative needed to join (default: 0.8)")
    dups.add_argument("--min-words", type=_words, default=50, metavar="N",
                      help="shorter documents only join exact copies of themselves (default: 50)")
    dups.add_argument("--mark", metavar="FIELD",
                      help="write every record with FIELD set to its cluster, instead of the clusters")
    dups.add_argument("--quiet", "-q", action="store_true", help="no progress (the summary line stays)")




def _lines(path: str, kept: list[bytes] | None) -> Iterator[tuple[int, bytes]]:
    fh = open_input(path)
    try:
        for number, line in enumerate(fh, 1):
            if kept is not None:
                kept.append(line)
            yield number, line
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()


def _documents(args: argparse.Namespace, lines: Iterator[tuple[int, bytes]], bad: list[str]) -> Iterator[tuple[Any, ...]]:
    for number, record, text in text_records(args.input, lines, args.field, bad):
        ident = record.get(args.id_field, f"line {number}")
        if isinstance(ident, (list, dict)):
            ident = json.dumps(ident, sort_keys=True)
        date = record.get(args.date_field) if args.date_field else None
        yield (ident, text, date if isinstance(date, str) and date else None)


class _Progress:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()

    def __call__(self, done: int) -> None:
        if self.enabled and done % 200 == 0:
            rate = done / max(time.monotonic() - self.started, 1e-9)
            sys.stderr.write(f"\rnewsclean dups: {done:,} documents signed ({rate:,.0f}/s)")
            sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    """Run ``newsclean dups``; exit code 0, or 1 when some records could not be read (reported)."""
    from newsclean._near_dups.options import NearDuplicateOptions
    from newsclean._near_dups.search import fingerprints, resolve

    options = NearDuplicateOptions(threshold=args.threshold, min_words=args.min_words)
    kept: list[bytes] | None = [] if args.mark and args.input == "-" else None
    bad: list[str] = []
    progress = _Progress(not args.quiet and sys.stderr.isatty())
    try:
        fps = fingerprints(_documents(args, _lines(args.input, kept), bad), options, progress)
    except ValueError as exc:  # a repeated id
        raise UsageError(f"{exc}; pick a unique field with --id-field") from None
    finally:
        progress.clear()
    result = resolve(fps, options)
    for message in bad:
        print(f"newsclean: {message}", file=sys.stderr)
    out = Stdout() if args.output in (None, "-") else AtomicFile(args.output)
    try:
        if args.mark:
            lines = iter(enumerate(kept, 1)) if kept is not None else _lines(args.input, None)
            _write_marked(args, lines, result, out)
        else:
            for cluster in result:
                out.write(json.dumps(cluster.to_dict(), ensure_ascii=False).encode("utf-8") + b"\n")
    except BaseException:
        out.discard()
        raise
    out.commit()
    print(f"newsclean dups: {result.documents:,} documents ({result.short:,} short), {len(result):,} clusters, "
          f"{result.duplicates:,} near duplicates, {len(bad):,} unreadable records, "
          f"{time.monotonic() - progress.started:.1f}s", file=sys.stderr)
    return 1 if bad else 0


def _write_marked(args: argparse.Namespace, lines: Iterator[tuple[int, bytes]], result: Any,
                  out: AtomicFile | Stdout) -> None:
    # the same ids as the search gave each record (the line number when the id field is missing)
    for number, line in lines:
        record = None
        if line.strip():
            try:
                record = json.loads(line)
            except ValueError:
                record = None
        if not isinstance(record, dict) or not isinstance(record.get(args.field), str):
            out.write(line if line.endswith(b"\n") else line + b"\n")  # written through, as read
            continue
        ident = record.get(args.id_field, f"line {number}")
        if isinstance(ident, (list, dict)):
            ident = json.dumps(ident, sort_keys=True)
        record[args.mark] = result.mark(ident)
        out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
