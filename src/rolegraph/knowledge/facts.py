"""Curated facts: what the source documents state, read from ``data/facts/*.toml``.

Each file describes one document (name, SHA-256 of its text, language) and the
facts it states, each with ``at = [start, end]`` character offsets. Facts are
worded in rolegraph's own words; the documents' sentences are never stored.
A role, skill, mission or training path that is not in the lexicon, written
as a label rather than an id, becomes a new concept (a candidate role for
roles) labelled in English, unless ``[document] labels_lang`` (or an entry's
``lang``) says otherwise.

:func:`facts_to_toml` writes the same format, so extracted facts can be
reviewed by hand and shipped as curated ones (``rolegraph extract --facts``).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import DataFileError
from ..locations import data_dir
from ..text import slugify
from .lexicon import Lexicon, read_toml
from .model import (
    PERIODS, Collaboration, Document, DocumentFacts, ExperienceFact, MissionFact, Ref,
    RoleMention, Salary, SkillFact, Span, StageProfile, TrainingFact, Transition,
)

__all__ = ["load_facts", "load_facts_file", "facts_to_toml"]

_SHA = re.compile(r"^[0-9a-f]{64}$")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TABLES = {"document", "mention", "transition", "salary", "skill", "mission",
           "collaboration", "experience", "training", "stage_profile"}


class _Reader:
    """Reads one facts file, turning every problem into a DataFileError."""

    def __init__(self, path: Path, lex: Lexicon):
        self.path, self.lex = path, lex

    def fail(self, problem: str, where: str | None = None):
        raise DataFileError(self.path, problem, where)

    def span(self, entry: dict, where: str, chars: int) -> Span:
        at = entry.get("at")
        if not (isinstance(at, list) and len(at) == 2 and all(isinstance(x, int) for x in at)):
            self.fail("needs at = [start, end] with two integers", where)
        if not 0 <= at[0] < at[1] <= chars:
            self.fail(f"span {at} is not inside the document (0..{chars})", where)
        return Span(at[0], at[1])

    def ref(self, kind: str, value, where: str, lang: str) -> Ref:
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{kind}' must be a non-empty string", where)
        known = self.lex.of_kind(kind)
        if value in known:
            return Ref(value)
        if kind == "role" and _ID.fullmatch(value):
            # An id the lexicon lacks is a typo until proven otherwise; a title
            # written out ("FinOps Practitioner") is a new, candidate role.
            from rapidfuzz import process

            close = [m for m, _score, _i in process.extract(value, list(known), limit=3, score_cutoff=75)]
            hint = f"; did you mean {', '.join(close)}?" if close else \
                "; write the title out (e.g. \"FinOps Practitioner\") for a role the lexicon lacks"
            self.fail(f"role '{value}' is not in the lexicon{hint}", where)
        # A concept the lexicon lacks. Curated facts word it in English (our own
        # words, not the document's); an entry may say otherwise with `lang`.
        return Ref(slugify(value), label=value, lang=lang)

    def number(self, entry: dict, key: str, where: str, required: bool = False):
        value = entry.get(key)
        if value is None:
            if required:
                self.fail(f"missing '{key}'", where)
            return None
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            self.fail(f"'{key}' must be a non-negative number", where)
        return value

    def read(self) -> DocumentFacts:
        raw = read_toml(self.path)
        unknown = set(raw) - _TABLES
        if unknown:
            self.fail(f"unknown table(s) {sorted(unknown)}; expected {sorted(_TABLES)}")
        d = raw.get("document")
        if not isinstance(d, dict):
            self.fail("missing [document] table")
        for key in ("name", "sha256", "language"):
            if not isinstance(d.get(key), str):
                self.fail(f"missing '{key}'", "[document]")
        if not _SHA.match(d["sha256"]):
            self.fail("sha256 must be 64 lowercase hex digits", "[document]")
        if not isinstance(d.get("chars"), int) or d["chars"] <= 0:
            self.fail("chars must be a positive integer", "[document]")
        about = d.get("about")
        if about is not None and about not in self.lex.roles:
            self.fail(f"role '{about}' is not in the lexicon", "[document] about")
        doc = Document(d["name"], d["sha256"], d["chars"], d["language"], d.get("title"),
                       about, d.get("url"))
        facts = DocumentFacts(doc)
        lang, chars = d.get("labels_lang", "en"), doc.chars

        def role_of(entry, where, key="role"):
            value = entry.get(key, about)
            if value is None:
                self.fail(f"missing '{key}' and the document has no 'about' role", where)
            return self.ref("role", value, where, lang)

        for i, e in enumerate(raw.get("mention", [])):
            w = f"mention #{i + 1}"
            facts.mentions.append(RoleMention(role_of(e, w), self.span(e, w, chars)))
        for i, e in enumerate(raw.get("transition", [])):
            w = f"transition #{i + 1}"
            stage = e.get("stage")
            if stage is not None and stage not in self.lex.stages:
                self.fail(f"stage '{stage}' is not declared in schemes.toml", w)
            facts.transitions.append(Transition(
                role_of(e, w, "from"), role_of(e, w, "to"), self.span(e, w, chars),
                self.number(e, "min_years", w), self.number(e, "max_years", w), stage,
                e.get("condition")))
        for i, e in enumerate(raw.get("salary", [])):
            w = f"salary #{i + 1}"
            lo = self.number(e, "min", w)
            hi = self.number(e, "max", w)
            if lo is None and hi is None:
                self.fail("needs 'min', 'max' or both", w)
            if hi is not None and lo is not None and hi < lo:
                self.fail(f"min {lo} is greater than max {hi}", w)
            currency, period = e.get("currency"), e.get("period", "year")
            if not (isinstance(currency, str) and re.fullmatch(r"[A-Z]{3}", currency)):
                self.fail("currency must be an ISO 4217 code such as EUR", w)
            if period not in PERIODS:
                self.fail(f"period must be one of {', '.join(PERIODS)}", w)
            level = e.get("seniority")
            if level is not None and level not in self.lex.levels:
                self.fail(f"seniority '{level}' is not declared in schemes.toml", w)
            facts.salaries.append(Salary(
                role_of(e, w), lo, hi, currency, period, self.span(e, w, chars),
                e.get("basis"), self.number(e, "min_years", w), self.number(e, "max_years", w),
                level, e.get("location"), e.get("qualifier")))
        for kind, cls, key in (("skill", SkillFact, "skill"), ("mission", MissionFact, "mission")):
            for i, e in enumerate(raw.get(kind, [])):
                w = f"{kind} #{i + 1}"
                facts_list = facts.skills if kind == "skill" else facts.missions
                facts_list.append(cls(role_of(e, w), self.ref(kind, e.get(key), w, e.get("lang", lang)),
                                      self.span(e, w, chars)))
        for i, e in enumerate(raw.get("collaboration", [])):
            w = f"collaboration #{i + 1}"
            facts.collaborations.append(Collaboration(
                role_of(e, w), role_of(e, w, "with"), self.span(e, w, chars), e.get("note")))
        for i, e in enumerate(raw.get("experience", [])):
            w = f"experience #{i + 1}"
            facts.experience.append(ExperienceFact(
                role_of(e, w), self.span(e, w, chars), self.number(e, "min_years", w),
                self.number(e, "max_years", w), e.get("note")))
        for i, e in enumerate(raw.get("training", [])):
            w = f"training #{i + 1}"
            facts.training.append(TrainingFact(
                role_of(e, w), self.ref("qualification", e.get("qualification"), w, e.get("lang", lang)),
                self.span(e, w, chars)))
        for i, e in enumerate(raw.get("stage_profile", [])):
            w = f"stage_profile #{i + 1}"
            if e.get("stage") not in self.lex.stages:
                self.fail(f"stage '{e.get('stage')}' is not declared in schemes.toml", w)
            facts.stages.append(StageProfile(role_of(e, w), e["stage"], self.span(e, w, chars),
                                             e.get("note")))
        return facts


def load_facts_file(path: Path | str, lex: Lexicon) -> DocumentFacts:
    """Read one curated facts file; raises DataFileError naming the entry at fault."""
    return _Reader(Path(path), lex).read()


def load_facts(lex: Lexicon, folder: Path | str | None = None) -> list[DocumentFacts]:
    """Read every ``*.toml`` in ``folder`` (default: the shipped ``data/facts``), sorted by name."""
    folder = Path(folder) if folder else data_dir() / "facts"
    return [load_facts_file(p, lex) for p in sorted(folder.glob("*.toml"))]


# --- writing -------------------------------------------------------------------

# (table name, DocumentFacts list, [(toml key, attribute)]) in the order files list them.
_LAYOUT = (
    ("mention", "mentions", [("role", "role")]),
    ("transition", "transitions", [("from", "source"), ("to", "target"), ("min_years", "min_years"),
                                   ("max_years", "max_years"), ("stage", "stage"),
                                   ("condition", "condition")]),
    ("salary", "salaries", [("role", "role"), ("min", "min"), ("max", "max"), ("currency", "currency"),
                            ("period", "period"), ("basis", "basis"), ("min_years", "min_years"),
                            ("max_years", "max_years"), ("seniority", "seniority"),
                            ("location", "location"), ("qualifier", "qualifier")]),
    ("skill", "skills", [("role", "role"), ("skill", "skill")]),
    ("mission", "missions", [("role", "role"), ("mission", "mission")]),
    ("collaboration", "collaborations", [("role", "role"), ("with", "other"), ("note", "note")]),
    ("experience", "experience", [("role", "role"), ("min_years", "min_years"),
                                  ("max_years", "max_years"), ("note", "note")]),
    ("training", "training", [("role", "role"), ("qualification", "qualification")]),
    ("stage_profile", "stages", [("role", "role"), ("stage", "stage"), ("note", "note")]),
)


def facts_to_toml(facts: DocumentFacts, text: str | None = None) -> str:
    """One document's facts in the curated format that :func:`load_facts_file` reads.

    Meant for review: extract a document, check and edit the file, then put it
    in ``data/facts/``. With the document's ``text``, each entry is preceded by a
    comment quoting its span, to make checking quick; delete those comments
    before shipping a file about a document whose wording is not yours.
    Roles the lexicon lacks are listed at the top: add them to the lexicon or
    drop their entries, as curated files only name known roles.
    """
    import tomli_w

    d = facts.document
    labels_lang = d.language
    head = {k: v for k, v in (("name", d.name), ("sha256", d.sha256), ("chars", d.chars),
                              ("language", d.language), ("labels_lang", labels_lang),
                              ("title", d.title), ("about", d.about), ("url", d.url)) if v is not None}
    parts = ["# Facts stated by one source document, for review.\n"
             "# Offsets are character positions in the decoded text (end exclusive).\n"]
    candidates = sorted({r.label for _, f in facts.spans() for r in _role_refs(f) if r.is_new})
    if candidates:
        parts.append("# Roles not in the lexicon (add them or drop their entries): "
                     + ", ".join(candidates) + "\n")
    parts.append("\n" + tomli_w.dumps({"document": head}))
    for table, attr, keys in _LAYOUT:
        for fact in getattr(facts, attr):
            entry, extra_lang = {}, None
            for key, name in keys:
                value = getattr(fact, name)
                if value is None:
                    continue
                if isinstance(value, Ref):
                    if value.is_new and value.lang and value.lang != labels_lang:
                        extra_lang = value.lang
                    value = value.label if value.is_new else value.id
                elif isinstance(value, float) and value.is_integer():
                    value = int(value)
                entry[key] = value
            if extra_lang:
                entry["lang"] = extra_lang
            quote = ""
            if text is not None:
                said = " ".join(text[fact.span.start:fact.span.end].split())
                quote = f"# {said[:200]}\n"
            # One key per line, offsets on one line: tomli-w would inline short
            # tables and spread arrays over lines, both harder to review.
            lines = "".join(tomli_w.dumps({key: value}) for key, value in entry.items())
            parts.append(f"\n{quote}[[{table}]]\n{lines}at = [{fact.span.start}, {fact.span.end}]\n")
    return "".join(parts)


def _role_refs(fact) -> list[Ref]:
    """The roles a fact names (every Ref field except skills, missions and qualifications)."""
    return [r for n in ("role", "source", "target", "other") if isinstance(r := getattr(fact, n, None), Ref)]
