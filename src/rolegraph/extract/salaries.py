"""Salaries: amounts and ranges as pages write them, with period, basis and qualifiers.

Handles "60k€", "60 000 €", "€60,000", "$150K", "100–300k€", "entre 70 et
90 000 € brut annuel" (the first bound borrows the second's thousands),
"à partir de 60 000 €" (a floor), "2 300 € nets par mois". An amount counts as a
salary only where the sentence or its section speaks of pay, so "a levé 2 m€"
is left alone.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..knowledge.model import Ref, Salary, Span
from .cues import Cues
from .roles import RoleHit, role_ref
from .structure import Analysis, Unit
from .tokens import tokenize

__all__ = ["find_salaries", "parse_amounts"]

_CUR = {"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "$": "USD", "usd": "USD",
        "dollar": "USD", "dollars": "USD", "£": "GBP", "gbp": "GBP", "chf": "CHF", "k€": "EUR"}
_AMOUNT = re.compile(r"""
    (?P<pre>[€$£]|\b(?:EUR|USD|GBP|CHF)\b)?\s?
    (?P<num>\d{1,3}(?:[ \u00a0\u202f.,’']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)
    (?:\s?(?P<mult>[kK](?![a-zA-Z])|[kK](?=€)|M(?![a-zA-Z])|m(?=\s?€)|Md)(?!\w))?
    \s?(?P<post>€|\beuros?\b|\bEUR\b|\bUSD\b|\$|£|\bGBP\b|\bCHF\b|\bdollars?\b)?
""", re.X)
_JOIN = re.compile(r"^\s*(?:-|–|—|à|a|to|et|and|/)\s*$", re.I)
_PLAUSIBLE = {"year": (8_000, 3_000_000), "month": (500, 60_000), "week": (150, 15_000),
              "day": (80, 5_000), "hour": (8, 600)}
_BOUNDARY = re.compile(r"[;.]\s|,\s+(?:et|and|puis|then)\b|,\s+(?=(?:entre|between|de|from)\b)")


@dataclass(slots=True)
class Amount:
    start: int
    end: int
    value: float
    currency: str | None
    mult: bool


_MONEY = re.compile(r"[€$£]|\b(?:EUR|USD|GBP|CHF|euros?|dollars?)\b", re.I)


def _number(raw: str) -> float:
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .,’']\d{3})+", raw):
        return float(re.sub(r"\D", "", raw))
    m = re.fullmatch(r"(\d{1,3}(?:[ .,’']\d{3})+)[.,](\d{1,2})", raw)
    if m:
        return float(re.sub(r"\D", "", m.group(1)) + "." + m.group(2))
    return float(raw.replace(",", "."))


def parse_amounts(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    """Every number in the span with its currency and multiplier, if any.

    >>> [(a.value, a.currency) for a in parse_amounts("entre 70 et 90 000 € brut")]
    [(70.0, None), (90000.0, 'EUR')]
    >>> [(a.value, a.currency) for a in parse_amounts("Expert CTO : 100–300k€")]
    [(100.0, None), (300000.0, 'EUR')]
    """
    out = []
    for m in _AMOUNT.finditer(text, start, len(text) if end is None else end):
        value = _number(m.group("num"))
        mult = m.group("mult")
        if mult:
            value *= 1_000_000 if mult in ("M", "m") else 1_000_000_000 if mult == "Md" else 1000
        cur = m.group("pre") or m.group("post")
        currency = _CUR.get(cur.lower() if cur else "", None) if cur else None
        s, e = m.start("num") if not m.group("pre") else m.start(), m.end()
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append(Amount(s, e, value, currency, bool(mult)))
    return out


def _has(matcher, tokens) -> bool:
    return any(True for _ in matcher.find(tokens))


def _ranges(text: str, amounts: list[Amount]) -> list[tuple[Amount, Amount | None]]:
    """Pair range bounds; keep only expressions with a currency."""
    out, k = [], 0
    while k < len(amounts):
        a = amounts[k]
        b = amounts[k + 1] if k + 1 < len(amounts) else None
        if b and _JOIN.match(text[a.end:b.start]) and (a.currency or b.currency):
            cur = a.currency or b.currency
            lo, hi = a.value, b.value
            if not a.mult and not a.currency and lo < 1000 <= hi and lo * 1000 <= hi * 1.5:
                lo *= 1000  # "entre 70 et 90 000 €", "100–300k€"
            out.append((Amount(a.start, b.end, lo, cur, True), Amount(b.start, b.end, hi, cur, True)))
            k += 2
            continue
        if a.currency:
            out.append((a, None))
        k += 1
    return out


_YEARS_RANGE = re.compile(r"(\d{1,2})\s*(?:à|a|to|-|–)\s*(\d{1,2})\s*(?:ans|années|years?)", re.I)
_YEARS_OVER = re.compile(r"(?:plus de|over|more than|au moins|at least|\+)\s*(\d{1,2})\s*"
                         r"(?:ans|années|years?)", re.I)
_YEARS_PLUS = re.compile(r"(\d{1,2})\s*\+\s*(?:ans|années|years?)", re.I)


class _Qualifiers:
    def __init__(self, an: Analysis, cues: Cues):
        self.an, self.cues = an, cues

    def of(self, start: int, end: int) -> dict:
        text = self.an.text[start:end]
        toks = tokenize(self.an.text, start, end)
        q: dict = {}
        m = _YEARS_RANGE.search(text)
        if m:
            q["min_years"], q["max_years"] = float(m.group(1)), float(m.group(2))
        elif m := _YEARS_OVER.search(text) or _YEARS_PLUS.search(text):
            q["min_years"] = float(m.group(1))
        levels = [p.value for _i, _j, p in self.cues.seniority.find(toks)]
        if levels:
            q["seniority"] = levels[0]
        places = [p.value for _i, _j, p in self.cues.places.find(toks)]
        if places:
            q["location"] = places[0]
        return q


def _period(cues: Cues, toks) -> str:
    for period in ("hour", "day", "week", "month", "year"):
        matcher = cues.salary.get(period)
        if matcher and _has(matcher, toks):
            return period
    return "year"


def _summary(q: dict, basis: str | None) -> str | None:
    parts = []
    if "seniority" in q:
        parts.append(q["seniority"])
    if "min_years" in q:
        parts.append(f"{q['min_years']:g}-{q['max_years']:g} years" if "max_years" in q
                     else f"over {q['min_years']:g} years")
    if "location" in q:
        parts.append(q["location"])
    if basis:
        parts.append(basis)
    return ", ".join(parts) or None


def find_salaries(an: Analysis, hits: list[RoleHit], subject: Ref | None, cues: Cues) -> list[Salary]:
    """Salary figures with the role they are about (the nearest one named, else the subject)."""
    out: list[Salary] = []
    quals = _Qualifiers(an, cues)
    text = an.text
    money = [m.start() for m in _MONEY.finditer(text)]  # one scan, then a bisect per unit
    if not money:
        return out
    for unit in an.units:
        k = bisect.bisect_left(money, unit.start)
        if k == len(money) or money[k] >= unit.end:
            continue
        utoks = an.unit_tokens(unit)
        if "salary" not in unit.sections and not _has(cues.salary_cues, utoks):
            continue
        amounts = parse_amounts(text, unit.start, unit.end)
        previous: dict = {}
        pairs = _ranges(text, amounts)
        for n, (lo, hi) in enumerate(pairs):
            a_end = (hi or lo).end
            # qualifiers: this clause, before and after the figure
            clause_start = unit.start if n == 0 else pairs[n - 1][1 if pairs[n - 1][1] else 0].end
            before = text[clause_start:lo.start]
            cut = [m.end() for m in _BOUNDARY.finditer(before)]
            pre_start = clause_start + (cut[-1] if cut else 0)
            nxt = pairs[n + 1][0].start if n + 1 < len(pairs) else unit.end
            after = _BOUNDARY.search(text, a_end, nxt)
            post_end = after.start() if after else nxt
            q = quals.of(pre_start, post_end)
            for key in ("min_years", "max_years", "seniority"):
                if key not in q and key in previous:
                    q[key] = previous[key]
            previous = q
            near = tokenize(text, a_end, min(post_end, a_end + 60))
            period = _period(cues, near) if near else _period(cues, utoks)
            if period == "year" and not near:
                period = _period(cues, utoks)
            basis = "gross" if _has(cues.salary["gross"], near) else \
                "net" if _has(cues.salary["net"], near) else None
            floor = hi is None and _has(cues.salary["from"], tokenize(text, max(unit.start, lo.start - 25), lo.start))
            low, high = lo.value, (hi.value if hi else (None if floor else lo.value))
            bounds = _PLAUSIBLE[period]
            if not bounds[0] <= low <= bounds[1] or (high is not None and not low <= high <= bounds[1]):
                continue
            near = _nearest_role(hits, unit, lo.start)
            ref = role_ref(near) if near else subject
            if ref is None:
                continue
            out.append(Salary(
                ref, low, high, lo.currency, period, Span(lo.start, a_end), basis,
                q.get("min_years"), q.get("max_years"), q.get("seniority"), q.get("location"),
                _summary(q, basis), 0.8))
    return out


def _nearest_role(hits: list[RoleHit], unit: Unit, pos: int) -> RoleHit | None:
    inside = [h for h in hits if unit.start <= h.start < unit.end]
    before = [h for h in inside if h.end <= pos]
    if before:
        return before[-1]
    return inside[0] if inside else None
