"""The graph over HTTP: ``rolegraph serve`` (Oxigraph's SPARQL server behind a small front) and push.

:mod:`~rolegraph.http.serve` prepares an Oxigraph database and the pages for
a build and runs the servers; :mod:`~rolegraph.http.front` is the aiohttp front
that serves the pages and passes SPARQL to Oxigraph on one port (reading a
query's text with :mod:`~rolegraph.http.queries`);
:mod:`~rolegraph.http.remote` pushes a graph to any triple store. This package is
handed stores and folders; it never extracts.
"""

from .remote import PushError, PushReport, push

__all__ = ["PushError", "PushReport", "push"]
