"""RDF: the lexicon and the facts as named graphs, the vocabularies, the output files, SHACL checks.

:mod:`~rolegraph.graph.vocab` is the one place for namespaces and terms;
:mod:`~rolegraph.graph.iris` mints the readable, stable IRIs;
:mod:`~rolegraph.graph.rdf` turns :mod:`rolegraph.knowledge` into sorted
N-Quads text (one named graph per document, one for the lexicon);
:mod:`~rolegraph.graph.export` writes it to files and
:mod:`~rolegraph.graph.validate` checks it against ``ontology/shapes.ttl``.
This package uses ``rolegraph.knowledge`` and the base modules; it never
extracts and never answers questions.
"""

from importlib import import_module

__all__ = ["Quads", "build_dataset", "concept_iri", "doc_graph_iri", "doc_slug", "document_graph",
           "lexicon_graph", "role_id", "role_iri"]

# Imported on first use: naming a role (iris) must not import the RDF builder and the lexicon.
_EXPORTS = {"Quads": "rdf", "build_dataset": "rdf", "document_graph": "rdf", "lexicon_graph": "rdf",
            "concept_iri": "iris", "doc_graph_iri": "iris", "doc_slug": "iris", "role_id": "iris", "role_iri": "iris"}


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rolegraph.graph' has no attribute '{name}'")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
