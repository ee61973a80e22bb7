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
from ..graph.iris import DEFAULT, IriBase
from ..graph.vocab import RG

__all__ = ["Summaries", "summarise", "summarise_batches", "combine"]

_DB = "summaries.sqlite"
# Up to this many changed graphs, each is summarised by queries naming it (milliseconds each);
# beyond, one query over all graphs is cheaper.
_ONE_BY_ONE = 100
_BATCH = 500  # summaries handed over (and held) at a time

_TYPES = f"""SELECT ?g ?s ?cls WHERE {{ GRAPH ?g {{ ?s a ?cls }} FILTER(STRSTARTS(STR(?cls), "{RG.base}")) }}"""
_MOVES = "SELECT DISTINCT ?g ?a ?b WHERE { GRAPH ?g { ?a rg:canTransitionTo ?b } }"
_SIZE = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def _empty() -> dict:
    return {"quads": 0, "labels": [], "local": {}, "shared": {}, "moves": [], "transitions": [], "salaries": []}


def _query(store, text: str, graph: str | None, iris: IriBase):
    if graph is not None:  # the graph named in the query: Oxigraph then reads that graph's index only
        text = text.replace("GRAPH ?g", f"GRAPH <{graph}>")  # ?g stays in the results, unbound
    return RoleGraph(store, iris=iris).query(iris.sparql(text))


def summarise(store, graphs: list[str] | None = None, iris: IriBase = DEFAULT) -> dict[str, dict]:
    """The summary of each of ``graphs`` (IRIs; default: every graph) in ``store`` (a pyoxigraph Store),
    minted under ``iris``."""
    if graphs is None:
        return _summarise(store, [None], iris)
    out: dict[str, dict] = {}
    for found in summarise_batches(store, graphs, iris=iris):
        out.update(found)
    return out


def summarise_batches(store, graphs: list[str], spill: Path | None = None, iris: IriBase = DEFAULT):
    """The summaries of ``graphs``, a batch at a time (``{graph: summary}`` each).

    A few graphs are summarised by queries naming each. Beyond, one set of
    queries over every graph is cheaper (a query restricted to a list of
    graphs still reads them all), and its rows go through a table in a
    temporary SQLite file (in ``spill``'s folder), sorted by graph there, so
    that summarising a hundred thousand graphs holds a batch of summaries in
    memory, never all of them.
    """
    if len(graphs) <= _ONE_BY_ONE:
        yield _summarise(store, graphs, iris)
        return
    import tempfile

    wanted = set(graphs)
    with tempfile.TemporaryDirectory(dir=spill, prefix=".summaries-") as tmp:
        db = sqlite3.connect(Path(tmp) / "rows.sqlite")
        try:
            db.execute("CREATE TABLE rows (g TEXT NOT NULL, n INTEGER NOT NULL, data TEXT NOT NULL)")
            seq = 0
            for kind, text in _QUERIES:
                pending = []
                for row in _query(store, text, None, iris):
                    g = row["g"].value
                    if g not in wanted or (data := _row_data(kind, row, g, iris)) is None:
                        continue
                    seq += 1
                    pending.append((g, seq, json.dumps([kind, data], ensure_ascii=False)))
                    if len(pending) >= 50_000:
                        db.executemany("INSERT INTO rows VALUES (?, ?, ?)", pending)
                        pending.clear()
                db.executemany("INSERT INTO rows VALUES (?, ?, ?)", pending)
            db.commit()
            batch: dict[str, dict] = {}
            done: set[str] = set()
            current, summary = None, None
            for g, _n, data in db.execute("SELECT g, n, data FROM rows ORDER BY g, n"):
                if g != current:
                    if current is not None:
                        batch[current] = _finish(summary)
                        done.add(current)
                        if len(batch) >= _BATCH:
                            yield batch
                            batch = {}
                    current, summary = g, _empty()
                _add(summary, *json.loads(data), iris)
            if current is not None:
                batch[current] = _finish(summary)
                done.add(current)
            batch.update((g, _empty()) for g in sorted(wanted - done))  # not in the store: empty
            yield batch
        finally:
            db.close()


def _row_data(kind: str, row, g: str, iris: IriBase):
    """What one result row of a summary query adds, as JSON-ready values (None: nothing)."""
    if kind == "size":
        return int(row["n"].value)
    if kind == "type":
        return [row["s"].value, row["cls"].value.rsplit("#", 1)[-1]]
    if kind == "move":
        return [row["a"].value, row["b"].value]
    values = {"label": lambda: label_row(row, g, iris), "transition": lambda: transition_row(row, iris),
              "salary": lambda: salary_row(row, iris)}[kind]()
    return None if values is None else list(values)


def _add(summary: dict, kind: str, values, iris: IriBase) -> None:
    """Add one row (from :func:`_row_data`) to a graph's summary."""
    if kind == "size":
        summary["quads"] = values
    elif kind == "type":
        node, cls = values
        if node.startswith(iris.documents):  # minted for one document: typed in its graph only
            summary["local"][cls] = summary["local"].get(cls, 0) + 1
        else:
            summary["shared"].setdefault(cls, []).append(node)
    else:
        summary[{"move": "moves", "label": "labels", "transition": "transitions", "salary": "salaries"}[kind]] \
            .append(values)


def _finish(summary: dict) -> dict:
    """Sort a summary's lists, so it does not depend on the order rows came in."""
    for nodes in summary["shared"].values():
        nodes.sort()
    for key in ("labels", "moves", "transitions", "salaries"):
        summary[key].sort(key=lambda r: [("" if v is None else str(v)) for v in r])
    return summary


_QUERIES = (("size", _SIZE), ("type", _TYPES), ("move", _MOVES), ("label", LABELS),
            ("transition", TRANSITIONS), ("salary", SALARIES))


def _summarise(store, graphs: list[str | None], iris: IriBase) -> dict[str, dict]:
    """Summaries by queries naming each of ``graphs``, or (``[None]``) by queries over every graph."""
    out: dict[str, dict] = {g: _empty() for g in graphs if g is not None}
    for graph in graphs:
        for kind, text in _QUERIES:
            for row in _query(store, text, graph, iris):
                g = graph if graph is not None else row["g"].value
                if (values := _row_data(kind, row, g, iris)) is not None:
                    _add(out.setdefault(g, _empty()), kind, values, iris)
    for summary in out.values():
        _finish(summary)
    return out


def combine(summaries, store, iris: IriBase = DEFAULT) -> tuple[dict[str, int], RoleIndex, dict]:
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
    careers = career_data(role_rows(RoleGraph(store, iris=iris)), transitions, salaries)
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
