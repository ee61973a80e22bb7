"""RDF terms as N-Triples text: the fast, exact way to write large graphs.

Building a graph from rdflib or pyoxigraph term objects costs microseconds per
term; formatting N-Triples costs a fraction of that, and N-Triples (sorted) is
the canonical form the build writes anyway. Text from documents is escaped
here, so no label or quote can break out of its literal.

>>> literal('say "hi"\\n', lang="en")
'"say \\\\"hi\\\\"\\\\n"@en'
>>> iri("https://example.org/a b")
'<https://example.org/a%20b>'
>>> RG.Role
'<https://w3id.org/rolegraph/ontology#Role>'
"""

from __future__ import annotations

import re

from . import ns

__all__ = ["iri", "literal", "Vocabulary", "RG", "OA", "SKOS", "SCHEMA", "RDF", "XSD_INTEGER"]

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
          "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f\ud800-\udfff]')
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\ud800-\udfff]')
_LANG = re.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*")


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
        text, datatype = ("true" if value else "false"), ns.XSD + "boolean"
    elif isinstance(value, int):
        text, datatype = str(value), datatype or ns.XSD + "integer"
    else:
        text = str(value)
    if _NEEDS_ESCAPE.search(text):
        text = _NEEDS_ESCAPE.sub(_escape_char, text)
    if lang:
        if not _LANG.fullmatch(lang):
            raise ValueError(f"not a language tag: {lang!r}")
        return f'"{text}"@{lang}'
    if datatype and datatype != ns.XSD + "string":
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


class Vocabulary:
    """The ``<iri>`` form of a namespace's declared terms; an undeclared name raises."""

    def __init__(self, base: str, names=()):
        self._base = base
        for name in names:
            setattr(self, name, f"<{base}{name}>")

    def __getattr__(self, name: str) -> str:  # only called for names not declared
        if name.startswith("_"):
            raise AttributeError(name)
        raise AttributeError(f"{name!r} is not a declared term of <{self._base}>")

    def __getitem__(self, local: str) -> str:
        """Any term of an open namespace (``ID["role/cto"]``)."""
        return iri(self._base + local)


RG = Vocabulary(ns.RG, ns.RG_TERMS)
OA = Vocabulary(ns.OA, ns.OA_TERMS)
SKOS = Vocabulary(ns.SKOS, """Concept ConceptScheme prefLabel altLabel inScheme topConceptOf
    broader notation exactMatch closeMatch broadMatch narrowMatch relatedMatch note""".split())
SCHEMA = Vocabulary(ns.SCHEMA, """Occupation MonetaryAmountDistribution identifier inLanguage
    name about url mentions estimatedSalary minValue maxValue currency duration skills""".split())
RDF = Vocabulary(ns.RDF, ["type"])
XSD_INTEGER = ns.XSD + "integer"
