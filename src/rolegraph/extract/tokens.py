"""Tokens with offsets, and a phrase matcher over them (the gazetteer)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import fold

__all__ = ["Token", "tokenize", "norm_word", "norm_phrase", "Phrase", "PhraseMatcher"]

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str  # surface form
    norm: str  # folded, singular


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


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group(), norm_word(m.group()))
            for m in _WORD.finditer(text, start, end)]


def norm_phrase(phrase: str) -> tuple[str, ...]:
    return tuple(norm_word(w) for w in _WORD.findall(phrase))


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase to find: normalised words; ``prefix`` lets the last word be a prefix."""

    words: tuple[str, ...]
    value: object
    prefix: bool = False
    upper: bool = False  # the surface must be upper case (acronyms)


class PhraseMatcher:
    """Finds the longest known phrase at each position, left to right."""

    def __init__(self, phrases=()):
        self._by_first: dict[str, list[Phrase]] = {}
        self._prefixed: dict[str, list[Phrase]] = {}  # one-word prefixes, by first two letters
        for p in phrases:
            self.add(p)

    def add(self, phrase: Phrase) -> None:
        if not phrase.words:
            return
        if phrase.prefix and len(phrase.words) == 1:
            self._prefixed.setdefault(phrase.words[0][:2], []).append(phrase)
            return
        self._by_first.setdefault(phrase.words[0], []).append(phrase)

    def _match_at(self, tokens: list[Token], i: int) -> list[tuple[int, Phrase]]:
        out = []
        for p in self._by_first.get(tokens[i].norm, ()):
            n = len(p.words)
            if i + n > len(tokens):
                continue
            ok = all(tokens[i + k].norm == p.words[k] for k in range(n - 1))
            last = tokens[i + n - 1].norm
            ok = ok and (last.startswith(p.words[-1]) if p.prefix else last == p.words[-1])
            # words of one phrase must be adjacent in the text (no line break between)
            ok = ok and all(tokens[i + k + 1].start - tokens[i + k].end <= 3 for k in range(n - 1))
            if ok and p.upper and not all(t.text[:2].isupper() or t.text.isdigit()
                                          for t in tokens[i:i + n]):
                ok = False
            if ok:
                out.append((n, p))
        for p in self._prefixed.get(tokens[i].norm[:2], ()):
            if tokens[i].norm.startswith(p.words[0]):
                out.append((1, p))
        return out

    def find(self, tokens: list[Token], overlapping: bool = False):
        """Yield ``(i, j, phrase)`` token ranges, longest first at each position."""
        i = 0
        while i < len(tokens):
            found = self._match_at(tokens, i)
            if found:
                found.sort(key=lambda x: -x[0])
                if overlapping:
                    for n, p in found:
                        yield i, i + n, p
                else:
                    n, p = found[0]
                    yield i, i + n, p
                    i += n
                    continue
            i += 1

    def all_at(self, tokens: list[Token], i: int) -> list[tuple[int, Phrase]]:
        return sorted(self._match_at(tokens, i), key=lambda x: -x[0]) if i < len(tokens) else []
