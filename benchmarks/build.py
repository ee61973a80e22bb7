"""Wall time of ``rolegraph build`` on a generated corpus of many documents.

Usage:
    python benchmarks/build.py [--documents 10000] [--jobs 2]

The documents are the project's own test documents (tests/documents), repeated
with small variations, written as files to a temporary folder. The command line is timed as a user runs it: a first build (every
document extracted, four output formats written), then a second build with
nothing changed (only the outputs rewritten).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "tests" / "documents"


def write_corpus(folder: Path, n: int) -> int:
    """``n`` documents: the test documents in turn, each copy with a few words changed."""
    base = sorted(p for p in DOCS.iterdir() if p.is_file())
    size = 0
    for k in range(n):
        src = base[k % len(base)]
        data = src.read_bytes()  # as stored: some test documents are not UTF-8
        data = data.replace(b"5 years", f"{k % 9 + 2} years".encode()).replace(
            b"Paris", [b"Paris", b"Lyon", b"Nantes"][k % 3])
        path = folder / f"{k}-{src.name}"
        path.write_bytes(data)
        size += path.stat().st_size
    return size


def timed_build(src: Path, out: Path, jobs: int) -> tuple[float, dict]:
    exe = Path(sys.executable).with_name("rolegraph")
    t = time.perf_counter()
    run = subprocess.run([str(exe), "build", str(src), "-o", str(out), "--jobs", str(jobs), "--json"],
                         capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if run.returncode != 0:
        raise SystemExit(f"build failed: {run.stderr.strip()}")
    return elapsed, json.loads(run.stdout)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="rolegraph-bench-"))
    try:
        src, out = tmp / "docs", tmp / "out"
        src.mkdir()
        size = write_corpus(src, args.documents)
        first, report = timed_build(src, out, args.jobs)
        second, _ = timed_build(src, out, args.jobs)
        print(json.dumps({
            "documents": args.documents, "megabytes": round(size / 1e6, 2), "jobs": args.jobs,
            "first_build_s": round(first, 1), "rebuild_unchanged_s": round(second, 1),
            "triples": report["counts"].get("triples"), "quads": report["counts"]["quads"],
            "output_mb": {k: round(Path(v).stat().st_size / 1e6) for k, v in report["files"].items()},
        }, indent=1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
