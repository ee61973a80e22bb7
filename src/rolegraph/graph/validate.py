"""Check a graph against the SHACL shapes and report violations in plain words."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from ..locations import ontology_dir
from .vocab import PREFIXES

__all__ = ["Violation", "validate_graph"]


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: which node, which property, and what is wrong."""

    focus: str
    path: str | None
    message: str
    value: str | None = None
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        value = f" (found: {self.value})" if self.value else ""
        return f"{where}: {self.message}{value}"


def _short(term) -> str:
    if term is None:
        return None
    text = str(term)
    if isinstance(term, URIRef):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns):]}"
        return f"<{text}>"
    return text


def validate_graph(data: Graph) -> list[Violation]:
    """Run ``ontology/shapes.ttl`` over ``data`` (with the ontology for class hierarchy).

    Returns the violations sorted by node; an empty list means the graph conforms.
    """
    from pyshacl import validate  # heavy: imported only when validating

    shapes = Graph().parse(ontology_dir() / "shapes.ttl")
    ontology = Graph().parse(ontology_dir() / "rolegraph.ttl")
    _conforms, results, _text = validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none",
        abort_on_first=False, allow_warnings=True,
    )
    out = []
    for result in results.subjects(SH.resultSeverity, None):
        severity = results.value(result, SH.resultSeverity)
        out.append(Violation(
            focus=_short(results.value(result, SH.focusNode)),
            path=_short(results.value(result, SH.resultPath)),
            message=str(results.value(result, SH.resultMessage) or "violates a shape"),
            value=_short(results.value(result, SH.value)),
            severity=str(severity).rsplit("#", 1)[-1],
        ))
    return sorted(set(out), key=lambda v: (v.focus, v.path or "", v.message))
