"""Derive the shipped tech subset of ESCO and O*NET from the publishers' download files.

Usage (from the repository root, rolegraph installed)::

    python data/reference/derive.py ../shared/reference

The folder must hold ESCO's CSV zips (English classification, French
classification, relations), the O*NET text database zip and the ESCO–O*NET
crosswalk CSV, as their publishers distribute them. Which occupations are kept
is decided by ``scope.toml`` beside this script. The result replaces ``esco/``,
``onet/`` and ``crosswalk/`` here; the same files in the same layout, fewer rows.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from rolegraph.knowledge.taxonomies import (load_scope, read_crosswalk, read_esco, read_onet, write_crosswalk,
                                            write_esco, write_onet)

HERE = Path(__file__).resolve().parent


def main(source: Path) -> None:
    zips = sorted(source.glob("*.zip"))
    esco_files = [z for z in zips if "ESCO" in z.name]
    onet_files = [z for z in zips if "onet" in z.name.lower()]
    crosswalk = sorted(source.glob("*crosswalk*.csv"))
    if not (esco_files and onet_files and crosswalk):
        sys.exit(f"{source}: expected ESCO zips, an O*NET zip and a crosswalk CSV")
    scope = load_scope(HERE / "scope.toml")
    esco = read_esco(esco_files, scope=scope, date="2022-09")  # ESCO v1.1.1 was released in September 2022
    onet = read_onet(onet_files, scope=scope)
    source_cw, rows = read_crosswalk(crosswalk, esco=set(esco.occupations))
    with tempfile.TemporaryDirectory(dir=HERE) as tmp:
        tmp = Path(tmp)
        write_esco(esco, tmp / "esco")
        write_onet(onet, tmp / "onet")
        write_crosswalk(rows, tmp / "crosswalk")
        for name in ("esco", "onet", "crosswalk"):
            shutil.rmtree(HERE / name, ignore_errors=True)
            (tmp / name).rename(HERE / name)
    for name, tax in (("ESCO", esco), ("O*NET", onet)):
        print(f"{name} {tax.source.version}: " + ", ".join(f"{n:,} {k}" for k, n in tax.counts().items()))
    print(f"crosswalk: {len(rows):,} rows ({source_cw.title})")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
