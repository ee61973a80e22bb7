"""Pages for single resources, made from their descriptions: what a browser gets at an IRI.

A role's IRI sends the browser to the role's page; every other resource
(skill, mission, document, evidence, transition statement, named graph) gets
a page listing what its description says, subject by subject, with the IRIs
served here as links. Every value is text from the graph and escaped by the
templates; nothing in these pages runs but the site's own script.
"""

from __future__ import annotations

from collections import defaultdict

from .site import _render

__all__ = ["render_resource", "render_missing"]

_LABELS = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label",
           "https://schema.org/name", "https://schema.org/identifier")
_FORMATS = [("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples"), ("xml", "RDF/XML")]


def _label_of(graph, term, lang: str) -> str | None:
    from rdflib import URIRef

    if not isinstance(term, URIRef):
        return None
    found = {}
    for prop in _LABELS:
        for value in graph.objects(term, URIRef(prop)):
            found.setdefault(getattr(value, "language", None) or "", str(value))
        if found:
            return found.get(lang) or found.get("en") or found.get("") or next(iter(found.values()))
    return None


def _short(graph, term) -> str:
    try:
        return graph.namespace_manager.normalizeUri(term).strip("<>")
    except Exception:  # not a term rdflib can shorten
        return str(term)


def render_resource(graph, iri: str, local, *, lang: str = "en", root: str = "/") -> str:
    """The HTML page of one resource's description (an rdflib Graph).

    ``local(iri)`` gives the path an IRI is served at here, or None (an
    outside IRI, linked as it is).
    """
    from rdflib import Literal, URIRef

    subject = URIRef(iri)

    def value(term) -> dict:
        if isinstance(term, Literal):
            return {"text": str(term), "lang": term.language or "", "href": None}
        href = local(str(term)) if isinstance(term, URIRef) else None
        if href is None and isinstance(term, URIRef) and str(term).startswith(("http://", "https://")):
            href = str(term)
        label = _label_of(graph, term, lang)
        return {"text": label or _short(graph, term), "iri": str(term), "lang": "", "href": href}

    blocks = []
    subjects = sorted(set(graph.subjects()), key=lambda s: (s != subject, str(s)))
    for s in subjects:
        rows = defaultdict(list)
        for p, o in sorted(graph.predicate_objects(s)):
            rows[_short(graph, p)].append(value(o))
        blocks.append({"heading": _label_of(graph, s, lang) or _short(graph, s), "iri": str(s),
                       "href": local(str(s)) if s != subject else None, "rows": sorted(rows.items())})
    name = _label_of(graph, subject, lang) or iri.rstrip("/").rsplit("/", 1)[-1]
    return _render("resource.html", title={"en": name, "fr": name}, lang=lang, root=root, inline=False,
                   standalone=False, data={"lang": lang}, iri=iri, blocks=blocks, formats=_FORMATS,
                   path=local(iri) or "")


def render_missing(iri: str, word: str, *, lang: str = "en", root: str = "/") -> str:
    """The 404 page of an IRI the graph knows nothing of: it offers to search the roles for ``word``."""
    title = {"en": "Not in this graph", "fr": "Absent de ce graphe"}
    return _render("missing.html", title=title, lang=lang, root=root, inline=False, standalone=False,
                   data={"lang": lang}, iri=iri, word=word)
