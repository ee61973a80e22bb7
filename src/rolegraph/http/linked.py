"""Linked data at the front: every IRI rolegraph mints answers at the server's address.

A resource IRI ``{base}id/role/chief-technology-officer`` is served at
``/id/role/chief-technology-officer`` (``base`` is the graph's IRI base,
``https://w3id.org/rolegraph/`` unless the build minted under another), as
linked-data servers do:

- a browser (``Accept: text/html``) is sent to the role's page (303), or gets
  a page made from the description for other resources (skills, documents,
  evidence, transition statements);
- a client gets the description (:mod:`rolegraph.graph.describe`) in Turtle
  (the default), JSON-LD, N-Triples or RDF/XML, chosen by ``Accept`` or by
  ``?format=``, with ``Vary: Accept`` and a ``Link`` header to the other
  formats;
- an IRI the graph knows nothing of: 404, with a page that searches the roles
  for its last word.

``/graph/...`` answers with the named graph itself (through Oxigraph's Graph
Store), ``/ontology`` with the ontology (Turtle, or its pyLODE page for a
browser), ``/.well-known/void`` with a VoID and DCAT description of the
dataset naming the SPARQL endpoint, the dumps (``/data/...``), the licence
and the version.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from ..graph.describe import FORMATS, describe_query, parse_ntriples, serialize
from ..graph.iris import IriBase
from ..graph.vocab import BASE, GRAPH_LEXICON

__all__ = ["LinkedData", "negotiate", "add_routes"]

# Media types a client may ask for, and the format each means.
_MEDIA = {
    "text/html": "html", "application/xhtml+xml": "html",
    "text/turtle": "ttl", "application/x-turtle": "ttl",
    "application/ld+json": "jsonld", "application/json": "jsonld",
    "application/n-triples": "nt", "text/plain": "nt",
    "application/rdf+xml": "xml", "application/xml": "xml", "text/xml": "xml",
}
_DUMPS = {"graph.nq": "application/n-quads", "graph.ttl": "text/turtle", "graph.nt": "application/n-triples",
          "graph.jsonld": "application/ld+json"}


@dataclass
class LinkedData:
    """What the front needs to answer IRIs: the base, and how to make pages.

    ``resource_page(graph, iri, links)`` and ``missing_page(iri, word)``
    render HTML (given by the caller: the pages layer); ``role_page(role_id)``
    gives a role page's path on the site, or None. ``dumps`` are the build's
    data files by name; ``ontology`` the Turtle file and ``ontology_page`` its
    HTML documentation, when there is one.
    """

    base: str = BASE
    resource_page: Callable | None = None
    missing_page: Callable | None = None
    role_page: Callable[[str], str | None] = lambda _rid: None
    dumps: dict[str, Path] = field(default_factory=dict)
    ontology: Path | None = None
    ontology_page: Path | None = None
    license: str = "https://opensource.org/license/mit"
    version: str = ""
    triples: int | None = None  # distinct triples, when the build counted them
    title: str = "rolegraph: tech roles, skills, missions, salaries and career moves"


def negotiate(accept: str | None, asked: str | None = None, *, html: bool = True) -> str | None:
    """The format to answer with: ``asked`` (``?format=``) if given, else the best of ``Accept``.

    Turtle when the client takes anything (``*/*``, no header, or a header
    that cannot be read); None when it accepts none of the formats offered.

    >>> negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    'html'
    >>> negotiate("application/ld+json"), negotiate(None), negotiate("image/png")
    ('jsonld', 'ttl', None)
    """
    if asked:
        key = asked.strip().lower()
        return key if key in FORMATS or (html and key == "html") else None
    if not accept:
        return "ttl"
    choices = []
    try:
        for i, part in enumerate(accept.split(",")):
            media, *params = [p.strip() for p in part.split(";")]
            q = 1.0
            for p in params:
                if p.lower().startswith("q="):
                    q = float(p[2:])
            media = media.lower()
            key = "ttl" if media in ("*/*", "text/*", "application/*") else _MEDIA.get(media)
            if key == "html" and not html:
                key = None
            if key and q > 0:
                # Higher q first; on a tie, the exact media type before a wildcard, then the client's order.
                choices.append((-q, media.endswith("*"), i, key))
    except ValueError:
        return "ttl"
    if not choices:
        return None if accept.strip() else "ttl"
    return min(choices)[3]


def _negotiated(path: str, key: str) -> dict[str, str]:
    """The headers of an answer chosen by ``Accept``: ``Vary``, and a ``Link`` to each other format."""
    links = ", ".join(f'<{path}?format={k}>; rel="alternate"; type="{FORMATS[k][1]}"' for k in FORMATS if k != key)
    return {"Vary": "Accept", "Link": links}


@lru_cache(maxsize=8)
def _ontology_as(path: Path, mtime: float, key: str) -> str:
    """The ontology file in another format, written once per version of the file."""
    from rdflib import Graph

    return serialize(Graph().parse(path, format="turtle"), key)


def add_routes(app, web, config: LinkedData, fetch) -> None:
    """Add the linked-data routes to the aiohttp ``app``.

    ``fetch(method, path, headers, body)`` asks Oxigraph (the front's session)
    and returns ``(status, headers, body bytes)``.
    """
    base = config.base
    prefixes = IriBase(base).prefixes

    def text(status: int, message: str, **headers):
        return web.Response(status=status, text=message + "\n", headers={"Vary": "Accept", **headers})

    def not_acceptable():
        offered = ", ".join(["text/html"] + [media for _f, media, _e in FORMATS.values()])
        return text(406, f"none of the formats asked for can be given; this IRI answers in: {offered}")

    def answer(graph, key: str, request, iri: str):
        path = request.path
        headers = _negotiated(path, key)
        if key == "html":
            page = config.resource_page(graph, iri, _local(base)) if config.resource_page else None
            if page is None:
                return web.HTTPSeeOther(f"{path}?format=ttl", headers=headers)
            return web.Response(text=page, content_type="text/html", charset="utf-8", headers=headers)
        body = serialize(graph, key, prefixes=prefixes)
        headers["Content-Disposition"] = f'inline; filename="{_file_name(iri)}.{FORMATS[key][2]}"'
        return web.Response(text=body, content_type=FORMATS[key][1], charset="utf-8", headers=headers)

    def missing(request, iri: str, key: str | None):
        word = re.sub(r"[-_]+", " ", request.path.rstrip("/").rsplit("/", 1)[-1])[:200]
        if key == "html" and config.missing_page:
            return web.Response(status=404, text=config.missing_page(iri, word), content_type="text/html",
                                charset="utf-8", headers={"Vary": "Accept"})
        return text(404, f"nothing is known about <{iri}>; the roles are listed at /index.html "
                         "and SPARQL queries go to /query")

    async def describe(iri: str):
        status, _headers, body = await fetch(
            "POST", "/query", {"Accept": "application/n-triples",
                               "Content-Type": "application/sparql-query"}, describe_query(iri).encode())
        if status != 200:
            raise web.HTTPBadGateway(text=f"the SPARQL server answered {status}\n")
        return await asyncio.to_thread(parse_ntriples, body)

    async def resource(request):
        key = negotiate(request.headers.get("Accept"), request.query.get("format"))
        if key is None:
            return not_acceptable()
        iri = base + request.path.lstrip("/")
        graph = await describe(iri)
        if not len(graph):
            return missing(request, iri, key)
        role = request.path[len("/id/role/"):] if request.path.startswith("/id/role/") else None
        if key == "html" and role and "format" not in request.query and (page := config.role_page(role)):
            return web.HTTPSeeOther(page, headers={"Vary": "Accept"})
        return answer(graph, key, request, iri)

    async def named_graph(request):
        key = negotiate(request.headers.get("Accept"), request.query.get("format"))
        if key is None:
            return not_acceptable()
        iri = base + request.path.lstrip("/")
        # Oxigraph writes Turtle, N-Triples and RDF/XML itself (a graph can be large: no
        # parsing here); JSON-LD goes through rdflib, in a thread, off the event loop.
        direct = key in ("ttl", "nt", "xml")
        media = FORMATS[key][1] if direct else "application/n-triples"
        status, _h, body = await fetch("GET", "/store?graph=" + quote(iri, safe=""), {"Accept": media}, None)
        if status == 404 or (status == 200 and not body.strip()):
            return missing(request, iri, key)
        if status != 200:
            raise web.HTTPBadGateway(text=f"the SPARQL server answered {status}\n")
        if key == "html":
            return answer(await describe(iri), key, request, iri)
        headers = _negotiated(request.path, key)
        if direct:
            return web.Response(body=body, content_type=media, charset="utf-8", headers=headers)
        text = await asyncio.to_thread(lambda: serialize(parse_ntriples(body), key, prefixes=prefixes))
        return web.Response(text=text, content_type=FORMATS[key][1], charset="utf-8", headers=headers)

    async def ontology(request):
        key = negotiate(request.headers.get("Accept"), request.query.get("format"))
        if key is None or config.ontology is None:
            return not_acceptable() if key is None else text(404, "no ontology file is installed")
        headers = _negotiated(request.path, key)
        if key == "html" and config.ontology_page and config.ontology_page.is_file():
            return web.FileResponse(config.ontology_page, headers={**headers, "Content-Type": "text/html"})
        if key in ("ttl", "html"):
            return web.Response(body=config.ontology.read_bytes(), content_type="text/turtle", charset="utf-8",
                                headers=headers)
        converted = _ontology_as(config.ontology, config.ontology.stat().st_mtime, key)
        return web.Response(text=converted, content_type=FORMATS[key][1], charset="utf-8", headers=headers)

    async def void(request):
        key = negotiate(request.headers.get("Accept"), request.query.get("format"), html=False)
        if key is None:
            return not_acceptable()
        origin = f"{request.scheme}://{request.host}"
        status, _headers, body = await fetch(
            "POST", "/query", {"Accept": "application/n-triples", "Content-Type": "application/sparql-query"},
            _SUBSETS.encode())
        if status != 200:
            raise web.HTTPBadGateway(text=f"the SPARQL server answered {status}\n")
        subsets = await asyncio.to_thread(parse_ntriples, body)
        return answer(dataset_description(config, origin, subsets), key, request, base + "dataset")

    async def dump(request):
        name = request.match_info["name"]
        path = config.dumps.get(name)
        if path is None or not path.is_file():
            return text(404, f"no dump called {name}; the dumps are: {', '.join(sorted(config.dumps)) or 'none'}")
        return web.FileResponse(path, headers={"Content-Type": _DUMPS[name]})

    for method in ("GET", "HEAD"):
        app.router.add_route(method, "/id/{tail:.+}", resource)
        app.router.add_route(method, "/graph/{tail:.+}", named_graph)
        app.router.add_route(method, "/ontology", ontology)
        app.router.add_route(method, "/.well-known/void", void)
        app.router.add_route(method, "/data/{name}", dump)


def _local(base: str):
    """Where an IRI is served on this server (a path), or None for an IRI minted elsewhere."""
    def local(iri: str) -> str | None:
        if iri.startswith(base) and iri[len(base):].split("/", 1)[0] in ("id", "graph"):
            return "/" + iri[len(base):]
        if iri.startswith(BASE + "ontology"):
            return "/ontology"
        return None
    return local


def _file_name(iri: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", iri.rstrip("/").rsplit("/", 1)[-1])[:80] or "resource"


#: The named graphs that describe themselves (the reference sources: title, source, licence, version).
_SUBSETS = """CONSTRUCT { ?g ?p ?o } WHERE { GRAPH ?g { ?g a <http://rdfs.org/ns/void#Dataset> ; ?p ?o } }"""


def dataset_description(config: LinkedData, origin: str, subsets=None):
    """VoID and DCAT for the served dataset: its endpoint, dumps, licence, version, size, and
    its subsets: the lexicon's graph and the named graphs of ``subsets`` (an rdflib Graph of
    ``void:Dataset`` nodes and their descriptions, as :data:`_SUBSETS` finds them), copied in."""
    from rdflib import BNode, Graph, Literal, URIRef
    from rdflib.namespace import DCAT, DCTERMS, RDF, VOID

    g = Graph()
    node = URIRef(config.base + "dataset")
    lexicon = URIRef(IriBase(config.base).here(GRAPH_LEXICON))
    g.add((lexicon, RDF.type, VOID.Dataset))
    g.add((lexicon, DCTERMS.title, Literal("rolegraph's curated bilingual lexicon of tech roles", lang="en")))
    for triple in subsets or ():
        g.add(triple)
    for subset in sorted(set(g.subjects(RDF.type, VOID.Dataset))):
        g.add((node, VOID.subset, subset))
    if config.triples is not None:
        g.add((node, VOID.triples, Literal(config.triples)))
    g.add((node, RDF.type, VOID.Dataset))
    g.add((node, RDF.type, DCAT.Dataset))
    g.add((node, DCTERMS.title, Literal(config.title, lang="en")))
    g.add((node, DCTERMS.license, URIRef(config.license)))
    g.add((node, DCTERMS.rights, Literal(
        "rolegraph's lexicon and facts: MIT licence. The ESCO, O*NET and crosswalk named graphs keep their "
        "publishers' licences and attributions, stated in each graph's own dcterms:license and dcterms:rights.",
        lang="en")))
    if config.version:
        g.add((node, DCTERMS.hasVersion, Literal(config.version)))
    g.add((node, VOID.sparqlEndpoint, URIRef(origin + "/query")))
    g.add((node, VOID.uriSpace, Literal(config.base + "id/")))
    g.add((node, VOID.vocabulary, URIRef(BASE + "ontology#")))
    g.add((node, DCAT.landingPage, URIRef(origin + "/")))
    for name, path in sorted(config.dumps.items()):
        if not path.is_file():
            continue
        url = URIRef(f"{origin}/data/{name}")
        g.add((node, VOID.dataDump, url))
        dist = BNode(f"dump-{name.replace('.', '-')}")
        g.add((node, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, Literal(_DUMPS[name])))
        g.add((dist, DCAT.byteSize, Literal(path.stat().st_size)))
    return g
