"""One lexicon, three layers: the curated lexicon, then ESCO, then O*NET.

The curated roles, skills and missions keep their ids and labels. ESCO and
O*NET occupations become roles too: an occupation is the same role as a
curated one when the lexicon says so with an exact match (``esco`` or ``onet``
code with ``*_match = "exact"``) or when their English preferred labels are
the same; an O*NET occupation is the same role as an ESCO one when their
labels are. Everything else stays apart: a crosswalk row or a close match is a
``skos:closeMatch`` link, never a merge of two jobs. Each fact keeps its
source, so the graph can say "ESCO: essential" or "O*NET: hot technology".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pathlib import Path

from ..locations import data_dir
from ..text import fold, slugify
from .lexicon import Concept, Lexicon
from .taxonomies.crosswalk import read_crosswalk, resolve_codes
from .taxonomies.esco import read_esco
from .taxonomies.onet import read_onet
from .taxonomies.model import CrosswalkRow, Source, Taxonomy
from .taxonomies.scope import Scope, load_scope

__all__ = ["Reference", "merge_reference", "load_reference", "reference_folders", "title_case", "singular_title",
           "gender_forms", "title_forms"]

ESCO, ONET = "esco", "onet"
_SMALL = {"and", "or", "of", "in", "for", "the", "a", "an", "with", "to", "on", "at", "by", "except"}


@dataclass(frozen=True)
class RefRequirement:
    role: str
    skill: str
    source: str  # esco or onet
    level: str  # essential, optional, technology
    hot: bool = False
    in_demand: bool = False


@dataclass(frozen=True)
class RefTask:
    role: str
    mission: str
    source: str
    type: str  # Core, Supplemental, ""
    task_id: str


@dataclass(frozen=True)
class RefSimilar:
    role: str
    other: str
    tier: str
    index: int


@dataclass
class Reference:
    """What the taxonomies add to the lexicon besides concepts: sources, links and relations."""

    sources: dict[str, Source] = field(default_factory=dict)
    requirements: list[RefRequirement] = field(default_factory=list)
    tasks: list[RefTask] = field(default_factory=list)
    similar: list[RefSimilar] = field(default_factory=list)
    broader: list[tuple[str, str]] = field(default_factory=list)  # (narrower role, broader role), ESCO
    close: list[tuple[str, str, str]] = field(default_factory=list)  # (ESCO role, O*NET role, source)
    isco: dict[str, str] = field(default_factory=dict)  # role id -> ISCO-08 group (from ESCO)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)  # source -> publisher key -> concept id
    notes: dict[str, int] = field(default_factory=dict)  # counts worth reporting (merges, crosswalk losses)


# --- label forms -----------------------------------------------------------------

def title_case(label: str) -> str:
    """ESCO's lower-case labels as titles, keeping acronyms and brand casing.

    >>> title_case("ICT security engineer"), title_case("eBusiness manager"), title_case("e-learning developer")
    ('ICT Security Engineer', 'eBusiness Manager', 'E-learning Developer')
    """
    words = label.split()
    out = []
    for k, w in enumerate(words):
        if any(c.isupper() for c in w) or (k and w in _SMALL):
            out.append(w)
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def singular_title(title: str) -> str:
    """An O*NET occupation title (plural) as one job title.

    >>> singular_title("Software Quality Assurance Analysts and Testers")
    'Software Quality Assurance Analyst and Tester'
    >>> singular_title("Electronics Engineers, Except Computer")
    'Electronics Engineer, Except Computer'
    >>> singular_title("Computer Systems Engineers/Architects")
    'Computer Systems Engineer/Architect'
    """
    head, sep, tail = title.partition(", ")
    parts = re.split(r"( and |/)", head)
    parts = [p if p in (" and ", "/") else " ".join(p.split()[:-1] + [_singular(p.split()[-1])]) if p.split() else p
             for p in parts]
    return "".join(parts) + sep + tail


def gender_forms(label: str) -> tuple[str, str | None]:
    """ESCO's French "masculine/feminine" label as its two forms.

    >>> gender_forms("développeur web/développeuse web")
    ('développeur web', 'développeuse web')
    >>> gender_forms("analyste logiciel")
    ('analyste logiciel', None)
    """
    if label.count("/") == 1:
        a, b = (x.strip() for x in label.split("/"))
        if a and b and len(a.split()) == len(b.split()):
            return a, b
    return label, None


_PAREN = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")


def title_forms(title: str) -> list[str]:
    """A title and the form in its parentheses as two names.

    >>> title_forms("Chief Information Security Officer (CISO)")
    ['Chief Information Security Officer', 'CISO']
    >>> title_forms("AI Engineer (Artificial Intelligence Engineer)")
    ['AI Engineer', 'Artificial Intelligence Engineer']
    """
    m = _PAREN.match(title)
    if not m:
        return [title]
    return [m.group("outer").strip(), m.group("inner").strip()]


def _sentence_case(label: str) -> str:
    return label[:1].upper() + label[1:] if label else label


# --- the merge ---------------------------------------------------------------------

class _Merger:
    def __init__(self, lex: Lexicon, scope: Scope):
        self.lex, self.scope = lex, scope
        self.ref = Reference()
        # folded English preferred label -> role id, to merge by label
        self.role_by_label = {fold(r.en): r.id for r in lex.roles.values()}
        self.skill_by_label = {}
        for s in lex.skills.values():
            for name in (s.en, *s.en_alt):
                self.skill_by_label.setdefault(fold(name), s.id)

    def free_id(self, table: dict, base: str) -> str:
        candidate, n = base, 2
        while candidate in table:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def add_names(self, table: dict, cid: str, names: list[tuple[str, str, int]], source: str, *, links=(),
                  description=()):
        """Give a concept another source's names, links and description (names it already has are skipped)."""
        c = table[cid]
        known = {(fold(n), lang) for n, lang, _t in c.tiered_names()}
        extra = []
        for name, lang, tier in names:
            if name and (fold(name), lang) not in known:
                known.add((fold(name), lang))
                extra.append((name, lang, tier, source))
        table[cid] = replace(c, ref_names=c.ref_names + tuple(extra), links=c.links + tuple(links),
                             description=c.description + tuple((lang, text, source) for lang, text in description))

    # --- roles ---

    def esco_roles(self, tax: Taxonomy) -> None:
        lex, codes = self.lex, self.ref.codes.setdefault(ESCO, {})
        exact = {r.esco: r.id for r in lex.roles.values() if r.esco and r.esco_match == "exact"}
        for uri, occ in sorted(tax.occupations.items()):
            uuid = uri.rsplit("/", 1)[-1]
            en = title_case(occ.labels.get("en", ""))
            fr, fr_fem = gender_forms(occ.labels.get("fr", "")) if occ.labels.get("fr") else ("", None)
            names = _names(occ, pref_en=en)
            link = (ESCO, uri, "exact")
            description = tuple(sorted(occ.description.items()))
            rid = exact.get(uuid) or self.role_by_label.get(fold(en))
            if rid is not None:  # the same job as a role the lexicon has
                names = [(en, "en", 1)] + ([(_sentence_case(fr), "fr", 1)] if fr else []) + names
                self.add_names(lex.roles, rid, names, ESCO, links=[link], description=description)
                self.ref.notes["esco_merged"] = self.ref.notes.get("esco_merged", 0) + 1
            else:
                rid = self.free_id(lex.roles, slugify(en))
                family = self.scope.esco_family(uri, occ.isco or "")
                lex.roles[rid] = Concept(
                    "role", rid, en, _sentence_case(fr) if fr else en,
                    en_alt=tuple(n for n, lang, t in names if lang == "en" and t == 2),
                    fr_alt=tuple(n for n, lang, t in names if lang == "fr" and t == 2),
                    fr_feminine=(fr_fem,) if fr_fem else (), family=family, source=ESCO, isco=occ.isco,
                    ref_names=tuple((n, lang, t, ESCO) for n, lang, t in names if t == 3 or lang not in ("en", "fr")),
                    description=_sourced(description, ESCO), links=(link,))
                self.role_by_label[fold(en)] = rid
            codes[uri] = rid
            if occ.isco:
                self.ref.isco.setdefault(rid, occ.isco)
        for a, b in tax.broader:
            if codes.get(a) and codes.get(b) and codes[a] != codes[b]:
                self.ref.broader.append((codes[a], codes[b]))

    def onet_roles(self, tax: Taxonomy) -> None:
        lex, codes = self.lex, self.ref.codes.setdefault(ONET, {})
        exact = {r.onet: r.id for r in lex.roles.values() if r.onet and r.onet_match == "exact"}
        for code, occ in sorted(tax.occupations.items()):
            en = singular_title(occ.labels["en"])
            titles = [(f, "en", 2) for t, _short, _src in occ.titles for f in title_forms(t)]
            titles += [(short, "en", 2) for _t, short, _src in occ.titles if short and short != "n/a"]
            titles += [(f, "en", 2) for t, _shown in occ.reported for f in title_forms(t)]
            link = (ONET, code, "exact")
            description = tuple(sorted(occ.description.items()))
            rid = exact.get(code) or self.role_by_label.get(fold(en))
            if rid is not None:
                self.add_names(lex.roles, rid, [(en, "en", 1)] + titles, ONET, links=[link], description=description)
                self.ref.notes["onet_merged"] = self.ref.notes.get("onet_merged", 0) + 1
            else:
                rid = self.free_id(lex.roles, slugify(en))
                seen, alt = {fold(en)}, []
                for t, _lang, _tier in titles:
                    if fold(t) not in seen:
                        seen.add(fold(t))
                        alt.append(t)
                lex.roles[rid] = Concept("role", rid, en, en, en_alt=tuple(alt), family=self.scope.onet_family(code),
                                         source=ONET, onet=code, description=_sourced(description, ONET),
                                         links=(link,))
                self.role_by_label[fold(en)] = rid
            codes[code] = rid
        for r in tax.related:
            a, b = codes.get(r.occupation), codes.get(r.other)
            if a and b and a != b:
                self.ref.similar.append(RefSimilar(a, b, r.tier, r.index))

    def crosswalk(self, rows: list[CrosswalkRow], onet: Taxonomy) -> None:
        esco_ids, onet_ids = self.ref.codes.get(ESCO, {}), self.ref.codes.get(ONET, {})
        placed, lost = resolve_codes(rows, {c: o.labels["en"] for c, o in onet.occupations.items()})
        pairs = set()
        for r in rows:
            a, b = esco_ids.get(r.esco), onet_ids.get(placed.get(r.onet, ""))
            if a and b and a != b:
                pairs.add((a, b))
        self.ref.close += sorted((a, b, "crosswalk") for a, b in pairs)
        self.ref.notes["crosswalk_unplaced_codes"] = lost

    # --- skills and missions ---

    def esco_skills(self, tax: Taxonomy) -> dict[str, str]:
        lex, ids = self.lex, {}
        for uri, sk in sorted(tax.skills.items()):
            en = sk.labels.get("en", "")
            fr = sk.labels.get("fr")
            names = _names(sk, pref_en=en)
            link = (ESCO, uri, "exact")
            description = tuple(sorted(sk.description.items()))
            sid = self.skill_by_label.get(fold(en))
            if sid is not None and sid in lex.skills and lex.skills[sid].source == "lexicon":
                extra = [(en, "en", 1)] + ([(fr, "fr", 1)] if fr else []) + names
                self.add_names(lex.skills, sid, extra, ESCO, links=[link], description=description)
            else:
                sid = self.free_id(lex.skills, slugify(en))
                lex.skills[sid] = Concept(
                    "skill", sid, en, fr or "", en_alt=tuple(n for n, lang, t in names if lang == "en" and t == 2),
                    fr_alt=tuple(n for n, lang, t in names if lang == "fr" and t == 2), source=ESCO,
                    skill_kind=sk.kind or None, description=_sourced(description, ESCO), links=(link,),
                    ref_names=tuple((n, lang, t, ESCO) for n, lang, t in names if t == 3 or lang not in ("en", "fr")))
                for name in (en, *(n for n, lang, _t in names if lang == "en")):
                    self.skill_by_label.setdefault(fold(name), sid)
            ids[uri] = sid
        return ids

    def onet_skills(self, tax: Taxonomy) -> dict[str, str]:
        lex, ids = self.lex, {}
        for name, sk in sorted(tax.skills.items()):
            link = (ONET, name, "exact")
            sid = self.skill_by_label.get(fold(name))
            if sid is not None:
                self.add_names(lex.skills, sid, [(name, "en", 1)], ONET, links=[link])
            else:
                sid = self.free_id(lex.skills, slugify(name))
                lex.skills[sid] = Concept("skill", sid, name, "", source=ONET, skill_kind="technology",
                                          links=(link,))
                self.skill_by_label[fold(name)] = sid
            ids[name] = sid
        return ids

    def onet_tasks(self, tax: Taxonomy) -> None:
        lex, roles = self.lex, self.ref.codes.get(ONET, {})
        for t in tax.tasks:
            if t.occupation not in roles:
                continue
            base = slugify(t.text)[:80].rsplit("-", 1)[0] if len(slugify(t.text)) > 80 else slugify(t.text)
            mid = f"{base}-{t.id}"
            if mid not in lex.missions:
                lex.missions[mid] = Concept("mission", mid, t.text, "", source=ONET,
                                            links=((ONET, f"task/{t.id}", "exact"),))
            self.ref.tasks.append(RefTask(roles[t.occupation], mid, ONET, t.type, t.id))


def _sourced(description, source: str) -> tuple[tuple[str, str, str], ...]:
    return tuple((lang, text, source) for lang, text in description)


def _names(item, *, pref_en: str) -> list[tuple[str, str, int]]:
    """A taxonomy item's other names: alternative labels (tier 2) and search-only ones (tier 3).

    French "masculine/feminine" labels give both forms.
    """
    out = []
    for tier, table in ((2, item.alt), (3, item.hidden)):
        for lang, values in sorted(table.items()):
            for v in values:
                if lang == "fr":
                    m, f = gender_forms(v)
                    out += [(m, lang, tier)] + ([(f, lang, tier)] if f else [])
                else:
                    out += [(f, lang, tier) for f in title_forms(v) if fold(f) != fold(pref_en)]
    for lang, label in sorted(item.labels.items()):  # preferred labels in other languages (de, es, ...)
        if lang not in ("en", "fr"):
            out.append((label, lang, 1))
    return out


def merge_reference(lex: Lexicon, scope: Scope, *, esco: Taxonomy | None = None, onet: Taxonomy | None = None,
                    crosswalk: tuple[Source, list[CrosswalkRow]] | None = None) -> Lexicon:
    """``lex`` with the taxonomies' roles, skills and missions added, and ``lex.reference`` set.

    The curated lexicon comes first: its ids and labels stay; ESCO is merged
    into it, then O*NET into both. ``lex`` is changed in place and returned.
    """
    m = _Merger(lex, scope)
    ref = m.ref
    if esco is not None:
        ref.sources[ESCO] = esco.source
        m.esco_roles(esco)
        skill_ids = m.esco_skills(esco)
        roles = ref.codes[ESCO]
        ref.requirements += [RefRequirement(roles[r.occupation], skill_ids[r.skill], ESCO, r.level)
                             for r in esco.requirements if r.occupation in roles]
    if onet is not None:
        ref.sources[ONET] = onet.source
        m.onet_roles(onet)
        skill_ids = m.onet_skills(onet)
        roles = ref.codes[ONET]
        ref.requirements += [RefRequirement(roles[r.occupation], skill_ids[r.skill], ONET, r.level, r.hot,
                                            r.in_demand) for r in onet.requirements if r.occupation in roles]
        m.onet_tasks(onet)
    if crosswalk is not None and esco is not None and onet is not None:
        ref.sources["crosswalk"] = crosswalk[0]
        m.crosswalk(crosswalk[1], onet)
    # one statement per role and skill and source: an occupation merged from two keys lists a skill once
    ref.requirements = sorted(set(ref.requirements), key=lambda r: (r.source, r.role, r.skill, r.level))
    ref.tasks = sorted(set(ref.tasks), key=lambda t: (t.role, t.mission))
    ref.similar = sorted(set(ref.similar), key=lambda s: (s.role, s.index, s.other))
    ref.broader = sorted(set(ref.broader))
    lex.reference = ref
    return lex


def reference_folders(build: Path | str | None = None) -> dict[str, Path]:
    """Where each source's subset is: ``<build>/reference/<source>`` when a build folder has
    one (``rolegraph import``), else the shipped ``data/reference/<source>``."""
    shipped = data_dir() / "reference"
    out = {}
    for name in ("esco", "onet", "crosswalk"):
        for base in ([Path(build) / "reference"] if build else []) + [shipped]:
            folder = base / name
            if folder.is_dir() and any(folder.iterdir()):
                out[name] = folder
                break
    return out


def load_reference(lex: Lexicon, folders: dict[str, Path] | None = None) -> Lexicon:
    """Add the reference subsets in ``folders`` (default: :func:`reference_folders`) to ``lex``."""
    folders = reference_folders() if folders is None else folders
    if not folders:
        return lex
    scope = load_scope()
    esco = read_esco([folders["esco"]]) if "esco" in folders else None
    onet = read_onet([folders["onet"]]) if "onet" in folders else None
    crosswalk = None
    if "crosswalk" in folders and esco is not None:
        crosswalk = read_crosswalk([folders["crosswalk"]], esco=set(esco.occupations))
    return merge_reference(lex, scope, esco=esco, onet=onet, crosswalk=crosswalk)
