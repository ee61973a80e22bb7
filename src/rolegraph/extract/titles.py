"""The grammar of job titles, English and French: head nouns, modifiers, seniority words.

An English title ends with a head noun that names a person ("engineer",
"manager", "advocate"), optionally followed by an "of"/"for" complement
("Head of Platform"); a French title starts with one ("ingénieur",
"responsable", "cheffe") and takes its modifiers and "de"/"des"/"du"
complements after it ("responsable de la sécurité cloud").

Head nouns are learnt from the lexicon (the last word of its English role
names, the first of its French ones, when several names share it) plus the
``[titles] heads`` of the cue files. Modifiers must be words of the trade:
words of the lexicon's role and skill names, or, in running text, words the
writer capitalised ("Kubernetes Engineer"). In headings, where every word is
capitalised, and for titles written in lower case, only words that occur in
role names count, and a lower-case title is taken only where the text
announces one ("worked as a ...", a sentence's subject, a list item).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..text import STOPWORDS, norm_phrase
from .cues import Cues
from .english import English
from .structure import Analysis, Unit
from .tokens import Token

__all__ = ["TitleGrammar", "Title", "title_label"]

_AGENT = re.compile(r"(?:er|or|ist|ian|eur|euse|trice|iste|ien|ienne)$")
_PREPOSITIONS_EN = {"of", "for", "in"}
_SMALL = {"and", "or", "of", "in", "for", "the", "a", "an", "with", "to", "on", "at", "by", "&"}
_MIN_HEAD_NAMES = 4  # a word ending this many role names is a head noun
_COMPLEMENT_HEADS = {"head", "vp", "president", "director", "chief", "manager", "lead", "officer", "specialist",
                     "engineer", "developer", "teacher", "lecturer", "professor", "consultant", "architect"}
_EN_OF = {"of", "for"}
_EN_AND = {"and"}
_FR_LINKS = {"de", "des", "du", "d", "en"}
_FR_ARTICLES = {"la", "l", "le", "les"}
_FR_IDIOMS = {("de", "formation"), ("de", "metier")}  # "ingénieur de formation": by training
_DETERMINERS = {"the", "a", "an", "le", "la", "les", "l", "un", "une"}
_APOSTROPHES = "'’"


def title_label(words: list[str]) -> str:
    """A title as a label: capitalised words, small words and acronyms kept.

    >>> title_label(["embedded", "systems", "engineer"])
    'Embedded Systems Engineer'
    >>> title_label(["head", "of", "IT"])
    'Head of IT'
    """
    out = []
    for k, w in enumerate(words):
        if any(c.isupper() for c in w) or (k and w.lower() in _SMALL):
            out.append(w)
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


@dataclass(slots=True)
class Title:
    """A job title found by its grammar: tokens ``[i, j)``, its label and the language of that label."""

    i: int
    j: int
    label: str
    lang: str  # "en", or "fr" when no English label could be made
    seniority: tuple[str, ...] = ()  # the English seniority words it starts with
    written: str = ""  # the title as the text writes it (French titles keep it as an alias)


def _heads(lex, cues: Cues) -> tuple[set[str], set[str]]:
    last_en: Counter = Counter()
    first_fr: Counter = Counter()
    for role in lex.roles.values():
        for name, lang, tier in role.tiered_names():
            words = norm_phrase(name)
            if tier > 2 or not words:
                continue
            if lang == "en":
                cut = next((k for k, w in enumerate(words) if w in _PREPOSITIONS_EN and k), len(words))
                last_en[words[cut - 1]] += 1
            elif lang == "fr":
                first_fr[words[0]] += 1
    en = {w for w, n in last_en.items() if n >= _MIN_HEAD_NAMES and len(w) > 2} | cues.title_heads_en
    fr = {w for w, n in first_fr.items() if n >= _MIN_HEAD_NAMES - 1 and len(w) > 2} | cues.title_heads_fr
    return en - cues.not_heads, fr - cues.not_heads


class TitleGrammar:
    """Tells head nouns, modifiers and seniority words apart, and finds titles, for one lexicon and one set of cues."""

    def __init__(self, lex, cues: Cues, english: English):
        self.cues = cues
        self.complement_heads = _COMPLEMENT_HEADS
        self.seniority_firsts = {words[0] for words in cues.seniority_words}
        self.heads_en, self.heads_fr = _heads(lex, cues)
        self.role_words: set[str] = set()  # every word of a role's name: the strict vocabulary
        self.vocabulary: set[str] = set()  # and of a skill's name
        english_words: set[str] = set()
        for table, target in ((lex.roles, self.role_words), (lex.skills, self.vocabulary)):
            for c in table.values():
                for name, lang, _tier in c.tiered_names():
                    words = norm_phrase(name)
                    target.update(words)
                    if lang == "en":
                        english_words.update(words)
        self.role_words -= STOPWORDS | cues.not_modifiers
        self.vocabulary = (self.vocabulary | self.role_words) - STOPWORDS - cues.not_modifiers
        self.english = english.with_vocabulary(english_words - STOPWORDS)

    # --- words -------------------------------------------------------------------

    def is_head(self, norm: str, lang: str | None) -> bool:
        """A word that names a person doing a job."""
        return (lang != "fr" and norm in self.heads_en) or (lang != "en" and norm in self.heads_fr)

    def names_a_person(self, name: str, lang: str | None) -> bool:
        """Whether a taxonomy's label is a job title (not "consumer electronics" or "data science")."""
        words = norm_phrase(name)
        if not words:
            return False
        if name.replace(" ", "").isupper() and len(name) <= 6:
            return True  # an acronym: CTO, DBA
        if lang == "fr":
            return self.is_head(words[0], "fr") or self.is_head(words[-1], "en") or bool(_AGENT.search(words[0]))
        cut = next((k for k, w in enumerate(words) if w in _PREPOSITIONS_EN and k), len(words))
        return self.is_head(words[cut - 1], "en") or bool(_AGENT.search(words[cut - 1]))

    def seniority(self, tokens: list[Token], i: int) -> tuple[int, str] | None:
        """The seniority word(s) starting at token ``i``: (how many tokens, the English word)."""
        if i >= len(tokens) or tokens[i].norm not in self.seniority_firsts:
            return None
        for n in (2, 1):
            words = tuple(t.norm for t in tokens[i:i + n])
            if len(words) == n and words in self.cues.seniority_words:
                return n, self.cues.seniority_words[words]
        return None

    def is_modifier(self, tok: Token, *, title_case: bool, strict: bool = False) -> bool:
        """A word that can qualify a head noun in a title: a word of the trade, not a determiner or adjective.

        In running text written in title case, capitalised words count too
        ("Kubernetes Engineer"); ``strict`` (headings, lower-case titles) asks
        for a word of the lexicon's role names.
        """
        norm = tok.norm
        if norm in self.cues.not_modifiers or norm in STOPWORDS or not tok.text[:1].isalnum() or tok.text.isdigit():
            return False
        if strict:
            return norm in self.role_words or (tok.text.isupper() and len(tok.text) >= 2)
        if norm in self.vocabulary:
            return True
        return title_case and (tok.text[:1].isupper() or any(c.isupper() for c in tok.text[1:]))

    # --- titles in a document ----------------------------------------------------------

    def find(self, an: Analysis, taken: set[int], known: set[int] = frozenset()) -> list[Title]:
        """Titles the grammar recognises in ``an``, outside the ``taken`` token positions.

        Tokens in ``known`` (names the lexicon has) may be modifiers of a
        title, not its head: "Developer Advocate".

        English titles are looked for in every document (French pages use
        them: "Head of Engineering"), French ones in French and mixed ones.
        """
        out = self.english_titles(an, taken, known)
        if an.doc.language != "en":
            used = set(taken) | set(known)
            for t in out:
                used.update(range(t.i, t.j))
            out += self.french_titles(an, used)
        return out

    def _bound(self, text: str, a: Token, b: Token) -> bool:
        """Whether ``a`` and ``b`` are written as one compound ("Staff-plus", "Full-stack")."""
        return text[a.end:b.start] == "-"

    def _adjacent(self, text: str, a: Token, b: Token) -> bool:
        gap = text[a.end:b.start]
        return len(gap) <= 2 and not any(c in ",.;:()!?/\n\"“”«»|[]*#" for c in gap)

    def _unit(self, an: Analysis, k: int) -> Unit | None:
        return an.unit_of_token(k)

    def _title_case_unit(self, an: Analysis, unit: Unit | None) -> bool:
        """Headings and lines where most words are capitalised: capitals there say nothing about titles."""
        if unit is None:
            return False
        if unit.kind == "heading":
            return True
        words = [t for t in an.tokens[unit.first:unit.last] if t.text[:1].isalpha() and t.norm not in STOPWORDS]
        return len(words) >= 3 and sum(1 for t in words if t.text[:1].isupper()) >= 0.7 * len(words)

    def english_titles(self, an: Analysis, taken: set[int], known: set[int] = frozenset()) -> list[Title]:
        toks, text = an.tokens, an.text
        out: list[Title] = []
        used = set(taken)
        for k, tok in enumerate(toks):
            if k in used or k in known or tok.norm not in self.heads_en or tok.norm in self.cues.not_modifiers:
                continue
            if tok.start and text[tok.start - 1] in _APOSTROPHES:
                continue
            if an.doc.language == "fr" and not tok.text[:1].isupper() and not (k and toks[k - 1].text.isupper()) \
                    and not (k + 1 < len(toks) and toks[k + 1].norm == "of" and k and toks[k - 1].norm in _FR_LINKS):
                continue  # in French text, English titles are capitalised ("Head Of Engineering", "UI designer"),
                # or follow "de" with their own "of" ("un poste de head of design")
            found = self._english_at(an, k, used)
            if found is None:
                continue
            out.append(found)
            used.update(range(found.i, found.j))
        return out

    def modifiers_before(self, an: Analysis, k: int, used: set[int], *, title_case: bool, strict: bool,
                         seniority_ok: bool = True, limit: int = 4, modified: bool = False
                         ) -> tuple[int, int, list[str]]:
        """Walk back from the title word at ``k`` over its modifiers.

        ``modified``: the word at ``k`` already has a modifier after it (a known
        two-word title), so "and" may join another one before it ("IT Service
        and Operations Manager"). Returns the title's first token, the first token after its seniority
        words, and the seniority words in English.
        """
        toks, text = an.tokens, an.text
        unit = an.unit_of_token(k)
        unit_first = unit.first if unit else 0
        a = k
        seniority: list[str] = []
        while a - 1 >= 0 and k - a < limit and (a - 1) not in used and self._adjacent(text, toks[a - 1], toks[a]):
            prev = toks[a - 1]
            if prev.start and text[prev.start - 1] in _APOSTROPHES:
                break
            if a == k and self._bound(text, prev, toks[a]):
                break  # "Cert-Manager": a name with a hyphen, not a title
            s = self.seniority(toks, a - 1) if seniority_ok else None
            if s is None and seniority_ok and a - 2 >= 0:
                s2 = self.seniority(toks, a - 2)
                if s2 and s2[0] == 2:
                    s = s2
            if s is not None:
                n = s[0]
                first = toks[a - n]
                if (first.text[:1].isupper() == title_case) or (a - n == unit_first) or not title_case:
                    seniority.insert(0, s[1])
                    a -= n
                    continue
                break
            if seniority:
                break  # modifiers come after seniority words: "Senior Data Engineer"
            if prev.norm in _EN_AND and title_case and a - 2 >= 0 and toks[a - 2].text[:1].isupper() \
                    and self.is_modifier(toks[a - 2], title_case=True, strict=True) and (a < k or modified):
                a -= 1  # "IT Service and Operations Manager"
                continue
            if a + 1 <= k and self._bound(text, prev, toks[a]) and a < k:
                a -= 1  # the first half of a compound modifier: "Staff-plus", "Full-stack"
                continue
            sentence_start = a - 1 == unit_first
            case_ok = prev.text[:1].isupper() == title_case or (sentence_start and prev.text[:1].isupper()) \
                or (not title_case and prev.text[:1].isupper() and prev.text.isupper())
            if not case_ok:
                if not title_case and prev.text[:1].isupper() and self.is_modifier(prev, title_case=True, strict=strict):
                    a -= 1  # "Staff engineers": the writer capitalised the title's own word
                    continue
                break
            # a capital that opens the sentence says nothing: "Unlike Project Managers, ..."
            if not self.is_modifier(prev, title_case=title_case, strict=strict or sentence_start):
                break
            a -= 1
        while a < k and toks[a].norm in _EN_AND:
            a += 1
        m = a
        for _w in seniority:
            s = self.seniority(toks, m)
            m += s[0] if s else 1
        return a, m, seniority

    def _english_at(self, an: Analysis, k: int, used: set[int]) -> Title | None:
        toks, text = an.tokens, an.text
        tok = toks[k]
        unit = an.unit_of_token(k)
        title_case = tok.text[:1].isupper()
        in_heading = self._title_case_unit(an, unit)
        strict = in_heading or not title_case
        a, _m, seniority = self.modifiers_before(an, k, used, title_case=title_case, strict=strict)
        b = k + 1
        # "of" complements: "Head of Platform", "Director of Application Support", "Developer in Test"
        if b + 1 < len(toks) and tok.norm in _COMPLEMENT_HEADS and toks[b].norm in _EN_OF | {"in"} \
                and self._adjacent(text, toks[b - 1], toks[b]):
            c = b + 1
            while c < len(toks) and c - b <= 4 and c not in used and self._adjacent(text, toks[c - 1], toks[c]):
                w = toks[c]
                if w.norm in _EN_AND and c > b + 1 and c + 1 < len(toks) and toks[c + 1].text[:1].isupper():
                    c += 1
                    continue
                if title_case and not (w.text[:1].isupper() and self.is_modifier(w, title_case=True)):
                    break
                if not title_case and not self.is_modifier(w, title_case=False, strict=True):
                    break
                c += 1
            while c > b + 1 and toks[c - 1].norm in _EN_AND:
                c -= 1
            if c > b + 1 and (toks[b].norm != "in" or toks[b + 1].norm == "test"):
                b = c
        if b - a < 2:
            return None
        if not title_case and not self._lower_ok(an, a, k, unit):
            return None
        words = [t.text for t in toks[a:b]]
        if toks[k].text.lower().endswith("s") and toks[k].norm != toks[k].text.lower():
            words[k - a] = toks[k].text[:-1]  # "game developers" -> "Game Developer"
        return Title(a, b, _join(text, toks, a, b, words), "en", tuple(seniority))

    def _lower_ok(self, an: Analysis, a: int, k: int, unit: Unit | None) -> bool:
        """Whether a lower-case title may start at token ``a``: the text announces one there."""
        toks = an.tokens
        if unit is None:
            return False
        if any(t.text[:1].isupper() for t in toks[a + 1:k]) or (a > unit.first and toks[a].text[:1].isupper()):
            return True  # "Staff engineers", "the DevOps engineer": capitals of its own
        if unit.kind in ("item", "row") and unit.last - unit.first <= 8:
            return True
        start = unit.first
        if a == start or (a == start + 1 and toks[start].norm in _DETERMINERS):
            return True  # the subject of the sentence
        for back in (1, 2, 3):
            c = a - back
            if c < 0:
                break
            for n, _p in self.cues.lower_cues.all_at(toks, c):
                if c + n == a:
                    return True
        return False

    # --- French --------------------------------------------------------------------

    def french_titles(self, an: Analysis, used: set[int]) -> list[Title]:
        toks, text = an.tokens, an.text
        out: list[Title] = []
        used = set(used)
        for k, tok in enumerate(toks):
            if k in used or tok.norm not in self.heads_fr or not self._french_title_start(toks, k):
                continue
            b = k + 1
            while b < len(toks) and b - k <= 5 and self._adjacent(text, toks[b - 1], toks[b]) and b not in used:
                w = toks[b].norm
                if w in _FR_LINKS and b + 1 < len(toks) and self._adjacent(text, toks[b], toks[b + 1]):
                    nxt = b + 1
                    if toks[nxt].norm in _FR_ARTICLES and nxt + 1 < len(toks):
                        nxt += 1
                    if toks[nxt].norm in self.vocabulary and toks[nxt].norm not in STOPWORDS:
                        b = nxt + 1
                        continue
                    break
                if w in STOPWORDS or w in _DETERMINERS or len(w) < 2 or w not in self.vocabulary:
                    if not (self.seniority(toks, b) and b > k + 1):
                        break
                b += 1
            if b - k < 2 and not self._lone_head(an, k):
                continue
            out.append(self.french_title(an, k, b))
            used.update(range(k, b))
        return out

    def french_title(self, an: Analysis, k: int, b: int) -> Title:
        toks, text = an.tokens, an.text
        seniority = []
        end = b
        while end > k + 1 and self.seniority(toks, end - 1):  # "administrateur junior", "ingénieur principal"
            seniority.insert(0, self.seniority(toks, end - 1)[1])
            end -= 1
        written = " ".join(text[toks[k].start:toks[b - 1].end].split())
        english = self.english.phrase([(t.norm, t.text) for t in toks[k:end]])
        written = written[:1].upper() + written[1:]
        if english is None:
            return Title(k, b, written, "fr", tuple(seniority), written)
        label = title_label(list(seniority) + english.split())
        return Title(k, b, label, "en", tuple(seniority), written)

    def _lone_head(self, an: Analysis, k: int) -> bool:
        """A head noun alone is a title in a heading, capitalised: "Le métier de Testeur"."""
        unit = an.unit_of_token(k)
        return bool(unit and unit.kind == "heading" and an.tokens[k].text[:1].isupper()
                    and (k == unit.first or an.tokens[k - 1].norm in _FR_LINKS | _DETERMINERS))

    def _french_title_start(self, toks: list[Token], k: int) -> bool:
        prev = toks[k - 1].norm if k else ""
        prev2 = toks[k - 2].norm if k > 1 else ""
        if prev in self.cues.copulas or prev == "en" or (prev in _DETERMINERS and prev2 in self.cues.copulas):
            return False  # "il est responsable de", "en charge de", "c'est un expert en"
        if k + 2 < len(toks) and (toks[k + 1].norm, toks[k + 2].norm) in _FR_IDIOMS:
            return False
        nxt = toks[k + 1].norm if k + 1 < len(toks) else ""
        if nxt in _FR_LINKS and k + 2 < len(toks) and toks[k + 2].norm in _DETERMINERS:
            return nxt in ("de", "d") and toks[k + 2].norm in ("la", "l")  # "responsable de la sécurité"
        return nxt not in _DETERMINERS and nxt not in STOPWORDS or nxt in _FR_LINKS


def _join(text: str, toks: list[Token], a: int, b: int, words: list[str]) -> str:
    """Words of a title as a label, hyphenated compounds kept ("Staff-plus Engineer")."""
    parts = [words[0]]
    for n in range(a + 1, b):
        sep = "-" if text[toks[n - 1].end:toks[n].start] == "-" else " "
        parts.append(sep + words[n - a])
    label = title_label("".join(parts).split(" "))
    return label
