"""Extraction results as JSON: the format ../shared/eval/score.py reads, plus IRIs and evidence."""

from __future__ import annotations

import re

from ..graph.iris import concept_iri
from ..knowledge.lexicon import Lexicon
from . import Extraction

__all__ = ["to_json"]


def _evidence(ex: Extraction, span) -> dict:
    return {"start": span.start, "end": span.end, "quote": ex.doc.text[span.start:span.end]}


def _concept(lex: Lexicon, kind: str, ref) -> dict:
    if ref.is_new:
        item = {"label": ref.label, "iri": str(concept_iri(kind, ref.id)), "new": True, "lang": ref.lang}
        if ref.lang == "fr":
            item["no_english_label"] = True  # French wording no concept or glossary could put in English
        return item
    c = lex.of_kind(kind)[ref.id]
    label = c.en
    if kind != "role":  # "Jenkins (tools for software configuration management)": the name, not the gloss
        label = re.sub(r"\s*\([^)]*\)$", "", label) or label
    return {"label": label, "label_fr": c.fr, "iri": str(concept_iri(kind, c.id)),
            "aliases": [n for n, _l in c.names() if n != c.en]}


def _named_as_written(entry: dict, lex: Lexicon, kind: str, ref, quote: str) -> None:
    """A product named by one of its concept's names keeps that name ("Docker" for the concept "containers");
    the concept's own label stays under "concept"."""
    if ref.is_new:
        return
    quote = " ".join(quote.split())
    if not quote[:1].isupper() or len(quote.split()) > 3 or quote == entry["label"]:
        return
    names = {n.lower() for n, _l in lex.of_kind(kind)[ref.id].names()}
    if quote.lower() in names:
        entry["concept"] = entry["label"]
        entry["label"] = quote


def to_json(ex: Extraction, lex: Lexicon) -> dict:
    """One document's facts: roles, skills, missions, transitions and salaries.

    Each item appears once, with every span that states it under "evidence".
    """
    f = ex.facts
    roles: dict[str, dict] = {}
    for m in f.mentions:
        item = roles.setdefault(m.role.id, {**_concept(lex, "role", m.role), "evidence": [],
                                            "candidate": m.role.is_new})
        item["evidence"].append(_evidence(ex, m.span))
        if m.role.is_new:  # the ways the text writes a new role are its aliases
            written = " ".join(ex.doc.text[m.span.start:m.span.end].split())
            if written.lower() != item["label"].lower() and "/" not in written and len(written.split()) <= 8:
                aliases = item.setdefault("aliases", [])
                if written not in aliases:
                    aliases.append(written)
    out_roles = list(roles.values())

    def label(ref):
        return ref.label if ref.is_new else lex.roles[ref.id].en

    grouped: dict[tuple, dict] = {}
    for t in f.transitions:
        key = (t.source.id, t.target.id)
        item = grouped.setdefault(key, {
            "from": label(t.source), "to": label(t.target),
            "from_iri": str(concept_iri("role", t.source.id)),
            "to_iri": str(concept_iri("role", t.target.id)),
            "conditions": [], "evidence": []})
        item["evidence"].append(_evidence(ex, t.span))
        if t.condition and t.condition not in item["conditions"]:
            item["conditions"].append(t.condition)
    salaries = [{
        "role": label(s.role), "role_iri": str(concept_iri("role", s.role.id)),
        "min": s.min, "max": s.max, "currency": s.currency, "period": s.period,
        "basis": s.basis, "qualifier": s.qualifier, "min_years": s.min_years,
        "max_years": s.max_years, "seniority": s.seniority, "location": s.location,
        "evidence": [_evidence(ex, s.span)]} for s in f.salaries]
    items = {}
    for kind, facts, attr in (("skill", f.skills, "skill"), ("mission", f.missions, "mission")):
        merged: dict[str, dict] = {}
        for fact in facts:
            ref = getattr(fact, attr)
            entry = merged.get(ref.id)
            if entry is None:
                entry = merged[ref.id] = {**_concept(lex, kind, ref), "evidence": []}
                _named_as_written(entry, lex, kind, ref, ex.doc.text[fact.span.start:fact.span.end])
            entry["evidence"].append(_evidence(ex, fact.span))
        items[kind] = list(merged.values())
    subject = ex.subject
    main = None if subject is None else subject.label if subject.is_new else lex.roles[subject.id].en
    return {"doc": ex.doc.name, "language": ex.doc.language, "main_role": main,
            "roles": out_roles, "skills": items["skill"], "missions": items["mission"],
            "transitions": list(grouped.values()), "salaries": salaries}
