"""Build a folder: the lexicon, the reference taxonomies and every document's facts, in a store and in files."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..ask import RoleGraph
from ..errors import BadInput, shown
from ..ask.graph import DISTINCT_UP_TO, count_triples
from ..graph.export import BIG, DEFAULT_FORMATS, OUTPUT_FILES, write_outputs
from ..graph.iris import IriBase, doc_graph_iri
from ..graph.rdf import Quads, document_graph, lexicon_graph
from ..graph.reference import reference_graphs
from ..graph.vocab import BASE, GRAPH_LEXICON, iri
from ..knowledge.facts import load_facts
from ..knowledge.lexicon import Lexicon, load_lexicon
from ..knowledge.model import DocumentFacts, facts_from_dict
from ..locations import default_out_dir
from ..sources import find_documents
from .corpus import Corpus, CorpusUpdate
from .folder import open_folder
from .nquads import Previous, Spool, splice
from .store import FORMAT, BuildStore, folder_lock
from .summaries import Summaries, combine, summarise_batches

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
    base: str = BASE  # the IRI base the graph's resources and named graphs are minted under

    @property
    def graph(self) -> RoleGraph:
        """The graph just built, opened read-only from the build's store."""
        return open_folder(self.out_dir)


def default_documents(lex: Lexicon) -> list[DocumentFacts]:
    """The shipped curated facts (``data/facts``)."""
    return load_facts(lex)


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of the code that turns facts and lexicon into triples: a changed checkout rewrites every graph."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(str(FORMAT).encode())
    for path in sorted((package / "graph").glob("*.py")) + sorted((package / "knowledge").rglob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _fingerprint(*parts: str, iris: IriBase | None = None) -> str:
    h = hashlib.sha256(_code_digest().encode())
    if iris is not None and not iris.is_default:  # another base: every graph changes
        h.update(b"\0base\0" + iris.base.encode("utf-8"))
    for p in parts:
        h.update(b"\0" + p.encode("utf-8"))
    return h.hexdigest()


def _lexicon_texts(lex: Lexicon, iris: IriBase) -> dict[str, str]:
    """The lexicon's graph and each reference source's graph, as N-Quads text by graph IRI (under ``iris``)."""
    quads = Quads()
    lexicon_graph(lex, quads.graph(iri(GRAPH_LEXICON)))
    reference_graphs(lex, quads)
    out = {}
    for name, lines in quads._sorted_graphs():
        tail = f" {name} .\n"
        out[iris.here(name[1:-1])] = iris.nquads("".join(line[:-3] + tail for line in lines))
    return out


def _lexicon_offers(lex: Lexicon, manifest: dict[str, str], iris: IriBase):
    """``(graph, fingerprint, text_of)`` for the lexicon's and the reference sources' graphs.

    A lexicon read from files (``lex.inputs``) is fingerprinted by those files: when they are as
    the current generation's graphs were built from, no text is made unless asked for.
    """
    texts = {}
    lexicon = iris.here(GRAPH_LEXICON)

    def text_of(graph):
        if not texts:
            texts.update(_lexicon_texts(lex, iris))
        return texts[graph]

    if lex.inputs is not None:
        fingerprint = _fingerprint("lexicon", lex.inputs, iris=iris)
        ours = {g: fp for g, fp in manifest.items() if not g.startswith(iris.doc_graphs)}
        graphs = sorted(g for g, fp in ours.items() if fp == fingerprint)
        stale = [g for g, fp in ours.items() if fp != fingerprint]
        if not graphs or stale:
            text_of(lexicon)
            graphs = sorted(texts)
        return [(g, fingerprint, lambda g=g: text_of(g)) for g in graphs]
    text_of(lexicon)
    return [(g, _fingerprint(t, iris=iris), lambda g=g: texts[g]) for g, t in sorted(texts.items())]


def _document_text(facts: DocumentFacts, iris: IriBase) -> str:
    """One document's graph as N-Quads, under ``iris``."""
    quads = Quads()
    document_graph(facts, quads.graph(iri(doc_graph_iri(facts.document.name))))
    return iris.nquads("".join(quads.nquads()))


class _Writer:
    """Puts changed graphs into a generation, and their text into the spool for the N-Quads file."""

    def __init__(self, gen, spool: Spool, previous: Previous | None):
        self.gen, self.spool, self.previous = gen, spool, previous
        self.manifest: dict[str, str] = {}  # of the new generation
        self.changed: list[str] = []  # graphs written (not removed)
        self.removed: list[str] = []
        self.changed_bytes = 0

    def offer(self, graph: str, fingerprint: str, text_of) -> None:
        """``graph`` should hold what ``text_of()`` gives; make the text only when it is needed:
        the graph changed, or the previous N-Quads file lacks it."""
        self.manifest[graph] = fingerprint
        changed = self.gen.manifest.get(graph) != fingerprint
        if not changed and (self.previous is None or self.previous.has(graph, fingerprint)):
            return
        text = text_of()
        self.spool.add(graph, text)
        if changed:
            self.changed.append(graph)
            self.changed_bytes += len(text)

    def finish(self) -> None:
        """Remove the graphs no longer wanted and load the changed ones."""
        self.removed = sorted(set(self.gen.manifest) - set(self.manifest))
        for graph in self.removed:
            self.gen.remove(graph)
        if len(self.changed) >= _BULK_GRAPHS or self.changed_bytes >= _BULK_BYTES:
            for graph in self.changed:
                if graph in self.gen.manifest:
                    self.gen.remove(graph)
            self.spool.file.flush()  # the spool may hold unchanged graphs too: loading them again is harmless
            self.gen.bulk(self.spool.path, {g: self.manifest[g] for g in self.changed})
        else:
            for graph in self.changed:
                self.gen.replace(graph, self.spool.read(graph), self.manifest[graph])

    @property
    def count(self) -> int:
        return len(self.changed) + len(self.removed)


def build(out_dir: Path | str | None = None, paths=None, *, jobs: int = 1, lexicon: Lexicon | None = None,
          documents: list[DocumentFacts] | None = None, progress=None, formats=None, wait: bool = True,
          on_wait=None, base: str | None = None) -> BuildResult:
    """Build the graph into the folder ``out_dir`` (default: ``$ROLEGRAPH_HOME`` or ``./rolegraph-out``).

    The graph holds the lexicon, the reference taxonomies (the shipped tech
    subset of ESCO and O*NET, or what ``rolegraph import`` put in the folder),
    the shipped curated facts, and the documents added to this folder:
    ``paths`` (files or folders) are extracted and registered; a changed file
    replaces its facts, a deleted one loses them. Only what changed is
    written: the folder's store (``store/``) keeps one named graph per
    document and gets a new generation; ``formats`` chooses the files
    written from it (:data:`~rolegraph.graph.export.OUTPUT_FILES`; by default
    all four, or N-Quads alone for graphs of 200,000 quads or more, about
    400 documents: N-Quads is rewritten a changed graph at a time, the
    merged formats whole from the store). The counts, the role-name index
    and the career graph are combined from per-graph summaries
    (:mod:`~rolegraph.builds.summaries`), so one changed document of
    thousands costs about that document's work.

    ``base`` mints the graph's resources and named graphs under another IRI
    base than ``https://w3id.org/rolegraph/`` (:class:`~rolegraph.graph.iris.IriBase`;
    the ontology's terms stay rolegraph's). The folder keeps it: later builds
    use it until another is given, and a new base rewrites every graph.

    A second build on the same folder waits for the first (``wait=False``
    raises :class:`~rolegraph.builds.store.BuildLocked` instead).
    """
    chosen_base = IriBase(base) if base is not None else None  # a bad base: said before any work
    gone = [str(p) for p in paths or () if not Path(p).exists()]
    if gone:  # a mistyped path: say so before a long build of the rest
        raise BadInput(f"no such file or folder: {', '.join(map(shown, gone))}; nothing was built")
    out = Path(out_dir) if out_dir else default_out_dir()
    lex = lexicon or load_lexicon(reference=out)
    docs = default_documents(lex) if documents is None else list(documents)
    with folder_lock(out, wait=wait, on_wait=on_wait):
        corpus = Corpus(out)
        try:
            update = None
            if paths is not None or len(corpus):
                found, missing = find_documents(paths or [])
                update = corpus.update(found, jobs=jobs, known_sha={d.document.sha256 for d in docs},
                                       progress=progress, lexicon=lex)
                update.failed = missing + update.failed
            result = _write_store(out, lex, docs, corpus, formats, jobs, chosen_base)
        finally:
            corpus.close()
    counts, files, current, changed, names, minted = result
    ref = lex.reference
    sources = {k: f"{_SHORT.get(k, k)} {src.version}" for k, src in (ref.sources.items() if ref else ())}
    return BuildResult(out, files, counts, names, update, current, changed, sources, minted)


def _remove_leftovers(out: Path, root: Path) -> None:
    """Temporary files of builds that were killed (the folder lock says none is running): spools,
    half-written outputs and indexes."""
    for pattern in (".build-*.nq", ".graph.*.tmp"):
        for path in out.glob(pattern):
            path.unlink(missing_ok=True)
    if root.is_dir():
        for path in root.glob(".*.tmp"):
            path.unlink(missing_ok=True)


def _write_store(out: Path, lex: Lexicon, docs, corpus: Corpus, formats, jobs: int, iris: IriBase | None):
    """Bring the store, its indexes and the output files up to date; returns what a BuildResult needs."""
    store = BuildStore(out)
    if iris is None:  # the base the folder was built with, else rolegraph's
        iris = IriBase(store.info().get("base"))
    _remove_leftovers(out, store.root)
    nq_path = out / OUTPUT_FILES["nquads"]
    gen = store.begin()
    # Every default writes N-Quads: the graphs' texts are kept for it unless other formats were asked for.
    previous = Previous(store.root, nq_path) if formats is None or "nquads" in formats else None
    spool = Spool(out)
    try:
        writer = _Writer(gen, spool, previous)
        offers = _lexicon_offers(lex, gen.manifest, iris)
        by_name = {}
        for facts in docs:
            by_name[iris.here(doc_graph_iri(facts.document.name))] = facts
        digests = corpus.digests()
        names = [d.document.name for d in docs] + [name for _slug, name, _sha in digests]
        for graph, facts in by_name.items():
            offers.append((graph, None, facts))
        for slug, _name, sha in digests:
            offers.append((iris.doc_graphs + slug, sha, slug))
        offers.sort(key=lambda o: o[0])
        for graph, fingerprint, payload in offers:
            if isinstance(payload, DocumentFacts):  # a shipped document: small, fingerprinted by its text
                text = _document_text(payload, iris)
                writer.offer(graph, _fingerprint("document", text, iris=iris), lambda text=text: text)
            elif isinstance(payload, str):  # a registered document, fingerprinted by its facts
                def text_of(slug=payload):
                    return _document_text(facts_from_dict(json.loads(corpus.facts_json(slug))), iris)
                writer.offer(graph, _fingerprint("facts", fingerprint, iris=iris), text_of)
            else:
                writer.offer(graph, fingerprint, payload)
        writer.finish()
        summaries = Summaries(store.root)
        try:
            todo = sorted(set(writer.changed) | set(summaries.missing(writer.manifest)))
            for found in summarise_batches(gen.store, todo, spill=store.root, iris=iris):
                summaries.put({g: (writer.manifest[g], summary) for g, summary in found.items()})
            if writer.count or store.current() is None:
                counts, index, careers = combine(summaries.of(writer.manifest), gen.store, iris)
                if counts["quads"] < DISTINCT_UP_TO:
                    counts["triples"] = count_triples(gen.store)
                    counts = dict(sorted(counts.items()))
                store.save_index(gen.path, "names", index.to_json())
                store.save_index(gen.path, "careers", json.dumps(careers, ensure_ascii=False, sort_keys=True))
                store.commit(gen, counts=counts, exports=store.info().get("exports", {}), base=iris.base)
            else:  # nothing changed: the current generation stays, and no reader sees a switch
                store.abandon(gen)
                counts = store.info()["counts"]
            summaries.prune(writer.manifest)
        finally:
            summaries.close()
    except BaseException:
        store.abandon(gen)
        spool.discard()
        raise
    current = store.current()
    chosen = tuple(formats) if formats is not None else \
        (DEFAULT_FORMATS if counts["quads"] < BIG else ("nquads",))
    try:
        exported = store.info().get("exports", {})
        if "nquads" in chosen and (spool.ranges or exported.get("nquads") != current.name
                                   or not nq_path.is_file()):
            splice(nq_path, writer.manifest, spool, previous)
    finally:
        spool.discard()
    exported = {"nquads": current.name} if "nquads" in chosen else {}
    others = [f for f in chosen if f != "nquads"]
    old = store.info().get("exports", {})
    todo = [f for f in others if old.get(f) != current.name or not (out / OUTPUT_FILES[f]).is_file()]
    write_outputs(current, out, todo, keep=chosen, quads=counts["quads"], jobs=max(jobs, 2),
                  base=iris.base)
    store.update_info(exports=exported | {fmt: current.name for fmt in others})
    files = {fmt: out / OUTPUT_FILES[fmt] for fmt in chosen}
    return counts, files, current, writer.count, names, iris.base
