"""The SPARQL store against rdflib's default in-memory store, side by side in one run.

A generated graph in rolegraph's vocabulary (roles with English and French
labels, skills, career moves as ``rg:canTransitionTo`` and salary ranges) is
written as N-Triples, then loaded and queried by both stores:

- load: ``pyoxigraph.Store.bulk_load`` (what ``RoleGraph.from_file`` does)
  against ``rdflib.Graph().parse``;
- aggregation: the skills most roles require (GROUP BY, COUNT DISTINCT, ORDER BY);
- join: the roles sharing a skill with one role, with their English labels;
- property paths: the roles reachable from one role in one to three moves
  (as the shipped ``reachable-within-3`` query asks), and in any number
  (``rg:canTransitionTo+``).

Both sides do the same work the same number of times: a first (cold) run,
shown apart, then ``--repeat`` warm runs whose median is the figure (for the
load, each run loads into a new store). Both stores must return the same
rows; the run stops if they differ. A query
rdflib cannot answer (its ``+`` paths recurse once per move and can exceed
Python's recursion limit on long chains) is reported as such.

Usage:
    python benchmarks/store.py [--roles 40000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

RG = "https://w3id.org/rolegraph/ontology#"
ID = "https://w3id.org/rolegraph/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

PREFIXES = f"""PREFIX rg: <{RG}>
PREFIX skos: <{SKOS}>
PREFIX schema: <{SCHEMA}>
PREFIX role: <{ID}role/>
"""

QUERIES = {
    "aggregation": PREFIXES + """
SELECT ?skill (COUNT(DISTINCT ?role) AS ?roles) WHERE {
  ?role a rg:Role ; schema:skills ?skill .
} GROUP BY ?skill ORDER BY DESC(?roles) ?skill LIMIT 25""",
    "join": PREFIXES + """
SELECT DISTINCT ?other ?label WHERE {
  role:r-000123 schema:skills ?skill .
  ?other schema:skills ?skill ; skos:prefLabel ?label .
  FILTER(?other != role:r-000123 && LANG(?label) = "en")
} ORDER BY ?other""",
    "property path, 1 to 3 moves": PREFIXES + """
SELECT DISTINCT ?reachable WHERE {
  role:r-000123 rg:canTransitionTo/rg:canTransitionTo?/rg:canTransitionTo? ?reachable .
} ORDER BY ?reachable""",
    "property path, any number of moves (+)": PREFIXES + """
SELECT DISTINCT ?reachable WHERE {
  role:r-000123 rg:canTransitionTo+ ?reachable .
} ORDER BY ?reachable""",
}


def generate(path: Path, roles: int, seed: int = 11) -> int:
    """Write a rolegraph-shaped graph as N-Triples; returns the lines written (some repeat)."""
    rnd = random.Random(seed)
    skills = max(50, roles // 20)
    levels = 8
    per_level = roles // levels
    n = 0
    with path.open("w", encoding="utf-8") as out:
        def t(s, p, o):
            nonlocal n
            out.write(f"{s} {p} {o} .\n")
            n += 1

        for k in range(skills):
            s = f"<{ID}skill/s-{k:05d}>"
            t(s, RDF_TYPE, f"<{RG}Skill>")
            t(s, f"<{SKOS}prefLabel>", f'"skill {k}"@en')
            t(s, f"<{SKOS}prefLabel>", f'"compétence {k}"@fr')
        for i in range(roles):
            r = f"<{ID}role/r-{i:06d}>"
            t(r, RDF_TYPE, f"<{RG}Role>")
            t(r, RDF_TYPE, f"<{SCHEMA}Occupation>")
            t(r, f"<{SKOS}prefLabel>", f'"role {i}"@en')
            t(r, f"<{SKOS}prefLabel>", f'"métier {i}"@fr')
            t(r, f"<{SKOS}altLabel>", f'"R{i}"@en')
            t(r, f"<{RG}seniority>", f"<{ID}level/l{i // per_level}>")
            # Skills cluster by role family so that joins find real neighbours.
            family = i % 200
            for _ in range(10):
                k = (family * 7 + int(rnd.expovariate(0.3))) % skills
                t(r, f"<{SCHEMA}skills>", f"<{ID}skill/s-{k:05d}>")
            # Career moves go up a level or sideways.
            level = i // per_level
            for _ in range(3):
                up = min(levels - 1, level + rnd.choice((0, 1, 1)))
                j = up * per_level + rnd.randrange(per_level)
                if j != i and j < roles:
                    t(r, f"<{RG}canTransitionTo>", f"<{ID}role/r-{j:06d}>")
            sal = f"<{ID}salary/r-{i:06d}>"
            t(sal, RDF_TYPE, f"<{RG}SalaryRange>")
            t(sal, f"<{RG}role>", r)
            base = 30000 + 5000 * level + rnd.randrange(10000)
            t(sal, f"<{SCHEMA}minValue>", f'"{base}"^^<http://www.w3.org/2001/XMLSchema#integer>')
            t(sal, f"<{SCHEMA}maxValue>", f'"{base + 15000}"^^<http://www.w3.org/2001/XMLSchema#integer>')
            t(sal, f"<{SCHEMA}currency>", '"EUR"')
    return n


def _timed(fn, repeat: int):
    """``(first run, median of the next ``repeat`` runs, result)``: the cold run apart from the warm ones."""
    times, result = [], None
    for _ in range(1 + repeat):
        result = None
        gc.collect()
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return times[0], median(times[1:]), result


def _rows_ox(results) -> list[tuple]:
    return [tuple(str(v.value) if v is not None else None for v in row) for row in results]


def _rows_rdflib(results) -> list[tuple]:
    return [tuple(str(v) if v is not None else None for v in row) for row in results]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--roles", type=int, default=55_000, help="roles to generate (about 20 distinct triples each)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measure (the median is kept)")
    args = ap.parse_args()

    import pyoxigraph as ox
    import rdflib

    with tempfile.TemporaryDirectory() as tmp:
        nt = Path(tmp) / "generated.nt"
        lines = generate(nt, args.roles)
        size = nt.stat().st_size / 1e6
        print(f"generated graph: {lines:,} lines, {size:.0f} MB of N-Triples", flush=True)

        def load_ox():
            store = ox.Store()
            store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
            return store

        def load_rdflib():
            g = rdflib.Graph()
            g.parse(nt, format="nt")
            return g

        rows = []
        ox_cold, ox_load, store = _timed(load_ox, args.repeat)
        rdf_cold, rdf_load, graph = _timed(load_rdflib, args.repeat)
        triples = len(store)  # repeated skill draws collapse into one triple
        assert len(graph) == triples, (len(graph), triples)
        rows.append(("load", ox_cold, ox_load, rdf_cold, rdf_load, triples))
        print(f"load: oxigraph {ox_load:.2f} s (first {ox_cold:.2f}), rdflib {rdf_load:.2f} s "
              f"(first {rdf_cold:.2f})", flush=True)

        for name, text in QUERIES.items():
            ox_cold, ox_t, ox_res = _timed(lambda: _rows_ox(store.query(text)), args.repeat)
            try:
                rdf_cold, rdf_t, rdf_res = _timed(lambda: _rows_rdflib(graph.query(text)), args.repeat)
            except RecursionError:
                rows.append((name, ox_cold, ox_t, None, None, len(ox_res)))
                print(f"{name}: oxigraph {ox_t * 1000:.1f} ms, rdflib fails (RecursionError), "
                      f"{len(ox_res)} rows", flush=True)
                continue
            if ox_res != rdf_res:
                print(f"{name}: the stores disagree ({len(ox_res)} rows against {len(rdf_res)})",
                      file=sys.stderr)
                return 1
            rows.append((name, ox_cold, ox_t, rdf_cold, rdf_t, len(ox_res)))
            print(f"{name}: oxigraph {ox_t * 1000:.1f} ms (first {ox_cold * 1000:.1f}), rdflib {rdf_t * 1000:.0f} ms "
                  f"(first {rdf_cold * 1000:.0f}), {len(ox_res)} rows", flush=True)

    print(f"\nmedian of {args.repeat} warm runs each; the first (cold) run in brackets\n")
    print("| measure | Oxigraph (pyoxigraph) | rdflib in-memory | speed-up (warm) | rows |")
    print("| --- | --- | --- | --- | --- |")
    for name, ox_cold, ox_t, rdf_cold, rdf_t, n in rows:
        fmt = (lambda s: f"{s:.2f} s") if name == "load" else (lambda s: f"{s * 1000:.1f} ms")
        if rdf_t is None:
            print(f"| {name} | {fmt(ox_t)} ({fmt(ox_cold)}) | fails: RecursionError | — | {n:,} |")
        else:
            print(f"| {name} | {fmt(ox_t)} ({fmt(ox_cold)}) | {fmt(rdf_t)} ({fmt(rdf_cold)}) | "
                  f"{rdf_t / ox_t:.0f}x | {n:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
