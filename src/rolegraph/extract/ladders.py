"""Career moves stated by the shape of the text rather than by a verb.

- A ladder table: rows whose first cell names roles, in order ("Graduate/Junior
  BA", "Business Analyst", "Senior Business Analyst", ...): each row's roles
  lead to the next row's. Roles sharing a row are alternatives.
- A listed progression: three or more roles (or levels) in a row, separated
  by commas, "and", "or" or slashes, in a sentence about progressing
  ("the ladder progresses through junior, mid-level, senior, and
  lead/principal"). Slashes join alternatives of one step.
- "From A to B" ("De développeur backend à CTO"): A leads to B, and to every
  role listed with B ("from A to B, C or into D").
- A career story: a person's successive positions, each introduced by a
  narrative cue ("started as", "becoming", "was named", "en tant que"), in
  text order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .structure import Analysis, ByStart, Unit

if TYPE_CHECKING:
    from .roles import RoleHit

__all__ = ["ladder_tables", "listed_progressions", "from_to", "career_story"]

_LIST_JOINERS = {"and", "or", "et", "ou"}
_FROM = {"from", "de", "d"}
_TO = {"to", "into", "a", "au", "vers", "towards"}
_MIN_LADDER_ROWS = 3


def _steps_of(an: Analysis, hits: list["RoleHit"]) -> list[list["RoleHit"]]:
    """Group hits into steps: hits joined by a slash (or "or" with a slash around) are one step."""
    steps: list[list["RoleHit"]] = []
    for h in hits:
        if steps:
            gap = an.text[steps[-1][-1].end:h.start]
            if gap.strip() in ("/", "|") or (gap.strip() == "" and h.start < steps[-1][-1].end):
                steps[-1].append(h)
                continue
        steps.append([h])
    return steps


def ladder_tables(an: Analysis, hits: list["RoleHit"], progression):
    """(from, to, unit) for each pair of consecutive rows of a ladder table.

    A table is a ladder when three or more of its rows name roles in one
    column (the column naming most) and it sits in a section about careers or
    just after text about progressing (``progression`` matches its cues): a
    table of salaries by level is not a ladder.
    """
    tables: list[list[Unit]] = []
    last_block = -2
    for unit in an.units:
        if unit.kind != "row" or not an.doc.blocks[unit.block].cells:
            continue
        if unit.block != last_block + 1 or not tables:
            tables.append([])
        tables[-1].append(unit)
        last_block = unit.block
    by_start = ByStart(h for h in hits if not h.elided)
    for rows in tables:
        named = []
        for unit in rows:
            cells = an.doc.blocks[unit.block].cells
            named.append([[h for h in by_start.within(a, b) if h.end <= b] for a, b in cells])
        width = max(len(r) for r in named)
        column = max(range(width), key=lambda c: sum(1 for r in named if c < len(r) and r[c]))
        steps = [(unit, r[column]) for unit, r in zip(rows, named) if column < len(r) and r[column]]
        if len(steps) < _MIN_LADDER_ROWS or not _about_careers(an, rows[0], progression):
            continue
        for (unit_a, left), (_unit_b, right) in zip(steps, steps[1:]):
            for a in left:
                for b in right:
                    yield a, b, unit_a


def _about_careers(an: Analysis, first_row: Unit, progression) -> bool:
    if "career" in first_row.sections:
        return True
    k = an.units.index(first_row)
    for unit in an.units[max(0, k - 2):k]:
        if "career" in unit.sections or any(True for _ in progression.find(an.unit_tokens(unit))):
            return True
    return False


def listed_progressions(an: Analysis, unit: Unit, uhits: list["RoleHit"], progression: bool):
    """(from, to) pairs of a list of three or more roles, when ``progression`` (a progression cue is in the unit)."""
    if not progression or len(uhits) < 3:
        return
    text = an.text
    run: list["RoleHit"] = [uhits[0]]
    runs = []
    for h in uhits[1:]:
        gap = text[run[-1].end:h.start]
        words = {w.lower() for w in gap.replace(",", " ").replace("/", " ").split()}
        if h.start >= run[-1].end and len(gap) <= 8 and words <= _LIST_JOINERS:
            run.append(h)
        else:
            runs.append(run)
            run = [h]
    runs.append(run)
    for run in runs:
        steps = _steps_of(an, run)
        if len(steps) < 3:
            continue
        for left, right in zip(steps, steps[1:]):
            for a in left:
                for b in right:
                    yield a, b


def from_to(an: Analysis, unit: Unit, uhits: list["RoleHit"]):
    """(from, to) pairs of "from A to B": A directly after "from"/"de", then B after "to"/"à"."""
    toks = an.tokens
    for n, a in enumerate(uhits):
        if a.i == 0 or toks[a.i - 1].norm not in _FROM or (a.i >= 2 and toks[a.i - 2].norm in ("come", "came")):
            continue
        rest = uhits[n + 1:]
        if not rest:
            continue
        first = rest[0]
        between = [t.norm for t in toks[a.j:first.i]]
        if not between or between[-1] not in _TO or len(between) > 3:
            continue
        yield a, first
        # "to B, C or into D": the list goes on
        prev = first
        for h in rest[1:]:
            gap = [t.norm for t in toks[prev.j:h.i]]
            if len(gap) > 2 or any(w not in _LIST_JOINERS | _TO for w in gap):
                break
            yield a, h
            prev = h


def career_story(an: Analysis, hits: list["RoleHit"], story_cues) -> list[tuple["RoleHit", "RoleHit", Unit]]:
    """Consecutive positions of a career told as a story, each named right after a narrative cue.

    ``story_cues`` matches the cues ("started as", "becoming", "was named",
    "en tant que"). A unit that names roles without such a cue ends the story;
    units that name no role do not. A list after a cue ("roles including A
    and B") gives positions in its order.
    """
    out = []
    chain: list[tuple["RoleHit", Unit]] = []
    by_start = ByStart(h for h in hits if not h.elided)
    for unit in an.units:
        uhits = by_start.within(unit.start, unit.end)
        if not uhits:
            continue
        utoks = an.unit_tokens(unit)
        cue_ends = [utoks[j - 1].end for _i, j, _p in story_cues.find(utoks)]
        if not cue_ends:
            chain = []
            continue
        positions = []
        for h in uhits:
            before = [e for e in cue_ends if e <= h.start]
            if not before:
                continue
            gap = an.token_index(h.start) - an.token_index(before[-1])
            listed = positions and an.token_index(h.start) - positions[-1].j <= 2
            if gap <= 4 or listed:
                positions.append(h)
        for h in positions:
            if chain and chain[-1][0].role != h.role:
                out.append((chain[-1][0], h, unit))
            chain.append((h, unit))
    return out
