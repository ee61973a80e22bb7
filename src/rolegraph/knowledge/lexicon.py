"""The bilingual lexicon: canonical roles, skills, missions and training paths.

The lexicon is read from TOML files in ``data/lexicon/`` and checked strictly:
an unknown field, a missing label or a dangling reference raises
:class:`~rolegraph.errors.DataFileError` naming the file, the entry and the
problem, so that a contributor can fix it without reading this code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..errors import DataFileError
from ..locations import data_dir
from ..text import fold

__all__ = ["Concept", "Family", "Level", "Stage", "Lexicon", "load_lexicon", "read_curated", "read_toml"]

KINDS = ("role", "skill", "mission", "qualification")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_ISCO = re.compile(r"^\d{4}$")
_ONET = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
_MATCHES = ("exact", "close", "broad", "narrow", "related")


@dataclass(frozen=True, slots=True)
class Concept:
    """A role, skill, mission or training path, with its labels in both languages."""

    kind: str
    id: str
    en: str
    fr: str
    en_alt: tuple[str, ...] = ()
    fr_alt: tuple[str, ...] = ()
    fr_feminine: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    family: str | None = None
    level: str | None = None
    broader: tuple[str, ...] = ()
    esco: str | None = None
    esco_match: str = "exact"
    isco: str | None = None
    onet: str | None = None
    onet_match: str = "exact"
    skill_kind: str | None = None
    #: The layer that named the concept: "lexicon" (curated), "esco" or "onet".
    source: str = "lexicon"
    #: Names a taxonomy adds: (label, language, tier, source), tier 1 for a taxonomy's
    #: preferred label, 2 for its alternative labels, 3 for search-only ones.
    ref_names: tuple[tuple[str, str, int, str], ...] = ()
    description: tuple[tuple[str, str, str], ...] = ()  # (language, text, source)
    #: The publishers' concepts this one is: (source, key, match), e.g. ("esco", URI, "exact").
    links: tuple[tuple[str, str, str], ...] = ()

    def names(self) -> list[tuple[str, str | None]]:
        """Every name of the concept with its language (None for acronyms)."""
        return [(name, lang) for name, lang, _tier in self.tiered_names()]

    def tiered_names(self) -> list[tuple[str, str | None, int]]:
        """Every name with its language and tier: 0 for the curated lexicon's names, then
        1, 2, 3 for a taxonomy's preferred, alternative and search-only labels.

        Where names collide, the lowest tier wins: "Data Engineer" names the curated
        role, not the three O*NET occupations that list it as an alternate title.
        """
        own = 0 if self.source == "lexicon" else 1
        out: list[tuple[str, str | None, int]] = [(self.en, "en", own), (self.fr, "fr", own)]
        alt = 0 if self.source == "lexicon" else 2
        out += [(a, "en", alt) for a in self.en_alt]
        out += [(a, "fr", alt) for a in self.fr_alt + self.fr_feminine]
        out += [(a, None, own) for a in self.acronyms + self.ambiguous]
        out += [(name, lang, tier) for name, lang, tier, _source in self.ref_names]
        return out


@dataclass(frozen=True, slots=True)
class Family:
    id: str
    en: str
    fr: str


@dataclass(frozen=True, slots=True)
class Level:
    id: str
    rank: int
    en: str
    fr: str


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    en: str
    fr: str
    min_size: int | None = None
    max_size: int | None = None


@dataclass
class Lexicon:
    """Everything in ``data/lexicon/``, keyed by id."""

    roles: dict[str, Concept] = field(default_factory=dict)
    skills: dict[str, Concept] = field(default_factory=dict)
    missions: dict[str, Concept] = field(default_factory=dict)
    qualifications: dict[str, Concept] = field(default_factory=dict)
    families: dict[str, Family] = field(default_factory=dict)
    levels: dict[str, Level] = field(default_factory=dict)
    stages: dict[str, Stage] = field(default_factory=dict)
    #: What the reference taxonomies add besides concepts (links, sources); see
    #: :mod:`rolegraph.knowledge.reference`. None for the curated lexicon alone.
    reference: object = None
    #: A digest of the files the lexicon was read from (see :func:`load_lexicon`), so that a build
    #: knows the lexicon's graphs are unchanged without writing them; None for a lexicon made in code.
    inputs: str | None = None

    @cached_property
    def fingerprint(self) -> str:
        """A digest of every concept and name: documents extracted under another lexicon are extracted again."""
        import hashlib

        h = hashlib.sha256()
        for kind in KINDS:
            for cid in sorted(self.of_kind(kind)):
                c = self.of_kind(kind)[cid]
                h.update(f"{kind}\t{cid}\t{c.source}\t{c.family}\t{c.level}\n".encode())
                for name, lang, tier in c.tiered_names():
                    h.update(f"{name}\t{lang}\t{tier}\n".encode())
        return h.hexdigest()

    def of_kind(self, kind: str) -> dict[str, Concept]:
        return {"role": self.roles, "skill": self.skills, "mission": self.missions,
                "qualification": self.qualifications}[kind]

    @cached_property
    def role_index(self) -> dict[str, list[str]]:
        """Folded name -> role ids carrying that name, from the best tier that has it
        (several ids for a name shared at that tier)."""
        best: dict[str, tuple[int, list[str]]] = {}
        for role in self.roles.values():
            for name, _lang, tier in role.tiered_names():
                key = fold(name)
                found = best.get(key)
                if found is None or tier < found[0]:
                    best[key] = (tier, [role.id])
                elif tier == found[0] and role.id not in found[1]:
                    found[1].append(role.id)
        return {key: ids for key, (_tier, ids) in best.items()}


# --- reading ---------------------------------------------------------------

_CONCEPT_FIELDS = {
    "id": str, "en": str, "fr": str, "en_alt": list, "fr_alt": list, "fr_feminine": list,
    "acronyms": list, "ambiguous": list, "family": str, "level": str, "broader": list,
    "esco": str, "esco_match": str, "isco": str, "onet": str, "onet_match": str, "kind": str,
}
_REQUIRED = ("id", "en", "fr")


def read_toml(path: Path) -> dict:
    """A TOML file's tables; DataFileError naming the file when it is unreadable or malformed."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(path, f"not valid TOML: {exc}") from None
    except OSError as exc:
        raise DataFileError(path, f"cannot be read: {exc.strerror}") from None


def _check_entry(path: Path, kind: str, entry: object, index: int) -> dict:
    where = f"{kind} #{index + 1}"
    if not isinstance(entry, dict):
        raise DataFileError(path, "each entry must be a table", where)
    if isinstance(entry.get("id"), str):
        where = f"{kind} '{entry['id']}'"
    for key in _REQUIRED:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise DataFileError(path, f"missing or empty field '{key}'", where)
    for key, value in entry.items():
        expected = _CONCEPT_FIELDS.get(key)
        if expected is None:
            known = ", ".join(sorted(_CONCEPT_FIELDS))
            raise DataFileError(path, f"unknown field '{key}' (known fields: {known})", where)
        if not isinstance(value, expected):
            raise DataFileError(path, f"field '{key}' must be a {expected.__name__}", where)
        if expected is list and not all(isinstance(v, str) and v.strip() for v in value):
            raise DataFileError(path, f"field '{key}' must list non-empty strings", where)
    if not _SLUG.match(entry["id"]):
        raise DataFileError(path, "id must be a lowercase slug like 'lead-developer'", where)
    checks = (("esco", _UUID, "an ESCO UUID"), ("isco", _ISCO, "a 4-digit ISCO-08 code"),
              ("onet", _ONET, "an O*NET-SOC code like 15-1252.00"))
    for key, pattern, what in checks:
        if key in entry and not pattern.match(entry[key]):
            raise DataFileError(path, f"field '{key}' must be {what}, not '{entry[key]}'", where)
    for key in ("esco_match", "onet_match"):
        if key in entry and entry[key] not in _MATCHES:
            raise DataFileError(path, f"field '{key}' must be one of {', '.join(_MATCHES)}", where)
    return entry


def _concept(kind: str, entry: dict) -> Concept:
    tup = lambda key: tuple(entry.get(key, ()))  # noqa: E731
    return Concept(
        kind=kind, id=entry["id"], en=entry["en"].strip(), fr=entry["fr"].strip(),
        en_alt=tup("en_alt"), fr_alt=tup("fr_alt"), fr_feminine=tup("fr_feminine"),
        acronyms=tup("acronyms"), ambiguous=tup("ambiguous"), family=entry.get("family"),
        level=entry.get("level"), broader=tup("broader"), esco=entry.get("esco"),
        esco_match=entry.get("esco_match", "exact"), isco=entry.get("isco"),
        onet=entry.get("onet"), onet_match=entry.get("onet_match", "exact"),
        skill_kind=entry.get("kind"),
    )


def _read_schemes(path: Path, lex: Lexicon) -> None:
    doc = read_toml(path)
    for i, e in enumerate(doc.get("family", [])):
        if not all(isinstance(e.get(k), str) for k in ("id", "en", "fr")):
            raise DataFileError(path, "a family needs id, en and fr", f"family #{i + 1}")
        lex.families[e["id"]] = Family(e["id"], e["en"], e["fr"])
    for i, e in enumerate(doc.get("level", [])):
        if not isinstance(e.get("rank"), int) or not isinstance(e.get("id"), str):
            raise DataFileError(path, "a level needs an id and an integer rank", f"level #{i + 1}")
        lex.levels[e["id"]] = Level(e["id"], e["rank"], e.get("en", e["id"]), e.get("fr", e["id"]))
    for i, e in enumerate(doc.get("stage", [])):
        if not isinstance(e.get("id"), str):
            raise DataFileError(path, "a stage needs an id", f"stage #{i + 1}")
        lex.stages[e["id"]] = Stage(e["id"], e.get("en", e["id"]), e.get("fr", e["id"]),
                                    e.get("min_size"), e.get("max_size"))


def load_lexicon(folder: Path | str | None = None, *, reference: bool | Path | str = True) -> Lexicon:
    """The lexicon: the curated files in ``folder`` (default: the shipped ``data/lexicon``),
    with the reference taxonomies' tech roles, skills and missions merged in.

    ``reference=False`` gives the curated lexicon alone; a path gives a build
    folder whose imported taxonomies replace the shipped ones (see
    :mod:`rolegraph.knowledge.reference`).

    Raises
    ------
    DataFileError
        When a file is not valid TOML, an entry lacks a label, has an unknown
        field, repeats an id, or points to a family, level or role that does
        not exist.
    ReferenceFileError
        When a reference file is malformed.

    Examples
    --------
    >>> lex = load_lexicon(reference=False)
    >>> lex.roles["chief-technology-officer"].fr
    'Directeur technique'
    >>> len(lex.roles) >= 60
    True
    """
    lex = read_curated(folder)
    curated = Path(folder) if folder else data_dir() / "lexicon"
    if reference is False:
        lex.inputs = files_digest([curated])
        return lex
    from .reference import load_reference, reference_folders  # the merge builds on this module

    folders = reference_folders(None if reference is True else reference)
    lex = load_reference(lex, folders)
    lex.inputs = files_digest([curated, data_dir() / "reference", *(folders[k] for k in sorted(folders))])
    return lex


def files_digest(folders) -> str:
    """A digest of every file under ``folders`` (names and bytes), in a fixed order."""
    import hashlib

    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            h.update(str(path.relative_to(folder)).encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def read_curated(folder: Path | str | None = None) -> Lexicon:
    """The curated lexicon alone: every file of ``folder``, checked (see :func:`load_lexicon`)."""
    folder = Path(folder) if folder else data_dir() / "lexicon"
    if not folder.is_dir():
        raise DataFileError(folder, "lexicon folder not found")
    lex = Lexicon()
    schemes = folder / "schemes.toml"
    if schemes.exists():
        _read_schemes(schemes, lex)
    for path in sorted(folder.glob("*.toml")):
        if path.name == "schemes.toml":
            continue
        doc = read_toml(path)
        for key, entries in doc.items():
            if key not in KINDS:
                raise DataFileError(path, f"unknown table '[[{key}]]' (expected one of: "
                                    + ", ".join(KINDS) + ")")
            target = lex.of_kind(key)
            for i, entry in enumerate(entries):
                concept = _concept(key, _check_entry(path, key, entry, i))
                if concept.id in target:
                    raise DataFileError(path, "this id is used twice", f"{key} '{concept.id}'")
                target[concept.id] = concept
    _check_references(folder, lex)
    return lex


def _check_references(folder: Path, lex: Lexicon) -> None:
    path = folder / "roles.toml"
    for role in lex.roles.values():
        where = f"role '{role.id}'"
        if role.family is None or role.family not in lex.families:
            raise DataFileError(path, f"family '{role.family}' is not declared in schemes.toml", where)
        if role.level is None or role.level not in lex.levels:
            raise DataFileError(path, f"level '{role.level}' is not declared in schemes.toml", where)
        for other in role.broader:
            if other not in lex.roles:
                raise DataFileError(path, f"broader role '{other}' does not exist", where)
