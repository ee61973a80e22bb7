"""Asking the graph: name resolution, career paths, skill gaps, role cards and named queries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolegraph.builds import build
from rolegraph.cli import app
from rolegraph.errors import RoleNotFound
from rolegraph.ask.sparql import QueryError, named_queries

HERE = Path(__file__).parent
runner = CliRunner()


@pytest.fixture(scope="module")
def wider(tmp_path_factory):
    """The default graph plus the project's own test documents (other roles, salaries, skills)."""
    return build(tmp_path_factory.mktemp("wider"), [HERE / "documents"]).graph


@pytest.mark.parametrize("name", ["directeur technique", "cto", "Chief Technical Officer", "CTO",
                                  "Directrice Technique", "role:chief-technology-officer"])
def test_names_resolve_to_one_role_across_languages(default_graph, name):
    assert default_graph.resolve(name) == "chief-technology-officer"


@pytest.mark.parametrize("name,expected", [("lead dev", "lead-developer"), ("RSSI", "chief-information-security-officer"),
                                           ("dsi", "chief-information-officer"), ("Développeuses", "software-developer")])
def test_aliases_acronyms_and_plurals_resolve(default_graph, name, expected):
    assert default_graph.resolve(name) == expected


def test_unknown_and_ambiguous_names_raise_with_suggestions(default_graph):
    with pytest.raises(RoleNotFound) as typo:
        default_graph.resolve("lead devloper")
    assert typo.value.suggestions[0] == "Lead Developer"
    with pytest.raises(RoleNotFound) as nonsense:
        default_graph.resolve("astronaut")
    assert nonsense.value.suggestions == []
    with pytest.raises(RoleNotFound) as ambiguous:
        default_graph.resolve("CDO")
    assert ambiguous.value.ambiguous
    assert ambiguous.value.suggestions == ["Chief Data Officer", "Chief Digital Officer"]


@pytest.mark.parametrize("word, among", [("ingénieur", "Data Engineer"), ("lead", "Lead Developer")])
def test_a_word_of_many_role_names_lists_them(default_graph, word, among):
    with pytest.raises(RoleNotFound) as several:
        default_graph.resolve(word)
    assert several.value.ambiguous and several.value.total > 2
    assert among in several.value.suggestions and len(several.value.suggestions) <= 8
    assert f"fits {several.value.total} roles" in str(several.value)


def test_lead_developer_to_cto_to_ceo_with_evidence(default_graph):
    paths = default_graph.paths("lead developer", "CEO", k=5)
    best = paths[0]
    assert best.roles == ["lead-developer", "chief-technology-officer", "chief-executive-officer"]
    for step in best.steps:
        assert step.evidence and step.documents
        for ev in step.evidence:
            assert ev.document and 0 <= ev.start < ev.end
    # two documents state Lead Developer -> CTO: a seed and the lead developer example
    assert "en_lead_developer.md" in best.steps[0].documents
    assert best.steps[0].min_years == 5.0
    assert "cost" in best.why
    costs = [p.cost for p in paths]
    assert costs == sorted(costs)


def test_path_constraints(default_graph):
    g = default_graph
    assert g.paths("lead developer", "CEO", avoid=["CTO"]) == [] or all(
        "chief-technology-officer" not in p.roles for p in g.paths("lead developer", "CEO", avoid=["CTO"]))
    assert g.paths("lead developer", "CEO", max_len=1) == []
    via = g.paths("lead developer", "CIO", via=["CTO"], k=2)
    assert via and all("chief-technology-officer" in p.roles for p in via)


def test_reachable_and_leading_to(default_graph):
    one = dict(default_graph.next("lead dev"))
    assert one == {"chief-technology-officer": 1, "software-architect": 1, "engineering-manager": 1}
    two = dict(default_graph.next("lead dev", 2))
    assert two["chief-executive-officer"] == 2 and two["director-of-engineering"] == 2
    before = dict(default_graph.previous("CTO"))
    assert "lead-developer" in before and all(d == 1 for d in before.values())


def test_salary_change_along_a_step(wider):
    g = wider
    steps = [s for p in g.paths("data engineer", "data architect", k=1) for s in p.steps]
    assert steps  # the data engineer document states this move
    node = g.careers.g.nodes
    for s in steps:
        common = node[s.source]["salary"].keys() & node[s.target]["salary"].keys()
        assert set(s.salary_change) == common


def test_skill_gap_and_similar_roles(wider):
    gap = wider.gap("data engineer", "back-end developer")
    assert "SQL" in gap.skills_shared
    assert not set(gap.skills_to_gain) & set(gap.skills_shared)
    assert 0 < gap.similarity < 1
    assert wider.gap("CTO", "CTO").similarity == 1.0
    similar = wider.similar("data engineer")
    assert similar and similar == sorted(similar, key=lambda x: -x[1])


def test_role_card_of_the_cto(default_graph):
    card = default_graph.card("directeur technique")
    assert card.labels == {"en": "Chief Technology Officer", "fr": "Directeur technique"}
    assert card.codes["isco"] == ["1330"] and card.codes["onet"] == ["11-3021.00"]
    assert "lead-developer" in card.before and "chief-executive-officer" in card.after
    assert len(card.salaries) == 14 and all(s["evidence"]["document"] for s in card.salaries)
    # the five seeds profile the CTO; four examples name it as a next step
    assert len(card.sources) == 9 and "leadership" in card.skills


def test_every_named_query_runs_and_returns_rows_on_the_default_graph(default_graph):
    queries = named_queries()
    assert len(queries) >= 10
    for name, q in queries.items():
        assert q.description, name
        result = default_graph.run(name)
        assert len(result) > 0, name
        rows = [tuple(map(str, r)) for r in result.rows]
        # the union of named graphs repeats a triple stated in two graphs: a set must stay a set
        assert len(rows) == len(set(rows)), f"{name} repeats rows"


def test_named_query_parameters_take_role_names(default_graph):
    rows = default_graph.run("transitions-to", role="directeur technique").records()
    assert {r["previous"].rsplit("/", 1)[-1] for r in rows} >= {"lead-developer"}
    rows = default_graph.run("evidence-of-transition", role="lead dev", other="CTO").records()
    assert rows and rows[0]["start"] < rows[0]["end"]


def test_results_as_csv_json_and_dataframe(default_graph):
    result = default_graph.run("transitions-from", role="lead dev")
    assert result.to_csv().splitlines()[0] == "next,label,documents"
    assert json.loads(result.to_json())["rows"][0]["label"] == "Chief Technology Officer"
    pd = pytest.importorskip("pandas")
    assert isinstance(result.to_df(), pd.DataFrame)


def test_syntax_errors_give_line_and_column(default_graph):
    with pytest.raises(QueryError) as err:
        default_graph.run("SELECT ?x WHERE {\n  ?x a \n}")
    assert "line 3, column" in str(err.value)
    with pytest.raises(QueryError) as unknown:
        default_graph.run("SELECT ?x WHERE { ?x nope:thing ?y }")
    assert "unknown prefix" in str(unknown.value)


def test_cli_path_next_gap_role_query(default_build):
    out = str(default_build.out_dir)
    result = runner.invoke(app, ["path", "lead dev", "CEO", "-g", out, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["paths"][0]["roles"] == ["lead-developer", "chief-technology-officer", "chief-executive-officer"]
    text = runner.invoke(app, ["path", "lead dev", "CEO", "-g", out]).output
    assert "Lead Developer → Chief Technology Officer → Chief Executive Officer" in text
    assert "evidence: 003_42af133862b8e71b.txt" in text
    bad = runner.invoke(app, ["path", "lead devloper", "CEO", "-g", out])
    assert bad.exit_code == 2 and "did you mean: Lead Developer" in bad.output
    nxt = json.loads(runner.invoke(app, ["next", "lead dev", "-g", out, "--json"]).output)
    assert {r["id"] for r in nxt["roles"]} == {"chief-technology-officer", "software-architect",
                                               "engineering-manager"}
    card = json.loads(runner.invoke(app, ["role", "RSSI", "-g", out, "--json"]).output)
    assert card["id"] == "chief-information-security-officer"
    gap = json.loads(runner.invoke(app, ["gap", "lead dev", "CTO", "-g", out, "--json"]).output)
    assert gap["target"] == "chief-technology-officer" and "strategic thinking" in gap["skills_to_gain"]
    assert "leadership" in gap["skills_shared"]
    q = runner.invoke(app, ["query", "transitions-from", "-p", "role=lead dev", "-g", out, "-f", "csv"])
    assert q.exit_code == 0 and "Chief Technology Officer" in q.output
    syntax = runner.invoke(app, ["query", "SELECT ?x WHERE { ?x a }", "-g", out])
    assert syntax.exit_code == 2 and "line 1, column" in syntax.output
    missing = runner.invoke(app, ["query", "transition-from", "-g", out])
    assert missing.exit_code == 2 and "did you mean: transitions-from" in missing.output
