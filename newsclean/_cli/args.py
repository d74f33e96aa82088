"""Arguments subcommands share: the pipeline ``--filters`` and ``--without`` ask for, a JSON lines input."""

from __future__ import annotations

import argparse

from newsclean._cli.io import UsageError
from newsclean._core.pipeline import Pipeline
from newsclean._registry import FILTERS, build_pipeline

__all__ = ["add_records_input", "filter_names", "pipeline_from_args"]


def pipeline_from_args(filters: str | None, without: str | None) -> Pipeline:
    """The pipeline ``--filters`` and ``--without`` ask for, by the library's one builder.

    Unknown names raise :class:`~newsclean.ConfigurationError` listing the known ones.

    >>> pipeline_from_args("placeholders,embeds", None).names
    ('placeholders', 'embeds')
    >>> "mojibake" in pipeline_from_args(None, "mojibake").names
    False
    """
    names = filter_names(filters) if filters else None
    return build_pipeline(names, without=filter_names(without) if without else ())


def filter_names(value: str) -> list[str]:
    """Comma-separated filter names; an empty list is a usage error."""
    names = [n.strip() for n in value.split(",") if n.strip()]
    if not names:
        raise UsageError(f"expected comma-separated filter names, got {value!r}; known filters: {', '.join(FILTERS)}")
    return names


def add_records_input(parser: argparse.ArgumentParser, *, output: str, output_required: bool = False) -> None:
    """The arguments of a command reading records from JSON lines: input, ``-o``, ``--field``, ``--id-field``."""
    parser.add_argument("input", metavar="INPUT", help="a .jsonl or .jsonl.gz file, or - for stdin")
    parser.add_argument("-o", "--output", required=output_required, metavar="FILE", help=output)
    parser.add_argument("--field", default="body", metavar="NAME", help="the text field (default: body)")
    parser.add_argument("--id-field", default="id", metavar="NAME", help="the field naming a record (default: id)")
