"""Arguments every subcommand shares: the pipeline that ``--filters`` and ``--without`` ask for."""

from __future__ import annotations

from newsclean._cli.io import UsageError
from newsclean._core.pipeline import Pipeline
from newsclean._registry import FILTERS, build_pipeline

__all__ = ["filter_names", "pipeline_from_args"]


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
