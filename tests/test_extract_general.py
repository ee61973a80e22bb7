"""Extraction of job writing the lexicon's phrases do not cover: new titles, ladders, stories, salaries in
every common form, duties read from prose. Each document here is written for its case."""

from __future__ import annotations

import pytest

from rolegraph.extract import Extractor
from rolegraph.extract.report import to_json
from rolegraph.knowledge.taxonomies.glossary import align
from rolegraph.sources import SourceDoc, parse_text


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def extract(extractor, text, lang="en", name="doc.md"):
    return extractor.extract(SourceDoc(name, text, lang, parse_text(text)))


def moves(extraction, extractor) -> set[tuple[str, str]]:
    doc = to_json(extraction, extractor.lex)
    return {(t["from"], t["to"]) for t in doc["transitions"]}


# --- roles ----------------------------------------------------------------------------------


def test_a_title_the_lexicon_lacks_is_the_documents_own_role(extractor):
    ex = extract(extractor, "# Robotics Integration Lead\n\nThe role pays $140k a year. Robotics integration "
                            "leads can move into Engineering Manager positions.")
    assert ex.subject.label == "Robotics Integration Lead" and ex.subject.is_new
    assert {s.role.id for s in ex.facts.salaries} == {"robotics-integration-lead"}
    assert ("Robotics Integration Lead", "Engineering Manager") in moves(ex, extractor)


def test_head_nouns_are_learnt_from_the_lexicon(extractor):
    grammar = extractor.roles.grammar
    assert {"engineer", "technician", "administrator", "advocate"} <= grammar.heads_en
    assert {"ingenieur", "technicien", "responsable"} <= grammar.heads_fr
    assert "tech" not in grammar.heads_en  # "big tech" is no person


def test_onet_alternate_titles_are_narrower_roles(extractor):
    ex = extract(extractor, "# Game Developer\n\nA game developer builds gameplay systems.")
    role = next(m for m in ex.facts.mentions if m.role.label == "Game Developer")
    assert role.role.is_new  # not merged into the occupation whose alternate title it is


def test_french_titles_get_an_english_label(extractor):
    ex = extract(extractor, "Responsable d’équipe technique\n\nElle encadre six développeurs.", "fr")
    doc = to_json(ex, extractor.lex)
    role = next(r for r in doc["roles"] if r["label"] == "Technical Team Manager")
    assert "Responsable d’équipe technique" in role["aliases"]


def test_seniority_levels_of_a_ladder_sentence_are_roles_and_moves(extractor):
    ex = extract(extractor, "# Mobile Developer\n\nThe career ladder runs through three levels: junior, "
                            "senior and principal.")
    assert {("Junior Mobile Developer", "Senior Mobile Developer"),
            ("Senior Mobile Developer", "Principal Mobile Developer")} <= moves(ex, extractor)


def test_coordinated_titles_each_get_the_head(extractor):
    ex = extract(extractor, "The Sales or Solutions Engineer joins customer calls every day.")
    found = {m.role.label or extractor.lex.roles[m.role.id].en for m in ex.facts.mentions}
    assert "Sales Engineer" in found


# --- transitions ----------------------------------------------------------------------------


def test_a_ladder_table_gives_consecutive_moves_and_pay_in_its_header_currency(extractor):
    text = ("# Support Careers\n\n## Career path\n\n| Rung | Title | Pay (AUD) |\n|---|---|---|\n"
            "| 1 | Help Desk Technician | $55k–$65k |\n| 2 | Systems Administrator | $80k–$100k |\n"
            "| 3 | IT Manager | $120k+ |\n")
    ex = extract(extractor, text)
    found = moves(ex, extractor)
    assert ("Help Desk Technician", "Systems Administrator") in found or \
        any(a.endswith("Technician") and b.startswith("System") for a, b in found)
    pay = sorted((s.min, s.max, s.currency) for s in ex.facts.salaries)
    assert pay == [(55000, 65000, "AUD"), (80000, 100000, "AUD"), (120000, None, "AUD")]


def test_a_salary_table_by_level_is_not_a_ladder(extractor):
    text = ("# Data Analyst\n\n## What it pays\n\n| Level | Salary |\n|---|---|\n| Junior | $60k–$70k |\n"
            "| Senior | $90k–$110k |\n| Lead | $120k–$140k |\n")
    ex = extract(extractor, text)
    assert moves(ex, extractor) == set()
    assert len(ex.facts.salaries) == 3


def test_from_a_to_b_and_a_career_story(extractor):
    ex = extract(extractor, "# From Support Technician to CISO\n\nShe started as a support technician, then "
                            "worked as a security analyst for four years. She was named CISO in 2020.")
    found = moves(ex, extractor)
    assert any(a.endswith("Technician") and "Security Officer" in b for a, b in found)
    assert any("Security Analyst" in b for _a, b in found)


def test_negated_moves_and_reporting_lines_are_not_moves(extractor):
    ex = extract(extractor, "# QA Engineer\n\n## Career\n\nBeing a QA engineer is not a step towards becoming "
                            "a product owner. The QA engineer reports to the Head of Quality.")
    assert moves(ex, extractor) == set()


def test_also_known_as_gives_names_not_moves(extractor):
    ex = extract(extractor, "# Site Reliability Engineer\n\n## Career\n\nAlso known as: Production Engineer, "
                            "Platform Operations Engineer.")
    assert moves(ex, extractor) == set()


# --- salaries -------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence, lo, hi, currency, period", [
    ("Freelancers charge ₹1,200 to ₹3,000/hour.", 1200, 3000, "INR", "hour"),
    ("The salary goes up to 80k€ a year.", None, 80000, "EUR", "year"),
    ("Le salaire peut aller jusqu'à 65 000 € par an.", None, 65000, "EUR", "year"),
    ("Senior pay is $180k+ per year.", 180000, None, "USD", "year"),
    ("Pay ranges from $90,000 for newcomers to $150,000 per year.", 90000, 150000, "USD", "year"),
    ("Contract rate: CAD 700 per day.", 700, 700, "CAD", "day"),
])
def test_more_salary_forms(extractor, sentence, lo, hi, currency, period):
    facts = extract(extractor, "# Data Engineer\n" + sentence).facts
    assert [(s.min, s.max, s.currency, s.period) for s in facts.salaries] == [(lo, hi, currency, period)]


def test_a_rounded_repeat_of_a_figure_counts_once(extractor):
    facts = extract(extractor, "# Data Engineer\n\nMedian salary $101,350.\n\nThe median salary is about "
                               "$101K a year.").facts
    assert [(s.min, s.max) for s in facts.salaries] == [(101350, 101350)]


def test_a_figure_belongs_to_the_role_named_with_it(extractor):
    facts = extract(extractor, "# Data Engineer\n\nA Data Architect earns $150,000 a year.").facts
    assert [s.role.id for s in facts.salaries] == ["data-architect"]


# --- skills and missions --------------------------------------------------------------------


def test_a_list_without_bullets_or_heading_cue_is_read_by_how_its_items_start(extractor):
    text = ("# Data Engineer\n\nKeeping the lake healthy\n"
            "Design and run ingestion jobs for the sales systems\n"
            "Tune slow warehouse queries for the finance team\n"
            "Document every table the analysts rely on\n")
    doc = to_json(extract(extractor, text), extractor.lex)
    missions = [m["label"] for m in doc["missions"]]
    assert "design and run ingestion jobs for the sales systems" in missions and len(missions) == 3


def test_skill_items_lose_their_lead_in_and_keep_their_parentheses(extractor):
    text = "# Data Engineer\n\n## Requirements\n- Solid experience with stream processors (Flink, Kafka Streams)\n"
    doc = to_json(extract(extractor, text), extractor.lex)
    assert [s["label"] for s in doc["skills"]] == ["stream processors (Flink, Kafka Streams)"]


def test_duties_in_prose_are_cut_into_verb_phrases(extractor):
    text = ("# Firmware Engineer\n\nFirmware engineers write and debug drivers, review board schematics, "
            "and mentor interns.")
    doc = to_json(extract(extractor, text), extractor.lex)
    assert [m["label"] for m in doc["missions"]] == ["write and debug drivers", "review board schematics",
                                                     "mentor interns"]


def test_french_duties_are_glossed_into_english(extractor):
    text = "# Testeur logiciel\n\nIl rédige les plans de test et corrige les anomalies avec les développeurs."
    doc = to_json(extract(extractor, text, "fr"), extractor.lex)
    assert any(m["label"].startswith("write test plan") for m in doc["missions"]), doc["missions"]


def _mission_quotes(ex) -> list[str]:
    return [ex.doc.text[m.span.start:m.span.end] for m in ex.facts.missions]


def test_a_duty_lead_takes_any_infinitive_even_elided_and_after_a_modal(extractor):
    """"a pour mission d'..." (the cue is written "de"), a verb no mission of the lexicon starts with,
    and "pourra" before the verb."""
    text = ("# Technicien réseau\n\nLe technicien réseau a pour mission d’échafauder les maquettes de câblage. "
            "Dans les grandes équipes, le technicien réseau pourra superviser deux apprentis.")
    quotes = _mission_quotes(extract(extractor, text, "fr"))
    assert any(q.startswith("échafauder les maquettes") for q in quotes), quotes
    assert any(q.startswith("superviser deux apprentis") for q in quotes), quotes


def test_a_coordinated_infinitive_after_de_is_a_duty_of_its_own(extractor):
    text = ("# Technicien réseau\n\nSa mission est de câbler les baies et enfin, de s’assurer que les tests "
            "passent.")
    quotes = _mission_quotes(extract(extractor, text, "fr"))
    assert any(q.startswith("câbler les baies") and "assurer" not in q for q in quotes), quotes
    assert any(q.startswith("s’assurer que les tests") for q in quotes), quotes


def test_an_english_duty_lead_takes_a_gerund(extractor):
    text = "# Release Engineer\n\nThe release engineer is responsible for shepherding hotfixes to production."
    quotes = _mission_quotes(extract(extractor, text))
    assert any(q.startswith("shepherding hotfixes") for q in quotes), quotes


def test_known_tools_named_in_a_sentence_about_tools_are_skills(extractor):
    ex = extract(extractor, "# Reporting Analyst\n\nA typical stack here includes Tableau and SQL.")
    assert {ex.doc.text[s.span.start:s.span.end] for s in ex.facts.skills} >= {"Tableau", "SQL"}


# --- the glossary ---------------------------------------------------------------------------


def test_the_glossary_pairs_words_that_travel_together():
    pairs = [(f"{fr_head} {fr}", f"{en} {en_head}")
             for fr_head, en_head in (("technicien", "technician"), ("ingénieur", "engineer"),
                                      ("responsable", "manager"))
             for fr, en in (("de maintenance", "maintenance"), ("réseau", "network"),
                            ("de laboratoire", "laboratory"), ("des ventes", "sales"))]
    found = {e.fr: e.en for e in align(pairs)}
    assert found["technicien"] == "technician" and found["reseau"] == "network"
    assert found["ingenieur"] == "engineer"
