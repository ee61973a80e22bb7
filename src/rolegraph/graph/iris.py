"""rolegraph's IRIs: readable, stable names for roles, concepts, documents and evidence.

An IRI is a slug of an id or of a file name, so rebuilding gives the same IRIs;
:func:`role_id` reads a role's id back from its IRI.

The graph is written under ``https://w3id.org/rolegraph/`` (:data:`~rolegraph.graph.vocab.BASE`).
A user who mints under their own domain builds with another base
(:class:`IriBase`): the resources (``id/...``) and named graphs
(``graph/...``) move under it, while the ontology's terms stay rolegraph's.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import BadInput
from ..text import slugify
from .vocab import BASE, GRAPH_DOC, ID, PREFIXES

__all__ = ["concept_iri", "role_iri", "role_id", "doc_slug", "doc_iri", "doc_graph_iri", "evidence_iri",
           "ROLE_BASE", "KIND_PATH", "IriBase", "DEFAULT"]

#: The IRI folder of each kind of concept.
KIND_PATH = {"role": "role", "skill": "skill", "mission": "mission", "qualification": "training"}
#: The IRI every role's IRI starts with.
ROLE_BASE = ID.base + "role/"


def concept_iri(kind: str, concept_id: str) -> str:
    """IRI of a role, skill, mission or training path, in N-Triples form.

    >>> concept_iri("role", "lead-developer")
    '<https://w3id.org/rolegraph/id/role/lead-developer>'
    """
    return ID[f"{KIND_PATH[kind]}/{concept_id}"]


def role_iri(role_id: str) -> str:
    return concept_iri("role", role_id)


def role_id(iri: str) -> str | None:
    """The id of a role IRI ("lead-developer"), or None for an IRI that is not a role's.

    >>> role_id("https://w3id.org/rolegraph/id/role/lead-developer")
    'lead-developer'
    """
    return iri[len(ROLE_BASE):] if iri.startswith(ROLE_BASE) else None


def doc_slug(name: str) -> str:
    """A document's IRI segment: the slug of its file name without extension.

    >>> doc_slug("003_42af133862b8e71b.txt")
    '003-42af133862b8e71b'
    """
    return slugify(Path(name).stem)


def doc_iri(name: str) -> str:
    return ID[f"doc/{doc_slug(name)}"]


def doc_graph_iri(name: str) -> str:
    """The named graph of one document's facts (an IRI string, without angle brackets).

    >>> doc_graph_iri("cto-guide.md")
    'https://w3id.org/rolegraph/graph/doc/cto-guide'
    """
    return f"{GRAPH_DOC}{doc_slug(name)}"


def evidence_iri(name: str, span) -> str:
    """The IRI of the evidence for a fact: its document and character span."""
    return ID[f"doc/{doc_slug(name)}/span/{span.start}-{span.end}"]




# --- another base ----------------------------------------------------------------

#: The parts of the base that :class:`IriBase` moves: resources and named graphs (not ``ontology#``).
_MOVED = tuple(f"<{BASE}{part}" for part in ("id/", "graph/"))
#: One N-Quads line: subject, predicate, object (IRI, blank node or literal), graph.
_QUAD = re.compile(r"^(\S+) (<[^>]*>) (.*) (<[^>]*>) \.$", re.MULTILINE)
_BASE_OK = re.compile(r"https?://[^\x00-\x20<>\"{}|^`\\#?]+/")


class IriBase:
    """The IRI base a graph's resources and named graphs are minted under.

    The default is rolegraph's own (``https://w3id.org/rolegraph/``). Graphs are
    always built under it, then moved by :meth:`nquads`, term by term, so a
    literal that happens to hold an IRI is never touched and the default
    build stays byte-identical.

    >>> b = IriBase("https://example.org/careers/")
    >>> b.role_iri("lead-developer")
    'https://example.org/careers/id/role/lead-developer'
    >>> b.role_id("https://example.org/careers/id/role/lead-developer")
    'lead-developer'
    >>> b.nquads('<https://w3id.org/rolegraph/id/role/a> <https://w3id.org/rolegraph/ontology#x> '
    ...          '"<https://w3id.org/rolegraph/id/b>" <https://w3id.org/rolegraph/graph/lexicon> .\\n')
    '<https://example.org/careers/id/role/a> <https://w3id.org/rolegraph/ontology#x> \
"<https://w3id.org/rolegraph/id/b>" <https://example.org/careers/graph/lexicon> .\\n'
    """

    def __init__(self, base: str | None = None):
        base = BASE if base is None else base.strip()
        if not _BASE_OK.fullmatch(base):
            raise BadInput(f"{base!r} cannot be an IRI base: give an http(s) IRI ending with '/', "
                           "without '#', '?' or spaces, e.g. https://example.org/careers/")
        self.base = base
        # the default base's folders (vocab.py, ROLE_BASE), moved here
        self.id = self.here(ID.base)
        self.roles = self.here(ROLE_BASE)
        self.documents = self.here(ID.base + "doc/")  # nodes minted for one document
        self.doc_graphs = self.here(GRAPH_DOC)

    def __repr__(self) -> str:
        return f"IriBase({self.base!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, IriBase) and other.base == self.base

    def __hash__(self) -> int:
        return hash(self.base)

    @property
    def is_default(self) -> bool:
        return self.base == BASE

    def here(self, iri: str) -> str:
        """An IRI minted under the default base, moved under this one (others unchanged).

        >>> IriBase("https://example.org/").here("https://w3id.org/rolegraph/graph/esco")
        'https://example.org/graph/esco'
        """
        if not self.is_default and ("<" + iri).startswith(_MOVED):
            return self.base + iri[len(BASE):]
        return iri

    def role_iri(self, role_id: str) -> str:
        """A role's IRI, without angle brackets."""
        return self.roles + role_id

    def role_id(self, iri: str) -> str | None:
        """The id of a role IRI of this base, or None."""
        return iri[len(self.roles):] if iri.startswith(self.roles) else None

    def nquads(self, text: str) -> str:
        """N-Quads written under the default base, with subjects, IRI objects and graph names moved here."""
        if self.is_default:
            return text
        return _QUAD.sub(self._move_quad, text)

    def sparql(self, text: str) -> str:
        """rolegraph's own query text (never user text) with the default base's IRIs moved here."""
        if self.is_default:
            return text
        for old in _MOVED:
            text = text.replace(old, "<" + self.base + old[len(BASE) + 1:])
        return text

    @property
    def prefixes(self) -> dict[str, str]:
        """The prefixes of :data:`~rolegraph.graph.vocab.PREFIXES`, the resources' ones under this base."""
        return {p: self.here(ns) for p, ns in PREFIXES.items()}

    def _move(self, term: str) -> str:
        if term.startswith(_MOVED):
            return "<" + self.base + term[len(BASE) + 1:]
        return term

    def _move_quad(self, m: re.Match) -> str:
        s, p, o, g = m.groups()
        return f"{self._move(s)} {p} {self._move(o) if o[0] == '<' else o} {self._move(g)} ."


#: rolegraph's own base.
DEFAULT = IriBase()
