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

from .iris import concept_iri, doc_graph_iri, doc_slug, role_id, role_iri
from .rdf import Quads, build_dataset, document_graph, lexicon_graph

__all__ = ["Quads", "build_dataset", "concept_iri", "doc_graph_iri", "doc_slug", "document_graph",
           "lexicon_graph", "role_id", "role_iri"]
