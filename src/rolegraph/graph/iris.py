"""rolegraph's IRIs: readable, stable names for roles, concepts, documents and evidence.

An IRI is a slug of an id or of a file name, so rebuilding gives the same IRIs;
:func:`role_id` reads a role's id back from its IRI.
"""

from __future__ import annotations

from pathlib import Path

from ..text import slugify
from .vocab import GRAPH_DOC, ID

__all__ = ["concept_iri", "role_iri", "role_id", "doc_slug", "doc_iri", "doc_graph_iri", "evidence_iri",
           "ROLE_BASE", "KIND_PATH"]

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


