"""Extraction throughput on text that is never repeated, and how time grows with a document's size.

Usage:
    python benchmarks/extraction.py [--mb 2] [--runs 3] [--scaling] [--reference DIR]

Throughput: job-description-like documents are composed from the reference
taxonomies' own text (ESCO occupation and skill descriptions in English and
French, O*NET task statements), each sentence used once, until the corpus
reaches --mb megabytes. With --reference pointing at the publishers' ESCO
zips (``../shared/reference``) there is much more text to draw from; without
it the shipped subset is used. Every run is a fresh process (cold caches):
building the extractor is timed apart from extracting. One process: the
figure is per core.

Scaling (--scaling): one document of repeated sentences at 1 MB and at 2 MB,
each extracted in a fresh process; linear time means the second takes about
twice the first.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHIPPED = HERE.parent / "data" / "reference"

RUN = """
import json, sys, time
t0 = time.perf_counter()
from rolegraph.extract import Extractor
from rolegraph.sources import read_document
ex = Extractor()
t1 = time.perf_counter()
paths = json.load(open(sys.argv[1]))
docs = [read_document(p) for p in paths]
t2 = time.perf_counter()
facts = 0
for d in docs:
    facts += sum(1 for _ in ex.extract(d).facts.spans())
t3 = time.perf_counter()
print(json.dumps({"startup": t1 - t0, "read": t2 - t1, "extract": t3 - t2, "facts": facts}))
"""


def _rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _esco_rows(reference: Path | None, name: str) -> list[dict]:
    """Rows of an ESCO CSV: from the publisher's zips in ``reference`` if given, else from the shipped subset."""
    if reference is not None:
        for z in sorted(reference.glob("*.zip")):
            with zipfile.ZipFile(z) as zf:
                for member in zf.namelist():
                    if Path(member).name == name:
                        return _rows(zf.read(member))
    path = SHIPPED / "esco" / name
    return _rows(path.read_bytes()) if path.exists() else []


def _tasks() -> list[str]:
    path = SHIPPED / "onet" / "Task Statements.txt"
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t")
    return [r["Task"] for r in rows]


def corpus(megabytes: float, folder: Path, reference: Path | None) -> list[Path]:
    """Documents made of text used once each: a title, a description, tasks, skills with their descriptions."""
    occupations = [(r, "en") for r in _esco_rows(reference, "occupations_en.csv")] + \
                  [(r, "fr") for r in _esco_rows(reference, "occupations_fr.csv")]
    skills = [r for r in _esco_rows(reference, "skills_en.csv") if r.get("description")]
    tasks = _tasks()
    out, size, n = [], 0, 0
    for k, (occ, lang) in enumerate(occupations):
        if size >= megabytes * 1_000_000:
            break
        title = occ["preferredLabel"].split("/")[0]
        heading = "Missions" if lang == "fr" else "Responsibilities"
        lines = [f"# {title}", "", occ.get("description", ""), "", f"## {heading}"]
        if lang == "en":
            lines += [f"- {t}" for t in tasks[n:n + 6]]
            n += 6
        lines += ["", "## Skills" if lang == "en" else "## Compétences"]
        for s in skills[3 * k:3 * k + 3]:
            lines.append(f"- {s['preferredLabel']}: {s['description']}")
        text = "\n".join(lines) + "\n"
        path = folder / f"{k:05d}_{lang}.md"
        path.write_text(text, encoding="utf-8")
        out.append(path)
        size += len(text.encode("utf-8"))
    return out


def _run(paths: list[Path]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump([str(p) for p in paths], fh)
    done = subprocess.run([sys.executable, "-c", RUN, fh.name], capture_output=True, text=True, check=True)
    Path(fh.name).unlink()
    return json.loads(done.stdout.strip().splitlines()[-1])


def throughput(args) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus(args.mb, Path(tmp), args.reference)
        size = sum(p.stat().st_size for p in paths)
        runs = [_run(paths) for _ in range(args.runs)]
    speeds = [size / 1e6 / r["extract"] for r in runs]
    return {"documents": len(paths), "megabytes": round(size / 1e6, 2), "runs": args.runs,
            "extract_seconds": [round(r["extract"], 2) for r in runs],
            "mb_per_s_per_core_median": round(statistics.median(speeds), 2),
            "mb_per_s_per_core_min": round(min(speeds), 2),
            "startup_seconds_median": round(statistics.median(r["startup"] for r in runs), 2),
            "facts": runs[0]["facts"]}


def scaling() -> dict:
    docs = sorted((HERE.parent / "tests" / "documents").glob("*.txt"))
    paragraph = "\n\n".join(p.read_text(encoding="utf-8") for p in docs)
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mb in (1, 2):
            text = (paragraph + "\n\n") * (mb * 1_000_000 // len(paragraph.encode("utf-8")) + 1)
            path = Path(tmp) / f"repeated_{mb}mb.txt"
            path.write_text(text[: mb * 1_000_000], encoding="utf-8")
            out[f"{mb}_mb_seconds"] = round(_run([path])["extract"], 2)
    out["ratio"] = round(out["2_mb_seconds"] / out["1_mb_seconds"], 2)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scaling", action="store_true", help="also time one 1 MB and one 2 MB document")
    ap.add_argument("--reference", type=Path, help="folder of the publishers' ESCO zips (more text to draw from)")
    args = ap.parse_args(argv)
    result = {"throughput": throughput(args)}
    if args.scaling:
        result["scaling"] = scaling()
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
