"""Builds of many documents: wall time, CPU time and peak memory, first build and one-document rebuilds.

Usage:
    python benchmarks/build.py [--documents 3000] [--jobs 2] [--keep DIR]

The documents are the project's own test documents (tests/documents) in turn,
each copy with a few words changed, written as files to a temporary folder.
The command line is run as a user runs it, each step a fresh process:

1. ``rolegraph build DOCS -o OUT --jobs J --json``: every document extracted;
2. the same again, nothing changed;
3. one document edited (a sentence added), then built again; three times, each
   time another document (the median is reported);
4. one document added, then built again;
5. one document removed, then built again;
6. ``rolegraph path "lead developer" CEO -g OUT`` from a cold process (median of 5).

Wall time is the command's; CPU time is user + system of the command and its
worker processes; peak memory is the largest sum of the resident memory (RSS) of
the command and its workers, sampled every 20 ms, and the largest sum of their
proportional memory (PSS, which counts a page shared by n processes as 1/n in
each: the memory the build really takes from the machine).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "tests" / "documents"
EXE = Path(sys.executable).with_name("rolegraph")


def write_corpus(folder: Path, n: int, start: int = 0) -> int:
    """``n`` documents: the test documents in turn, each copy with a few words changed."""
    base = sorted(p for p in DOCS.iterdir() if p.is_file())
    size = 0
    for k in range(start, start + n):
        src = base[k % len(base)]
        data = src.read_bytes()  # as stored: some test documents are not UTF-8
        data = data.replace(b"5 years", f"{k % 9 + 2} years".encode()).replace(
            b"Paris", [b"Paris", b"Lyon", b"Nantes"][k % 3])
        path = folder / f"{k}-{src.name}"
        path.write_bytes(data)
        size += path.stat().st_size
    return size


def _tree_memory(pid: int) -> tuple[int, int]:
    """Resident memory (RSS) and proportional memory (PSS: shared pages divided among the processes
    that share them) of a process and all its descendants, in bytes (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    rss = pss = 0
    todo = [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                rss += int(fh.read().split()[1]) * page
            with open(f"/proc/{p}/smaps_rollup") as fh:
                pss += next(int(line.split()[1]) * 1024 for line in fh if line.startswith("Pss:"))
        except (OSError, ValueError, StopIteration):
            pass
        todo += children.get(p, [])
    return rss, pss


def measured(args: list[str]) -> dict:
    """Run a command; its wall time, CPU time (with its workers) and peak memory (process tree)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not done.is_set():
            rss, pss = _tree_memory(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {err.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "peak_mib": round(peak / 2**20),
            "peak_pss_mib": round(peak_pss / 2**20), "stdout": out}


def build_step(src: Path, out: Path, jobs: int) -> dict:
    r = measured([str(EXE), "build", str(src), "-o", str(out), "--jobs", str(jobs), "--json"])
    report = json.loads(r.pop("stdout"))
    r["counts"] = {k: report["counts"][k] for k in ("quads", "Role") if k in report["counts"]}
    r["formats"] = sorted(report["files"])
    return r


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=3000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = ap.parse_args(argv)
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="rolegraph-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        src, out = tmp / "docs", tmp / "out"
        shutil.rmtree(src, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        src.mkdir()
        size = write_corpus(src, args.documents)
        result = {"documents": args.documents, "megabytes": round(size / 1e6, 2), "jobs": args.jobs}
        result["first_build"] = build_step(src, out, args.jobs)
        result["rebuild_nothing_changed"] = build_step(src, out, args.jobs)
        files = sorted(src.iterdir())
        edits = []
        for k in range(3):  # three rebuilds, each after one more document was edited: the median
            with open(files[len(files) * (k + 1) // 4], "ab") as fh:
                fh.write(b"\n\nMany of them later become Engineering Manager.\n")
            edits.append(build_step(src, out, args.jobs))
        result["rebuild_one_edited"] = {
            "wall_s": statistics.median(e["wall_s"] for e in edits), "runs_wall_s": [e["wall_s"] for e in edits],
            "cpu_s": statistics.median(e["cpu_s"] for e in edits),
            "peak_mib": max(e["peak_mib"] for e in edits), "peak_pss_mib": max(e["peak_pss_mib"] for e in edits),
            "counts": edits[-1]["counts"], "formats": edits[-1]["formats"]}
        write_corpus(src, 1, start=args.documents)
        result["rebuild_one_added"] = build_step(src, out, args.jobs)
        next(src.glob("0-*")).unlink()
        result["rebuild_one_removed"] = build_step(src, out, args.jobs)
        result["one_edit_over_first"] = round(result["rebuild_one_edited"]["wall_s"]
                                              / result["first_build"]["wall_s"], 3)
        paths = [measured([str(EXE), "path", "lead developer", "CEO", "-g", str(out)]) for _ in range(5)]
        result["path_cold_wall_s"] = {"median": round(statistics.median(p["wall_s"] for p in paths), 2),
                                      "max": max(p["wall_s"] for p in paths),
                                      "peak_mib": max(p["peak_mib"] for p in paths)}
        result["outputs_mb"] = {p.name: round(p.stat().st_size / 1e6, 1) for p in sorted(out.glob("graph.*"))}
        result["store_mb"] = round(sum(f.stat().st_size for f in (out / "store").rglob("*") if f.is_file()) / 1e6)
        print(json.dumps(result, indent=1))
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
