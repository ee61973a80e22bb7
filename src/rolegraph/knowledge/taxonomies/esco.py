"""ESCO's CSV downloads: occupations, skills and the links between them, in any number of languages.

Reads the per-language classification zips (``occupations_<lang>.csv``,
``skills_<lang>.csv``, the skill collections), the relations zip
(``occupationSkillRelations.csv``, ``broaderRelationsOccPillar.csv``) or
folders of the same files, keeping the occupations a :class:`Scope` selects
and the skills they link to. :func:`write_esco` writes a taxonomy back in the
same layout (the shipped subset is such a folder).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from .files import Bundle, ReferenceFileError, rows
from .model import Occupation, Requirement, Source, Taxonomy, TaxonomySkill
from .scope import Scope

__all__ = ["read_esco", "write_esco", "ESCO_SOURCE"]

_LANG = r"(?P<lang>[a-z]{2}(?:-[a-z]+)?)"
_OCCUPATIONS = rf"occupations_{_LANG}\.csv"
_SKILLS = rf"skills_{_LANG}\.csv"
_COLLECTION = rf"(?:digital|digComp|transversal|language|green|research)SkillsCollection_{_LANG}\.csv"
_RELATIONS = r"occupationSkillRelations(?:_[a-z]{2})?\.csv"
_BROADER = r"broaderRelationsOccPillar(?:_[a-z]{2})?\.csv"
_STAMP = "rolegraph-source.toml"

ESCO_SOURCE = Source(
    id="esco", title="ESCO (European Skills, Competences, Qualifications and Occupations)", version="unknown",
    date=None, url="https://esco.ec.europa.eu/en/use-esco/download",
    license="https://eur-lex.europa.eu/eli/dec/2011/833/oj",
    attribution="ESCO, European Skills, Competences, Qualifications and Occupations, "
                "© European Union, European Commission. Reused with attribution under Commission "
                "Decision 2011/833/EU.")


def _split(cell: str) -> list[str]:
    """A multi-valued ESCO cell (one value per line) as a list without blanks or repeats."""
    return list(dict.fromkeys(v.strip() for v in cell.replace("\r", "\n").split("\n") if v.strip()))


def _lang_of(member, pattern: str) -> str:
    return re.fullmatch(pattern, member.name, re.I).group("lang").lower()


def _source(bundle: Bundle, version: str | None, date: str | None) -> Source:
    stamp = bundle.one(re.escape(_STAMP), "source", required=False)
    known = {}
    if stamp is not None:
        import tomllib

        with stamp.open() as fh:
            known = tomllib.load(fh)
    found = version or known.get("version")
    if not found:
        for m in bundle.members:
            hit = re.search(r"\bv(\d+(?:\.\d+)+)\b", m.path.name)
            if hit:
                found = hit.group(1)
                break
    return Source(**{**ESCO_SOURCE.__dict__, "version": found or "unknown", "date": date or known.get("date")})


def read_esco(paths, *, scope: Scope | None = None, version: str | None = None, date: str | None = None,
              progress=None) -> Taxonomy:
    """The occupations ``scope`` selects (all when None) and the skills they need, from ESCO files.

    ``paths`` are ESCO downloads as distributed (zips or folders), in any
    number of languages; English is required. ``progress(bytes)`` is called
    as the files are read. Raises
    :class:`~rolegraph.knowledge.taxonomies.files.ReferenceFileError` naming
    the file and line of anything malformed, or the file that is missing.
    """
    bundle = Bundle(paths, what="an ESCO download")
    tax = Taxonomy(_source(bundle, version, date))
    occupation_files = bundle.find(_OCCUPATIONS)
    if not occupation_files:
        bundle.one(_OCCUPATIONS, "occupations_<language>.csv")
    by_lang = {_lang_of(m, _OCCUPATIONS): m for m in occupation_files}
    if "en" not in by_lang:
        raise ReferenceFileError(str(occupation_files[0].path), "no occupations_en.csv: the English "
                                 "classification is needed (it decides which occupations are kept)")
    need = ("conceptUri", "preferredLabel", "altLabels", "iscoGroup")
    for line, row in rows(by_lang["en"], required=need + ("description",), progress=progress):
        uri, isco = row["conceptUri"].strip(), row["iscoGroup"].strip()
        if not uri.startswith("http"):
            raise ReferenceFileError(str(by_lang["en"]), f"conceptUri {uri!r} is not a URI", line)
        if scope is not None and not scope.esco_keeps(uri, isco):
            continue
        tax.occupations[uri] = Occupation(uri, row.get("code", "").strip() or isco, isco=isco)
    for lang, member in sorted(by_lang.items()):
        for _line, row in rows(member, required=need, progress=progress):
            occ = tax.occupations.get(row["conceptUri"].strip())
            if occ is None:
                continue
            _labels(occ, lang, row)
    relations = bundle.one(_RELATIONS, "occupationSkillRelations.csv")
    for line, row in rows(relations, required=("occupationUri", "relationType", "skillUri"), progress=progress):
        occ, skill, level = row["occupationUri"].strip(), row["skillUri"].strip(), row["relationType"].strip()
        if occ not in tax.occupations:
            continue
        if level not in ("essential", "optional"):
            raise ReferenceFileError(str(relations), f"relationType {level!r} is neither essential nor optional",
                                     line)
        tax.requirements.append(Requirement(occ, skill, level))
        tax.skills.setdefault(skill, TaxonomySkill(skill))
    _read_skills(bundle, tax, progress)
    missing = [r.skill for r in tax.requirements if not tax.skills[r.skill].labels.get("en")]
    if missing:
        raise ReferenceFileError(str(relations), f"{len(missing)} linked skills have no English label in "
                                 f"skills_en.csv (first: {missing[0]}); give the classification zip too")
    broader = bundle.one(_BROADER, "broaderRelationsOccPillar.csv", required=False)
    if broader is not None:
        for _line, row in rows(broader, required=("conceptUri", "broaderUri"), progress=progress):
            a, b = row["conceptUri"].strip(), row["broaderUri"].strip()
            if a in tax.occupations and b in tax.occupations:
                tax.broader.append((a, b))
    tax.requirements.sort(key=lambda r: (r.occupation, r.skill))
    tax.broader.sort()
    return tax


def _labels(item, lang: str, row: dict) -> None:
    pref = " ".join(row.get("preferredLabel", "").split())
    if pref:
        item.labels[lang] = pref
    for attr, column in (("alt", "altLabels"), ("hidden", "hiddenLabels")):
        values = [v for v in _split(row.get(column, "")) if v != pref]
        if values:
            getattr(item, attr)[lang] = values
    text = " ".join(row.get("description", "").split())
    if text:
        item.description[lang] = text


def _read_skills(bundle: Bundle, tax: Taxonomy, progress) -> None:
    skill_files = {_lang_of(m, _SKILLS): m for m in bundle.find(_SKILLS)}
    if "en" not in skill_files:
        bundle.one(r"skills_en\.csv", "skills_en.csv")
    for lang, member in sorted(skill_files.items()):
        for _line, row in rows(member, required=("conceptUri", "preferredLabel", "altLabels"), progress=progress):
            skill = tax.skills.get(row["conceptUri"].strip())
            if skill is None:
                continue
            _labels(skill, lang, row)
            if lang == "en":
                skill.kind = row.get("skillType", "").strip()
                skill.reuse = row.get("reuseLevel", "").strip()
    # Languages without a skills file (ESCO's partial French bundle): the collections' labels.
    for member in bundle.find(_COLLECTION):
        lang = _lang_of(member, _COLLECTION)
        if lang in skill_files:
            continue
        for _line, row in rows(member, required=("conceptUri", "preferredLabel"), progress=progress):
            skill = tax.skills.get(row["conceptUri"].strip())
            if skill is not None and lang not in skill.labels:
                _labels(skill, lang, row)


# --- writing the subset ------------------------------------------------------------

_OCC_COLUMNS = ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels",
                "description", "code"]
_SKILL_COLUMNS = ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels",
                  "hiddenLabels", "description"]


def _csv(path: Path, columns: list[str], records) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(columns)
        out.writerows(records)


def write_esco(tax: Taxonomy, folder: Path | str) -> list[Path]:
    """Write ``tax`` as ESCO files (one occupations and skills file per language) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    langs = sorted({lang for o in tax.occupations.values() for lang in o.labels})
    for lang in langs:
        path = folder / f"occupations_{lang}.csv"
        _csv(path, _OCC_COLUMNS, (
            ["Occupation", o.key, o.isco or "", o.labels[lang], "\n".join(o.alt.get(lang, [])),
             "\n".join(o.hidden.get(lang, [])), o.description.get(lang, ""), o.code]
            for o in sorted(tax.occupations.values(), key=lambda o: o.key) if lang in o.labels))
        written.append(path)
    for lang in sorted({lang for s in tax.skills.values() for lang in s.labels}):
        path = folder / f"skills_{lang}.csv"
        _csv(path, _SKILL_COLUMNS, (
            ["KnowledgeSkillCompetence", s.key, s.kind, s.reuse, s.labels[lang], "\n".join(s.alt.get(lang, [])),
             "\n".join(s.hidden.get(lang, [])), s.description.get(lang, "")]
            for s in sorted(tax.skills.values(), key=lambda s: s.key) if lang in s.labels))
        written.append(path)
    path = folder / "occupationSkillRelations.csv"
    kinds = {s.key: s.kind for s in tax.skills.values()}
    _csv(path, ["occupationUri", "relationType", "skillType", "skillUri"],
         ([r.occupation, r.level, kinds.get(r.skill, ""), r.skill] for r in tax.requirements))
    written.append(path)
    path = folder / "broaderRelationsOccPillar.csv"
    _csv(path, ["conceptType", "conceptUri", "broaderType", "broaderUri"],
         (["Occupation", a, "Occupation", b] for a, b in tax.broader))
    written.append(path)
    written.append(_write_stamp(folder, tax.source))
    return written


def _write_stamp(folder: Path, source: Source) -> Path:
    import tomli_w

    path = folder / _STAMP
    fields = {k: v for k, v in source.__dict__.items() if v is not None}
    path.write_text("# The release these files were derived from, and its terms.\n" + tomli_w.dumps(fields),
                    encoding="utf-8")
    return path
