"""The build folder as a database: an on-disk Oxigraph store, updated a generation at a time.

Readers (``rolegraph path``, ``RoleGraph.load``) open the current generation
read-only; a build never writes to it. It writes the next generation instead,
starting from a backup of the current one (RocksDB hard links: instant, no
copy), replaces only the named graphs that changed, and then switches
``store/current.json`` to it with an atomic rename. A build killed at any
moment therefore leaves the previous generation current and whole; the next
build starts again from it. The generation before the current one is kept
until the next switch, so a command that opened it just before a switch can
finish.

The pointer file also holds the manifest: for each named graph, a fingerprint
of what it was built from, so that an unchanged document costs nothing. Beside
each generation, and written before it becomes current, are what commands need
besides SPARQL: ``NNNNNN.names.json`` (the role-name index) and
``NNNNNN.careers.json`` (the career graph's data); ``summaries.sqlite`` keeps
what each graph contributes to them (see :mod:`rolegraph.builds.summaries`),
and ``nquads.json`` where each graph lies in ``graph.nq``.

A lock file keeps two builds from working on one folder at once.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RolegraphError

__all__ = ["BuildStore", "Generation", "BuildLocked", "folder_lock", "write_atomically", "STORE_DIR"]

STORE_DIR = "store"
_POINTER = "current.json"
#: Changes whenever the triples written for the same facts change: older stores are rebuilt whole.
FORMAT = 2
_BULK_SLICE = 16 << 20


class BuildLocked(RolegraphError):
    """Another build holds the build folder."""

    exit_code = 2


@contextmanager
def folder_lock(folder: Path, *, wait: bool = True, on_wait=None):
    """Hold ``folder/.lock`` for the duration: a second build waits (or stops, without ``wait``)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ".lock"
    fh = open(path, "a+")
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            import msvcrt

            def try_lock():
                try:
                    msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
                    return True
                except OSError:
                    return False
        else:
            def try_lock():
                try:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return True
                except BlockingIOError:
                    return False
        if not try_lock():
            if not wait:
                raise BuildLocked(f"{folder}: another build is running on this folder; wait for it to finish "
                                  "or build into another folder with -o")
            if on_wait:
                on_wait()
            while not try_lock():
                time.sleep(0.2)
        yield
    finally:
        fh.close()  # releases the lock


def write_atomically(path: Path, text: str) -> None:
    """Write ``path`` through a temporary file renamed into place: readers see it whole or not at all."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class Generation:
    """A store generation being written: open read-write, not yet current."""

    name: str
    path: Path
    manifest: dict[str, str] = field(default_factory=dict)  # graph IRI -> fingerprint
    store: object = None  # pyoxigraph.Store

    def replace(self, graph_iri: str, nquads: bytes, fingerprint: str) -> None:
        """Put one named graph's N-Quads in place of what the graph held (atomic per graph)."""
        import pyoxigraph as ox

        name = ox.NamedNode(graph_iri)
        if graph_iri in self.manifest:
            self.store.remove_graph(name)
        self.store.load(nquads, format=ox.RdfFormat.N_QUADS)
        self.manifest[graph_iri] = fingerprint

    def remove(self, graph_iri: str) -> None:
        import pyoxigraph as ox

        self.store.remove_graph(ox.NamedNode(graph_iri))
        self.manifest.pop(graph_iri, None)

    def bulk(self, nquads_file: Path, fingerprints: dict[str, str]) -> None:
        """Load many new graphs from an N-Quads file (a first build), a slice of lines at a time.

        Oxigraph's bulk loader sorts what it is given in memory, up to about
        2 GB a call: slices of :data:`_BULK_SLICE` bytes keep a build's memory
        flat whatever the number of documents (and load faster).
        """
        import pyoxigraph as ox

        with open(nquads_file, "rb") as fh:
            while chunk := fh.read(_BULK_SLICE):
                chunk += fh.readline()  # N-Quads has one statement per line
                self.store.bulk_load(chunk, format=ox.RdfFormat.N_QUADS)
        self.manifest.update(fingerprints)


class BuildStore:
    """The generations of the store in one build folder."""

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)
        self.root = self.folder / STORE_DIR
        self._read: tuple[tuple, dict] | None = None  # (file identity, data): the pointer read once

    def _pointer(self) -> dict | None:
        """The pointer file's data (it holds every graph's fingerprint: parsed again only when it changed)."""
        path = self.root / _POINTER
        try:
            st = path.stat()
            key = (st.st_ino, st.st_size, st.st_mtime_ns)
            if self._read is None or self._read[0] != key:
                self._read = (key, json.loads(path.read_text(encoding="utf-8")))
            data = self._read[1]
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or not (self.root / str(data.get("generation", ""))).is_dir():
            return None
        return data

    def current(self) -> Path | None:
        """The current generation's folder, or None when the folder has no (usable) store."""
        data = self._pointer()
        return self.root / data["generation"] if data else None

    def manifest(self) -> dict[str, str]:
        data = self._pointer()
        if not data or data.get("format") != FORMAT:
            return {}
        return dict(data.get("graphs", {}))

    def info(self) -> dict:
        """What the pointer records besides the manifest (counts, export state)."""
        data = self._pointer() or {}
        return {k: v for k, v in data.items() if k != "graphs"}

    def begin(self) -> Generation:
        """A new generation to write: a backup of the current one when it is of this format, else empty."""
        import pyoxigraph as ox

        self.root.mkdir(parents=True, exist_ok=True)
        numbers = [int(p.name) for p in self.root.iterdir() if p.is_dir() and p.name.isdigit()]
        name = f"{max(numbers, default=0) + 1:06d}"
        path = self.root / name
        shutil.rmtree(path, ignore_errors=True)
        current, manifest = self.current(), self.manifest()
        try:
            if current is not None and manifest:
                ox.Store.read_only(str(current)).backup(str(path))
                store = ox.Store(str(path))
            else:
                manifest = {}
                store = ox.Store(str(path))
        except OSError as exc:
            raise RolegraphError(f"{path}: cannot create the store ({exc})") from None
        return Generation(name, path, dict(manifest), store)

    def commit(self, gen: Generation, **info) -> None:
        """Make ``gen`` current (one atomic rename) and remove generations older than the previous one."""
        gen.store.flush()
        gen.store = None  # closes the database before readers open it
        data = {"generation": gen.name, "format": FORMAT, **info, "graphs": dict(sorted(gen.manifest.items()))}
        previous = self.current()
        write_atomically(self.root / _POINTER, json.dumps(data, indent=0, sort_keys=True))
        keep = {gen.name} | ({previous.name} if previous else set())
        for p in self.root.iterdir():
            stem = p.name.split(".", 1)[0]
            if stem.isdigit() and stem not in keep:  # a generation, or an index saved with one
                if p.is_dir():
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    p.unlink(missing_ok=True)

    def index(self, generation: Path, name: str) -> Path:
        """Where an index computed from a generation is saved (``store/000003.names.json``)."""
        return generation.with_name(f"{generation.name}.{name}.json")

    def save_index(self, generation: Path, name: str, text: str) -> Path:
        """Save an index of a committed generation (atomically: readers see it whole or not at all)."""
        path = self.index(generation, name)
        write_atomically(path, text)
        return path

    def abandon(self, gen: Generation) -> None:
        """Drop a generation that was not committed (a failed build)."""
        gen.store = None
        shutil.rmtree(gen.path, ignore_errors=True)

    def update_info(self, **info) -> None:
        """Record more about the current generation (export state) without changing it."""
        data = self._pointer()
        if data is None:
            return
        data = {**data, **info}  # the read data is kept as read
        write_atomically(self.root / _POINTER, json.dumps(data, indent=0, sort_keys=True))
