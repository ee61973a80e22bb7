"""N-Triples terms written by hand must parse back to exactly the text they carry."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from rolegraph.graph import vocab
from rolegraph.graph.vocab import RG, iri, literal

ONTOLOGY = Path(__file__).parent.parent / "ontology" / "rolegraph.ttl"


def _parse_one(obj: str) -> ox.Literal:
    line = f"<http://example.org/s> <http://example.org/p> {obj} .\n"
    (triple,) = list(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    return triple.object


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_survives_as_a_literal(text):
    value = _parse_one(literal(text, lang="fr"))
    expected = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace") \
        if any("\ud800" <= c <= "\udfff" for c in text) else text
    if expected == text:
        assert (value.value, value.language) == (text, "fr")
    else:  # lone surrogates cannot be stored; they become U+FFFD
        assert "\ufffd" in value.value


def test_hostile_labels_stay_inside_their_literal():
    hostile = 'a" ; <http://evil> "x\n\r\t\\ </textarea><script>alert(1)</script>'
    assert _parse_one(literal(hostile)).value == hostile
    assert _parse_one(literal(hostile, datatype=vocab.XSD.base + "string")).value == hostile


def test_iris_with_forbidden_characters_are_percent_encoded():
    node = _parse_one(iri('https://example.org/a b<c>"d{e}'))
    assert node.value == "https://example.org/a%20b%3Cc%3E%22d%7Be%7D"


def test_ints_are_integers_and_bad_language_tags_are_refused():
    assert _parse_one(literal(42)).datatype.value == vocab.XSD.base + "integer"
    try:
        literal("x", lang="en fr")
    except ValueError as exc:
        assert "language tag" in str(exc)
    else:
        raise AssertionError("a language tag with a space was accepted")


def test_every_rolegraph_term_is_declared_in_the_ontology():
    declared = set(re.findall(r"^rg:(\w+) a ", ONTOLOGY.read_text(), re.M))
    assert set(vocab.RG_TERMS) <= declared, sorted(set(vocab.RG_TERMS) - declared)
    assert RG.Role == f"<{vocab.RG.base}Role>"
