"""Build a folder: the lexicon, the reference taxonomies and every document's facts, in a store and in files."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..ask import RoleGraph
from ..ask.graph import count_graph
from ..graph.export import BIG, DEFAULT_FORMATS, OUTPUT_FILES, write_outputs
from ..graph.iris import doc_graph_iri
from ..graph.rdf import Quads, document_graph, lexicon_graph
from ..graph.reference import reference_graphs
from ..graph.vocab import GRAPH_LEXICON, iri
from ..knowledge.facts import load_facts
from ..knowledge.lexicon import Lexicon, load_lexicon
from ..knowledge.model import DocumentFacts, facts_from_dict
from ..locations import default_out_dir
from ..sources import find_documents
from .corpus import Corpus, CorpusUpdate
from .folder import open_folder
from .store import FORMAT, BuildStore, folder_lock

__all__ = ["BuildResult", "build", "default_documents"]

# Changed graphs (or bytes of them) from which one bulk load beats transactional loads one by one.
_BULK_GRAPHS, _BULK_BYTES = 200, 1_000_000
_SHORT = {"esco": "ESCO", "onet": "O*NET", "crosswalk": "ESCO-O*NET crosswalk"}


@dataclass
class BuildResult:
    """What a build wrote: the store, the output files, the counts, and what happened to added documents."""

    out_dir: Path
    files: dict[str, Path]
    counts: dict[str, int]  # see count_graph
    documents: list[str] = field(default_factory=list)
    update: CorpusUpdate | None = None
    store: Path | None = None  # the current generation of the build's store
    changed: int = 0  # named graphs written or removed by this build
    sources: dict[str, str] = field(default_factory=dict)  # reference source id -> "ESCO 1.1.1"

    @property
    def graph(self) -> RoleGraph:
        """The graph just built, opened read-only from the build's store."""
        return open_folder(self.out_dir)


def default_documents(lex: Lexicon) -> list[DocumentFacts]:
    """The shipped curated facts (``data/facts``)."""
    return load_facts(lex)


def _fingerprint(*parts: str) -> str:
    h = hashlib.sha256(str(FORMAT).encode())
    for p in parts:
        h.update(p.encode("utf-8"))
    return h.hexdigest()


def _lexicon_graphs(lex: Lexicon) -> dict[str, str]:
    """The lexicon's graph and each reference source's graph, as N-Quads text by graph IRI."""
    quads = Quads()
    lexicon_graph(lex, quads.graph(iri(GRAPH_LEXICON)))
    reference_graphs(lex, quads)
    out = {}
    for name, lines in quads._sorted_graphs():
        tail = f" {name} .\n"
        out[name[1:-1]] = "".join(line[:-3] + tail for line in lines)
    return out


def _document_text(facts: DocumentFacts) -> tuple[str, str]:
    graph = doc_graph_iri(facts.document.name)
    quads = Quads()
    document_graph(facts, quads.graph(iri(graph)))
    return graph, "".join(quads.nquads())


class _Writer:
    """Puts changed graphs into a generation: one by one, or through one bulk load when there are many."""

    def __init__(self, gen, folder: Path):
        self.gen, self.folder = gen, folder
        self.wanted: set[str] = set()
        self.pending: list[tuple[str, str, str]] = []  # (graph, N-Quads, fingerprint)
        self.pending_bytes = 0
        self.spool = None
        self.spooled: dict[str, str] = {}
        self.changed = 0

    def offer(self, graph: str, fingerprint: str, text_of) -> None:
        """``graph`` should hold what ``text_of()`` gives; build the text only when the fingerprint changed."""
        self.wanted.add(graph)
        if self.gen.manifest.get(graph) == fingerprint:
            return
        self.changed += 1
        text = text_of()
        if graph in self.gen.manifest:
            self.gen.remove(graph)
        if self.spool is None and len(self.pending) < _BULK_GRAPHS and self.pending_bytes + len(text) < _BULK_BYTES:
            self.pending.append((graph, text, fingerprint))
            self.pending_bytes += len(text)
            return
        if self.spool is None:  # many changes: spool them to one file and bulk-load it
            self.spool = tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".nq", dir=self.folder,
                                                     prefix=".build-", delete=False)
            for g, t, f in self.pending:
                self.spool.write(t)
                self.spooled[g] = f
            self.pending = []
        self.spool.write(text)
        self.spooled[graph] = fingerprint

    def finish(self) -> None:
        for graph in sorted(set(self.gen.manifest) - self.wanted):
            self.gen.remove(graph)
            self.changed += 1
        for graph, text, fingerprint in self.pending:
            self.gen.replace(graph, text.encode("utf-8"), fingerprint)
        if self.spool is not None:
            self.spool.close()
            try:
                self.gen.bulk(Path(self.spool.name), self.spooled)
            finally:
                os.unlink(self.spool.name)


def build(out_dir: Path | str | None = None, paths=None, *, jobs: int = 1, lexicon: Lexicon | None = None,
          documents: list[DocumentFacts] | None = None, progress=None, formats=None, wait: bool = True,
          on_wait=None) -> BuildResult:
    """Build the graph into the folder ``out_dir`` (default: ``$ROLEGRAPH_HOME`` or ``./rolegraph-out``).

    The graph holds the lexicon, the reference taxonomies (the shipped tech
    subset of ESCO and O*NET, or what ``rolegraph import`` put in the folder),
    the shipped curated facts, and the documents added to this folder:
    ``paths`` (files or folders) are extracted and registered; a changed file
    replaces its facts, a deleted one loses them. Only what changed is
    written: the folder's store (``store/``) keeps one named graph per
    document and gets a new generation; ``formats`` chooses the files
    written from it (:data:`~rolegraph.graph.export.OUTPUT_FILES`; by default
    all four, or N-Quads alone for graphs of over two million quads).

    A second build on the same folder waits for the first (``wait=False``
    raises :class:`~rolegraph.builds.store.BuildLocked` instead).
    """
    out = Path(out_dir) if out_dir else default_out_dir()
    lex = lexicon or load_lexicon(reference=out)
    docs = default_documents(lex) if documents is None else list(documents)
    with folder_lock(out, wait=wait, on_wait=on_wait):
        corpus = Corpus(out)
        update = None
        try:
            if paths is not None or len(corpus):
                found, missing = find_documents(paths or [])
                update = corpus.update(found, jobs=jobs, known_sha={d.document.sha256 for d in docs},
                                       progress=progress, lexicon=lex)
                update.failed = missing + update.failed
            store = BuildStore(out)
            gen = store.begin()
            try:
                writer = _Writer(gen, out)
                for graph, text in _lexicon_graphs(lex).items():
                    writer.offer(graph, _fingerprint(text), lambda text=text: text)
                names = [d.document.name for d in docs]
                for facts in docs:
                    graph, text = _document_text(facts)
                    writer.offer(graph, _fingerprint(text), lambda text=text: text)
                for _slug, facts_json in corpus.rows():  # one at a time: memory stays flat
                    def text_of(facts_json=facts_json):
                        return _document_text(facts_from_dict(json.loads(facts_json)))[1]
                    name = json.loads(facts_json)["document"]["name"]
                    names.append(name)
                    writer.offer(doc_graph_iri(name), _fingerprint(facts_json), text_of)
                writer.finish()
                if writer.changed or store.current() is None:
                    counts = count_graph(gen.store)
                    store.commit(gen, counts=counts, exports={})
                else:  # nothing changed: the current generation stays, and no reader sees a switch
                    store.abandon(gen)
                    counts = store.info()["counts"]
            except BaseException:
                store.abandon(gen)
                raise
        finally:
            corpus.close()
        chosen = tuple(formats) if formats is not None else \
            (DEFAULT_FORMATS if counts["quads"] < BIG else ("nquads",))
        current = store.current()
        if not store.index(current, "names").is_file():  # what every command needs first: saved once
            store.save_index(current, "names", RoleGraph.open(current).roles.to_json())
        exported = store.info().get("exports", {})
        todo = [f for f in chosen if exported.get(f) != current.name or not (out / OUTPUT_FILES[f]).is_file()]
        write_outputs(current, out, todo, keep=chosen, quads=counts["quads"], jobs=max(jobs, 2))
        store.update_info(exports={fmt: current.name for fmt in chosen})
        files = {fmt: out / OUTPUT_FILES[fmt] for fmt in chosen}
    ref = lex.reference
    sources = {k: f"{_SHORT.get(k, k)} {src.version}" for k, src in (ref.sources.items() if ref else ())}
    return BuildResult(out, files, counts, names, update, current, writer.changed, sources)
