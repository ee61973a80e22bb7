"""Lemmas of words, English and French, with simplemma; cached, and computed once per document."""

from __future__ import annotations

from functools import lru_cache

from ..text import fold
from .structure import Analysis

__all__ = ["lemma", "lemma_norms", "verb_lemmas"]


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """The folded lemma of a word: "designs" -> design, "conçoit" -> concevoir."""
    import simplemma

    if not word:
        return word
    return fold(simplemma.lemmatize(word, lang=("fr", "en")))


def lemma_norms(an: Analysis) -> list[str]:
    """The lemma of every token of the document, computed once per document."""
    lemmas = an.memo.get("lemmas")
    if lemmas is None:
        lemmas = an.memo["lemmas"] = [lemma(t[3]) for t in an.tokens]
    return lemmas


def verb_lemmas(tokens) -> list[str]:
    """The lemma of each token's surface form (accents kept until after lemmatising).

    Better for verbs than :func:`lemma_norms` ("démarré" is "démarrer", whereas
    its folded form "demarre" is unknown to the lemmatiser); the lexicon's
    lemma index is built from folded words, so item matching keeps those.
    Computed per unit, and only for units that name a role.
    """
    return [lemma(t[2].lower()) for t in tokens]
