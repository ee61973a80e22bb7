"""Asking the graph: RoleGraph, career paths, skill gaps and role cards, names, SPARQL.

:class:`RoleGraph` holds a built graph in an Oxigraph store and answers what
users ask: :mod:`~rolegraph.ask.careers` (paths between roles, with evidence,
over a networkx projection of the moves), :mod:`~rolegraph.ask.profiles`
(skills, missions, gaps, role cards), :mod:`~rolegraph.ask.names` (role names
as people type them) and :mod:`~rolegraph.ask.sparql` (the named queries).
It reads the graph only: it never extracts. ``RoleGraph.site``, ``show`` and
``push`` hand the graph to :mod:`rolegraph.pages` and :mod:`rolegraph.http`,
which sit below it.
"""

from .graph import RoleGraph, sparql_prefixes
from .sparql import QueryError, QueryResult, named_queries

__all__ = ["QueryError", "QueryResult", "RoleGraph", "named_queries", "sparql_prefixes"]
