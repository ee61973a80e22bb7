"""One port for the pages and the SPARQL endpoint: a small aiohttp front to Oxigraph's server.

Oxigraph's server speaks the SPARQL 1.1 Protocol but serves no files, so
``rolegraph serve`` runs it on an internal loopback port and puts this front
on the user's port. The front serves the site folder (the pages of
``rolegraph site``) and passes SPARQL requests through unchanged: method,
query string, body, ``Accept``, ``Content-Type`` and encodings go to
Oxigraph, and its status, headers and body come back, streamed. It does not
parse SPARQL; Oxigraph does all of the protocol.

Read-only unless told otherwise: without ``writable``, ``/update`` and
Graph Store writes are refused here, before Oxigraph (itself started
read-only) would refuse them too.

What the front bounds, since Oxigraph's own limit covers only evaluation:

- **size**: a query string over ``max_query_bytes`` is refused with 414, a
  body over it with 413, before Oxigraph sees them;
- **answers**: an answer is cut (the connection closed, so the client sees an
  incomplete answer, never a short "complete" one) once it has been streaming
  for ``timeout_s`` (counted from its first byte: a query slow to start is
  Oxigraph's limit to judge) or reached ``max_answer_bytes``;
- **federation**: a query with ``SERVICE`` would make the server send
  requests anywhere the machine reaches (local services included): refused
  with 403 unless ``federated``;
- **Host**: bound to loopback, only loopback host names are answered (a web
  page cannot reach the endpoint through a name it rebinds to 127.0.0.1);
  elsewhere, the names in ``allowed_hosts`` when given;
- **pages**: a Content-Security-Policy header, no ``Server`` version.

One convenience (see :mod:`rolegraph.http.queries`): a query or update that uses rolegraph's usual prefixes
(``rg:``, ``skos:``, ``schema:`` ...) without declaring them gets their
declarations, as with ``rolegraph query``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import threading
import time
from pathlib import Path

from ..errors import RolegraphError
from ..graph.iris import IriBase
from .linked import LinkedData
from .linked import add_routes as add_linked_routes
from .queries import prepare

__all__ = ["Front", "make_app", "MAX_QUERY_BYTES", "MAX_ANSWER_BYTES"]

MAX_QUERY_BYTES = 1_000_000  # a SPARQL query or update, in bytes (query string or body)
MAX_ANSWER_BYTES = 200_000_000  # an answer, in bytes, before it is cut

# Paths passed to Oxigraph, and what they are called there. /sparql is the
# path many clients and tools try first.
SPARQL_PATHS = {"/query": "/query", "/sparql": "/query", "/update": "/update", "/store": "/store"}
_READS = {"GET", "HEAD", "OPTIONS"}
# Request headers worth passing on; everything else (cookies, …) stays here. Host goes on so
# that Oxigraph's service description names the front's address, not its own internal one.
_FORWARDED = ("Host", "Accept", "Accept-Encoding", "Content-Type", "Content-Length", "Content-Encoding",
              "Authorization")
# Response headers that belong to one connection, not to the answer.
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "server", "date",
               "proxy-authenticate", "trailer", "upgrade"}
_SAFE_HEADERS = {
    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
    # The pages load their scripts and styles from the site only, and call no one.
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                               "form-action 'none'; frame-ancestors 'none'",
}
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
def _is_loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """The host of a Host header, without the port: ``[::1]:7878`` -> ``::1``."""
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _refusal(web, what: str):
    return web.Response(status=403, text=f"{what} refused: this endpoint is read-only "
                                         "(start it with 'rolegraph serve --allow-updates' to allow writes)\n")


def make_app(upstream: str, site: Path | None = None, *, writable: bool = False, timeout_s: float = 10,
             bound_to: str = "127.0.0.1", allowed_hosts=None, federated: bool = False,
             max_query_bytes: int = MAX_QUERY_BYTES, max_answer_bytes: int = MAX_ANSWER_BYTES,
             linked=None):
    """The aiohttp application: ``site`` at ``/``, SPARQL paths passed to ``upstream``.

    ``linked`` (a :class:`rolegraph.http.linked.LinkedData`) makes the graph's
    IRIs answer at ``/id/...``, ``/graph/...``, ``/ontology`` and
    ``/.well-known/void`` (a default one when not given).

    ``upstream`` is Oxigraph's base URL (``http://127.0.0.1:PORT``);
    ``timeout_s`` is its query limit: the front waits a little longer before
    giving up with 504, and cuts an answer still streaming after it.
    ``bound_to`` is the address the front listens on, which decides the Host
    names answered (see the module's notes), with ``allowed_hosts``.
    """
    import aiohttp
    import yarl
    from aiohttp import web

    app = web.Application()  # bodies are streamed to Oxigraph, never read whole here
    linked = linked or LinkedData()
    prefixes = IriBase(linked.base).prefixes  # declared for queries that use them undeclared
    session_key = web.AppKey("session", aiohttp.ClientSession)

    async def open_session(app):
        # Oxigraph's answers pass through as they are: no decompressing, no default headers.
        app[session_key] = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=256), auto_decompress=False,
            skip_auto_headers=("Accept-Encoding", "User-Agent", "Content-Type"),
            timeout=aiohttp.ClientTimeout(total=None, connect=5, sock_read=timeout_s + 5))
        yield
        await app[session_key].close()

    app.cleanup_ctx.append(open_session)

    async def sparql(request: web.Request) -> web.StreamResponse:
        target = SPARQL_PATHS[request.path]
        allowed = "GET, HEAD, POST, OPTIONS" + (", PUT, DELETE" if target == "/store" else "")
        if request.method not in allowed.split(", "):
            return web.Response(status=405, headers={"Allow": allowed},
                                text=f"{request.method} is not accepted here; use {allowed}\n")
        if not writable and (target == "/update" or (target == "/store" and request.method not in _READS)):
            return _refusal(web, "SPARQL Update" if target == "/update" else "Graph Store write")
        raw_query = request.rel_url.raw_query_string
        if len(raw_query) > max_query_bytes:
            return web.Response(status=414, text=f"the query string is over {max_query_bytes:,} bytes; "
                                                 "send large queries by POST (the limit is --max-query-kb)\n")
        body = None
        if request.body_exists and target == "/store":  # Graph Store uploads (writable only): streamed
            body = request.content
        elif request.body_exists:  # a query or an update: read whole, up to the limit
            if (request.content_length or 0) > max_query_bytes:
                return _too_large(web, max_query_bytes)
            chunks, size = [], 0
            while chunk := await request.content.read(65536):
                size += len(chunk)
                if size > max_query_bytes:
                    return _too_large(web, max_query_bytes)
                chunks.append(chunk)
            body = b"".join(chunks)
        if target in ("/query", "/update"):
            raw_query, body, uses_service = prepare(raw_query, body, request.content_type, prefixes)
            if uses_service and not federated:
                return web.Response(status=403, text="federated queries (SERVICE) are refused: they would make "
                                                     "this server send requests for the client (start it with "
                                                     "'rolegraph serve --allow-federated' to allow them)\n")
        url = yarl.URL(upstream + target + ("?" + raw_query if raw_query else ""), encoded=True)
        headers = {h: request.headers[h] for h in _FORWARDED if h in request.headers}
        if isinstance(body, bytes):  # read (and maybe completed) here: its own length
            headers.pop("Content-Length", None)
        try:
            async with request.app[session_key].request(request.method, url, headers=headers, data=body,
                                                        allow_redirects=False) as answer:
                reply = web.StreamResponse(status=answer.status, reason=answer.reason)
                for name, value in answer.headers.items():
                    if name.lower() not in _HOP_BY_HOP:
                        reply.headers.add(name, value)
                if answer.content_length is not None:
                    reply.content_length = answer.content_length
                await reply.prepare(request)
                sent, streaming = 0, time.monotonic()  # Oxigraph's own limit covered the wait until now
                async for chunk in answer.content.iter_chunked(1 << 18):
                    sent += len(chunk)
                    if sent > max_answer_bytes or time.monotonic() - streaming > timeout_s:
                        # Too long or too big: close the connection mid-answer, so the client sees
                        # an incomplete answer (no final chunk), and stop reading Oxigraph's.
                        if request.transport is not None:
                            request.transport.close()
                        answer.close()
                        return reply
                    await reply.write(chunk)
                await reply.write_eof()
                return reply
        except asyncio.TimeoutError:
            return web.Response(status=504, text="the SPARQL server did not answer in time\n")
        except aiohttp.ClientError as exc:
            return web.Response(status=502, text=f"the SPARQL server did not answer: {exc}\n")

    for path in SPARQL_PATHS:
        app.router.add_route("*", path, sparql)

    async def fetch(method: str, path: str, headers: dict, body: bytes | None):
        """One request to Oxigraph, read whole (descriptions are small; graphs are bounded)."""
        url = yarl.URL(upstream + path, encoded=True)
        try:
            async with app[session_key].request(method, url, headers=headers, data=body,
                                                allow_redirects=False) as answer:
                chunks, size = [], 0
                async for chunk in answer.content.iter_chunked(1 << 18):
                    size += len(chunk)
                    if size > max_answer_bytes:
                        raise web.HTTPInsufficientStorage(text="the answer is over --max-answer-mb\n")
                    chunks.append(chunk)
                return answer.status, answer.headers, b"".join(chunks)
        except asyncio.TimeoutError:
            raise web.HTTPGatewayTimeout(text="the SPARQL server did not answer in time\n") from None
        except aiohttp.ClientError as exc:
            raise web.HTTPBadGateway(text=f"the SPARQL server did not answer: {exc}\n") from None

    # Before the site: its static route at / would take every path.
    add_linked_routes(app, web, linked, fetch)

    if site is not None:
        site = Path(site).resolve()
        index = site / "index.html"

        async def home(request: web.Request) -> web.StreamResponse:
            return web.FileResponse(index)

        app.router.add_get("/", home)
        app.router.add_static("/", site, follow_symlinks=False, show_index=False)
    else:
        async def home(request: web.Request) -> web.StreamResponse:
            return web.Response(text="rolegraph SPARQL endpoint: send queries to /query "
                                     "(GET ?query= or POST)\n")

        app.router.add_get("/", home)

    async def safe_headers(request, response):
        for name, value in _SAFE_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers["Server"] = "rolegraph"  # no versions to look up vulnerabilities by

    app.on_response_prepare.append(safe_headers)

    loopback_only = _is_loopback(bound_to)
    hosts = {h.lower() for h in (allowed_hosts or ())}

    @web.middleware
    async def check_host(request, handler):
        name = _host_name(request.headers.get("Host", "")).lower()
        if loopback_only and not _is_loopback(name) and name not in hosts:
            return web.Response(status=421, text=f"this server answers requests for {bound_to} only "
                                                 "(a page cannot reach it through another name)\n")
        if not loopback_only and hosts and name not in hosts and name != bound_to:
            return web.Response(status=421, text="unknown host name; add it with --allow-host\n")
        if any(part.startswith(".") and part != ".well-known" for part in request.path.split("/")):
            # Hidden files (the site's stamp names the build folder's absolute path) are not served.
            return web.Response(status=404, text="not found\n")
        return await handler(request)

    app.middlewares.append(check_host)
    return app


def _too_large(web, limit: int):
    return web.Response(status=413, text=f"the request body is over {limit:,} bytes "
                                         "(the limit is --max-query-kb)\n")


class _NoBadRequestTracebacks(logging.Filter):
    """aiohttp logs a malformed request (a line too long, a bad header) with a traceback: the
    client got its 400 already, so the terminal need not hear of it. Real errors still pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        from aiohttp.http_exceptions import HttpProcessingError

        return not (record.exc_info and isinstance(record.exc_info[1], HttpProcessingError))


def _quiet_bad_requests() -> None:
    logger = logging.getLogger("aiohttp.server")
    if not any(isinstance(f, _NoBadRequestTracebacks) for f in logger.filters):
        logger.addFilter(_NoBadRequestTracebacks())


class Front:
    """The front, running in a background thread with its own event loop."""

    def __init__(self, upstream: str, site: Path | None, host: str, port: int, *,
                 writable: bool = False, timeout_s: float = 10, **bounds):
        self.host, self.port = host, port
        self._app = make_app(upstream, site, writable=writable, timeout_s=timeout_s, bound_to=host, **bounds)
        # Request lines up to four times the largest query get a 414 with a message; longer ones,
        # aiohttp's own 400 ("Got more than ... bytes").
        self._max_line = 4 * bounds.get("max_query_bytes", MAX_QUERY_BYTES) + 8192
        _quiet_bad_requests()
        self._loop = asyncio.new_event_loop()
        self._runner = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="rolegraph-front", daemon=True)

    def start(self) -> "Front":
        """Listen on ``host:port``; raises :class:`RolegraphError` if the port is taken."""
        from aiohttp import web

        self._thread.start()

        async def listen():
            self._runner = web.AppRunner(self._app, access_log=None, handle_signals=False,
                                         max_line_size=self._max_line)
            await self._runner.setup()
            site = web.TCPSite(self._runner, self.host, self.port, reuse_address=False)
            await site.start()

        try:
            asyncio.run_coroutine_threadsafe(listen(), self._loop).result(timeout=30)
        except OSError as exc:
            self.stop()
            raise RolegraphError(f"port {self.port} on {self.host} is already in use or not available "
                                 f"({exc.strerror or exc}); pick another with --port") from exc
        except BaseException:
            self.stop()
            raise
        return self

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        """Close the listening socket and the connections, then end the thread."""
        if not self._thread.is_alive():
            return
        if self._runner is not None:
            try:
                asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=10)
            except Exception:  # stopping anyway
                pass
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        if not self._thread.is_alive():
            self._loop.close()
