"""Tokens with offsets, and a phrase matcher over them (the gazetteer)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from ..text import norm_phrase, norm_word

__all__ = ["Token", "tokenize", "norm_word", "norm_phrase", "Phrase", "PhraseMatcher"]

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


class Token(NamedTuple):
    """A word with its offsets (a tuple: documents have hundreds of thousands of them)."""

    start: int
    end: int
    text: str  # surface form
    norm: str  # folded, singular


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    new = tuple.__new__  # skips NamedTuple's keyword handling: twice as fast on long documents
    return [new(Token, (m.start(), m.end(), w, norm_word(w)))
            for m in _WORD.finditer(text, start, end) for w in (m.group(),)]


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
        self._longest = 1  # words in the longest phrase
        for p in phrases:
            self.add(p)

    def add(self, phrase: Phrase) -> None:
        if not phrase.words:
            return
        self._longest = max(self._longest, len(phrase.words))
        if phrase.prefix and len(phrase.words) == 1:
            self._prefixed.setdefault(phrase.words[0][:2], []).append(phrase)
            return
        self._by_first.setdefault(phrase.words[0], []).append(phrase)

    def _match_at(self, tokens: list[Token], i: int, norms: list[str] | None) -> list[tuple[int, Phrase]]:
        out = []
        first = tokens[i]
        first_norm = first.norm if norms is None else norms[i]
        n_tokens = len(tokens)
        for p in self._by_first.get(first_norm, ()):
            words = p.words
            n = len(words)
            if i + n > n_tokens:
                continue
            ok = True
            prev = first
            for k in range(1, n):
                tok = tokens[i + k]
                norm = tok.norm if norms is None else norms[i + k]
                # words of one phrase must be adjacent in the text (no line break between)
                if tok.start - prev.end > 3:
                    ok = False
                    break
                if k == n - 1 and p.prefix:
                    ok = norm.startswith(words[k])
                elif norm != words[k]:
                    ok = False
                if not ok:
                    break
                prev = tok
            if ok and n == 1 and p.prefix:
                ok = first_norm.startswith(words[0])
            if ok and p.upper and not all(t.text[:2].isupper() or t.text.isdigit()
                                          for t in tokens[i:i + n]):
                ok = False
            if ok:
                out.append((n, p))
        for p in self._prefixed.get(first_norm[:2], ()):
            if first_norm.startswith(p.words[0]):
                out.append((1, p))
        return out

    def find(self, tokens: list[Token], overlapping: bool = False, norms: list[str] | None = None):
        """Yield ``(i, j, phrase)`` token ranges, longest first at each position.

        ``norms`` gives another normal form per token to match on (lemmas, say);
        by default each token's own ``norm``.
        """
        by_first, prefixed = self._by_first, self._prefixed
        # the common case is that no phrase starts at a token: find the few that can first
        words = [t[3] for t in tokens] if norms is None else norms
        if prefixed:
            starts = [i for i, w in enumerate(words) if w in by_first or w[:2] in prefixed]
        else:
            starts = [i for i, w in enumerate(words) if w in by_first]
        resume = 0
        for i in starts:
            if i < resume:
                continue
            found = self._match_at(tokens, i, norms)
            if not found:
                continue
            found.sort(key=lambda x: -x[0])
            if overlapping:
                for n, p in found:
                    yield i, i + n, p
            else:
                n, p = found[0]
                yield i, i + n, p
                resume = i + n

    def all_at(self, tokens: list[Token], i: int) -> list[tuple[int, Phrase]]:
        """Every phrase that starts at token ``i``, longest first."""
        if i >= len(tokens):
            return []
        window = tokens[i:i + self._longest]
        return sorted(self._match_at(window, 0, None), key=lambda x: -x[0])
