"""Skills and missions: list items and prose lists, linked to lexicon concepts.

An item links to a concept when it is one of the concept's names (in either
language), contains one that covers most of it, or shares most of its lemmas
with one; so "Gestion du budget" and "manage the budget" land on the same
concept. Otherwise it becomes a new concept in the document's own wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import Lexicon
from ..model import MissionFact, Ref, SkillFact, Span
from ..text import STOPWORDS, fold
from .cues import Cues
from .structure import Analysis, Unit
from .tokens import Phrase, PhraseMatcher, norm_phrase, tokenize

__all__ = ["ConceptMatcher", "find_items"]

_EXTRA_STOP = STOPWORDS | {"ses", "son", "sa", "leur", "leurs", "its", "all", "tous", "toutes",
                           "other", "autres", "new", "nouveaux", "nouvelles", "etc", "ensure",
                           "veiller", "s", "d", "l", "qu", "y", "il", "elle", "they", "you",
                           "will", "must", "doit", "can", "peut"}


@lru_cache(maxsize=50_000)
def _lemma(word: str) -> str:
    import simplemma

    lemma = simplemma.lemmatize(word, lang=("fr", "en"))
    return fold(lemma)


def _lemmas(text: str) -> frozenset[str]:
    return frozenset(_lemma(w) for w in re.findall(r"[^\W\d_]+", text.lower())
                     if fold(w) not in _EXTRA_STOP and len(w) > 2)


@dataclass(slots=True)
class Match:
    concept: str | None  # lexicon id, or None for a new concept
    score: float


class ConceptMatcher:
    """Links item text to the skills or missions of the lexicon."""

    def __init__(self, lex: Lexicon, kind: str):
        self.kind = kind
        self.concepts = lex.of_kind(kind)
        self.exact: dict[tuple[str, ...], str] = {}
        phrases = []
        self.lemma_names: list[tuple[frozenset[str], str]] = []
        for c in self.concepts.values():
            for name, _lang in c.names():
                words = norm_phrase(name)
                self.exact.setdefault(words, c.id)
                phrases.append(Phrase(words, c.id))
                lem = _lemmas(name)
                if lem:
                    self.lemma_names.append((lem, c.id))
        self.gazetteer = PhraseMatcher(phrases)

    def match(self, text: str) -> Match:
        words = norm_phrase(text)
        if not words:
            return Match(None, 0.0)
        if words in self.exact:
            return Match(self.exact[words], 1.0)
        toks = tokenize(text)
        content = [w for w in words if w not in _EXTRA_STOP]
        best = None
        for i, j, p in self.gazetteer.find(toks, overlapping=True):
            covered = sum(1 for t in toks[i:j] if t.norm not in _EXTRA_STOP)
            share = covered / max(1, len(content))
            if share >= 0.6 and (best is None or share > best.score):
                best = Match(p.value, share)
        lem = _lemmas(text)
        if lem:
            for names, cid in self.lemma_names:
                inter = len(lem & names)
                if not inter:
                    continue
                score = inter / len(lem | names)
                if (inter >= 2 and score >= 0.5) or (len(lem) == 1 and lem == names):
                    if best is None or score > best.score:
                        best = Match(cid, score)
        return best or Match(None, 0.0)

    def mentions(self, an: Analysis, unit: Unit, min_words: int = 1):
        """Lexicon names found inside a unit: ``(concept id, start, end)``."""
        toks = an.unit_tokens(unit)
        for i, j, p in self.gazetteer.find(toks):
            if j - i >= min_words:
                yield p.value, toks[i].start, toks[j - 1].end


_SPLIT_SKILLS = re.compile(r"\s*(?:[,;]|\s&\s|\s(?:et|and|ou|or)\s)\s*", re.I)
_SPLIT_MISSIONS = re.compile(
    r"\s*(?:;|,\s*(?:as well as|ainsi que)|\s(?:as well as|ainsi que)\s|\s(?:and|&)\s(?=\w+ing\b)"
    r"|\s(?:et|&)\s(?=\w+(?:er|ir|re)\b))\s*", re.I)
_PAREN = re.compile(r"\([^)]*\)")


def _pieces(text: str, start: int, end: int, pattern: re.Pattern) -> list[tuple[int, int]]:
    """Split text[start:end] by ``pattern``, ignoring separators inside parentheses."""
    segment = text[start:end]
    masked = _PAREN.sub(lambda m: "x" * len(m.group()), segment)
    out, pos = [], 0
    for m in pattern.finditer(masked):
        out.append((start + pos, start + m.start()))
        pos = m.end()
    out.append((start + pos, end))
    return [_trim(text, s, e) for s, e in out if text[s:e].strip()]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not (text[e - 1].isalnum() or text[e - 1] == ")"):
        e -= 1
    lead = re.match(r"(?:and|et|or|ou|also|aussi|ou encore)\s+", text[s:e], re.I)
    if lead:
        s += lead.end()
    return s, e


def _label(text: str) -> str:
    label = " ".join(text.split()).strip(" .,;:-–")
    if label and not label[:2].isupper():
        label = label[0].lower() + label[1:]
    return label


def _after_list_cue(an: Analysis, unit: Unit, cues: Cues) -> int | None:
    toks = an.unit_tokens(unit)
    found = list(cues.list_cues.find(toks))
    colon = an.text.find(":", unit.start, unit.end)
    ends = [toks[j - 1].end for _i, j, _p in found]
    if colon >= 0:
        ends.append(colon + 1)
    return min(ends) if ends else None


def find_items(an: Analysis, subject: str | None, skills: ConceptMatcher,
               missions: ConceptMatcher, cues: Cues) -> tuple[list[SkillFact], list[MissionFact]]:
    """Skills and missions the document states for its subject role."""
    if subject is None:
        return [], []
    role = Ref(subject)
    lang = an.doc.language
    text = an.text
    found: dict[str, list] = {"skill": [], "mission": []}
    seen: set[tuple[str, str, int]] = set()

    def emit(kind: str, matcher: ConceptMatcher, s: int, e: int, require_match: bool) -> None:
        piece = text[s:e]
        words = len(piece.split())
        if not piece.strip() or words > 14:
            return
        m = matcher.match(piece)
        if m.concept:
            ref = Ref(m.concept)
        elif require_match or words < 1 or len(piece) < 3:
            return
        else:
            label = _label(piece)
            if not label or re.fullmatch(r"[\d\W]+", label):
                return
            ref = Ref(re.sub(r"[^a-z0-9]+", "-", fold(label)).strip("-"), label, lang)
        key = (kind, ref.id, s)
        if key not in seen:
            seen.add(key)
            found[kind].append((ref, Span(s, e), min(1.0, 0.5 + m.score / 2) if m.concept else 0.5))

    for unit in an.units:
        if unit.kind == "heading":
            continue
        in_skills = "skills" in unit.sections
        in_missions = "missions" in unit.sections
        words = len(text[unit.start:unit.end].split())
        if unit.kind == "item" and words <= 16 and (in_skills or in_missions):
            body_start = unit.start
            head, sep, _ = text[unit.start:unit.end].partition(":")
            if sep and len(head.split()) <= 4 and in_missions:
                body_start = unit.start + len(head) + 1
            if in_skills:
                for s, e in _pieces(text, body_start, unit.end, _SPLIT_SKILLS):
                    emit("skill", skills, s, e, require_match=False)
            else:
                for s, e in _pieces(text, body_start, unit.end, _SPLIT_MISSIONS):
                    emit("mission", missions, s, e, require_match=False)
            continue
        if in_skills or in_missions:
            cue_end = _after_list_cue(an, unit, cues)
            kind, matcher = ("skill", skills) if in_skills else ("mission", missions)
            if cue_end is not None:
                for s, e in _pieces(text, cue_end, unit.end, _SPLIT_SKILLS):
                    emit(kind, matcher, s, e, require_match=False)
            else:
                for cid, s, e in matcher.mentions(an, unit):
                    emit(kind, matcher, s, e, require_match=True)
        # anywhere: multi-word skill names ("risk management", "veille technologique")
        if not in_missions:
            for cid, s, e in skills.mentions(an, unit, min_words=2 if not in_skills else 1):
                emit("skill", skills, s, e, require_match=True)
    skill_facts = [SkillFact(role, ref, span, conf) for ref, span, conf in found["skill"]]
    mission_facts = [MissionFact(role, ref, span, conf) for ref, span, conf in found["mission"]]
    return skill_facts, mission_facts
