"""The one-call entry points: :func:`clean` and :func:`explain`."""

from __future__ import annotations

from newsclean._core.filter import check_text
from newsclean._core.pipeline import Pipeline, Result
from newsclean._registry import default_pipeline

__all__ = ["clean", "explain"]


def clean(text: str, *, pipeline: Pipeline | None = None) -> str:
    """Clean scraped article text with the default pipeline and return the text.

    Removes placeholder lines (``Advertisement``, ``Loading…``, ...), a second
    copy of a double-posted body, duplicated embedded tweets, and repairs
    mojibake. Leaves everything else byte-identical: no quote uncurling, no
    whitespace folding.

    >>> import newsclean
    >>> newsclean.clean("Paris is calm.\\n\\nAdvertisement\\n\\nThe mayor spoke.")
    'Paris is calm.\\n\\nThe mayor spoke.'

    Raises ``TypeError`` for anything but a ``str`` (``None``, bytes, ...).
    """
    text = check_text(text, function="clean")
    return (pipeline if pipeline is not None else default_pipeline()).apply(text).text


def explain(text: str, *, pipeline: Pipeline | None = None) -> Result:
    """Clean *text* and return a :class:`Result`: the text plus every change, with reasons.

    >>> import newsclean
    >>> result = newsclean.explain("Paris is calm.\\nLoading…")
    >>> result.text
    'Paris is calm.'
    >>> [(c.filter, c.rule, c.block) for c in result.changes]
    [('placeholders', 'loader', 'Loading…')]
    >>> result.replay() == result.text
    True
    """
    text = check_text(text, function="explain")
    return (pipeline if pipeline is not None else default_pipeline()).apply(text)
