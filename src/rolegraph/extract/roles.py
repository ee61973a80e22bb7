"""Role mentions: lexicon names, acronyms and elided titles, plus candidate titles.

A name matches whatever its case, accents or number ("Lead développeurs",
"CTOs"); an all-caps acronym only matches upper-case text, so "po" or "dg" in
prose are not roles. Acronyms shared by several roles (CDO) are resolved from
the document: a nearby spelled-out name, else the words around the mention.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..knowledge.lexicon import Lexicon
from ..knowledge.model import Ref
from ..text import STOPWORDS, fold, slugify
from .cues import Cues
from .structure import Analysis
from .tokens import Phrase, PhraseMatcher, Token, norm_phrase

__all__ = ["RoleHit", "RoleFinder"]

_DEVELOPER = ("developer", "developpeur")
_DETERMINERS = {"the", "a", "an", "our", "your", "this", "that", "each", "every", "as", "any",
                "their", "his", "her", "its", "le", "la", "les", "l", "un", "une", "des", "du",
                "de", "d", "ce", "cette", "son", "sa", "ses", "notre", "votre"}
_FR_LINKS = {"de", "des", "du", "d", "en"}
_FR_IDIOMS = {("de", "formation"), ("de", "metier")}  # "ingénieur de formation": by training
_FR_STOP = STOPWORDS | {"puis", "qui", "peut", "doit", "est", "sont", "a", "avec", "chez",
                        "ou", "dont", "afin", "lors", "selon", "comme", "mais", "pas"}


@dataclass(slots=True)
class RoleHit:
    """A role named at ``[start, end)``; ``candidate`` is set for titles not in the lexicon."""

    role: str  # lexicon id, or the candidate's slug
    start: int
    end: int
    i: int  # first token index
    j: int  # one past the last token
    confidence: float = 1.0
    candidate: str | None = None  # the title as written, for candidate roles
    elided: bool = False  # named by a modifier only ("full-stack profiles"), no title


def role_ref(hit: RoleHit, lang: str) -> Ref:
    """The fact-model reference for a role named in a document (new titles keep their wording)."""
    return Ref(hit.role, hit.candidate, lang) if hit.candidate else Ref(hit.role)


def _is_acronym(name: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", name)
    return 2 <= len(letters) <= 5 and letters.isupper()


class RoleFinder:
    """Finds role mentions in analysed documents, for one lexicon."""

    def __init__(self, lex: Lexicon, cues: Cues):
        self.lex, self.cues = lex, cues
        # name -> the roles it names at its best tier: a curated role's name beats an
        # O*NET alternate title, which beats a search-only label
        best: dict[tuple, tuple[int, set[str]]] = {}
        for role in lex.roles.values():
            for name, _lang, tier in role.tiered_names():
                key = (norm_phrase(name), _is_acronym(name))
                found = best.get(key)
                if found is None or tier < found[0]:
                    best[key] = (tier, {role.id})
                elif tier == found[0]:
                    found[1].add(role.id)
        by_key = {key: ids for key, (_tier, ids) in best.items()}
        order = {rid: k for k, rid in enumerate(lex.roles)}
        self.by_words: dict[tuple[str, ...], tuple[str, ...]] = {}
        phrases = []
        for (words, upper), ids in by_key.items():
            ids_t = tuple(sorted(ids, key=order.get))
            phrases.append(Phrase(words, ids_t, upper=upper))
            if not upper:
                self.by_words[words] = ids_t
        for rid, texts in cues.role_phrases.items():
            for t in texts:
                phrases.append(Phrase(norm_phrase(t), (rid,)))
        self.matcher = PhraseMatcher(phrases)
        self._names: dict[str, str] | None = None
        # words that tell apart roles sharing an acronym
        self._distinctive = {rid: {w for name, _l in lex.roles[rid].names()
                                   for w in norm_phrase(name) if len(w) > 2}
                             for rid in lex.roles}

    # --- lexicon mentions ---------------------------------------------------

    def find(self, an: Analysis) -> list[RoleHit]:
        toks = an.tokens
        hits: list[RoleHit] = []
        ambiguous: list[tuple[RoleHit, tuple[str, ...]]] = []
        for i, j, phrase in self.matcher.find(toks):
            after = self.cues.not_role_after.all_at(toks, j)
            if after and toks[j].start - toks[j - 1].end <= 2 and len(phrase.words) <= 2:
                continue  # "DevOps skills", "data engineering": the field, not the person
            hit = RoleHit(phrase.value[0], toks[i].start, toks[j - 1].end, i, j)
            if len(phrase.value) > 1:
                ambiguous.append((hit, phrase.value))
            hits.append(hit)
        for hit, ids in ambiguous:
            hit.role, hit.confidence = self._resolve(an, hit, ids)
        hits += self._elided(an, hits)
        hits.sort(key=lambda h: h.start)
        return hits

    def _resolve(self, an: Analysis, hit: RoleHit, ids: tuple[str, ...]) -> tuple[str, float]:
        text = an.folded
        # 1. the document spells the acronym out somewhere: "chief digital officer (CDO)"
        spelled = [rid for rid in ids
                   if any(fold(n) in text for n, _l in self.lex.roles[rid].names()
                          if not _is_acronym(n) and len(n) > 5)]
        if len(spelled) == 1:
            return spelled[0], 0.9
        # 2. words around the mention
        lo = an.token_index(max(0, hit.start - 200))
        hi = an.token_index(hit.end + 200)
        window = Counter(t.norm for t in an.tokens[lo:hi])
        shared = set.intersection(*(self._distinctive[r] for r in ids))
        scores = [(sum(window[w] for w in self._distinctive[r] - shared), -k, r)
                  for k, r in enumerate(ids)]
        scores.sort(reverse=True)
        if scores[0][0] > (scores[1][0] if len(scores) > 1 else 0):
            return scores[0][2], 0.8
        return ids[0], 0.5

    def _elided(self, an: Analysis, hits: list[RoleHit]) -> list[RoleHit]:
        """'Profils junior', 'Back-end and Front-end profiles': the head noun is implied."""
        toks = an.tokens
        taken = {k for h in hits for k in range(h.i, h.j)}
        out = []
        for i, j, _p in self.cues.ellipsis_heads.find(toks):
            if i in taken or (i and toks[i - 1].norm in {"un", "une", "a", "an"}):
                continue
            found = self._modifier_role(toks, i + 1, forward=True) or \
                self._modifier_role(toks, i - 1, forward=False)
            if not found:
                continue
            role, a, b = found
            out.append(RoleHit(role, toks[min(a, i)].start, toks[max(b, i + 1) - 1].end,
                               min(a, i), max(b, i + 1), 0.8, elided=True))
            taken.update(range(min(a, i), max(b, i + 1)))
            # coordination: "Back-end and Front-end profiles"
            k = a - 1
            if k >= 1 and toks[k].norm in {"and", "et", "or", "ou"}:
                prev = self._modifier_role(toks, k - 1, forward=False)
                if prev and not taken & set(range(prev[1], prev[2])):
                    out.append(RoleHit(prev[0], toks[prev[1]].start, toks[prev[2] - 1].end,
                                       prev[1], prev[2], 0.7, elided=True))
                    taken.update(range(prev[1], prev[2]))
        return out

    def _modifier_role(self, toks: list[Token], k: int, forward: bool):
        for size in (2, 1):
            a, b = (k, k + size) if forward else (k - size + 1, k + 1)
            if a < 0 or b > len(toks) or a > b:
                continue
            mods = tuple(t.norm for t in toks[a:b])
            if any(m in STOPWORDS for m in mods):
                continue
            for head in _DEVELOPER:
                for words in (mods + (head,), (head,) + mods):
                    ids = self.by_words.get(words)
                    if ids and len(ids) == 1:
                        return ids[0], a, b
        return None

    # --- candidate titles -----------------------------------------------------

    def candidates(self, an: Analysis, hits: list[RoleHit]) -> list[RoleHit]:
        """Job titles the lexicon does not know, from title patterns in the document's language.

        A title within a typo of a lexicon name ("AChief Technology Officer") is
        that role, not a new one.
        """
        out = []
        for hit in self._candidates(an, hits):
            role = self._near_name(hit.candidate)
            if role:
                hit.role, hit.candidate, hit.confidence = role, None, 0.7
            out.append(hit)
        return out

    def _near_name(self, label: str) -> str | None:
        from rapidfuzz import fuzz, process

        if self._names is None:
            self._names = {fold(n): rid for rid, r in self.lex.roles.items()
                           for n, _l in r.names() if len(n) > 6}
        found = process.extractOne(fold(label), list(self._names), scorer=fuzz.ratio,
                                   score_cutoff=92)
        return self._names[found[0]] if found else None

    def _candidates(self, an: Analysis, hits: list[RoleHit]) -> list[RoleHit]:
        toks, text = an.tokens, an.text
        lang = an.doc.language
        english, french = lang != "fr", lang != "en"
        taken = {k for h in hits for k in range(h.i, h.j)}
        out: list[RoleHit] = []

        def adjacent(a: int, b: int) -> bool:
            gap = text[toks[a].end:toks[b].start]
            return len(gap) <= 2 and not re.search(r"[,.;:()!?/\n]", gap)

        for k, tok in enumerate(toks):
            if k in taken:
                continue
            # English: Title Case words ending with a head noun ("Head of Platform" too)
            if english and tok.norm in self.cues.title_heads_en and tok.text[:1].isupper():
                a = k
                while a - 1 >= 0 and k - a < 3 and adjacent(a - 1, a) and (a - 1) not in taken \
                        and (toks[a - 1].text[:1].isupper() or toks[a - 1].norm == "of") \
                        and toks[a - 1].norm not in _DETERMINERS:
                    a -= 1
                if toks[a].norm == "of":
                    a += 1
                b = k + 1
                if tok.norm == "head" or (b < len(toks) and toks[b].norm == "of"):
                    if b < len(toks) and toks[b].norm == "of" and adjacent(k, b):
                        b += 1
                        while b < len(toks) and b - k < 4 and adjacent(b - 1, b) \
                                and toks[b].text[:1].isupper() and b not in taken:
                            b += 1
                        if toks[b - 1].norm == "of":
                            b -= 1
                if b - a >= 2 and not taken & set(range(a, b)):
                    out.append(self._candidate(an, a, b))
                    taken.update(range(a, b))
                continue
            # French: a head noun followed by its complements ("Ingénieur QA")
            if french and tok.norm in self.cues.title_heads_fr and self._french_title_start(toks, k):
                b = k + 1
                while b < len(toks) and b - k <= 3 and adjacent(b - 1, b) and b not in taken:
                    w = toks[b].norm
                    if w in _FR_LINKS and b + 1 < len(toks) and toks[b + 1].norm not in _FR_STOP:
                        b += 2
                        continue
                    if w in _FR_STOP or w in _DETERMINERS or len(w) < 2:
                        break
                    b += 1
                while b > k + 1 and toks[b - 1].norm in _FR_LINKS:
                    b -= 1
                if b - k >= 2 and b <= len(toks) and not taken & set(range(k, b)):
                    out.append(self._candidate(an, k, b))
                    taken.update(range(k, b))
        return out

    def _french_title_start(self, toks: list[Token], k: int) -> bool:
        # "Il est responsable de la ...": an adjective after a copula, not a title
        prev = toks[k - 1].norm if k else ""
        prev2 = toks[k - 2].norm if k > 1 else ""
        if prev in self.cues.copulas or prev == "en" or (prev in _DETERMINERS and prev2 in self.cues.copulas):
            return False  # "il est responsable de", "en charge de", "c'est un expert en"
        if k + 2 < len(toks) and (toks[k + 1].norm, toks[k + 2].norm) in _FR_IDIOMS:
            return False
        nxt = toks[k + 1].norm if k + 1 < len(toks) else ""
        if nxt in _FR_LINKS and k + 2 < len(toks) and toks[k + 2].norm in _DETERMINERS:
            return False
        return nxt not in _DETERMINERS and nxt not in _FR_STOP or nxt in _FR_LINKS

    def _candidate(self, an: Analysis, a: int, b: int) -> RoleHit:
        toks = an.tokens
        label = " ".join(an.text[toks[a].start:toks[b - 1].end].split())
        words = [self.cues.feminine.get(t.norm, t.norm) for t in toks[a:b]]
        return RoleHit(slugify(" ".join(words)), toks[a].start, toks[b - 1].end, a, b, 0.5, label)

    # --- the document's subject ----------------------------------------------

    def main_role(self, an: Analysis, hits: list[RoleHit]) -> Ref | None:
        """The role the document is about: named in its first headings, else the most named.

        A title the lexicon lacks counts when a heading names it ("FinOps
        Practitioner" as the page title): the facts are then about that new
        role, not about another role the text happens to name.
        """
        headings = [u for u in an.units[:6] if u.kind == "heading"] or an.units[:1]
        for unit in headings:
            for h in hits:
                if unit.start <= h.start < unit.end:
                    return role_ref(h, an.doc.language)
        known = [h for h in hits if h.candidate is None]
        if not known:
            return None
        return Ref(Counter(h.role for h in known).most_common(1)[0][0])
