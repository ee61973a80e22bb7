"""What the graph says about one resource: the description its IRI answers with.

A description is a small graph, in the spirit of SPARQL's DESCRIBE but
defined here so that every store gives the same one:

- the resource's own triples (in any named graph);
- the types and labels of what it points to, so a client can show them;
- the nodes that belong to it (evidence and its text selector, salary
  statements), whole; for evidence, the statement it supports;
- for a role, its moves both ways as documents state them: each transition
  statement, its evidence and the labels of the roles at either end.

:func:`describe_query` gives it as one SPARQL ``CONSTRUCT`` (run on the union
of the named graphs, locally or at an endpoint); :func:`serialize` writes it
in Turtle, JSON-LD, N-Triples or RDF/XML with rolegraph's prefixes.
"""

from __future__ import annotations

import re

from ..errors import BadInput
from .vocab import PREFIXES

__all__ = ["FORMATS", "format_of", "check_iri", "describe_query", "serialize", "parse_ntriples"]

#: Output formats: short name → (rdflib format, media type, file extension).
FORMATS = {
    "ttl": ("turtle", "text/turtle", "ttl"),
    "jsonld": ("json-ld", "application/ld+json", "jsonld"),
    "nt": ("nt", "application/n-triples", "nt"),
    "xml": ("xml", "application/rdf+xml", "rdf"),
}
_ALIASES = {"turtle": "ttl", "json-ld": "jsonld", "json": "jsonld", "ntriples": "nt", "n-triples": "nt",
            "rdf": "xml", "rdfxml": "xml", "rdf/xml": "xml"}
# An IRI written in a query between <>: none of the characters that could end it or change the query.
_IRI = re.compile(r'[a-zA-Z][a-zA-Z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]+')


def format_of(name: str) -> str:
    """The short name of an output format ("ttl", "jsonld", "nt", "xml"), from any usual spelling."""
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise BadInput(f"unknown format {name!r}; use one of: {', '.join(FORMATS)}")
    return key


def check_iri(text: str) -> str:
    """``text`` as an absolute IRI safe to put between ``<>`` in a query, or :class:`BadInput`.

    >>> check_iri("<https://w3id.org/rolegraph/id/role/chief-technology-officer>")
    'https://w3id.org/rolegraph/id/role/chief-technology-officer'
    """
    value = text.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if not _IRI.fullmatch(value):
        raise BadInput(f"{text!r} is not an IRI (it needs a scheme such as https: and no spaces, "
                       "quotes or angle brackets)")
    return value


_DESCRIBE = """\
PREFIX rg: <https://w3id.org/rolegraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
CONSTRUCT {
  <IRI> ?p ?o .
  ?o a ?type ; skos:prefLabel ?label ; rdfs:label ?rlabel ; schema:identifier ?name .
  ?part ?pp ?po .
  ?sel ?sp ?so .
  ?stmt ?tp ?to .
  ?end skos:prefLabel ?endLabel .
  ?from rg:canTransitionTo <IRI> .
}
WHERE {
  { <IRI> ?p ?o }
  UNION { <IRI> ?p ?o . ?o a ?type }
  UNION { <IRI> ?p ?o . ?o skos:prefLabel ?label }
  UNION { <IRI> ?p ?o . ?o rdfs:label ?rlabel }
  UNION { <IRI> ?p ?o . ?o schema:identifier ?name }
  UNION { <IRI> rg:evidence|oa:hasSelector|schema:estimatedSalary ?part . ?part ?pp ?po }
  UNION { <IRI> rg:evidence ?ev . ?ev oa:hasSelector ?sel . ?sel ?sp ?so }
  UNION { ?from rg:canTransitionTo <IRI> }
  UNION { ?stmt rg:evidence <IRI> . ?stmt ?tp ?to }
  UNION { ?stmt rg:fromRole|rg:toRole <IRI> . ?stmt ?tp ?to }
  UNION { ?stmt rg:fromRole|rg:toRole <IRI> . ?stmt rg:fromRole|rg:toRole ?end . ?end skos:prefLabel ?endLabel }
  UNION { ?stmt rg:fromRole|rg:toRole <IRI> . ?stmt rg:evidence ?part . ?part ?pp ?po }
  UNION { ?stmt rg:fromRole|rg:toRole <IRI> . ?stmt rg:evidence ?ev . ?ev oa:hasSelector ?sel . ?sel ?sp ?so }
}"""


def describe_query(iri: str) -> str:
    """The SPARQL ``CONSTRUCT`` of ``iri``'s description (see the module's notes)."""
    return _DESCRIBE.replace("<IRI>", f"<{check_iri(iri)}>")


def parse_ntriples(data: bytes | str):
    """An rdflib Graph of N-Triples text, with rolegraph's prefixes bound."""
    from rdflib import Graph

    graph = _bound(Graph())
    if data:
        graph.parse(data=data if isinstance(data, str) else data.decode("utf-8"), format="nt")
    return graph


def _bound(graph, prefixes: dict[str, str] = PREFIXES):
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def serialize(graph, fmt: str = "ttl", *, prefixes: dict[str, str] | None = None) -> str:
    """``graph`` (rdflib) as text in ``fmt``; JSON-LD is compacted with rolegraph's prefixes
    (``prefixes``: those of the graph's IRI base, see :attr:`IriBase.prefixes`)."""
    key = format_of(fmt)
    prefixes = prefixes or PREFIXES
    _bound(graph, prefixes)
    if key == "jsonld":
        return _stable_jsonld(graph.serialize(format="json-ld", context=dict(prefixes)))
    return graph.serialize(format=FORMATS[key][0])


def _stable_jsonld(text: str) -> str:
    """JSON-LD in one order whatever the graph's: nodes by ``@id``, values sorted, keys sorted."""
    import json

    def order(value):
        if isinstance(value, dict):
            return {k: order(v) for k, v in value.items()}
        if isinstance(value, list):
            return sorted((order(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return value

    data = json.loads(text)
    return json.dumps(order(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
