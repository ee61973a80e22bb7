"""What each page shows, as plain data: nodes, edges, their tooltips, and the page's details.

A :class:`View` is independent of HTML: :mod:`rolegraph.pages.site` renders it with
pyvis and vis.js. Views read a :class:`~rolegraph.ask.RoleGraph` through
:class:`SiteData`, which gathers what every page needs in a handful of
queries. All positions come from :mod:`rolegraph.pages.layout`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from ..knowledge.model import Evidence
from ..text import fold
from . import layout

__all__ = ["Node", "Edge", "View", "SiteData", "KINDS"]

# Okabe-Ito colours: told apart by people with the common colour-vision deficiencies.
KINDS = {
    "role": ("#0072B2", "dot", {"en": "Role", "fr": "Métier"}),
    "candidate": ("#56B4E9", "dot", {"en": "Role not in the lexicon", "fr": "Métier hors lexique"}),
    "skill": ("#E69F00", "diamond", {"en": "Skill", "fr": "Compétence"}),
    "mission": ("#009E73", "triangle", {"en": "Mission", "fr": "Mission"}),
    "document": ("#7f7f7f", "square", {"en": "Document", "fr": "Document"}),
}
PATH_COLOURS = ["#D55E00", "#CC79A7", "#0072B2", "#009E73", "#E69F00"]
MAX_QUOTES = 3  # evidence sentences shown in one tooltip
OVERVIEW_HUBS = 12  # roles whose labels the overview keeps readable when zoomed out
ROLE_PAGE_SKILLS, ROLE_PAGE_MISSIONS = 12, 8  # drawn around a role; its page lists every one


@dataclass
class Node:
    id: str
    kind: str
    labels: dict[str, str]
    info: list[list[str]] = field(default_factory=list)  # tooltip lines: [heading, text]
    role: str | None = None  # role id: clicking opens its page
    x: float = 0.0
    y: float = 0.0
    size: float | None = None
    highlight: str | None = None  # a colour that overrides the kind's
    prominent: bool = False  # its label stays readable however far the view is zoomed out


@dataclass
class Edge:
    source: str
    target: str
    kind: str  # transition, skill, mission, mentions
    info: list[list[str]] = field(default_factory=list)
    width: float = 1.0
    colour: str | None = None
    dashes: bool = False


@dataclass
class View:
    """One page's graph and details."""

    name: str  # overview, careers, role, path
    title: dict[str, str]
    nodes: list[Node]
    edges: list[Edge]
    legend: list[str] = field(default_factory=list)  # kinds shown
    details: dict = field(default_factory=dict)


def _column_gap(points) -> float:
    """The usual distance between neighbours on a row of a layout (the median)."""
    rows: dict[float, list[float]] = {}
    for x, y in points:
        rows.setdefault(y, []).append(x)
    gaps = sorted(b - a for xs in rows.values() for a, b in zip(sorted(xs), sorted(xs)[1:]))
    return gaps[len(gaps) // 2] if gaps else 0.0


_CONCEPTS = """
SELECT ?c ?kind ?lang ?label WHERE {
  VALUES (?type ?kind) { (rg:Skill "skill") (rg:Mission "mission") (rg:RoleFamily "family") (rg:SeniorityLevel "level") }
  ?c a ?type ; skos:prefLabel ?label .
  BIND(LANG(?label) AS ?lang)
}"""

_LEVELS = "SELECT DISTINCT ?l ?rank WHERE { ?l a rg:SeniorityLevel ; rg:rank ?rank }"
_ROLE_LEVELS = "SELECT DISTINCT ?r ?l WHERE { ?r a rg:Role ; rg:seniority ?l } ORDER BY ?r ?l"
# Title words that say a level, for roles the lexicon gives none (the first such word decides).
_C_LEVEL = re.compile(r"c[a-z]{1,2}o")  # CTO, CDO, CISO: chief officers
_TITLE_LEVELS = {"chief": "executive", "vp": "director", "vice": "director", "head": "director",
                 "director": "director", "directeur": "director", "directrice": "director",
                 "principal": "principal", "staff": "principal", "lead": "lead", "senior": "senior",
                 "sr": "senior", "junior": "entry", "jr": "entry", "intern": "entry", "stagiaire": "entry"}

_DOCUMENTS = """
SELECT ?name ?r WHERE {
  ?d a rg:Document ; schema:identifier ?name .
  OPTIONAL { ?d schema:mentions|schema:about ?r }
}"""


def _last(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


class SiteData:
    """Everything the pages need from one graph, read once."""

    def __init__(self, graph):
        self.graph = graph
        self.careers = graph.careers
        self.profiles = graph.profiles
        self.labels: dict[tuple[str, str], dict[str, str]] = {}  # (kind, id) -> {lang: label}
        for row in graph.query(_CONCEPTS):
            key = (row["kind"].value, _last(row["c"].value))
            self.labels.setdefault(key, {})[row["lang"].value or "en"] = row["label"].value
        # Levels may share a rank (manager and principal: two tracks of one rung): a role's own level is read.
        self.ranks = {_last(row["l"].value): int(row["rank"].value) for row in graph.query(_LEVELS)}
        self.role_levels: dict[str, str] = {}  # role id -> its seniority level's id
        for row in graph.query(_ROLE_LEVELS):
            if (rid := graph.iris.role_id(row["r"].value)) is not None:
                self.role_levels.setdefault(rid, _last(row["l"].value))
        self.documents: dict[str, set[str]] = {}  # document name -> role ids it mentions
        for row in graph.query(_DOCUMENTS):
            roles = self.documents.setdefault(row["name"].value, set())
            rid = graph.iris.role_id(row["r"].value) if row["r"] is not None else None
            if rid in self.careers.g:
                roles.add(rid)

    # --- labels and tooltips --------------------------------------------

    def role_labels(self, rid: str) -> dict[str, str]:
        node = self.careers.g.nodes[rid]
        return {"en": node["label"], "fr": node.get("label_fr") or node["label"]}

    def concept_labels(self, kind: str, cid: str) -> dict[str, str]:
        found = self.labels.get((kind, cid), {})
        en = found.get("en") or next(iter(found.values()), cid)
        return {"en": en, "fr": found.get("fr", en)}

    def role_kind(self, rid: str) -> str:
        return "candidate" if self.careers.g.nodes[rid]["candidate"] else "role"

    def role_info(self, rid: str) -> list[list[str]]:
        node = self.careers.g.nodes[rid]
        labels = self.role_labels(rid)
        info = [["EN", labels["en"]], ["FR", labels["fr"]]]
        if node.get("family"):
            info.append(["Family", self.concept_labels("family", node["family"])["en"]])
        if node.get("rank") is not None:
            level = self.role_levels.get(rid)
            name = self.concept_labels("level", level)["en"] if level else str(node["rank"])
            info.append(["Seniority", name])
        for cur, value in sorted(node.get("salary", {}).items()):
            info.append(["Typical salary", f"{value:,.0f} {cur} a year"])
        if node["candidate"]:
            info.append(["", "Found in documents; not yet in the lexicon."])
        return info

    def role_level(self, rid: str) -> int | None:
        """The role's seniority rank, or for a role without one (a new title) the rank its title's
        words say ("Head of Cloud": director), so the career map puts it on a fitting row."""
        node = self.careers.g.nodes[rid]
        if node.get("rank") is not None:
            return node["rank"]
        words = fold(node["label"]).split()
        for word in words:
            level = _TITLE_LEVELS.get(word) or ("executive" if _C_LEVEL.fullmatch(word) else None)
            if level in self.ranks:
                return self.ranks[level]
        return None

    def role_sort_key(self, rid: str):
        node = self.careers.g.nodes[rid]
        return (node.get("family") or "~", node["label"].lower())

    def quote(self, ev) -> str:
        quoted = self.graph.quoted(ev)
        where = f"{ev.document} [{ev.start}:{ev.end}]"
        return f"“{quoted.quote}” ({where})" if quoted.quote else where

    def transition_info(self, a: str, b: str) -> list[list[str]]:
        e = self.careers.g.edges[a, b]
        info = [["", f"{self.role_labels(a)['en']} → {self.role_labels(b)['en']}"],
                ["Documents", str(len(e["documents"]))]]
        if e["min_years"] is not None:
            info.append(["Experience", f"{e['min_years']:g}+ years"])
        for ev in e["evidence"][:MAX_QUOTES]:
            info.append(["Evidence", self.quote(ev)])
        if len(e["evidence"]) > MAX_QUOTES:
            info.append(["", f"and {len(e['evidence']) - MAX_QUOTES} more"])
        return info

    def role_node(self, rid: str, **extra) -> Node:
        return Node("role:" + rid, self.role_kind(rid), self.role_labels(rid), self.role_info(rid), role=rid, **extra)

    def concept_node(self, kind: str, cid: str, documents: set[str] | None = None) -> Node:
        labels = self.concept_labels(kind, cid)
        info = [["EN", labels["en"]], ["FR", labels["fr"]], ["", KINDS[kind][2]["en"]]]
        if documents:
            info.append(["Stated in", ", ".join(sorted(documents)[:5])])
        return Node(f"{kind}:{cid}", kind, labels, info)

    # --- the views -------------------------------------------------------

    @cached_property
    def career_roles(self) -> list[str]:
        """Roles with at least one transition."""
        g = self.careers.g
        return sorted(r for r in g.nodes if g.degree(r) > 0)

    def _layered(self, roles, edges, **kwargs):
        return layout.layered(roles, edges, {r: self.role_level(r) for r in roles},
                              key=self.role_sort_key, **kwargs)

    def careers_view(self) -> View:
        """Roles and the moves between them, senior roles at the top."""
        g = self.careers.g
        roles = self.career_roles
        moves = [(a, b) for a, b in g.edges if a in roles and b in roles]
        pos = self._layered(roles, moves)
        nodes = [self.role_node(r, x=pos[r][0], y=pos[r][1]) for r in roles]
        edges = [Edge("role:" + a, "role:" + b, "transition", self.transition_info(a, b),
                      width=1 + len(g.edges[a, b]["documents"])) for a, b in moves]
        return View("careers", {"en": "Career map", "fr": "Carte des carrières"}, nodes, edges,
                    legend=["role", "candidate"],
                    details={"hidden_roles": len(g.nodes) - len(roles)})

    @cached_property
    def document_roles(self) -> list[str]:
        """Roles some document speaks of: named, with a move, a skill or a mission."""
        g = self.careers.g
        named = set().union(*self.documents.values()) if self.documents else set()
        stated = self.profiles.skills.keys() | self.profiles.missions.keys()
        return sorted(r for r in g.nodes if g.degree(r) > 0 or r in named or r in stated)

    def overview_view(self) -> View:
        """The roles documents speak of, the skills and missions documents state, and the documents.

        Roles only the reference taxonomies know are on the index and their own
        pages; here they would bury what the documents say.
        """
        g = self.careers.g
        roles = self.document_roles
        moves = [(a, b) for a, b in g.edges if a in roles and b in roles]
        pos = self._layered(roles, moves)
        skills: dict[str, list[str]] = {}
        missions: dict[str, list[str]] = {}
        skill_docs: dict[str, set[str]] = {}
        for table, target in ((self.profiles.skills, skills), (self.profiles.missions, missions)):
            for rid, concepts in table.items():
                if rid not in g:
                    continue
                for cid, docs in concepts.items():
                    target.setdefault(cid, []).append(rid)
                    skill_docs.setdefault(cid, set()).update(docs)
        docs = {name: sorted(r) for name, r in self.documents.items()}
        placed = {**pos,
                  **{"skill:" + k: v for k, v in layout.bands(skills, pos, side="left").items()},
                  **{"mission:" + k: v for k, v in layout.bands(missions, pos, side="right").items()},
                  **{"document:" + k: v for k, v in layout.bands(docs, pos, side="bottom").items()}}
        nodes = [self.role_node(r, x=pos[r][0], y=pos[r][1]) for r in roles]
        for kind, table in (("skill", skills), ("mission", missions)):
            for cid in sorted(table):
                x, y = placed[f"{kind}:{cid}"]
                node = self.concept_node(kind, cid, skill_docs.get(cid))
                node.x, node.y = x, y
                nodes.append(node)
        for name in sorted(docs):
            x, y = placed["document:" + name]
            nodes.append(Node("document:" + name, "document", {"en": name, "fr": name},
                              [["Document", name], ["Mentions", f"{len(docs[name])} roles"]], x=x, y=y))
        edges = [Edge("role:" + a, "role:" + b, "transition", self.transition_info(a, b),
                      width=1 + len(g.edges[a, b]["documents"])) for a, b in moves]
        for kind, table in (("skill", skills), ("mission", missions)):
            for cid, rids in sorted(table.items()):
                edges += [Edge("role:" + r, f"{kind}:{cid}", kind) for r in sorted(rids)]
        for name, rids in sorted(docs.items()):
            edges += [Edge("document:" + name, "role:" + r, "mentions", dashes=True) for r in rids]
        # Zoomed out to show everything, labels are a few pixels high: the most
        # connected roles keep readable ones, the rest show on zooming in.
        # Two such labels side by side would overlap: a hub close to one already
        # chosen on its row stays small.
        degree = Counter(end for e in edges for end in (e.source, e.target) if end.startswith("role:"))
        at = {n.id: (n.x, n.y) for n in nodes}
        gap = 2.5 * _column_gap(pos.values())
        hubs: list[str] = []
        for nid, _ in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0])):
            if len(hubs) == OVERVIEW_HUBS:
                break
            x, y = at[nid]
            if all(at[h][1] != y or abs(at[h][0] - x) >= gap for h in hubs):
                hubs.append(nid)
        for node in nodes:
            node.prominent = node.id in hubs
        return View("overview", {"en": "Overview of the graph", "fr": "Vue d'ensemble du graphe"},
                    nodes, edges, legend=["role", "candidate", "skill", "mission", "document"])

    def role_view(self, rid: str) -> View:
        """One role, the roles before and after it, its skills and missions, salaries and sources."""
        g = self.careers.g
        card = self.graph.profiles.card(rid, self.careers)
        before = [r for r in card.before if r != rid]
        after = [r for r in card.after if r != rid]
        nodes = [self.role_node(rid, x=0, y=0, size=28)]
        edges = []
        for row, y, link in ((after, -260, "after"), (before, 260, "before")):
            for i, r in enumerate(row):
                if any(n.id == "role:" + r for n in nodes):
                    continue  # a role both before and after is drawn once
                nodes.append(self.role_node(r, x=(i - (len(row) - 1) / 2) * 200, y=y))
        for r in after:
            edges.append(Edge("role:" + rid, "role:" + r, "transition", self.transition_info(rid, r),
                              width=1 + len(g.edges[rid, r]["documents"])))
        for r in before:
            edges.append(Edge("role:" + r, "role:" + rid, "transition", self.transition_info(r, rid),
                              width=1 + len(g.edges[r, rid]["documents"])))
        profile, _note = self.profiles.profile(rid)
        label_of = self.careers.index.label
        for kind, side, shown in (("skill", -1, ROLE_PAGE_SKILLS), ("mission", 1, ROLE_PAGE_MISSIONS)):
            ordered = profile[kind][:shown]  # the most attested; the page lists every one
            for i, item in enumerate(ordered):
                node = self.concept_node(kind, item.id)
                node.info.append(["Source", "; ".join(src.describe(label_of) for src in item.sources)])
                step = 85 if kind == "skill" else 115  # missions are sentences: three lines of label
                node.x = side * (380 + (i % 2) * 200)
                node.y = (i // 2 - (len(ordered) // 2 - 1) / 2) * step
                nodes.append(node)
                edges.append(Edge("role:" + rid, node.id, kind))
        salaries = []
        for s in card.salaries:
            ev = s["evidence"]
            evidence = Evidence(ev["document"] or "", ev["start"], ev["end"])
            salaries.append({**s, "quote": self.quote(evidence)})
        moves = []
        for a, b in [(r, rid) for r in before] + [(rid, r) for r in after]:
            e = g.edges[a, b]
            moves.append({"from": self.role_labels(a), "to": self.role_labels(b),
                          "from_id": a, "to_id": b,
                          "quotes": [self.quote(ev) for ev in e["evidence"]]})
        labels = self.role_labels(rid)
        similar = [{"id": s["role"], "labels": self.role_labels(s["role"]), "tier": s["tier"]}
                   for s in card.similar if s["role"] in g]
        matches = [{"id": m["role"], "labels": self.role_labels(m["role"]), "match": m["match"]}
                   for m in card.matches if m["role"] in g]
        return View("role", labels, nodes, edges, legend=["role", "candidate", "skill", "mission"],
                    details={"card": card, "salaries": salaries, "moves": moves, "role": rid,
                             "kind": self.role_kind(rid), "similar": similar, "matches": matches})

    def path_view(self, source: str, target: str, k: int = 3) -> View:
        """The ``k`` best paths between two roles (ids), each in its own colour, with the evidence."""
        paths = self.graph.paths(source, target, k=k)
        g = self.careers.g
        roles = list(dict.fromkeys(r for p in paths for r in p.roles)) or [source, target]
        moves = list(dict.fromkeys((a, b) for p in paths for a, b in zip(p.roles, p.roles[1:])))
        pos = self._layered(roles, moves, dx=230)
        ends = {source, target}
        nodes = [self.role_node(r, x=pos[r][0], y=pos[r][1], size=26 if r in ends else None) for r in roles]
        colour_of: dict[tuple[str, str], str] = {}
        for i, p in enumerate(paths):
            for a, b in zip(p.roles, p.roles[1:]):
                colour_of.setdefault((a, b), PATH_COLOURS[i % len(PATH_COLOURS)])
        edges = [Edge("role:" + a, "role:" + b, "transition", self.transition_info(a, b),
                      width=2 + len(g.edges[a, b]["documents"]), colour=colour_of[a, b]) for a, b in moves]
        described = []
        for i, p in enumerate(paths):
            steps = []
            for s in p.steps:
                gap = self.graph.gap(s.source, s.target)
                steps.append({"from": self.role_labels(s.source), "to": self.role_labels(s.target),
                              "from_id": s.source, "to_id": s.target,
                              "skills": gap.skills_to_gain[:8],
                              "quotes": [self.quote(ev) for ev in s.evidence[:MAX_QUOTES]]})
            described.append({"colour": PATH_COLOURS[i % len(PATH_COLOURS)], "why": p.why,
                              "labels": [self.role_labels(r) for r in p.roles], "steps": steps})
        a, b = self.role_labels(source), self.role_labels(target)
        return View("path", {"en": f"{a['en']} → {b['en']}", "fr": f"{a['fr']} → {b['fr']}"},
                    nodes, edges, legend=["role", "candidate"],
                    details={"paths": described, "source": source, "target": target})
