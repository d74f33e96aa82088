"""Shared pytest configuration: Hypothesis profiles, and skip reasons that say where the corpus was looked for."""

from __future__ import annotations

import os
from collections.abc import Generator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests._corpus import CORPUS_MISSING, corpus_available

# CI runs a bounded, derandomized set of examples, so that main passes or fails the
# same way on every run; NEWSCLEAN_FUZZ=1 runs many more random ones on demand.
settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("fuzz", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("fuzz" if os.environ.get("NEWSCLEAN_FUZZ") else "ci")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Without the corpus, tests parametrised over its rows say where they looked, not "empty parameter set"."""
    if corpus_available():
        return
    for item in items:
        mark = item.get_closest_marker("skip")
        if mark is not None and str(mark.kwargs.get("reason", "")).startswith("got empty parameter set"):
            item.add_marker(pytest.mark.skip(reason=CORPUS_MISSING), append=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    """A corpus skip that does not say where it looked (``pytest.skip("corpus not available")``) gets the path."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and isinstance(report.longrepr, tuple) and not corpus_available():
        path, line, message = report.longrepr
        if "corpus" in message and "NEWSCLEAN_SHARED" not in message:
            report.longrepr = (path, line, f"{message}: {CORPUS_MISSING}")
