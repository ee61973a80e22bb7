"""Write a graph to files, byte-identical from one build to the next.

N-Quads (one named graph per document, graph by graph) and N-Triples (all
graphs merged) are sorted lines; Turtle and JSON-LD are written by Oxigraph
from the sorted N-Triples, so their order is fixed too. Each file is written
to a temporary name and renamed, so a failed build leaves the previous files
intact. On large graphs, Turtle and JSON-LD are written by two processes at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..errors import RolegraphError
from .rdf import Quads
from .vocab import PREFIXES

__all__ = ["write_outputs", "OUTPUT_FILES"]

#: The files ``write_outputs`` produces, by format.
OUTPUT_FILES = {"nquads": "graph.nq", "nt": "graph.nt", "turtle": "graph.ttl",
                "json-ld": "graph.jsonld"}
_PARALLEL_FROM = 200_000  # triples: below this, a second process costs more than it saves


def _write_atomic(path: Path, chunks) -> None:
    """Write via a temporary file and rename, so a failed build leaves the old file intact."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:  # mode from the umask
            fh.writelines(chunks)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def convert(nt_path: str, fmt: str, dest: str) -> str:
    """Write the N-Triples file ``nt_path`` as Turtle or JSON-LD to ``dest``."""
    import pyoxigraph as ox

    triples = ox.parse(path=nt_path, format=ox.RdfFormat.N_TRIPLES)
    if fmt == "turtle":
        data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        # Oxigraph writes the prefix lines in hash order: sort them
        lines = data.decode("utf-8").split("\n")
        k = 0
        while k < len(lines) and lines[k].startswith("@prefix"):
            k += 1
        text = "\n".join(sorted(lines[:k]) + lines[k:])
    else:
        text = ox.serialize(triples, format=ox.RdfFormat.JSON_LD).decode("utf-8") + "\n"
    _write_atomic(Path(dest), [text])
    return dest


def _convert_in_parallel(nt_path: Path, targets: dict[str, Path]) -> None:
    """Run :func:`convert` for each target in a process of its own (``python -m rolegraph.graph.export``).

    Plain subprocesses rather than multiprocessing, so a user's script is never
    re-imported by a spawned interpreter.
    """
    procs = {fmt: subprocess.Popen([sys.executable, "-m", "rolegraph.graph.export", str(nt_path), fmt, str(dest)],
                                   stderr=subprocess.PIPE, text=True)
             for fmt, dest in targets.items()}
    errors = []
    for fmt, proc in procs.items():
        _out, err = proc.communicate()
        if proc.returncode != 0:
            errors.append(f"{targets[fmt]}: {(err.strip().splitlines() or ['failed'])[-1]}")
    if errors:
        raise RolegraphError("cannot write " + "; ".join(errors))


def write_outputs(quads: Quads, out_dir: Path | str, formats=tuple(OUTPUT_FILES),
                  jobs: int = 2) -> dict[str, Path]:
    """Write ``quads`` as N-Quads (named graphs) and N-Triples, Turtle, JSON-LD (merged).

    ``formats`` chooses among :data:`OUTPUT_FILES`; N-Quads is always written,
    since loading the graph reads it. Files of formats not chosen are removed,
    so none is left over from an earlier build.
    """
    unknown = set(formats) - set(OUTPUT_FILES)
    if unknown:
        raise ValueError(f"unknown output formats {sorted(unknown)}; choose from {list(OUTPUT_FILES)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"nquads": out / OUTPUT_FILES["nquads"]}
    _write_atomic(paths["nquads"], quads.nquads())
    for fmt, name in OUTPUT_FILES.items():  # a file of an earlier build would now be stale
        if fmt != "nquads" and fmt not in formats:
            (out / name).unlink(missing_ok=True)
    derived = [f for f in ("turtle", "json-ld") if f in formats]
    if "nt" not in formats and not derived:
        return paths
    triples = quads.ntriples()
    nt_path = out / OUTPUT_FILES["nt"]
    if "nt" not in formats:  # Turtle and JSON-LD are converted from it: a temporary file
        nt_path = out / f".{OUTPUT_FILES['nt']}.tmp"
    _write_atomic(nt_path, triples)
    if "nt" in formats:
        paths["nt"] = nt_path
    targets = {fmt: out / OUTPUT_FILES[fmt] for fmt in derived}
    try:
        if jobs > 1 and len(derived) > 1 and len(triples) >= _PARALLEL_FROM:
            _convert_in_parallel(nt_path, targets)
        else:
            for fmt, dest in targets.items():
                convert(str(nt_path), fmt, str(dest))
    finally:
        if "nt" not in formats:
            nt_path.unlink(missing_ok=True)
    paths.update(targets)
    return paths


if __name__ == "__main__":  # python -m rolegraph.graph.export NT_FILE FORMAT DEST (used by write_outputs)
    convert(sys.argv[1], sys.argv[2], sys.argv[3])
