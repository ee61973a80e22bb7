"""Curated evidence against the documents it quotes: the shipped examples always, the seeds when
../shared/seeds is present."""

from __future__ import annotations

import hashlib
import re

import pytest

from rolegraph.knowledge.facts import facts_to_toml, load_facts, load_facts_file
from rolegraph.locations import data_dir
from rolegraph.sources import read_document
from rolegraph.text import content_words, fold

def _words_of(lexicon, kind, ref) -> set[str]:
    if ref.is_new:
        return set(content_words(ref.label))
    concept = lexicon.of_kind(kind)[ref.id]
    words = set()
    for name, _lang in concept.names():
        words |= set(content_words(name)) | {fold(name)}
    return words


def _fact_words(lexicon, kind, fact) -> set[str]:
    if kind == "salaries":
        figures = {str(int(fact.min))} | ({str(int(fact.max))} if fact.max else set())
        # "60 000", "60,000", "60k" and "70 et 90 000" all keep the leading digits
        return {f[:2] for f in figures}
    refs = {"mentions": [("role", fact.role)] if kind == "mentions" else [],
            "transitions": [("role", getattr(fact, "target", None)), ("role", getattr(fact, "source", None))],
            "skills": [("skill", getattr(fact, "skill", None))],
            "missions": [("mission", getattr(fact, "mission", None))],
            "collaborations": [("role", getattr(fact, "other", None))],
            "training": [("qualification", getattr(fact, "qualification", None))]}.get(kind)
    if refs is None:  # experience, stage profiles: numbers or company-size words
        return None
    words = set()
    for k, ref in refs:
        words |= _words_of(lexicon, k, ref)
    return words


def _check_spans(lexicon, facts, text) -> int:
    """Every span of one document's facts lies in its text and states a word of its fact."""
    assert hashlib.sha256(text.encode()).hexdigest() == facts.document.sha256, facts.document.name
    assert len(text) == facts.document.chars
    checked = 0
    for kind, fact in facts.spans():
        assert 0 <= fact.span.start < fact.span.end <= len(text)
        quote = text[fact.span.start:fact.span.end]
        words = _fact_words(lexicon, kind, fact)
        if words is None:
            assert re.search(r"\d|personnes|structure|groupe|team", quote), (kind, quote)
            continue
        folded = fold(quote)
        quote_words = set(folded.split()) | {folded}
        hit = words & quote_words or any(w in folded for w in words if len(w) > 3)
        if kind == "salaries":
            hit = any(w in re.sub(r"\D", "", quote) for w in words)
        assert hit, f"{facts.document.name} {kind} {fact}: {quote!r}"
        checked += 1
    return checked


@pytest.mark.seeds
def test_every_seed_span_lies_in_its_document_and_states_a_word_of_its_fact(lexicon, seeds_dir):
    seeds = [f for f in load_facts(lexicon) if (seeds_dir / f.document.name).exists()]
    assert len(seeds) == 5
    checked = sum(_check_spans(lexicon, f, read_document(seeds_dir / f.document.name).text) for f in seeds)
    assert checked > 200


def test_every_example_span_lies_in_its_document_and_states_a_word_of_its_fact(lexicon):
    examples = data_dir() / "examples"
    shipped = [f for f in load_facts(lexicon) if (examples / f.document.name).exists()]
    assert len(shipped) == len(list(examples.iterdir())) >= 6
    checked = sum(_check_spans(lexicon, f, read_document(examples / f.document.name).text) for f in shipped)
    assert checked > 150


def test_reviewed_facts_round_trip_through_the_toml_writer(lexicon, tmp_path):
    for facts in load_facts(lexicon):
        path = tmp_path / "f.toml"
        path.write_text(facts_to_toml(facts), encoding="utf-8")
        again = load_facts_file(path, lexicon)
        assert again.to_dict() == facts.to_dict(), facts.document.name
