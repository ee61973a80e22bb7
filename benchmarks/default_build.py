"""The default build and the first question a user asks of it, timed as a user runs them.

Each run builds the default graph (lexicon, ESCO and O*NET tech subsets, the
shipped facts) into a fresh folder with ``rolegraph build``, builds it again
with nothing changed, then runs ``rolegraph path "lead developer" CEO`` from a
cold process. Wall times are medians over the runs; the maxima are shown too.

Usage:
    python benchmarks/default_build.py [--runs 3] [--paths 5]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median


def _run(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and the child's peak memory (KiB) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    wall = time.perf_counter() - t
    return wall, max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--paths", type=int, default=5)
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("rolegraph"))
    builds, rebuilds, paths, peak = [], [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs):
            out = str(Path(tmp) / f"build-{n}")
            wall, rss = _run([exe, "build", "-o", out])
            builds.append(wall)
            peak = max(peak, rss)
            rebuilds.append(_run([exe, "build", "-o", out])[0])
            for _ in range(args.paths):
                paths.append(_run([exe, "path", "lead developer", "CEO", "-g", out])[0])
        stats = json.loads(subprocess.run([exe, "stats", "-g", out, "--json"], check=True,
                                          capture_output=True, text=True).stdout)
    print(json.dumps({
        "build_s": {"median": round(median(builds), 2), "max": round(max(builds), 2), "runs": len(builds)},
        "rebuild_nothing_changed_s": {"median": round(median(rebuilds), 2), "max": round(max(rebuilds), 2)},
        "path_lead_developer_ceo_s": {"median": round(median(paths), 2), "max": round(max(paths), 2),
                                      "runs": len(paths)},
        "build_peak_memory_mib_at_most": round(peak / 1024),
        "graph": {k: stats[k] for k in ("Role", "Skill", "Mission", "quads", "triples") if k in stats},
    }, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
