"""A French→English glossary learnt from ESCO's bilingual labels.

ESCO names each of its ~3,000 occupations and thousands of skills in both
languages ("technicien de maintenance informatique" / "IT maintenance
technician"). Across those label pairs a French word and its English
equivalent keep turning up together; the Dice coefficient of their
co-occurrence finds the pairs (``maintenance`` → maintenance, ``donnée`` →
data, ``chef`` → manager), and short labels give phrase entries
("base de données" → database). Extraction uses the glossary to give French
titles, skills and missions an English label when no concept of the lexicon
matches them.

The shipped glossary is derived by ``data/reference/derive.py`` and stored as
a tab-separated file with its source and licence in its header.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ...text import STOPWORDS, norm_phrase
from .files import Bundle, ReferenceFileError, rows

__all__ = ["GlossaryEntry", "esco_label_pairs", "align", "write_glossary", "read_glossary"]

_LABELLED = re.compile(r"(?:occupations|skills|skillGroups|ISCOGroups|[A-Za-z]+SkillsCollection)_(?P<lang>en|fr)\.csv")
_MIN_PAIRS = 3  # a word pair seen once is as likely chance as translation
_MIN_DICE = 0.3
_MIN_SHARE = 0.5
_MAX_PHRASE_WORDS = 3


@dataclass(frozen=True, order=True)
class GlossaryEntry:
    """French words (normalised, space-separated) and their English equivalent, with the evidence."""

    fr: str
    en: str
    pairs: int  # label pairs in which both occur
    dice: float


def esco_label_pairs(paths) -> list[tuple[str, str]]:
    """(French, English) preferred labels of every ESCO concept named in both languages.

    Reads every ``<kind>_en.csv`` / ``<kind>_fr.csv`` with ``conceptUri`` and
    ``preferredLabel`` columns (occupations, skills, skill groups, the skill
    collections). French labels written "masculine/feminine" give one pair each.
    """
    bundle = Bundle(paths, what="an ESCO download")
    labels: dict[str, dict[str, str]] = {"en": {}, "fr": {}}
    for member in bundle.members:
        m = _LABELLED.fullmatch(member.name)
        if not m:
            continue
        for _line, row in rows(member, required=("conceptUri", "preferredLabel")):
            label = " ".join(row["preferredLabel"].split())
            if label:
                labels[m["lang"]].setdefault(row["conceptUri"].strip(), label)
    out = []
    for uri, fr in sorted(labels["fr"].items()):
        en = labels["en"].get(uri)
        if en:
            for form in dict.fromkeys(f.strip() for f in fr.split("/")):
                if form:
                    out.append((form, en))
    return out


def _content(label: str) -> tuple[str, ...]:
    return tuple(w for w in norm_phrase(label) if w not in STOPWORDS and not w.isdigit())


def align(pairs: list[tuple[str, str]]) -> list[GlossaryEntry]:
    """Word and short-phrase equivalents from parallel labels, by the Dice coefficient of co-occurrence."""
    fr_count: Counter = Counter()
    en_count: Counter = Counter()
    both: Counter = Counter()
    surface: dict[str, Counter] = {}
    phrases: Counter = Counter()
    for fr, en in pairs:
        fw, ew = set(_content(fr)), set(_content(en))
        fr_count.update(fw)
        en_count.update(ew)
        both.update((f, e) for f in fw for e in ew)
        for word in re.findall(r"[^\W_]+", en):
            surface.setdefault(norm_phrase(word)[0], Counter())[word.lower() if not word.isupper() else word] += 1
        fwords, ewords = _content(fr), en.split()
        if 2 <= len(fwords) <= _MAX_PHRASE_WORDS and len(ewords) <= 2 and len(ewords) < len(fwords):
            phrases[(" ".join(fwords), en.lower() if not en.isupper() else en)] += 1

    def spelled(norm: str) -> str:  # the singular as written ("services" -> "service")
        forms = surface.get(norm)
        if not forms:
            return norm
        return norm if norm in forms else forms.most_common(1)[0][0]

    # a pair is kept when it co-occurs often enough and either is specific to each other (Dice) or the
    # English word follows the French one in most of its labels ("directeur" -> manager, 72 %)
    ranked: dict[str, tuple[tuple, GlossaryEntry]] = {}
    for (f, e), n in both.items():
        if n < _MIN_PAIRS:
            continue
        dice = 2 * n / (fr_count[f] + en_count[e])
        share = n / fr_count[f]
        if dice < _MIN_DICE and share < _MIN_SHARE:
            continue
        # best first; on a tie, the English word that comes first alphabetically: the same
        # glossary whatever order Python's sets happen to list the words in
        rank = (dice * share, n, tuple(-ord(c) for c in e))
        if f not in ranked or rank > ranked[f][0]:
            ranked[f] = (rank, GlossaryEntry(f, spelled(e), n, round(dice, 3)))
    best = {f: entry for f, (_rank, entry) in ranked.items()}
    for (f, e), n in phrases.items():
        if f not in best:
            best[f] = GlossaryEntry(f, e, n, 1.0)
    return sorted(best.values())


_HEADER = "# French→English glossary derived from ESCO's bilingual labels by rolegraph ({source}).\n" \
          "# {attribution}\n# columns: fr (normalised words), en, label pairs, Dice coefficient\n"


def write_glossary(entries: list[GlossaryEntry], path: Path | str, *, source: str, attribution: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [_HEADER.format(source=source, attribution=attribution)]
    lines += [f"{e.fr}\t{e.en}\t{e.pairs}\t{e.dice:.3f}\n" for e in sorted(entries)]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def read_glossary(path: Path | str) -> dict[str, str]:
    """French words (normalised, space-separated) -> English, from a file :func:`write_glossary` wrote."""
    out = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            raise ReferenceFileError(str(path), f"{len(cells)} cells where 4 are expected", n)
        out[cells[0]] = cells[1]
    return out
