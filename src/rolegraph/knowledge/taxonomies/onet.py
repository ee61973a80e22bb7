"""The O*NET database as tab-separated text: occupations, job titles, technologies, tasks, related occupations.

Reads ``db_<version>_text.zip`` (or its folder) as the U.S. Department of
Labor distributes it, keeping the occupations a :class:`Scope` selects.
:func:`write_onet` writes a taxonomy back in the same layout.
"""

from __future__ import annotations

import re
from pathlib import Path

from .files import Bundle, ReferenceFileError, rows
from .model import Occupation, Related, Requirement, Source, Task, Taxonomy, TaxonomySkill
from .scope import Scope

__all__ = ["read_onet", "write_onet", "ONET_SOURCE"]

_CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
_MONTHS = {m: i for i, m in enumerate("January February March April May June July August September October "
                                      "November December".split(), 1)}
_FILES = {
    "occupations": "Occupation Data.txt", "titles": "Alternate Titles.txt",
    "reported": "Sample of Reported Titles.txt", "technology": "Technology Skills.txt",
    "tasks": "Task Statements.txt", "related": "Related Occupations.txt", "zones": "Job Zones.txt",
    "readme": "Read Me.txt",
}

ONET_SOURCE = Source(
    id="onet", title="O*NET Database", version="unknown", date=None,
    url="https://www.onetcenter.org/database.html", license="https://creativecommons.org/licenses/by/4.0/",
    attribution="O*NET Database by the U.S. Department of Labor, Employment and Training Administration "
                "(USDOL/ETA), used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. "
                "rolegraph has modified all or some of this information; USDOL/ETA has not approved, "
                "endorsed, or tested these modifications.")


def _member(bundle: Bundle, key: str, required: bool = False):
    return bundle.one(re.escape(_FILES[key]), f"'{_FILES[key]}'", required=required)


def _source(bundle: Bundle, version: str | None, date: str | None) -> Source:
    found_version, found_date = version, date
    readme = _member(bundle, "readme")
    if readme is not None:
        with readme.open() as fh:
            head = fh.read(2000).decode("utf-8", "replace")
        if not found_version and (m := re.search(r"O\*NET\s+(\d+(?:\.\d+)+)\s+Database", head)):
            found_version = m.group(1)
        if not found_date and (m := re.search(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{4})\s+Release", head)):
            found_date = f"{m.group(2)}-{_MONTHS[m.group(1)]:02d}"
    if not found_version:
        for m in bundle.members:
            if hit := re.search(r"db_(\d+)_(\d+)_text", m.path.name):
                found_version = f"{hit.group(1)}.{hit.group(2)}"
                break
    return Source(**{**ONET_SOURCE.__dict__, "title": f"O*NET {found_version or ''} Database".replace("  ", " "),
                     "version": found_version or "unknown", "date": found_date})


def _code(member, line: int, value: str) -> str:
    code = value.strip()
    if not _CODE.match(code):
        raise ReferenceFileError(str(member), f"{code!r} is not an O*NET-SOC code", line)
    return code


def read_onet(paths, *, scope: Scope | None = None, version: str | None = None, date: str | None = None,
              progress=None) -> Taxonomy:
    """The occupations ``scope`` selects (all when None), with their titles, technologies, tasks and relations.

    ``paths``: the O*NET text database as distributed (zip or folder).
    Raises :class:`~rolegraph.knowledge.taxonomies.files.ReferenceFileError`
    naming the file and line of anything malformed.
    """
    bundle = Bundle(paths, what="the O*NET text database")
    tax = Taxonomy(_source(bundle, version, date))
    member = _member(bundle, "occupations", required=True)
    code_col = "O*NET-SOC Code"
    for line, row in rows(member, delimiter="\t", required=(code_col, "Title", "Description"), progress=progress):
        code = _code(member, line, row[code_col])
        if scope is None or scope.onet_keeps(code):
            tax.occupations[code] = Occupation(code, code, labels={"en": row["Title"].strip()},
                                               description={"en": row["Description"].strip()})
    if (member := _member(bundle, "titles")) is not None:
        for line, row in rows(member, delimiter="\t", required=(code_col, "Alternate Title", "Short Title"),
                              progress=progress):
            occ = tax.occupations.get(_code(member, line, row[code_col]))
            if occ is not None:
                occ.titles.append((row["Alternate Title"].strip(), row["Short Title"].strip(),
                                   row.get("Source(s)", "").strip()))
    if (member := _member(bundle, "reported")) is not None:
        for line, row in rows(member, delimiter="\t", required=(code_col, "Reported Job Title"), progress=progress):
            occ = tax.occupations.get(_code(member, line, row[code_col]))
            if occ is not None:
                occ.reported.append((row["Reported Job Title"].strip(), row.get("Shown in My Next Move", "").strip()))
    if (member := _member(bundle, "technology")) is not None:
        need = (code_col, "Example", "Commodity Code", "Commodity Title", "Hot Technology")
        for line, row in rows(member, delimiter="\t", required=need, progress=progress):
            code = _code(member, line, row[code_col])
            if code not in tax.occupations:
                continue
            name = " ".join(row["Example"].split())
            skill = tax.skills.setdefault(name, TaxonomySkill(name, labels={"en": name}, kind="technology"))
            skill.category, skill.commodity = row["Commodity Title"].strip(), row["Commodity Code"].strip()
            tax.requirements.append(Requirement(code, name, "technology", hot=row["Hot Technology"].strip() == "Y",
                                                in_demand=row.get("In Demand", "").strip() == "Y"))
    if (member := _member(bundle, "tasks")) is not None:
        need = (code_col, "Task ID", "Task", "Task Type")
        for line, row in rows(member, delimiter="\t", required=need, progress=progress):
            code = _code(member, line, row[code_col])
            if code in tax.occupations:
                kind = row["Task Type"].strip()
                tax.tasks.append(Task(code, row["Task ID"].strip(), " ".join(row["Task"].split()),
                                      "" if kind == "n/a" else kind, row.get("Incumbents Responding", "").strip(),
                                      row.get("Date", "").strip(), row.get("Domain Source", "").strip()))
    if (member := _member(bundle, "related")) is not None:
        need = (code_col, "Related O*NET-SOC Code", "Relatedness Tier", "Index")
        for line, row in rows(member, delimiter="\t", required=need, progress=progress):
            a = _code(member, line, row[code_col])
            b = _code(member, line, row["Related O*NET-SOC Code"])
            if a in tax.occupations and b in tax.occupations:
                try:
                    index = int(row["Index"])
                except ValueError:
                    raise ReferenceFileError(str(member), f"Index {row['Index']!r} is not a number", line) from None
                tax.related.append(Related(a, b, row["Relatedness Tier"].strip(), index))
    if (member := _member(bundle, "zones")) is not None:
        for line, row in rows(member, delimiter="\t", required=(code_col, "Job Zone"), progress=progress):
            code = _code(member, line, row[code_col])
            if code in tax.occupations:
                tax.job_zones[code] = row["Job Zone"].strip()
    tax.requirements.sort(key=lambda r: (r.occupation, r.skill))
    tax.tasks.sort(key=lambda t: (t.occupation, int(t.id) if t.id.isdigit() else 0, t.id))
    tax.related.sort(key=lambda r: (r.occupation, r.index, r.other))
    return tax


def _tsv(path: Path, header: list[str], records) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(header) + "\n")
        for record in records:
            fh.write("\t".join(str(c).replace("\t", " ").replace("\n", " ") for c in record) + "\n")


def write_onet(tax: Taxonomy, folder: Path | str) -> list[Path]:
    """Write ``tax`` as O*NET text files (tab-separated, the publisher's names and columns)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    occupations = sorted(tax.occupations.values(), key=lambda o: o.key)
    skills = tax.skills
    code = "O*NET-SOC Code"
    files = {
        "occupations": ([code, "Title", "Description"],
                        ([o.key, o.labels["en"], o.description.get("en", "")] for o in occupations)),
        "titles": ([code, "Alternate Title", "Short Title", "Source(s)"],
                   ([o.key, *t] for o in occupations for t in o.titles)),
        "reported": ([code, "Reported Job Title", "Shown in My Next Move"],
                     ([o.key, *t] for o in occupations for t in o.reported)),
        "technology": ([code, "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand"],
                       ([r.occupation, r.skill, skills[r.skill].commodity, skills[r.skill].category,
                         "Y" if r.hot else "N", "Y" if r.in_demand else "N"] for r in tax.requirements)),
        "tasks": ([code, "Task ID", "Task", "Task Type", "Incumbents Responding", "Date", "Domain Source"],
                  ([t.occupation, t.id, t.text, t.type or "n/a", t.incumbents, t.date, t.source] for t in tax.tasks)),
        "related": ([code, "Related O*NET-SOC Code", "Relatedness Tier", "Index"],
                    ([r.occupation, r.other, r.tier, r.index] for r in tax.related)),
        "zones": ([code, "Job Zone"], ([c, z] for c, z in sorted(tax.job_zones.items()))),
    }
    written = []
    for key, (header, records) in files.items():
        path = folder / _FILES[key]
        _tsv(path, header, records)
        written.append(path)
    month = {v: k for k, v in _MONTHS.items()}
    release = ""
    if tax.source.date and re.fullmatch(r"\d{4}-\d{2}", tax.source.date):
        year, mon = tax.source.date.split("-")
        release = f"{month[int(mon)]} {year} Release\n"
    readme = folder / _FILES["readme"]
    readme.write_text(f"O*NET {tax.source.version} Database\n{release}\nA subset of the occupations, selected by "
                      "rolegraph (data/reference/scope.toml).\n\n" + tax.source.attribution + "\n", encoding="utf-8")
    written.append(readme)
    return written
