"""Write a stored graph to files, streamed, each through a temporary file of its own.

N-Quads keeps one named graph per document, per reference source and for
the lexicon; N-Triples, Turtle and JSON-LD hold every graph merged. Oxigraph
writes them straight from the store to disk, in its own order, which depends
only on the graph's content: the same graph always gives the same bytes. A
file is renamed into place only when complete, so a failed or killed export
leaves the previous file whole. On large graphs the formats are written by
separate processes at once.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
import subprocess
import sys
import uuid
from pathlib import Path

from ..errors import RolegraphError
from .iris import IriBase

__all__ = ["write_outputs", "write_one", "replacing", "OUTPUT_FILES", "DEFAULT_FORMATS", "BIG"]

#: The files ``write_outputs`` produces, by format.
OUTPUT_FILES = {"nquads": "graph.nq", "nt": "graph.nt", "turtle": "graph.ttl", "json-ld": "graph.jsonld"}
DEFAULT_FORMATS = tuple(OUTPUT_FILES)
#: Quads from which a build writes only N-Quads unless asked for more: the merged formats are
#: written whole from the store at every change (N-Quads is spliced, see rolegraph.builds.nquads),
#: at about 20 MB/s each.
BIG = 200_000
_PARALLEL_FROM = 50_000  # quads: below this, a second process costs more than it saves
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")


@contextmanager
def replacing(dest: Path):
    """Write ``dest`` through a temporary file of its own (yielded), renamed onto it at the end.

    A failure or a kill leaves the previous file whole; a full disk is a
    :class:`RolegraphError` saying so, and the temporary file is removed.
    """
    dest = Path(dest)
    tmp = _temporary(dest)
    try:
        yield tmp
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        reason = "the disk is full" if getattr(exc, "errno", None) == 28 else str(exc.strerror or exc)
        raise RolegraphError(f"cannot write {dest}: {reason}; the previous file is intact") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _sort_prefixes(path: Path) -> None:
    """Oxigraph writes Turtle's @prefix lines in hash order: put them in order, streaming the rest."""
    sorted_path = _temporary(path)
    with open(path, encoding="utf-8") as src, open(sorted_path, "w", encoding="utf-8", newline="\n") as dst:
        head, line = [], src.readline()
        while line.startswith("@prefix"):
            head.append(line)
            line = src.readline()
        dst.writelines(sorted(head))
        dst.write(line)
        while chunk := src.read(1 << 20):
            dst.write(chunk)
    os.replace(sorted_path, path)


def write_one(store_path: str, fmt: str, dest: str, base: str | None = None) -> str:
    """Write the store at ``store_path`` as ``fmt`` to ``dest`` (opens the store read-only).

    ``base``: the IRI base the graph was minted under, for the resources' prefixes (``role:`` ...)."""
    import pyoxigraph as ox

    with replacing(Path(dest)) as tmp:
        store = ox.Store.read_only(store_path)
        if fmt == "nquads":
            store.dump(output=str(tmp), format=ox.RdfFormat.N_QUADS)
        else:
            triples = store.query(_UNION, use_default_graph_as_union=True)
            rdf_format = {"nt": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE,
                          "json-ld": ox.RdfFormat.JSON_LD}[fmt]
            ox.serialize(triples, output=str(tmp), format=rdf_format,
                         prefixes=IriBase(base).prefixes if fmt in ("turtle", "json-ld") else None)
            if fmt == "turtle":
                _sort_prefixes(tmp)
    return dest


def write_outputs(store_path: Path | str, out_dir: Path | str, formats=DEFAULT_FORMATS, *, keep=None,
                  quads: int = 0, jobs: int = 2, base: str | None = None) -> dict[str, Path]:
    """Write the store's graph in ``formats`` (see :data:`OUTPUT_FILES`) into ``out_dir``.

    Files of formats not in ``keep`` (default: ``formats``) are removed, so
    none is left over from an earlier build. ``quads`` (the store's size)
    decides whether the formats are written by parallel processes. ``base``: see :func:`write_one`.
    """
    unknown = set(formats) - set(OUTPUT_FILES)
    if unknown:
        raise ValueError(f"unknown output formats {sorted(unknown)}; choose from {list(OUTPUT_FILES)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    keep = set(formats if keep is None else keep) | set(formats)
    for fmt, name in OUTPUT_FILES.items():  # a file of an earlier build would now be stale
        if fmt not in keep:
            (out / name).unlink(missing_ok=True)
    targets = {fmt: out / OUTPUT_FILES[fmt] for fmt in OUTPUT_FILES if fmt in formats}
    if jobs > 1 and len(targets) > 1 and quads >= _PARALLEL_FROM:
        _in_parallel(str(store_path), targets, jobs, base)
    else:
        for fmt, dest in targets.items():
            write_one(str(store_path), fmt, str(dest), base)
    return targets


def _in_parallel(store_path: str, targets: dict[str, Path], jobs: int, base: str | None) -> None:
    """Run :func:`write_one` for each format in a process of its own (``python -m rolegraph.graph.export``).

    Plain subprocesses rather than multiprocessing, so a user's script is never
    re-imported by a spawned interpreter.
    """
    pending, errors = list(targets.items()), []
    while pending:
        batch, pending = pending[:jobs], pending[jobs:]
        argv = [sys.executable, "-m", "rolegraph.graph.export", store_path]
        procs = {fmt: (dest, subprocess.Popen(argv + [fmt, str(dest)] + ([base] if base else []),
                                              stderr=subprocess.PIPE, text=True))
                 for fmt, dest in batch}
        for fmt, (dest, proc) in procs.items():
            _out, err = proc.communicate()
            if proc.returncode != 0:
                errors.append((err.strip().splitlines() or [f"cannot write {dest}"])[-1].removeprefix("error: "))
    if errors:
        raise RolegraphError("; ".join(errors))


if __name__ == "__main__":  # python -m rolegraph.graph.export STORE FORMAT DEST [BASE] (used by write_outputs)
    try:
        write_one(*sys.argv[1:5])
    except RolegraphError as exc:
        sys.exit(f"error: {exc}")
