"""Career path speed: k=5 shortest paths on the default graph and on a generated 50,000-role graph,
and the wall time of ``rolegraph path "lead developer" CEO`` from a cold start.

Usage:
    python benchmarks/paths.py
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median


def _time(fn, repeat: int = 20) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return median(times) * 1000


def generated_career_graph(n: int = 50_000, seed: int = 7):
    """A layered career graph: roles at 8 seniority levels, each with a few moves up or sideways."""
    import networkx as nx

    rnd = random.Random(seed)
    g = nx.DiGraph()
    per_level = n // 8
    for i in range(n):
        level = i // per_level
        for _ in range(3):
            up = min(7, level + rnd.choice((0, 1, 1, 2)))
            j = up * per_level + rnd.randrange(per_level)
            if j != i and j < n:
                g.add_edge(i, j, cost=1.0 / (1 + rnd.randint(1, 5)))
    return g


def main() -> int:
    import networkx as nx

    import rolegraph
    from rolegraph.ask.careers import CareerGraph

    g = rolegraph.load()
    careers = CareerGraph(g)
    default_ms = _time(lambda: careers.paths("lead-developer", "chief-executive-officer", k=5))
    big = generated_career_graph()
    src, dst = 0, len(big) - 1
    while not nx.has_path(big, src, dst):
        dst -= 1

    def five():
        return list(zip(range(5), nx.shortest_simple_paths(big, src, dst, weight="cost")))

    big_ms = _time(five, repeat=5)
    with tempfile.TemporaryDirectory() as tmp:
        exe = str(Path(sys.executable).with_name("rolegraph"))
        subprocess.run([exe, "build", "-o", tmp], check=True, capture_output=True)
        cold = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([exe, "path", "lead developer", "CEO", "-g", tmp], check=True, capture_output=True)
            cold.append(time.perf_counter() - t)
    print(json.dumps({
        "k5_paths_default_graph_ms": round(default_ms, 2),
        "k5_paths_50000_roles_ms": round(big_ms, 1),
        "generated_graph": {"roles": big.number_of_nodes(), "moves": big.number_of_edges()},
        "cold_start_path_command_s": round(median(cold), 2),
    }, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
