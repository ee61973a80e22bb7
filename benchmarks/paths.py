"""Career paths through rolegraph's own API on generated graphs of 5,000, 50,000 and 200,000 roles.

Each graph is written as N-Quads in rolegraph's vocabulary, as a build writes
it: roles with English and French labels in a lexicon graph; every move an
``rg:Transition`` statement in a document's named graph, with its evidence
(``oa:hasSource``, a text-position selector) and ``rg:canTransitionTo``.
Roles sit at 8 seniority levels and each has two or three moves up or
sideways, stated by one to three documents.

Then, as a user of ``import rolegraph`` would, in a fresh process per size:

- open: ``rolegraph.load(FILE)`` (parse into an Oxigraph store);
- first answer: ``g.paths(A, B, k=5, quotes=0)``, which also resolves the
  names and builds the career graph (labels, moves with their evidence);
- warm answers: the median of five more ``g.paths`` calls between other pairs.

Usage:
    python benchmarks/paths.py [--sizes 5000 50000 200000]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RG = "https://w3id.org/rolegraph/ontology#"
ID = "https://w3id.org/rolegraph/id/"
GRAPH = "https://w3id.org/rolegraph/graph/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OA = "http://www.w3.org/ns/oa#"
SCHEMA = "https://schema.org/"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
INT = "<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>"


def generate(path: Path, roles: int, seed: int = 7) -> dict:
    """Write the graph; returns its size."""
    rnd = random.Random(seed)
    per_level = roles // 8
    docs = max(1, roles // 50)
    quads = moves = 0
    with path.open("w", encoding="utf-8") as out:
        lex = f"<{GRAPH}lexicon>"
        for i in range(roles):
            r = f"<{ID}role/r-{i:06d}>"
            out.write(f"{r} {TYPE} <{RG}Role> {lex} .\n{r} <{SKOS}prefLabel> \"role {i}\"@en {lex} .\n"
                      f"{r} <{SKOS}prefLabel> \"métier {i}\"@fr {lex} .\n")
            quads += 3
        for i in range(roles):
            level = i // per_level
            for _ in range(rnd.choice((2, 3))):
                up = min(7, level + rnd.choice((0, 1, 1)))
                j = up * per_level + rnd.randrange(per_level)
                if j == i or j >= roles:
                    continue
                moves += 1
                a, b = f"<{ID}role/r-{i:06d}>", f"<{ID}role/r-{j:06d}>"
                for _ in range(rnd.randint(1, 3)):
                    d = rnd.randrange(docs)
                    g = f"<{GRAPH}doc/d{d}>"
                    doc = f"{ID}doc/d{d}"
                    stmt = f"<{doc}/transition/{i}--{j}>"
                    start = rnd.randrange(100_000)
                    ev = f"<{doc}/span/{start}-{start + 40}>"
                    sel = ev[:-1] + "/position>"
                    out.write(f"{a} <{RG}canTransitionTo> {b} {g} .\n"
                              f"{stmt} {TYPE} <{RG}Transition> {g} .\n{stmt} <{RG}fromRole> {a} {g} .\n"
                              f"{stmt} <{RG}toRole> {b} {g} .\n{stmt} <{RG}evidence> {ev} {g} .\n"
                              f"{ev} <{OA}hasSource> <{doc}> {g} .\n{ev} <{OA}hasSelector> {sel} {g} .\n"
                              f"{sel} <{OA}start> \"{start}\"^^{INT} {g} .\n"
                              f"{sel} <{OA}end> \"{start + 40}\"^^{INT} {g} .\n"
                              f"<{doc}> <{SCHEMA}identifier> \"d{d}.txt\" {g} .\n")
                    quads += 10
    return {"roles": roles, "moves": moves, "quads": quads, "megabytes": round(path.stat().st_size / 1e6)}


_CHILD = """
import json, sys, time
t = time.perf_counter()
import rolegraph
g = rolegraph.load(sys.argv[1])
opened = time.perf_counter() - t
n = int(sys.argv[2])
low, top = n // 8, 7 * (n // 8)
t = time.perf_counter()
first = g.paths("role 1", f"role {top + 1}", k=5, quotes=0)
first_s = time.perf_counter() - t
warm = []
for k in range(2, 7):
    t = time.perf_counter()
    g.paths(f"role {k}", f"role {top + k}", k=5, quotes=0)
    warm.append(time.perf_counter() - t)
import resource
print(json.dumps({"open_s": opened, "first_paths_s": first_s, "warm_paths_ms": sorted(warm)[2] * 1000,
                  "paths_found": len(first), "steps_of_best": len(first[0].steps) if first else None,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000, 50_000, 200_000])
    args = ap.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"careers-{n}.nq"
            size = generate(path, n)
            t = time.perf_counter()
            proc = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(n)], capture_output=True,
                                  text=True, check=True)
            wall = time.perf_counter() - t
            figures = json.loads(proc.stdout)
            row = size | {k: round(v, 2) if isinstance(v, float) else v for k, v in figures.items()}
            row["process_wall_s"] = round(wall, 2)
            results.append(row)
            print(json.dumps(row), flush=True)
            path.unlink()
    print("\n| roles | moves | quads | open (`rolegraph.load`) | first `paths` (builds the career graph) "
          "| warm `paths`, k=5 (median of 5) | peak memory |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(f"| {r['roles']:,} | {r['moves']:,} | {r['quads']:,} | {r['open_s']:.2f} s | {r['first_paths_s']:.2f} s "
              f"| {r['warm_paths_ms']:.1f} ms | {r['peak_mib']:,.0f} MiB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
