"""The ``rolegraph`` command: a thin layer over the Python API.

Each command calls one library function and turns rolegraph's errors into a
one-line message and an exit code (2 for bad input, 1 for failed checks).
"""

from __future__ import annotations

import functools
import json
from dataclasses import asdict
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import RolegraphError

app = typer.Typer(
    name="rolegraph",
    help="Build and query a knowledge graph of tech roles, skills, missions, salaries "
         "and career transitions, from job documents in English and French.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]
OutOption = Annotated[Optional[Path], typer.Option(
    "--out", "-o", help="Build folder (default: $ROLEGRAPH_HOME or ./rolegraph-out).")]


def _fail(message: str, code: int) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def handle_errors(func):
    """Turn RolegraphError into 'error: ...' on stderr and its exit code."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except RolegraphError as exc:
            _fail(str(exc), exc.exit_code)
    return wrapper


def _print_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


def _table(title: str, rows, headers) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for h in headers:
        table.add_column(h, justify="right" if h in {"count", "n"} else "left")
    for row in rows:
        table.add_row(*(str(c) for c in row))
    Console().print(table)


PathsArgument = Annotated[Optional[list[Path]], typer.Argument(
    help="Text, Markdown or HTML files, or folders of them.", show_default=False)]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction.")]


def _report_failures(failed) -> None:
    for err in failed:
        typer.echo(f"error: {err}", err=True)


@app.command()
@handle_errors
def build(paths: PathsArgument = None, out: OutOption = None, jobs: JobsOption = 1,
          formats: Annotated[str, typer.Option(
              "--formats", help="Output formats, comma-separated: nquads, nt, turtle, json-ld "
                                "(N-Quads is always written).")] = "nquads,nt,turtle,json-ld",
          as_json: JsonOption = False):
    """Build the graph: the shipped lexicon and facts, plus the documents you add.

    With PATHS, each document is extracted and kept in the build folder, in a
    named graph of its own; building again re-extracts changed files and drops
    files that were deleted. Writes graph.ttl, graph.nt, graph.jsonld (all
    triples) and graph.nq (named graphs); the same inputs give the same bytes.
    Exits 1 when some documents could not be read (the others are built).

    Example: rolegraph build job-ads/ -o rolegraph-out --jobs 2
    """
    from .build import build as run_build
    from .export import OUTPUT_FILES

    chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in OUTPUT_FILES]
    if unknown:
        _fail(f"unknown format {', '.join(unknown)}; choose from {', '.join(OUTPUT_FILES)}", 2)

    progress, bar = None, None
    if paths:
        from .reading import find_documents

        found, _missing = find_documents(paths)
        if len(found) >= 20 and not as_json:
            from rich.progress import Progress

            bar = Progress(transient=True)
            task = bar.add_task("Extracting", total=len(found))
            bar.start()
            progress = lambda: bar.advance(task)  # noqa: E731
    try:
        result = run_build(out, paths, jobs=jobs, progress=progress, formats=chosen)
    finally:
        if bar:
            bar.stop()
    stats = result.counts
    upd = result.update
    if as_json:
        _print_json({"out_dir": str(result.out_dir), "documents": result.documents,
                     "files": {k: str(v) for k, v in result.files.items()}, "counts": stats,
                     "update": None if upd is None else {
                         "added": upd.added, "updated": upd.updated, "unchanged": len(upd.unchanged),
                         "removed": upd.removed, "skipped": upd.skipped,
                         "failed": [{"path": e.path, "reason": e.reason} for e in upd.failed]}})
    else:
        typer.echo(f"Built the graph from the lexicon and {len(result.documents)} documents "
                   f"into {result.out_dir}/")
        if upd is not None:
            typer.echo(f"  documents: {len(upd.added)} added, {len(upd.updated)} updated, "
                       f"{len(upd.unchanged)} unchanged, {len(upd.removed)} removed, "
                       f"{len(upd.failed)} failed")
            for path, reason in upd.skipped:
                typer.echo(f"  skipped {path}: {reason}")
        for fmt, path in result.files.items():
            typer.echo(f"  {path}  ({fmt}, {path.stat().st_size:,} bytes)")
        typer.echo(f"{stats['triples']:,} triples, {stats.get('Role', 0)} roles, "
                   f"{stats.get('Transition', 0)} transitions, {stats.get('SalaryRange', 0)} salaries.")
        typer.echo("Next: rolegraph stats, rolegraph validate")
    if upd and upd.failed:
        _report_failures(upd.failed)
        raise typer.Exit(1)


@app.command()
@handle_errors
def extract(paths: Annotated[list[Path], typer.Argument(help="Files or folders to read.")],
            as_json: JsonOption = False):
    """Extract roles, skills, missions, transitions and salaries from documents.

    Prints a summary per document, or with --json the JSON that
    ../shared/eval/score.py reads (with IRIs and evidence: offsets and quotes).
    Nothing is written; use 'rolegraph build PATHS' to add documents to the graph.
    Exits 1 when some documents could not be read (the others are reported).

    Example: rolegraph extract job-ads/ --json > facts.json
    """
    from .extract import Extractor
    from .extract.report import to_json
    from .reading import find_documents

    found, failed = find_documents(paths)
    extractor = Extractor()
    results = []
    for path in found:
        try:
            results.append(to_json(extractor.extract_path(path), extractor.lex))
        except RolegraphError as exc:
            failed.append(exc)
    if as_json:
        _print_json(results)
    else:
        for doc in results:
            _summarise(doc)
    _report_failures(failed)
    if failed:
        raise typer.Exit(1)


def _summarise(doc: dict) -> None:
    about = f", about {doc['main_role']}" if doc["main_role"] else ""
    typer.echo(f"{doc['doc']} ({doc['language']}{about}): {len(doc['roles'])} roles, "
               f"{len(doc['transitions'])} transitions, {len(doc['salaries'])} salaries, "
               f"{len(doc['skills'])} skills, {len(doc['missions'])} missions")
    new = [r["label"] for r in doc["roles"] if r.get("candidate")]
    typer.echo("  roles: " + ", ".join(r["label"] for r in doc["roles"] if not r.get("candidate")))
    if new:
        typer.echo("  candidate roles (not in the lexicon): " + ", ".join(new))
    for t in doc["transitions"]:
        cond = f"  [{'; '.join(t['conditions'])}]" if t["conditions"] else ""
        typer.echo(f"  transition: {t['from']} -> {t['to']}{cond}")
    for s in doc["salaries"]:
        hi = f"{s['max']:,.0f}" if s["max"] is not None else "..."
        qual = f" ({s['qualifier']})" if s["qualifier"] else ""
        typer.echo(f"  salary: {s['role']}: {s['min']:,.0f}-{hi} {s['currency']}/{s['period']}{qual}")
    if doc["skills"]:
        typer.echo("  skills: " + ", ".join(x["label"] for x in doc["skills"]))
    if doc["missions"]:
        typer.echo("  missions: " + "; ".join(x["label"] for x in doc["missions"]))


@app.command()
@handle_errors
def stats(graph: Annotated[Optional[Path], typer.Option(
              "--graph", "-g", help="A build folder or graph file (default: the default graph).")] = None,
          as_json: JsonOption = False):
    """Count the graph's instances of each class.

    Example: rolegraph stats --json
    """
    from .build import load

    counts = load(graph).stats()
    if as_json:
        _print_json(counts)
    else:
        _table("rolegraph: instances by class", sorted(counts.items()), ["class", "count"])


@app.command()
@handle_errors
def validate(graph: Annotated[Optional[Path], typer.Option(
                 "--graph", "-g", help="A build folder or graph file (default: the default graph).")] = None,
             as_json: JsonOption = False):
    """Check the graph against the SHACL shapes and list violations in plain words.

    Exits 1 when there is any violation.

    Example: rolegraph validate --graph my-graph.ttl
    """
    from .build import load

    violations = load(graph).validate()
    if as_json:
        _print_json({"conforms": not violations, "violations": [asdict(v) for v in violations]})
    elif not violations:
        typer.echo("The graph conforms to the shapes.")
    else:
        for v in violations:
            typer.echo(str(v))
        typer.echo(f"{len(violations)} violation{'s' if len(violations) != 1 else ''}.")
    if violations:
        raise typer.Exit(1)


def main() -> None:
    """Entry point of the ``rolegraph`` console script."""
    app(prog_name="rolegraph")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
