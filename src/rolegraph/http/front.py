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
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from ..errors import RolegraphError

__all__ = ["Front", "make_app"]

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
_SAFE_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def _refusal(web, what: str):
    return web.Response(status=403, text=f"{what} refused: this endpoint is read-only "
                                         "(start it with 'rolegraph serve --allow-updates' to allow writes)\n")


def make_app(upstream: str, site: Path | None = None, *, writable: bool = False, timeout_s: float = 10):
    """The aiohttp application: ``site`` at ``/``, SPARQL paths passed to ``upstream``.

    ``upstream`` is Oxigraph's base URL (``http://127.0.0.1:PORT``);
    ``timeout_s`` is its query limit: the front waits a little longer before
    giving up with 504.
    """
    import aiohttp
    import yarl
    from aiohttp import web

    app = web.Application()  # bodies are streamed to Oxigraph, never read whole here
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
        if not writable and (target == "/update" or (target == "/store" and request.method not in _READS)):
            return _refusal(web, "SPARQL Update" if target == "/update" else "Graph Store write")
        url = yarl.URL(upstream + target + ("?" + request.rel_url.raw_query_string
                                            if request.rel_url.raw_query_string else ""), encoded=True)
        headers = {h: request.headers[h] for h in _FORWARDED if h in request.headers}
        body = request.content if request.body_exists else None
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
                async for chunk in answer.content.iter_any():
                    await reply.write(chunk)
                await reply.write_eof()
                return reply
        except asyncio.TimeoutError:
            return web.Response(status=504, text="the SPARQL server did not answer in time\n")
        except aiohttp.ClientError as exc:
            return web.Response(status=502, text=f"the SPARQL server did not answer: {exc}\n")

    for path in SPARQL_PATHS:
        app.router.add_route("*", path, sparql)

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

    app.on_response_prepare.append(safe_headers)
    return app


class Front:
    """The front, running in a background thread with its own event loop."""

    def __init__(self, upstream: str, site: Path | None, host: str, port: int, *,
                 writable: bool = False, timeout_s: float = 10):
        self.host, self.port = host, port
        self._app = make_app(upstream, site, writable=writable, timeout_s=timeout_s)
        self._loop = asyncio.new_event_loop()
        self._runner = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="rolegraph-front", daemon=True)

    def start(self) -> "Front":
        """Listen on ``host:port``; raises :class:`RolegraphError` if the port is taken."""
        from aiohttp import web

        self._thread.start()

        async def listen():
            self._runner = web.AppRunner(self._app, access_log=None, handle_signals=False)
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
