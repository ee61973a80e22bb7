"""Build the default graph: the lexicon plus every document's facts, written to files."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..ask import RoleGraph
from ..graph.export import OUTPUT_FILES, write_outputs
from ..graph.rdf import build_dataset
from ..knowledge.facts import load_facts
from ..knowledge.lexicon import Lexicon, load_lexicon
from ..knowledge.model import DocumentFacts
from ..locations import default_out_dir
from ..sources import find_documents
from .corpus import Corpus, CorpusUpdate, registered_files

__all__ = ["BuildResult", "build", "load", "default_documents"]


@dataclass
class BuildResult:
    """What a build wrote: the output files, the graph, and what happened to added documents."""

    out_dir: Path
    files: dict[str, Path]
    counts: dict[str, int]  # instances by class, "triples" (merged) and "quads"
    documents: list[str] = field(default_factory=list)
    update: CorpusUpdate | None = None

    @cached_property
    def graph(self) -> RoleGraph:
        """The graph just built, loaded on first use (large graphs take a while)."""
        return _open(self.files["nquads"])


def default_documents(lex: Lexicon) -> list[DocumentFacts]:
    """The shipped curated facts (``data/facts``)."""
    return load_facts(lex)


def build(out_dir: Path | str | None = None, paths=None, *, jobs: int = 1,
          lexicon: Lexicon | None = None, documents: list[DocumentFacts] | None = None,
          progress=None, formats=tuple(OUTPUT_FILES)) -> BuildResult:
    """Build the graph and write it to ``out_dir``.

    The graph holds the lexicon, the shipped curated facts, and the documents
    added to this build folder: ``paths`` (files or folders) are extracted and
    registered; a changed file replaces its facts, a deleted one loses them.
    Writes ``graph.ttl``, ``graph.nt``, ``graph.jsonld`` (all triples merged) and
    ``graph.nq`` (one named graph per document, one for the lexicon); ``formats``
    picks fewer (N-Quads is always written). The same inputs always give the
    same bytes.
    """
    lex = lexicon or load_lexicon()
    docs = default_documents(lex) if documents is None else list(documents)
    out = Path(out_dir) if out_dir else default_out_dir()
    corpus = Corpus(out)
    update = None
    try:
        if paths is not None or len(corpus):
            found, missing = find_documents(paths or [])
            update = corpus.update(found, jobs=jobs, known_sha={d.document.sha256 for d in docs},
                                   progress=progress)
            update.failed = missing + update.failed
            docs += corpus.facts()
    finally:
        corpus.close()
    quads = build_dataset(lex, docs)
    files = write_outputs(quads, out, formats, jobs=jobs)
    return BuildResult(out, files, quads.counts(), [d.document.name for d in docs], update)


def load(path: Path | str | None = None) -> RoleGraph:
    """The default graph, ready to query.

    With ``path`` (a build folder or a ``.nq``/``.ttl`` file), load that. Without,
    load the last build in ``$ROLEGRAPH_HOME`` or ``./rolegraph-out`` if there is
    one, else build the shipped lexicon and facts in memory.

    >>> g = load()
    >>> g.stats()["Role"] >= 60
    True
    """
    if path is not None:
        path = Path(path)
        return _open(path / "graph.nq" if path.is_dir() else path)
    built = default_out_dir() / "graph.nq"
    if built.exists():
        return _open(built)
    lex = load_lexicon()
    return RoleGraph.from_quads(build_dataset(lex, default_documents(lex)))


def _open(path: Path) -> RoleGraph:
    """A graph file, with the documents its build folder registered (for quotes)."""
    path = Path(path)
    return RoleGraph.from_file(path, registered=registered_files(path.parent))
