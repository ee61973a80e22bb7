"""What each named graph adds to the counts, the role names and the career graph, kept per graph.

Commands need three things besides SPARQL: the counts a build reports, the
index of role names, and the career graph. Computed from the whole store they
cost time in proportion to the number of documents, at every build. Instead a
build summarises only the graphs it wrote (their labels, move statements,
salary figures, typed nodes and size), keeps each summary in
``store/summaries.sqlite`` under the graph's fingerprint, and combines the
summaries of every graph of the new generation, a pass over small rows.

The combination gives what the whole-store computations give
(:func:`~rolegraph.ask.graph.count_graph`, :meth:`RoleIndex.from_graph`,
:class:`CareerGraph`), which a test checks. A node minted under a document's
own IRIs (its evidence, statements, the document itself) is typed in that
document's graph only, so it is counted per graph; other typed nodes (roles,
skills) may be typed in several graphs and are counted once over all.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ..ask.careers import SALARIES, TRANSITIONS, career_data, role_rows, salary_row, transition_row
from ..ask.graph import RoleGraph
from ..ask.names import LABELS, RoleIndex, label_row
from ..errors import RolegraphError
from ..graph.vocab import ID, RG

__all__ = ["Summaries", "summarise", "summarise_batches", "combine"]

_DB = "summaries.sqlite"
_LOCAL = ID.base + "doc/"  # nodes minted for one document: typed in its graph only
# Up to this many changed graphs, each is summarised by queries naming it (milliseconds each);
# beyond, one query over all graphs is cheaper.
_ONE_BY_ONE = 100
_BATCH = 500  # graphs summarised by one set of grouped queries

_TYPES = f"""SELECT ?g ?s ?cls WHERE {{ GRAPH ?g {{ ?s a ?cls }} FILTER(STRSTARTS(STR(?cls), "{RG.base}")) }}"""
_MOVES = "SELECT DISTINCT ?g ?a ?b WHERE { GRAPH ?g { ?a rg:canTransitionTo ?b } }"
_SIZE = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def _empty() -> dict:
    return {"quads": 0, "labels": [], "local": {}, "shared": {}, "moves": [], "transitions": [], "salaries": []}


def _query(store, text: str, graph: str | None, batch: list[str] | None = None):
    if graph is not None:  # the graph named in the query: Oxigraph then reads that graph's index only
        text = text.replace("GRAPH ?g", f"GRAPH <{graph}>")  # ?g stays in the results, unbound
    elif batch is not None:  # these graphs only
        text = text.replace("GRAPH ?g", "VALUES ?g { " + " ".join(f"<{g}>" for g in batch) + " } GRAPH ?g", 1)
    return RoleGraph(store).query(text)


def summarise(store, graphs: list[str] | None = None) -> dict[str, dict]:
    """The summary of each of ``graphs`` (IRIs; default: every graph) in ``store`` (a pyoxigraph Store)."""
    if graphs is None:
        return _summarise(store, [None])
    out: dict[str, dict] = {}
    for found in summarise_batches(store, graphs):
        out.update(found)
    return out


def summarise_batches(store, graphs: list[str]):
    """The summaries of ``graphs``, a batch at a time (``{graph: summary}`` each), so that summarising
    a hundred thousand graphs holds a batch's summaries, not all of them."""
    if len(graphs) <= _ONE_BY_ONE:
        yield _summarise(store, graphs)
        return
    for k in range(0, len(graphs), _BATCH):
        batch = graphs[k:k + _BATCH]
        found = _summarise(store, [None], batch)
        yield {g: found.get(g) or _empty() for g in batch}


def _summarise(store, graphs: list[str | None], batch: list[str] | None = None) -> dict[str, dict]:
    """Summaries by queries naming each of ``graphs``, or (``[None]``) by grouped queries over the
    graphs of ``batch`` (default: all)."""
    out: dict[str, dict] = {g: _empty() for g in graphs if g is not None}
    for graph in graphs:
        def results(text, graph=graph):
            for row in _query(store, text, graph, batch):
                g = graph if graph is not None else row["g"].value
                yield g, out.setdefault(g, _empty()), row

        for _g, summary, row in results(_SIZE):
            summary["quads"] = int(row["n"].value)
        for _g, summary, row in results(_TYPES):
            node, cls = row["s"].value, row["cls"].value.rsplit("#", 1)[-1]
            if node.startswith(_LOCAL):
                summary["local"][cls] = summary["local"].get(cls, 0) + 1
            else:
                summary["shared"].setdefault(cls, []).append(node)
        for _g, summary, row in results(_MOVES):
            summary["moves"].append([row["a"].value, row["b"].value])
        for g, summary, row in results(LABELS):
            if (values := label_row(row, g)) is not None:
                summary["labels"].append(list(values))
        for _g, summary, row in results(TRANSITIONS):
            if (values := transition_row(row)) is not None:
                summary["transitions"].append(list(values))
        for _g, summary, row in results(SALARIES):
            if (values := salary_row(row)) is not None:
                summary["salaries"].append(list(values))
    for summary in out.values():
        for nodes in summary["shared"].values():
            nodes.sort()
        for key in ("labels", "moves", "transitions", "salaries"):
            summary[key].sort(key=lambda r: [("" if v is None else str(v)) for v in r])
    return out


def combine(summaries, store) -> tuple[dict[str, int], RoleIndex, dict]:
    """The counts (as :func:`~rolegraph.ask.graph.count_graph` defines them, ``triples`` aside),
    the role-name index and the career data of a store whose graphs have these ``summaries``."""
    local: dict[str, int] = {}
    shared: dict[str, set[str]] = {}
    moves: set[tuple[str, str]] = set()
    labels, transitions, salaries = [], [], []
    quads = 0
    for summary in summaries:
        quads += summary["quads"]
        for cls, n in summary["local"].items():
            local[cls] = local.get(cls, 0) + n
        for cls, nodes in summary["shared"].items():
            shared.setdefault(cls, set()).update(nodes)
        moves.update(map(tuple, summary["moves"]))
        labels += summary["labels"]
        transitions += summary["transitions"]
        salaries += summary["salaries"]
    counts = {cls: local.get(cls, 0) + len(shared.get(cls, ())) for cls in set(local) | set(shared)}
    counts["moves"], counts["quads"] = len(moves), quads
    index = RoleIndex.from_rows(labels)
    careers = career_data(role_rows(RoleGraph(store)), transitions, salaries)
    return dict(sorted(counts.items())), index, careers


class Summaries:
    """The summaries of graphs, by graph IRI and fingerprint, in ``store/summaries.sqlite``."""

    def __init__(self, root: Path):
        self.path = Path(root) / _DB
        try:
            self.db = sqlite3.connect(self.path)
            self.db.execute("CREATE TABLE IF NOT EXISTS summaries (graph TEXT NOT NULL, fingerprint TEXT NOT NULL, "
                            "data TEXT NOT NULL, PRIMARY KEY (graph, fingerprint))")
        except sqlite3.DatabaseError as exc:
            raise RolegraphError(f"{self.path}: unreadable ({exc}); delete it and build again") from None

    def put(self, items: dict[str, tuple[str, dict]]) -> None:
        """Keep ``{graph: (fingerprint, summary)}`` (one transaction)."""
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO summaries VALUES (?, ?, ?)",
                                [(g, fp, json.dumps(s, ensure_ascii=False, sort_keys=True))
                                 for g, (fp, s) in items.items()])

    def missing(self, manifest: dict[str, str]) -> list[str]:
        """Graphs of ``manifest`` (graph -> fingerprint) that have no summary."""
        have = set(self.db.execute("SELECT graph, fingerprint FROM summaries"))
        return sorted(g for g, fp in manifest.items() if (g, fp) not in have)

    def of(self, manifest: dict[str, str]):
        """The summary of each graph of ``manifest``, one at a time."""
        for graph, fingerprint, data in self.db.execute("SELECT graph, fingerprint, data FROM summaries"):
            if manifest.get(graph) == fingerprint:
                yield json.loads(data)

    def prune(self, *manifests: dict[str, str]) -> None:
        """Forget summaries no manifest of ``manifests`` names (when they outnumber the ones named)."""
        keep = {(g, fp) for m in manifests for g, fp in m.items()}
        total = self.db.execute("SELECT COUNT(*) FROM summaries").fetchone()[0]
        if total <= 2 * len(keep) + 100:
            return
        stale = [row for row in self.db.execute("SELECT graph, fingerprint FROM summaries") if row not in keep]
        with self.db:
            self.db.executemany("DELETE FROM summaries WHERE graph = ? AND fingerprint = ?", stale)

    def close(self) -> None:
        self.db.close()
