"""Reference taxonomies: the importers on files in the publishers' formats, the merge, and what users get.

The small ESCO, O*NET and crosswalk files below are written by the tests, in
the layouts the publishers distribute (so CI needs nothing from ../shared);
the real downloads in ../shared/reference are used when present.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolegraph.cli import app
from rolegraph.knowledge.lexicon import load_lexicon
from rolegraph.knowledge.reference import gender_forms, merge_reference, singular_title
from rolegraph.knowledge.taxonomies import (ReferenceFileError, load_scope, read_crosswalk, read_esco, read_onet,
                                            write_esco, write_onet)
from rolegraph.locations import data_dir

runner = CliRunner()
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
ESCO = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/"
# Three occupations: two in the tech scope (ISCO 2512 and 2529), one outside it (a butcher, 7511).
DEV, SEC, BUTCHER = (ESCO + u for u in ("aaaaaaaa-0000-4000-8000-000000000001", "aaaaaaaa-0000-4000-8000-000000000002",
                                        "aaaaaaaa-0000-4000-8000-000000000003"))
RUST, TEAM, KNIVES = (SKILL + u for u in ("bbbbbbbb-0000-4000-8000-000000000001", "bbbbbbbb-0000-4000-8000-000000000002",
                                          "bbbbbbbb-0000-4000-8000-000000000003"))


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _zip(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return path


OCC_HEAD = ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "status",
            "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition", "inScheme", "description", "code"]


def _occupations(lang: str) -> str:
    labels = {"en": ("Rust systems developer", "rust engineer\nrustacean, \"systems\"", "Rust systems developers write "
                     "fast, safe programs.", "cyber threat hunter", "threat hunter", "butcher"),
              "fr": ("développeur Rust/développeuse Rust", "ingénieur Rust/ingénieure Rust", "", "chasseur de menaces",
                     "", "boucher/bouchère")}[lang]
    return _csv([OCC_HEAD,
                 ["Occupation", DEV, "2512", labels[0], labels[1], "rust dev", "released", "", "", "", "", "", labels[2],
                  "2512.9"],
                 ["Occupation", SEC, "2529", labels[3], labels[4], "", "released", "", "", "", "", "", "", "2529.9"],
                 ["Occupation", BUTCHER, "7511", labels[5], "", "", "released", "", "", "", "", "", "", "7511.1"]])


SKILL_HEAD = ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "hiddenLabels",
              "status", "modifiedDate", "scopeNote", "definition", "inScheme", "description"]


def esco_downloads(folder: Path, version: str = "9.9.9") -> list[Path]:
    """ESCO's three downloads as distributed: English and French classification zips, the relations zip."""
    en = _zip(folder / f"ESCO dataset - v{version} - classification - en - csv.zip", {
        "occupations_en.csv": _occupations("en"),
        "skills_en.csv": _csv([SKILL_HEAD,
                               ["KnowledgeSkillCompetence", RUST, "knowledge", "sector-specific", "Rust programming",
                                "Rust", "", "released", "", "", "", "", "The Rust language."],
                               ["KnowledgeSkillCompetence", TEAM, "skill/competence", "transversal", "work in teams", "",
                                "", "released", "", "", "", "", ""],
                               ["KnowledgeSkillCompetence", KNIVES, "skill/competence", "occupation-specific",
                                "sharpen knives", "", "", "released", "", "", "", "", ""]])})
    fr = _zip(folder / f"ESCO dataset - v{version} - classification - fr - csv.zip", {
        "occupations_fr.csv": _occupations("fr"),
        "digitalSkillsCollection_fr.csv": _csv([
            ["conceptType", "conceptUri", "preferredLabel", "status", "skillType", "reuseLevel", "altLabels",
             "description", "broaderConceptUri", "broaderConceptPT"],
            ["KnowledgeSkillCompetence", RUST, "programmation en Rust", "released", "knowledge", "sector-specific",
             "", "", "", ""]])})
    relations = _zip(folder / f"ESCO dataset - v{version} - relations - csv.zip", {
        "occupationSkillRelations.csv": _csv([["occupationUri", "relationType", "skillType", "skillUri"],
                                              [DEV, "essential", "knowledge", RUST], [DEV, "optional", "", TEAM],
                                              [SEC, "essential", "", TEAM], [BUTCHER, "essential", "", KNIVES]]),
        "broaderRelationsOccPillar.csv": _csv([["conceptType", "conceptUri", "broaderType", "broaderUri"],
                                               ["Occupation", SEC, "Occupation", DEV]])})
    return [en, fr, relations]


def onet_download(folder: Path) -> Path:
    def tsv(rows):
        return "".join("\t".join(r) + "\n" for r in rows)
    code = "O*NET-SOC Code"
    return _zip(folder / "db_99_1_text.zip", {
        "db_99_1_text/Read Me.txt": "O*NET 99.1 Database\nMarch 2031 Release\n",
        "db_99_1_text/Occupation Data.txt": tsv([[code, "Title", "Description"],
                                                 ["15-1299.77", "Quantum Software Engineers", "Write quantum code."],
                                                 ["15-1299.78", "Rust Systems Developers", "Same job as ESCO's."],
                                                 ["35-2014.00", "Cooks, Restaurant", "Cook."]]),
        "db_99_1_text/Alternate Titles.txt": tsv([[code, "Alternate Title", "Short Title", "Source(s)"],
                                                  ["15-1299.77", "Qubit Wrangler (QW)", "n/a", "10"],
                                                  ["15-1299.77", "Data Engineer", "n/a", "10"]]),
        "db_99_1_text/Sample of Reported Titles.txt": tsv([[code, "Reported Job Title", "Shown in My Next Move"],
                                                           ["15-1299.77", "Quantum Developer", "Y"]]),
        "db_99_1_text/Technology Skills.txt": tsv([[code, "Example", "Commodity Code", "Commodity Title",
                                                    "Hot Technology", "In Demand"],
                                                   ["15-1299.77", "Qiskit", "43232402", "Development software", "Y", "N"],
                                                   ["15-1299.77", "Rust", "43232402", "Development software", "N", "N"]]),
        "db_99_1_text/Task Statements.txt": tsv([[code, "Task ID", "Task", "Task Type", "Incumbents Responding", "Date",
                                                  "Domain Source"],
                                                 ["15-1299.77", "99001", "Design quantum circuits.", "Core", "", "", ""]]),
        "db_99_1_text/Related Occupations.txt": tsv([[code, "Related O*NET-SOC Code", "Relatedness Tier", "Index"],
                                                     ["15-1299.77", "15-1299.78", "Primary-Short", "1"]]),
    })


@pytest.fixture
def downloads(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    return {"esco": esco_downloads(folder), "onet": [onet_download(folder)]}


# --- reading ----------------------------------------------------------------

def test_esco_downloads_are_read_with_the_tech_scope(downloads):
    tax = read_esco(downloads["esco"], scope=load_scope())
    assert tax.source.version == "9.9.9"
    assert set(tax.occupations) == {DEV, SEC}  # the butcher is not a tech role
    dev = tax.occupations[DEV]
    assert dev.labels == {"en": "Rust systems developer", "fr": "développeur Rust/développeuse Rust"}
    assert dev.alt["en"] == ["rust engineer", 'rustacean, "systems"'] and dev.hidden["en"] == ["rust dev"]
    assert set(tax.skills) == {RUST, TEAM}  # only the skills the kept occupations need
    assert tax.skills[RUST].labels == {"en": "Rust programming", "fr": "programmation en Rust"}  # from the collection
    assert {(r.occupation, r.skill, r.level) for r in tax.requirements} == {
        (DEV, RUST, "essential"), (DEV, TEAM, "optional"), (SEC, TEAM, "essential")}
    assert tax.broader == [(SEC, DEV)]


def test_everything_keeps_every_occupation(downloads):
    tax = read_esco(downloads["esco"], scope=load_scope(everything=True))
    assert BUTCHER in tax.occupations and KNIVES in tax.skills


def test_a_written_subset_reads_back_the_same(downloads, tmp_path):
    esco = read_esco(downloads["esco"], scope=load_scope())
    write_esco(esco, tmp_path / "esco")
    again = read_esco([tmp_path / "esco"])
    assert again.occupations == esco.occupations and again.skills == esco.skills
    assert again.requirements == esco.requirements and again.source == esco.source
    onet = read_onet(downloads["onet"], scope=load_scope())
    write_onet(onet, tmp_path / "onet")
    back = read_onet([tmp_path / "onet"])
    assert (back.occupations, back.skills, back.requirements, back.tasks, back.related) == \
           (onet.occupations, onet.skills, onet.requirements, onet.tasks, onet.related)
    assert (back.source.version, back.source.date) == ("99.1", "2031-03")


def test_onet_is_read_with_titles_technologies_tasks_and_relations(downloads):
    tax = read_onet(downloads["onet"], scope=load_scope())
    assert set(tax.occupations) == {"15-1299.77", "15-1299.78"}  # cooks are not in the scope
    assert [(r.skill, r.hot) for r in tax.requirements if r.occupation == "15-1299.77"] == [("Qiskit", True),
                                                                                          ("Rust", False)]
    assert tax.tasks[0].type == "Core" and tax.related[0].tier == "Primary-Short"


# --- malformed input: one line naming the file and line --------------------------

def test_a_missing_column_names_the_file(tmp_path):
    folder = tmp_path / "esco"
    folder.mkdir()
    (folder / "occupations_en.csv").write_text(_csv([["conceptUri", "iscoGroup", "altLabels", "description"],
                                                     [DEV, "2512", "", ""]]))
    with pytest.raises(ReferenceFileError, match=r"occupations_en.csv, line 1: missing column 'preferredLabel'"):
        read_esco([folder])


def test_a_truncated_csv_names_the_line(tmp_path):
    folder = tmp_path / "esco"
    folder.mkdir()
    text = _occupations("en")
    (folder / "occupations_en.csv").write_text(text[: text.index("rust engineer") + 4])  # cut inside a quoted cell
    with pytest.raises(ReferenceFileError) as err:
        read_esco([folder])
    assert "occupations_en.csv, line 2" in str(err.value) and "truncated" in str(err.value)


def test_a_truncated_zip_and_a_zip_that_is_not_esco_are_named(downloads, tmp_path):
    cut = tmp_path / "cut.zip"
    data = downloads["esco"][0].read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReferenceFileError, match="cut.zip: not a readable zip"):
        read_esco([cut])
    with pytest.raises(ReferenceFileError, match="no occupations_<language>.csv file found: is this an ESCO download"):
        read_esco(downloads["onet"])


def test_a_bad_onet_code_names_the_line(tmp_path):
    folder = tmp_path / "onet"
    folder.mkdir()
    (folder / "Occupation Data.txt").write_text("O*NET-SOC Code\tTitle\tDescription\n15-1252.00\tA\tB\nnope\tC\tD\n")
    with pytest.raises(ReferenceFileError, match=r"Occupation Data.txt, line 3: 'nope' is not an O\*NET-SOC code"):
        read_onet([folder])


# --- the merge ------------------------------------------------------------------

def test_label_forms():
    assert singular_title("Computer and Information Systems Managers") == "Computer and Information Systems Manager"
    assert gender_forms("ingénieur Rust/ingénieure Rust") == ("ingénieur Rust", "ingénieure Rust")


def test_taxonomies_merge_into_the_curated_lexicon_without_merging_different_jobs(downloads):
    scope = load_scope()
    lex = merge_reference(load_lexicon(reference=False), scope, esco=read_esco(downloads["esco"], scope=scope),
                          onet=read_onet(downloads["onet"], scope=scope))
    dev = lex.roles["rust-systems-developer"]  # ESCO's role, title-cased, French in both genders
    assert (dev.source, dev.en, dev.fr, dev.fr_feminine) == ("esco", "Rust Systems Developer", "Développeur Rust",
                                                            ("développeuse Rust",))
    # O*NET's "Rust Systems Developers" is the same job by its label: merged, with a link to O*NET
    assert ("onet", "15-1299.78", "exact") in dev.links and "rust-systems-developer-2" not in lex.roles
    quantum = lex.roles["quantum-software-engineer"]
    assert quantum.source == "onet" and {"Qubit Wrangler", "QW", "Quantum Developer"} <= set(quantum.en_alt)
    # a curated name beats an O*NET alternate title: "Data Engineer" still names one role
    assert lex.role_index["data engineer"] == ["data-engineer"]
    ref = lex.reference
    assert {(s.role, s.other, s.tier) for s in ref.similar} == {("quantum-software-engineer", "rust-systems-developer",
                                                                 "Primary-Short")}
    assert ("cyber-threat-hunter", "rust-systems-developer") in ref.broader


# --- importing into a build folder ---------------------------------------------------

def _state(folder: Path) -> tuple:
    pointer = json.loads((folder / "store" / "current.json").read_text())
    return pointer["generation"], hashlib.sha256((folder / "graph.nq").read_bytes()).hexdigest()


def test_import_rebuilds_the_graph_and_a_failed_import_loses_nothing(downloads, tmp_path, curated_lexicon):
    out = tmp_path / "build"
    result = runner.invoke(app, ["import", "esco", *map(str, downloads["esco"]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Imported ESCO 9.9.9 into {out / 'reference' / 'esco'}: 2 occupations")
    card = runner.invoke(app, ["role", "rustacean, systems", "-g", str(out), "--json"])
    assert json.loads(card.output)["id"] == "rust-systems-developer"
    described = runner.invoke(app, ["query", "-g", str(out), "-f", "csv", """
        SELECT ?version ?license WHERE { <https://w3id.org/rolegraph/graph/esco> dcterms:hasVersion ?version ;
                                         dcterms:license ?license }"""])
    assert described.output.splitlines()[1] == "9.9.9,https://eur-lex.europa.eu/eli/dec/2011/833/oj"

    before = _state(out)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(downloads["esco"][0].read_bytes()[:100])
    failed = runner.invoke(app, ["import", "esco", str(bad), "-o", str(out)])
    assert failed.exit_code == 2 and failed.output == f"error: {bad}: not a readable zip (truncated or damaged download?)\n"
    assert _state(out) == before and (out / "reference" / "esco" / "occupations_en.csv").is_file()


# --- the shipped subset and what users get from it --------------------------------

def test_the_default_lexicon_holds_hundreds_of_tech_roles(lexicon):
    roles = lexicon.roles.values()
    both = [r for r in roles if r.en and r.fr and (r.source != "onet")]
    assert len(both) >= 250
    esco_linked = [r for r in roles if r.esco or any(s == "esco" for s, _k, _m in r.links)]
    assert len(esco_linked) >= 200
    assert sum(len(r.tiered_names()) - 2 for r in roles) >= 5000
    assert len(lexicon.skills) >= 3000


def test_a_gap_between_two_roles_lists_skills_with_their_source(default_build):
    gap = default_build.graph.gap("data engineer", "machine learning engineer")
    assert len(gap.skills_to_gain) >= 5
    for skill in gap.skills_to_gain[:5]:
        assert gap.where[skill] and all(("ESCO" in w or "O*NET" in w or "documents" in w) for w in gap.where[skill])
    result = runner.invoke(app, ["gap", "data engineer", "machine learning engineer", "-g",
                                 str(default_build.out_dir)])
    assert result.exit_code == 0 and "Skills to gain (" in result.output and "via Data Scientist (close match)" in \
        result.output


def test_french_feminine_esco_labels_resolve(default_graph):
    assert default_graph.resolve("développeuse d'applications mobiles") == "mobile-developer"
    assert default_graph.resolve("Développeuse d’applications mobiles") == "mobile-developer"


def test_similar_roles_are_kept_apart_from_moves(default_graph):
    similar = dict((r, t) for r, t, _n in default_graph.similar_roles("software developer"))
    assert similar and "computer-programmer" in similar
    moves = {r for r, _d in default_graph.next("software developer")}
    assert "computer-programmer" not in moves  # similarity is not a stated move
    rows = default_graph.query("ASK { ?a rg:canTransitionTo ?b . ?a rg:similarTo ?b }")
    assert not bool(rows)


def test_reference_graphs_carry_their_attribution(default_graph):
    rows = default_graph.run("""SELECT ?g ?version ?rights WHERE {
        ?g a void:Dataset ; dcterms:hasVersion ?version ; dcterms:rights ?rights ; dcterms:license ?l }""").records()
    found = {r["g"].rsplit("/", 1)[-1]: r for r in rows}
    assert found["esco"]["version"] == "1.1.1" and "European Commission" in found["esco"]["rights"]
    assert found["onet"]["version"] == "29.2" and "CC BY 4.0" in found["onet"]["rights"]
    notice = (data_dir() / "reference" / "NOTICE.md").read_text(encoding="utf-8")
    assert "ESCO" in notice and "USDOL/ETA" in notice and "Nesta" in notice


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference is not present")
def test_the_shipped_subset_is_what_the_script_derives_from_the_publishers_files(tmp_path):
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "reference"
    shutil.copytree(data_dir() / "reference", copy,
                    ignore=shutil.ignore_patterns("esco", "onet", "crosswalk", "glossary"))
    done = subprocess.run([sys.executable, str(copy / "derive.py"), str(REFERENCE)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for name in ("esco", "onet", "crosswalk", "glossary"):
        shipped = sorted(p.relative_to(data_dir() / "reference") for p in (data_dir() / "reference" / name).rglob("*"))
        derived = sorted(p.relative_to(copy) for p in (copy / name).rglob("*"))
        assert shipped == derived
        for rel in shipped:
            assert (copy / rel).read_bytes() == (data_dir() / "reference" / rel).read_bytes(), rel


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference is not present")
def test_the_real_crosswalk_is_read_and_placed(tmp_path):
    source, rows = read_crosswalk([REFERENCE / "esco_onet_crosswalk_Nov2020.csv"])
    assert len(rows) == 1680 and source.license == "https://opensource.org/licenses/MIT"
