"""The ``rolegraph`` command: a thin layer over the Python API.

Each command calls one library function and turns rolegraph's errors into a
one-line message and an exit code (2 for bad input, 1 for failed checks).
The commands live in three modules, by what they do with the graph:
:mod:`~rolegraph.cli.documents` makes it, :mod:`~rolegraph.cli.questions`
asks it, :mod:`~rolegraph.cli.web` shows and shares it.
"""

from . import documents, questions, web  # noqa: F401  (each registers its commands on the app)
from .app import app, main

__all__ = ["app", "main"]
