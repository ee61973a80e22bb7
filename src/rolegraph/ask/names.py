"""Role names as users type them ("lead dev", "directeur technique", "RSSI") to one role.

Every label of every role in the graph counts, in English and French,
feminine forms and acronyms included, compared without case, accents or
plural endings. A name that fits several roles, or none, raises
:class:`~rolegraph.errors.RoleNotFound` with the closest roles: rolegraph
never guesses silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import RoleNotFound
from ..graph.iris import DEFAULT, ROLE_BASE, IriBase
from ..text import norm_phrase

__all__ = ["RoleIndex", "name_key", "label_row", "LABELS"]
#: Every label of every role, with the graph that states it. Roles are the nodes under the role
#: folder of IRIs: matching ``?role a rg:Role`` in the union of graphs would repeat each label once
#: per graph that types the role (a new role named by many documents).
LABELS = """
SELECT ?g ?role ?label ?kind WHERE {
  GRAPH ?g {
    { ?role skos:prefLabel ?label BIND("pref" AS ?kind) }
    UNION { ?role skos:altLabel ?label BIND("alt" AS ?kind) }
    UNION { ?role rg:feminineLabel ?label BIND("alt" AS ?kind) }
    UNION { ?role skos:hiddenLabel ?label BIND("hidden" AS ?kind) }
    UNION { ?role rg:ambiguousLabel ?label BIND("ambiguous" AS ?kind) }
  }
  FILTER(STRSTARTS(STR(?role), STR(<%s>)))
}""" % ROLE_BASE  # under another IRI base: IriBase.sparql(LABELS)
# A reference taxonomy's labels rank below the curated lexicon's and the documents':
# its preferred labels first, then its alternative and search-only ones.
_REFERENCE_GRAPHS = ("graph/esco", "graph/onet", "graph/crosswalk")
_TIERS = {"pref": 1, "alt": 2, "hidden": 3, "ambiguous": 2}


def label_row(row, graph: str, iris: IriBase = DEFAULT) -> tuple | None:
    """A row of :data:`LABELS` stated in ``graph`` as a plain tuple for :meth:`RoleIndex.from_rows`
    (``iris``: the IRI base the graph was minted under)."""
    rid = iris.role_id(row["role"].value)
    if rid is None:
        return None
    label = row["label"]
    reference = graph.startswith(iris.base) and graph[len(iris.base):] in _REFERENCE_GRAPHS
    return rid, label.value, label.language or "", row["kind"].value, reference


def name_key(name: str) -> str:
    """The form names are compared in: folded words, singular.

    >>> name_key("Directeurs  Techniques") == name_key("directeur technique")
    True
    """
    return " ".join(norm_phrase(name))


@dataclass
class RoleIndex:
    """Labels of the graph's roles, for resolving names and suggesting close ones."""

    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # role id -> {lang: label}
    keys: dict[str, set[str]] = field(default_factory=dict)  # name key -> role ids
    ambiguous: dict[str, set[str]] = field(default_factory=dict)  # acronyms shared by roles

    @classmethod
    def from_graph(cls, graph) -> "RoleIndex":
        """Every label of every role of ``graph`` (a :class:`~rolegraph.ask.RoleGraph`)."""
        rows = (label_row(row, row["g"].value, graph.iris) for row in graph.query(graph.iris.sparql(LABELS)))
        return cls.from_rows(row for row in rows if row is not None)

    @classmethod
    def from_rows(cls, rows) -> "RoleIndex":
        """The index of label rows ``(role id, label, language, kind, from a reference taxonomy)``.

        A name shared by roles counts at its best tier only (a curated role's
        name beats an O*NET alternate title of another role).
        """
        index = cls()
        best: dict[str, tuple[int, set[str]]] = {}
        key_of: dict[str, str] = {}  # labels repeat across roles and graphs: normalise each once
        for rid, label, lang, kind, reference in rows:
            if kind == "pref":
                index.labels.setdefault(rid, {})[lang or "en"] = label
            key = key_of.get(label)
            if key is None:
                key = key_of[label] = name_key(label)
            if not key:
                continue
            if kind == "ambiguous":  # a short form the lexicon knows several roles by (CDO)
                index.ambiguous.setdefault(key, set()).add(rid)
            tier = _TIERS[kind] if reference else 0
            found = best.get(key)
            if found is None or tier < found[0]:
                best[key] = (tier, {rid})
            elif tier == found[0]:
                found[1].add(rid)
        index.keys = {key: rids for key, (_tier, rids) in best.items()}
        for rid in index.labels:
            index.keys.setdefault(rid, set()).add(rid)  # the id itself: "lead-developer"
        return index

    def to_json(self) -> str:
        """The index as JSON, to save beside a store so that commands need not rebuild it."""
        import json

        return json.dumps({"labels": self.labels, "keys": {k: sorted(v) for k, v in self.keys.items()},
                           "ambiguous": {k: sorted(v) for k, v in self.ambiguous.items()}},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "RoleIndex":
        import json

        data = json.loads(text)
        return cls(data["labels"], {k: set(v) for k, v in data["keys"].items()},
                   {k: set(v) for k, v in data["ambiguous"].items()})

    def label(self, rid: str, lang: str = "en") -> str:
        labels = self.labels.get(rid, {})
        return labels.get(lang) or labels.get("en") or next(iter(labels.values()), rid)

    def resolve(self, name: str) -> str:
        """The id of the one role ``name`` names; :class:`RoleNotFound` otherwise."""
        text = name.strip()
        if "://" in text and "/id/role/" in text:  # a role's IRI, under rolegraph's base or another
            text = text.rsplit("/id/role/", 1)[1]
        elif text.startswith("role:"):
            text = text[5:]
        if text in self.labels:
            return text
        rids = self.keys.get(name_key(text), set())
        if len(rids) == 1:
            return next(iter(rids))
        if len(rids) > 1:
            raise RoleNotFound(name, sorted(self.label(r) for r in rids), ambiguous=True)
        fitting = self.containing(text)
        if len(fitting) > 1:  # a word of many names ("ingénieur", "lead"): list them, never guess
            raise RoleNotFound(name, [self.label(r) for r in fitting[:8]], ambiguous=True, total=len(fitting))
        raise RoleNotFound(name, self.suggest(name))

    def containing(self, name: str) -> list[str]:
        """Roles with a name holding every word of ``name``, those with the shortest such name first."""
        words = set(name_key(name).split())
        if not words:
            return []
        best: dict[str, int] = {}
        for key, rids in self.keys.items():
            if words <= set(key.split()):
                for rid in rids:
                    best[rid] = min(best.get(rid, 999), len(key))
        return sorted(best, key=lambda r: (best[r], self.label(r)))

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """Labels of the roles whose names come closest to ``name``, best first."""
        from rapidfuzz import fuzz, process

        key = name_key(name)
        if not key:
            return []
        out: list[str] = []
        for _match, score, rids in process.extract(
                key, {k: k for k in self.keys}, scorer=fuzz.WRatio, limit=limit * 4):
            if score < 75:
                break
            for rid in sorted(self.keys[_match]):
                label = self.label(rid)
                if label not in out:
                    out.append(label)
        return out[:limit]
