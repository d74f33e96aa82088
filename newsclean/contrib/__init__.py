"""Integrations with other tools: Scrapy, pandas, Dask. Each needs its extra installed."""
