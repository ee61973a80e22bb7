"""An ESCO to O*NET crosswalk: which O*NET occupation each ESCO occupation is closest to.

Read as published (Nesta's "Mapping Career Causeways" crosswalk: ``concept_uri``,
``esco_occupation``, ``onet_code``, ``onet_occupation``, ``confidence`` ...).
Crosswalk rows only ever give ``skos:closeMatch`` links: an ESCO occupation and
the nearest O*NET occupation are not the same job.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ...text import fold
from .files import Bundle, rows
from .model import CrosswalkRow, Source

__all__ = ["read_crosswalk", "write_crosswalk", "resolve_codes", "CROSSWALK_SOURCE"]

_COLUMNS = ["concept_uri", "esco_occupation", "onet_code", "onet_occupation", "confidence", "semantic_similarity"]

CROSSWALK_SOURCE = Source(
    id="crosswalk", title="ESCO to O*NET-SOC crosswalk (Mapping Career Causeways)", version="2020-11",
    date="2020-11", url="https://github.com/nestauk/mapping-career-causeways",
    license="https://opensource.org/licenses/MIT",
    attribution="ESCO to O*NET crosswalk by Nesta (Mapping Career Causeways), MIT License.")


def read_crosswalk(paths, *, esco: set[str] | None = None, progress=None) -> tuple[Source, list[CrosswalkRow]]:
    """Crosswalk rows, keeping those whose ESCO occupation is in ``esco`` (all when None)."""
    bundle = Bundle(paths, what="an ESCO to O*NET crosswalk")
    member = bundle.one(r".*\.csv", "CSV")
    out = []
    for _line, row in rows(member, required=("concept_uri", "onet_code", "onet_occupation"), progress=progress):
        uri = row["concept_uri"].strip()
        if esco is not None and uri not in esco:
            continue
        out.append(CrosswalkRow(uri, row.get("esco_occupation", "").strip(), row["onet_code"].strip(),
                                row["onet_occupation"].strip(), row.get("confidence", "").strip(),
                                row.get("semantic_similarity", "").strip()))
    out.sort(key=lambda r: (r.esco, r.onet))
    return CROSSWALK_SOURCE, out


def write_crosswalk(rows_: list[CrosswalkRow], folder: Path | str) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "esco_onet_crosswalk.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(_COLUMNS)
        out.writerows([r.esco, r.esco_label, r.onet, r.onet_title, r.confidence, r.similarity] for r in rows_)
    return path


def resolve_codes(rows_: list[CrosswalkRow], titles: dict[str, str]) -> tuple[dict[str, str], int]:
    """Map each row's O*NET code to a code of the release at hand (``titles``: code -> title).

    A crosswalk built on an older O*NET-SOC taxonomy names codes the release
    no longer has (15-1132.00 became 15-1252.00); those are found by their
    title when one occupation of the release has the same title. Returns
    ``{old code: current code}`` and how many codes could not be placed.

    >>> resolve_codes([CrosswalkRow("u", "", "15-1134.00", "web developers", "", "")],
    ...               {"15-1254.00": "Web Developers"})
    ({'15-1134.00': '15-1254.00'}, 0)
    """
    by_title: dict[str, list[str]] = {}
    for code, title in titles.items():
        by_title.setdefault(fold(title), []).append(code)
    found, lost = {}, set()
    for r in rows_:
        if r.onet in found or r.onet in lost:
            continue
        if r.onet in titles:
            found[r.onet] = r.onet
        elif len(candidates := by_title.get(fold(r.onet_title), [])) == 1:
            found[r.onet] = candidates[0]
        else:
            lost.add(r.onet)
    return found, len(lost)
