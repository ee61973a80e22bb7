"""A reference taxonomy as plain data: occupations, skills, their links, tasks and similarities.

Both readers (ESCO, O*NET) produce a :class:`Taxonomy`; the writers turn one
back into the publisher's file layout, which is how the shipped tech subset
is stored. Keys are the publisher's identifiers: ESCO concept URIs, O*NET-SOC
codes (and, for O*NET technologies, the example's name).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Source", "Occupation", "TaxonomySkill", "Requirement", "Task", "Related", "Taxonomy",
           "CrosswalkRow"]


@dataclass(frozen=True)
class Source:
    """Who published a reference dataset, which release, and on what terms."""

    id: str  # "esco", "onet" or "crosswalk"
    title: str
    version: str
    date: str | None  # release date (ISO 8601) when known
    url: str  # where users download it
    license: str  # the licence's IRI
    attribution: str  # the notice that travels with derived data


@dataclass
class Occupation:
    key: str  # ESCO concept URI, or O*NET-SOC code
    code: str  # ESCO code ("2512.4") or O*NET-SOC code ("15-1252.00")
    labels: dict[str, str] = field(default_factory=dict)  # lang -> preferred label, as published
    alt: dict[str, list[str]] = field(default_factory=dict)  # lang -> alternative labels
    hidden: dict[str, list[str]] = field(default_factory=dict)  # lang -> search-only labels
    description: dict[str, str] = field(default_factory=dict)
    isco: str | None = None  # ESCO: the ISCO-08 unit group
    titles: list[tuple[str, str, str]] = field(default_factory=list)  # O*NET: (title, short title, sources)
    reported: list[tuple[str, str]] = field(default_factory=list)  # O*NET: (reported title, shown in My Next Move)


@dataclass
class TaxonomySkill:
    key: str  # ESCO skill URI, or the O*NET technology's name
    labels: dict[str, str] = field(default_factory=dict)
    alt: dict[str, list[str]] = field(default_factory=dict)
    hidden: dict[str, list[str]] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    kind: str = ""  # ESCO: "skill/competence" or "knowledge"; O*NET: "technology"
    reuse: str = ""  # ESCO reuse level: transversal, cross-sector, sector-specific, occupation-specific
    category: str = ""  # O*NET: the commodity title ("Development environment software")
    commodity: str = ""  # O*NET: the UNSPSC commodity code


@dataclass(frozen=True)
class Requirement:
    """An occupation needs a skill: ESCO "essential"/"optional", O*NET "technology" (hot or in demand)."""

    occupation: str
    skill: str
    level: str  # essential, optional, technology
    hot: bool = False  # O*NET "Hot Technology"
    in_demand: bool = False  # O*NET "In Demand"


@dataclass(frozen=True)
class Task:
    occupation: str
    id: str
    text: str
    type: str  # "Core", "Supplemental" or "" (not rated)
    incumbents: str = ""
    date: str = ""
    source: str = ""


@dataclass(frozen=True)
class Related:
    """O*NET: ``other`` is related to ``occupation`` (similar work), at a tier and rank; not a career move."""

    occupation: str
    other: str
    tier: str  # Primary-Short, Primary-Long, Supplemental
    index: int


@dataclass
class Taxonomy:
    source: Source
    occupations: dict[str, Occupation] = field(default_factory=dict)
    skills: dict[str, TaxonomySkill] = field(default_factory=dict)
    requirements: list[Requirement] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    broader: list[tuple[str, str]] = field(default_factory=list)  # (narrower, broader) occupation keys
    job_zones: dict[str, str] = field(default_factory=dict)  # O*NET: code -> job zone (1-5)

    def counts(self) -> dict[str, int]:
        return {"occupations": len(self.occupations), "skills": len(self.skills),
                "requirements": len(self.requirements), "tasks": len(self.tasks),
                "related": len(self.related),
                "titles": sum(len(o.titles) + len(o.reported) + sum(map(len, o.alt.values()))
                              for o in self.occupations.values())}


@dataclass(frozen=True)
class CrosswalkRow:
    """One ESCO occupation mapped to an O*NET-SOC occupation by a published crosswalk."""

    esco: str  # ESCO concept URI
    esco_label: str
    onet: str  # O*NET-SOC code as the crosswalk gives it (may be an older taxonomy's)
    onet_title: str
    confidence: str
    similarity: str
