"""``python -m newsclean``: the same as the ``newsclean`` command."""

from newsclean._cli.main import main

if __name__ == "__main__":  # worker processes started with "spawn" import this module too
    raise SystemExit(main())
