"""Root pytest configuration: skip doctests of integrations whose extra is not installed."""

from __future__ import annotations

import importlib.util

_EXTRAS = {
    "newsclean/contrib/scrapy.py": "scrapy",
    "newsclean/contrib/pandas.py": "pandas",
    "newsclean/contrib/dask.py": "dask",
}

collect_ignore = [path for path, module in _EXTRAS.items() if importlib.util.find_spec(module) is None]
