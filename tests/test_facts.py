"""Curated facts files: reading, and the errors a contributor sees when one is wrong."""

from __future__ import annotations

import pytest

from rolegraph.errors import DataFileError
from rolegraph.knowledge.facts import load_facts
from rolegraph.knowledge.lexicon import load_lexicon
from rolegraph.locations import data_dir

HEADER = '''[document]
name = "doc.txt"
sha256 = "{sha}"
chars = 100
language = "en"
about = "chief-technology-officer"
'''.format(sha="0" * 64)


def test_shipped_facts_cover_the_seeds_and_the_examples(lexicon):
    docs = load_facts(lexicon)
    examples = {p.name for p in (data_dir() / "examples").iterdir()}
    assert len(examples) >= 6
    assert {d.document.name for d in docs} == examples | {
        "000_8aec544dfbaef24d.txt", "001_319052afa3a36198.txt", "002_2409808e64c1f7d6.txt",
        "003_42af133862b8e71b.txt", "004_f71491373187b515.txt"}
    cto = {d.document.name: d for d in docs}["003_42af133862b8e71b.txt"]
    assert {(t.source.id, t.target.id) for t in cto.transitions} >= {
        ("lead-developer", "chief-technology-officer"),
        ("chief-technology-officer", "chief-executive-officer")}
    assert any(s.min == 70000 and s.max == 90000 and s.location == "Paris" for s in cto.salaries)
    assert cto.experience[0].min_years == 5 and cto.experience[0].max_years == 10
    assert {p.stage for d in docs for p in d.stages} == {"early-stage", "growth-stage", "scale-up"}


@pytest.mark.parametrize("entry, problem", [
    ('[[transition]]\nfrom = "chief-technology-officer"\nto = "astronaut"\nat = [1, 5]',
     "transition #1: role 'astronaut' is not in the lexicon"),
    ('[[salary]]\nmin = 90000\nmax = 60000\ncurrency = "EUR"\nat = [1, 5]',
     "salary #1: min 90000 is greater than max 60000"),
    ('[[salary]]\nmin = 9\ncurrency = "euros"\nat = [1, 5]',
     "salary #1: currency must be an ISO 4217 code such as EUR"),
    ('[[skill]]\nskill = "leadership"\nat = [90, 120]',
     "skill #1: span [90, 120] is not inside the document (0..100)"),
    ('[[mission]]\nmission = "define-the-roadmap"',
     "mission #1: needs at = [start, end] with two integers"),
    ('[[wish]]\nx = 1', "unknown table(s) ['wish']"),
])
def test_malformed_facts_name_file_entry_and_problem(data_copy, entry, problem):
    path = data_copy / "facts" / "zz_broken.toml"
    path.write_text(HEADER + "\n" + entry + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_facts(load_lexicon())
    assert str(err.value).startswith(str(path))
    assert problem in str(err.value)


def test_a_role_title_the_lexicon_lacks_is_a_candidate_but_an_unknown_id_is_an_error(data_copy):
    path = data_copy / "facts" / "zz_new.toml"
    path.write_text(HEADER + '\n[[mention]]\nrole = "FinOps Practitioner"\nat = [1, 5]\n', encoding="utf-8")
    doc = [d for d in load_facts(load_lexicon()) if d.document.name == "doc.txt"][0]
    ref = doc.mentions[0].role
    assert (ref.id, ref.label, ref.is_new) == ("finops-practitioner", "FinOps Practitioner", True)
    path.write_text(HEADER + '\n[[mention]]\nrole = "chief-tecnology-officer"\nat = [1, 5]\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="did you mean chief-technology-officer"):
        load_facts(load_lexicon())


def test_unknown_skill_becomes_a_new_concept_in_the_documents_words(data_copy):
    path = data_copy / "facts" / "zz_new.toml"
    path.write_text(HEADER + '\n[[skill]]\nskill = "Kubernetes operators"\nat = [1, 5]\n', encoding="utf-8")
    doc = [d for d in load_facts(load_lexicon()) if d.document.name == "doc.txt"][0]
    ref = doc.skills[0].skill
    assert (ref.id, ref.label, ref.lang, ref.is_new) == ("kubernetes-operators", "Kubernetes operators", "en", True)
