"""The core: documents, change records, the filter protocol, pipelines, results and errors.

Nothing here knows a particular filter, an input format (HTML) or an output
(the notebook display, the command line): those layers import the core, never
the other way round.
"""
