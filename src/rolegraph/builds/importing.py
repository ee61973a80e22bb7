"""Importing reference taxonomies into a build folder: ESCO, O*NET or a crosswalk, as downloaded.

The files are read as their publishers distribute them, the tech roles (or
every occupation) kept, and the result written into the build folder's
``reference/<source>`` in the publisher's layout; the graph is then rebuilt
with it. The new data is written beside the old, read back whole, and only
then swapped in; if the rebuild fails the old data is put back. A failed import
therefore leaves the folder as it was.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..knowledge.taxonomies import (Taxonomy, load_scope, read_crosswalk, read_esco, read_onet, write_crosswalk,
                                    write_esco, write_onet)
from ..knowledge.taxonomies.files import Bundle
from ..locations import default_out_dir

__all__ = ["ImportResult", "import_reference", "KINDS"]

KINDS = ("esco", "onet", "crosswalk")


@dataclass
class ImportResult:
    kind: str
    version: str
    counts: dict[str, int]
    folder: Path  # where the subset now is
    build: object  # the BuildResult of the rebuild


def _total_bytes(paths) -> int:
    try:
        return sum(m.size for m in Bundle(paths, what="reference files").members)
    except Exception:  # sizes are for the progress bar only; reading reports real problems
        return 0


def import_reference(kind: str, paths, out_dir: Path | str | None = None, *, everything: bool = False,
                     version: str | None = None, progress=None, formats=None):
    """Import ``paths`` (``kind``: "esco", "onet" or "crosswalk") into a build folder and rebuild it.

    ``everything`` keeps every occupation instead of the tech roles of
    ``data/reference/scope.toml``. ``progress(done_bytes, total_bytes)`` follows
    the reading. Returns an :class:`ImportResult`.

    Raises
    ------
    ReferenceFileError
        Naming the file and line of what is malformed, truncated or missing.
    """
    from .pipeline import build

    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    out = Path(out_dir) if out_dir else default_out_dir()
    total, done = _total_bytes(paths), [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress:
            progress(done[0], total)

    scope = load_scope(everything=everything)
    target = out / "reference" / kind
    fresh, old = target.with_name(kind + ".new"), target.with_name(kind + ".old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        if kind == "esco":
            tax = read_esco(paths, scope=scope, version=version, progress=tick)
            write_esco(tax, fresh)
            check = read_esco([fresh])
        elif kind == "onet":
            tax = read_onet(paths, scope=scope, version=version, progress=tick)
            write_onet(tax, fresh)
            check = read_onet([fresh])
        else:
            source, rows = read_crosswalk(paths, progress=tick)
            write_crosswalk(rows, fresh)
            tax = Taxonomy(source)
            check = None
            counts = {"rows": len(rows)}
        if check is not None:
            counts = tax.counts()
            if check.counts() != counts:  # the subset must read back as it was written
                raise RuntimeError(f"{fresh}: the written subset does not read back the same")
        if target.exists():
            target.rename(old)
        fresh.rename(target)
        try:
            result = build(out, formats=formats)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            if old.exists():
                old.rename(target)
            raise
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    return ImportResult(kind, tax.source.version, counts, target, result)
