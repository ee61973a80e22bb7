"""What a role asks for, and where each item comes from: skills and missions, gaps, similar roles, role cards.

A role's profile gathers what documents state about it (skills and missions,
with the documents that state them) and what the reference taxonomies list for
it (ESCO: essential and optional skills; O*NET: technologies, hot ones
flagged, and core or supplemental tasks). A role with neither borrows the
profile of the occupation it is a close or broad match of, and says so
("ESCO, via Data Scientist (close match)"). Every item keeps its sources, so
gaps and cards can say "stated by 3 documents" or "O*NET: hot technology".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


__all__ = ["Profiles", "Gap", "RoleCard", "Source", "Item"]

_DOCUMENTS = """
SELECT ?r ?c ?kind ?doc WHERE {
  { ?s a rg:SkillRequirement ; rg:skill ?c BIND("skill" AS ?kind) }
  UNION { ?s a rg:Responsibility ; rg:mission ?c BIND("mission" AS ?kind) }
  ?s rg:role ?r ; rg:evidence/oa:hasSource ?doc .
}"""

_TAXONOMY = """
SELECT ?r ?p ?c ?g WHERE {
  VALUES ?p { esco:hasEssentialSkill esco:hasOptionalSkill rg:usesTechnology rg:hotTechnology rg:hasMission }
  GRAPH ?g { ?r ?p ?c }
  FILTER(?g IN (<https://w3id.org/rolegraph/graph/esco>, <https://w3id.org/rolegraph/graph/onet>))
}"""

_TASK_TYPES = "SELECT ?m ?t WHERE { ?m rg:taskType ?t }"

_LABELS = """
SELECT ?c ?label WHERE {
  VALUES ?type { rg:Skill rg:Mission }
  ?c a ?type ; skos:prefLabel ?label . FILTER(LANGMATCHES(LANG(?label), "en") || LANG(?label) = "")
}"""

# A role's close or broad match that is another role of the graph (through the publisher's IRI).
_MATCHES = """
SELECT DISTINCT ?r ?match ?other WHERE {
  VALUES ?match { skos:closeMatch skos:broadMatch }
  { ?r ?match ?x . ?other skos:exactMatch ?x }   # through the publisher's IRI
  UNION { ?r ?match ?other }                     # or to another role directly (the crosswalk)
  ?r a rg:Role . ?other a rg:Role . FILTER(?other != ?r)
}"""

_SIMILAR = """
SELECT ?r ?other ?tier ?index WHERE {
  ?s a rg:Similarity ; rg:fromRole ?r ; rg:toRole ?other ; rg:relatednessTier ?tier ; rg:relatednessIndex ?index .
}"""

_CARD = """
SELECT DISTINCT ?p ?o WHERE {
  VALUES ?r { %s }
  ?r ?p ?o .
  FILTER(?p IN (skos:prefLabel, skos:altLabel, rg:feminineLabel, skos:notation, skos:exactMatch,
                skos:closeMatch, skos:broadMatch, skos:narrowMatch, skos:broader, rg:seniority, skos:definition))
}"""

_FAMILY = "SELECT ?f WHERE { VALUES ?r { %s } ?r skos:inScheme ?f . ?f a rg:RoleFamily }"

_SALARIES = """
SELECT ?min ?max ?cur ?dur ?basis ?qualifier ?location ?name ?start ?end WHERE {
  VALUES ?r { %s }
  ?s a rg:SalaryRange ; rg:role ?r ; schema:currency ?cur ; rg:period ?dur ; rg:evidence ?ev .
  ?ev oa:hasSource ?doc ; oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end .
  OPTIONAL { ?doc schema:identifier ?name }
  OPTIONAL { ?s schema:minValue ?min }
  OPTIONAL { ?s schema:maxValue ?max }
  OPTIONAL { ?s rg:payBasis ?basis }
  OPTIONAL { ?s rg:qualifier ?qualifier }
  OPTIONAL { ?s rg:location ?location }
} ORDER BY ?cur ?dur ?min ?max ?name ?start ?end"""

_SOURCES = """
SELECT DISTINCT ?name WHERE {
  VALUES ?r { %s }
  ?doc schema:mentions|schema:about ?r ; schema:identifier ?name .
} ORDER BY ?name"""

_LEVELS = {  # property -> (source, detail, weight)
    "hasEssentialSkill": ("ESCO", "essential", 2.0), "hasOptionalSkill": ("ESCO", "optional", 1.0),
    "hotTechnology": ("O*NET", "hot technology", 1.5), "usesTechnology": ("O*NET", "technology", 0.5),
}
_TASKS = {"Core": ("core task", 1.5), "Supplemental": ("supplemental task", 1.0), "": ("task", 1.0)}
_BORROWED = 0.8  # weight of what a role only has through a close or broad match


@dataclass(frozen=True)
class Source:
    """Where one skill or mission of a role comes from."""

    kind: str  # "documents", "ESCO" or "O*NET"
    detail: str  # "3 documents", "essential", "hot technology", "core task", ...
    weight: float
    via: str | None = None  # the matched role whose profile this is borrowed from
    match: str | None = None  # "close" or "broad"

    def describe(self, label_of=lambda rid: rid) -> str:
        if self.kind == "documents":
            return f"stated by {self.detail}"
        via = f", via {label_of(self.via)} ({self.match} match)" if self.via else ""
        return f"{self.kind}{via}: {self.detail}"


@dataclass
class Item:
    """A skill or mission in a profile, with its sources."""

    id: str
    label: str
    sources: list[Source]

    @property
    def weight(self) -> float:
        return sum(s.weight for s in self.sources)


@dataclass
class Gap:
    """From role ``source`` to role ``target``: what to gain, what carries over, and where each item comes from."""

    source: str
    target: str
    skills_to_gain: list[str]
    skills_shared: list[str]
    missions_to_gain: list[str]
    missions_shared: list[str]
    similarity: float  # Jaccard index of the two roles' skills and missions together
    where: dict[str, list[str]] = field(default_factory=dict)  # item label -> its sources, in words
    notes: list[str] = field(default_factory=list)  # how each role's profile was formed

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
    description: dict[str, str] = field(default_factory=dict)  # language -> ESCO's or O*NET's definition
    where: dict[str, list[str]] = field(default_factory=dict)  # skill or mission label -> its sources
    similar: list[dict] = field(default_factory=list)  # O*NET related occupations: {"role", "tier", "rank"}
    matches: list[dict] = field(default_factory=list)  # close and broad matches among the roles
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


class Profiles:
    """Skills and missions of every role, from documents and taxonomies, read once from a RoleGraph.

    ``skills`` and ``missions`` hold what documents state (role -> concept id ->
    documents); ``taxonomy`` what ESCO and O*NET list (role -> concept id ->
    sources); :meth:`profile` combines them.
    """

    def __init__(self, graph):
        self.graph = graph
        self.skills: dict[str, dict[str, set[str]]] = {}  # role -> concept id -> documents
        self.missions: dict[str, dict[str, set[str]]] = {}
        self.taxonomy: dict[str, dict[str, list[Source]]] = {}  # role -> concept id -> sources
        self.kinds: dict[str, str] = {}  # concept id -> "skill" or "mission"
        self.labels: dict[str, str] = {}  # concept id -> English (or only) label
        role_id = graph.iris.role_id
        for row in graph.query(_DOCUMENTS):
            rid, cid = role_id(row["r"].value), _local(row["c"].value)
            if rid is None:
                continue
            table = self.skills if row["kind"].value == "skill" else self.missions
            table.setdefault(rid, {}).setdefault(cid, set()).add(row["doc"].value)
            self.kinds[cid] = row["kind"].value
        task_types = {_local(r["m"].value): r["t"].value for r in graph.query(_TASK_TYPES)}
        for row in graph.query(graph.iris.sparql(_TAXONOMY)):
            rid, cid, prop = role_id(row["r"].value), _local(row["c"].value), _local(row["p"].value)
            if rid is None:
                continue
            if prop == "hasMission":
                detail, weight = _TASKS.get(task_types.get(cid, ""), _TASKS[""])
                source, kind = Source("O*NET", detail, weight), "mission"
            else:
                name, detail, weight = _LEVELS[prop]
                source, kind = Source(name, detail, weight), "skill"
            sources = self.taxonomy.setdefault(rid, {}).setdefault(cid, [])
            if prop == "usesTechnology" and any(s.detail == "hot technology" for s in sources):
                continue  # a hot technology is also a technology: say it once
            if prop == "hotTechnology":
                sources[:] = [s for s in sources if s.detail != "technology"]
            sources.append(source)
            self.kinds[cid] = kind
        for row in graph.query(_LABELS):
            cid = _local(row["c"].value)
            if cid in self.kinds:
                self.labels.setdefault(cid, row["label"].value)
        self.matches: dict[str, list[tuple[str, str]]] = {}  # role -> [(other role, "close"|"broad")]
        for row in graph.query(_MATCHES):
            a, b = role_id(row["r"].value), role_id(row["other"].value)
            if a and b:
                match = "close" if row["match"].value.endswith("closeMatch") else "broad"
                if (b, match) not in self.matches.setdefault(a, []):
                    self.matches[a].append((b, match))
        for pairs in self.matches.values():
            pairs.sort(key=lambda p: (p[1] != "close", p[0]))
        self.similarities: dict[str, list[tuple[str, str, int]]] = {}  # role -> [(other, tier, rank)]
        for row in graph.query(_SIMILAR):
            a, b = role_id(row["r"].value), role_id(row["other"].value)
            if a and b:
                self.similarities.setdefault(a, []).append((b, row["tier"].value, int(row["index"].value)))
        for pairs in self.similarities.values():
            pairs.sort(key=lambda p: (p[2], p[0]))

    def label(self, cid: str) -> str:
        return self.labels.get(cid, cid)

    # --- profiles ---------------------------------------------------------

    def _own(self, rid: str) -> dict[str, list[Source]]:
        out: dict[str, list[Source]] = {}
        for table in (self.skills, self.missions):
            for cid, docs in table.get(rid, {}).items():
                n = len(docs)
                out.setdefault(cid, []).append(Source("documents", f"{n} document{'s' if n != 1 else ''}", 3.0 + n))
        for cid, sources in self.taxonomy.get(rid, {}).items():
            out.setdefault(cid, []).extend(sources)
        return out

    def profile(self, rid: str) -> tuple[dict[str, list[Item]], str | None]:
        """The role's skills and missions (``{"skill": [...], "mission": [...]}``, heaviest first), and a note
        when the profile is borrowed from a matched occupation."""
        own, note = self._own(rid), None
        if not own:
            for other, match in self.matches.get(rid, []):
                borrowed = self.taxonomy.get(other, {})
                if borrowed:
                    own = {cid: [Source(s.kind, s.detail, s.weight * _BORROWED, other, match) for s in sources]
                           for cid, sources in borrowed.items()}
                    note = (other, match)
                    break
        items: dict[str, list[Item]] = {"skill": [], "mission": []}
        for cid, sources in own.items():
            items[self.kinds.get(cid, "skill")].append(Item(cid, self.label(cid), sources))
        for kind in items:
            items[kind].sort(key=lambda it: (-it.weight, it.label.lower()))
        return items, note

    def _note(self, rid: str, note, label_of) -> str | None:
        if note is None:
            return None
        other, match = note
        return (f"{label_of(rid)}: neither documents nor taxonomies list skills of its own; "
                f"showing those of {label_of(other)}, its {match} match")

    def gap(self, a: str, b: str, label_of=lambda rid: rid) -> Gap:
        """What role ``b`` asks for that ``a`` lacks, what they share, and where each item comes from."""
        pa, note_a = self.profile(a)
        pb, note_b = self.profile(b)
        where: dict[str, list[str]] = {}

        def split(kind: str):
            have = {it.id for it in pa[kind]}
            gain = [it for it in pb[kind] if it.id not in have]
            shared = [it for it in pb[kind] if it.id in have]
            for it in gain + shared:
                where[it.label] = [s.describe(label_of) for s in it.sources]
            return [it.label for it in gain], [it.label for it in shared]

        skills_gain, skills_shared = split("skill")
        missions_gain, missions_shared = split("mission")
        notes = [n for n in (self._note(a, note_a, label_of), self._note(b, note_b, label_of)) if n]
        return Gap(a, b, skills_gain, skills_shared, missions_gain, missions_shared,
                   round(self._jaccard(pa, pb), 3), where, notes)

    @staticmethod
    def _jaccard(pa, pb) -> float:
        fa = {(k, it.id) for k in pa for it in pa[k]}
        fb = {(k, it.id) for k in pb for it in pb[k]}
        return len(fa & fb) / len(fa | fb) if fa | fb else 0.0

    def similarity(self, a: str, b: str) -> float:
        """Jaccard index of two roles' skills and missions (0: nothing shared, 1: the same)."""
        return self._jaccard(self.profile(a)[0], self.profile(b)[0])

    def similar(self, a: str, limit: int = 5) -> list[tuple[str, float]]:
        """Roles sharing the most skills and missions with ``a``: ``(id, similarity)``."""
        roles = (self.skills.keys() | self.missions.keys() | self.taxonomy.keys()) - {a}
        mine = self.profile(a)[0]
        scored = [(r, round(self._jaccard(mine, self.profile(r)[0]), 3)) for r in roles]
        return sorted((x for x in scored if x[1] > 0), key=lambda x: (-x[1], x[0]))[:limit]

    # --- role cards -------------------------------------------------------------

    def card(self, rid: str, careers) -> RoleCard:
        node = f"<{self.graph.iris.role_iri(rid)}>"
        labels: dict[str, str] = {}
        alts: dict[str, list[str]] = {}
        codes: dict[str, list[str]] = {}
        description: dict[str, str] = {}
        seniority = None
        for row in self.graph.query(_CARD % node):
            p, o = _local(row["p"].value), row["o"]
            if p == "prefLabel":
                labels[o.language or "und"] = o.value
            elif p in ("altLabel", "feminineLabel"):
                lst = alts.setdefault(o.language or "und", [])
                if o.value not in lst:
                    lst.append(o.value)
            elif p == "definition":
                description.setdefault(o.language or "en", o.value)
            elif p == "notation":
                kind = "isco" if o.datatype.value.endswith("ISCO08") else "onet"
                if o.value not in codes.setdefault(kind, []):
                    codes[kind].append(o.value)
            elif p == "seniority":
                seniority = _local(o.value)
            elif p == "broader":
                codes.setdefault("broader", []).append(_local(o.value))
            elif self.graph.iris.role_id(o.value) is None:  # links to roles of this graph are in `matches`
                scheme = "esco" if "data.europa.eu/esco/occupation" in o.value else \
                    "isco" if "esco/isco" in o.value else "onet" if "onetonline" in o.value else "other"
                if o.value not in codes.setdefault(f"{scheme} ({p})", []):
                    codes[f"{scheme} ({p})"].append(o.value)
        family = next((_local(r["f"].value) for r in self.graph.query(_FAMILY % node)), None)
        salaries = []
        for row in self.graph.query(_SALARIES % node):
            salaries.append({
                "min": float(row["min"].value) if row["min"] is not None else None,
                "max": float(row["max"].value) if row["max"] is not None else None,
                "currency": row["cur"].value, "period": row["dur"].value,
                "basis": _value(row["basis"]), "qualifier": _value(row["qualifier"]),
                "location": _value(row["location"]),
                "evidence": {"document": _value(row["name"]), "start": int(row["start"].value),
                             "end": int(row["end"].value)}})
        sources = [r["name"].value for r in self.graph.query(_SOURCES % node)]
        before = [r for r, _d in careers.leading_to(rid)] if rid in careers.g else []
        after = [r for r, _d in careers.reachable(rid)] if rid in careers.g else []
        label_of = careers.index.label
        items, note = self.profile(rid)
        where = {it.label: [s.describe(label_of) for s in it.sources] for k in items for it in items[k]}
        return RoleCard(rid, node[1:-1], labels, alts, family, seniority, codes,
                        [it.label for it in items["skill"]], [it.label for it in items["mission"]], salaries,
                        before, after, sources,
                        candidate=bool(careers.g.nodes[rid]["candidate"]) if rid in careers.g else False,
                        description=description, where=where,
                        similar=[{"role": o, "tier": t, "rank": n} for o, t, n in self.similarities.get(rid, [])],
                        matches=[{"role": o, "match": m} for o, m in self.matches.get(rid, [])],
                        notes=[n for n in (self._note(rid, note, label_of),) if n])


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _value(term):
    return term.value if term is not None else None
