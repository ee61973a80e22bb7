"""RDF vocabularies: rolegraph's own terms as a closed namespace, and the reused ones."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

from . import ns
from .ns import BASE, PREFIXES

__all__ = [
    "RG", "OA", "SCHEMA", "SKOS", "PROV", "RDF", "RDFS", "OWL", "XSD", "DCTERMS",
    "ID", "ESCO_OCCUPATION", "ESCO_ISCO", "ONET", "PREFIXES", "GRAPH_LEXICON", "BASE",
]

SCHEMA = SDO
ID = Namespace(ns.ID)
ESCO_OCCUPATION = Namespace(ns.ESCO_OCCUPATION)
ESCO_ISCO = Namespace(ns.ESCO_ISCO)
ONET = Namespace(ns.ONET)
GRAPH_LEXICON = URIRef(ns.GRAPH_LEXICON)


def _closed(name: str, base: str, terms, doc: str) -> type[DefinedNamespace]:
    """A closed rdflib namespace: a typo raises instead of minting a new IRI."""
    return type(name, (DefinedNamespace,), {
        "__doc__": doc, "_fail": True, "_NS": Namespace(base),
        "__annotations__": {t: URIRef for t in terms}})


RG = _closed("RG", ns.RG, ns.RG_TERMS, "rolegraph ontology terms (see ontology/rolegraph.ttl).")
OA = _closed("OA", ns.OA, ns.OA_TERMS, "The W3C Web Annotation terms rolegraph uses.")
