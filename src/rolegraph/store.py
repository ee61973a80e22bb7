"""The graph users hold: an Oxigraph store for SPARQL, with an rdflib view of it."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from .errors import RolegraphError
from .ns import PREFIXES

__all__ = ["RoleGraph", "sparql_prefixes"]

_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES,
            ".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG}


def sparql_prefixes() -> str:
    """PREFIX lines for rolegraph's usual namespaces, prepended to user queries."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


class RoleGraph:
    """The rolegraph knowledge graph.

    The data lives in a :class:`pyoxigraph.Store` (fast SPARQL, one named graph
    per source document plus one for the lexicon). :attr:`rdf` exposes the same
    data through the rdflib API. Queries see the union of all named graphs.
    """

    def __init__(self, store: ox.Store, source: Path | None = None):
        self.store = store
        self.source = source

    @classmethod
    def from_file(cls, path: Path | str) -> "RoleGraph":
        """Load an N-Quads, N-Triples, Turtle or TriG file into an in-memory store."""
        path = Path(path)
        fmt = _FORMATS.get(path.suffix)
        if fmt is None:
            raise RolegraphError(f"{path}: cannot load a '{path.suffix}' file; "
                                 "use .nq, .nt, .ttl or .trig")
        store = ox.Store()
        try:
            store.bulk_load(path=str(path), format=fmt)
        except (OSError, SyntaxError) as exc:
            raise RolegraphError(f"{path}: cannot be loaded: {exc}") from None
        return cls(store, path)

    @classmethod
    def from_quads(cls, quads) -> "RoleGraph":
        """A new in-memory store holding a :class:`~rolegraph.rdf.Quads` (a graph just built)."""
        store = ox.Store()
        store.bulk_load("".join(quads.nquads()).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        return cls(store)

    @cached_property
    def rdf(self):
        """The same data as an :class:`rdflib.Dataset` (backed by the Oxigraph store)."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        ds = Dataset(store=OxigraphStore(store=self.store), default_union=True)
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns, override=True)
        return ds

    def __len__(self) -> int:
        return len(self.store)

    def query(self, sparql: str, *, prefixes: bool = True):
        """Run a SPARQL query over the union of all graphs; returns pyoxigraph results.

        rolegraph's usual prefixes (rg, skos, schema, role, ...) are declared for you.
        """
        text = sparql_prefixes() + sparql if prefixes else sparql
        return self.store.query(text, use_default_graph_as_union=True)

    def stats(self) -> dict[str, int]:
        """Instances of each rolegraph class (by short name), triples (merged) and quads."""
        rows = self.query("""
            SELECT ?cls (COUNT(DISTINCT ?s) AS ?n) WHERE {
              ?s a ?cls . FILTER(STRSTARTS(STR(?cls), STR(rg:)))
            } GROUP BY ?cls""")
        counts = {str(r["cls"].value).rsplit("#", 1)[-1]: int(r["n"].value) for r in rows}
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
        counts["triples"] = int(next(iter(rows))["n"].value)
        counts["quads"] = len(self.store)
        return dict(sorted(counts.items()))

    def validate(self):
        """SHACL-validate the graph; returns a list of :class:`~rolegraph.validate.Violation`."""
        from rdflib import Graph

        from .validate import validate_graph

        # pyoxigraph terms print in N-Triples syntax; merging drops graph names.
        lines = {f"{q.subject} {q.predicate} {q.object} ." for q in self.store}
        return validate_graph(Graph().parse(data="\n".join(lines), format="nt"))
