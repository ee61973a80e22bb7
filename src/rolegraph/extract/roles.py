"""Role mentions: every name the lexicon knows, titles it does not, and the document's own role.

1. Known names, from a token trie of every title and alias (curated, ESCO,
   O*NET), each name kept for the roles of its best tier. Alternative names a
   taxonomy gives that do not name a person ("consumer electronics") are left
   out. Acronyms match upper-case text only; one shared by roles is resolved
   from the document.
2. Titles built on known ones, and titles the lexicon lacks, from the grammar
   of titles (:mod:`~rolegraph.extract.variants`,
   :mod:`~rolegraph.extract.titles`); French ones get an English label.
3. The document's main role: named in its title and first headings, opening
   it, named often. A title the lexicon lacks counts like a known one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ..knowledge.lexicon import Lexicon
from ..knowledge.model import Ref
from ..text import fold, slugify
from . import variants
from .cues import Cues
from .english import load_english
from .structure import Analysis
from .titles import Title, TitleGrammar, title_label
from .tokens import Phrase, PhraseMatcher, norm_phrase

__all__ = ["RoleHit", "RoleFinder", "role_ref"]


@dataclass(slots=True)
class RoleHit:
    """A role named at ``[start, end)``; ``candidate`` is set for titles not in the lexicon."""

    role: str  # lexicon id, or the new title's slug
    start: int
    end: int
    i: int  # first token index
    j: int  # one past the last token
    confidence: float = 1.0
    candidate: str | None = None  # the title as a label, for roles the lexicon lacks
    elided: bool = False  # named by a modifier only ("full-stack profiles"), no title
    base: str | None = None  # for a seniority variant or a narrower title: the role it builds on
    lang: str = "en"  # the language of ``candidate``


def role_ref(hit: RoleHit, lang: str | None = None) -> Ref:
    """The fact-model reference for a role named in a document (new titles keep their wording)."""
    if not hit.candidate:
        return Ref(hit.role)
    return Ref(hit.role, hit.candidate, hit.lang)


def _is_acronym(name: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", name)
    return 2 <= len(letters) <= 5 and letters.isupper()


class RoleFinder:
    """Finds role mentions in analysed documents, for one lexicon."""

    def __init__(self, lex: Lexicon, cues: Cues):
        self.lex, self.cues = lex, cues
        self.grammar = TitleGrammar(lex, cues, load_english())
        self.seniority_labels = set(cues.seniority_words.values())
        # name -> the roles it names at its best tier: a curated role's name beats an
        # O*NET alternate title, which beats a search-only label. O*NET's alternate titles
        # are often narrower than their occupation ("Game Developer", "Data Modeler" under
        # Software Developers): they name new roles built on it, not the occupation itself.
        best: dict[tuple, tuple[int, set[str], bool]] = {}
        for role in lex.roles.values():
            narrower = {name for name, _lang, tier, source in role.ref_names if tier >= 2 and source == "onet"}
            for name, lang, tier in role.tiered_names():
                if tier >= 2 and not self.grammar.names_a_person(name, lang):
                    continue
                key = (norm_phrase(name), _is_acronym(name))
                if tier >= 2 and len(key[0]) == 1 and not key[1] and not self.grammar.is_head(key[0][0], lang):
                    continue  # "consumer", "hacker"-like one-word aliases name too much
                narrow = name in narrower and not key[1]
                found = best.get(key)
                if found is None or tier < found[0] or (tier == found[0] and found[2] and not narrow):
                    best[key] = (tier, {role.id}, narrow)
                elif tier == found[0] and narrow == found[2]:
                    found[1].add(role.id)
        order = {rid: k for k, rid in enumerate(lex.roles)}
        self.by_words: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.narrower: dict[tuple[str, ...], str] = {}  # a narrower title -> the role it builds on
        phrases = []
        for (words, upper), (tier, ids, narrow) in best.items():
            ids_t = tuple(sorted(ids, key=order.get))
            if tier >= 2 and len(ids_t) > 1 and not upper:
                narrow = True  # an alternative name of several roles is none of them: a title of its own
            if narrow and len(words) == 1:
                continue  # "Engineer" alone is no title of its own
            if narrow:
                self.narrower[words] = ids_t[0]
                phrases.append(Phrase(words, ("narrower",) + ids_t))
                continue
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

    def label(self, rid: str) -> str:
        role = self.lex.roles.get(rid)
        return role.en if role else rid.replace("-", " ").title()

    # --- finding -----------------------------------------------------------------

    def find(self, an: Analysis) -> list[RoleHit]:
        """Every role named in the document, known or new, in text order (before its main role is known)."""
        hits = self._known(an)
        hits = variants.extend(self, an, hits)
        hits += variants.elided(self, an, hits)
        hits = self._absorb(hits, self.candidates(an, hits))
        hits += variants.alternatives(self, an, hits)
        hits += variants.coordinated(self, an, hits)
        defined = variants.defined_acronyms(self, an, hits)
        hits += variants.acronym_hits(self, an, hits, defined)
        variants.spell_out(self, an, hits, defined)
        hits = [h for h in hits if not an.in_boilerplate(h.start)]
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def complete(self, an: Analysis, hits: list[RoleHit], subject: Ref | None) -> list[RoleHit]:
        """What the main role tells: its acronym ("BA"), the levels of its ladder ("Senior / Lead")."""
        own = variants.own_acronym(self, an, hits, subject)
        for acronym, anchor in own.items():  # "The Sales or Systems Engineer (SE)" on a page about the first
            for h in hits:
                if h.j - h.i == 1 and an.tokens[h.i].text in (acronym, acronym + "s") and h.role != anchor.role:
                    h.role, h.candidate, h.base, h.lang = anchor.role, anchor.candidate, anchor.base, anchor.lang
        more = variants.acronym_hits(self, an, hits, own)
        hits = hits + more
        variants.spell_out(self, an, hits, own)
        more = variants.alternatives(self, an, more)
        hits += more
        hits += variants.ladder(self, an, hits, subject)
        hits = [h for h in hits if not an.in_boilerplate(h.start)]
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def _absorb(self, hits: list[RoleHit], titles: list[RoleHit]) -> list[RoleHit]:
        """New titles replace the known names they contain as modifiers ("Developer Advocate")."""
        inside = set()
        for t in titles:
            inside.update((a, b) for a in range(t.i, t.j) for b in range(a + 1, t.j + 1) if (a, b) != (t.i, t.j))
        kept = [h for h in hits if (h.i, h.j) not in inside]
        return kept + titles

    def _known(self, an: Analysis) -> list[RoleHit]:
        toks = an.tokens
        hits: list[RoleHit] = []
        ambiguous: list[tuple[RoleHit, tuple[str, ...]]] = []
        for i, j, phrase in self.matcher.find(toks):
            after = self.cues.not_role_after.all_at(toks, j)
            if after and toks[j].start - toks[j - 1].end <= 2 and len(phrase.words) <= 2:
                continue  # "DevOps skills", "data engineering": the field, not the person
            if i and an.text[toks[i].start - 1:toks[i].start] == "-" and toks[i - 1].text[:1].isupper():
                continue  # "Cert-Manager": part of a hyphenated name
            if phrase.value[0] == "narrower":
                hit = self.new_title(an, i, j, base=phrase.value[1], french=toks[i].norm in self.grammar.heads_fr
                                     and an.doc.language == "fr")
                if len(phrase.value) > 2:
                    hit.base = self._resolve(an, hit, phrase.value[1:])[0]
                hits.append(hit)
                continue
            hit = RoleHit(phrase.value[0], toks[i].start, toks[j - 1].end, i, j)
            if len(phrase.value) > 1:
                ambiguous.append((hit, phrase.value))
            hits.append(hit)
        for hit, ids in ambiguous:
            hit.role, hit.confidence = self._resolve(an, hit, ids)
        return hits

    def _resolve(self, an: Analysis, hit: RoleHit, ids: tuple[str, ...]) -> tuple[str, float]:
        # 1. the document spells the acronym out somewhere: "chief digital officer (CDO)"
        spelled = [rid for rid in ids if self._spelled_out(an, rid)]
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

    def _spelled_out(self, an: Analysis, rid: str) -> bool:
        """Whether one of the role's long names occurs in the document (once per document and role)."""
        memo = an.memo.setdefault("spelled", {})
        if rid not in memo:
            text = an.folded
            memo[rid] = any(fold(n) in text for n, _l in self.lex.roles[rid].names()
                            if not _is_acronym(n) and len(n) > 5)
        return memo[rid]

    # --- titles the lexicon lacks ---------------------------------------------------

    def new_title(self, an: Analysis, a: int, b: int, base: str | None = None, french: bool = False) -> RoleHit:
        """A hit for the title written at tokens ``[a, b)``, built on ``base`` (``french``: in French word order)."""
        toks = an.tokens
        if french:
            title = self.grammar.french_title(an, a, b)
            return RoleHit(slugify(title.label), toks[a].start, toks[b - 1].end, a, b, 0.6, title.label, base=base,
                           lang=title.lang)
        words = [t.text for t in toks[a:b]]
        last = toks[b - 1]
        if last.text.lower().endswith("s") and last.norm != last.text.lower() and last.norm in self.grammar.heads_en:
            words[-1] = last.text[:-1]
        label = title_label(words)
        return RoleHit(slugify(label), toks[a].start, toks[b - 1].end, a, b, 0.6, label, base=base)

    def candidates(self, an: Analysis, hits: list[RoleHit]) -> list[RoleHit]:
        """Job titles the lexicon does not know, from the grammar of titles.

        A title that is a lexicon name after all, or within a typo of one
        ("AChief Technology Officer"), is that role, not a new one.
        """
        taken = {k for h in hits for k in range(h.i, h.j) if h.candidate or h.elided}
        # known names may be modifiers of a longer title ("Developer Advocate"), never its head
        known = {k for h in hits for k in range(h.i, h.j) if not (h.candidate or h.elided)}
        return [self._hit_of(an, title) for title in self.grammar.find(an, taken, known)]

    def title_hit(self, an: Analysis, label: str, i: int, j: int) -> RoleHit:
        """The role an English title names at tokens ``[i, j)``: known, narrower or new."""
        return self._hit_of(an, Title(i, j, label, "en"))

    def _hit_of(self, an: Analysis, title: Title) -> RoleHit:
        toks = an.tokens
        words = tuple(w for w in norm_phrase(title.label))
        known = self.by_words.get(words)
        start, end = toks[title.i].start, toks[title.j - 1].end
        if known and len(known) == 1:
            return RoleHit(known[0], start, end, title.i, title.j, 0.8)
        if words in self.narrower and title.lang == "en":
            return RoleHit(slugify(title.label), start, end, title.i, title.j, 0.7, title.label,
                           base=self.narrower[words])
        near = self._near_name(title.label)
        if near:
            return RoleHit(near, start, end, title.i, title.j, 0.7)
        base = None
        if title.seniority:
            rest = tuple(norm_phrase(" ".join(title.label.split()[len(" ".join(title.seniority).split()):])))
            ids = self.by_words.get(rest)
            base = ids[0] if ids and len(ids) == 1 else None
        hit = RoleHit(slugify(title.label), start, end, title.i, title.j, 0.6, title.label, base=base,
                      lang=title.lang)
        return hit

    def _near_name(self, label: str) -> str | None:
        from rapidfuzz import fuzz, process

        if self._names is None:
            self._names = {fold(n): rid for rid, r in self.lex.roles.items()
                           for n, lang, tier in r.tiered_names() if len(n) > 6 and tier <= 1}
        found = process.extractOne(fold(label), list(self._names), scorer=fuzz.ratio, score_cutoff=92)
        return self._names[found[0]] if found else None

    # --- the document's subject ----------------------------------------------

    def main_role(self, an: Analysis, hits: list[RoleHit]) -> Ref | None:
        """The role the document is about: named in its title and headings, opening it, named often.

        A title the lexicon lacks counts like a known one ("Developer Advocate"
        as the page title): the facts are then about that new role, not about
        another role the text happens to name.
        """
        hits = [h for h in hits if not h.elided]
        if not hits:
            return None
        units = [u for u in an.units if not u.boilerplate]
        score: Counter = Counter()
        first: dict[str, RoleHit] = {}
        for h in hits:
            first.setdefault(h.role, h)
            score[h.role] += 1
        for role in score:  # naming a role often counts, with diminishing returns
            score[role] = 2 * math.log2(1 + score[role])

        def bonus(unit, points: float) -> None:
            named = next((h for h in hits if unit.start <= h.start < unit.end), None)
            if named is not None:
                score[named.role] += points

        if units:
            bonus(units[0], 6)  # the document's first line: its title
        headings = [u for u in units[1:10] if u.kind == "heading"]
        for rank, unit in enumerate(headings[:4]):
            bonus(unit, 4 - rank)
        opening = next((u for u in units[1:] if u.kind != "heading"), None)
        if opening is not None:
            bonus(opening, 3)
        best = max(score, key=lambda r: (score[r], -first[r].start))
        return role_ref(first[best])
