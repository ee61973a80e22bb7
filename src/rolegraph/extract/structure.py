"""Sections and units: what each part of a document is about, cut into sentences and items."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..sources import SourceDoc
from ..text import fold
from .cues import Cues
from .tokens import Token, tokenize

__all__ = ["Unit", "Analysis", "analyse"]

_PROSE_KINDS = frozenset({"skills", "missions"})
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"«“(]?[A-ZÀ-ÖØ-Ý0-9])")


@dataclass(slots=True)
class Unit:
    """A heading, a list item or a sentence: the span facts are read from."""

    kind: str  # "heading", "item" or "sentence"
    start: int
    end: int
    sections: frozenset[str]
    first: int = 0  # index of the unit's first token in Analysis.tokens
    last: int = 0  # one past its last token
    block: int = 0


@dataclass
class Analysis:
    doc: SourceDoc
    tokens: list[Token]
    units: list[Unit] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # token start offsets, for bisect
    memo: dict = field(default_factory=dict)  # per-document results other stages share

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def folded(self) -> str:
        """The whole text folded (lower case, no accents), computed once."""
        return fold(self.doc.text)

    def unit_tokens(self, unit: Unit) -> list[Token]:
        return self.tokens[unit.first:unit.last]

    def token_index(self, offset: int) -> int:
        return bisect.bisect_left(self.starts, offset)


def classify_heading(tokens: list[Token], cues: Cues) -> frozenset[str]:
    """The section kinds a heading announces (missions, skills, salary, career, training)."""
    return frozenset(p.value for _i, _j, p in cues.sections.find(tokens, overlapping=True))


def _sentences(text: str, start: int, end: int):
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        yield pos, m.start()
        pos = m.end()
    if pos < end:
        yield pos, end


def analyse(doc: SourceDoc, cues: Cues) -> Analysis:
    """Tokenise the document and cut it into units, each tagged with its section kinds."""
    tokens = tokenize(doc.text)
    starts = [t.start for t in tokens]
    analysis = Analysis(doc, tokens, starts=starts)
    current: frozenset[str] = frozenset()
    text = doc.text
    for b_index, block in enumerate(doc.blocks):
        first = bisect.bisect_left(starts, block.start)
        last = bisect.bisect_left(starts, block.end)
        block_tokens = tokens[first:last]
        if block.kind == "heading":
            kinds = classify_heading(block_tokens, cues)
            sublabel = text[block.start:block.end].rstrip().endswith(":")
            if kinds:
                current = kinds
            elif not sublabel:
                current = frozenset()
            analysis.units.append(Unit("heading", block.start, block.end, current, first, last, b_index))
            continue
        sections = current
        # "Label : content" paragraphs and items take their label's kind
        head, sep, _tail = text[block.start:block.end].partition(":")
        if sep and len(head.split()) <= 5:
            label_end = block.start + len(head)
            label_kinds = classify_heading(tokens[first:bisect.bisect_left(starts, label_end)], cues)
            if label_kinds:
                sections = label_kinds
        if block.kind == "item":
            analysis.units.append(Unit("item", block.start, block.end, sections, first, last, b_index))
            continue
        for s, e in _sentences(text, block.start, block.end):
            f = bisect.bisect_left(starts, s)
            l_ = bisect.bisect_left(starts, e)
            kinds = sections
            if not kinds:  # prose: "Day to day, an SRE ...", "Employers look for ..."
                kinds = classify_heading(tokens[f:l_], cues) & _PROSE_KINDS
            analysis.units.append(Unit("sentence", s, e, kinds, f, l_, b_index))
    return analysis
