"""The built-in filters, each with its data module beside it.

A filter module imports the core and shared data modules (``social``: what a
tweet looks like in text; ``repeated_runs``: the run finder), never another
filter module.
"""
