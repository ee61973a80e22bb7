"""Namespace IRIs as plain strings: what every layer needs without importing rdflib.

:mod:`rolegraph.vocab` wraps the same IRIs as rdflib namespaces for users of the
rdflib API; the graph builder and the query layer use these strings, which keeps
``import rolegraph`` and the command line quick to start.
"""

from __future__ import annotations

__all__ = [
    "BASE", "ID", "RG", "OA", "SKOS", "SCHEMA", "PROV", "RDF", "RDFS", "OWL", "XSD",
    "DCTERMS", "ESCO_OCCUPATION", "ESCO_ISCO", "ONET", "GRAPH_LEXICON", "GRAPH_DOC", "PREFIXES",
    "RG_TERMS", "OA_TERMS",
]

BASE = "https://w3id.org/rolegraph/"
ID = BASE + "id/"
RG = BASE + "ontology#"
GRAPH_LEXICON = BASE + "graph/lexicon"
GRAPH_DOC = BASE + "graph/doc/"

OA = "http://www.w3.org/ns/oa#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
ESCO_ISCO = "http://data.europa.eu/esco/isco/C"
ONET = "https://www.onetonline.org/link/summary/"

#: The terms of rolegraph's ontology (ontology/rolegraph.ttl declares each one).
RG_TERMS = tuple("""
    Role CandidateRole Skill Mission Qualification CompanyStage SeniorityLevel RoleFamily
    Document Evidence Statement Transition SalaryRange SkillRequirement Responsibility
    RoleMention Collaboration ExperienceRequirement TrainingPath StageProfile ISCO08 ONETSOC
    canTransitionTo fromRole toRole role skill mission hasMission worksWith withRole
    qualification companyStage seniority evidence
    minYearsExperience maxYearsExperience condition location payBasis qualifier rank
    minTeamSize maxTeamSize sha256 characterCount feminineLabel ambiguousLabel confidence
""".split())

#: The W3C Web Annotation terms rolegraph uses for text spans.
OA_TERMS = ("SpecificResource", "TextPositionSelector", "TextQuoteSelector", "hasSource",
            "hasSelector", "start", "end", "exact")

#: Prefixes declared in every output file and every query.
PREFIXES = {
    "rg": RG,
    "skos": SKOS,
    "schema": SCHEMA,
    "prov": PROV,
    "oa": OA,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "dcterms": DCTERMS,
    "role": ID + "role/",
    "skill": ID + "skill/",
    "mission": ID + "mission/",
    "doc": ID + "doc/",
    "esco": ESCO_OCCUPATION,
}
