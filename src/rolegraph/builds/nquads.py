"""The build's N-Quads file, written a named graph at a time so that a rebuild copies what did not change.

``graph.nq`` is every named graph in IRI order, each graph's lines sorted:
the same graph always gives the same bytes, however it was built. Where each
graph's lines lie in the file is recorded in ``store/nquads.json`` with the
fingerprint of what the graph was built from. A rebuild writes the text of
the graphs that changed to a spool file, then assembles the new file from
the spool and from the unchanged ranges of the previous file (kernel-side
copies, no parsing), and renames it into place: one changed document of
thousands costs a copy of the file, not its serialisation (Oxigraph writes
N-Quads at about 20 MB/s). A file edited by hand, or an index that does
not match it, is simply not trusted: every graph's text is written again.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from ..errors import RolegraphError
from ..graph.export import replacing
from .store import write_atomically

__all__ = ["Spool", "Previous", "splice"]

_INDEX = "nquads.json"


class Spool:
    """Texts of named graphs appended to one temporary file in ``folder``, with where each lies."""

    def __init__(self, folder: Path):
        self.file = tempfile.NamedTemporaryFile("wb", suffix=".nq", dir=folder, prefix=".build-", delete=False)
        self.path = Path(self.file.name)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.path, 0o666 & ~umask)  # it may become graph.nq: readable as any file the user writes
        self.ranges: dict[str, tuple[int, int]] = {}  # graph -> (offset, length)
        self.order: list[str] = []
        self.size = 0

    def add(self, graph: str, text: str) -> None:
        data = text.encode("utf-8")
        self.file.write(data)
        self.ranges[graph] = (self.size, len(data))
        self.order.append(graph)
        self.size += len(data)

    def read(self, graph: str) -> bytes:
        offset, length = self.ranges[graph]
        self.file.flush()
        with open(self.path, "rb") as fh:
            fh.seek(offset)
            return fh.read(length)

    def close(self) -> None:
        if not self.file.closed:
            self.file.close()

    def discard(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)


class Previous:
    """The N-Quads file a previous build wrote and the index of its graphs, when both are intact."""

    def __init__(self, store_root: Path, dest: Path):
        self.dest, self.index_path = dest, store_root / _INDEX
        self.graphs: dict[str, list] = {}  # graph -> [offset, length, fingerprint]
        try:
            data = json.loads(self.index_path.read_text(encoding="utf-8"))
            st = dest.stat()
            if data.get("size") == st.st_size and data.get("mtime_ns") == st.st_mtime_ns:
                self.graphs = data["graphs"]
        except (OSError, ValueError, KeyError, TypeError):
            self.graphs = {}

    def has(self, graph: str, fingerprint: str) -> bool:
        """Whether the previous file holds ``graph`` as built from ``fingerprint``."""
        entry = self.graphs.get(graph)
        return entry is not None and entry[2] == fingerprint


def _copy(src, dst, offset: int, length: int) -> None:
    """Copy ``length`` bytes at ``offset`` of ``src`` to the end of ``dst`` (in the kernel where it can)."""
    while length > 0:
        try:
            n = os.copy_file_range(src.fileno(), dst.fileno(), length, offset)
        except (AttributeError, OSError) as exc:
            if isinstance(exc, OSError) and exc.errno == 28:
                raise
            src.seek(offset)
            while length > 0:
                chunk = src.read(min(length, 1 << 20))
                if not chunk:
                    raise OSError(f"{src.name} is shorter than its index says")
                dst.write(chunk)
                length -= len(chunk)
            return
        if n == 0:
            raise OSError(f"{src.name} is shorter than its index says")
        offset, length = offset + n, length - n


def splice(dest: Path, manifest: dict[str, str], spool: Spool, previous: Previous) -> None:
    """Write ``dest``: every graph of ``manifest`` (graph -> fingerprint) in IRI order, from the spool or,
    unchanged, from the previous file; then record where each graph lies. Atomic: a failure or a kill
    leaves the previous file and its index as they were."""
    graphs = sorted(manifest)
    spool.close()
    entries: dict[str, list] = {}
    with replacing(dest) as tmp:
        if spool.order == graphs:  # every graph written, in order: the spool is the file
            os.replace(spool.path, tmp)
            for g in graphs:
                entries[g] = [*spool.ranges[g], manifest[g]]
        else:
            _assemble(tmp, graphs, manifest, spool, previous, entries)
    st = dest.stat()
    write_atomically(previous.index_path, json.dumps({"size": st.st_size, "mtime_ns": st.st_mtime_ns,
                                                      "graphs": entries}, sort_keys=True))


def _assemble(tmp: Path, graphs, manifest, spool: Spool, previous: Previous, entries: dict) -> None:
    with open(tmp, "wb", buffering=0) as out, open(spool.path, "rb") as new, \
            (open(previous.dest, "rb") if previous.graphs else open(os.devnull, "rb")) as old:
        run = None  # (source, offset, length): adjacent ranges of one file copied at once
        position = 0
        for g in graphs:
            if g in spool.ranges:
                source, (offset, length) = new, spool.ranges[g]
            elif previous.has(g, manifest[g]):
                source, (offset, length) = old, previous.graphs[g][:2]
            else:
                raise RolegraphError(f"internal error: no text for graph {g}")
            entries[g] = [position, length, manifest[g]]
            position += length
            if run and run[0] is source and run[1] + run[2] == offset:
                run = (source, run[1], run[2] + length)
            else:
                if run:
                    _copy(run[0], out, run[1], run[2])
                run = (source, offset, length)
        if run:
            _copy(run[0], out, run[1], run[2])
        out.flush()
