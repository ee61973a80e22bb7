"""Skills and missions: list items and prose lists, linked to lexicon concepts.

An item links to a concept when it is one of the concept's names (in either
language), contains one that covers most of it, or shares most of its lemmas
with one; so "Gestion du budget" and "manage the budget" land on the same
concept. Otherwise it becomes a new concept in the document's own wording.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass

from ..knowledge.lexicon import Lexicon
from ..knowledge.model import MissionFact, Ref, SkillFact, Span
from ..text import STOPWORDS, fold
from .cues import Cues
from .lemmas import lemma as _lemma
from .lemmas import lemma_norms
from .structure import Analysis, ByStart, Unit, classify_heading
from .tokens import Phrase, PhraseMatcher, norm_phrase, tokenize

__all__ = ["ConceptMatcher", "find_items"]

_EXTRA_STOP = STOPWORDS | {"ses", "son", "sa", "leur", "leurs", "its", "all", "tous", "toutes",
                           "other", "autres", "new", "nouveaux", "nouvelles", "etc", "ensure",
                           "veiller", "s", "d", "l", "qu", "y", "il", "elle", "they", "you",
                           "will", "must", "doit", "can", "peut"}


_LETTERS = re.compile(r"[^\W\d_]+")
_CONTENT: dict[str, str] = {}  # word -> its lemma, or _SKIP for a stopword or a short word
_SKIP = "\x00"


def _lemmas(text: str) -> frozenset[str]:
    """The lemmas of the content words of ``text`` (each word's verdict remembered)."""
    out = set()
    for w in _LETTERS.findall(text.lower()):
        found = _CONTENT.get(w)
        if found is None:
            if len(_CONTENT) > 200_000:  # hostile text of endless distinct words
                _CONTENT.clear()
            found = _CONTENT[w] = _SKIP if len(w) <= 2 or fold(w) in _EXTRA_STOP else _lemma(w)
        if found is not _SKIP:
            out.add(found)
    return frozenset(out)


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
        names = [(name, c.id) for c in self.concepts.values() for name, _lang in c.names()]
        for name, cid in names:
            words = norm_phrase(name)
            if len(words) == 1 and len(words[0]) <= 2 and name.lower() != words[0]:
                continue  # "C#" and "C++" are not "C"
            self.exact.setdefault(words, cid)
            phrases.append(Phrase(words, cid))
            lem = _lemmas(name)
            if lem:
                self.lemma_names.append((lem, cid))
        # lemma -> indexes into lemma_names, so an item is compared only with names it may match.
        # A prefix filter: two sets with a Jaccard index of at least 1/2 share one of the rarest
        # len - ceil(len / 2) + 1 words of each, so each name is indexed under those only, and an
        # item looks up its own rarest words (common words like "data" would bring thousands).
        frequency: Counter = Counter(w for lem, _cid in self.lemma_names for w in lem)
        self._rank = {w: (n, w) for w, n in frequency.items()}
        self.lemma_index: dict[str, list[int]] = {}
        for k, (lem, _cid) in enumerate(self.lemma_names):
            for w in self._prefix(lem, self._rank.__getitem__):  # every word of a name is ranked
                self.lemma_index.setdefault(w, []).append(k)
        self.gazetteer = PhraseMatcher(phrases)
        self.lemma_gazetteer = PhraseMatcher(Phrase(tuple(map(_lemma, p.words)), p.value) for p in phrases)
        firsts = {n.split(None, 1)[0] for n, _cid in names if n.split()}
        self.heads = {fold(w) for w in firsts} | {_lemma(w.lower()) for w in firsts}

    def _prefix(self, lemmas: frozenset[str], rank=None) -> list[str]:
        """The rarest words of a set of lemmas, enough that a set sharing half of them shares one."""
        ordered = sorted(lemmas, key=rank or (lambda w: self._rank.get(w, (0, w))))
        return ordered[:len(ordered) - math.ceil(len(ordered) * _MIN_JACCARD) + 1]

    def match(self, text: str, whole: bool = False) -> Match:
        """The concept an item names, trying the whole item, then (unless ``whole``) its first clause."""
        text = _PAREN.sub(" ", text)
        best = self._match(text)
        if best.concept is None and not whole:
            head = _head_clause(text)
            if head != text:
                best = self._match(head)
        return best

    def _match(self, text: str) -> Match:
        toks = tokenize(text)
        words = tuple(t.norm for t in toks)
        if not words:
            return Match(None, 0.0)
        if words in self.exact:
            return Match(self.exact[words], 1.0)
        stripped = tuple(w for w in words if w not in _DETERMINER_WORDS)
        if stripped in self.exact:
            return Match(self.exact[stripped], 1.0)
        content = [w for w in words if w not in _EXTRA_STOP]
        best = None
        for i, j, p in self.gazetteer.find(toks, overlapping=True):
            covered = sum(1 for t in toks[i:j] if t.norm not in _EXTRA_STOP)
            share = covered / max(1, len(content))
            if share >= 0.6 and (best is None or share > best.score):
                best = Match(p.value, share)
        lem = _lemmas(text) if best is None or best.score < 1.0 else None
        if lem:
            candidates = sorted({k for w in self._prefix(lem) for k in self.lemma_index.get(w, ())})
            for k in candidates:
                names, cid = self.lemma_names[k]
                inter = len(lem & names)
                score = inter / len(lem | names)
                if (inter >= 2 and score >= _MIN_JACCARD and inter >= 0.6 * len(names)) or \
                        (len(lem) == 1 and lem == names):
                    if best is None or score > best.score:
                        best = Match(cid, score)
        return best or Match(None, 0.0)

    def is_head(self, text: str) -> bool:
        """Does a new mission start like one (a verb or an action noun)?"""
        first = re.findall(r"[^\W\d_]+", text.lower())[:1]
        if not first:
            return False
        w = fold(first[0])
        return w in self.heads or _lemma(first[0]) in self.heads or w.endswith(_ACTION_ENDINGS)

    def mentions(self, an: Analysis, unit: Unit, min_words: int = 1):
        """Lexicon names found inside a unit, by word or by lemma: ``(id, start, end)``."""
        toks = an.unit_tokens(unit)
        lemmas = lemma_norms(an)[unit.first:unit.last]
        seen = set()
        for matcher, norms in ((self.gazetteer, None), (self.lemma_gazetteer, lemmas)):
            for i, j, p in matcher.find(toks, norms=norms):
                content = sum(1 for t in toks[i:j] if t.norm not in _EXTRA_STOP)
                if content == 1 and self.concepts[p.value].source != "lexicon" and not any(
                        c.isupper() for c in toks[i].text):
                    continue  # a common word a taxonomy uses as a name ("logic", "statistics"): not a mention
                if content >= min_words and (i, p.value) not in seen:
                    seen.add((i, p.value))
                    yield p.value, toks[i].start, toks[j - 1].end


_MIN_JACCARD = 0.5  # an item links to a name sharing at least half of their words' lemmas
_DETERMINER_WORDS = {"le", "la", "les", "l", "un", "une", "des", "du", "the", "a", "an", "son", "sa",
                     "ses", "their", "its", "his", "her"}
_PREPOSITIONS = {"a", "de", "en", "in", "on", "at", "of", "to", "with", "avec", "pour", "for", "du",
                 "des", "le", "la", "les", "l", "d", "par", "by", "sur"}
_ACTION_ENDINGS = ("ing", "ate", "ize", "ise", "ify", "er", "ir", "re", "ion", "ment", "age", "ure")
_HEAD_CUT = re.compile(r",|\s\(|\s(?:which|that|in order to|to help|so that|particularly|including|"
                       r"afin de|afin d|pour|qui|dont)\s", re.I)


def _head_clause(text: str) -> str:
    """The item up to its first comma or subordinate clause, when that leaves two words."""
    m = _HEAD_CUT.search(text)
    if m and len(text[:m.start()].split()) >= 2:
        return text[:m.start()]
    return text


_SPLIT_SKILLS = re.compile(r"\s*(?:[,;]|\s&\s|\s(?:et|and|ou|or)\s)\s*", re.I)
_SPLIT_MISSIONS = re.compile(
    r"\s*(?:;|\.\s|,\s*(?:as well as|ainsi que)|\s(?:as well as|ainsi que)\s|,?\s(?:and|&)\s(?=\w+ing\s+\w)"
    r"|,?\s(?:et|&)\s(?=\w+(?:er|ir|re)\s+\w))\s*", re.I)
_PAREN = re.compile(r"\([^)]*\)")


def _pieces(text: str, start: int, end: int, pattern: re.Pattern) -> list[tuple[int, int]]:
    """Split text[start:end] by ``pattern``, ignoring separators inside parentheses.

    A piece of one word is joined to the next one ("Recruter & structurer son
    équipe" is one mission: both verbs share the object).
    """
    segment = text[start:end]
    masked = _PAREN.sub(lambda m: "x" * len(m.group()), segment)
    out, pos = [], 0
    for m in pattern.finditer(masked):
        if len(segment[pos:m.start()].split()) >= 2 or pattern is _SPLIT_SKILLS:
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
    if ends:
        return min(ends)
    return colon + 1 if colon >= 0 else None


_TAG_RUN = re.compile(r"(?<=[a-z+#)])(?=[A-Z0-9])")


def _tags(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """A run of tags written without separators ("C++C#UnityUnreal Engine3D Math"), cut where a capital
    follows a small letter or a symbol; None when the text is not such a run."""
    segment = text[start:end]
    if "," in segment or len(segment) < 20 or len(segment.split()) > 3 * segment.count(" ") + 3:
        return None
    cuts = [m.start() for m in _TAG_RUN.finditer(segment)]
    words = segment.split()
    glued = sum(1 for w in words if _TAG_RUN.search(w))
    if glued < 3 or glued < len(words) / 3:
        return None
    bounds = [0] + cuts + [len(segment)]
    return [(start + a, start + b) for a, b in zip(bounds, bounds[1:]) if segment[a:b].strip()]


def _short_list(text: str, pieces: list[tuple[int, int]]) -> bool:
    """Pieces that are names, not sentences: "Rust, Kubernetes, Controller-Runtime"."""
    return len(pieces) >= 2 and all(len(text[s:e].split()) <= 4 for s, e in pieces)


class _Emitter:
    """Collects skills and missions for one document, each linked to the lexicon or kept as a new concept."""

    def __init__(self, an: Analysis, skills: "ConceptMatcher", missions: "ConceptMatcher", role_spans, english):
        self.an, self.text = an, an.text
        self.matchers = {"skill": skills, "mission": missions}
        self.role_spans = sorted(role_spans)
        self._role_starts = [a for a, _b in self.role_spans]
        self.english = english if an.doc.language == "fr" else None
        self.found: dict[str, list] = {"skill": [], "mission": []}
        self.seen: set[tuple[str, str]] = set()
        self.spans: set[tuple[str, int]] = set()

    def _inside_role(self, s: int, e: int) -> bool:
        return _inside_role_span(self.role_spans, self._role_starts, s, e)

    def __call__(self, kind: str, s: int, e: int, require_match: bool, whole: bool = False,
                 concept: str | None = None) -> bool:
        """Keep the item at ``[s, e)``; ``concept``: the lexicon concept already found there (a mention)."""
        if require_match and self._inside_role(s, e):
            return False
        text = self.text
        piece = text[s:e]
        if not piece.strip() or len(piece.split()) > 40 or (kind, s) in self.spans:
            return False
        matcher = self.matchers[kind]
        m = Match(concept, 1.0) if concept else matcher.match(piece, whole)
        if m.concept and (not whole or m.score >= 0.85):
            ref = Ref(m.concept)
        else:
            raw = piece if whole else _head_clause(_PAREN.sub(" ", piece))
            label = _label(raw)
            words = len(label.split())
            if require_match or len(label) < 2 or words > (25 if whole else 12):
                return False
            if kind == "mission" and not whole and not matcher.is_head(label):
                return False
            if kind == "skill" and (words > (12 if whole else 6) or fold(label).split()[0] in _PREPOSITIONS):
                return False
            if not label or re.fullmatch(r"[\d\W]+", label):
                return False
            lang = self.an.doc.language
            if self.english is not None:
                english, known = self.english.gloss(label)
                if english and known >= 0.5:
                    label, lang = english, "en"
            ref = Ref(re.sub(r"[^a-z0-9]+", "-", fold(label)).strip("-")[:80], label, lang)
        if (kind, ref.id) in self.seen:
            return True
        self.seen.add((kind, ref.id))
        self.spans.add((kind, s))
        self.found[kind].append((ref, Span(s, e), min(1.0, 0.5 + m.score / 2) if m.concept else 0.5))
        return True


_ENUM_END = re.compile(r"[.;:!?]|\s(?:afin|pour|to|in order|so that|which|that|qui|que|is|are|est|sont)\s", re.I)
_QUALIFIERS = re.compile(r"^(?:(?:a|an|une?|des|de|du|la|le|les|strong|solid|good|great|excellent|deep|bonne|"
                         r"solide|parfaite|excellente|along with|avec|also|aussi)\s+)+", re.I)
_SKILLS_WORD = re.compile(r"\s+(?:skills?|compétences?|knowledge|connaissances?)$", re.I)


def _enumerations(an: Analysis, unit: Unit, cues: Cues) -> list[tuple[int, int]]:
    """The items listed after a skill lead in running text, each cut from the list."""
    toks = an.unit_tokens(unit)
    text = an.text
    out = []
    for matcher in (cues.skill_leads, cues.quality_leads):
        for _i, j, _p in matcher.find(toks):
            if j >= len(toks):
                continue
            start = toks[j].start
            m = _ENUM_END.search(text, start, unit.end)
            end = m.start() if m else unit.end
            pieces = _pieces(text, start, end, _SPLIT_SKILLS)
            if len(pieces) > 8:
                continue
            for s, e in pieces:
                q = _QUALIFIERS.match(text, s, e)
                s = q.end() if q else s
                w = _SKILLS_WORD.search(text[s:e])
                e = s + w.start() if w else e
                if 1 <= len(text[s:e].split()) <= 6:
                    out.append((s, e))
    return out


def _speaks_of_skills(an: Analysis, unit: Unit, cues: Cues) -> bool:
    toks = an.unit_tokens(unit)
    return any(True for _ in cues.skill_leads.find(toks)) or any(t.norm in _SKILL_WORDS for t in toks)


# Words of a sentence about what a role knows or uses: the known skills and tools it names are the role's
# ("technologies such as Spark", "des outils comme Jira").
_SKILL_WORDS = {"skill", "competence", "proficiency", "expertise", "mastery", "maitrise", "technology",
                "technologie", "tool", "outil", "language", "langage", "framework", "stack"}


def _inside_role_span(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """Whether ``[s, e)`` lies inside one of ``spans`` (sorted; role names are short, so look a few back)."""
    k = bisect.bisect_right(starts, s)
    return any(spans[n][0] <= s and e <= spans[n][1] for n in range(max(0, k - 8), k))


def _item_kinds(an: Analysis, duties) -> dict[int, str]:
    """Kinds of list items whose section says nothing, from how the list's items start."""
    out: dict[int, str] = {}
    run: list[int] = []

    def close() -> None:
        if run:
            units = [an.units[k] for k in run]
            kind = duties.list_kind(an, units)
            if kind:
                for k in run:
                    out[k] = kind
        run.clear()

    for k, u in enumerate(an.units):
        if u.kind == "item" and not (u.sections & {"skills", "missions"}):
            if run and an.units[run[-1]].block + 1 != u.block:
                close()
            run.append(k)
        elif u.kind != "item":
            close()
    close()
    return out


def _by_token(hits) -> dict:
    """Token index -> the first of ``hits`` (role mentions) starting at that token."""
    found: dict = {}
    for h in hits:
        found.setdefault(h.i, h)
    return found


def find_items(an: Analysis, subject: Ref | None, skills: ConceptMatcher,
               missions: ConceptMatcher, cues: Cues,
               role_spans=(), duties=None, english=None, subject_hits=(), all_hits=()
               ) -> tuple[list[SkillFact], list[MissionFact]]:
    """Skills and missions the document states for its subject role.

    ``role_spans`` are the (start, end) of the role names found: a skill's name
    inside a role's ("machine learning" in "Machine Learning Engineer") is not
    a mention of the skill. ``duties`` reads lists and prose by their wording
    (see :mod:`~rolegraph.extract.duties`); ``english`` glosses French items
    the lexicon lacks; ``subject_hits`` are the mentions of the subject role.
    """
    if subject is None:
        return [], []
    text = an.text
    emit = _Emitter(an, skills, missions, role_spans, english)
    inferred = _item_kinds(an, duties) if duties else {}
    recent_subject = -10  # the last unit index naming the subject: pronouns after it refer to it
    subjects = ByStart(subject_hits)
    subject_at = _by_token(subject_hits)
    roles = ByStart(all_hits)

    for k, unit in enumerate(an.units):
        if unit.boilerplate:
            continue
        sections = unit.sections | frozenset({inferred.get(k)} - {None})
        in_skills = "skills" in sections
        in_missions = "missions" in sections
        names_subject = roles.any_within(unit.start, unit.end)
        if unit.kind == "heading":
            # "Critical Thinking:" under a skills heading names a skill
            label = text[unit.start:unit.end].rstrip(" :")
            if in_skills and text[unit.start:unit.end].rstrip().endswith(":") and len(label.split()) <= 5 \
                    and not classify_heading(an.unit_tokens(unit), cues):  # "Qualités humaines :" is a category
                emit("skill", unit.start, unit.start + len(label), require_match=False, whole=True)
            if names_subject:
                recent_subject = k
            continue
        # in a list, any role may be the subject ("The Tech Lead guides the approach of a team")
        if duties is not None and unit.kind == "item" and not in_skills:
            start = duties.predicate_start(an, unit, _by_token(roles.within(unit.start, unit.end)))
            if start is not None:
                for s, e in duties.verb_phrases(an, start, unit.end):
                    emit("mission", *_trim(text, s, e), require_match=False, whole=True)
                continue
        words = len(text[unit.start:unit.end].split())
        if unit.kind == "item" and (in_skills or in_missions):
            head, sep, _ = text[unit.start:unit.end].partition(":")
            label_end = unit.start + len(head)
            has_label = bool(sep) and len(head.split()) <= 5
            body_start = label_end + 1 if has_label else unit.start
            if in_skills:
                tags = _tags(text, body_start, unit.end)
                pieces = tags or _pieces(text, body_start, unit.end, _SPLIT_SKILLS)
                if tags or (_short_list(text, pieces) and words <= 16):
                    for s, e in pieces:
                        emit("skill", s, e, require_match=False)
                else:
                    s = duties.lead_in_end(an, body_start, unit.end) if duties else body_start
                    emit("skill", *_trim(text, s, unit.end), require_match=False, whole=True)
                continue
            if has_label and emit("mission", unit.start, label_end, require_match=True):
                continue
            emit("mission", *_trim(text, body_start, unit.end), require_match=False, whole=True)
            continue
        if names_subject:
            recent_subject = k
        if duties is not None and unit.kind == "sentence" and (in_missions or k - recent_subject <= 3):
            start = duties.predicate_start(an, unit, subject_at)
            if start is None and subjects.any_within(unit.start, unit.end):
                gerunds = duties.gerund_subject(an, unit)  # "Designing and maintaining apps is what X do"
                if gerunds is not None:
                    emit("mission", *_trim(text, *gerunds), require_match=False, whole=True)
                    continue
            if start is not None:
                for s, e in duties.verb_phrases(an, start, unit.end):
                    emit("mission", *_trim(text, s, e), require_match=False, whole=True)
                continue
            toks = an.unit_tokens(unit)
            if in_missions and toks and duties.is_verb(toks[0]) and 3 <= words <= 30:
                emit("mission", *_trim(text, unit.start, unit.end), require_match=False, whole=True)
                continue
        if in_skills and unit.kind != "item":
            tags = _tags(text, unit.start, unit.end)
            if tags:  # "C++C#UnityUnreal Engine": a tag list whose separators were lost
                for s, e in tags:
                    emit("skill", s, e, require_match=False)
                continue
        if in_skills or in_missions:
            cue_end = _after_list_cue(an, unit, cues)
            kind = "skill" if in_skills else "mission"
            matcher = skills if in_skills else missions
            if cue_end is not None:
                for s, e in _pieces(text, cue_end, unit.end, _SPLIT_SKILLS):
                    emit(kind, s, e, require_match=False)
                for cid, s, e in matcher.mentions(an, unit):
                    if s < cue_end:
                        emit(kind, s, e, require_match=True, concept=cid)
            else:
                for cid, s, e in matcher.mentions(an, unit):
                    emit(kind, s, e, require_match=True, concept=cid)
        # "a good knowledge of A, B and C", "Il a un caractère technique, patient, curieux et réactif"
        if unit.kind == "sentence" and not in_missions:
            for s, e in _enumerations(an, unit, cues):
                emit("skill", s, e, require_match=False)
        # elsewhere: skill names in a sentence that speaks of skills ("mastery of", "strong ... skills")
        if not in_missions and not in_skills and _speaks_of_skills(an, unit, cues):
            for cid, s, e in skills.mentions(an, unit, min_words=1):
                emit("skill", s, e, require_match=True, concept=cid)
    skill_facts = [SkillFact(subject, ref, span, conf) for ref, span, conf in emit.found["skill"]]
    mission_facts = [MissionFact(subject, ref, span, conf) for ref, span, conf in emit.found["mission"]]
    return skill_facts, mission_facts
