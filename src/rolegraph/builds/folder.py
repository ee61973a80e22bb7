"""Opening a build folder: its store's current generation, read-only, or its N-Quads file.

Kept apart from the build pipeline so that commands that only ask the graph
(``rolegraph path``) start without importing the extractor or the RDF builder.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BadInput, shown
from ..ask import RoleGraph
from ..graph.export import OUTPUT_FILES
from ..graph.iris import IriBase
from ..locations import find_build_dir
from .corpus import registered_files
from .store import BuildStore

__all__ = ["load", "open_folder"]


def load(path: Path | str | None = None) -> RoleGraph:
    """The graph of a build, ready to query.

    With ``path``, a build folder or a graph file (``.nq``, ``.nt``, ``.ttl``,
    ``.trig``). Without, the build in ``$ROLEGRAPH_HOME``, or the nearest
    ``rolegraph-out`` in the working folder or above it, if there is one, else
    the shipped data built in memory (a few seconds). The graph's ``repr``
    says which it is.

    >>> g = load()
    >>> g.stats()["Role"] >= 250
    True
    """
    if path is not None:
        path = Path(path)
        if not path.exists():
            raise BadInput(f"{shown(path)}: no such build folder or graph file; give a folder made by "
                           "'rolegraph build' or a .nq, .nt, .ttl or .trig file")
        if path.is_dir():
            return open_folder(path)
        return RoleGraph.from_file(path, registered=registered_files(path.parent))
    folder = find_build_dir()
    if BuildStore(folder).current() is not None or (folder / OUTPUT_FILES["nquads"]).is_file():
        return open_folder(folder)
    from ..graph.rdf import build_dataset
    from ..knowledge.lexicon import load_lexicon
    from .pipeline import default_documents

    lex = load_lexicon()
    return RoleGraph.from_quads(build_dataset(lex, default_documents(lex)))


def open_folder(folder: Path | str) -> RoleGraph:
    """A build folder's graph: its store, read-only, with the documents it registered (for quotes)."""
    folder = Path(folder)
    store = BuildStore(folder)
    current = store.current()
    if current is not None:
        names, careers = store.index(current, "names"), store.index(current, "careers")
        return RoleGraph.open(current, registered=registered_files(folder), names=names if names.is_file() else None,
                              careers=careers if careers.is_file() else None, iris=IriBase(store.info().get("base")))
    nquads = folder / OUTPUT_FILES["nquads"]
    if not nquads.is_file():
        raise BadInput(f"no build in {shown(folder)}: run 'rolegraph build -o {shown(folder)}' first")
    return RoleGraph.from_file(nquads, registered=registered_files(folder))
