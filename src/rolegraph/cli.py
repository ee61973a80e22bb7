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
    from .builder import build as run_build
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
            facts: Annotated[Optional[Path], typer.Option(
                "--facts", help="Also write each document's facts as a curated-facts TOML file "
                                "into this folder, for review (see data/facts).")] = None,
            quotes: Annotated[bool, typer.Option(
                "--quotes", help="With --facts, precede each entry with a comment quoting its span.")] = False,
            as_json: JsonOption = False):
    """Extract roles, skills, missions, transitions and salaries from documents.

    Prints a summary per document, or with --json the JSON that
    ../shared/eval/score.py reads (with IRIs and evidence: offsets and quotes).
    Nothing is added to the graph; use 'rolegraph build PATHS' for that, or
    review the --facts files and put them in data/facts to ship them.
    Exits 1 when some documents could not be read (the others are reported).

    Example: rolegraph extract job-ads/ --json > facts.json
    """
    from .extract import Extractor
    from .extract.report import to_json
    from .facts import facts_to_toml
    from .rdf import doc_slug
    from .reading import find_documents

    found, failed = find_documents(paths)
    extractor = Extractor()
    results = []
    written: set[str] = set()
    if facts is not None:
        facts.mkdir(parents=True, exist_ok=True)
    for path in found:
        try:
            extraction = extractor.extract_path(path)
        except RolegraphError as exc:
            failed.append(exc)
            continue
        results.append(to_json(extraction, extractor.lex))
        if facts is not None:
            # A slug keeps hostile file names out of the path; a counter keeps
            # two documents with the same name apart.
            stem = base = doc_slug(extraction.doc.name)
            n = 1
            while stem in written:
                n += 1
                stem = f"{base}-{n}"
            written.add(stem)
            out = facts / f"{stem}.toml"
            text = extraction.doc.text if quotes else None
            out.write_text(facts_to_toml(extraction.facts, text), encoding="utf-8")
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
    from .builder import load

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
    from .builder import load

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


GraphOption = Annotated[Optional[Path], typer.Option(
    "--graph", "-g", help="A build folder or graph file (default: the default graph).")]


def _load(graph: Optional[Path]):
    from .builder import load

    return load(graph)


def _evidence_line(ev) -> str:
    quote = f' "{ev.quote}"' if ev.quote else ""
    return f"{ev.document} [{ev.start}:{ev.end}]{quote}"


@app.command()
@handle_errors
def path(source: Annotated[str, typer.Argument(help="The role to start from (any label, EN or FR).")],
         target: Annotated[str, typer.Argument(help="The role to reach.")],
         k: Annotated[int, typer.Option("-k", min=1, help="How many paths to show.")] = 3,
         via: Annotated[Optional[list[str]], typer.Option("--via", help="A role every path passes through (repeatable).")] = None,
         avoid: Annotated[Optional[list[str]], typer.Option("--avoid", help="A role no path touches (repeatable).")] = None,
         max_len: Annotated[Optional[int], typer.Option("--max-len", min=1, help="The most steps a path may take.")] = None,
         graph: GraphOption = None, as_json: JsonOption = False):
    """Career paths from one role to another, best first, each step with its evidence.

    Paths are ranked by cost: each step costs 1/(1 + the number of documents
    that state it), so shorter and better-attested paths come first.
    Evidence is quoted when the source text is found: the shipped examples,
    the files a build registered, or folders in $ROLEGRAPH_SOURCES (checked
    against the document's SHA-256).

    Example: rolegraph path "lead dev" CEO -k 5 --avoid "engineering manager"
    """
    g = _load(graph)
    paths = g.paths(source, target, k=k, via=via or (), avoid=avoid or (), max_len=max_len)
    if as_json:
        _print_json({"from": g.resolve(source), "to": g.resolve(target),
                     "ranking": "cost = sum over steps of 1/(1 + documents stating the step); lowest first",
                     "paths": [p.to_dict() for p in paths]})
        return
    if not paths:
        typer.echo(f"No career path from {g.roles.label(g.resolve(source))} to "
                   f"{g.roles.label(g.resolve(target))} in the graph"
                   + (" with these constraints." if via or avoid or max_len else "."))
        raise typer.Exit(1)
    for n, p in enumerate(paths, 1):
        typer.echo(f"{n}. {p}")
        typer.echo(f"   {p.why}")
        for st in p.steps:
            typer.echo(f"   {st.source_label} → {st.target_label}")
            if st.min_years is not None:
                typer.echo(f"     after {st.min_years:g}+ years")
            for c in dict.fromkeys(st.conditions + [f"company stage: {x}" for x in st.stages]):
                typer.echo(f"     condition: {c}")
            for cur, delta in st.salary_change.items():
                typer.echo(f"     salary change: {delta:+,.0f} {cur}/year (median figures)")
            for ev in st.evidence:
                typer.echo(f"     evidence: {_evidence_line(ev)}")


def _neighbours(g, role: str, steps: int, forward: bool, as_json: bool) -> None:
    rid = g.resolve(role)
    found = g.next(rid, steps) if forward else g.previous(rid, steps)
    if as_json:
        _print_json({"role": rid, "steps": steps,
                     "roles": [{"id": r, "label": g.roles.label(r), "distance": d} for r, d in found]})
        return
    word = "reachable from" if forward else "leading to"
    if not found:
        typer.echo(f"No role {word} {g.roles.label(rid)} in the graph.")
        return
    _table(f"Roles {word} {g.roles.label(rid)} within {steps} step{'s' if steps > 1 else ''}",
           [(g.roles.label(r), r, d) for r, d in found], ["role", "id", "steps"])


@app.command("next")
@handle_errors
def next_(role: Annotated[str, typer.Argument(help="The role to start from.")],
          steps: Annotated[int, typer.Option("--steps", "-n", min=1, help="Most moves away.")] = 1,
          graph: GraphOption = None, as_json: JsonOption = False):
    """Roles one can move to from a role, within N moves.

    Example: rolegraph next "directeur technique" --steps 2
    """
    _neighbours(_load(graph), role, steps, True, as_json)


@app.command()
@handle_errors
def previous(role: Annotated[str, typer.Argument(help="The role to arrive at.")],
             steps: Annotated[int, typer.Option("--steps", "-n", min=1, help="Most moves away.")] = 1,
             graph: GraphOption = None, as_json: JsonOption = False):
    """Roles that lead to a role, within N moves.

    Example: rolegraph previous CTO
    """
    _neighbours(_load(graph), role, steps, False, as_json)


@app.command()
@handle_errors
def gap(source: Annotated[str, typer.Argument(help="The role you hold.")],
        target: Annotated[str, typer.Argument(help="The role you aim for.")],
        graph: GraphOption = None, as_json: JsonOption = False):
    """Skills and missions the target role asks for that yours lacks, and those you share.

    Example: rolegraph gap "lead developer" CTO
    """
    g = _load(graph)
    result = g.gap(source, target)
    if as_json:
        _print_json(result.to_dict())
        return
    a, b = g.roles.label(result.source), g.roles.label(result.target)
    typer.echo(f"From {a} to {b} (similarity {result.similarity:.2f}, 0 = nothing shared, 1 = the same)")
    for title, items in (("Skills to gain", result.skills_to_gain), ("Skills you share", result.skills_shared),
                         ("Missions to take on", result.missions_to_gain),
                         ("Missions you share", result.missions_shared)):
        typer.echo(f"{title} ({len(items)}): " + (", ".join(items) if items else "none known"))


@app.command()
@handle_errors
def role(name: Annotated[str, typer.Argument(help="A role name, English or French, or an acronym.")],
         graph: GraphOption = None, as_json: JsonOption = False):
    """Everything about one role: labels, codes, skills, missions, salaries, moves and sources.

    Example: rolegraph role RSSI
    """
    g = _load(graph)
    card = g.card(name)
    if as_json:
        _print_json(card.to_dict())
        return
    label = g.roles.label
    typer.echo(f"{card.labels.get('en', card.id)} / {card.labels.get('fr', '-')}  ({card.iri})")
    if card.candidate:
        typer.echo("  a candidate role: found in documents, not in the lexicon yet")
    for lang, alts in sorted(card.alt_labels.items()):
        typer.echo(f"  also ({lang}): {', '.join(alts)}")
    typer.echo(f"  family: {card.family or '-'}; seniority: {card.seniority or '-'}")
    for kind, codes in sorted(card.codes.items()):
        typer.echo(f"  {kind}: {', '.join(codes)}")
    typer.echo(f"  before: {', '.join(label(r) for r in card.before) or '-'}")
    typer.echo(f"  after: {', '.join(label(r) for r in card.after) or '-'}")
    typer.echo(f"  skills ({len(card.skills)}): {', '.join(card.skills) or '-'}")
    typer.echo(f"  missions ({len(card.missions)}): {'; '.join(card.missions) or '-'}")
    for sal in card.salaries:
        hi = f"{sal['max']:,.0f}" if sal["max"] is not None else "…"
        extra = ", ".join(x for x in (sal["basis"], sal["qualifier"]) if x)
        typer.echo(f"  salary: {sal['min']:,.0f}–{hi} {sal['currency']} per {sal['period']}"
                   f"{f' ({extra})' if extra else ''}  [{sal['evidence']['document']}]")
    typer.echo(f"  sources: {', '.join(card.sources) or '-'}")


@app.command()
@handle_errors
def query(spec: Annotated[Optional[str], typer.Argument(
              help="A named query (see --list), a .rq file, or SPARQL text.", show_default=False)] = None,
          param: Annotated[Optional[list[str]], typer.Option(
              "--param", "-p", help="NAME=VALUE for the named query's parameters (repeatable).")] = None,
          fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, csv or tsv.")] = "table",
          list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
          graph: GraphOption = None, as_json: JsonOption = False):
    """Run SPARQL on the graph: a named query, a .rq file, or text.

    rolegraph's prefixes (rg, skos, schema, oa, role, ...) are declared for you.

    Examples: rolegraph query transitions-from -p role="lead dev";
    rolegraph query "SELECT ?r WHERE { ?r a rg:Role }" --format csv
    """
    from .sparql import named_queries

    if list_ or spec is None:
        queries = named_queries()
        if as_json or fmt == "json":
            _print_json({n: {"description": q.description, "params": q.params} for n, q in queries.items()})
        else:
            _table("Named queries", [(n, q.description, ", ".join(q.params) or "-") for n, q in queries.items()],
                   ["name", "what it answers", "params"])
        return
    params = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            _fail(f"--param needs NAME=VALUE, got '{item}'", 2)
        params[key.strip()] = value
    fmt = "json" if as_json else fmt
    if fmt not in {"table", "json", "csv", "tsv"}:
        _fail(f"unknown format '{fmt}'; choose table, json, csv or tsv", 2)
    result = _load(graph).run(spec, **params)
    if fmt == "json":
        typer.echo(result.to_json())
    elif fmt in {"csv", "tsv"}:
        typer.echo(result.to_csv("," if fmt == "csv" else "\t"), nl=False)
    elif result.boolean is not None:
        typer.echo("yes" if result.boolean else "no")
    else:
        _table(f"{len(result)} row{'s' if len(result) != 1 else ''}", result.rows, result.variables)


@app.command()
@handle_errors
def serve(out: OutOption = None,
          host: Annotated[str, typer.Option(help="Address to listen on. Anything but loopback "
                                                 "exposes the graph to your network.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 7878,
          allow_updates: Annotated[bool, typer.Option(
              "--allow-updates", help="Accept SPARQL Update and Graph Store writes (refused by default).")] = False,
          timeout: Annotated[int, typer.Option(min=1, help="Seconds a query may run before it is stopped. Oxigraph holds a thread "
                                                     "per query this long: keep it short under heavy load.")] = 10,
          pages: Annotated[bool, typer.Option("--pages/--no-pages",
                                              help="Serve the interactive pages at / as well.")] = True,
          lang: Annotated[str, typer.Option(help="Language of the pages: en or fr.")] = "en"):
    """Serve the built graph as a SPARQL 1.1 endpoint, and its pages, on one port, until Ctrl-C.

    The pages (index, career map, overview, one per role) are at /. Queries
    go to /query (or /sparql), GET ?query= or POST, with the result format
    chosen by the Accept header: SPARQL JSON, XML, CSV or TSV; Turtle,
    N-Triples or JSON-LD for CONSTRUCT and DESCRIBE. Queries see the union of
    all named graphs. Oxigraph's server answers them, behind a small front.
    Read-only and bound to 127.0.0.1 unless told otherwise.

    Example: rolegraph serve --port 7878, then open http://127.0.0.1:7878/ or
    curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' http://127.0.0.1:7878/query
    """
    import signal

    from .paths import default_out_dir
    from .serve import prepare_database, prepare_site, start

    if lang not in ("en", "fr"):
        _fail(f"unknown language '{lang}'; choose en or fr", 2)
    folder = out or default_out_dir()
    nquads = folder / "graph.nq"
    db = prepare_database(nquads, folder / "oxigraph")
    site = prepare_site(nquads, folder / "site", lang=lang) if pages else None
    # A service manager stops us with SIGTERM: stop the servers with us, not leave them running.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    endpoint = start(db, site=site, host=host, port=port, writable=allow_updates, timeout_s=timeout)
    mode = "read-write" if allow_updates else "read-only"
    try:  # from here on, however we are stopped, the servers stop with us
        typer.echo(f"Serving {nquads} ({mode}): SPARQL at {endpoint.query_url}")
        if site:
            typer.echo(f"Pages at {endpoint.url}/")
        typer.echo("Press Ctrl-C to stop.")
        code = endpoint.wait()
    except KeyboardInterrupt:
        code = None
    finally:
        endpoint.stop()
    if code not in (0, -15, None):
        _fail(f"the Oxigraph server stopped (exit code {code})", 1)


@app.command()
@handle_errors
def push(endpoint: Annotated[str, typer.Option(
             "--endpoint", "-e", help="The store's Graph Store Protocol URL, e.g. "
                                      "http://localhost:3030/rolegraph/data (Fuseki).", show_default=False)],
         graph: GraphOption = None,
         update_endpoint: Annotated[Optional[str], typer.Option(
             "--update-endpoint", help="The store's SPARQL Update URL, used if it turns down Graph Store "
                                       "requests (default: --endpoint).")] = None,
         protocol: Annotated[str, typer.Option(
             help="auto (Graph Store, falling back to Update), graph-store or update.")] = "auto",
         user: Annotated[Optional[str], typer.Option(help="User name for basic authentication.")] = None,
         password: Annotated[Optional[str], typer.Option(
             envvar="ROLEGRAPH_PASSWORD", help="Password for basic authentication "
                                               "(better: set $ROLEGRAPH_PASSWORD).")] = None,
         token: Annotated[Optional[str], typer.Option(
             envvar="ROLEGRAPH_TOKEN", help="Bearer token (better: set $ROLEGRAPH_TOKEN).")] = None,
         batch_size: Annotated[int, typer.Option(min=1, help="Most triples sent in one request.")] = 50_000,
         as_json: JsonOption = False):
    """Load the graph into a triple store: one named graph per source document, one for the lexicon.

    Uses the SPARQL 1.1 Graph Store Protocol (PUT replaces each graph), or
    SPARQL Update where the store lacks it. Pushing twice leaves the same
    data; a changed document replaces its own graph.

    Example: rolegraph push --endpoint http://localhost:3030/rolegraph/data --user admin
    """
    from rich.progress import Progress

    g = _load(graph)
    if user is not None and password is None and sys.stdin.isatty():
        password = typer.prompt(f"Password for {user}", hide_input=True)
    total = sum(1 for _ in g.store.named_graphs())
    with Progress(transient=True, disable=as_json) as bar:
        task = bar.add_task(f"Pushing to {endpoint}", total=total)
        report = g.push(endpoint, update_endpoint=update_endpoint, protocol=protocol, user=user,
                        password=password, token=token, batch_size=batch_size,
                        progress=lambda _name, _n: bar.advance(task))
    if as_json:
        _print_json(report.as_dict())
    else:
        typer.echo(f"Pushed {len(report.graphs)} graphs ({report.triples:,} triples) to {endpoint} "
                   f"with {report.protocol} in {report.requests} requests, {report.seconds:.1f} s.")


LangOption = Annotated[str, typer.Option("--lang", help="Label language the pages open in: en or fr "
                                                        "(each page can switch).")]


@app.command()
@handle_errors
def site(graph: GraphOption = None,
         folder: Annotated[Optional[Path], typer.Option(
             "--out", "-o", help="Folder to write the pages into (default: site/ in the build folder).")] = None,
         lang: LangOption = "en",
         as_json: JsonOption = False):
    """Write interactive HTML pages of the graph: an index, an overview, a career map, one page per role.

    The pages open from disk in any browser and make no network request.
    Hover a node for its labels in both languages and its evidence; click a
    role to open its page.

    Example: rolegraph site -o my-site && xdg-open my-site/index.html
    """
    from rich.progress import Progress

    from .paths import default_out_dir

    g = _load(graph)
    if folder is None:
        base = graph if graph and graph.is_dir() else graph.parent if graph else default_out_dir()
        folder = base / "site"
    with Progress(transient=True, disable=as_json) as bar:
        task = bar.add_task("Writing pages", total=None)
        result = g.site(folder, lang=lang, progress=lambda done, total: bar.update(task, completed=done, total=total))
    if as_json:
        _print_json({"index": str(result.index), "pages": len(result.pages)})
    else:
        typer.echo(f"Wrote {len(result.pages)} pages; open {result.index}")


viz = typer.Typer(help="Write one self-contained interactive HTML page (scripts inlined): "
                       "a path, a role, the career map or the overview.", no_args_is_help=True)
app.add_typer(viz, name="viz")
PageOption = Annotated[Path, typer.Option("--out", "-o", help="The .html file to write.", show_default=False)]


def _page(graph, out: Path, what: str, target=None, k: int = 3, lang: str = "en") -> None:
    from .pages import write_page

    written = write_page(_load(graph), out, what, target=target, k=k, lang=lang)
    typer.echo(f"Wrote {written}")


@viz.command("path")
@handle_errors
def viz_path(source: Annotated[str, typer.Argument(help="The role to start from.")],
             target: Annotated[str, typer.Argument(help="The role to reach.")],
             out: PageOption, k: Annotated[int, typer.Option("-k", min=1, help="How many paths.")] = 3,
             graph: GraphOption = None, lang: LangOption = "en"):
    """The k best career paths between two roles, each in its own colour, with skills to gain and evidence.

    Example: rolegraph viz path "lead developer" CEO -o path.html
    """
    _page(graph, out, source, target, k, lang)


@viz.command("role")
@handle_errors
def viz_role(name: Annotated[str, typer.Argument(help="A role name, English or French.")],
             out: PageOption, graph: GraphOption = None, lang: LangOption = "en"):
    """A role's neighbourhood: roles before and after, skills, missions, salaries and sources."""
    _page(graph, out, name, lang=lang)


@viz.command("careers")
@handle_errors
def viz_careers(out: PageOption, graph: GraphOption = None, lang: LangOption = "en"):
    """The career map: roles and the moves between them, senior roles at the top."""
    _page(graph, out, "careers", lang=lang)


@viz.command("overview")
@handle_errors
def viz_overview(out: PageOption, graph: GraphOption = None, lang: LangOption = "en"):
    """The whole graph: roles, skills, missions and documents, coloured by kind."""
    _page(graph, out, "overview", lang=lang)


def main() -> None:
    """Entry point of the ``rolegraph`` console script."""
    app(prog_name="rolegraph")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
