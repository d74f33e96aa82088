"""The ``newsclean`` command line: arguments, input and output, parallel work, reports."""
