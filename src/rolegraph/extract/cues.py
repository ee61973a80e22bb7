"""Language knowledge for extraction, read from ``data/cues/<lang>.toml``.

Both languages' cues are merged: documents mix languages (English titles in
French text), and a cue from the other language costs nothing when absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from functools import lru_cache

from ..errors import DataFileError
from ..knowledge.lexicon import read_toml
from ..locations import data_dir
from .tokens import Phrase, PhraseMatcher, norm_phrase, norm_word

__all__ = ["Cues", "load_cues", "check_cues"]

LANGUAGES = ("en", "fr")


def _phrase(text: str, value) -> Phrase:
    prefix = text.endswith("*")
    return Phrase(norm_phrase(text.rstrip("*")), value, prefix=prefix)


#: French words written elided before a vowel ("mission d'assurer", "charge de l'audit"): a cue
#: written with the full word matches the elided one too.
_ELIDED = {"de": "d", "que": "qu", "le": "l", "la": "l", "je": "j", "ne": "n", "se": "s", "ce": "c"}


def _elided(phrase: Phrase) -> list[Phrase]:
    """The phrase and its variants with elidable words elided, one position or all at once."""
    at = [k for k, w in enumerate(phrase.words) if w in _ELIDED]
    variants = [phrase]
    for positions in [[k] for k in at] + ([at] if len(at) > 1 else []):
        words = tuple(_ELIDED[w] if k in positions else w for k, w in enumerate(phrase.words))
        variants.append(Phrase(words, phrase.value, prefix=phrase.prefix, upper=phrase.upper))
    return variants


def _matcher(groups: dict[str, list[str]]) -> PhraseMatcher:
    return PhraseMatcher(v for key, texts in groups.items() for t in texts for v in _elided(_phrase(t, key)))


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


_WORDS, _MAP = "a list of strings", "a table of strings"
# Each table of a cue file: its keys (None: any key) and what each holds. A wrong type or an unknown
# key would silently change extraction, so they are errors.
_SCHEMA: dict[str, tuple[set[str] | None, dict[str, str]]] = {
    "sections": ({"missions", "skills", "salary", "career", "training"}, {}),
    "transitions": ({"forward", "backward", "story", "negation", "reporting", "aliases", "progression",
                     "sequence", "was", "closing"}, {}),
    "conditions": ({"years_after", "years_unit", "few", "range_words", "over"}, {}),
    "salary": ({"cues", "month", "day", "hour", "year", "gross", "net", "from", "range_start", "up_to",
                "range_join"}, {}),
    "seniority": ({"entry", "intermediate", "senior", "lead", "principal"}, {}),
    "stages": (None, {}),  # stage ids
    "lists": ({"cues", "split", "skill_leads", "quality_leads", "duty_leads", "duty_verbs"}, {}),
    "titles": ({"heads", "prefixes", "not_role_after", "copulas", "not_heads", "not_modifiers", "lower_cues",
                "ellipsis_heads", "seniority", "feminine"}, {"seniority": _MAP, "feminine": _MAP}),
    "places": ({"names"}, {}),
    "role_phrases": (None, {}),  # role ids
    "boilerplate": ({"phrases"}, {}),
    "english": ({"words"}, {"words": _MAP}),
}
_REQUIRED = ("sections", "transitions", "salary", "seniority", "stages", "lists", "titles")


def _kind(value) -> str:
    names = {str: "a string", int: "a number", float: "a number", bool: "true or false", list: "a list",
             dict: "a table"}
    return names.get(type(value), type(value).__name__)


def check_cues(doc: dict, path: Path) -> None:
    """Raise :class:`DataFileError` naming the table, key and expected type of the first fault of a cue file."""
    for table in _REQUIRED:
        if table not in doc:
            raise DataFileError(path, f"missing table [{table}]")
    for table, body in doc.items():
        if table not in _SCHEMA:
            raise DataFileError(path, f"unknown table [{table}]; the tables are {', '.join(sorted(_SCHEMA))}")
        if not isinstance(body, dict):
            raise DataFileError(path, f"[{table}] must be a table, found {_kind(body)}")
        keys, types = _SCHEMA[table]
        for key, value in body.items():
            if keys is not None and key not in keys:
                raise DataFileError(path, f"unknown key; [{table}] takes {', '.join(sorted(keys))}",
                                    f"[{table}] {key}")
            wanted = types.get(key, _WORDS)
            found = _fault(value, wanted)
            if found:
                raise DataFileError(path, f"expected {wanted}, found {found}", f"[{table}] {key}")


def _fault(value, wanted: str) -> str | None:
    """What ``value`` is, when it is not what ``wanted`` says; None when it is."""
    if wanted == _WORDS:
        if not isinstance(value, list):
            return _kind(value)
        odd = [v for v in value if not isinstance(v, str)]
        return f"a list holding {_kind(odd[0])}" if odd else None
    if not isinstance(value, dict):
        return _kind(value)
    return "a table with values that are not strings" if any(not isinstance(v, str) for v in value.values()) else None


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    folder = data_dir() / "cues"
    docs = []
    for lang in LANGUAGES:
        path = folder / f"{lang}.toml"
        doc = read_toml(path)
        check_cues(doc, path)
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
