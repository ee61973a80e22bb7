"""Push the graph into an external triple store over standard protocols.

Each named graph (one per source document, one for the lexicon) is sent with
the SPARQL 1.1 Graph Store HTTP Protocol: ``PUT ?graph=IRI`` replaces the
graph, so pushing twice leaves the same data and a changed document replaces
its own graph only. Large graphs go in batches: the first batch is PUT, the
rest are POSTed (added) to it. Stores without the Graph Store Protocol get
SPARQL Update instead (``DROP SILENT GRAPH`` then ``INSERT DATA``), with the
same effect.

Fuseki, GraphDB, Virtuoso, Neptune and Oxigraph all speak one or both; the
README lists the URL each expects.
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox

from ..errors import RolegraphError

__all__ = ["PushReport", "PushError", "push", "batches", "shown_url"]

PROTOCOLS = ("auto", "graph-store", "update")
# Answers meaning "this URL does not take Graph Store requests": try SPARQL Update instead.
_NO_GRAPH_STORE = {400, 404, 405, 415, 501}


class PushError(RolegraphError):
    """The store refused a request or could not be reached."""


@dataclass
class PushReport:
    """What a push sent: the graphs, their triples and the requests it took."""

    endpoint: str
    protocol: str = ""
    graphs: dict[str, int] = field(default_factory=dict)  # graph IRI ("" = default graph) -> triples
    requests: int = 0
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())

    def as_dict(self) -> dict:
        return {"endpoint": self.endpoint, "protocol": self.protocol, "graphs": dict(self.graphs),
                "triples": self.triples, "requests": self.requests, "seconds": round(self.seconds, 3)}


def batches(triples: Iterable[ox.Triple], size: int) -> Iterator[bytes]:
    """N-Triples text in chunks of at most ``size`` triples (no blank nodes cross a chunk:
    rolegraph's graphs have none, and a store would rename them per request anyway)."""
    chunk: list[ox.Triple] = []
    for triple in triples:
        chunk.append(triple)
        if len(chunk) >= size:
            yield ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES)
            chunk = []
    if chunk:
        yield ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES)


def _graphs(store: ox.Store) -> list[ox.NamedNode | ox.DefaultGraph]:
    named = sorted(store.named_graphs(), key=lambda g: g.value)
    has_default = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
    return ([ox.DefaultGraph()] if has_default else []) + named


def _triples(store: ox.Store, graph) -> Iterator[ox.Triple]:
    for quad in store.quads_for_pattern(None, None, None, graph):
        yield ox.Triple(quad.subject, quad.predicate, quad.object)


def _with_param(url: str, graph) -> str:
    param = "default" if isinstance(graph, ox.DefaultGraph) else "graph=" + urllib.parse.quote(graph.value, safe="")
    return url + ("&" if "?" in url else "?") + param


def shown_url(url: str) -> str:
    """``url`` without the user and password it may carry (``http://user:pass@host/``), for messages."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are not followed: a write re-sent elsewhere (urllib turns a redirected POST into
    a GET) would store nothing yet look like success, and carry the credentials to another host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError with the 3xx status


_OPENER = urllib.request.build_opener(_NoRedirects)


class _Client:
    """Sends requests to one store, with its credentials, and explains refusals.

    Only a 2xx answer is success; a redirect is an error naming where it
    pointed, so the credentials only ever go to the URL the user gave.
    """

    def __init__(self, user: str | None, password: str | None, token: str | None, timeout: float):
        self.headers = {"User-Agent": "rolegraph"}
        if token:
            self.headers["Authorization"] = "Bearer " + token
        elif user is not None:
            pair = f"{user}:{password or ''}".encode("utf-8")
            self.headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        self.timeout = timeout
        self.requests = 0

    def send(self, method: str, url: str, body: bytes, content_type: str) -> None:
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={**self.headers, "Content-Type": content_type})
        self.requests += 1
        try:
            with _OPENER.open(request, timeout=self.timeout) as answer:
                answer.read()
                if not 200 <= answer.status < 300:
                    raise _Refused(method, url, answer.status, answer.reason, "")
        except urllib.error.HTTPError as exc:
            if 300 <= exc.code < 400:
                where = exc.headers.get("Location") or "nowhere"
                raise PushError(f"{shown_url(url)}: the store answered {method} with a redirect (HTTP {exc.code}) "
                                f"to {shown_url(where)}; rolegraph does not follow redirects when writing: "
                                "give the final URL as --endpoint") from None
            detail = exc.read(500).decode("utf-8", "replace").strip()
            raise _Refused(method, url, exc.code, exc.reason, detail) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise PushError(f"cannot reach {shown_url(url)}: {reason}") from None


class _Refused(PushError):
    def __init__(self, method: str, url: str, status: int, reason: str, detail: str):
        self.status = status
        hint = ""
        if status in (401, 403):
            hint = " (check the credentials: --user and --password, or --token)"
        text = f"{shown_url(url)}: the store refused {method} with HTTP {status} {reason}{hint}"
        if detail:
            text += f": {' '.join(detail.split())[:300]}"
        super().__init__(text)


def _graph_store(client: _Client, url: str, graph, chunks: Iterator[bytes]) -> None:
    for n, body in enumerate(chunks):
        client.send("PUT" if n == 0 else "POST", _with_param(url, graph), body, "application/n-triples")


def _update(client: _Client, url: str, graph, chunks: Iterator[bytes]) -> None:
    default = isinstance(graph, ox.DefaultGraph)
    name = "DEFAULT" if default else f"GRAPH <{graph.value}>"
    for n, body in enumerate(chunks):
        data = body.decode("utf-8")
        insert = f"INSERT DATA {{ {data} }}" if default else f"INSERT DATA {{ GRAPH <{graph.value}> {{\n{data}}} }}"
        text = (f"DROP SILENT {name} ;\n" if n == 0 else "") + insert
        client.send("POST", url, text.encode("utf-8"), "application/sparql-update")


def push(graph, endpoint: str, *, update_endpoint: str | None = None, protocol: str = "auto",
         user: str | None = None, password: str | None = None, token: str | None = None,
         batch_size: int = 50_000, timeout: float = 300,
         progress: Callable[[str, int], None] | None = None) -> PushReport:
    """Send every named graph of ``graph`` to a triple store; returns a :class:`PushReport`.

    ``graph`` is a :class:`~rolegraph.ask.RoleGraph` or a pyoxigraph store.
    ``endpoint`` is the store's Graph Store Protocol URL (Fuseki's
    ``/DATASET/data``, Oxigraph's ``/store``); ``update_endpoint`` its SPARQL
    Update URL, used when ``protocol`` is ``"update"`` or when the store turns
    down Graph Store requests (``"auto"``; it defaults to ``endpoint``, which
    suits stores with a single URL such as Neptune's ``/sparql``).

    Each graph replaces the store's graph of the same name, so pushing again
    is safe and a push that failed half way is completed by the next one.
    ``user``/``password`` send basic authentication (also taken from a URL of
    the form ``http://user:password@host/...``), ``token`` a bearer token.
    Redirects are not followed, and only a 2xx answer counts as stored.
    ``progress(graph_iri, triples)`` is called after each graph.
    """
    if protocol not in PROTOCOLS:
        raise RolegraphError(f"unknown protocol {protocol!r}; use one of {', '.join(PROTOCOLS)}")
    if batch_size < 1:
        raise RolegraphError("the batch size must be at least 1 triple")
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RolegraphError(f"{shown_url(endpoint)!r} is not an http(s) URL; give the store's Graph Store "
                             "endpoint, e.g. http://localhost:3030/rolegraph/data")
    if parts.username is not None:  # http://user:pass@host/...: basic credentials, kept out of messages
        user = user if user is not None else urllib.parse.unquote(parts.username)
        password = password if password is not None else urllib.parse.unquote(parts.password or "")
        endpoint = shown_url(endpoint).replace("***@", "", 1)
        if update_endpoint:
            update_endpoint = shown_url(update_endpoint).replace("***@", "", 1)
    store = getattr(graph, "store", graph)
    client = _Client(user, password, token, timeout)
    report = PushReport(endpoint=endpoint, protocol="update" if protocol == "update" else "graph-store")
    update_url = update_endpoint or endpoint
    started = time.perf_counter()
    graphs = _graphs(store)
    for g in graphs:
        name = "" if isinstance(g, ox.DefaultGraph) else g.value
        count = sum(1 for _ in store.quads_for_pattern(None, None, None, g))
        chunks = batches(_triples(store, g), batch_size)
        try:
            if report.protocol == "update":
                _update(client, update_url, g, chunks)
            else:
                try:
                    _graph_store(client, endpoint, g, chunks)
                except _Refused as exc:
                    # Only the very first request may decide that the store lacks the protocol.
                    if protocol != "auto" or report.graphs or exc.status not in _NO_GRAPH_STORE:
                        raise
                    report.protocol = "update"
                    _update(client, update_url, g, batches(_triples(store, g), batch_size))
        except PushError as exc:
            raise PushError(f"{exc}\n{len(report.graphs)} of {len(graphs)} graphs were pushed before "
                            "this one; pushing again is safe: each graph replaces its copy") from None
        report.graphs[name] = count
        if progress:
            progress(name, count)
    report.requests = client.requests
    report.seconds = time.perf_counter() - started
    return report
