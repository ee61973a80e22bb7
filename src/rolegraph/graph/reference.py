"""The reference taxonomies as RDF: one named graph per source (ESCO, O*NET, the crosswalk).

Each graph describes itself (VoID and DCAT: title, source, licence, version,
release date, the attribution to carry), holds the roles, skills and missions
its source named, the names and descriptions it gave concepts of other layers,
and its links: ``esco:hasEssentialSkill`` and ``esco:hasOptionalSkill`` (ESCO),
``rg:usesTechnology`` with ``rg:hotTechnology`` and ``rg:hasMission`` (O*NET),
``rg:similarTo`` with its tier (O*NET related occupations), ``skos:broader``
(ESCO's occupation hierarchy), ``skos:closeMatch`` (the crosswalk). Which graph
a triple is in says where it comes from.
"""

from __future__ import annotations

import re

from ..knowledge.lexicon import Concept, Lexicon
from .iris import KIND_PATH, concept_iri, role_iri
from .rdf import SCHEME_ROLES, Quads
from .vocab import BASE, DCAT, DCTERMS, ESCO, ESCO_ISCO, ID, ONET, RDF, RG, SCHEMA, SKOS, VOID, XSD, iri, literal

__all__ = ["reference_graph_iri", "reference_graphs"]

_KIND_CLASS = {"role": RG.Role, "skill": RG.Skill, "mission": RG.Mission}
_MATCH = {"exact": SKOS.exactMatch, "close": SKOS.closeMatch, "broad": SKOS.broadMatch,
          "narrow": SKOS.narrowMatch, "related": SKOS.relatedMatch}
_LEVEL = {"essential": ESCO.hasEssentialSkill, "optional": ESCO.hasOptionalSkill}
_TIER_PROPERTY = {1: SKOS.altLabel, 2: SKOS.altLabel, 3: SKOS.hiddenLabel}
_TITLES = {"esco": ("ESCO occupations, skills and their links: the tech subset rolegraph uses",
                    "Métiers, compétences et leurs liens d'ESCO : le sous-ensemble tech de rolegraph"),
           "onet": ("O*NET occupations, job titles, technologies, tasks and related occupations: the tech subset "
                    "rolegraph uses", "Métiers, intitulés, technologies, tâches et métiers apparentés d'O*NET : le "
                                      "sous-ensemble tech de rolegraph"),
           "crosswalk": ("Close matches between ESCO and O*NET occupations",
                         "Correspondances proches entre métiers ESCO et O*NET")}


def reference_graph_iri(source: str) -> str:
    """The named graph of one reference source ("esco", "onet", "crosswalk"), without brackets.

    >>> reference_graph_iri("esco")
    'https://w3id.org/rolegraph/graph/esco'
    """
    return f"{BASE}graph/{source}"


def _date(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return literal(value, datatype=XSD.base + "gYearMonth")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return literal(value, datatype=XSD.base + "date")
    return literal(value)


def _link_iri(source: str, key: str) -> str | None:
    if source == "esco" and key.startswith("http"):
        return iri(key)
    if source == "onet" and re.fullmatch(r"\d{2}-\d{4}\.\d{2}", key):
        return ONET[key]
    return None


class _Writer:
    def __init__(self, lex: Lexicon, quads: Quads):
        self.lex, self.ref = lex, lex.reference
        self.graphs = {name: quads.graph(iri(reference_graph_iri(name))) for name in self.ref.sources}

    def describe(self, name: str) -> None:
        g, src = self.graphs[name], self.ref.sources[name]
        node = iri(reference_graph_iri(name))
        en, fr = _TITLES.get(name, (src.title, src.title))
        for t in (VOID.Dataset, DCAT.Dataset):
            g.add(node, RDF.type, t)
        g.add(node, DCTERMS.title, literal(en, lang="en"))
        g.add(node, DCTERMS.title, literal(fr, lang="fr"))
        g.add(node, DCTERMS.description, literal(f"Derived from {src.title}, release {src.version}.", lang="en"))
        g.add(node, DCTERMS.source, iri(src.url))
        g.add(node, DCTERMS.license, iri(src.license))
        g.add(node, DCTERMS.rights, literal(src.attribution, lang="en"))
        g.add(node, DCTERMS.hasVersion, literal(src.version))
        if src.date:
            g.add(node, DCTERMS.issued, _date(src.date))

    def concept(self, c: Concept, kind: str) -> None:
        node = concept_iri(kind, c.id)
        if c.source in self.graphs:  # a concept this source named: all of it goes in its graph
            g = self.graphs[c.source]
            g.add(node, RDF.type, _KIND_CLASS[kind])
            g.add(node, RDF.type, SKOS.Concept)
            g.add(node, SKOS.prefLabel, literal(c.en, lang="en"))
            if c.fr and c.fr != c.en:
                g.add(node, SKOS.prefLabel, literal(c.fr, lang="fr"))
            for alt in c.en_alt:
                g.add(node, SKOS.altLabel, literal(alt, lang="en"))
            for alt in c.fr_alt + c.fr_feminine:
                g.add(node, SKOS.altLabel, literal(alt, lang="fr"))
            if c.fr_feminine:
                g.add(node, RG.feminineLabel, literal(c.fr_feminine[0], lang="fr"))
            if kind == "role":
                self.role_frame(g, node, c)
            else:
                g.add(node, SKOS.inScheme, ID[f"scheme/{KIND_PATH[kind]}"])
                if c.skill_kind:
                    g.add(node, RG.skillType, literal(c.skill_kind))
        for name, lang, tier, source in c.ref_names:
            if source in self.graphs:
                prop = SKOS.prefLabel if tier == 1 and c.source == source else _TIER_PROPERTY[tier]
                self.graphs[source].add(node, prop, literal(name, lang=lang))
        for lang, text, source in c.description:
            if source in self.graphs:
                self.graphs[source].add(node, SKOS.definition, literal(text, lang=lang))
        for source, key, match in c.links:
            target = _link_iri(source, key)
            if source in self.graphs and target:
                self.graphs[source].add(node, _MATCH[match], target)
                if kind == "role" and source == "onet":
                    self.graphs[source].add(node, SCHEMA.occupationalCategory, literal(key))
                    self.graphs[source].add(node, SKOS.notation, literal(key, datatype=RG.base + "ONETSOC"))

    def role_frame(self, g, node: str, c: Concept) -> None:
        g.add(node, RDF.type, SCHEMA.Occupation)
        g.add(node, SKOS.inScheme, SCHEME_ROLES)
        if c.family:
            g.add(node, SKOS.inScheme, ID[f"family/{c.family}"])

    def isco(self) -> None:
        g = self.graphs.get("esco")
        if g is None:
            return
        for rid, code in sorted(self.ref.isco.items()):
            node = role_iri(rid)
            group = code[:4]
            g.add(node, SKOS.notation, literal(group, datatype=RG.base + "ISCO08"))
            g.add(node, SKOS.broadMatch, ESCO_ISCO[group])
            g.add(node, SCHEMA.occupationalCategory, literal(group))

    def relations(self) -> None:
        ref = self.ref
        for r in ref.requirements:
            g = self.graphs[r.source]
            role, skill = role_iri(r.role), concept_iri("skill", r.skill)
            if r.level in _LEVEL:
                g.add(role, _LEVEL[r.level], skill)
            else:
                g.add(role, RG.usesTechnology, skill)
                if r.hot:
                    g.add(role, RG.hotTechnology, skill)
                if r.in_demand:
                    g.add(role, RG.inDemandTechnology, skill)
        for t in ref.tasks:
            g = self.graphs[t.source]
            mission = concept_iri("mission", t.mission)
            g.add(role_iri(t.role), RG.hasMission, mission)
            if t.type:
                g.add(mission, RG.taskType, literal(t.type))
        if ref.similar:
            g = self.graphs["onet"]
            for s in ref.similar:
                a, b = role_iri(s.role), role_iri(s.other)
                stmt = ID[f"onet/similar/{s.role}--{s.other}"]
                g.add(a, RG.similarTo, b)
                g.add(stmt, RDF.type, RG.Similarity)
                g.add(stmt, RG.fromRole, a)
                g.add(stmt, RG.toRole, b)
                g.add(stmt, RG.relatednessTier, literal(s.tier))
                g.add(stmt, RG.relatednessIndex, literal(s.index))
        if ref.broader:
            g = self.graphs["esco"]
            for a, b in ref.broader:
                g.add(role_iri(a), SKOS.broader, role_iri(b))
        for a, b, source in ref.close:
            self.graphs[source].add(role_iri(a), SKOS.closeMatch, role_iri(b))


def reference_graphs(lex: Lexicon, quads: Quads) -> None:
    """Add one named graph per reference source of ``lex`` (nothing when it has none) to ``quads``."""
    if lex.reference is None or not lex.reference.sources:
        return
    w = _Writer(lex, quads)
    for name in sorted(w.graphs):
        w.describe(name)
    for kind in ("role", "skill", "mission"):
        for c in lex.of_kind(kind).values():
            if c.source != "lexicon" or c.ref_names or c.description or c.links:
                w.concept(c, kind)
    # a reference role with no broader role is a top concept of its family
    broader = {a for a, _b in w.ref.broader}
    for c in lex.roles.values():
        if c.source in w.graphs and c.family and c.id not in broader:
            w.graphs[c.source].add(role_iri(c.id), SKOS.topConceptOf, ID[f"family/{c.family}"])
    w.isco()
    w.relations()

