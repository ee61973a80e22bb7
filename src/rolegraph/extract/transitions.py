"""Career transitions: ladders, cue phrases, career-section lists, with their conditions.

Direction comes from the cue: after "can progress to" / "évoluer vers" the role
named is a destination; after "starts as" / "démarrer en tant que" it is an
origin. Roles chained by "puis" / "then" follow one another. Arrow chains,
ladder tables, listed progressions, "from A to B" and career stories are read
by :mod:`~rolegraph.extract.ladders`. In a section about career evolution,
every other role named is a destination. Reporting lines ("reports to the
CTO") are not moves: no cue reads them as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..knowledge.model import Ref, Span, Transition
from .cues import Cues
from . import ladders
from .lemmas import verb_lemmas
from .roles import RoleHit, role_ref
from .structure import Analysis, ByStart, Unit

__all__ = ["find_transitions", "conditions_of"]

_LADDER = re.compile(r"\s*(?:>|→|⇒|=>|->)\s*")
_YEARS_RANGE = re.compile(r"(\d{1,2})\s*(?:à|a|to|-|–|et|and)\s*(\d{1,2})\s*(?:ans|années|years?)", re.I)
_YEARS_MIN = re.compile(r"(?:plus de|over|more than|at least|au moins|minimum|après|after)\s+(\d{1,2})\s*"
                        r"(?:ans|années|years?)", re.I)
_YEARS_FEW = re.compile(r"(?:après|after)\s+(quelques|plusieurs|a few|several|some)\s+(?:années|ans|years)", re.I)


_SEQUENCE = {"puis", "then", "ensuite", "before", "avant", "later", "followed"}


@dataclass(slots=True)
class Conditions:
    min_years: float | None = None
    max_years: float | None = None
    stage: str | None = None
    text: str | None = None


def conditions_of(text: str, tokens, cues: Cues, exclude=()) -> Conditions:
    """Years of experience and company stage stated in a span of text.

    ``exclude`` holds (start, end) spans to ignore: a stage word inside a role
    name ("créer sa startup") is not a condition.
    """
    c = Conditions()
    parts = []
    if m := _YEARS_RANGE.search(text):
        c.min_years, c.max_years = float(m.group(1)), float(m.group(2))
        parts.append(f"{m.group(1)} to {m.group(2)} years of experience")
    elif m := _YEARS_MIN.search(text):
        c.min_years = float(m.group(1))
        parts.append(f"at least {m.group(1)} years of experience")
    elif _YEARS_FEW.search(text):
        parts.append("after a few years of experience")
    stages = [p.value for i, j, p in cues.stages.find(tokens)
              if not any(s <= tokens[i].start < e for s, e in exclude)]
    if stages:
        c.stage = stages[0]
        parts.append(f"company stage: {c.stage}")
    c.text = "; ".join(parts) or None
    return c


def _roles_in(hits: list[RoleHit], start: int, end: int) -> list[RoleHit]:
    return [h for h in hits if start <= h.start and h.end <= end]


class _Collector:
    def __init__(self, an: Analysis, cues: Cues, subject: Ref | None, hits: list[RoleHit]):
        self.an, self.cues, self.subject = an, cues, subject
        self.role_spans = [(h.start, h.end) for h in hits]
        self.lang = an.doc.language
        self.out: list[Transition] = []

    def add(self, a: RoleHit | Ref | None, b: RoleHit | Ref | None, start: int, end: int,
            unit: Unit, confidence: float) -> None:
        if a is None or b is None:
            return
        ra = a if isinstance(a, Ref) else role_ref(a)
        rb = b if isinstance(b, Ref) else role_ref(b)
        if ra.id == rb.id:
            return
        text = self.an.text[unit.start:unit.end]
        cond = conditions_of(text, self.an.unit_tokens(unit), self.cues, self.role_spans)
        self.out.append(Transition(ra, rb, Span(start, end), cond.min_years, cond.max_years,
                                   cond.stage, cond.text, confidence))


def _sequence_split(an: Analysis, hits: list[RoleHit], cues: Cues) -> list[list[RoleHit]]:
    """Group roles into chains: 'développeur puis lead développeur' is one chain of two."""
    chains: list[list[RoleHit]] = []
    seq = _SEQUENCE
    for h in hits:
        if chains:
            between = {t.norm for t in an.tokens[chains[-1][-1].j:h.i]}
            if h.role == chains[-1][-1].role and not any(w.isalnum() for w in between):
                continue  # "Chief Product Officer (CPO)": one role named twice
            if between & seq:
                chains[-1].append(h)
                continue
        chains.append([h])
    return chains


def _cues_in(an: Analysis, unit: Unit, utoks, cues: Cues) -> list[tuple[int, int, str]]:
    """Forward and backward cues in a unit, matched on words and on lemmas.

    Lemmas let "commencer comme" match "ont commencé comme" and "start as"
    match "started as" without listing every inflection.
    """
    lemmas = verb_lemmas(utoks)
    found = {}
    plain = []  # the matches on words, kept for the "were ... before" rule
    for norms in (None, lemmas):
        for i, j, p in cues.transitions.find(utoks, norms=norms):
            if norms is None:
                plain.append((i, j, p.value))
            if p.value in ("forward", "backward") and j - i > found.get(i, (0, ""))[0]:
                found[i] = (j - i, p.value)
    if not any(kind == "backward" for _n, kind in found.values()):
        if (was := _origin_by_closing(utoks, plain)) is not None:
            found[was] = (1, "backward")
    out, end = [], 0
    for i in sorted(found):
        if i >= end:  # the longest cue at a position wins; overlapping ones are dropped
            n, kind = found[i]
            out.append((i, i + n, kind))
            end = i + n
    return out


def _origin_by_closing(utoks, matches: list[tuple[int, int, str]]) -> int | None:
    """Where "were" stands in "Most X were A or B before": a past copula, then a closing word.

    The sentence's last word closes it ("before", "auparavant"); the roles after
    the copula are then where the subject came from. ``matches`` are the
    unit's transition cues as ``(first token, end token, group)``.
    """
    last_word = next((k for k in range(len(utoks) - 1, -1, -1)
                      if any(c.isalnum() for c in utoks[k].text)), None)
    if last_word is None or not any(kind == "closing" and j - 1 == last_word for _i, j, kind in matches):
        return None
    return next((i for i, _j, kind in matches if kind == "was"), None)


def find_transitions(an: Analysis, hits: list[RoleHit], subject: Ref | None, cues: Cues) -> list[Transition]:
    """All transitions the document states, each with the span that states it."""
    col = _Collector(an, cues, subject, hits)
    text = an.text
    ladder_rows = set()
    for a, b, unit in ladders.ladder_tables(an, hits, cues.progression):
        col.add(a, b, a.start, b.end, unit, 0.7)
        ladder_rows.add(unit.start)
    by_start = ByStart(hits)
    for unit in an.units:
        uhits = [h for h in by_start.within(unit.start, unit.end) if h.end <= unit.end]
        if not uhits or unit.boilerplate:
            continue
        utext = text[unit.start:unit.end]
        # 1. ladders: "Junior > Senior > Lead", with "A / B" alternatives
        if _LADDER.search(utext) and _arrow_ladder(an, col, unit, uhits, utext):
            continue
        utoks = an.unit_tokens(unit)
        if any(True for _ in cues.aliases.find(utoks)):
            continue  # "also known as A, B": other names, not moves
        handled = unit.start in ladder_rows
        for a, b in ladders.from_to(an, unit, uhits):
            col.add(a, b, a.start, b.end, unit, 0.8)
            handled = True
        progression = any(True for _ in cues.progression.find(utoks))
        for a, b in ladders.listed_progressions(an, unit, uhits, progression):
            col.add(a, b, a.start, b.end, unit, 0.7)
            handled = True
        handled = _cued(an, col, unit, uhits, utoks, cues, subject) or handled
        # a section about what comes next: each role named is a destination (not whom one reports to)
        if not handled and "career" in unit.sections and unit.kind not in ("heading", "row") and subject:
            reporting = [utoks[j - 1].end for _i, j, _p in cues.reporting.find(utoks)]
            for h in uhits:
                if any(0 <= an.token_index(h.start) - an.token_index(e) <= 3 for e in reporting):
                    continue
                if h.role != subject.id and h.base != subject.id:
                    col.add(subject, h, h.start, h.end, unit, 0.7)
    for a, b, unit in ladders.career_story(an, hits, cues.story):
        col.add(a, b, a.start, b.end, unit, 0.7)
    return _dedupe(col.out)


def _dedupe(found: list[Transition]) -> list[Transition]:
    """One transition per (from, to) and span: several rules may read the same sentence."""
    seen, out = set(), []
    for t in found:
        key = (t.source.id, t.target.id, t.span.start, t.span.end)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def _arrow_ladder(an: Analysis, col: _Collector, unit: Unit, uhits: list[RoleHit], utext: str) -> bool:
    text = an.text
    steps = []
    pos = unit.start
    for piece in _LADDER.split(utext):
        seg_start = text.index(piece, pos) if piece else pos
        seg_hits = _roles_in(uhits, seg_start, seg_start + len(piece))
        pos = seg_start + len(piece)
        if seg_hits:
            steps.append(seg_hits)
    if len(steps) < 2:
        return False
    for left, right in zip(steps, steps[1:]):
        pairs = zip(left, right) if len(left) == len(right) else ((a, b) for a in left for b in right)
        for a, b in pairs:
            col.add(a, b, a.start, b.end, unit, 0.8)
    return True


def _cued(an: Analysis, col: _Collector, unit: Unit, uhits: list[RoleHit], utoks, cues: Cues,
          subject: Ref | None) -> bool:
    """Moves stated by a cue: "can progress to A", "starts as B", "most come from C or D"."""
    text = an.text
    cue_hits = _cues_in(an, unit, utoks, cues)
    handled = False
    for n, (i, j, kind) in enumerate(cue_hits):
        cue_start, cue_end = utoks[i].start, utoks[j - 1].end
        if any(t.norm in cues.negations for t in utoks[max(0, i - 4):i]):
            handled = True  # "Being a QA engineer is not a step towards product management"
            continue
        # a cue governs the roles up to the next cue: "starts as A, can become B"
        stop = utoks[cue_hits[n + 1][0]].start if n + 1 < len(cue_hits) else unit.end
        after = [h for h in uhits if cue_end <= h.start and h.start <= stop]
        before = [h for h in uhits if h.end <= cue_start]
        # the sentence's subject comes first: a role opening the sentence, else the document's role
        opening = before[0] if before and an.token_index(before[0].start) - unit.first <= 3 else None
        source = opening or subject
        # "... can move into A, and later become B": B follows A
        lead_in = {t.norm for t in utoks[max(0, i - 3):i]}
        if lead_in & _SEQUENCE and col.out and col.out[-1].span.end <= cue_start \
                and col.out[-1].span.start >= unit.start:
            prev = col.out[-1].target
            source = next((h for h in uhits if h.role == prev.id), source)
        if not after:
            continue
        first = after[0]
        gap = an.token_index(first.start) - an.token_index(cue_end)
        colon = ":" in text[cue_end:first.start]
        if gap > (12 if kind == "backward" else 5) and not colon and "career" not in unit.sections:
            continue
        if kind == "forward":
            for chain in _sequence_split(an, after, cues):
                col.add(source, chain[0], cue_start, chain[0].end, unit, 0.8)
                for a, b in zip(chain, chain[1:]):
                    col.add(a, b, a.start, b.end, unit, 0.8)
        else:
            target = before[-1] if before else subject
            for chain in _sequence_split(an, after, cues):
                for a, b in zip(chain, chain[1:]):
                    col.add(a, b, a.start, b.end, unit, 0.8)
                col.add(chain[-1], target, cue_start, chain[-1].end, unit, 0.8)
        handled = True
    return handled
