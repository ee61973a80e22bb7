"""Titles built on other titles: seniority variants, narrower titles, alternatives, acronyms, ladders.

- A known title with more in front of it is a more specific role: seniority
  words give a variant of the known role ("DevOps Junior": Junior DevOps
  Engineer), words of the trade a narrower title ("Embedded Software
  Engineer"), an "of" complement too ("Vice President of Product").
- "Lead/Principal Embedded Engineer" gives both titles.
- An acronym the document defines ("Database Administrator (DBA)") or uses
  for its own role ("BA" on a page about business analysts) names that role,
  and is spelled out in the titles built on it ("BA Manager": Business Analyst
  Manager).
- Seniority levels listed without a head noun, in a ladder table, a list or a
  sentence ("junior, mid-level, senior and lead"), are levels of the
  document's own role.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..knowledge.model import Ref
from ..text import STOPWORDS, slugify
from .structure import Analysis
from .titles import title_label
from .tokens import Token

if TYPE_CHECKING:
    from .roles import RoleFinder, RoleHit

__all__ = ["extend", "elided", "alternatives", "coordinated", "defined_acronyms", "own_acronym", "ladder", "spell_out"]

_DEVELOPER = ("developer", "developpeur")
_LEVEL_JOINERS = {"and", "or", "et", "ou"}
_YEARS = re.compile(r"^\s*(\(.*?\)|\d+\s*[-–+]?\s*\d*\s*(years?|ans|yrs?)?)?\s*$", re.I)


def _hit(finder: "RoleFinder", **kw) -> "RoleHit":
    from .roles import RoleHit

    return RoleHit(**kw)


def _short_or_announced(finder: "RoleFinder", an: Analysis, k: int) -> bool:
    """A lower-case seniority word makes a title only in a short line or where the text announces one."""
    unit = an.unit_of_token(k)
    if unit is None:
        return False
    if unit.kind in ("heading", "item", "row") and unit.last - unit.first <= 8:
        return True
    toks = an.tokens
    for back in (1, 2, 3):
        c = k - back
        if c < 0:
            break
        for n, _p in finder.cues.lower_cues.all_at(toks, c):
            if c + n == k:
                return True
    return False


def extend(finder: "RoleFinder", an: Analysis, hits: list["RoleHit"]) -> list["RoleHit"]:
    """Seniority words, trade words before a known title, an "of" complement after one."""
    toks, text, g = an.tokens, an.text, finder.grammar
    taken = {k for h in hits for k in range(h.i, h.j)}
    out = []
    for h in hits:
        acronym = h.j - h.i == 1 and toks[h.i].text.isupper() and len(toks[h.i].text) <= 5
        # the head decides the case of a title: "UX designer" is written in lower case
        last = toks[h.j - 1]
        title_case = (last if not last.text.isupper() else toks[h.i]).text[:1].isupper()
        in_heading = g._title_case_unit(an, an.unit_of_token(h.i))
        a, m, seniority = g.modifiers_before(an, h.i, taken,  # the walk looks only before h
                                             title_case=title_case or acronym, strict=in_heading or not title_case,
                                             limit=3, modified=h.j - h.i >= 2)
        modifiers = m < h.i  # more than seniority words
        if acronym and modifiers:
            a, modifiers = h.i, False
            seniority = []
        # seniority words after (French word order, or "DevOps Junior")
        b = h.j
        while b < len(toks) and b not in taken and g._adjacent(text, toks[b - 1], toks[b]):
            s = g.seniority(toks, b)
            if not s:
                break
            seniority.append(s[1])
            b += s[0]
        complement = _complement(finder, an, h, b, taken) if not acronym else b
        if complement > b:
            b, modifiers = complement, True
        if (a, b) == (h.i, h.j):
            continue
        if not modifiers:
            first = toks[a] if a < h.i else toks[h.j]
            if not first.text[:1].isupper() and not _short_or_announced(finder, an, a):
                continue  # "senior analysts" in running text: people, not a title
            label = " ".join(seniority + [finder.label(h.role)])
            ext = _hit(finder, role=slugify(label), start=toks[a].start, end=toks[b - 1].end, i=a, j=b,
                       confidence=0.8, candidate=label, base=h.role)
        else:
            if tuple(t.norm for t in toks[a:b]) in finder.by_words:
                continue  # the longer title is known after all
            ext = finder.new_title(an, a, b, base=h.role)
        taken.update(range(a, b))
        out.append((h, ext))
    replaced = {id(h) for h, _e in out}
    return [h for h in hits if id(h) not in replaced] + [e for _h, e in out]


def _complement(finder: "RoleFinder", an: Analysis, h: "RoleHit", b: int, taken: set[int]) -> int:
    """The end of an "of" complement after a known title ("Vice President of Product"), or ``b``."""
    toks, text, g = an.tokens, an.text, finder.grammar
    head = toks[h.j - 1]
    if b + 1 < len(toks) and toks[b].norm == "in" and toks[b + 1].norm == "test" and b == h.j \
            and g._adjacent(text, toks[b - 1], toks[b]):
        return b + 2  # "Software Developer in Test"
    if b != h.j or b + 1 >= len(toks) or toks[b].norm not in ("of", "for") or not head.text[:1].isupper() \
            or head.norm not in g.complement_heads or not g._adjacent(text, toks[b - 1], toks[b]):
        return b
    k = b + 1
    while k < len(toks) and k - b <= 3 and k not in taken and g._adjacent(text, toks[k - 1], toks[k]) \
            and (toks[k].text[:1].isupper() or toks[k].text.isupper()) and g.is_modifier(toks[k], title_case=True):
        k += 1
    return k if k > b + 1 else b


def elided(finder: "RoleFinder", an: Analysis, hits: list["RoleHit"]) -> list["RoleHit"]:
    """'Profils junior', 'Back-end and Front-end profiles': the head noun is implied."""
    toks = an.tokens
    taken = {k for h in hits for k in range(h.i, h.j)}
    out = []
    for i, j, _p in finder.cues.ellipsis_heads.find(toks):
        if i in taken or (i and toks[i - 1].norm in {"un", "une", "a", "an"}):
            continue
        found = _modifier_role(finder, toks, i + 1, forward=True) or \
            _modifier_role(finder, toks, i - 1, forward=False)
        if not found:
            continue
        role, a, b = found
        lo, hi = min(a, i), max(b, i + 1)
        out.append(_hit(finder, role=role, start=toks[lo].start, end=toks[hi - 1].end, i=lo, j=hi, confidence=0.8,
                        elided=True))
        taken.update(range(lo, hi))
        k = a - 1  # coordination: "Back-end and Front-end profiles"
        if k >= 1 and toks[k].norm in {"and", "et", "or", "ou"}:
            prev = _modifier_role(finder, toks, k - 1, forward=False)
            if prev and not taken & set(range(prev[1], prev[2])):
                out.append(_hit(finder, role=prev[0], start=toks[prev[1]].start, end=toks[prev[2] - 1].end,
                                i=prev[1], j=prev[2], confidence=0.7, elided=True))
                taken.update(range(prev[1], prev[2]))
    return out


def _modifier_role(finder: "RoleFinder", toks: list[Token], k: int, forward: bool):
    for size in (2, 1):
        a, b = (k, k + size) if forward else (k - size + 1, k + 1)
        if a < 0 or b > len(toks) or a > b:
            continue
        mods = tuple(t.norm for t in toks[a:b])
        if any(m in STOPWORDS for m in mods):
            continue
        for head in _DEVELOPER:
            for words in (mods + (head,), (head,) + mods):
                ids = finder.by_words.get(words)
                if ids and len(ids) == 1:
                    return ids[0], a, b
    return None


def alternatives(finder: "RoleFinder", an: Analysis, hits: list["RoleHit"]) -> list["RoleHit"]:
    """'Lead/Principal Embedded Engineer', 'Graduate/Junior BA': the word before the slash
    takes the rest of the title too."""
    toks, text, g = an.tokens, an.text, finder.grammar
    taken = {k for h in hits for k in range(h.i, h.j)}
    out = []
    for h in hits:
        i = h.i
        if i < 1 or (i - 1) in taken or text[toks[i - 1].end:toks[i].start].strip() != "/":
            continue
        first = toks[i - 1]
        s = g.seniority(toks, i - 1)
        if s is None and not g.is_modifier(first, title_case=first.text[:1].isupper()):
            continue
        if h.base and s and h.candidate and h.candidate.split()[0] in finder.seniority_labels:
            label = s[1] + " " + (finder.label(h.base) if h.base in finder.lex.roles else
                                  h.candidate.split(" ", 1)[1])
        elif s and not h.candidate:
            label = s[1] + " " + finder.label(h.role)
        else:
            words = [first.text] + [t.text for t in toks[i + 1:h.j]]
            label = title_label(words) if an.doc.language != "fr" else " ".join(words)
        out.append(_hit(finder, role=slugify(label), start=first.start, end=h.end, i=i - 1, j=h.j, confidence=0.6,
                        candidate=label, base=h.base or (h.role if not h.candidate else None)))
    return out


def coordinated(finder: "RoleFinder", an: Analysis, hits: list["RoleHit"]) -> list["RoleHit"]:
    """'Sales or Systems Engineer': the word before "or" takes the title's head too (Sales Engineer)."""
    toks, text, g = an.tokens, an.text, finder.grammar
    taken = {k for h in hits for k in range(h.i, h.j)}
    out = []
    for h in hits:
        i = h.i
        if h.j - i < 2 or i < 2 or toks[i - 1].norm not in ("or", "ou") or (i - 2) in taken:
            continue
        first = toks[i - 2]
        if not (first.text[:1].isupper() and toks[i].text[:1].isupper()) or \
                not g.is_modifier(first, title_case=True, strict=True) or \
                not g._adjacent(text, first, toks[i - 1]) or g.is_head(first.norm, an.doc.language):
            continue
        words = [first.text] + [t.text for t in toks[i + 1:h.j]]
        found = finder.title_hit(an, title_label(words), i - 2, i - 1)
        out.append(found)
        taken.add(i - 2)
    return out


def defined_acronyms(finder: "RoleFinder", an: Analysis, hits: list["RoleHit"]) -> dict[str, "RoleHit"]:
    """'Gestionnaire de base de données (DBA)': acronym -> the hit of the role it names."""
    toks, text = an.tokens, an.text
    defined: dict[str, "RoleHit"] = {}
    for h in hits:
        if h.j < len(toks) and text[h.end:toks[h.j].start].strip() == "(" and toks[h.j].text.isupper() \
                and 2 <= len(toks[h.j].text) <= 6 and text[toks[h.j].end:toks[h.j].end + 1] == ")":
            defined.setdefault(toks[h.j].text, h)
    return defined


def acronym_hits(finder: "RoleFinder", an: Analysis, hits: list["RoleHit"],
                 acronyms: dict[str, "RoleHit"]) -> list["RoleHit"]:
    """Mentions of document-defined acronyms, with their seniority words ("Junior BAs")."""
    if not acronyms:
        return []
    toks = an.tokens
    taken = {k for h in hits for k in range(h.i, h.j)}
    out = []
    for k, t in enumerate(toks):
        name = t.text[:-1] if t.text.endswith("s") and t.text[:-1].isupper() else t.text
        h = acronyms.get(name)
        if h is None or k in taken:
            continue
        out.append(_hit(finder, role=h.role, start=t.start, end=t.end, i=k, j=k + 1, confidence=0.7,
                        candidate=h.candidate, base=h.base))
    return extend(finder, an, out)


def own_acronym(finder: "RoleFinder", an: Analysis, hits: list["RoleHit"], subject: Ref | None
                ) -> dict[str, "RoleHit"]:
    """The document's abbreviation of its own role ("BA" on a page about business analysts), used twice or more."""
    if subject is None:
        return {}
    label = subject.label or finder.label(subject.id)
    words = [w for w in re.findall(r"[A-Za-z]+", label) if w.lower() not in ("of", "and", "the", "de", "des")]
    if len(words) < 2:
        return {}
    initials = "".join(w[0].upper() for w in words)
    uses = [t for t in an.tokens if t.text in (initials, initials + "s")]
    anchor = next((h for h in hits if h.role == subject.id), None)
    if len(uses) < 2 or anchor is None:
        return {}
    return {initials: anchor}


def spell_out(finder: "RoleFinder", an: Analysis, hits: list["RoleHit"], acronyms: dict[str, "RoleHit"]) -> None:
    """New titles built on an acronym the document defines take its long form: "BA Manager" -> Business
    Analyst Manager (the written form stays as an alias)."""
    if not acronyms:
        return
    for h in hits:
        if not h.candidate:
            continue
        words = h.candidate.split()
        if not any(w in acronyms for w in words) or len(words) < 2:
            continue
        long = []
        for w in words:
            target = acronyms.get(w)
            long.append(finder.label(target.role) if target and not target.candidate else
                        (target.candidate if target else w))
        h.candidate = " ".join(long)
        h.role = slugify(h.candidate)


def ladder(finder: "RoleFinder", an: Analysis, hits: list["RoleHit"], subject: Ref | None) -> list["RoleHit"]:
    """Seniority levels named without a head noun are levels of the document's own role.

    A table row, list item or heading made of seniority words only ("Entry-Level
    (0-2 years)", "Senior / Lead"), or three or more of them listed in a
    sentence ("junior, mid-level, senior, and lead/principal").
    """
    if subject is None:
        return []
    toks, text, g = an.tokens, an.text, finder.grammar
    taken = {k for h in hits for k in range(h.i, h.j)}
    base_label = subject.label or finder.label(subject.id)
    base = subject.id if not subject.is_new else None
    out: list["RoleHit"] = []

    def level_at(k: int, end: int) -> tuple[int, str] | None:
        s = g.seniority(toks, k)
        if s and k + s[0] <= end and not (set(range(k, k + s[0])) & taken):
            return s
        return None

    def add(k: int, n: int, word: str) -> None:
        label = f"{word} {base_label}"
        out.append(_hit(finder, role=slugify(label), start=toks[k].start, end=toks[k + n - 1].end, i=k, j=k + n,
                        confidence=0.6, candidate=label, base=base or subject.id))
        taken.update(range(k, k + n))

    for unit in an.units:
        if unit.boilerplate:
            continue
        lo, hi = unit.first, unit.last
        if unit.kind == "row":
            cells = an.doc.blocks[unit.block].cells
            if not cells:
                continue
            hi = an.token_index(cells[0][1])
        levels = []
        k = lo
        while k < hi:
            s = level_at(k, hi)
            if s:
                levels.append((k, s[0], s[1]))
                k += s[0]
                continue
            if toks[k].norm in _LEVEL_JOINERS or (text[toks[k].start - 1:toks[k].start] == "(") or \
                    toks[k].text.isdigit() or toks[k].norm in ("year", "an", "yr"):
                k += 1
                continue
            break
        whole = k >= hi and levels
        if whole and unit.kind in ("row", "item", "heading"):
            for k, n, word in levels:
                add(k, n, word)
            continue
        if unit.kind == "sentence" and sum(1 for t in toks[lo:hi] if t.norm in g.seniority_firsts) >= 3:
            _listed_levels(an, unit, level_at, add)
    return out


def _listed_levels(an: Analysis, unit, level_at, add) -> None:
    """Three or more seniority words in a row, separated by commas, slashes, "and"/"or"."""
    toks, text = an.tokens, an.text
    k = unit.first
    while k < unit.last:
        run, m = [], k
        while m < unit.last:
            s = level_at(m, unit.last)
            if not s:
                break
            run.append((m, s[0], s[1]))
            m += s[0]
            gap = text[toks[m - 1].end:toks[m].start] if m < unit.last else ""
            if m < unit.last and toks[m].norm in _LEVEL_JOINERS and gap.strip() in ("", ","):
                m += 1
            elif gap.strip() not in (",", "/"):
                break
        if len(run) >= 3:
            for r in run:
                add(*r)
            k = m
        else:
            k += 1
