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
from .structure import Analysis, ByStart, Unit
from .tokens import tokenize

__all__ = ["find_salaries", "parse_amounts"]

_CUR = {"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "$": "USD", "usd": "USD", "us$": "USD",
        "dollar": "USD", "dollars": "USD", "£": "GBP", "gbp": "GBP", "chf": "CHF", "k€": "EUR",
        "₹": "INR", "inr": "INR", "rs": "INR", "rs.": "INR", "rupees": "INR", "aud": "AUD", "a$": "AUD",
        "au$": "AUD", "cad": "CAD", "c$": "CAD", "ca$": "CAD", "nzd": "NZD", "nz$": "NZD", "sgd": "SGD",
        "s$": "SGD"}
_CODES = r"EUR|USD|GBP|CHF|INR|AUD|CAD|NZD|SGD"
_AMOUNT = re.compile(rf"""
    (?P<pre>(?:AU|A|CA|C|US|NZ|S)\$|[€$£₹]|\b(?:{_CODES})\b|\bRs\.?)?\s?
    (?P<num>\d{{1,3}}(?:[ \u00a0\u202f.,’']\d{{3}})+(?:[.,]\d{{1,2}})?|\d+(?:[.,]\d+)?)
    (?:\s?(?P<mult>[kK](?![a-zA-Z])|[kK](?=€)|M(?![a-zA-Z])|m(?=\s?€)|Md)(?!\w))?
    \s?(?P<post>€|\beuros?\b|\b(?:{_CODES})\b|\$|£|₹|\bdollars?\b|\brupees\b)?
""", re.X)
_JOIN = re.compile(r"^\s*(?:-|–|—|à|a|to|et|and|/)\s*$", re.I)
_PLAUSIBLE = {"year": (8_000, 3_000_000), "month": (500, 60_000), "week": (150, 15_000),
              "day": (80, 5_000), "hour": (8, 600)}
# currencies whose unit is worth far less than a euro or a dollar: plausible pay is that much larger
_SMALL_UNITS = {"INR": 100}
_BOUNDARY = re.compile(r"[;.]\s|,\s+(?:et|and|puis|then)\b|,\s+(?=(?:entre|between|de|from)\b)")


@dataclass(slots=True)
class Amount:
    start: int
    end: int
    value: float
    currency: str | None
    mult: bool


_MONEY = re.compile(rf"[€$£₹]|\b(?:{_CODES}|[Ee]uros?|EUROS?|[Dd]ollars?|DOLLARS?|[Rr]upees|Rs)\b")


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


def _ranges(text: str, amounts: list[Amount], from_words=None) -> list[tuple[Amount, Amount | None]]:
    """Pair range bounds; keep only expressions with a currency.

    Bounds are joined by a dash, "to", "à", "et", or by a few words when the
    first follows "from"/"de": "from $50,000 for juniors to $80,000".
    """
    out, k = [], 0
    while k < len(amounts):
        a = amounts[k]
        b = amounts[k + 1] if k + 1 < len(amounts) else None
        gap = text[a.end:b.start] if b else ""
        joined = b is not None and (_JOIN.match(gap) or (
            from_words is not None and from_words(a.start) and _WORDY_JOIN.match(gap)))
        if joined and (a.currency or b.currency):
            cur = a.currency or b.currency
            lo, hi = a.value, b.value
            if not a.mult and not a.currency and lo < 1000 <= hi and lo * 1000 <= hi * 1.5:
                lo *= 1000  # "entre 70 et 90 000 €", "100–300k€"
            if lo <= hi:
                out.append((Amount(a.start, b.end, lo, cur, True), Amount(b.start, b.end, hi, cur, True)))
                k += 2
                continue
        if a.currency:
            out.append((a, None))
        k += 1
    return out


_WORDY_JOIN = re.compile(r"^[^\d.;:!?]{0,50}?\b(?:to|à|a|up to|jusqu'?à)\s*$", re.I)
_PLUS_AFTER = re.compile(r"\s*(?:\+|or more\b|and (?:up|above)\b|ou plus\b|et plus\b)", re.I)
_TABLE_CUR = re.compile(rf"\b({_CODES})\b")


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


@dataclass(slots=True)
class _Table:
    """What a table's header says: which columns hold pay, in which currency."""

    pay_columns: set[int]
    currency: dict[int, str]


def _tables(an: Analysis, cues: Cues) -> dict[int, _Table]:
    """Rows (by block index) of tables whose header names pay ("AUD Salary", "Typical pay")."""
    out: dict[int, _Table] = {}
    current: _Table | None = None
    last = -2
    for n, block in enumerate(an.doc.blocks):
        if block.kind != "row":
            current = None
            continue
        if current is None or n != last + 1:
            pay, currency = set(), {}
            for c, (a, b) in enumerate(block.cells):
                cell = an.tokens[an.token_index(a):an.token_index(b)]
                if _has(cues.salary_cues, cell):
                    pay.add(c)
                    m = _TABLE_CUR.search(an.text, a, b)
                    if m:
                        currency[c] = m.group(1)
            current = _Table(pay, currency)
        else:
            out[n] = current
        last = n
    return out


def find_salaries(an: Analysis, hits: list[RoleHit], subject: Ref | None, cues: Cues) -> list[Salary]:
    """Salary figures with the role they are about: the role named in the same row or just before, else
    the subject."""
    out: list[Salary] = []
    quals = _Qualifiers(an, cues)
    text = an.text
    money = [m.start() for m in _MONEY.finditer(text)]  # one scan, then a bisect per unit
    if not money:
        return out
    tables = _tables(an, cues)
    by_start = ByStart(h for h in hits if not h.elided)

    def after_from(pos: int) -> bool:
        return _has(cues.salary["range_start"], tokenize(text, max(0, pos - 12), pos))

    for unit in an.units:
        k = bisect.bisect_left(money, unit.start)
        if k == len(money) or money[k] >= unit.end:
            continue
        utoks = an.unit_tokens(unit)
        table = tables.get(unit.block) if unit.kind == "row" else None
        amounts = parse_amounts(text, unit.start, unit.end)
        if table is not None and table.pay_columns:
            cells = an.doc.blocks[unit.block].cells
            amounts = [a for a in amounts if any(cells[c][0] <= a.start < cells[c][1] for c in table.pay_columns
                                                 if c < len(cells))]
            for a in amounts:
                column = next((c for c in table.currency if c < len(cells) and cells[c][0] <= a.start < cells[c][1]),
                              None)
                if column is not None and (a.currency in (None, "USD")):
                    a.currency = table.currency[column]  # "$70k" under "AUD Salary"
        elif "salary" not in unit.sections and not _has(cues.salary_cues, utoks) and \
                not (len(utoks) <= 10 and _standalone_range(text, amounts)):
            continue
        previous: dict = {}
        pairs = _ranges(text, amounts, after_from)
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
            lead = tokenize(text, max(unit.start, lo.start - 25), lo.start)
            low, high = lo.value, (hi.value if hi else lo.value)
            if hi is None:
                if _has(cues.salary["up_to"], lead):
                    low = None  # "up to 55k", "jusqu'à 55 k€": a ceiling
                elif _has(cues.salary["from"], lead) or _PLUS_AFTER.match(text, lo.end):
                    high = None  # "from 60 000 €", "$200k+", "100k or more": a floor
            scale = _SMALL_UNITS.get(lo.currency, 1)
            bounds = (_PLAUSIBLE[period][0] * scale, _PLAUSIBLE[period][1] * scale)
            if any(v is not None and not bounds[0] <= v <= bounds[1] for v in (low, high)):
                continue
            role = _role_of(by_start, unit, lo.start)
            ref = role_ref(role) if role else subject
            if ref is None:
                continue
            out.append(Salary(
                ref, low, high, lo.currency, period, Span(lo.start, a_end), basis,
                q.get("min_years"), q.get("max_years"), q.get("seniority"), q.get("location"),
                _summary(q, basis), 0.8))
    return _once(out)


def _standalone_range(text: str, amounts: list[Amount]) -> bool:
    """A short line that is a range of money ("$95,000 - $175,000"): pay, in a job page."""
    money = [a for a in amounts if a.currency]
    return len(money) >= 2 and any(b is not None for _a, b in _ranges(text, money))


def _once(found: list[Salary]) -> list[Salary]:
    """Each figure once: an exact repeat, or a rounded repeat of a single figure ($119,772 then "$120K")."""
    out: list[Salary] = []
    for s in found:
        same = [o for o in out if o.currency == s.currency and o.period == s.period]
        if any((o.min, o.max) == (s.min, s.max) and o.role.id == s.role.id for o in same):
            continue
        if s.min is not None and s.min == s.max and any(
                o.min is not None and o.min == o.max and o.min != s.min and abs(o.min - s.min) <= 0.01 * o.min
                for o in same):
            continue
        out.append(s)
    return out


def _role_of(hits: ByStart, unit: Unit, pos: int) -> RoleHit | None:
    """The role a figure is about: the first named in its table row, else the last named before it in its
    sentence, else the first named after it."""
    inside = hits.within(unit.start, unit.end)
    if unit.kind == "row":
        return inside[0] if inside else None
    before = [h for h in inside if h.end <= pos]
    if before:
        return before[-1]
    return inside[0] if inside else None
