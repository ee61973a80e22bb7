"""Career paths: the graph's transitions as a networkx graph, and the questions users ask of it.

Each edge A → B gathers every statement that one can move from A to B, with
its evidence (document and character span), conditions (years of experience,
company stage) and the documents that state it. Paths are ranked by cost:
each step costs ``1 / (1 + d)`` where ``d`` is the number of documents that
state it, so shorter paths come first and, among paths of one length, those
whose steps more sources agree on. The ranking is explained in each path's
``why``.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from itertools import islice

from ..errors import RolegraphError
from ..graph.iris import role_id as _local
from ..knowledge.model import Evidence

__all__ = ["Evidence", "Step", "CareerPath", "CareerGraph"]

_MAX_CANDIDATES = 2000  # paths examined when --via or --max-len filter them

_TRANSITIONS = """
SELECT ?t ?a ?b ?doc ?name ?start ?end ?miny ?maxy ?stage ?cond WHERE {
  ?t a rg:Transition ; rg:fromRole ?a ; rg:toRole ?b ; rg:evidence ?ev .
  ?ev oa:hasSource ?doc ; oa:hasSelector ?sel .
  ?sel oa:start ?start ; oa:end ?end .
  OPTIONAL { ?doc schema:identifier ?name }
  OPTIONAL { ?t rg:minYearsExperience ?miny }
  OPTIONAL { ?t rg:maxYearsExperience ?maxy }
  OPTIONAL { ?t rg:companyStage ?stage }
  OPTIONAL { ?t rg:condition ?cond }
}"""

_ROLES = """
SELECT ?r ?rank ?family ?candidate WHERE {
  ?r a rg:Role .
  OPTIONAL { ?r rg:seniority/rg:rank ?rank }
  OPTIONAL { ?r skos:inScheme ?family . ?family a rg:RoleFamily }
  BIND(EXISTS { ?r a rg:CandidateRole } AS ?candidate)
}"""

_SALARIES = """
SELECT ?r ?min ?max ?cur ?dur WHERE {
  ?s a rg:SalaryRange ; rg:role ?r ; schema:currency ?cur ; rg:period ?dur .
  OPTIONAL { ?s schema:minValue ?min }
  OPTIONAL { ?s schema:maxValue ?max }
}"""

_PER_YEAR = {"P1Y": 1, "P1M": 12}


@dataclass
class Step:
    """One move of a career path, with everything that backs it."""

    source: str
    target: str
    source_label: str
    target_label: str
    documents: list[str]
    evidence: list[Evidence]
    min_years: float | None = None
    max_years: float | None = None
    stages: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    salary_change: dict[str, float] = field(default_factory=dict)  # currency -> yearly change
    cost: float = 0.0


@dataclass
class CareerPath:
    """A path from one role to another, its steps, and why it ranks where it does."""

    roles: list[str]
    labels: list[str]
    steps: list[Step]
    cost: float
    why: str

    def to_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        return " → ".join(self.labels)


class CareerGraph:
    """The career transitions of a :class:`~rolegraph.ask.RoleGraph`, as a networkx DiGraph.

    Nodes are role ids ("lead-developer"); node data holds labels, seniority
    rank, family and typical yearly salaries by currency; edge data holds the
    evidence described in the module documentation.
    """

    def __init__(self, graph):
        import networkx as nx

        self.graph = graph
        self.index = graph.roles
        self.g = nx.DiGraph()
        for row in graph.query(_ROLES):
            rid = _local(row["r"].value)
            if rid is None:
                continue
            rank, family = row["rank"], row["family"]
            self._add_role(rid, rank=int(rank.value) if rank is not None else None,
                           family=family.value.rsplit("/", 1)[-1] if family is not None else None,
                           candidate=row["candidate"].value == "true")
        self._add_salaries(graph)
        self._add_transitions(graph)

    def _add_role(self, rid: str, rank: int | None = None, family: str | None = None,
                  candidate: bool = True) -> None:
        self.g.add_node(rid, label=self.index.label(rid), label_fr=self.index.label(rid, "fr"),
                        rank=rank, family=family, candidate=candidate, salary={})

    def _add_salaries(self, graph) -> None:
        figures: dict[tuple[str, str], list[float]] = {}
        for row in graph.query(_SALARIES):
            rid = _local(row["r"].value)
            per_year = _PER_YEAR.get(row["dur"].value)
            if rid is None or per_year is None:
                continue
            bounds = [float(row[k].value) for k in ("min", "max") if row[k] is not None]
            if not bounds:
                continue
            low, high = bounds[0], bounds[-1]  # "from X" and "up to X" count as X
            figures.setdefault((rid, row["cur"].value), []).append((low + high) / 2 * per_year)
        for (rid, cur), values in figures.items():
            if rid in self.g:
                self.g.nodes[rid]["salary"][cur] = statistics.median(values)

    def _add_transitions(self, graph) -> None:
        for row in graph.query(_TRANSITIONS):
            a, b = _local(row["a"].value), _local(row["b"].value)
            if a is None or b is None or a == b:
                continue
            for node in (a, b):
                if node not in self.g:
                    self._add_role(node)
            if not self.g.has_edge(a, b):
                self.g.add_edge(a, b, evidence=[], documents=set(), min_years=None, max_years=None,
                                stages=set(), conditions=set())
            e = self.g.edges[a, b]
            name = row["name"].value if row["name"] is not None else row["doc"].value.rsplit("/", 1)[-1]
            ev = Evidence(name, int(row["start"].value), int(row["end"].value))
            if ev not in e["evidence"]:
                e["evidence"].append(ev)
            e["documents"].add(name)
            if row["miny"] is not None:
                y = float(row["miny"].value)
                e["min_years"] = y if e["min_years"] is None else min(e["min_years"], y)
            if row["maxy"] is not None:
                y = float(row["maxy"].value)
                e["max_years"] = y if e["max_years"] is None else max(e["max_years"], y)
            if row["stage"] is not None:
                e["stages"].add(row["stage"].value.rsplit("/", 1)[-1])
            if row["cond"] is not None:
                e["conditions"].add(row["cond"].value)
        for _a, _b, e in self.g.edges(data=True):
            e["cost"] = 1.0 / (1 + len(e["documents"]))
            e["evidence"].sort(key=lambda ev: (ev.document, ev.start))

    # --- steps and paths -------------------------------------------------

    def step(self, a: str, b: str) -> Step:
        e = self.g.edges[a, b]
        sa, sb = self.g.nodes[a]["salary"], self.g.nodes[b]["salary"]
        change = {cur: round(sb[cur] - sa[cur]) for cur in sorted(sa.keys() & sb.keys())}
        return Step(a, b, self.g.nodes[a]["label"], self.g.nodes[b]["label"],
                    sorted(e["documents"]), list(e["evidence"]), e["min_years"], e["max_years"],
                    sorted(e["stages"]), sorted(e["conditions"]), change, round(e["cost"], 4))

    def _path(self, roles: list[str]) -> CareerPath:
        steps = [self.step(a, b) for a, b in zip(roles, roles[1:])]
        cost = sum(s.cost for s in steps)
        docs = [len(s.documents) for s in steps]
        why = (f"{len(steps)} step{'s' if len(steps) != 1 else ''}, stated by "
               f"{', '.join(map(str, docs))} document{'s' if docs != [1] else ''}; "
               f"cost {cost:.3f} (each step costs 1/(1 + documents stating it))")
        return CareerPath(roles, [self.g.nodes[r]["label"] for r in roles], steps, round(cost, 4), why)

    def _check(self, *rids: str) -> None:
        for rid in rids:
            if rid not in self.g:
                raise RolegraphError(f"role '{rid}' is not in the career graph")

    def paths(self, a: str, b: str, *, k: int = 3, via=(), avoid=(), max_len: int | None = None) -> list[CareerPath]:
        """The ``k`` best paths from role ``a`` to role ``b`` (ids), cheapest first.

        ``via``: roles every path passes through; ``avoid``: roles no path
        touches; ``max_len``: the most steps a path may take.
        """
        import networkx as nx

        self._check(a, b, *via, *avoid)
        if a == b:
            return [self._path([a])]
        blocked = set(avoid) - {a, b}
        view = nx.restricted_view(self.g, blocked, []) if blocked else self.g
        wanted = set(via)
        found: list[CareerPath] = []
        try:
            candidates = nx.shortest_simple_paths(view, a, b, weight="cost")
            for roles in islice(candidates, _MAX_CANDIDATES):
                if max_len is not None and len(roles) - 1 > max_len:
                    continue
                if wanted and not wanted <= set(roles):
                    continue
                found.append(self._path(roles))
                if len(found) >= k:
                    break
        except nx.NetworkXNoPath:
            return []
        return found

    def reachable(self, a: str, steps: int = 1) -> list[tuple[str, int]]:
        """Roles one can reach from ``a`` within ``steps`` moves: ``(id, distance)``, nearest first."""
        import networkx as nx

        self._check(a)
        dist = nx.single_source_shortest_path_length(self.g, a, cutoff=steps)
        return sorted(((r, d) for r, d in dist.items() if r != a), key=lambda x: (x[1], x[0]))

    def leading_to(self, b: str, steps: int = 1) -> list[tuple[str, int]]:
        """Roles from which one reaches ``b`` within ``steps`` moves, nearest first."""
        import networkx as nx

        self._check(b)
        dist = nx.single_source_shortest_path_length(self.g.reverse(copy=False), b, cutoff=steps)
        return sorted(((r, d) for r, d in dist.items() if r != b), key=lambda x: (x[1], x[0]))

