"""The bilingual lexicon: coverage, names in both languages, codes, and strict checking."""

from __future__ import annotations

import pytest

from rolegraph.errors import DataFileError
from rolegraph.knowledge.lexicon import load_lexicon
from rolegraph.text import fold

REQUIRED_ROLES = """junior-developer mid-level-developer senior-developer lead-developer staff-engineer
principal-engineer software-architect front-end-developer back-end-developer full-stack-developer
web-integrator tech-lead engineering-manager head-of-engineering director-of-engineering
vp-of-engineering chief-technology-officer chief-information-officer chief-information-security-officer
chief-data-officer chief-digital-officer chief-executive-officer startup-founder general-manager
director-of-innovation product-owner product-manager digital-project-manager it-project-manager
scrum-master data-analyst data-engineer data-scientist head-of-data machine-learning-engineer
prompt-engineer system-and-network-administrator devops-engineer site-reliability-engineer
cloud-architect network-architect infrastructure-manager cybersecurity-consultant security-engineer
it-consultant systems-analyst technical-expert technical-referent chief-engineer""".split()


def test_lexicon_covers_every_family_the_issue_names(lexicon):
    assert len(lexicon.roles) >= 60
    missing = [r for r in REQUIRED_ROLES if r not in lexicon.roles]
    assert missing == []
    curated = {r.family for r in lexicon.roles.values() if r.source == "lexicon"}
    assert len(curated) == 9
    assert {r.family for r in lexicon.roles.values() if r.family} == set(lexicon.families)


@pytest.mark.parametrize("name, role", [
    ("CTO", "chief-technology-officer"),
    ("directeur technique", "chief-technology-officer"),
    ("Directrice technique", "chief-technology-officer"),
    ("DSI", "chief-information-officer"),
    ("RSSI", "chief-information-security-officer"),
    ("lead dév", "lead-developer"),
    ("Lead développeuse", "lead-developer"),
    ("Chief Technical Officer", "chief-technology-officer"),
    ("Intégratrice web", "web-integrator"),
])
def test_aliases_acronyms_and_feminine_forms_name_one_role(lexicon, name, role):
    assert lexicon.role_index[fold(name)] == [role]


def test_ambiguous_acronym_names_both_roles(lexicon):
    assert sorted(lexicon.role_index["cdo"]) == ["chief-data-officer", "chief-digital-officer"]


def test_every_role_has_both_languages_a_level_and_feminine_forms_where_french_genders(lexicon):
    for role in lexicon.roles.values():
        if role.source == "lexicon":
            assert role.en and role.fr and role.level in lexicon.levels
        elif role.source == "esco":  # ESCO names every occupation in French, most with both genders
            assert role.en and role.fr and role.fr != role.en and role.family in lexicon.families
        else:  # O*NET is English only
            assert role.en and role.family in lexicon.families
    assert lexicon.roles["chief-technology-officer"].fr_feminine[0] == "Directrice technique"
    gendered = [r for r in lexicon.roles.values() if r.fr.lower().startswith(("développeur", "directeur"))]
    assert gendered and all(r.fr_feminine for r in gendered)


@pytest.mark.parametrize("role, esco, isco", [
    ("chief-technology-officer", "7b1b5da8-573a-49bb-a38e-68725a949f4f", "1330"),
    ("chief-information-officer", "82f90e87-de92-4678-adae-61d3e5f7e1e4", "1330"),
    ("chief-executive-officer", "6c3fd65e-2d24-47d8-bc22-9e93512bdcc2", "1120"),
    ("chief-information-security-officer", "276ba420-ef09-4a0e-b215-2c2e2f80ad28", "2529"),
    ("chief-data-officer", "e297ec12-4712-40a4-ad98-ba004cacb205", "1330"),
    ("software-developer", "f2b15a0e-e65a-438a-affb-29b9d50b77d1", "2512"),
    ("software-architect", "d0aa0792-4345-474b-9365-686cf4869d2e", "2512"),
    ("data-scientist", "258e46f9-0075-4a2e-adae-1ff0477e0f30", "2511"),
    ("cloud-architect", "2fb96c6c-8d0b-4ef0-b1ee-3e493305e4eb", "2512"),
    ("web-developer", "c40a2919-48a9-40ea-b506-1f34f693496d", "2513"),
])
def test_esco_exact_matches_carry_the_known_codes(lexicon, role, esco, isco):
    concept = lexicon.roles[role]
    assert (concept.esco, concept.esco_match, concept.isco) == (esco, "exact", isco)


def _write(folder, name, text):
    (folder / "lexicon" / name).write_text(text, encoding="utf-8")


def test_unknown_field_is_reported_with_file_and_entry(data_copy):
    roles = data_copy / "lexicon" / "roles.toml"
    roles.write_text(roles.read_text() + '\n[[role]]\nid = "qa-lead"\nen = "QA Lead"\nfr = "Lead QA"\n'
                     'family = "web"\nlevel = "lead"\nlabel_es = "x"\n')
    with pytest.raises(DataFileError) as err:
        load_lexicon()
    assert str(err.value).startswith(f"{roles}: role 'qa-lead': unknown field 'label_es'")


@pytest.mark.parametrize("entry, problem", [
    ('id = "x-role"\nfr = "Rôle"\nfamily = "web"\nlevel = "lead"', "role 'x-role': missing or empty field 'en'"),
    ('id = "x-role"\nen = "X"\nfr = "X"\nfamily = "nowhere"\nlevel = "lead"',
     "role 'x-role': family 'nowhere' is not declared in schemes.toml"),
    ('id = "lead-developer"\nen = "X"\nfr = "X"\nfamily = "web"\nlevel = "lead"',
     "role 'lead-developer': this id is used twice"),
    ('id = "X Role"\nen = "X"\nfr = "X"\nfamily = "web"\nlevel = "lead"',
     "role 'X Role': id must be a lowercase slug"),
    ('id = "x-role"\nen = "X"\nfr = "X"\nfamily = "web"\nlevel = "lead"\nesco = "nope"',
     "role 'x-role': field 'esco' must be an ESCO UUID"),
])
def test_malformed_role_entries_name_the_problem(data_copy, entry, problem):
    roles = data_copy / "lexicon" / "roles.toml"
    roles.write_text(roles.read_text() + "\n[[role]]\n" + entry + "\n")
    with pytest.raises(DataFileError) as err:
        load_lexicon()
    assert problem in str(err.value)
    assert str(roles) in str(err.value)


def test_invalid_toml_reports_the_line(data_copy):
    _write(data_copy, "broken.toml", '[[skill]]\nid = "a"\nen = "unterminated\n')
    with pytest.raises(DataFileError) as err:
        load_lexicon()
    assert "broken.toml: not valid TOML" in str(err.value) and "line 3" in str(err.value)
