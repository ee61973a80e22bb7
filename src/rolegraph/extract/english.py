"""English labels for French phrases the lexicon does not know: titles, skills, missions.

Word equivalents come from the glossary learnt from ESCO's bilingual labels
(``data/reference/glossary/fr_en.tsv``) and from the ``[english]`` table of
``data/cues/fr.toml`` (a few words of job writing the glossary gets wrong,
"chef" → manager, "informatique" → IT). English words already in the French
text ("responsable sécurité cloud") are kept.

French noun phrases put their head first and qualify it after, with "de"
between nouns; English does the reverse. So a French phrase is cut at its
"de"/"des"/"du"/"d'" links, the pieces are taken in reverse order and each
piece's words reversed: "responsable d'équipe technique" → "technical team
manager", "gestionnaire de base de données" → "database manager".
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import DataFileError
from ..knowledge.lexicon import read_toml
from ..knowledge.taxonomies.glossary import read_glossary
from ..locations import data_dir
from ..text import STOPWORDS, fold, norm_word
from .lemmas import lemma

__all__ = ["English", "load_english"]

_LINKS = {"de", "des", "du", "d", "en", "a", "au", "aux", "pour"}
_DROP = {"la", "le", "les", "l", "un", "une"}
# words a gloss leaves out: pronouns, auxiliaries, adverbs of sequence ("il est ensuite chargé de")
_FUNCTION = {"est", "sont", "etre", "son", "sa", "ses", "leur", "leurs", "lui", "se", "s", "y", "il", "elle",
             "ils", "elles", "ce", "cet", "cette", "ces", "tout", "toute", "tous", "toutes", "enfin", "ensuite",
             "souvent", "aussi", "egalement", "tres", "plus", "bien", "ainsi", "alors", "meme", "lui-meme",
             "elle-meme", "notamment", "qu", "que", "d", "l", "n", "ne", "pas", "on", "nous", "vous", "leur", "sien"}
_MAX_PHRASE = 3
_SMALL_WORDS = {"avec": "with", "pour": "to", "sur": "on", "dans": "in", "par": "by", "sans": "without",
                "entre": "between", "selon": "according to", "from": "from", "aux": "to", "au": "to"}


class English:
    """French words (normalised) to English, with the word order of English noun phrases."""

    def __init__(self, words: dict[str, str], english_words: set[str] | None = None):
        self.words = words
        self.english_words = english_words or set()
        self._longest = max((len(k.split()) for k in words), default=1)

    def with_vocabulary(self, english_words: set[str]) -> "English":
        """The same glossary, keeping these English words as they are when they occur in French text."""
        return English(self.words, english_words)

    def _english(self, norm: str, surface: str) -> str | None:
        if norm in self.words:
            return self.words[norm]
        if norm in self.english_words or surface.isupper() or norm.isdigit():
            return surface if surface.isupper() else surface.lower()
        base = lemma(surface.lower())  # "conçoit" -> concevoir, "données" -> donnée
        if base in self.words:
            return self.words[base]
        return None

    def gloss(self, text: str) -> tuple[str, float]:
        """An English gloss of a French skill or duty, and the share of its words the glossary knew.

        Verb phrases keep their order ("concevoir des plans de tests" ->
        "design test plans"); noun phrases take English order; words without
        an equivalent stay as written (tools and names usually need none).

        >>> English({"concevoir": "design", "plan": "plan", "test": "test"}).gloss("Concevoir des plans de tests")
        ('design test plan', 1.0)
        """
        chunks = re.split(r"(\s*,\s*|\s+(?:et|ou)\s+|\s*[;(){}\[\]]\s*)", text)
        out, known, total = [], 0, 0
        for chunk in chunks:
            if not chunk.strip() or re.fullmatch(r"\s*(?:,|;|et|ou|[(){}\[\]])\s*", chunk):
                sep = chunk.strip()
                out.append({"et": " and", "ou": " or", ",": ",", ";": ";"}.get(sep, " " + sep if sep else ""))
                continue
            chunk = re.sub(r"(?i)\bà partir d(?:e|es|u)\b|\ba partir d(?:e|es|u)\b", " from ", chunk)
            words = [(norm_word(w), w) for w in re.findall(r"[^\W_]+(?:-[^\W_]+)*", chunk)]
            words = [(n, w) for n, w in words if n not in _DROP and n not in _FUNCTION and fold(w) not in _FUNCTION]
            if not words:
                continue
            head: list[str] = []
            if len(words) > 1 and self._verb(words[0][1]):
                head = [self._english(*words[0]) or words[0][1]]
                words = words[1:]
            english = self.phrase(words)
            total += len(words) + len(head)
            if english is not None:
                known += len(words) + len(head)
            else:  # some word unknown: word by word, unknown ones as written
                english = " ".join(self._english(n, w) or _SMALL_WORDS.get(n, w) for n, w in words
                                   if n not in _LINKS or n in _SMALL_WORDS)
                known += len(head) + sum(1 for n, w in words if self._english(n, w) is not None or n in _LINKS)
            out.append(" " + " ".join(head + [english]))
        text_out = re.sub(r"\s+([,;])", r"\1", "".join(out)).strip()
        return text_out, (known / total if total else 0.0)

    def _verb(self, surface: str) -> bool:
        """A French verb the glossary translates (an infinitive or a conjugated form of one)."""
        base = lemma(surface.lower())
        return base.endswith(("er", "ir", "re")) and (base in self.words or fold(surface) in self.words)

    def phrase(self, words: list[tuple[str, str]]) -> str | None:
        """The English for a French noun phrase given as (normalised, surface) words; None when a word has none.

        >>> en = English({"responsable": "manager", "equipe": "team", "technique": "technical",
        ...               "gestionnaire": "manager", "base donnee": "database"})
        >>> en.phrase([("responsable", "Responsable"), ("d", "d"), ("equipe", "équipe"), ("technique", "technique")])
        'technical team manager'
        >>> en.phrase([("gestionnaire", "Gestionnaire"), ("de", "de"), ("base", "base"), ("de", "de"),
        ...            ("donnee", "données")])
        'database manager'
        """
        items = [(n, s) for n, s in words if n not in _DROP]
        pieces: list[list[str]] = [[]]
        k = 0
        while k < len(items):
            norm, surface = items[k]
            if norm in _LINKS:
                if pieces[-1]:
                    pieces.append([])
                k += 1
                continue
            found = self._known_phrase(items, k)
            if found:
                english, k = found
                pieces[-1].append(english)
                continue
            english = self._english(norm, surface)
            if english is None:
                return None
            pieces[-1].append(english)
            k += 1
        out = [w for piece in reversed(pieces) for w in reversed(piece)]
        return " ".join(out) or None

    def _known_phrase(self, items: list[tuple[str, str]], k: int) -> tuple[str, int] | None:
        """A glossary phrase starting at ``items[k]``, links inside it skipped: (its English, the index after it)."""
        for size in range(min(self._longest, _MAX_PHRASE), 1, -1):
            positions, m = [], k
            while m < len(items) and len(positions) < size:
                if items[m][0] not in _LINKS and items[m][0] not in STOPWORDS:
                    positions.append(m)
                elif not positions:
                    break
                m += 1
            if len(positions) == size:
                key = " ".join(items[p][0] for p in positions)
                if key in self.words:
                    return self.words[key], positions[-1] + 1
        return None

    def word(self, norm: str) -> str | None:
        return self.words.get(norm)


@lru_cache(maxsize=1)
def load_english() -> English:
    """The shipped glossary with the cue file's corrections on top."""
    words: dict[str, str] = {}
    path = data_dir() / "reference" / "glossary" / "fr_en.tsv"
    if path.exists():
        words.update(read_glossary(path))
    cue_file = data_dir() / "cues" / "fr.toml"
    table = read_toml(cue_file).get("english", {})
    for fr, en in table.get("words", {}).items():
        if not isinstance(en, str):
            raise DataFileError(cue_file, f"[english] words: {fr!r} must map to a string")
        words[" ".join(w for w in fr.split())] = en
    return English(words)
