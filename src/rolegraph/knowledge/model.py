"""The fact model: what a document states, as plain dataclasses (no RDF here).

Both the curated facts shipped in ``data/facts/`` and the extractor produce
:class:`DocumentFacts`; the RDF builder turns them into triples. Every fact
carries a :class:`Span` of the document's decoded text that states it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass

__all__ = [
    "Span", "Ref", "Evidence", "Document", "RoleMention", "Transition", "Salary", "SkillFact",
    "MissionFact", "Collaboration", "ExperienceFact", "TrainingFact", "StageProfile",
    "DocumentFacts", "PERIODS", "facts_from_dict",
]

#: Salary periods and their ISO 8601 durations.
PERIODS = {"year": "P1Y", "month": "P1M", "week": "P1W", "day": "P1D", "hour": "PT1H"}


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Character offsets into the decoded document text; ``end`` is exclusive."""

    start: int
    end: int

    def __post_init__(self):
        if not (0 <= self.start < self.end):
            raise ValueError(f"invalid span [{self.start}, {self.end})")


@dataclass(frozen=True)
class Evidence:
    """Where a document states a fact: its name, a character span, and the sentence when its text is found."""

    document: str
    start: int
    end: int
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class Ref:
    """A concept: a lexicon id, or a new concept named in the document's wording.

    ``label`` and ``lang`` are set only for concepts that are not in the lexicon;
    their ``id`` is then the slug of the label.
    """

    id: str
    label: str | None = None
    lang: str | None = None

    @property
    def is_new(self) -> bool:
        return self.label is not None


@dataclass(slots=True)
class Document:
    """A source document: its file name, fingerprint and language."""

    name: str
    sha256: str
    chars: int
    language: str
    title: str | None = None
    about: str | None = None  # the role id the document is mainly about
    url: str | None = None


@dataclass(slots=True)
class RoleMention:
    role: Ref
    span: Span
    confidence: float | None = None


@dataclass(slots=True)
class Transition:
    source: Ref
    target: Ref
    span: Span
    min_years: float | None = None
    max_years: float | None = None
    stage: str | None = None
    condition: str | None = None
    confidence: float | None = None


@dataclass(slots=True)
class Salary:
    """Pay for a role; ``min`` alone is "from X", ``max`` alone "up to X", equal bounds one figure."""

    role: Ref
    min: float | None
    max: float | None
    currency: str
    period: str
    span: Span
    basis: str | None = None  # "gross" or "net"
    min_years: float | None = None
    max_years: float | None = None
    seniority: str | None = None  # a level id
    location: str | None = None
    qualifier: str | None = None
    confidence: float | None = None


@dataclass(slots=True)
class SkillFact:
    role: Ref
    skill: Ref
    span: Span
    confidence: float | None = None


@dataclass(slots=True)
class MissionFact:
    role: Ref
    mission: Ref
    span: Span
    confidence: float | None = None


@dataclass(slots=True)
class Collaboration:
    role: Ref
    other: Ref
    span: Span
    note: str | None = None


@dataclass(slots=True)
class ExperienceFact:
    role: Ref
    span: Span
    min_years: float | None = None
    max_years: float | None = None
    note: str | None = None


@dataclass(slots=True)
class TrainingFact:
    role: Ref
    qualification: Ref
    span: Span


@dataclass(slots=True)
class StageProfile:
    role: Ref
    stage: str
    span: Span
    note: str | None = None


@dataclass(slots=True)
class DocumentFacts:
    """Everything one document states, each fact with its span."""

    document: Document
    mentions: list[RoleMention] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)
    salaries: list[Salary] = field(default_factory=list)
    skills: list[SkillFact] = field(default_factory=list)
    missions: list[MissionFact] = field(default_factory=list)
    collaborations: list[Collaboration] = field(default_factory=list)
    experience: list[ExperienceFact] = field(default_factory=list)
    training: list[TrainingFact] = field(default_factory=list)
    stages: list[StageProfile] = field(default_factory=list)

    def spans(self):
        """Yield (kind, fact) for every fact, for checks that walk them all."""
        for kind in ("mentions", "transitions", "salaries", "skills", "missions",
                     "collaborations", "experience", "training", "stages"):
            for fact in getattr(self, kind):
                yield kind, fact

    def to_dict(self) -> dict:
        """Plain dicts and lists (JSON-ready); :func:`facts_from_dict` reverses it."""
        out = {"document": _plain(self.document)}
        for name in _LISTS:
            out[name] = [_plain(fact) for fact in getattr(self, name)]
        return out


_LISTS = ("mentions", "transitions", "salaries", "skills", "missions", "collaborations",
          "experience", "training", "stages")
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value):
    """A fact dataclass as a dict, as ``dataclasses.asdict`` would give, several times faster."""
    names = _FIELD_NAMES.get(type(value))
    if names is None:
        if not is_dataclass(value):
            return value
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in fields(value))
    return {n: _plain(getattr(value, n)) for n in names}


def _ref(d: dict | None) -> Ref | None:
    return Ref(**d) if d else None


def facts_from_dict(data: dict) -> DocumentFacts:
    """Rebuild :class:`DocumentFacts` from :meth:`DocumentFacts.to_dict` output (e.g. JSON)."""
    def span(d):
        return Span(d["start"], d["end"])

    def rebuild(cls, item: dict, refs: tuple[str, ...]):
        kwargs = dict(item)
        kwargs["span"] = span(item["span"])
        for key in refs:
            kwargs[key] = _ref(item[key])
        return cls(**kwargs)

    facts = DocumentFacts(Document(**data["document"]))
    facts.mentions = [rebuild(RoleMention, m, ("role",)) for m in data.get("mentions", [])]
    facts.transitions = [rebuild(Transition, t, ("source", "target")) for t in data.get("transitions", [])]
    facts.salaries = [rebuild(Salary, s, ("role",)) for s in data.get("salaries", [])]
    facts.skills = [rebuild(SkillFact, s, ("role", "skill")) for s in data.get("skills", [])]
    facts.missions = [rebuild(MissionFact, m, ("role", "mission")) for m in data.get("missions", [])]
    facts.collaborations = [rebuild(Collaboration, c, ("role", "other"))
                            for c in data.get("collaborations", [])]
    facts.experience = [rebuild(ExperienceFact, e, ("role",)) for e in data.get("experience", [])]
    facts.training = [rebuild(TrainingFact, t, ("role", "qualification")) for t in data.get("training", [])]
    facts.stages = [rebuild(StageProfile, s, ("role",)) for s in data.get("stages", [])]
    return facts
