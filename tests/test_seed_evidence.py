"""Curated evidence against the source documents (skipped when ../shared/seeds is absent)."""

from __future__ import annotations

import hashlib
import re

import pytest

from rolegraph.facts import load_facts
from rolegraph.text import content_words, fold

pytestmark = pytest.mark.seeds


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


def test_every_span_lies_in_its_document_and_states_a_word_of_its_fact(lexicon, seeds_dir):
    checked = 0
    for facts in load_facts(lexicon):
        path = seeds_dir / facts.document.name
        text = path.read_text(encoding="utf-8")
        assert hashlib.sha256(text.encode()).hexdigest() == facts.document.sha256, path
        assert len(text) == facts.document.chars
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
    assert checked > 200
