"""The exceptions newsclean raises.

Every error is a :class:`NewscleanError`, so one ``except`` catches them all::

    NewscleanError
    ├── ConfigurationError   (also ValueError)  a bad filter name, option or setting
    ├── MissingExtraError    (also ImportError) an optional dependency is not installed
    └── ReplayError          (also ValueError)  change records replayed on the wrong text

Wrong input types raise the built-in :class:`TypeError` with a message saying
what to pass instead.
"""

from __future__ import annotations

from typing import NoReturn

__all__ = ["ConfigurationError", "MissingExtraError", "NewscleanError", "config_error", "require_extra"]


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""


class ConfigurationError(NewscleanError, ValueError):
    """A filter, pipeline or integration was configured wrongly."""


class MissingExtraError(NewscleanError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(
            f"{module!r} is not installed; it is needed for this feature. "
            f"Install it with: pip install -e '.[{extra}]' in a clone of newsclean "
            f"(once newsclean is on PyPI: pip install 'newsclean[{extra}]')"
        )
        self.module = module
        self.extra = extra


def config_error(message: str, *, cause: BaseException | None = None) -> NoReturn:
    """Raise :class:`ConfigurationError` with *message* (from *cause*): the one way newsclean reports bad configuration.

    Typed ``NoReturn``, so code after a call is known to be unreachable.
    """
    if cause is not None:
        raise ConfigurationError(message) from cause
    raise ConfigurationError(message)


def require_extra(module: str, extra: str) -> object:
    """Import *module* or raise :class:`MissingExtraError` naming *extra*."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(module, extra) from exc
