"""Text normal forms shared by every layer: folding and singular words for matching, slugs for IRIs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "slugify", "content_words", "norm_word", "norm_phrase", "money_range", "STOPWORDS"]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words too common to tell two labels apart (English and French).
STOPWORDS = frozenset(
    """a an the of and or to in on for with by from at as its their his her our your
    be is are that this these those into than then de la le les des du et en d l un une
    pour sur au aux dans par avec ou son sa ses leur leurs qui que""".split()
)


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse punctuation to single spaces.

    >>> fold("Lead  Développeur·euse / CTO")
    'lead developpeur euse cto'
    >>> fold("Directeur des systèmes d’information")
    'directeur des systemes d information'
    """
    if text.isascii():  # most words: nothing to decompose
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(_NON_WORD.split(text)).strip()


def slugify(text: str) -> str:
    """A readable, stable IRI segment: folded words joined by hyphens.

    Apostrophes vanish rather than split a word, so "master's" gives "masters".

    >>> slugify("VP of Engineering")
    'vp-of-engineering'
    >>> slugify("Master's degree (bac+5)")
    'masters-degree-bac-5'
    """
    text = text.translate(_APOSTROPHES).replace("'", "")
    return fold(text).replace(" ", "-") or "unnamed"


def content_words(text: str) -> list[str]:
    """Folded words of three letters or more that are not stopwords.

    >>> content_words("Gestion du risque et des budgets")
    ['gestion', 'risque', 'budgets']
    """
    return [w for w in fold(text).split() if len(w) >= 3 and w not in STOPWORDS]


@lru_cache(maxsize=200_000)
def norm_word(word: str) -> str:
    """Folded and made singular, so that plurals and accents do not matter.

    >>> [norm_word(w) for w in ["Développeurs", "CTOs", "process", "Systèmes"]]
    ['developpeur', 'cto', 'process', 'systeme']
    """
    w = fold(word).replace(" ", "")
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    if len(w) > 4 and w.endswith("aux"):
        return w[:-3] + "al"
    return w


def norm_phrase(phrase: str) -> tuple[str, ...]:
    """The normal form of each word of ``phrase`` (see :func:`norm_word`).

    >>> norm_phrase("Directeurs  Techniques")
    ('directeur', 'technique')
    """
    return tuple(norm_word(w) for w in _WORD.findall(phrase))


def money_range(low: float | None, high: float | None, lang: str = "en") -> str:
    """A salary's bounds as people write them: a range, one figure, "from X" or "up to X".

    >>> [money_range(*b) for b in [(50000, 60000), (50000, 50000), (50000, None), (None, 60000)]]
    ['50,000–60,000', '50,000', 'from 50,000', 'up to 60,000']
    >>> money_range(None, 60000, "fr")
    "jusqu'à 60,000"
    """
    if low is None and high is None:
        return "?"
    if high is None:
        return f"{'from' if lang != 'fr' else 'à partir de'} {low:,.0f}"
    if low is None:
        return f"{'up to' if lang != 'fr' else 'jusqu’à'} {high:,.0f}".replace("’", "'")
    if low == high:
        return f"{low:,.0f}"
    return f"{low:,.0f}–{high:,.0f}"


_PERIODS = {"P1Y": ("a year", "par an"), "P1M": ("a month", "par mois"), "P1W": ("a week", "par semaine"),
            "P1D": ("a day", "par jour"), "PT1H": ("an hour", "de l'heure")}


def per_period(period: str | None, lang: str = "en") -> str:
    """A salary's period as people say it.

    >>> per_period("P1Y"), per_period("P1M", "fr"), per_period("P3M")
    ('a year', 'par mois', 'per P3M')
    """
    words = _PERIODS.get(period or "")
    if words is None:
        return f"per {period}" if period else ""
    return words[1] if lang == "fr" else words[0]
