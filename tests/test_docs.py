"""The ontology's HTML documentation (docs/ontology.py, pyLODE): complete, one language per page, offline."""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, URIRef

from rolegraph.locations import ontology_dir

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _load_script():
    spec = importlib.util.spec_from_file_location("ontology_docs", DOCS / "ontology.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _terms() -> dict[str, dict[str, str]]:
    """Each class and property of rolegraph's ontology, with its labels by language."""
    g = Graph().parse(ontology_dir() / "rolegraph.ttl")
    terms = {}
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in g.subjects(RDF.type, kind):
            if isinstance(term, URIRef) and str(term).startswith("https://w3id.org/rolegraph/ontology#"):
                terms[str(term)] = {lit.language: str(lit) for lit in g.objects(term, URIRef(
                    "http://www.w3.org/2000/01/rdf-schema#label"))}
    assert len(terms) > 30
    return terms


def _check(folder: Path) -> None:
    script = _load_script()
    terms = _terms()
    for lang, name in script.LANGUAGES.items():
        html = (folder / name).read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        other = "fr" if lang == "en" else "en"
        for iri, labels in terms.items():
            assert iri in html, f"{name}: {iri} is not documented"
            mine, theirs = labels.get(lang), labels.get(other)
            if mine and theirs and mine != theirs:  # pyLODE would show "RoleMétier"
                assert mine + theirs not in html and f">{theirs}<" not in html, \
                    f"{name}: the {other} label {theirs!r} is shown"
        # Offline: nothing fetched from elsewhere.
        assert not re.search(r'<(script|img|link)[^>]+(src|href)="https?://', html)


def test_the_committed_documentation_covers_the_ontology():
    _check(DOCS)


def test_the_documentation_command_writes_it(tmp_path):
    if importlib.util.find_spec("pylode") is None:
        if os.environ.get("CI"):
            pytest.fail("pyLODE is missing: it is in the test extra")
        pytest.skip("pyLODE is not installed: pip install -e '.[docs]'")
    written = _load_script().write_docs(tmp_path)
    assert [p.name for p in written] == ["ontology.html", "ontology.fr.html"]
    _check(tmp_path)
