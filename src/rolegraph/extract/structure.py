"""Sections and units: what each part of a document is about, cut into sentences and items."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from ..sources import SourceDoc
from ..text import fold
from .cues import Cues
from .tokens import Token, tokenize

__all__ = ["Unit", "Analysis", "analyse", "ByStart"]

_PROSE_KINDS = frozenset({"skills", "missions"})
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"«“(]?[A-ZÀ-ÖØ-Ý0-9])")


@dataclass(slots=True)
class Unit:
    """A heading, a list item, a table row or a sentence: the span facts are read from."""

    kind: str  # "heading", "item", "row" or "sentence"
    start: int
    end: int
    sections: frozenset[str]
    first: int = 0  # index of the unit's first token in Analysis.tokens
    last: int = 0  # one past its last token
    block: int = 0
    boilerplate: bool = False  # page furniture or a repeat: no facts are read from it


class ByStart:
    """Things with a ``start`` offset (role hits), found by span with a bisect: linear time on long documents."""

    def __init__(self, items):
        self.items = sorted(items, key=lambda h: h.start)
        self.starts = [h.start for h in self.items]

    def within(self, start: int, end: int) -> list:
        """The items starting in ``[start, end)``, in text order."""
        return self.items[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]

    def any_within(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, start)
        return k < len(self.starts) and self.starts[k] < end


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

    @cached_property
    def _unit_firsts(self) -> list[int]:
        return [u.first for u in self.units]

    def unit_of_token(self, k: int) -> Unit | None:
        """The unit holding token ``k`` (None between units)."""
        n = bisect.bisect_right(self._unit_firsts, k) - 1
        if n < 0:
            return None
        unit = self.units[n]
        return unit if unit.first <= k < unit.last else None

    @cached_property
    def _furniture(self) -> list[tuple[int, int]]:
        return sorted((u.start, u.end) for u in self.units if u.boilerplate)

    def in_boilerplate(self, offset: int) -> bool:
        """Whether ``offset`` falls in page furniture (a cookie banner, "share this", a repeated line)."""
        k = bisect.bisect_right(self._furniture, (offset, float("inf"))) - 1
        return k >= 0 and self._furniture[k][0] <= offset < self._furniture[k][1]


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


_MAX_FURNITURE_WORDS = 16


def _furniture(doc: SourceDoc, tokens, starts, cues: Cues) -> set[int]:
    """Blocks that are page furniture: short lines with a call to action, lines repeated on the page.

    A repeated long paragraph keeps its first copy; a repeated short line is
    furniture everywhere.
    """
    text = doc.text
    seen: dict[str, int] = {}
    counts: Counter = Counter()
    keys = []
    for block in doc.blocks:
        key = " ".join(text[block.start:block.end].lower().split())
        keys.append(key)
        counts[key] += 1
    out = set()
    for n, block in enumerate(doc.blocks):
        key = keys[n]
        words = len(key.split())
        if counts[key] > 1 and words >= 3:
            if words <= _MAX_FURNITURE_WORDS or key in seen:
                out.add(n)
            seen.setdefault(key, n)
        if words <= _MAX_FURNITURE_WORDS and block.kind != "row":
            first = bisect.bisect_left(starts, block.start)
            last = bisect.bisect_left(starts, block.end)
            if any(True for _ in cues.boilerplate.find(tokens[first:last])):
                out.add(n)
    return out


def analyse(doc: SourceDoc, cues: Cues) -> Analysis:
    """Tokenise the document and cut it into units, each tagged with its section kinds."""
    tokens = tokenize(doc.text)
    starts = [t.start for t in tokens]
    analysis = Analysis(doc, tokens, starts=starts)
    current: frozenset[str] = frozenset()
    lead_in: frozenset[str] = frozenset()  # kinds a sentence ending with ":" gives the items below it
    text = doc.text
    furniture = _furniture(doc, tokens, starts, cues)
    for b_index, block in enumerate(doc.blocks):
        first = bisect.bisect_left(starts, block.start)
        last = bisect.bisect_left(starts, block.end)
        block_tokens = tokens[first:last]
        chrome = b_index in furniture
        is_label_item = block.kind == "item" and len(block_tokens) <= 5 and not chrome and \
            (kinds_here := classify_heading(block_tokens, cues)) and not (kinds_here & current)
        if block.kind == "heading" or is_label_item:  # "- Formation et parcours" is a heading too
            kinds = classify_heading(block_tokens, cues)
            sublabel = text[block.start:block.end].rstrip().endswith(":")
            if not chrome:
                if kinds:
                    current = kinds
                elif not sublabel:
                    current = frozenset()
            analysis.units.append(Unit("heading", block.start, block.end, current, first, last, b_index, chrome))
            continue
        sections = current
        # "Label : content" paragraphs and items take their label's kind
        head, sep, _tail = text[block.start:block.end].partition(":")
        if sep and len(head.split()) <= 5:
            label_end = block.start + len(head)
            label_kinds = classify_heading(tokens[first:bisect.bisect_left(starts, label_end)], cues)
            if label_kinds:
                sections = label_kinds
        if block.kind in ("item", "row"):
            if lead_in and not (sections & _PROSE_KINDS):
                sections = sections | lead_in
            analysis.units.append(Unit(block.kind, block.start, block.end, sections, first, last, b_index, chrome))
            continue
        lead_in = frozenset()
        for s, e in _sentences(text, block.start, block.end):
            f = bisect.bisect_left(starts, s)
            l_ = bisect.bisect_left(starts, e)
            kinds = sections
            if not kinds:  # prose: "Day to day, an SRE ...", "Employers look for ..."
                kinds = classify_heading(tokens[f:l_], cues) & _PROSE_KINDS
            analysis.units.append(Unit("sentence", s, e, kinds, f, l_, b_index, chrome))
        # "Ses missions peuvent consister à :" announces the list below it
        last = analysis.units[-1] if analysis.units else None
        if last is not None and last.kind == "sentence" and text[last.start:last.end].rstrip().endswith(":"):
            lead_in = last.sections & _PROSE_KINDS
    return analysis
