"""Regenerate the ontology's HTML documentation with pyLODE: docs/ontology.html (English), docs/ontology.fr.html.

pyLODE joins the labels of every language into one heading ("RoleMétier"),
so each page is made from a copy of ``ontology/rolegraph.ttl`` that keeps
one language's labels, titles and descriptions (literals without a language
stay in both). The pages are single files with their CSS inlined, readable
offline.

Usage:
    pip install -e '.[docs]'
    python docs/ontology.py [--out DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rdflib import Graph, Literal

from rolegraph.locations import ontology_dir

LANGUAGES = {"en": "ontology.html", "fr": "ontology.fr.html"}


def one_language(graph: Graph, lang: str) -> Graph:
    """A copy of ``graph`` without the literals tagged with another language."""
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language and o.language != lang:
            continue
        out.add((s, p, o))
    return out


def write_docs(out: Path) -> list[Path]:
    """Write one page per language into ``out``; returns their paths."""
    from pylode import OntPub

    source = Graph().parse(ontology_dir() / "rolegraph.ttl")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang, name in LANGUAGES.items():
        html = OntPub(one_language(source, lang), sort_subjects=True).make_html()
        path = out / name
        path.write_text(html.replace('<html>', f'<html lang="{lang}">', 1), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent, help="folder to write to (default: docs/)")
    for path in write_docs(parser.parse_args().out):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
