"""Turn the lexicon and document facts into RDF.

The lexicon goes into one named graph, each document's facts into a named graph
of their own, so that rebuilding a changed document replaces only its graph.
Every node has a readable IRI derived from ids and offsets (no blank nodes),
which keeps rebuilds identical.
"""

from __future__ import annotations

from decimal import Decimal

from ..knowledge.lexicon import Concept, Lexicon
from ..knowledge.model import PERIODS, DocumentFacts, Ref, Span
from .iris import KIND_PATH, concept_iri, doc_graph_iri, doc_iri, doc_slug, evidence_iri, role_iri
from .vocab import (ESCO_ISCO, ESCO_OCCUPATION, GRAPH_LEXICON, ID, OA, ONET, RDF, RG, SCHEMA, SKOS, XSD,
                    iri, literal)

__all__ = ["Quads", "GraphWriter", "lexicon_graph", "document_graph", "build_dataset"]

_KIND_CLASS = {"role": RG.Role, "skill": RG.Skill, "mission": RG.Mission,
               "qualification": RG.Qualification}
_MATCH = {"exact": SKOS.exactMatch, "close": SKOS.closeMatch, "broad": SKOS.broadMatch,
          "narrow": SKOS.narrowMatch, "related": SKOS.relatedMatch}
SCHEME_ROLES = ID["scheme/roles"]
_XSD_DECIMAL = XSD.base + "decimal"
_XSD_NNI = XSD.base + "nonNegativeInteger"
_XSD_DURATION = XSD.base + "duration"


class Quads:
    """The graph as N-Triples lines, kept per named graph.

    ``graph(iri)`` gives a writer whose ``add(s, p, o)`` takes terms in
    N-Triples form (see :mod:`rolegraph.graph.vocab`). Output is sorted, so the same
    graph always gives the same text.
    """

    def __init__(self):
        self.graphs: dict[str, list[str]] = {}  # graph IRI (N-Triples form) -> triple lines
        self._sorted: dict[str, int] = {}  # graph -> its length when last sorted
        self._merged: tuple[int, list[str]] | None = None  # (quads then, merged triples)

    def graph(self, graph_iri: str) -> "GraphWriter":
        return GraphWriter(self.graphs.setdefault(graph_iri, []))

    def _sorted_graphs(self):
        """Each graph's lines, sorted and without duplicates (in place, once until lines are added)."""
        for name in sorted(self.graphs):
            lines = self.graphs[name]
            if self._sorted.get(name) != len(lines):
                lines[:] = sorted(set(lines))
                self._sorted[name] = len(lines)
            yield name, lines

    def nquads(self):
        """N-Quads lines: graph by graph in IRI order, sorted within each graph."""
        for name, lines in self._sorted_graphs():
            tail = f" {name} .\n"
            for line in lines:
                yield line[:-3] + tail

    def ntriples(self) -> list[str]:
        """Every named graph merged: sorted N-Triples lines without duplicates (computed once)."""
        quads = len(self)
        if self._merged is None or self._merged[0] != quads:
            merged = [line for _name, lines in self._sorted_graphs() for line in lines]
            merged.sort()  # runs already sorted graph by graph: timsort merges them quickly
            self._merged = (quads, [line for k, line in enumerate(merged) if k == 0 or line != merged[k - 1]])
        return self._merged[1]

    def counts(self) -> dict[str, int]:
        """Instances of each rolegraph class (by short name), triples and quads."""
        type_of = f" {RDF.type} <{RG.base}"
        counts: dict[str, int] = {}
        for line in self.ntriples():
            k = line.find(type_of)
            if k > 0:
                name = line[k + len(type_of):line.index(">", k + len(type_of))]
                counts[name] = counts.get(name, 0) + 1
        counts["triples"] = len(self.ntriples())
        counts["quads"] = len(self)
        return dict(sorted(counts.items()))

    def __len__(self) -> int:
        """Quads, counting a triple once per graph that states it."""
        return sum(len(lines) for _name, lines in self._sorted_graphs())


class GraphWriter:
    """Adds triples to one named graph of a :class:`Quads`."""

    __slots__ = ("_append",)

    def __init__(self, lines: list[str]):
        self._append = lines.append

    def add(self, s: str, p: str, o: str) -> None:
        self._append(f"{s} {p} {o} .\n")


def _labels(g: GraphWriter, node: str, c: Concept) -> None:
    g.add(node, SKOS.prefLabel, literal(c.en, lang="en"))
    g.add(node, SKOS.prefLabel, literal(c.fr, lang="fr"))
    for alt in c.en_alt:
        g.add(node, SKOS.altLabel, literal(alt, lang="en"))
    for alt in c.fr_alt + c.fr_feminine:
        g.add(node, SKOS.altLabel, literal(alt, lang="fr"))
    if c.fr_feminine:
        g.add(node, RG.feminineLabel, literal(c.fr_feminine[0], lang="fr"))
    for acro in c.acronyms:
        g.add(node, SKOS.altLabel, literal(acro))
    for acro in c.ambiguous:
        g.add(node, RG.ambiguousLabel, literal(acro))


def _scheme(g: GraphWriter, node: str, en: str, fr: str, *types: str) -> None:
    g.add(node, RDF.type, SKOS.ConceptScheme)
    for t in types:
        g.add(node, RDF.type, t)
    g.add(node, SKOS.prefLabel, literal(en, lang="en"))
    g.add(node, SKOS.prefLabel, literal(fr, lang="fr"))


def lexicon_graph(lex: Lexicon, graph: GraphWriter | None = None) -> GraphWriter:
    """The lexicon as SKOS concepts, schemes and external mappings."""
    g = graph if graph is not None else Quads().graph(iri(GRAPH_LEXICON))
    _scheme(g, SCHEME_ROLES, "Tech roles", "Métiers de la tech")
    for kind, en, fr in (("skill", "Skills", "Compétences"), ("mission", "Missions", "Missions"),
                         ("qualification", "Training paths", "Formations")):
        _scheme(g, ID[f"scheme/{KIND_PATH[kind]}"], en, fr)
    _scheme(g, ID["scheme/seniority"], "Seniority levels", "Niveaux de séniorité")
    _scheme(g, ID["scheme/stage"], "Company stages", "Stades de l'entreprise")
    for fam in lex.families.values():
        _scheme(g, ID[f"family/{fam.id}"], fam.en, fam.fr, RG.RoleFamily)
    for lvl in lex.levels.values():
        node = ID[f"level/{lvl.id}"]
        g.add(node, RDF.type, RG.SeniorityLevel)
        g.add(node, RDF.type, SKOS.Concept)
        g.add(node, SKOS.prefLabel, literal(lvl.en, lang="en"))
        g.add(node, SKOS.prefLabel, literal(lvl.fr, lang="fr"))
        g.add(node, RG.rank, literal(lvl.rank))
        g.add(node, SKOS.inScheme, ID["scheme/seniority"])
    for st in lex.stages.values():
        node = ID[f"stage/{st.id}"]
        g.add(node, RDF.type, RG.CompanyStage)
        g.add(node, RDF.type, SKOS.Concept)
        g.add(node, SKOS.prefLabel, literal(st.en, lang="en"))
        g.add(node, SKOS.prefLabel, literal(st.fr, lang="fr"))
        g.add(node, SKOS.inScheme, ID["scheme/stage"])
        if st.min_size is not None:
            g.add(node, RG.minTeamSize, literal(st.min_size))
        if st.max_size is not None:
            g.add(node, RG.maxTeamSize, literal(st.max_size))
    for kind in ("role", "skill", "mission", "qualification"):
        for c in lex.of_kind(kind).values():
            if c.source != "lexicon":  # a reference taxonomy's concept: in that source's graph
                continue
            node = concept_iri(kind, c.id)
            g.add(node, RDF.type, _KIND_CLASS[kind])
            g.add(node, RDF.type, SKOS.Concept)
            _labels(g, node, c)
            if kind == "role":
                _role_extras(g, node, c)
            else:
                g.add(node, SKOS.inScheme, ID[f"scheme/{KIND_PATH[kind]}"])
    return g


def _role_extras(g: GraphWriter, node: str, c: Concept) -> None:
    g.add(node, RDF.type, SCHEMA.Occupation)
    g.add(node, SKOS.inScheme, SCHEME_ROLES)
    g.add(node, SKOS.inScheme, ID[f"family/{c.family}"])
    if not c.broader:
        g.add(node, SKOS.topConceptOf, ID[f"family/{c.family}"])
    g.add(node, RG.seniority, ID[f"level/{c.level}"])
    for other in c.broader:
        g.add(node, SKOS.broader, role_iri(other))
    if c.esco:
        g.add(node, _MATCH[c.esco_match], ESCO_OCCUPATION[c.esco])
    if c.isco:
        g.add(node, SKOS.notation, literal(c.isco, datatype=RG.base + "ISCO08"))
        g.add(node, SKOS.broadMatch, ESCO_ISCO[c.isco])
        g.add(node, SCHEMA.occupationalCategory, literal(c.isco))
    if c.onet:
        g.add(node, SKOS.notation, literal(c.onet, datatype=RG.base + "ONETSOC"))
        g.add(node, _MATCH[c.onet_match], ONET[c.onet])
        if c.onet_match == "exact":
            g.add(node, SCHEMA.occupationalCategory, literal(c.onet))


def _num(value: float) -> str:
    """An xsd:decimal in canonical form ("8.0", "60000.0", "2.5").

    Turtle writes decimals with a dot, so the lexical form must have one too for
    every output format to hold the very same literal.
    """
    text = str(Decimal(str(value)))
    return literal(text if "." in text else text + ".0", datatype=_XSD_DECIMAL)


class _DocWriter:
    """Writes one document's facts into its graph."""

    def __init__(self, facts: DocumentFacts, g: GraphWriter):
        self.f, self.g = facts, g
        self.name = facts.document.name
        self.slug = doc_slug(self.name)
        self.doc = doc_iri(self.name)

    def node(self, *parts: str) -> str:
        return ID[f"doc/{self.slug}/" + "/".join(parts)]

    def ref(self, kind: str, ref: Ref) -> str:
        node = concept_iri(kind, ref.id)
        if ref.is_new:
            self.g.add(node, RDF.type, RG.CandidateRole if kind == "role" else _KIND_CLASS[kind])
            if kind == "role":
                self.g.add(node, RDF.type, RG.Role)
            self.g.add(node, RDF.type, SKOS.Concept)
            self.g.add(node, SKOS.prefLabel, literal(ref.label, lang=ref.lang))
        return node

    def evidence(self, stmt: str, span: Span, kind: str, confidence=None) -> None:
        g = self.g
        ev = evidence_iri(self.name, span)
        sel = ev[:-1] + "/position>"
        g.add(stmt, RDF.type, kind)
        g.add(stmt, RG.evidence, ev)
        g.add(ev, RDF.type, RG.Evidence)
        g.add(ev, RDF.type, OA.SpecificResource)
        g.add(ev, OA.hasSource, self.doc)
        g.add(ev, OA.hasSelector, sel)
        g.add(sel, RDF.type, OA.TextPositionSelector)
        g.add(sel, OA.start, literal(span.start, datatype=_XSD_NNI))
        g.add(sel, OA.end, literal(span.end, datatype=_XSD_NNI))
        if confidence is not None:
            g.add(stmt, RG.confidence, _num(round(confidence, 3)))

    def write(self) -> GraphWriter:
        g, f, d = self.g, self.f, self.f.document
        g.add(self.doc, RDF.type, RG.Document)
        g.add(self.doc, SCHEMA.identifier, literal(d.name))
        g.add(self.doc, SCHEMA.inLanguage, literal(d.language))
        g.add(self.doc, RG.sha256, literal(d.sha256))
        g.add(self.doc, RG.characterCount, literal(d.chars))
        if d.title:
            g.add(self.doc, SCHEMA.name, literal(d.title, lang="en"))
        if d.about:
            g.add(self.doc, SCHEMA.about, role_iri(d.about))
        if d.url:
            g.add(self.doc, SCHEMA.url, iri(d.url))
        for m in f.mentions:
            role = self.ref("role", m.role)
            g.add(self.doc, SCHEMA.mentions, role)
            stmt = self.node("mention", m.role.id)
            g.add(stmt, RG.role, role)
            self.evidence(stmt, m.span, RG.RoleMention, m.confidence)
        for t in f.transitions:
            a, b = self.ref("role", t.source), self.ref("role", t.target)
            stmt = self.node("transition", f"{t.source.id}--{t.target.id}")
            g.add(a, RG.canTransitionTo, b)
            g.add(stmt, RG.fromRole, a)
            g.add(stmt, RG.toRole, b)
            if t.min_years is not None:
                g.add(stmt, RG.minYearsExperience, _num(t.min_years))
            if t.max_years is not None:
                g.add(stmt, RG.maxYearsExperience, _num(t.max_years))
            if t.stage:
                g.add(stmt, RG.companyStage, ID[f"stage/{t.stage}"])
            if t.condition:
                g.add(stmt, RG.condition, literal(t.condition, lang="en"))
            self.evidence(stmt, t.span, RG.Transition, t.confidence)
        for s in f.salaries:
            role = self.ref("role", s.role)
            stmt = self.node("salary", f"{s.role.id}-{s.span.start}-{s.span.end}")
            g.add(role, SCHEMA.estimatedSalary, stmt)
            g.add(stmt, RDF.type, SCHEMA.MonetaryAmount)
            g.add(stmt, RG.role, role)
            if s.min is not None:
                g.add(stmt, SCHEMA.minValue, _num(s.min))
            if s.max is not None:
                g.add(stmt, SCHEMA.maxValue, _num(s.max))
            g.add(stmt, SCHEMA.currency, literal(s.currency))
            g.add(stmt, RG.period, literal(PERIODS[s.period], datatype=_XSD_DURATION))
            for prop, value in ((RG.payBasis, s.basis), (RG.location, s.location),
                                (RG.qualifier, s.qualifier)):
                if value:
                    g.add(stmt, prop, literal(value))
            if s.min_years is not None:
                g.add(stmt, RG.minYearsExperience, _num(s.min_years))
            if s.max_years is not None:
                g.add(stmt, RG.maxYearsExperience, _num(s.max_years))
            if s.seniority:
                g.add(stmt, RG.seniority, ID[f"level/{s.seniority}"])
            self.evidence(stmt, s.span, RG.SalaryRange, s.confidence)
        for sk in f.skills:
            role, skill = self.ref("role", sk.role), self.ref("skill", sk.skill)
            g.add(role, SCHEMA.skills, skill)
            stmt = self.node("skill", f"{sk.role.id}--{sk.skill.id}")
            g.add(stmt, RG.role, role)
            g.add(stmt, RG.skill, skill)
            self.evidence(stmt, sk.span, RG.SkillRequirement, sk.confidence)
        for m in f.missions:
            role, mission = self.ref("role", m.role), self.ref("mission", m.mission)
            g.add(role, RG.hasMission, mission)
            stmt = self.node("mission", f"{m.role.id}--{m.mission.id}")
            g.add(stmt, RG.role, role)
            g.add(stmt, RG.mission, mission)
            self.evidence(stmt, m.span, RG.Responsibility, m.confidence)
        for c in f.collaborations:
            role, other = self.ref("role", c.role), self.ref("role", c.other)
            g.add(role, RG.worksWith, other)
            stmt = self.node("collaboration", f"{c.role.id}--{c.other.id}")
            g.add(stmt, RG.role, role)
            g.add(stmt, RG.withRole, other)
            if c.note:
                g.add(stmt, SKOS.note, literal(c.note, lang="en"))
            self.evidence(stmt, c.span, RG.Collaboration)
        for e in f.experience:
            role = self.ref("role", e.role)
            stmt = self.node("experience", f"{e.role.id}-{e.span.start}")
            g.add(stmt, RG.role, role)
            if e.min_years is not None:
                g.add(stmt, RG.minYearsExperience, _num(e.min_years))
            if e.max_years is not None:
                g.add(stmt, RG.maxYearsExperience, _num(e.max_years))
            if e.note:
                g.add(stmt, SKOS.note, literal(e.note, lang="en"))
            self.evidence(stmt, e.span, RG.ExperienceRequirement)
        for t in f.training:
            role, qual = self.ref("role", t.role), self.ref("qualification", t.qualification)
            stmt = self.node("training", f"{t.role.id}--{t.qualification.id}")
            g.add(stmt, RG.role, role)
            g.add(stmt, RG.qualification, qual)
            self.evidence(stmt, t.span, RG.TrainingPath)
        for p in f.stages:
            role = self.ref("role", p.role)
            stmt = self.node("stage", f"{p.role.id}--{p.stage}")
            g.add(stmt, RG.role, role)
            g.add(stmt, RG.companyStage, ID[f"stage/{p.stage}"])
            if p.note:
                g.add(stmt, SKOS.note, literal(p.note, lang="en"))
            self.evidence(stmt, p.span, RG.StageProfile)
        return g


def document_graph(facts: DocumentFacts, graph: GraphWriter | None = None) -> GraphWriter:
    """One document's facts, with their evidence, as RDF."""
    g = graph if graph is not None else Quads().graph(iri(doc_graph_iri(facts.document.name)))
    return _DocWriter(facts, g).write()


def build_dataset(lex: Lexicon, documents: list[DocumentFacts]) -> Quads:
    """The whole graph: the lexicon, one named graph per reference source, one per document."""
    from .reference import reference_graphs  # builds on this module's Quads

    quads = Quads()
    lexicon_graph(lex, quads.graph(iri(GRAPH_LEXICON)))
    reference_graphs(lex, quads)
    for facts in documents:
        document_graph(facts, quads.graph(iri(doc_graph_iri(facts.document.name))))
    return quads
