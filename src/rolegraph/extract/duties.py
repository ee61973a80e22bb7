"""What a text says a role does and needs, read from its wording rather than from known phrases.

- Lists say what they hold by how their items start: "Design and build ...",
  "Maintain ..." (verbs: duties) or "Experience with ...", "Proficiency in
  ..." (skills), even under a heading that names neither ("Building the
  Infrastructure Behind Analytics").
- Items lose their lead-in ("Strong experience with", "Maîtrise de") but keep
  the rest whole, parentheses included: "cloud platforms (AWS SageMaker, GCP
  Vertex AI)".
- Prose states duties with the role, or a pronoun, as subject: "Embedded
  engineers write and debug firmware, use oscilloscopes ..., and collaborate
  with hardware engineers"; "Il conçoit, exécute et automatise des plans de
  tests". The predicate is cut into verb phrases at the commas and "and"s
  that come before a verb.
"""

from __future__ import annotations

import re
from functools import cached_property

from ..text import fold, norm_word
from .lemmas import lemma as _lemma
from .structure import Analysis, Unit
from .tokens import Token

__all__ = ["Duties"]

_SUBJECT_PRONOUNS = {"they", "he", "she", "you", "il", "elle", "ils", "elles", "vous", "on", "we", "i", "nous", "je", "j"}
_ADVERBS = {"typically", "often", "also", "usually", "generally", "mainly", "primarily", "will", "must", "may",
            "can", "should", "regularly", "frequently", "then", "sometimes", "doit", "peut", "aussi",
            "egalement", "souvent", "generalement", "notamment", "alors", "ensuite", "en", "se", "s", "ne",
            "actively", "closely", "directly", "first", "d", "abord", "would", "could", "might", "then",
            # French modals in the tenses job writing uses: "le DBA pourra encadrer", "ils doivent tester"
            "pourra", "pourront", "pourrait", "pourraient", "peuvent", "devra", "devront", "doivent", "devrait",
            "va", "vont", "sait", "savent", "saura"}
_DETERMINERS = {"the", "a", "an", "le", "la", "les", "l", "un", "une", "as", "these", "this", "our", "your",
                "ce", "cet", "cette", "ces"}
_GENERIC_SUBJECTS = {"professional", "professionnel", "expert", "specialist", "specialiste", "role", "person",
                     "individual", "candidate", "incumbent", "hire", "titulaire", "collaborateur", "collaboratrice",
                     "engineer", "developer", "they", "these", "those", "this", "ce", "cette", "ces"}
_CUT = re.compile(r",\s*(?:and\s+|et\s+|or\s+|ou\s+)?|\s+(?:and|et|&)\s+|;\s*")
_NOT_DUTY_VERBS = {"be", "is", "are", "have", "has", "etre", "avoir", "est", "sont", "a", "ont", "need", "want",
                   "like", "love", "get", "seem", "tend", "earn", "make", "gagner", "say", "think", "know",
                   "come", "go", "aller", "venir", "faut", "devoir", "pouvoir", "vouloir"}


class Duties:
    """Verbs and lead-ins of job writing, from the lexicon's missions and skills and the cue files."""

    def __init__(self, lex, cues):
        self.cues = cues
        verbs: set[str] = set()
        # task statements start with a verb ("Design ...", "Concevoir ..."); French skill names that
        # start with an infinitive do too. English skill names often start with a noun: not those.
        for c in lex.missions.values():
            for name, lang in c.names():
                first = re.findall(r"[^\W\d_]+", name)[:1]
                if first and ((lang == "en" and name == c.en) or (lang == "fr" and _infinitive(first[0]))):
                    verbs.add(_lemma(first[0].lower()))
        for c in lex.skills.values():
            for name, lang in c.names():
                first = re.findall(r"[^\W\d_]+", name)[:1]
                if first and lang == "fr" and _infinitive(first[0]) and first[0].islower():
                    verbs.add(_lemma(first[0].lower()))
        verbs.update(_lemma(w) for w in cues.duty_verbs)
        self.verbs = {v for v in verbs if v and v not in _NOT_DUTY_VERBS and len(v) > 2}

    # --- words ---------------------------------------------------------------------

    def is_verb(self, tok: Token) -> bool:
        """A word that starts a duty: "design", "designs", "designing", "conçoit"."""
        if not tok.text[:1].isalpha():
            return False
        low = tok.text.lower()
        return _lemma(low) in self.verbs or fold(low) in self.verbs or norm_word(low) in self.verbs

    @cached_property
    def _leads(self):
        return self.cues.skill_leads

    def lead_in_end(self, an: Analysis, start: int, end: int) -> int:
        """Where an item's content starts after a lead-in ("Strong experience with", "Maîtrise de")."""
        toks = an.tokens[an.token_index(start):an.token_index(end)]
        for i, j, _p in self._leads.find(toks):
            if i == 0 or all(t.norm in ("strong", "solid", "good", "excellent", "deep", "advanced", "bonne",
                                        "solide", "parfaite", "excellente", "proven", "demonstrated",
                                        "hands", "on", "some", "working")
                             for t in toks[:i]):
                return toks[j].start if j < len(toks) else end
        return start

    def list_kind(self, an: Analysis, units: list[Unit]) -> str | None:
        """"missions" when most items start with a verb, "skills" when most start with a skill lead-in."""
        verbs = leads = 0
        for u in units:
            toks = an.unit_tokens(u)
            if not toks:
                continue
            if self.is_verb(toks[0]) and len(toks) >= 3:
                verbs += 1
            elif self.lead_in_end(an, u.start, u.end) > u.start:
                leads += 1
        if verbs >= max(2, 0.6 * len(units)):
            return "missions"
        if leads >= max(2, 0.5 * len(units)):
            return "skills"
        return None

    # --- prose -----------------------------------------------------------------------

    def predicate_start(self, an: Analysis, unit: Unit, subject_hits: dict) -> int | None:
        """The token where a sentence's predicate starts, when its subject is the role or a pronoun.

        ``subject_hits`` maps a token index to the subject role's mention starting there.

        The subject opens the sentence or follows a fronted phrase and its comma
        ("Dans une grande entreprise, le DBA pourra encadrer ..."); a lead such
        as "is responsible for" or "a pour mission de" may come before the verb,
        or open the sentence ("Sa mission est de concevoir ...").
        """
        toks = an.unit_tokens(unit)
        if len(toks) < 4:
            return None
        lead = self._after_lead(toks, 0)
        if lead is not None:
            return unit.first + lead
        starts = [0] + [k for k in range(1, min(len(toks), 20))
                        if an.text[toks[k - 1].end:toks[k].start].strip() == ","]
        for k in starts:
            found = self._predicate_after_subject(toks, k, unit.first, subject_hits)
            if found is not None:
                return unit.first + found
        return None

    def gerund_subject(self, an: Analysis, unit: Unit) -> tuple[int, int] | None:
        """"Designing, creating and maintaining apps is the area of expertise of ...": the gerunds' span."""
        toks = an.unit_tokens(unit)
        if len(toks) < 4 or not toks[0].text.lower().endswith("ing") or not self.is_verb(toks[0]):
            return None
        for t in toks[1:30]:
            if t.norm in ("is", "are", "was", "were", "remains", "makes", "requires"):
                return toks[0].start, t.start
        return None

    def _predicate_after_subject(self, toks, k: int, first: int, subject_hits) -> int | None:
        while k < len(toks) and toks[k].norm in _DETERMINERS:
            k += 1
        if k >= len(toks):
            return None
        if toks[k].norm in _SUBJECT_PRONOUNS:
            k += 1
        else:
            hit = subject_hits.get(first + k)
            if hit is not None:
                k = hit.j - first
            elif toks[k].norm in _GENERIC_SUBJECTS and k + 1 < len(toks):
                k += 1
            else:
                return None
        while k < len(toks) and toks[k].norm in _ADVERBS:
            k += 1
        if k < len(toks) and self.is_verb(toks[k]):
            return k
        return self._after_lead(toks, k)

    def _after_lead(self, toks, k: int) -> int | None:
        """After a duty lead at token ``k`` ("are responsible for", "a pour mission de"): the verb's token."""
        for i, j, _p in self.cues.duty_leads.find(toks[k:k + 8]):
            if i == 0 and k + j < len(toks):
                nxt = k + j
                while nxt < len(toks) and toks[nxt].norm in _ADVERBS | _DETERMINERS:
                    nxt += 1
                if nxt < len(toks) and (self.is_verb(toks[nxt]) or _verb_form(toks[nxt])):
                    return nxt
        return None

    def verb_phrases(self, an: Analysis, start_token: int, end: int) -> list[tuple[int, int]]:
        """A predicate cut into verb phrases: at commas and "and"s followed by a verb.

        "designs, builds, and deploys X" stays one phrase (the verbs share
        their object); nothing is cut inside a relative clause ("systems that
        learn from data and improve over time").
        """
        text = an.text
        toks = an.tokens
        start = toks[start_token].start
        stop = _clause_end(text, start, end)
        pieces: list[tuple[int, int]] = []
        pos = start
        for m in _CUT.finditer(text, start, stop):
            k = an.token_index(m.end())
            if k >= len(toks) or toks[k].start != m.end():
                continue
            # "... et de s'assurer", "and then to review": a particle or adverb may come before the verb
            first, particle = k, False
            while k < len(toks) and k - first < 3 and toks[k].norm in _BEFORE_VERB:
                particle = particle or toks[k].norm in _PARTICLES
                k += 1
            if k >= len(toks) or not (self.is_verb(toks[k]) or (particle and _verb_form(toks[k]))):
                continue
            before = text[pos:m.start()]
            if len(before.split()) < 2 or _RELATIVE.search(before):
                continue
            pieces.append((pos, m.start()))
            reflexive = k > first and toks[k - 1].norm in ("s", "se")
            pos = toks[k - 1 if reflexive else k].start  # at the verb: "et enfin, de s'assurer" keeps "s'assurer"
        pieces.append((pos, stop))
        return [(s, e) for s, e in pieces if len(text[s:e].split()) >= 2]


_PARTICLES = {"de", "d", "to"}  # "and to review", "et de vérifier": an infinitive follows
_BEFORE_VERB = _PARTICLES | {"s", "se", "enfin", "ensuite", "aussi", "then", "finally", "also"}
_RELATIVE = re.compile(r"\b(?:that|which|who|whose|qui|que|qu|dont|où)\b", re.I)


def _infinitive(word: str) -> bool:
    return len(word) > 4 and fold(word).endswith(("er", "ir", "re"))


def _verb_form(tok: Token) -> bool:
    """After a duty lead ("a pour mission de", "is responsible for") the next word is the duty's verb
    when it has a verb's shape: a French infinitive ("mettre", "monter") or an English gerund."""
    word = tok.text
    if not word.isalpha() or not word.islower():
        return False
    return _infinitive(word) or (len(word) > 5 and word.endswith("ing"))


_CLAUSE_END = re.compile(r"\s(?:so that|in order to|afin de|afin d|pour que|while|tandis que|dans l'objectif de|"
                         r"dans le but de|with the aim of)\s|\s[—–-]\s|\s?:\s|[.!?](?=\s|$)")


def _clause_end(text: str, start: int, end: int) -> int:
    """The end of the sentence's main content: before "so that", "in order to", a dash aside, the period."""
    m = _CLAUSE_END.search(text, start, end)
    return m.start() if m else end
