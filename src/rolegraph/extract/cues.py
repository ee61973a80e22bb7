"""Language knowledge for extraction, read from ``data/cues/<lang>.toml``.

Both languages' cues are merged: documents mix languages (English titles in
French text), and a cue from the other language costs nothing when absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..errors import DataFileError
from ..knowledge.lexicon import read_toml
from ..locations import data_dir
from .tokens import Phrase, PhraseMatcher, norm_phrase, norm_word

__all__ = ["Cues", "load_cues"]

LANGUAGES = ("en", "fr")


def _phrase(text: str, value) -> Phrase:
    prefix = text.endswith("*")
    return Phrase(norm_phrase(text.rstrip("*")), value, prefix=prefix)


def _matcher(groups: dict[str, list[str]]) -> PhraseMatcher:
    return PhraseMatcher(_phrase(t, key) for key, texts in groups.items() for t in texts)


@dataclass
class Cues:
    """Matchers built from the cue files; each yields the group name it belongs to."""

    sections: PhraseMatcher
    transitions: PhraseMatcher
    story: PhraseMatcher  # cues that introduce a position in a career story ("started as", "was named")
    progression: PhraseMatcher  # words that make a list of roles a progression ("ladder", "stages")
    aliases: PhraseMatcher  # "also known as": the roles after it are other names, not moves
    negations: set[str]  # "not", "jamais": a cue they precede states no move
    reporting: PhraseMatcher  # "reports to", "rattaché à": a reporting line, not a move
    conditions: dict
    salary_cues: PhraseMatcher
    salary: dict[str, PhraseMatcher]
    seniority: PhraseMatcher
    stages: PhraseMatcher
    list_cues: PhraseMatcher
    list_split: PhraseMatcher
    title_heads_en: set[str]
    title_prefixes_en: PhraseMatcher
    title_heads_fr: set[str]
    feminine: dict[str, str]
    not_role_after: PhraseMatcher
    copulas: set[str]
    ellipsis_heads: PhraseMatcher
    places: PhraseMatcher
    role_phrases: dict[str, list[str]]
    seniority_words: dict[tuple[str, ...], str]  # normalised words -> the English word a variant's label uses
    not_modifiers: set[str]
    not_heads: set[str]  # words that end role names but do not name a person in running text
    lower_cues: PhraseMatcher
    skill_leads: PhraseMatcher  # "experience with", "maîtrise de": what comes after is the skill
    duty_leads: PhraseMatcher  # "is responsible for", "est chargé de": what comes after is the duty
    duty_verbs: list[str]  # verbs of duties the lexicon's missions do not start with
    quality_leads: PhraseMatcher  # "has a ... character", "doit être": personal qualities follow
    boilerplate: PhraseMatcher


def _merge(docs: list[dict], table: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for doc in docs:
        for key, value in doc.get(table, {}).items():
            if isinstance(value, list):
                out.setdefault(key, []).extend(value)
    return out


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    folder = data_dir() / "cues"
    docs = []
    for lang in LANGUAGES:
        path = folder / f"{lang}.toml"
        doc = read_toml(path)
        for table in ("sections", "transitions", "salary", "seniority", "stages", "lists", "titles"):
            if table not in doc:
                raise DataFileError(path, f"missing table [{table}]")
        docs.append(doc)
    salary = _merge(docs, "salary")
    transitions = _merge(docs, "transitions")
    story = {"story": transitions.pop("story", [])}
    progression = {"progression": transitions.pop("progression", [])}
    aliases = {"alias": transitions.pop("aliases", [])}
    negations = {norm_word(w) for w in transitions.pop("negation", [])}
    reporting = {"reporting": transitions.pop("reporting", [])}
    titles = _merge(docs, "titles")
    en, fr = docs
    return Cues(
        sections=_matcher(_merge(docs, "sections")),
        transitions=_matcher(transitions),
        story=_matcher(story),
        progression=_matcher(progression),
        aliases=_matcher(aliases),
        negations=negations,
        reporting=_matcher(reporting),
        conditions=_merge(docs, "conditions"),
        salary_cues=_matcher({"cue": salary.pop("cues")}),
        salary={k: _matcher({k: v}) for k, v in salary.items()},
        seniority=_matcher(_merge(docs, "seniority")),
        stages=_matcher(_merge(docs, "stages")),
        list_cues=_matcher({"cue": _merge(docs, "lists")["cues"]}),
        list_split=_matcher({"split": _merge(docs, "lists")["split"]}),
        title_heads_en={norm_word(w) for w in en["titles"]["heads"]},
        title_prefixes_en=_matcher({"prefix": en["titles"]["prefixes"]}),
        title_heads_fr={norm_word(w) for w in fr["titles"]["heads"]},
        feminine=dict(fr["titles"].get("feminine", {})),
        not_role_after=_matcher({"field": titles["not_role_after"]}),
        copulas={norm_word(w) for w in titles["copulas"]},
        ellipsis_heads=_matcher({"head": titles["ellipsis_heads"]}),
        places=PhraseMatcher(Phrase(norm_phrase(name), name) for doc in docs
                             for name in doc.get("places", {}).get("names", [])),
        role_phrases=_merge(docs, "role_phrases"),
        seniority_words={norm_phrase(k): v for doc in docs for k, v in doc["titles"].get("seniority", {}).items()},
        not_modifiers={norm_word(w) for w in titles.get("not_modifiers", [])},
        not_heads={norm_word(w) for w in titles.get("not_heads", [])},
        lower_cues=_matcher({"cue": titles.get("lower_cues", [])}),
        skill_leads=_matcher({"lead": _merge(docs, "lists").get("skill_leads", [])}),
        duty_leads=_matcher({"lead": _merge(docs, "lists").get("duty_leads", [])}),
        duty_verbs=_merge(docs, "lists").get("duty_verbs", []),
        quality_leads=_matcher({"lead": _merge(docs, "lists").get("quality_leads", [])}),
        boilerplate=_matcher({"chrome": _merge(docs, "boilerplate").get("phrases", [])}),
    )
