"""Derive the shipped tech subset of ESCO and O*NET from the publishers' download files.

Usage (from the repository root, rolegraph installed)::

    python data/reference/derive.py ../shared/reference

The folder must hold ESCO's CSV zips (English classification, French
classification, relations), the O*NET text database zip and the ESCO–O*NET
crosswalk CSV, as their publishers distribute them. Which occupations are kept
is decided by ``scope.toml`` beside this script. The result replaces ``esco/``,
``onet/`` and ``crosswalk/`` here; the same files in the same layout, fewer rows.
``glossary/fr_en.tsv`` (French→English words learnt from all of ESCO's
bilingual labels) is written too.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from rolegraph.knowledge.taxonomies import (load_scope, read_crosswalk, read_esco, read_onet, write_crosswalk,
                                            write_esco, write_onet)
from rolegraph.knowledge.taxonomies.esco import ESCO_SOURCE
from rolegraph.knowledge.taxonomies.glossary import align, esco_label_pairs, write_glossary

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
    # the glossary learns from all of ESCO's bilingual labels, not only the tech subset
    pairs = esco_label_pairs(esco_files)
    entries = align(pairs)
    write_glossary(entries, HERE / "glossary" / "fr_en.tsv", source=f"ESCO v{esco.source.version}",
                   attribution=ESCO_SOURCE.attribution)
    print(f"glossary: {len(entries):,} French words and phrases from {len(pairs):,} label pairs")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
