"""What a role asks for: skills and missions, skill gaps between roles, similar roles, role cards."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..graph.iris import role_id, role_iri

__all__ = ["Profiles", "Gap", "RoleCard"]

_REQUIREMENTS = """
SELECT ?r ?c ?kind ?label ?doc WHERE {
  { ?s a rg:SkillRequirement ; rg:skill ?c BIND("skill" AS ?kind) }
  UNION { ?s a rg:Responsibility ; rg:mission ?c BIND("mission" AS ?kind) }
  ?s rg:role ?r ; rg:evidence/oa:hasSource ?doc .
  OPTIONAL { ?c skos:prefLabel ?label FILTER(LANGMATCHES(LANG(?label), "en")) }
  OPTIONAL { ?c skos:prefLabel ?label }
}"""

_CARD = """
SELECT DISTINCT ?p ?o WHERE {
  VALUES ?r { %s }
  ?r ?p ?o .
  FILTER(?p IN (skos:prefLabel, skos:altLabel, rg:feminineLabel, skos:notation, skos:exactMatch,
                skos:closeMatch, skos:broadMatch, skos:narrowMatch, skos:broader, rg:seniority))
}"""

_FAMILY = "SELECT ?f WHERE { VALUES ?r { %s } ?r skos:inScheme ?f . ?f a rg:RoleFamily }"

_SALARIES = """
SELECT ?min ?max ?cur ?dur ?basis ?qualifier ?location ?name ?start ?end WHERE {
  VALUES ?r { %s }
  ?s a rg:SalaryRange ; rg:role ?r ; schema:minValue ?min ; schema:currency ?cur ;
     rg:period ?dur ; rg:evidence ?ev .
  ?ev oa:hasSource ?doc ; oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end .
  OPTIONAL { ?doc schema:identifier ?name }
  OPTIONAL { ?s schema:maxValue ?max }
  OPTIONAL { ?s rg:payBasis ?basis }
  OPTIONAL { ?s rg:qualifier ?qualifier }
  OPTIONAL { ?s rg:location ?location }
} ORDER BY ?cur ?dur ?min"""

_SOURCES = """
SELECT DISTINCT ?name WHERE {
  VALUES ?r { %s }
  ?doc schema:mentions|schema:about ?r ; schema:identifier ?name .
} ORDER BY ?name"""


@dataclass
class Gap:
    """From role ``source`` to role ``target``: what to gain, what carries over."""

    source: str
    target: str
    skills_to_gain: list[str]
    skills_shared: list[str]
    missions_to_gain: list[str]
    missions_shared: list[str]
    similarity: float  # Jaccard index of the two roles' skills and missions together

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class RoleCard:
    """Everything the graph knows about one role."""

    id: str
    iri: str
    labels: dict[str, str]
    alt_labels: dict[str, list[str]]
    family: str | None
    seniority: str | None
    codes: dict[str, list[str]]  # "isco", "onet", "esco", "broader" ... -> values
    skills: list[str]
    missions: list[str]
    salaries: list[dict]
    before: list[str]
    after: list[str]
    sources: list[str]
    candidate: bool = False
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


class Profiles:
    """Skills and missions of every role, read once from a RoleGraph."""

    def __init__(self, graph):
        self.graph = graph
        self.skills: dict[str, dict[str, set[str]]] = {}  # role -> concept id -> documents
        self.missions: dict[str, dict[str, set[str]]] = {}
        self.labels: dict[str, str] = {}  # concept id -> English (or only) label
        for row in graph.query(_REQUIREMENTS):
            rid, cid = role_id(row["r"].value), row["c"].value.rsplit("/", 1)[-1]
            if rid is None:
                continue
            table = self.skills if row["kind"].value == "skill" else self.missions
            table.setdefault(rid, {}).setdefault(cid, set()).add(row["doc"].value)
            if row["label"] is not None and cid not in self.labels:
                self.labels[cid] = row["label"].value

    def label(self, cid: str) -> str:
        return self.labels.get(cid, cid)

    def _sorted(self, table: dict[str, set[str]], ids) -> list[str]:
        """Labels, the concepts more documents state first."""
        return [self.label(c) for c in sorted(ids, key=lambda c: (-len(table.get(c, ())), self.label(c)))]

    def gap(self, a: str, b: str) -> Gap:
        sa, sb = self.skills.get(a, {}), self.skills.get(b, {})
        ma, mb = self.missions.get(a, {}), self.missions.get(b, {})
        return Gap(a, b, self._sorted(sb, sb.keys() - sa.keys()), self._sorted(sb, sb.keys() & sa.keys()),
                   self._sorted(mb, mb.keys() - ma.keys()), self._sorted(mb, mb.keys() & ma.keys()),
                   round(self.similarity(a, b), 3))

    def similarity(self, a: str, b: str) -> float:
        """Jaccard index of two roles' skills and missions (0: nothing shared, 1: the same)."""
        fa = {("s", c) for c in self.skills.get(a, {})} | {("m", c) for c in self.missions.get(a, {})}
        fb = {("s", c) for c in self.skills.get(b, {})} | {("m", c) for c in self.missions.get(b, {})}
        return len(fa & fb) / len(fa | fb) if fa | fb else 0.0

    def similar(self, a: str, limit: int = 5) -> list[tuple[str, float]]:
        """Roles sharing the most skills and missions with ``a``: ``(id, similarity)``."""
        roles = (self.skills.keys() | self.missions.keys()) - {a}
        scored = [(r, round(self.similarity(a, r), 3)) for r in roles]
        return sorted((x for x in scored if x[1] > 0), key=lambda x: (-x[1], x[0]))[:limit]

    def card(self, rid: str, careers) -> RoleCard:
        node = role_iri(rid)
        labels: dict[str, str] = {}
        alts: dict[str, list[str]] = {}
        codes: dict[str, list[str]] = {}
        seniority = None
        for row in self.graph.query(_CARD % node):
            p, o = row["p"].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], row["o"]
            if p == "prefLabel":
                labels[o.language or "und"] = o.value
            elif p in ("altLabel", "feminineLabel"):
                lst = alts.setdefault(o.language or "und", [])
                if o.value not in lst:
                    lst.append(o.value)
            elif p == "notation":
                kind = "isco" if o.datatype.value.endswith("ISCO08") else "onet"
                if o.value not in codes.setdefault(kind, []):
                    codes[kind].append(o.value)
            elif p == "seniority":
                seniority = o.value.rsplit("/", 1)[-1]
            elif p == "broader":
                codes.setdefault("broader", []).append(o.value.rsplit("/", 1)[-1])
            else:
                scheme = "esco" if "data.europa.eu/esco/occupation" in o.value else \
                    "isco" if "esco/isco" in o.value else "onet" if "onetonline" in o.value else "other"
                codes.setdefault(f"{scheme} ({p})", []).append(o.value)
        family = next((r["f"].value.rsplit("/", 1)[-1] for r in self.graph.query(_FAMILY % node)), None)
        salaries = []
        for row in self.graph.query(_SALARIES % node):
            salaries.append({
                "min": float(row["min"].value),
                "max": float(row["max"].value) if row["max"] is not None else None,
                "currency": row["cur"].value, "period": row["dur"].value,
                "basis": _value(row["basis"]), "qualifier": _value(row["qualifier"]),
                "location": _value(row["location"]),
                "evidence": {"document": _value(row["name"]), "start": int(row["start"].value),
                             "end": int(row["end"].value)}})
        sources = [r["name"].value for r in self.graph.query(_SOURCES % node)]
        before = [r for r, _d in careers.leading_to(rid)] if rid in careers.g else []
        after = [r for r, _d in careers.reachable(rid)] if rid in careers.g else []
        sk, mi = self.skills.get(rid, {}), self.missions.get(rid, {})
        return RoleCard(rid, node[1:-1], labels, alts, family, seniority, codes,
                        self._sorted(sk, sk), self._sorted(mi, mi), salaries, before, after, sources,
                        candidate=bool(careers.g.nodes[rid]["candidate"]) if rid in careers.g else False)


def _value(term):
    return term.value if term is not None else None
