"""The default graph: shapes, evidence, property paths, broken graphs, and reproducible builds."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph, Literal, URIRef

from rolegraph.builds import build
from rolegraph.graph.validate import validate_graph
from rolegraph.graph import vocab

ID, RDF, RG, SCHEMA, SKOS, XSD = (v.rdflib for v in (vocab.ID, vocab.RDF, vocab.RG, vocab.SCHEMA,
                                                   vocab.SKOS, vocab.XSD))


def test_default_graph_conforms_to_the_shapes(default_graph):
    assert default_graph.validate() == []


def test_property_path_finds_lead_developer_to_cto_to_ceo(default_graph):
    rows = list(default_graph.query("""
        SELECT ?mid WHERE {
          role:lead-developer rg:canTransitionTo ?mid .
          ?mid rg:canTransitionTo role:chief-executive-officer .
          FILTER EXISTS { role:lead-developer rg:canTransitionTo+ role:chief-executive-officer }
        }"""))
    assert {str(r["mid"].value) for r in rows} == {str(ID["role/chief-technology-officer"])}


@pytest.mark.parametrize("cls", ["Transition", "SalaryRange", "SkillRequirement", "Responsibility"])
def test_every_statement_links_to_evidence_with_a_position(default_graph, cls):
    total = list(default_graph.query(f"SELECT (COUNT(?s) AS ?n) WHERE {{ ?s a rg:{cls} }}"))
    assert int(total[0]["n"].value) > 0
    orphans = list(default_graph.query(f"""
        SELECT ?s WHERE {{ ?s a rg:{cls} .
          FILTER NOT EXISTS {{ ?s rg:evidence/oa:hasSource ?doc .
                               ?s rg:evidence/oa:hasSelector [ oa:start ?a ; oa:end ?b ] .
                               ?doc rg:characterCount ?len . FILTER(?a < ?b && ?b <= ?len) }} }}"""))
    assert orphans == []


def test_each_document_has_its_own_named_graph(default_graph):
    rows = list(default_graph.store.query(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a <%s> } }" % RG.Document))
    assert len(rows) == default_graph.stats()["Document"] >= 11


def test_rdflib_view_sees_the_same_triples(default_graph):
    rdf = default_graph.rdf
    cto = ID["role/chief-technology-officer"]
    assert Literal("Directeur technique", lang="fr") in set(rdf.objects(cto, SKOS.prefLabel))
    assert (cto, RDF.type, RG.Role) in rdf


def _broken_graph(default_graph) -> Graph:
    """A fresh rdflib copy of the default graph, for the test to damage."""
    g = Graph()
    g.parse(data="\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in default_graph.store),
            format="nt")
    return g


def test_broken_graphs_report_each_violation(default_graph):
    g = _broken_graph(default_graph)
    # a transition without a target
    t = ID["doc/x/transition/broken"]
    g.add((t, RDF.type, RG.Transition))
    g.add((t, RG.fromRole, ID["role/lead-developer"]))
    g.add((t, RG.evidence, ID["doc/000-8aec544dfbaef24d/span/1055-1087"]))
    # a salary whose minimum exceeds its maximum
    s = next(iter(g.subjects(RDF.type, RG.SalaryRange)))
    for old in list(g.objects(s, SCHEMA.minValue)):
        g.remove((s, SCHEMA.minValue, old))
    g.add((s, SCHEMA.minValue, Literal("999999", datatype=XSD.decimal)))
    # a role with no English label
    r = ID["role/scrum-master"]
    g.remove((r, SKOS.prefLabel, Literal("Scrum Master", lang="en")))
    messages = {(v.focus, v.message) for v in validate_graph(g)}
    assert ("doc:x/transition/broken", "a transition needs exactly one target role (rg:toRole)") in messages
    assert any(m.startswith("a salary has at most one non-negative minimum") for _, m in messages)
    assert ("role:scrum-master",
            "a role from the lexicon needs an English preferred label (skos:prefLabel with @en)") in messages
    assert len(messages) == 3


def test_two_builds_are_byte_identical_even_across_hash_seeds(tmp_path):
    first = build(tmp_path / "a").files
    script = ("import sys; from rolegraph.builds import build; build(sys.argv[1])")
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "b")], check=True,
                   env={"PYTHONHASHSEED": "12345", "PATH": ""})
    for fmt, path in first.items():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), fmt


def test_outputs_parse_back_to_the_same_graph(default_build):
    from rdflib.compare import isomorphic

    files = default_build.files
    ttl = Graph().parse(files["turtle"])
    assert isomorphic(ttl, Graph().parse(files["nt"], format="nt"))
    assert isomorphic(ttl, Graph().parse(files["json-ld"], format="json-ld"))
    assert URIRef(ID["role/chief-technology-officer"]) in set(ttl.subjects())


def test_public_functions_stay_functions_after_their_modules_are_imported():
    import rolegraph
    import rolegraph.builds  # noqa: F401  (what the CLI and load() do)
    import rolegraph.http.remote  # noqa: F401

    assert callable(rolegraph.build) and callable(rolegraph.push) and callable(rolegraph.load)


def test_a_salary_needs_one_bound_or_both(default_graph):
    """'from X' and 'up to X' salaries are valid; one with no figure at all is not."""
    g = _broken_graph(default_graph)
    salaries = list(g.subjects(RDF.type, RG.SalaryRange))
    up_to, empty = salaries[0], salaries[1]
    for s in (up_to, empty):
        for old in list(g.objects(s, SCHEMA.minValue)):
            g.remove((s, SCHEMA.minValue, old))
    for old in list(g.objects(empty, SCHEMA.maxValue)):
        g.remove((empty, SCHEMA.maxValue, old))
    if not list(g.objects(up_to, SCHEMA.maxValue)):
        g.add((up_to, SCHEMA.maxValue, Literal("70000", datatype=XSD.decimal)))
    messages = [(v.focus, v.message) for v in validate_graph(g)]
    assert [m for _f, m in messages] == ["a salary needs a minimum (schema:minValue), a maximum (schema:maxValue) or both"]
