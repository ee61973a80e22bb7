"""The command line: exact output and exit codes, through typer's runner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rolegraph.cli import app
from rolegraph.locations import data_dir

runner = CliRunner()
SHIPPED_DOCUMENTS = len(list((data_dir() / "facts").glob("*.toml")))


def test_build_writes_four_formats_and_summarises(tmp_path):
    result = runner.invoke(app, ["build", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (f"Built the graph into {tmp_path}/ from the lexicon, ESCO 1.1.1 and "
                                             f"O*NET 29.2 (tech subsets) and {SHIPPED_DOCUMENTS} documents")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "graph.jsonld", "graph.nq", "graph.nt", "graph.ttl", "store"]


def test_stats_json_counts_classes(default_build):
    result = runner.invoke(app, ["stats", "--graph", str(default_build.out_dir), "--json"])
    counts = json.loads(result.output)
    assert counts["Role"] >= 60 and counts["Document"] == SHIPPED_DOCUMENTS and counts["Transition"] >= 25


def test_validate_reports_plain_words_and_exits_1(tmp_path, curated_build):
    broken = tmp_path / "broken.ttl"
    text = curated_build.files["turtle"].read_text()
    broken.write_text(text + '\n<https://w3id.org/rolegraph/id/doc/x/salary/s> a rg:SalaryRange ;'
                      ' rg:role role:lead-developer ; schema:currency "euro" .\n')
    result = runner.invoke(app, ["validate", "--graph", str(broken)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "doc:x/salary/s schema:currency: a salary needs one ISO 4217 currency code such as EUR or USD" \
           " (schema:currency) (found: euro)" in lines
    assert lines[-1] == f"{len(lines) - 1} violations."


def test_validate_a_build_folder_that_conforms(curated_build):
    result = runner.invoke(app, ["validate", "--graph", str(curated_build.out_dir)])
    assert (result.exit_code, result.output) == (0, "The graph conforms to the shapes.\n")


def test_malformed_lexicon_gives_one_line_error_not_traceback(data_copy, tmp_path):
    skills = data_copy / "lexicon" / "skills.toml"
    skills.write_text(skills.read_text() + '\n[[skill]]\nid = "x"\nfr = "x"\n')
    result = runner.invoke(app, ["build", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output == f"error: {skills}: skill 'x': missing or empty field 'en'\n"


def test_every_command_has_help_with_an_example():
    for name in ["build", "stats", "validate"]:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output, name


def test_build_formats_option_writes_only_those_and_drops_stale_files(tmp_path):
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", "-o", str(out)]).exit_code == 0
    assert (out / "graph.ttl").exists()
    result = runner.invoke(app, ["build", "-o", str(out), "--formats", "nquads,nt", "--json"])
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(result.output)["files"]) == ["nquads", "nt"]
    assert not (out / "graph.ttl").exists() and not (out / "graph.jsonld").exists()
    bad = runner.invoke(app, ["build", "-o", str(out), "--formats", "ttl"])
    assert bad.exit_code == 2 and "unknown format ttl" in bad.output


def test_bad_input_exits_2_and_says_what_to_do(tmp_path, default_build):
    same = runner.invoke(app, ["path", "CTO", "chief technology officer", "-g", str(default_build.out_dir)])
    assert same.exit_code == 2 and "name the same role (Chief Technology Officer)" in same.output
    missing = runner.invoke(app, ["extract", str(tmp_path / "missing.md")])
    assert missing.exit_code == 2 and "no such file or folder" in missing.output
    empty = tmp_path / "empty"
    empty.mkdir()
    no_build = runner.invoke(app, ["stats", "--graph", str(empty)])
    assert no_build.exit_code == 2 and f"no build in {empty}: run 'rolegraph build -o {empty}' first" in no_build.output
    nowhere = runner.invoke(app, ["stats", "--graph", str(tmp_path / "no" / "such")])
    assert nowhere.exit_code == 2 and "no such build folder or graph file" in nowhere.output
    assert "cannot load a ''" not in nowhere.output


def test_a_mistyped_path_stops_the_build_before_it_starts(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(tmp_path / "nope"), "-o", str(out)])
    assert result.exit_code == 2 and "nothing was built" in result.output
    assert not out.exists()


def test_tables_are_plain_whole_rows_when_not_a_terminal(default_build):
    result = runner.invoke(app, ["query", "salaries-by-role", "-g", str(default_build.out_dir)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[1].split("\t") == ["label", "min", "max", "currency", "period", "basis", "qualifier", "document"]
    rows = [line.split("\t") for line in lines[2:]]
    assert len(rows) > 10 and all(len(r) == 8 for r in rows)
    assert "…" not in result.output and "None" not in result.output
    assert not any(r[1].endswith(".0") or r[2].endswith(".0") for r in rows)
    assert any(r[2] == "" for r in rows)  # a figure with no upper bound: an empty cell


def test_salaries_say_their_period_in_words(default_build, tmp_path):
    result = runner.invoke(app, ["role", "CTO", "-g", str(default_build.out_dir)])
    lines = [line for line in result.output.splitlines() if line.strip().startswith("salary:")]
    assert lines and all(" a year" in line for line in lines) and "P1Y" not in result.output
    assert any(": from " in line for line in lines)  # a lower bound alone reads "from X"
    site = runner.invoke(app, ["site", "-g", str(default_build.out_dir), "-o", str(tmp_path / "site")])
    assert site.exit_code == 0
    page = (tmp_path / "site" / "roles" / "chief-technology-officer.html").read_text(encoding="utf-8")
    assert "a year" in page and "P1Y" not in page.split("<script")[0]


def test_a_new_title_shows_as_written_without_a_missing_translation(default_build):
    result = runner.invoke(app, ["role", "Head of Cloud", "-g", str(default_build.out_dir)])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("Head of Cloud  (") and " / -" not in result.output
