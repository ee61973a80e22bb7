"""Serve a built graph over the SPARQL 1.1 Protocol with Oxigraph's own HTTP server.

rolegraph does not speak the protocol itself: the ``oxigraph`` package (on
PyPI) ships Oxigraph's server, which handles GET and POST queries and content
negotiation (SPARQL JSON, XML, CSV, TSV results; Turtle, N-Triples, JSON-LD and
more for CONSTRUCT and DESCRIBE). This module prepares its database from the
build's ``graph.nq``, starts it on loopback, read-only, with a query time
limit, and stops it.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .errors import RolegraphError

__all__ = ["Endpoint", "free_port", "oxigraph_binary", "prepare_database", "start"]

_STAMP = "rolegraph-source.json"


def oxigraph_binary() -> str:
    """The path of the ``oxigraph`` server program, from this environment or PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.is_file() else shutil.which("oxigraph")
    if not found:
        raise RolegraphError("the Oxigraph server is not installed; "
                             "install it with: pip install 'rolegraph[serve]' (or pip install oxigraph)")
    return found


def prepare_database(nquads: Path, db: Path) -> Path:
    """Load ``nquads`` into an Oxigraph database folder ``db``, unless it already holds that file.

    The folder records the size and date of the file it was loaded from, so
    serving again after a rebuild reloads, and serving an unchanged graph
    starts at once.
    """
    nquads = Path(nquads)
    if not nquads.is_file():
        raise RolegraphError(f"{nquads}: no built graph here; run 'rolegraph build' first")
    st = nquads.stat()
    wanted = {"source": str(nquads.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    stamp = db / _STAMP
    if stamp.is_file():
        try:
            if json.loads(stamp.read_text()) == wanted:
                return db
        except ValueError:
            pass
    # Load into a fresh folder and swap it in, so a failed load loses nothing.
    fresh = db.with_name(db.name + ".loading")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    done = subprocess.run([oxigraph_binary(), "load", "--location", str(fresh), "--file", str(nquads)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise RolegraphError(f"{nquads}: Oxigraph could not load it: {done.stderr.strip()[-500:]}")
    (fresh / _STAMP).write_text(json.dumps(wanted))
    shutil.rmtree(db, ignore_errors=True)
    fresh.rename(db)
    return db


@dataclass
class Endpoint:
    """A running Oxigraph server: its URLs and its process."""

    host: str
    port: int
    process: subprocess.Popen
    writable: bool = False

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

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

    def stop(self, timeout: float = 10) -> None:
        """Stop the server and wait for it to exit."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)

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


def start(db: Path, *, host: str = "127.0.0.1", port: int = 7878, writable: bool = False,
          timeout_s: int = 10, wait: float = 20) -> Endpoint:
    """Start Oxigraph's server on ``db`` and wait until it answers.

    Read-only unless ``writable``; queries see the union of all named graphs;
    each query is stopped after ``timeout_s`` seconds.

    Oxigraph (0.5) keeps one thread per query for the whole time limit, even
    after the query has answered, so sustained queries per second times
    ``timeout_s`` must stay well under the system's thread and memory-map
    limits (about 16,000 threads with Linux's default ``vm.max_map_count``).
    ``benchmarks/load.py`` found that limit with 30 s; hence 10 s by default. Raises
    :class:`RolegraphError` when the port is taken or the server does not start.
    """
    if not _port_free(host, port):
        raise RolegraphError(f"port {port} on {host} is already in use; pick another with --port")
    mode = "serve" if writable else "serve-read-only"
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    cmd = [oxigraph_binary(), mode, "--location", str(db), "--bind", bind,
           "--union-default-graph", "--timeout-s", str(timeout_s)]
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    endpoint = Endpoint(host, port, process, writable)
    try:
        _wait_until_ready(endpoint, wait)
    except BaseException:  # including Ctrl-C or SIGTERM while waiting: never leave it running
        endpoint.stop()
        raise
    return endpoint


def _wait_until_ready(endpoint: Endpoint, wait: float) -> None:
    process = endpoint.process
    deadline = time.monotonic() + wait
    probe = endpoint.query_url + "?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RolegraphError(f"the Oxigraph server stopped at start: {process.stderr.read().strip()[-500:]}")
        try:
            with urllib.request.urlopen(probe, timeout=1) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    raise RolegraphError(f"the Oxigraph server did not answer on {endpoint.url} within {wait:.0f} s")
