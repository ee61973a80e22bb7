"""RDF vocabularies: rolegraph's own terms as a closed namespace, and the reused ones."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

__all__ = [
    "RG", "OA", "SCHEMA", "SKOS", "PROV", "RDF", "RDFS", "OWL", "XSD", "DCTERMS",
    "ID", "ESCO_OCCUPATION", "ESCO_ISCO", "ONET", "PREFIXES", "GRAPH_LEXICON",
]

BASE = "https://w3id.org/rolegraph/"
SCHEMA = SDO
ID = Namespace(BASE + "id/")
ESCO_OCCUPATION = Namespace("http://data.europa.eu/esco/occupation/")
ESCO_ISCO = Namespace("http://data.europa.eu/esco/isco/C")
ONET = Namespace("https://www.onetonline.org/link/summary/")
GRAPH_LEXICON = URIRef(BASE + "graph/lexicon")


class RG(DefinedNamespace):
    """rolegraph ontology terms; a typo raises instead of minting a new IRI."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # classes
    Role: URIRef  # a tech job role
    CandidateRole: URIRef  # a title found in a document but not in the lexicon
    Skill: URIRef
    Mission: URIRef
    Qualification: URIRef  # a training path or degree
    CompanyStage: URIRef
    SeniorityLevel: URIRef
    RoleFamily: URIRef  # a skos:ConceptScheme of roles
    Document: URIRef
    Evidence: URIRef  # an oa:SpecificResource: document + text position
    Statement: URIRef
    Transition: URIRef
    SalaryRange: URIRef
    SkillRequirement: URIRef
    Responsibility: URIRef
    RoleMention: URIRef
    Collaboration: URIRef
    ExperienceRequirement: URIRef
    TrainingPath: URIRef
    StageProfile: URIRef
    ISCO08: URIRef  # datatype of ISCO-08 notations
    ONETSOC: URIRef  # datatype of O*NET-SOC notations
    # object properties
    canTransitionTo: URIRef
    fromRole: URIRef
    toRole: URIRef
    role: URIRef
    skill: URIRef
    mission: URIRef
    hasMission: URIRef
    worksWith: URIRef
    withRole: URIRef
    qualification: URIRef
    companyStage: URIRef
    seniority: URIRef
    evidence: URIRef
    # data properties
    minYearsExperience: URIRef
    maxYearsExperience: URIRef
    condition: URIRef
    location: URIRef
    payBasis: URIRef
    qualifier: URIRef
    rank: URIRef
    minTeamSize: URIRef
    maxTeamSize: URIRef
    sha256: URIRef
    characterCount: URIRef
    feminineLabel: URIRef
    ambiguousLabel: URIRef
    confidence: URIRef


class OA(DefinedNamespace):
    """The W3C Web Annotation terms rolegraph uses for text spans."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef


PREFIXES = {
    "rg": str(RG._NS),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "oa": str(OA._NS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "role": BASE + "id/role/",
    "skill": BASE + "id/skill/",
    "mission": BASE + "id/mission/",
    "doc": BASE + "id/doc/",
    "esco": str(ESCO_OCCUPATION),
}
