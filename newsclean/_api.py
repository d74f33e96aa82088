"""The one-call entry points: :func:`clean` and :func:`explain`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsclean._core.filter import check_text
from newsclean._core.pipeline import Pipeline, Result
from newsclean._registry import resolve_pipeline

if TYPE_CHECKING:
    from newsclean._profiles.profile import SiteProfile

__all__ = ["clean", "explain"]


def _pipeline(pipeline: Pipeline | None, profile: SiteProfile | None, function: str) -> Pipeline:
    """The pipeline to run: *pipeline*, or a site profile's (the default one plus its learned lines)."""
    if profile is None:
        return resolve_pipeline(pipeline, function=function)
    from newsclean._core.errors import config_error
    from newsclean._profiles.profile import SiteProfile

    if not isinstance(profile, SiteProfile):
        raise TypeError(f"{function}(profile=...) needs a SiteProfile (from newsclean.learn), got {type(profile).__name__}")
    if pipeline is not None:
        config_error(f"{function}() takes a pipeline or a profile, not both; add the profile's filter yourself: "
                     "pipeline.insert_after('placeholders', newsclean.SiteBoilerplateFilter(profile))")
    return profile.pipeline()


def clean(text: str, *, pipeline: Pipeline | None = None, profile: SiteProfile | None = None) -> str:
    """Clean scraped article text with the default pipeline and return the text.

    Removes placeholder lines (``Advertisement``, ``Loading…``, ...), a second
    copy of a double-posted body, duplicated embedded tweets, and repairs
    mojibake. Leaves everything else byte-identical: no quote uncurling, no
    whitespace folding.

    >>> import newsclean
    >>> newsclean.clean("Paris is calm.\\n\\nAdvertisement\\n\\nThe mayor spoke.")
    'Paris is calm.\\n\\nThe mayor spoke.'

    With ``profile=`` (a :class:`~newsclean.SiteProfile` from :func:`newsclean.learn`)
    the site's learned boilerplate lines go too.

    Raises ``TypeError`` for anything but a ``str`` (``None``, bytes, ...).
    """
    text = check_text(text, function="clean")
    return _pipeline(pipeline, profile, "clean")(text)


def explain(text: str, *, pipeline: Pipeline | None = None, profile: SiteProfile | None = None) -> Result:
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
    return _pipeline(pipeline, profile, "explain").apply(text)
