"""Tokens with offsets, and a phrase matcher over them: a token trie (the gazetteer).

Tens of thousands of names (every title and alias of the lexicon, ESCO and
O*NET) are matched in one left-to-right pass: at each token the trie is walked
as far as the following tokens allow, so the cost per token does not grow with
the number of names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from ..text import norm_phrase, norm_word

__all__ = ["Token", "tokenize", "norm_word", "norm_phrase", "Phrase", "PhraseMatcher"]

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_END = "\0"  # trie key holding the phrases that end at a node (never a word)


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


class _Norms:
    """The tokens' normal forms, read on demand (a phrase looks at a few tokens, not the document)."""

    __slots__ = ("tokens",)

    def __init__(self, tokens):
        self.tokens = tokens

    def __getitem__(self, k: int) -> str:
        return self.tokens[k][3]


class PhraseMatcher:
    """Finds known phrases in token lists, longest first, with a token trie.

    Words of one phrase must be adjacent in the text (at most a space or a
    hyphen between them). A phrase whose last word ends with ``*`` in the cue
    files (``prefix``) matches any word starting so; such one-word phrases are
    kept apart, bucketed by their first two letters.
    """

    def __init__(self, phrases=()):
        self._root: dict = {}
        self._prefixed: dict[str, list[Phrase]] = {}  # one-word prefixes, by first two letters
        for p in phrases:
            self.add(p)

    def add(self, phrase: Phrase) -> None:
        words = phrase.words
        if not words:
            return
        if phrase.prefix and len(words) == 1:
            self._prefixed.setdefault(words[0][:2], []).append(phrase)
            return
        node = self._root
        last = len(words) - 1 if phrase.prefix else len(words)
        for w in words[:last]:
            node = node.setdefault(w, {})
        if phrase.prefix:  # the last word is a prefix: kept at its parent, tested by startswith
            node.setdefault("*", []).append(phrase)
        else:
            node.setdefault(_END, []).append(phrase)

    def _match_at(self, tokens: list[Token], i: int, words: list[str]) -> list[tuple[int, Phrase]]:
        """Every phrase starting at token ``i``: ``(length in tokens, phrase)``."""
        out: list[tuple[int, Phrase]] = []
        n_tokens = len(tokens)
        node = self._root.get(words[i])
        k = i  # the last token the walk has consumed
        while node is not None:
            for p in node.get(_END, ()):
                out.append((k - i + 1, p))
            j = k + 1
            if j >= n_tokens or tokens[j][0] - tokens[k][1] > 3:  # words of a phrase are adjacent
                break
            for p in node.get("*", ()):
                if words[j].startswith(p.words[-1]):
                    out.append((j - i + 1, p))
            node = node.get(words[j])
            k = j
        for p in self._prefixed.get(words[i][:2], ()):
            if words[i].startswith(p.words[0]):
                out.append((1, p))
        if any(p.upper for _n, p in out):
            out = [(n, p) for n, p in out if not p.upper or all(
                t[2][:2].isupper() or t[2].isdigit() for t in tokens[i:i + n])]
        return out

    def find(self, tokens: list[Token], overlapping: bool = False, norms: list[str] | None = None):
        """Yield ``(i, j, phrase)`` token ranges, longest first at each position.

        ``norms`` gives another normal form per token to match on (lemmas, say);
        by default each token's own ``norm``. Without ``overlapping``, a match
        consumes its tokens and the next search starts after it.
        """
        root, prefixed = self._root, self._prefixed
        words = [t[3] for t in tokens] if norms is None else norms
        # most spans hold none of the words a phrase can start with: a set test in C says so at once
        if root.keys().isdisjoint(words) and (not prefixed or prefixed.keys().isdisjoint([w[:2] for w in words])):
            return
        resume = 0
        for i, w in enumerate(words):
            if i < resume or (w not in root and (not prefixed or w[:2] not in prefixed)):
                continue
            found = self._match_at(tokens, i, words)
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
        return sorted(self._match_at(tokens, i, _Norms(tokens)), key=lambda x: -x[0])
