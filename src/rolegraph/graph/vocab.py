"""The RDF vocabularies rolegraph writes, in one place: namespaces, terms, and escaping.

Each namespace is a :class:`Vocabulary` that gives its terms in three forms:

- ``RG.base`` is the namespace IRI as a string (``"https://w3id.org/rolegraph/ontology#"``);
- ``RG.Role`` is a declared term in N-Triples form (``"<...#Role>"``), the fast
  form the graph builder writes; an undeclared name raises, so a typo never
  mints a new IRI;
- ``RG.rdflib.Role`` is the same term as an rdflib ``URIRef``, for users of the
  rdflib API (rdflib is imported only then, which keeps the command line quick).

Text from documents is escaped by :func:`literal` and :func:`iri`, so no label
or quote can break out of its term.

>>> literal('say "hi"\\n', lang="en")
'"say \\\\"hi\\\\"\\\\n"@en'
>>> iri("https://example.org/a b")
'<https://example.org/a%20b>'
>>> RG.Role
'<https://w3id.org/rolegraph/ontology#Role>'
>>> str(RG.rdflib.canTransitionTo)
'https://w3id.org/rolegraph/ontology#canTransitionTo'
"""

from __future__ import annotations

import re

__all__ = [
    "iri", "literal", "Vocabulary", "BASE", "GRAPH_LEXICON", "GRAPH_DOC", "PREFIXES",
    "RG", "OA", "SKOS", "SCHEMA", "PROV", "RDF", "RDFS", "OWL", "XSD", "DCTERMS", "VOID", "DCAT", "ESCO", "ID",
    "ESCO_OCCUPATION", "ESCO_ISCO", "ONET", "RG_TERMS", "OA_TERMS",
]

BASE = "https://w3id.org/rolegraph/"
GRAPH_LEXICON = BASE + "graph/lexicon"
GRAPH_DOC = BASE + "graph/doc/"

# --- escaping ----------------------------------------------------------------

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
          "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f\ud800-\udfff]')
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\ud800-\udfff]')
_LANG = re.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*")
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _escape_char(m: re.Match) -> str:
    c = m.group()
    if "\ud800" <= c <= "\udfff":
        return "\ufffd"  # a lone surrogate cannot be written as UTF-8
    return _ECHAR.get(c) or f"\\u{ord(c):04X}"


def _percent(m: re.Match) -> str:
    c = m.group()
    if "\ud800" <= c <= "\udfff":
        return "%EF%BF%BD"
    return "".join(f"%{b:02X}" for b in c.encode("utf-8"))


def iri(value: str) -> str:
    """``<value>``, with characters N-Triples forbids in IRIs percent-encoded."""
    if _IRI_FORBIDDEN.search(value):
        value = _IRI_FORBIDDEN.sub(_percent, value)
    return f"<{value}>"


def literal(value, *, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal: a string (plain, tagged or typed), or an int (xsd:integer)."""
    if isinstance(value, bool):
        text, datatype = ("true" if value else "false"), _XSD + "boolean"
    elif isinstance(value, int):
        text, datatype = str(value), datatype or _XSD + "integer"
    else:
        text = str(value)
    if _NEEDS_ESCAPE.search(text):
        text = _NEEDS_ESCAPE.sub(_escape_char, text)
    if lang:
        if not _LANG.fullmatch(lang):
            raise ValueError(f"not a language tag: {lang!r}")
        return f'"{text}"@{lang}'
    if datatype and datatype != _XSD + "string":
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


# --- vocabularies --------------------------------------------------------------

class Vocabulary:
    """A namespace: its IRI (``base``), its declared terms, and their rdflib form.

    A vocabulary with declared terms is closed: ``RG.Rol`` raises instead of
    minting ``rg:Rol``. ``voc["local"]`` gives any term of the namespace
    (for open ones such as ``ID["role/cto"]``).
    """

    def __init__(self, base: str, names=(), *, rdflib_name: str | None = None):
        self.base = base
        self._names = tuple(names)
        self._rdflib_name = rdflib_name  # rdflib's own namespace for a standard vocabulary
        self._rdflib = None
        for name in self._names:
            setattr(self, name, f"<{base}{name}>")

    def __getattr__(self, name: str) -> str:  # only called for names not declared
        if name.startswith("_"):
            raise AttributeError(name)
        raise AttributeError(f"{name!r} is not a declared term of <{self.base}>")

    def __getitem__(self, local: str) -> str:
        """Any term of the namespace, in N-Triples form (``ID["role/cto"]``)."""
        return iri(self.base + local)

    def __repr__(self) -> str:
        return f"Vocabulary({self.base!r})"

    @property
    def rdflib(self):
        """The namespace for the rdflib API: rdflib's own for standard vocabularies
        (``SKOS.rdflib`` is ``rdflib.namespace.SKOS``); rolegraph's closed (a typo
        raises) when it declares terms."""
        if self._rdflib is None:
            from rdflib import Namespace, namespace
            from rdflib.namespace import DefinedNamespace
            from rdflib.term import URIRef

            if self._rdflib_name:
                self._rdflib = getattr(namespace, self._rdflib_name)
            elif self._names:
                self._rdflib = type("Terms", (DefinedNamespace,), {
                    "__doc__": f"Terms of <{self.base}>.", "_fail": True, "_NS": Namespace(self.base),
                    "__annotations__": {t: URIRef for t in self._names}})
            else:
                self._rdflib = Namespace(self.base)
        return self._rdflib


#: The terms of rolegraph's ontology (ontology/rolegraph.ttl declares each one).
RG_TERMS = tuple("""
    Role CandidateRole Skill Mission Qualification CompanyStage SeniorityLevel RoleFamily
    Document Evidence Statement Transition SalaryRange SkillRequirement Responsibility
    RoleMention Collaboration ExperienceRequirement TrainingPath StageProfile ISCO08 ONETSOC
    canTransitionTo fromRole toRole role skill mission hasMission worksWith withRole
    qualification companyStage seniority evidence
    minYearsExperience maxYearsExperience condition location payBasis qualifier rank
    minTeamSize maxTeamSize sha256 characterCount feminineLabel ambiguousLabel confidence
    period Similarity similarTo relatednessTier relatednessIndex usesTechnology hotTechnology
    inDemandTechnology skillType taskType
""".split())

#: The W3C Web Annotation terms rolegraph uses for text spans.
OA_TERMS = ("SpecificResource", "TextPositionSelector", "TextQuoteSelector", "hasSource",
            "hasSelector", "start", "end", "exact")

RG = Vocabulary(BASE + "ontology#", RG_TERMS)
OA = Vocabulary("http://www.w3.org/ns/oa#", OA_TERMS)
SKOS = Vocabulary("http://www.w3.org/2004/02/skos/core#", """Concept ConceptScheme prefLabel altLabel
    inScheme topConceptOf broader notation exactMatch closeMatch broadMatch narrowMatch relatedMatch
    note definition hiddenLabel""".split(), rdflib_name="SKOS")
SCHEMA = Vocabulary("https://schema.org/", """Occupation MonetaryAmount identifier inLanguage name about url
    mentions estimatedSalary minValue maxValue currency skills occupationalCategory""".split(), rdflib_name="SDO")
RDF = Vocabulary("http://www.w3.org/1999/02/22-rdf-syntax-ns#", ["type"], rdflib_name="RDF")
RDFS = Vocabulary("http://www.w3.org/2000/01/rdf-schema#", ["label", "comment", "seeAlso"], rdflib_name="RDFS")
OWL = Vocabulary("http://www.w3.org/2002/07/owl#", rdflib_name="OWL")
XSD = Vocabulary(_XSD, """integer decimal nonNegativeInteger duration string boolean date
    dateTime""".split(), rdflib_name="XSD")
PROV = Vocabulary("http://www.w3.org/ns/prov#", rdflib_name="PROV")
DCTERMS = Vocabulary("http://purl.org/dc/terms/", """title description source license rights publisher
    issued modified hasVersion""".split(), rdflib_name="DCTERMS")
VOID = Vocabulary("http://rdfs.org/ns/void#", """Dataset subset triples sparqlEndpoint dataDump
    vocabulary""".split(), rdflib_name="VOID")
DCAT = Vocabulary("http://www.w3.org/ns/dcat#", ["Dataset", "Distribution", "distribution", "downloadURL",
                                                  "landingPage", "mediaType"], rdflib_name="DCAT")
#: ESCO's data model (http://data.europa.eu/esco/model): the occupation-skill links rolegraph reuses.
ESCO = Vocabulary("http://data.europa.eu/esco/model#", ["hasEssentialSkill", "hasOptionalSkill"])
#: rolegraph's own resources: roles, skills, documents, evidence (open: ``ID["role/cto"]``).
ID = Vocabulary(BASE + "id/")
ESCO_OCCUPATION = Vocabulary("http://data.europa.eu/esco/occupation/")
ESCO_ISCO = Vocabulary("http://data.europa.eu/esco/isco/C")
ONET = Vocabulary("https://www.onetonline.org/link/summary/")

#: Prefixes declared in every output file and every query.
PREFIXES = {
    "rg": RG.base,
    "skos": SKOS.base,
    "schema": SCHEMA.base,
    "prov": PROV.base,
    "oa": OA.base,
    "rdf": RDF.base,
    "rdfs": RDFS.base,
    "owl": OWL.base,
    "xsd": XSD.base,
    "dcterms": DCTERMS.base,
    "void": VOID.base,
    "dcat": DCAT.base,
    "role": ID.base + "role/",
    "skill": ID.base + "skill/",
    "mission": ID.base + "mission/",
    "doc": ID.base + "doc/",
    "esco": ESCO.base,
}
