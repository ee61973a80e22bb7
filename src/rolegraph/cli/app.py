"""The Typer application, and what every command shares: options, error handling, output."""

from __future__ import annotations

import errno
import functools
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import RolegraphError, shown

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


def progress_bar(*columns, quiet: bool = False):
    """A transient progress bar on standard error, shown only when that is a terminal.

    Output meant for scripts (stdout, ``--json``) never carries its redraws.
    """
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    return Progress(*columns, console=console, transient=True, disable=quiet or not console.is_terminal)


def fail(message: str, code: int) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def handle_errors(func):
    """Turn RolegraphError into 'error: ...' on stderr and its exit code; a file that cannot be
    written (a full disk, a read-only folder) into one line too, instead of a traceback."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except RolegraphError as exc:
            fail(str(exc), exc.exit_code)
        except BrokenPipeError:  # the reader went away (| head): stop quietly, as other tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(141) from None
        except OSError as exc:
            fail(_io_message(exc, func.__name__), 1)
        except sqlite3.OperationalError as exc:  # "database or disk is full"
            fail(_io_message(OSError(None, str(exc)), func.__name__), 1)
    return wrapper


def _io_message(exc: OSError, command: str) -> str:
    what = f"cannot write {shown(exc.filename)}" if exc.filename else "cannot read or write a file"
    text = f"{what}: {exc.strerror or exc}"
    if exc.errno == errno.ENOSPC:
        text += " (the disk is full)"
    if command == "build":
        text += "; no file was left half-written: free some space and build again"
    return text


def print_json(data) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (a file name's stray byte): JSON's own escapes
        text = json.dumps(data, ensure_ascii=True, indent=2, sort_keys=True)
    typer.echo(text)


def cell(value) -> str:
    """A value as a table shows it: nothing for a missing value, whole numbers without ".0".

    >>> [cell(None), cell(50000.0), cell(0.5), cell("a\\tb")]
    ['', '50000', '0.5', 'a b']
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).replace("\t", " ").splitlines()) if isinstance(value, str) else str(value)


def table(title: str, rows, headers) -> None:
    """A table: drawn by rich in a terminal; elsewhere (a pipe, a file) the title, then
    tab-separated rows, never cut to a width."""
    if not sys.stdout.isatty():
        typer.echo(title)
        typer.echo("\t".join(headers))
        for row in rows:
            typer.echo("\t".join(cell(c) for c in row))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for h in headers:
        table.add_column(h, justify="right" if h in {"count", "n"} else "left")
    for row in rows:
        table.add_row(*(cell(c) for c in row))
    Console().print(table)


PathsArgument = Annotated[Optional[list[Path]], typer.Argument(
    help="Text, Markdown or HTML files, or folders of them.", show_default=False)]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction.")]


def report_failures(failed) -> None:
    for err in failed:
        typer.echo(f"error: {err}", err=True)


GraphOption = Annotated[Optional[Path], typer.Option(
    "--graph", "-g", help="A build folder or graph file (default: the default graph).")]


def load_graph(graph: Optional[Path]):
    from ..builds import load

    return load(graph)


LangOption = Annotated[str, typer.Option("--lang", help="Label language the pages open in: en or fr "
                                                        "(each page can switch).")]


def main() -> None:
    """Entry point of the ``rolegraph`` console script."""
    app(prog_name="rolegraph")
