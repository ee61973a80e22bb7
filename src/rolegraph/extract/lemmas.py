"""Lemmas of words, English and French, with simplemma; cached, and computed once per document.

Preparing the extractor lemmatises every word of the lexicon's names (some
ten thousand, over a second). ``data/cues/lemmas.tsv`` holds those lemmas
as simplemma gives them, written by ``python -m rolegraph.extract.lemmas``
from the shipped lexicon; it is used only with the simplemma version it was
made with, and a word it lacks is lemmatised as usual, so a stale table
costs time, never a different answer.

simplemma's dictionaries are read through its trie-backed factory
(marisa-trie): built once per simplemma version into the user's cache
folder, then opened in milliseconds, where decoding the shipped English and
French dictionaries takes most of a second in every process. The lemmas are
the same (the same dictionaries, another container).
"""

from __future__ import annotations

import sys

from ..locations import data_dir
from ..text import fold
from .structure import Analysis

__all__ = ["lemma", "lemma_norms", "verb_lemmas", "TABLE"]

TABLE = data_dir() / "cues" / "lemmas.tsv"
_CACHE: dict[str, str] = {}
_LIMIT = 200_000  # words cached before the cache starts again (from the table)
_loaded = False


def _simplemma_version() -> str:
    from importlib.metadata import version

    return version("simplemma")


def _load_table() -> None:
    """Fill the cache from the shipped table when it was made with this simplemma."""
    global _loaded
    _loaded = True
    try:
        with open(TABLE, encoding="utf-8") as fh:
            head = fh.readline().strip()
            if head != f"# simplemma {_simplemma_version()}":
                return
            for line in fh:
                word, _tab, base = line.rstrip("\n").partition("\t")
                _CACHE[word] = base
    except OSError:
        return


def _make_lemmatizer():
    """simplemma's ``lemmatize``, over cached tries when marisa-trie is installed."""
    import simplemma

    from simplemma.strategies import DefaultStrategy

    try:
        try:
            from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieDictionaryFactory
        except ImportError:  # simplemma 1.x spelt the module so
            from simplemma.strategies.dictionaries.trie_directory_factory import TrieDictionaryFactory
        factory = TrieDictionaryFactory(cache_max_size=2)
    except ImportError:  # marisa-trie or platformdirs missing: simplemma's own dictionaries
        return simplemma.lemmatize
    return simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)).lemmatize


_lemmatize = None


def lemma(word: str) -> str:
    """The folded lemma of a word: "designs" -> design, "conçoit" -> concevoir."""
    found = _CACHE.get(word)
    if found is not None:
        return found
    if not _loaded:
        _load_table()
        if word in _CACHE:
            return _CACHE[word]
    global _lemmatize
    if not word:
        return word
    if _lemmatize is None:
        _lemmatize = _make_lemmatizer()
    if len(_CACHE) > _LIMIT:
        _CACHE.clear()
        _load_table()
    base = _CACHE[word] = fold(_lemmatize(word, lang=("fr", "en")))
    return base


def write_table(path=TABLE) -> int:
    """Lemmatise the words preparing an extractor for the shipped lexicon asks for; write them to ``path``."""
    global _loaded
    from ..knowledge.lexicon import load_lexicon
    from . import Extractor, items

    _CACHE.clear()
    items._CONTENT.clear()  # the item matcher's own memo of lemmas would hide words from the table
    _loaded = True  # compute every word afresh
    Extractor(load_lexicon())
    lines = [f"{w}\t{b}\n" for w, b in sorted(_CACHE.items()) if "\t" not in w and "\n" not in w]
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# simplemma {_simplemma_version()}\n")
        fh.writelines(lines)
    return len(lines)


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


if __name__ == "__main__":  # python -m rolegraph.extract.lemmas: rewrite the shipped table
    from rolegraph.extract import lemmas  # the module the extractor uses, not this __main__ copy

    print(f"{lemmas.write_table()} lemmas written to {TABLE}", file=sys.stderr)
