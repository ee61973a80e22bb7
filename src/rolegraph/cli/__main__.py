"""``python -m rolegraph.cli``: the same as the ``rolegraph`` command."""

from . import main

main()
