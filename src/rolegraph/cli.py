"""The ``rolegraph`` command: a thin layer over the Python API.

Each command calls one library function and turns rolegraph's errors into a
one-line message and an exit code (2 for bad input, 1 for failed checks).
"""

from __future__ import annotations

import functools
import json
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


@app.command()
@handle_errors
def build(out: OutOption = None, as_json: JsonOption = False):
    """Build the default graph from the shipped lexicon and facts.

    Writes graph.ttl, graph.nt, graph.jsonld (all triples) and graph.nq (one named
    graph per source document) into the build folder; the same inputs always give
    the same bytes.

    Example: rolegraph build -o rolegraph-out
    """
    from .build import build as run_build

    result = run_build(out)
    stats = result.graph.stats()
    if as_json:
        _print_json({"out_dir": str(result.out_dir), "documents": result.documents,
                     "files": {k: str(v) for k, v in result.files.items()}, "counts": stats})
        return
    typer.echo(f"Built the graph from the lexicon and {len(result.documents)} documents "
               f"into {result.out_dir}/")
    for fmt, path in result.files.items():
        typer.echo(f"  {path}  ({fmt}, {path.stat().st_size:,} bytes)")
    typer.echo(f"{stats['triples']:,} triples, {stats.get('Role', 0)} roles, "
               f"{stats.get('Transition', 0)} transitions, {stats.get('SalaryRange', 0)} salaries.")
    typer.echo("Next: rolegraph stats, rolegraph validate")


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
        _print_json({"conforms": not violations,
                     "violations": [v.__dict__ if hasattr(v, "__dict__") else
                                    {k: getattr(v, k) for k in v.__slots__} for v in violations]})
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
