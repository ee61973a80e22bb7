"""Commands that show and share the graph: serve, push, site, viz."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import (GraphOption, JsonOption, LangOption, OutOption, app, fail, handle_errors, load_graph,
                  print_json, progress_bar)


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
          lang: Annotated[str, typer.Option(help="Language of the pages: en or fr.")] = "en",
          allow_federated: Annotated[bool, typer.Option(
              "--allow-federated", help="Run queries with SERVICE (refused by default: they make the server "
                                        "send requests wherever the query says, local services included).")] = False,
          allow_host: Annotated[Optional[list[str]], typer.Option(
              "--allow-host", help="A host name clients may use to reach the server (repeatable). On loopback "
                                   "only loopback names are answered, which stops DNS-rebinding pages.")] = None,
          max_query_kb: Annotated[int, typer.Option(min=1, help="Largest query or update accepted, in KB "
                                                              "(larger: 413 or 414).")] = 1000,
          max_answer_mb: Annotated[int, typer.Option(min=1, help="Largest answer sent, in MB; a longer one is "
                                                               "cut (as is one still streaming after --timeout).")] = 200):
    """Serve the built graph as a SPARQL 1.1 endpoint, and its pages, on one port, until Ctrl-C.

    The pages (index, career map, overview, one per role) are at /. Queries
    go to /query (or /sparql), GET ?query= or POST, with the result format
    chosen by the Accept header: SPARQL JSON, XML, CSV or TSV; Turtle,
    N-Triples or JSON-LD for CONSTRUCT and DESCRIBE. Queries see the union of
    all named graphs. Oxigraph's server answers them, behind a small front.
    The graph's IRIs answer at their paths (/id/role/lead-developer,
    /graph/..., /ontology): a page for a browser, Turtle, JSON-LD, N-Triples or
    RDF/XML for a client (Accept, or ?format=); /.well-known/void describes the
    dataset and /data/ serves the dumps.
    Read-only and bound to 127.0.0.1 unless told otherwise. The SPARQL
    server's messages (dropped connections, failed queries) go to serve.log in
    the build folder.

    Example: rolegraph serve --port 7878, then open http://127.0.0.1:7878/ or
    curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' http://127.0.0.1:7878/query
    """
    import signal

    from ..builds import open_folder
    from ..builds.store import BuildStore
    from ..http.serve import prepare_database, prepare_site, start
    from ..locations import default_out_dir

    if lang not in ("en", "fr"):
        fail(f"unknown language '{lang}'; choose en or fr", 2)
    folder = out or default_out_dir()
    source = BuildStore(folder).current() or folder / "graph.nq"
    db = prepare_database(source, folder / "oxigraph")
    site = prepare_site(source, folder / "site", lang=lang,
                        write=lambda into: open_folder(folder).site(into, lang=lang)) if pages else None
    # A service manager stops us with SIGTERM: stop the servers with us, not leave them running.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    endpoint = start(db, site=site, host=host, port=port, writable=allow_updates, timeout_s=timeout,
                     log=folder / "serve.log", federated=allow_federated, allowed_hosts=allow_host or (),
                     max_query_bytes=max_query_kb * 1000, max_answer_bytes=max_answer_mb * 1_000_000,
                     linked=linked_data(folder, site, lang))
    mode = "read-write" if allow_updates else "read-only"
    try:  # from here on, however we are stopped, the servers stop with us
        typer.echo(f"Serving {folder} ({mode}): SPARQL at {endpoint.query_url}")
        if site:
            typer.echo(f"Pages at {endpoint.url}/")
        typer.echo("Press Ctrl-C to stop.")
        code = endpoint.wait()
    except KeyboardInterrupt:
        code = None
    finally:
        endpoint.stop()
    if code not in (0, -15, None):
        fail(f"the Oxigraph server stopped (exit code {code})", 1)


def linked_data(folder: Path, site: Path | None, lang: str = "en"):
    """What ``serve`` needs to answer the graph's IRIs: pages made by the pages layer, the dumps."""
    from .. import __version__
    from ..builds.store import BuildStore
    from ..graph.vocab import BASE
    from ..http.linked import LinkedData
    from ..locations import ontology_dir, ontology_page
    from ..pages import page_name
    from ..pages.resource import render_missing, render_resource

    def role_page(rid: str) -> str | None:
        name = page_name(rid)
        return f"/roles/{name}" if site and (site / "roles" / name).is_file() else None

    info = BuildStore(folder).info()
    return LinkedData(
        base=info.get("base") or BASE, triples=info.get("counts", {}).get("triples"),
        resource_page=lambda graph, iri, local: render_resource(graph, iri, local, lang=lang),
        missing_page=lambda iri, word: render_missing(iri, word, lang=lang),
        role_page=role_page,
        dumps={name: folder / name for name in ("graph.nq", "graph.ttl", "graph.nt", "graph.jsonld")},
        ontology=ontology_dir() / "rolegraph.ttl", ontology_page=ontology_page(lang),
        version=f"rolegraph {__version__}")


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

    from ..http.remote import shown_url

    g = load_graph(graph)
    if user is not None and password is None and sys.stdin.isatty():
        password = typer.prompt(f"Password for {user}", hide_input=True)
    total = sum(1 for _ in g.store.named_graphs())
    with progress_bar(quiet=as_json) as bar:
        task = bar.add_task(f"Pushing to {shown_url(endpoint)}", total=total)
        report = g.push(endpoint, update_endpoint=update_endpoint, protocol=protocol, user=user,
                        password=password, token=token, batch_size=batch_size,
                        progress=lambda _name, _n: bar.advance(task))
    if as_json:
        print_json(report.as_dict())
    else:
        typer.echo(f"Pushed {len(report.graphs)} graphs ({report.triples:,} triples) to {shown_url(endpoint)} "
                   f"with {report.protocol} in {report.requests} requests, {report.seconds:.1f} s.")


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

    from ..locations import default_out_dir

    g = load_graph(graph)
    if folder is None:
        base = graph if graph and graph.is_dir() else graph.parent if graph else default_out_dir()
        folder = base / "site"
    with progress_bar(quiet=as_json) as bar:
        task = bar.add_task("Writing pages", total=None)
        result = g.site(folder, lang=lang, progress=lambda done, total: bar.update(task, completed=done, total=total))
    if as_json:
        print_json({"index": str(result.index), "pages": len(result.pages)})
    else:
        typer.echo(f"Wrote {len(result.pages)} pages; open {result.index}")


viz = typer.Typer(help="Write one self-contained interactive HTML page (scripts inlined): "
                       "a path, a role, the career map or the overview.", no_args_is_help=True)
app.add_typer(viz, name="viz")
PageOption = Annotated[Path, typer.Option("--out", "-o", help="The .html file to write.", show_default=False)]


def _page(graph, out: Path, what: str, target=None, k: int = 3, lang: str = "en") -> None:
    from ..pages import write_page

    written = write_page(load_graph(graph), out, what, target=target, k=k, lang=lang)
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
