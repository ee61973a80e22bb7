"""Write a graph to files, byte-identical from one build to the next.

N-Triples and N-Quads are sorted lines; Turtle comes from rdflib's serializer,
which orders subjects and predicates; JSON-LD is canonicalised by sorting nodes
and values, because rdflib emits it in hash order.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from .rdf import bind_prefixes

__all__ = ["union_graph", "write_outputs", "OUTPUT_FILES"]

#: The files ``write_outputs`` produces, by format.
OUTPUT_FILES = {"turtle": "graph.ttl", "nt": "graph.nt", "json-ld": "graph.jsonld",
                "nquads": "graph.nq"}


def union_graph(ds: Dataset) -> Graph:
    """All triples of every named graph merged into one graph."""
    g = Graph()
    bind_prefixes(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _sorted_lines(text: str) -> str:
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def _canonical_jsonld(text: str) -> str:
    data = json.loads(text)
    nodes = data.get("@graph", data) if isinstance(data, dict) else data
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
    nodes = sorted(nodes, key=lambda n: n.get("@id", ""))
    out = {"@context": data.get("@context", {}), "@graph": nodes} if isinstance(data, dict) \
        else nodes
    return json.dumps(out, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a failed build leaves the old file intact."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_outputs(ds: Dataset, out_dir: Path | str) -> dict[str, Path]:
    """Serialise ``ds`` as Turtle, N-Triples, JSON-LD (merged) and N-Quads (named graphs)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    merged = union_graph(ds)
    context = {prefix: str(ns) for prefix, ns in merged.namespaces()
               if prefix in {"rg", "skos", "schema", "prov", "oa", "xsd", "rdfs"}}
    texts = {
        "turtle": merged.serialize(format="turtle"),
        "nt": _sorted_lines(merged.serialize(format="nt")),
        "json-ld": _canonical_jsonld(merged.serialize(format="json-ld", context=context)),
        "nquads": _sorted_lines(ds.serialize(format="nquads")),
    }
    paths = {}
    for fmt, text in texts.items():
        paths[fmt] = out / OUTPUT_FILES[fmt]
        _write_atomic(paths[fmt], text)
    return paths
