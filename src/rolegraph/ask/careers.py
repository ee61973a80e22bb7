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
from ..graph.iris import DEFAULT, IriBase
from ..knowledge.model import Evidence

__all__ = ["Evidence", "Step", "CareerPath", "CareerGraph", "career_data", "TRANSITIONS", "SALARIES",
           "transition_row", "salary_row", "role_rows"]

_MAX_CANDIDATES = 2000  # paths examined when --via or --max-len filter them

#: Each statement of a move with its evidence, by graph (a statement and its evidence live in one graph).
TRANSITIONS = """
SELECT ?g ?a ?b ?doc ?name ?start ?end ?miny ?maxy ?stage ?cond WHERE { GRAPH ?g {
  ?t a rg:Transition ; rg:fromRole ?a ; rg:toRole ?b ; rg:evidence ?ev .
  ?ev oa:hasSource ?doc ; oa:hasSelector ?sel .
  ?sel oa:start ?start ; oa:end ?end .
  OPTIONAL { ?doc schema:identifier ?name }
  OPTIONAL { ?t rg:minYearsExperience ?miny }
  OPTIONAL { ?t rg:maxYearsExperience ?maxy }
  OPTIONAL { ?t rg:companyStage ?stage }
  OPTIONAL { ?t rg:condition ?cond }
} }"""

_ROLES = """
SELECT DISTINCT ?r ?rank ?family ?candidate WHERE {
  ?r a rg:Role .
  OPTIONAL { ?r rg:seniority/rg:rank ?rank }
  OPTIONAL { ?r skos:inScheme ?family . ?family a rg:RoleFamily }
  BIND(EXISTS { ?r a rg:CandidateRole } AS ?candidate)
}"""

SALARIES = """
SELECT ?g ?r ?min ?max ?cur ?dur WHERE { GRAPH ?g {
  ?s a rg:SalaryRange ; rg:role ?r ; schema:currency ?cur ; rg:period ?dur .
  OPTIONAL { ?s schema:minValue ?min }
  OPTIONAL { ?s schema:maxValue ?max }
} }"""

_PER_YEAR = {"P1Y": 1, "P1M": 12}


def _value(term):
    return None if term is None else term.value


def transition_row(row, iris: IriBase = DEFAULT) -> tuple | None:
    """A :data:`TRANSITIONS` result as a plain row: (from, to, document, start, end, min years, max years,
    stage, condition), role ids and document names as strings; None for a move that is not one.
    ``iris``: the IRI base the graph was minted under."""
    a, b = iris.role_id(row["a"].value), iris.role_id(row["b"].value)
    if a is None or b is None or a == b:
        return None
    name = row["name"].value if row["name"] is not None else row["doc"].value.rsplit("/", 1)[-1]
    miny, maxy, stage = _value(row["miny"]), _value(row["maxy"]), _value(row["stage"])
    return (a, b, name, int(row["start"].value), int(row["end"].value),
            None if miny is None else float(miny), None if maxy is None else float(maxy),
            None if stage is None else stage.rsplit("/", 1)[-1], _value(row["cond"]))


def salary_row(row, iris: IriBase = DEFAULT) -> tuple | None:
    """A :data:`SALARIES` result as a plain row: (role id, currency, yearly figure), the figure the
    middle of the range ("from X" and "up to X" count as X); None when it has no yearly figure."""
    rid = iris.role_id(row["r"].value)
    per_year = _PER_YEAR.get(row["dur"].value)
    bounds = [float(row[k].value) for k in ("min", "max") if row[k] is not None]
    if rid is None or per_year is None or not bounds:
        return None
    return rid, row["cur"].value, (bounds[0] + bounds[-1]) / 2 * per_year


def _rows(convert, results, iris: IriBase):
    return [r for r in (convert(row, iris) for row in results) if r is not None]


def role_rows(graph):
    """Every role of ``graph`` with its seniority rank, family and whether it is a candidate (new) role."""
    for row in graph.query(_ROLES):
        rid = graph.iris.role_id(row["r"].value)
        if rid is not None:
            rank, family = row["rank"], row["family"]
            yield (rid, int(rank.value) if rank is not None else None,
                   family.value.rsplit("/", 1)[-1] if family is not None else None,
                   row["candidate"].value == "true")


def career_data(roles, transitions, salaries) -> dict:
    """What a :class:`CareerGraph` is made of, as JSON-ready data, from rows of :func:`role_rows`,
    :func:`transition_row` and :func:`salary_row` (each pass over the rows is linear)."""
    nodes = {rid: {"rank": rank, "family": family, "candidate": candidate, "salary": {}}
             for rid, rank, family, candidate in roles}
    edges: dict[tuple[str, str], dict] = {}
    for a, b, name, start, end, miny, maxy, stage, cond in transitions:
        e = edges.get((a, b))
        if e is None:
            e = edges[a, b] = {"evidence": set(), "documents": set(), "min_years": None, "max_years": None,
                               "stages": set(), "conditions": set()}
        e["evidence"].add((name, start, end))
        e["documents"].add(name)
        if miny is not None:
            e["min_years"] = miny if e["min_years"] is None else min(e["min_years"], miny)
        if maxy is not None:
            e["max_years"] = maxy if e["max_years"] is None else max(e["max_years"], maxy)
        if stage is not None:
            e["stages"].add(stage)
        if cond is not None:
            e["conditions"].add(cond)
    figures: dict[tuple[str, str], list[float]] = {}
    for rid, cur, value in salaries:
        figures.setdefault((rid, cur), []).append(value)
    for (rid, cur), values in sorted(figures.items()):
        if rid in nodes:
            nodes[rid]["salary"][cur] = statistics.median(values)
    return {"nodes": dict(sorted(nodes.items())),
            "edges": [[a, b, {"evidence": sorted(e["evidence"]), "documents": sorted(e["documents"]),
                              "min_years": e["min_years"], "max_years": e["max_years"],
                              "stages": sorted(e["stages"]), "conditions": sorted(e["conditions"])}]
                      for (a, b), e in sorted(edges.items())]}


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

    def __init__(self, graph, data: dict | None = None):
        """The career graph of ``graph``, from ``data`` (see :func:`career_data`; a build saves it)
        or computed from the graph's transitions."""
        import networkx as nx

        self.graph = graph
        self.index = graph.roles
        if data is None:
            data = career_data(role_rows(graph), _rows(transition_row, graph.query(TRANSITIONS), graph.iris),
                               _rows(salary_row, graph.query(SALARIES), graph.iris))
        self.g = nx.DiGraph()
        for rid, node in data["nodes"].items():
            self._add_role(rid, rank=node["rank"], family=node["family"], candidate=node["candidate"],
                           salary=node["salary"])
        for a, b, e in data["edges"]:
            for node in (a, b):
                if node not in self.g:
                    self._add_role(node)
            self.g.add_edge(a, b, evidence=[Evidence(*ev) for ev in e["evidence"]], documents=set(e["documents"]),
                            min_years=e["min_years"], max_years=e["max_years"], stages=set(e["stages"]),
                            conditions=set(e["conditions"]), cost=1.0 / (1 + len(e["documents"])))

    def _add_role(self, rid: str, rank: int | None = None, family: str | None = None,
                  candidate: bool = True, salary: dict | None = None) -> None:
        self.g.add_node(rid, label=self.index.label(rid), label_fr=self.index.label(rid, "fr"),
                        rank=rank, family=family, candidate=candidate, salary=dict(salary or {}))

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

