"""Extraction behaviour on small documents written for each case."""

from __future__ import annotations

import pytest

from rolegraph.extract import Extractor
from rolegraph.sources import SourceDoc, parse_text


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def run(extractor, text, lang="en", name="doc.md"):
    return extractor.extract(SourceDoc(name, text, lang, parse_text(text))).facts


@pytest.mark.parametrize("sentence, lo, hi, currency, period, basis", [
    ("Salary: 60k€ for a junior.", 60000, 60000, "EUR", "year", None),
    ("Le salaire : 60 000 € par an.", 60000, 60000, "EUR", "year", None),
    ("The salary is €60,000 a year.", 60000, 60000, "EUR", "year", None),
    ("Salaire : 100–300k€ selon la taille.", 100000, 300000, "EUR", "year", None),
    ("Le salaire se situe entre 70 et 90 000 € brut annuel.", 70000, 90000, "EUR", "year", "gross"),
    ("Pay reaches $150K in New York.", 150000, 150000, "USD", "year", None),
    ("Le salaire est de 2 300 € nets par mois.", 2300, 2300, "EUR", "month", "net"),
    ("Le salaire : à partir de 45 000 € par an.", 45000, None, "EUR", "year", None),
    ("Freelancers earn a daily rate of 550 € per day.", 550, 550, "EUR", "day", None),
])
def test_salary_forms(extractor, sentence, lo, hi, currency, period, basis):
    facts = run(extractor, "# Data Engineer\n" + sentence)
    assert [(s.min, s.max, s.currency, s.period, s.basis) for s in facts.salaries] == \
        [(lo, hi, currency, period, basis)]
    assert facts.salaries[0].role.id == "data-engineer"


def test_money_that_is_not_pay_is_ignored(extractor):
    facts = run(extractor, "# Chief Technology Officer\nLa startup a levé 2 m€ en 2019 et compte 45 employés.", "fr")
    assert facts.salaries == []


def test_salary_qualifiers_follow_their_clause(extractor):
    text = ("# Directeur technique\nLe salaire : entre 70 et 90 000 € pour un profil confirmé (4 à 8 ans) "
            "à Paris, et de 60 à 70 000 € dans une grande ville.")
    a, b = run(extractor, text, "fr").salaries
    assert (a.location, a.min_years, a.max_years, a.seniority) == ("Paris", 4, 8, "intermediate")
    assert (b.location, b.min_years, b.seniority) == ("grande ville", 4, "intermediate")


@pytest.mark.parametrize("name, role", [
    ("directeur technique", "chief-technology-officer"), ("DSI", "chief-information-officer"),
    ("RSSI", "chief-information-security-officer"), ("lead dev", "lead-developer"),
    ("Lead développeuse", "lead-developer"), ("CTOs", "chief-technology-officer"),
    ("Intégratrices web", "web-integrator"), ("Chief Technical Officer", "chief-technology-officer"),
])
def test_role_names_link_to_the_lexicon(extractor, name, role):
    facts = run(extractor, f"Nous recrutons : {name}.", "fr")
    assert [m.role.id for m in facts.mentions] == [role]


def test_lowercase_acronym_lookalikes_are_not_roles(extractor):
    assert run(extractor, "Le dsi du fichier est po.", "fr").mentions == []


def test_ambiguous_acronym_resolved_by_the_documents_own_spelling(extractor):
    text = "# CTO\nThe chief digital officer (CDO) works with the CTO. The CDO owns the digital roadmap."
    roles = {m.role.id for m in run(extractor, text).mentions}
    assert "chief-digital-officer" in roles and "chief-data-officer" not in roles


@pytest.mark.parametrize("text, lang, label", [
    ("Our new Head of Platform joins in May.", "en", "Head of Platform"),
    ("We hired a Chief Revenue Officer last year.", "en", "Chief Revenue Officer"),
    ("Nous cherchons un Ingénieur QA pour l'équipe.", "fr", "QA Engineer"),  # French titles get English labels
    ("Elle est devenue responsable d'équipe technique.", "fr", "Technical Team Manager"),
])
def test_unknown_titles_become_flagged_candidates(extractor, text, lang, label):
    mentions = run(extractor, text, lang).mentions
    assert [(m.role.label, m.role.is_new) for m in mentions] == [(label, True)]


def test_capitalised_phrases_are_not_all_roles(extractor):
    text = "The Gender Scan Study and Apple Podcasts. Il est responsable de la conduite du changement."
    assert run(extractor, text, "en").mentions == []


@pytest.mark.parametrize("text, lang, expected", [
    ("# Data Analyst\n## Career\n- Data Scientist\n- Head of Data", "en",
     {("data-analyst", "data-scientist"), ("data-analyst", "head-of-data")}),
    ("# Lead dev\nIl faut démarrer en tant que développeur junior puis développeur senior.", "fr",
     {("junior-developer", "senior-developer"), ("senior-developer", "lead-developer")}),
    ("# DevOps\nThe ladder: Junior Developer > Senior Developer > Lead Developer / Tech Lead > CTO / VP Engineering",
     "en", {("junior-developer", "senior-developer"), ("senior-developer", "lead-developer"),
            ("senior-developer", "tech-lead"), ("lead-developer", "chief-technology-officer"),
            ("tech-lead", "vp-of-engineering")}),
    ("# Ingénieur DevOps\nAprès 5 ans, l'ingénieur DevOps peut évoluer vers architecte cloud.", "fr",
     {("devops-engineer", "cloud-architect")}),
    ("# SRE\nMany SREs start as a System Administrator.", "en",
     {("system-and-network-administrator", "site-reliability-engineer")}),
])
def test_transitions_keep_their_direction(extractor, text, lang, expected):
    assert {(t.source.id, t.target.id) for t in run(extractor, text, lang).transitions} == expected


def test_transition_conditions_are_kept(extractor):
    facts = run(extractor, "# Ingénieur DevOps\nAprès 5 ans en startup, l'ingénieur DevOps peut évoluer vers architecte cloud.", "fr")
    t = facts.transitions[0]
    assert (t.min_years, t.stage) == (5, "early-stage")


def test_skill_lists_split_and_link_across_languages(extractor):
    fr = run(extractor, "# CTO\n## Compétences\n- Empathie, prise de décision, leadership\n## Missions\n- Gestion du budget", "fr")
    en = run(extractor, "# CTO\n## Responsibilities\n- Manage the budget", "en")
    assert [s.skill.id for s in fr.skills] == ["empathy", "decision-making", "leadership"]
    assert [m.mission.id for m in fr.missions] == [m.mission.id for m in en.missions] == ["manage-the-budget"]


def test_unknown_items_are_kept_in_the_documents_words(extractor):
    facts = run(extractor, "# Data Engineer\n## Skills\n- Apache Flink tuning", "en")
    assert [(s.skill.label, s.skill.is_new) for s in facts.skills] == [("apache Flink tuning", True)]


def test_every_fact_has_evidence_inside_the_text(extractor, ):
    text = "# Product Manager\n## Missions\n- Prioritize the backlog\n## Salary\n55k€ to 70k€ per year.\n## Next\n- Head of Product"
    facts = run(extractor, text)
    for _kind, fact in facts.spans():
        assert 0 <= fact.span.start < fact.span.end <= len(text)
    assert text[facts.salaries[0].span.start:facts.salaries[0].span.end] == "55k€ to 70k€"


def _moves(facts):
    return {(t.source.id, t.target.id) for t in facts.transitions}


@pytest.mark.parametrize("text, lang, expected", [
    ("# Machine Learning Engineer\n## Career\nMost machine learning engineers were Data Scientists "
     "or Data Engineers before.", "en",
     {("data-scientist", "machine-learning-engineer"), ("data-engineer", "machine-learning-engineer")}),
    ("# Product Owner\n## Évolution\nBeaucoup de Product Owners ont d'abord été Business Analyst.", "fr",
     {("business-analyst", "product-owner")}),
    ("# Product Owner\n## Évolution\nBeaucoup de Product Owners étaient business analysts auparavant.", "fr",
     {("business-analyst", "product-owner")}),
])
def test_roles_held_before_are_origins_not_destinations(extractor, text, lang, expected):
    assert _moves(run(extractor, text, lang)) == expected


def test_a_wrapped_line_continues_its_sentence(extractor):
    text = ("Product Owner\n\nAprès quelques années, le Product Owner peut devenir Head of Product,\n"
            "puis Chief Product Officer (CPO).\n")
    facts = run(extractor, text, "fr", "po.txt")
    # the chain crosses the line break, and the abbreviation is the same role, not another step
    assert _moves(facts) == {("product-owner", "head-of-product"), ("head-of-product", "chief-product-officer")}


def test_a_skill_inside_a_role_title_is_not_a_skill_mention(extractor):
    facts = run(extractor, "# Machine Learning Engineer\n## Skills\n- Python\n\nA Machine Learning Engineer "
                           "earns well. Full-stack profiles are welcome.")
    spans = {(s.skill.id, s.span.start) for s in facts.skills}
    assert {sid for sid, _ in spans} >= {"python", "full-stack-development"}
    titles = [m.span for m in facts.mentions if m.role.id == "machine-learning-engineer"]
    assert titles and all(not (t.start <= start < t.end) for t in titles for _sid, start in spans)


def test_the_shipped_lemma_table_is_what_simplemma_gives_for_the_lexicon(tmp_path):
    """data/cues/lemmas.tsv saves the extractor a second of lemmatising: it must be exactly what
    simplemma says for the words of the shipped lexicon (rewrite it with python -m rolegraph.extract.lemmas)."""
    from rolegraph.extract import lemmas

    shipped = lemmas.TABLE.read_text(encoding="utf-8")
    if shipped.splitlines()[0] != f"# simplemma {lemmas._simplemma_version()}":
        pytest.skip("the table was made with another simplemma: it is not used, and is only slower")
    saved = dict(lemmas._CACHE)
    try:
        written = lemmas.write_table(tmp_path / "lemmas.tsv")
        assert written > 5000
        assert (tmp_path / "lemmas.tsv").read_text(encoding="utf-8") == shipped
    finally:
        lemmas._CACHE.clear()
        lemmas._CACHE.update(saved)


def test_lemmas_come_from_cached_tries_that_agree_with_simplemma():
    """The extractor reads simplemma's dictionaries as marisa tries (opened in milliseconds instead of
    decoded in every process): the lemmas must be those of simplemma's own dictionaries."""
    import simplemma

    from rolegraph.extract import lemmas

    lemmatize = lemmas._make_lemmatizer()
    assert lemmatize is not simplemma.lemmatize, "marisa-trie is a dependency: the trie factory must be used"
    words = ["conçoit", "démarré", "designs", "managed", "équipes", "développeuses", "ran", "pilotait",
             "stakeholders", "mises", "zzzqx", "analyses", "leading", "recrutés"]
    assert [lemmatize(w, lang=("fr", "en")) for w in words] == \
        [simplemma.lemmatize(w, lang=("fr", "en")) for w in words]
