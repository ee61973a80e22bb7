"""Minting under another IRI base (``rolegraph build --base``): resources and named graphs move, the
ontology's terms stay rolegraph's, every question gives the same answers, and the default is unchanged."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, VOID
from typer.testing import CliRunner

from rolegraph.builds import build, load
from rolegraph.cli import app
from rolegraph.errors import BadInput
from rolegraph.graph.iris import DEFAULT, IriBase
from tests.conftest import serving

MINE = "https://careers.example.org/kg/"
W3ID = "https://w3id.org/rolegraph/"


def _to_default(text: str) -> str:
    return text.replace(MINE, W3ID)


@pytest.fixture(scope="module")
def minted(tmp_path_factory, curated_lexicon):
    """The shipped facts on the curated lexicon, built under MINE."""
    return build(tmp_path_factory.mktemp("mine"), lexicon=curated_lexicon, base=MINE)


@pytest.mark.parametrize("bad", ["example.org/kg/", "https://example.org/kg", "ftp://example.org/kg/",
                                 "https://example.org/k g/", "https://example.org/kg#", "https://ex.org/?a=/",
                                 'https://ex.org/"><script>/'])
def test_a_base_that_cannot_prefix_iris_is_refused(bad):
    with pytest.raises(BadInput, match="cannot be an IRI base"):
        IriBase(bad)


def test_moving_n_quads_touches_iri_terms_only():
    """Subjects, IRI objects and graph names move; predicates, datatypes and literals never do."""
    ontology = f"<{W3ID}ontology#condition>"
    line = (f'<{W3ID}id/doc/a/transition/x> {ontology} "see <{W3ID}id/role/cto> \\" <{W3ID}graph/x> ."@en '
            f'<{W3ID}graph/doc/a> .\n'
            f'<{W3ID}id/role/cto> <{W3ID}ontology#seniority> <{W3ID}id/level/executive> <{W3ID}graph/lexicon> .\n'
            f'<{W3ID}id/role/cto> <http://www.w3.org/2004/02/skos/core#notation> "2512"^^<{W3ID}ontology#ISCO08> '
            f'<{W3ID}graph/lexicon> .\n')
    moved = IriBase(MINE).nquads(line)
    first, second, third = moved.splitlines()
    assert first.startswith(f"<{MINE}id/doc/a/transition/x> {ontology} ")
    assert f'"see <{W3ID}id/role/cto> \\" <{W3ID}graph/x> ."@en' in first  # the literal is as written
    assert first.endswith(f"<{MINE}graph/doc/a> .")
    assert second == f"<{MINE}id/role/cto> <{W3ID}ontology#seniority> <{MINE}id/level/executive> <{MINE}graph/lexicon> ."
    assert f'"2512"^^<{W3ID}ontology#ISCO08>' in third
    assert DEFAULT.nquads(line) is line


def test_the_graph_is_minted_under_the_base_and_is_otherwise_the_same(minted, curated_build):
    mine = (minted.out_dir / "graph.nq").read_text(encoding="utf-8")
    assert f"<{W3ID}id/" not in mine and f"<{W3ID}graph/" not in mine
    assert f"<{W3ID}ontology#" in mine  # rolegraph's vocabulary, still
    default = (curated_build.out_dir / "graph.nq").read_text(encoding="utf-8")
    assert sorted(_to_default(mine).splitlines()) == sorted(default.splitlines())
    turtle = (minted.out_dir / "graph.ttl").read_text(encoding="utf-8")
    assert f"@prefix role: <{MINE}id/role/> ." in turtle
    assert minted.base == MINE and minted.counts == curated_build.counts


def test_questions_answer_the_same_under_another_base(minted, curated_build):
    g, d = minted.graph, curated_build.graph
    assert g.iris == IriBase(MINE) and d.iris == DEFAULT
    assert [str(p) for p in g.paths("lead developer", "CEO")] == [str(p) for p in d.paths("lead developer", "CEO")]
    assert g.resolve(f"{MINE}id/role/chief-technology-officer") == "chief-technology-officer"
    assert g.card("cto").iri == f"{MINE}id/role/chief-technology-officer"
    assert _to_default(json.dumps(g.card("cto").to_dict(), sort_keys=True)) == \
        json.dumps(d.card("cto").to_dict(), sort_keys=True)
    rows = g.run("transitions-from", role="lead dev").records()
    assert f"{MINE}id/role/chief-technology-officer" in [r["next"] for r in rows]
    label = g.query("SELECT ?l WHERE { role:chief-technology-officer skos:prefLabel ?l }")
    assert "Chief Technology Officer" in {r["l"].value for r in label}
    assert load(minted.out_dir / "graph.nq").iris == IriBase(MINE)  # a graph file says its base too
    described = Graph().parse(data=g.describe("lead developer"), format="turtle")
    assert (URIRef(f"{MINE}id/role/lead-developer"), RDF.type, URIRef(W3ID + "ontology#Role")) in described


def test_the_folder_keeps_its_base_and_a_new_one_rewrites_every_graph(tmp_path, curated_lexicon, curated_build):
    folder = tmp_path / "b"
    first = build(folder, lexicon=curated_lexicon, base=MINE)
    again = build(folder, lexicon=curated_lexicon)
    assert again.base == MINE and again.changed == 0
    back = build(folder, lexicon=curated_lexicon, base=W3ID)
    assert back.changed == 2 * first.changed  # every graph removed under one base, written under the other
    for name in ("graph.nq", "graph.ttl", "graph.jsonld", "graph.nt"):  # the default, byte for byte
        assert (folder / name).read_bytes() == (curated_build.out_dir / name).read_bytes(), name


def test_the_build_command_takes_a_base(tmp_path):
    result = CliRunner().invoke(app, ["build", "-o", str(tmp_path / "x"), "--base", "https://example.org/kg"])
    assert result.exit_code == 2 and "cannot be an IRI base" in result.output
    assert not (tmp_path / "x").exists()  # refused before any work


@pytest.fixture(scope="module")
def served_mine(minted):
    with serving(minted.out_dir, "--no-pages") as url:
        yield url


def _get(url: str, accept: str = "text/turtle") -> Graph:
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=20) as answer:
        assert answer.status == 200
        return Graph().parse(data=answer.read().decode("utf-8"), format="turtle" if "turtle" in accept else "json-ld")


def test_serve_answers_the_iris_of_the_folders_base(served_mine):
    cto = URIRef(f"{MINE}id/role/chief-technology-officer")
    g = _get(served_mine + "/id/role/chief-technology-officer")
    assert (cto, SKOS.prefLabel, Literal("Chief Technology Officer", lang="en")) in g
    assert not any(str(t).startswith(W3ID + "id/") for triple in g for t in triple)
    assert (URIRef(f"{MINE}id/role/lead-developer"), URIRef(W3ID + "ontology#canTransitionTo"), cto) in \
        _get(served_mine + "/graph/doc/en-lead-developer", "application/ld+json")
    void = _get(served_mine + "/.well-known/void")
    dataset = URIRef(MINE + "dataset")
    assert void.value(dataset, VOID.uriSpace) == Literal(MINE + "id/")
    subsets = set(void.objects(dataset, VOID.subset))
    assert URIRef(MINE + "graph/lexicon") in subsets and all(str(s).startswith(MINE + "graph/") for s in subsets)
    query = urllib.parse.urlencode({"query": "SELECT ?l WHERE { role:chief-technology-officer skos:prefLabel ?l }"})
    request = urllib.request.Request(f"{served_mine}/query?{query}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=20) as answer:  # the usual prefixes follow the base
        assert "Chief Technology Officer" in answer.read().decode("utf-8")
