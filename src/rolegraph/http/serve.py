"""Serve a built graph: the SPARQL 1.1 Protocol (Oxigraph's own server) and the pages, on one port.

rolegraph does not speak the protocol itself: the ``oxigraph`` package (on
PyPI) ships Oxigraph's server, which handles GET and POST queries and content
negotiation (SPARQL JSON, XML, CSV, TSV results; Turtle, N-Triples, JSON-LD and
more for CONSTRUCT and DESCRIBE). This module prepares its database from the
build's ``graph.nq`` and the pages from the same graph, starts Oxigraph on an
internal loopback port, read-only, with a query time limit, and puts the
front (:mod:`rolegraph.http.front`) on the user's port to serve both.
"""

from __future__ import annotations

import collections
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ..errors import RolegraphError

__all__ = ["Endpoint", "Oxigraph", "free_port", "oxigraph_binary", "prepare_database", "prepare_site",
           "start", "start_oxigraph"]

_STAMP = "rolegraph-source.json"
_SITE_STAMP = ".rolegraph-site.json"


def oxigraph_binary() -> str:
    """The path of the ``oxigraph`` server program, from this environment or PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.is_file() else shutil.which("oxigraph")
    if not found:
        raise RolegraphError("the Oxigraph server is not installed; "
                             "install it with: pip install 'rolegraph[serve]' (or pip install oxigraph)")
    return found


def _source_stamp(source: Path) -> dict:
    """What identifies a graph to serve: a store generation (never changed once written) or a file."""
    source = Path(source)
    if source.is_dir():
        return {"source": str(source.resolve())}
    if not source.is_file():
        raise RolegraphError(f"{source}: no built graph here; run 'rolegraph build' first")
    st = source.stat()
    return {"source": str(source.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _stamp_matches(stamp: Path, wanted: dict) -> bool:
    try:
        return json.loads(stamp.read_text()) == wanted
    except (OSError, ValueError):
        return False


def prepare_database(source: Path, db: Path) -> Path:
    """An Oxigraph database folder ``db`` holding ``source``, unless it already does.

    ``source`` is a build's store generation (copied as a backup: hard links,
    instant, and independent of later builds) or an N-Quads file (loaded).
    The folder records what it holds, so serving again after a rebuild
    refreshes it, and serving an unchanged graph starts at once.
    """
    wanted = _source_stamp(source)
    if _stamp_matches(db / _STAMP, wanted):
        return db
    # Fill a fresh folder and swap it in, so a failure loses nothing.
    fresh = db.with_name(db.name + ".loading")
    shutil.rmtree(fresh, ignore_errors=True)
    if Path(source).is_dir():
        import pyoxigraph as ox

        try:
            ox.Store.read_only(str(source)).backup(str(fresh))
        except OSError as exc:
            shutil.rmtree(fresh, ignore_errors=True)
            raise RolegraphError(f"{source}: cannot copy the store to serve it ({exc})") from None
    else:
        fresh.mkdir(parents=True)
        done = subprocess.run([oxigraph_binary(), "load", "--location", str(fresh), "--file", str(source)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            shutil.rmtree(fresh, ignore_errors=True)
            raise RolegraphError(f"{source}: Oxigraph could not load it: {done.stderr.strip()[-500:]}")
    (fresh / _STAMP).write_text(json.dumps(wanted))
    shutil.rmtree(db, ignore_errors=True)
    fresh.rename(db)
    return db


def prepare_site(source: Path, folder: Path, *, write, lang: str = "en") -> Path:
    """Have ``write(folder)`` write the pages for the graph in ``source``, unless they are already there.

    Like :func:`prepare_database`, the folder records what it was written
    from (and in which language), so a rebuild or another ``lang`` rewrites it.
    ``write`` is given by the caller (``RoleGraph.site`` of the loaded graph):
    serving never loads or renders a graph itself.
    """
    wanted = {**_source_stamp(source), "lang": lang}
    folder = Path(folder)
    if _stamp_matches(folder / _SITE_STAMP, wanted) and (folder / "index.html").is_file():
        return folder
    (folder / _SITE_STAMP).unlink(missing_ok=True)
    write(folder)
    (folder / _SITE_STAMP).write_text(json.dumps(wanted))
    return folder


class ServerLog:
    """Reads a server's standard error as it comes, in a thread of its own.

    A pipe holds 64 KB: a server writing a line per client that goes away
    would block on it (and hold every request that logs) as soon as nobody
    reads. The last lines are kept for error messages; all lines go to
    ``path`` when given, which starts again (the old one kept as ``.1``) past
    ``max_bytes``.
    """

    def __init__(self, stream, path: Path | None = None, *, keep: int = 200, max_bytes: int = 10_000_000):
        self.lines: collections.deque[str] = collections.deque(maxlen=keep)
        self.count = 0
        self._stream, self._path, self._max = stream, Path(path) if path else None, max_bytes
        self._thread = threading.Thread(target=self._read, name="oxigraph-log", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        out = self._open()
        try:
            for line in self._stream:
                self.count += 1
                self.lines.append(line.rstrip("\n"))
                if out is not None:
                    out.write(line)
                    out.flush()
                    if out.tell() > self._max:
                        out.close()
                        self._path.replace(self._path.with_name(self._path.name + ".1"))
                        out = self._open()
        except (OSError, ValueError):  # the pipe closed under us: the server is gone
            pass
        finally:
            if out is not None:
                out.close()

    def _open(self):
        if self._path is None:
            return None
        try:
            return open(self._path, "a", encoding="utf-8", errors="replace")
        except OSError:  # no log file then; the lines are still read
            self._path = None
            return None

    def tail(self) -> str:
        """The last lines read, as one string."""
        return "\n".join(self.lines).strip()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the server's end of the pipe to close (after it exits)."""
        self._thread.join(timeout)


@dataclass
class Oxigraph:
    """A running Oxigraph server: its address, its process and what it logs."""

    host: str
    port: int
    process: subprocess.Popen
    writable: bool = False
    log: ServerLog | None = None

    @property
    def url(self) -> str:
        return _base_url(self.host, self.port)

    def stop(self, timeout: float = 10) -> None:
        """Stop the server and wait for it to exit."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        if self.log is not None:
            self.log.join(timeout)


def _bind(host: str, port: int) -> str:
    """``host:port``, with an IPv6 host in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _base_url(host: str, port: int) -> str:
    return f"http://{_bind(host, port)}"


@dataclass
class Endpoint:
    """What ``rolegraph serve`` runs: the front on the user's port, Oxigraph behind it.

    ``url`` serves the pages (when there is a site), ``query_url`` the SPARQL
    queries, ``store_url`` the Graph Store Protocol. Use it as a context
    manager, or call :meth:`stop`.
    """

    host: str
    port: int
    oxigraph: Oxigraph
    front: object  # rolegraph.http.front.Front
    site: Path | None = None

    @property
    def writable(self) -> bool:
        return self.oxigraph.writable

    @property
    def process(self) -> subprocess.Popen:
        """Oxigraph's process."""
        return self.oxigraph.process

    @property
    def url(self) -> str:
        return _base_url(self.host, self.port)

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint (GET ?query= or POST)."""
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        return self.url + "/update"

    @property
    def store_url(self) -> str:
        """The SPARQL Graph Store Protocol endpoint."""
        return self.url + "/store"

    def wait(self) -> int | None:
        """Block until Oxigraph exits or the front stops; Oxigraph's exit code, if it exited."""
        while self.front.running:
            try:
                return self.process.wait(0.5)
            except subprocess.TimeoutExpired:
                continue
        return self.process.poll()

    def stop(self, timeout: float = 10) -> None:
        """Stop the front, then Oxigraph, and wait for both."""
        try:
            self.front.stop()
        finally:
            self.oxigraph.stop(timeout)

    def __enter__(self) -> "Endpoint":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    """A port the system says is free now (for tests and benchmarks)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def start(db: Path, *, site: Path | None = None, host: str = "127.0.0.1", port: int = 7878,
          writable: bool = False, timeout_s: int = 10, wait: float = 20, log: Path | None = None,
          **bounds) -> Endpoint:
    """Serve ``db`` (from :func:`prepare_database`) and the pages in ``site`` on ``host:port``.

    Oxigraph listens on a free loopback port that only the front uses.
    Read-only unless ``writable``; queries see the union of all named graphs;
    each query is stopped after ``timeout_s`` seconds (see
    :func:`start_oxigraph` for why that limit is short); Oxigraph's messages
    go to ``log``. ``bounds`` are the front's limits (``federated``,
    ``allowed_hosts``, ``max_query_bytes``, ``max_answer_bytes``: see
    :func:`rolegraph.http.front.make_app`). Raises
    :class:`RolegraphError` when the port is taken or a server does not start.
    """
    try:
        import aiohttp  # noqa: F401
    except ImportError:
        raise RolegraphError("serving needs aiohttp; install it with: pip install 'rolegraph[serve]'") from None
    from .front import Front

    if not _port_free(host, port):
        raise RolegraphError(f"port {port} on {host} is already in use; pick another with --port")
    oxigraph = start_oxigraph(db, port=free_port(), writable=writable, timeout_s=timeout_s, wait=wait, log=log)
    try:
        front = Front(oxigraph.url, site, host, port, writable=writable, timeout_s=timeout_s, **bounds).start()
    except BaseException:
        oxigraph.stop()
        raise
    return Endpoint(host, port, oxigraph, front, Path(site) if site else None)


def start_oxigraph(db: Path, *, host: str = "127.0.0.1", port: int = 7878, writable: bool = False,
                   timeout_s: int = 10, wait: float = 20, log: Path | None = None) -> Oxigraph:
    """Start Oxigraph's server alone on ``db`` and wait until it answers.

    Read-only unless ``writable``; queries see the union of all named graphs;
    each query is stopped after ``timeout_s`` seconds.

    Oxigraph (0.5) keeps one thread per query for the whole time limit, even
    after the query has answered, so sustained queries per second times
    ``timeout_s`` must stay well under the system's thread and memory-map
    limits (about 16,000 threads with Linux's default ``vm.max_map_count``).
    ``benchmarks/load.py`` found that limit with 30 s; hence 10 s by default.

    What the server writes (a line per dropped connection or failed query) is
    read as it comes, so it can never fill the pipe and block the server, and
    appended to ``log`` when given (see :class:`ServerLog`).
    """
    if not _port_free(host, port):
        raise RolegraphError(f"port {port} on {host} is already in use; pick another with --port")
    mode = "serve" if writable else "serve-read-only"
    cmd = [oxigraph_binary(), mode, "--location", str(db), "--bind", _bind(host, port),
           "--union-default-graph", "--timeout-s", str(timeout_s)]
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               errors="replace")
    server = Oxigraph(host, port, process, writable, log=ServerLog(process.stderr, log))
    try:
        _wait_until_ready(server, wait)
    except BaseException:  # including Ctrl-C or SIGTERM while waiting: never leave it running
        server.stop()
        raise
    return server


def _wait_until_ready(server: Oxigraph, wait: float) -> None:
    process = server.process
    deadline = time.monotonic() + wait
    probe = server.url + "/query?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            server.log.join(1)
            raise RolegraphError(f"the Oxigraph server stopped at start: {server.log.tail()[-500:]}")
        try:
            with urllib.request.urlopen(probe, timeout=1) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    raise RolegraphError(f"the Oxigraph server did not answer on {server.url} within {wait:.0f} s")
