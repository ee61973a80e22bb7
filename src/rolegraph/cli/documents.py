"""Commands that make the graph: build, extract, stats, validate."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import RolegraphError, shown
from ..text import money_range
from .app import (JobsOption, JsonOption, OutOption, PathsArgument, app, fail, handle_errors, print_json,
                  progress_bar, report_failures, table)


@app.command()
@handle_errors
def build(paths: PathsArgument = None, out: OutOption = None, jobs: JobsOption = 1,
          formats: Annotated[Optional[str], typer.Option(
              "--formats", help="Files to write, comma-separated: nquads, nt, turtle, json-ld, or none "
                                "(default: all four, or nquads alone past 200,000 quads: the others are written whole at every change).",
              show_default=False)] = None,
          wait: Annotated[bool, typer.Option("--wait/--no-wait", help="When another build is running on the "
                                             "same folder: wait for it, or stop at once (exit 2).")] = True,
          base: Annotated[Optional[str], typer.Option(
              "--base", help="Mint the graph's resources (id/...) and named graphs (graph/...) under this IRI "
                             "instead of https://w3id.org/rolegraph/, e.g. https://example.org/careers/. The "
                             "folder keeps it for later builds; a new base rewrites every graph. The ontology's "
                             "terms stay rolegraph's.", show_default=False)] = None,
          as_json: JsonOption = False):
    """Build the graph: the lexicon, ESCO and O*NET, the shipped facts, plus the documents you add.

    With PATHS, each document is extracted and kept in the build folder, in a
    named graph of its own; building again re-extracts changed files and drops
    files that were deleted, and writes only what changed. The build folder
    holds a store that every command opens at once (store/), and the graph as
    files: graph.nq (named graphs), graph.nt, graph.ttl, graph.jsonld (all
    graphs merged); the same inputs give the same bytes. Exits 1 when some
    documents could not be read (the others are built).

    Example: rolegraph build job-ads/ -o rolegraph-out --jobs 2
    """
    from ..graph.iris import IriBase
    from ..graph.vocab import BASE

    if base is not None:
        IriBase(base)  # a bad base: said before anything is read
    from ..builds import build as run_build
    from ..graph.export import OUTPUT_FILES

    chosen = None
    if formats is not None:
        chosen = tuple(f.strip() for f in formats.split(",") if f.strip() and f.strip() != "none")
        unknown = [f for f in chosen if f not in OUTPUT_FILES]
        if unknown:
            fail(f"unknown format {', '.join(unknown)}; choose from {', '.join(OUTPUT_FILES)} or none", 2)

    progress, bar = None, None
    if paths:
        from ..sources import Skipped, find_documents

        skipped = Skipped()
        found, _missing = find_documents(paths, skipped)
        for line in skipped.lines():
            typer.echo(line, err=True)
        if len(found) >= 20 and not as_json:
            bar = progress_bar()
            task = bar.add_task("Extracting", total=len(found))
            bar.start()
            progress = lambda: bar.advance(task)  # noqa: E731
    try:
        result = run_build(out, paths, jobs=jobs, progress=progress, formats=chosen, wait=wait, base=base,
                           on_wait=lambda: typer.echo("Another build is running on this folder: waiting for it "
                                                      "to finish (Ctrl-C to stop, or --no-wait).", err=True))
    finally:
        if bar:
            bar.stop()
    stats = result.counts
    upd = result.update
    if as_json:
        print_json({"out_dir": str(result.out_dir), "base": result.base, "documents": result.documents,
                     "files": {k: str(v) for k, v in result.files.items()}, "counts": stats,
                     "update": None if upd is None else {
                         "added": upd.added, "updated": upd.updated, "unchanged": len(upd.unchanged),
                         "removed": upd.removed, "skipped": upd.skipped,
                         "failed": [{"path": shown(e.path), "reason": e.reason} for e in upd.failed]}})
    else:
        taxonomies = " and ".join(result.sources[k] for k in ("esco", "onet") if k in result.sources)
        taxonomies = f", {taxonomies} (tech subsets)" if taxonomies else ""
        typer.echo(f"Built the graph into {result.out_dir}/ from the lexicon{taxonomies} "
                   f"and {len(result.documents)} documents")
        if result.base != BASE:
            typer.echo(f"  IRIs minted under {result.base}")
        if upd is not None:
            typer.echo(f"  documents: {len(upd.added)} added, {len(upd.updated)} updated, "
                       f"{len(upd.unchanged)} unchanged, {len(upd.removed)} removed, "
                       f"{len(upd.failed)} failed")
            for path, reason in upd.skipped:
                typer.echo(f"  skipped {path}: {reason}")
        for fmt, path in result.files.items():
            typer.echo(f"  {path}  ({fmt}, {path.stat().st_size:,} bytes)")
        size = f"{stats['triples']:,} triples" if "triples" in stats else f"{stats['quads']:,} quads"
        typer.echo(f"{stats.get('Role', 0):,} roles, {stats.get('Skill', 0):,} skills, "
                   f"{stats.get('moves', 0)} career moves (stated {stats.get('Transition', 0)} times), "
                   f"{stats.get('SalaryRange', 0)} salaries; {size}.")
        typer.echo("Next: rolegraph stats, rolegraph validate")
    if upd and upd.failed:
        report_failures(upd.failed)
        raise typer.Exit(1)


@app.command()
@handle_errors
def extract(paths: Annotated[list[Path], typer.Argument(help="Files or folders to read.")],
            facts: Annotated[Optional[Path], typer.Option(
                "--facts", help="Also write each document's facts as a curated-facts TOML file "
                                "into this folder, for review (see data/facts).")] = None,
            quotes: Annotated[bool, typer.Option(
                "--quotes", help="With --facts, precede each entry with a comment quoting its span.")] = False,
            as_json: JsonOption = False):
    """Extract roles, skills, missions, transitions and salaries from documents.

    Prints a summary per document, or with --json the JSON that
    ../shared/eval/score.py reads (with IRIs and evidence: offsets and quotes).
    Each document is printed as soon as it is extracted, so memory stays
    bounded on large corpora; the --json output is one array all the same.
    Nothing is added to the graph; use 'rolegraph build PATHS' for that, or
    review the --facts files and put them in data/facts to ship them.
    Exits 2 when some documents could not be read (the others are reported).

    Example: rolegraph extract job-ads/ --json > facts.json
    """
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn

    from ..extract import Extractor
    from ..extract.report import to_json
    from ..sources import Skipped, find_documents

    skipped = Skipped()
    found, failed = find_documents(paths, skipped)
    for line in skipped.lines():
        typer.echo(line, err=True)
    extractor = Extractor()
    written: set[str] = set()
    if facts is not None:
        facts.mkdir(parents=True, exist_ok=True)
    stream = _JsonArray() if as_json else None
    with progress_bar(TextColumn("extracting"), BarColumn(), MofNCompleteColumn()) as bar:
        task = bar.add_task("extract", total=len(found))
        for path in found:
            bar.advance(task)
            try:
                extraction = extractor.extract_path(path)
            except RolegraphError as exc:
                failed.append(exc)
                continue
            result = to_json(extraction, extractor.lex)
            if stream is not None:
                stream.add(result)
            else:
                _summarise(result)
            if facts is not None:
                _write_facts(facts, extraction, written, quotes)
    if stream is not None:
        stream.close()
    report_failures(failed)
    if failed:
        raise typer.Exit(2)  # bad input: a missing, unreadable or unsupported file


class _JsonArray:
    """A JSON array written one element at a time: the same text as json.dumps of the whole list."""

    def __init__(self, write=None):
        self.count = 0
        self.write = write or (lambda text: typer.echo(text, nl=False))

    def add(self, item) -> None:
        body = json.dumps(item, ensure_ascii=False, indent=2, sort_keys=True)
        body = "\n".join("  " + line for line in body.splitlines())
        self.write(("[\n" if not self.count else ",\n") + body)
        self.count += 1

    def close(self) -> None:
        self.write("\n]\n" if self.count else "[]\n")


def _write_facts(facts: Path, extraction, written: set[str], quotes: bool) -> None:
    from ..graph.iris import doc_slug
    from ..knowledge.facts import facts_to_toml

    # A slug keeps hostile file names out of the path; a counter keeps
    # two documents with the same name apart.
    stem = base = doc_slug(extraction.doc.name)
    n = 1
    while stem in written:
        n += 1
        stem = f"{base}-{n}"
    written.add(stem)
    text = extraction.doc.text if quotes else None
    (facts / f"{stem}.toml").write_text(facts_to_toml(extraction.facts, text), encoding="utf-8")


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
        qual = f" ({s['qualifier']})" if s["qualifier"] else ""
        typer.echo(f"  salary: {s['role']}: {money_range(s['min'], s['max'])} {s['currency']}/{s['period']}{qual}")
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
    from ..builds import load

    counts = load(graph).stats()
    if as_json:
        print_json(counts)
    else:
        table("rolegraph: instances by class", sorted(counts.items()), ["class", "count"])


@app.command()
@handle_errors
def validate(graph: Annotated[Optional[Path], typer.Option(
                 "--graph", "-g", help="A build folder or graph file (default: the default graph).")] = None,
             as_json: JsonOption = False):
    """Check the graph against the SHACL shapes and list violations in plain words.

    Exits 1 when there is any violation.

    Example: rolegraph validate --graph my-graph.ttl
    """
    from ..builds import load

    violations = load(graph).validate()
    if as_json:
        print_json({"conforms": not violations, "violations": [asdict(v) for v in violations]})
    elif not violations:
        typer.echo("The graph conforms to the shapes.")
    else:
        for v in violations:
            typer.echo(str(v))
        typer.echo(f"{len(violations)} violation{'s' if len(violations) != 1 else ''}.")
    if violations:
        raise typer.Exit(1)


importer = typer.Typer(help="Import a reference taxonomy as its publisher distributes it (ESCO, O*NET, or an "
                            "ESCO-O*NET crosswalk) into a build folder, and rebuild the graph with it.",
                       no_args_is_help=True)
app.add_typer(importer, name="import")
ImportPaths = Annotated[list[Path], typer.Argument(help="The downloaded files: zips or extracted folders.",
                                                   show_default=False)]
AllOption = Annotated[bool, typer.Option("--all", help="Keep every occupation, not only the tech roles of "
                                                      "data/reference/scope.toml.")]
VersionOption = Annotated[Optional[str], typer.Option(
    "--version", help="The release, when the file names do not say it (e.g. 1.2.0).", show_default=False)]


def _import(kind: str, paths, out, everything: bool, version, as_json: bool) -> None:
    from rich.progress import BarColumn, DownloadColumn, TextColumn

    from ..builds.importing import import_reference

    with progress_bar(TextColumn("Reading"), BarColumn(), DownloadColumn(), quiet=as_json) as bar:
        task = bar.add_task("read", total=None)
        result = import_reference(kind, paths, out, everything=everything, version=version,
                                  progress=lambda done, total: bar.update(task, completed=done, total=total or None))
    counts = result.build.counts
    if as_json:
        print_json({"kind": kind, "version": result.version, "imported": result.counts, "folder": str(result.folder),
                    "graph": counts})
        return
    what = ", ".join(f"{n:,} {k}" for k, n in result.counts.items() if n)
    typer.echo(f"Imported {kind.upper() if kind != 'onet' else 'O*NET'} {result.version} into {result.folder}: {what}")
    typer.echo(f"Rebuilt {result.build.out_dir}/: {counts.get('Role', 0):,} roles, {counts.get('Skill', 0):,} skills, "
               f"{counts.get('Mission', 0):,} missions.")


@importer.command("esco")
@handle_errors
def import_esco(paths: ImportPaths, out: OutOption = None, everything: AllOption = False,
                version: VersionOption = None, as_json: JsonOption = False):
    """Import ESCO's CSV downloads: the classification zip of each language you want, and the relations zip.

    English is needed; French labels come from the French zip. Only the tech
    roles are kept unless --all. The shipped subset is replaced in this build
    folder only; a failed import leaves the folder as it was.

    Example: rolegraph import esco "ESCO dataset - v1.2.0 - classification - en - csv.zip" "ESCO dataset - v1.2.0 - classification - fr - csv.zip" "ESCO dataset - v1.2.0 - relations - csv.zip"
    """
    _import("esco", paths, out, everything, version, as_json)


@importer.command("onet")
@handle_errors
def import_onet(paths: ImportPaths, out: OutOption = None, everything: AllOption = False,
                version: VersionOption = None, as_json: JsonOption = False):
    """Import the O*NET database in tab-separated text (db_<version>_text.zip, or its folder).

    Example: rolegraph import onet db_29_2_text.zip
    """
    _import("onet", paths, out, everything, version, as_json)


@importer.command("crosswalk")
@handle_errors
def import_crosswalk(paths: ImportPaths, out: OutOption = None, as_json: JsonOption = False):
    """Import an ESCO to O*NET crosswalk (CSV with concept_uri, onet_code, onet_occupation).

    Its rows link ESCO and O*NET roles with skos:closeMatch; they never merge two jobs.

    Example: rolegraph import crosswalk esco_onet_crosswalk_Nov2020.csv
    """
    _import("crosswalk", paths, out, False, None, as_json)
