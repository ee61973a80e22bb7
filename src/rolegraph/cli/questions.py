"""Commands that ask the graph: path, next, previous, gap, role, describe, query."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..text import money_range, per_period
from .app import (GraphOption, JsonOption, app, fail,
                  handle_errors, load_graph, print_json, table)


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
         evidence: Annotated[int, typer.Option("--evidence", min=0, help=(
             "Evidence shown per step, quoted (0: all). --json always gives all of it."))] = 5,
         graph: GraphOption = None, as_json: JsonOption = False):
    """Career paths from one role to another, best first, each step with its evidence.

    Paths are ranked by cost: each step costs 1/(1 + the number of documents
    that state it), so shorter and better-attested paths come first.
    Evidence is quoted when the source text is found: the shipped examples,
    the files a build registered, or folders in $ROLEGRAPH_SOURCES (checked
    against the document's SHA-256).

    Example: rolegraph path "lead dev" CEO -k 5 --avoid "engineering manager"
    """
    g = load_graph(graph)
    shown = None if as_json or evidence == 0 else evidence
    paths = g.paths(source, target, k=k, via=via or (), avoid=avoid or (), max_len=max_len, quotes=shown)
    if as_json:
        print_json({"from": g.resolve(source), "to": g.resolve(target),
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
            for ev in st.evidence[:shown]:
                typer.echo(f"     evidence: {_evidence_line(ev)}")
            if shown is not None and len(st.evidence) > shown:
                typer.echo(f"     … and {len(st.evidence) - shown} more (--evidence 0 shows all)")


def _neighbours(g, role: str, steps: int, forward: bool, as_json: bool, similar: bool = False) -> None:
    rid = g.resolve(role)
    found = g.next(rid, steps) if forward else g.previous(rid, steps)
    alike = g.similar_roles(rid) if similar else []
    if as_json:
        data = {"role": rid, "steps": steps,
                "roles": [{"id": r, "label": g.roles.label(r), "distance": d} for r, d in found]}
        if similar:
            data["similar"] = [{"id": r, "label": g.roles.label(r), "tier": t, "rank": n} for r, t, n in alike]
        print_json(data)
        return
    word = "reachable from" if forward else "leading to"
    if not found:
        typer.echo(f"No role {word} {g.roles.label(rid)} in the graph"
                   + (" (documents state no move)." if similar else "."))
    else:
        table(f"Roles {word} {g.roles.label(rid)} within {steps} step{'s' if steps > 1 else ''} (moves documents state)",
              [(g.roles.label(r), r, d) for r, d in found], ["role", "id", "steps"])
    if similar:
        if alike:
            table("Roles doing similar work (O*NET related occupations; similarity, not a stated move)",
                  [(g.roles.label(r), r, t) for r, t, _n in alike], ["role", "id", "tier"])
        else:
            typer.echo(f"No role listed as similar to {g.roles.label(rid)} (O*NET relates its own occupations only).")


@app.command("next")
@handle_errors
def next_(role: Annotated[str, typer.Argument(help="The role to start from.")],
          steps: Annotated[int, typer.Option("--steps", "-n", min=1, help="Most moves away.")] = 1,
          similar: Annotated[bool, typer.Option("--similar", help="Also list the roles O*NET relates to it "
                                                                   "(similar work, not a stated move).")] = False,
          graph: GraphOption = None, as_json: JsonOption = False):
    """Roles one can move to from a role, within N moves, as documents state them.

    With --similar, also the roles a reference taxonomy calls similar (O*NET
    related occupations): kept apart, since similar work is not a career move.

    Example: rolegraph next "directeur technique" --steps 2; rolegraph next "software developer" --similar
    """
    _neighbours(load_graph(graph), role, steps, True, as_json, similar)


@app.command()
@handle_errors
def previous(role: Annotated[str, typer.Argument(help="The role to arrive at.")],
             steps: Annotated[int, typer.Option("--steps", "-n", min=1, help="Most moves away.")] = 1,
             graph: GraphOption = None, as_json: JsonOption = False):
    """Roles that lead to a role, within N moves.

    Example: rolegraph previous CTO
    """
    _neighbours(load_graph(graph), role, steps, False, as_json)


AllItemsOption = Annotated[bool, typer.Option("--all", help="List every item, not the first ones.")]
_SHOWN = 12  # items listed per heading without --all


def _items(title: str, items: list[str], where: dict[str, list[str]], show_all: bool) -> None:
    """A heading and its items, each with where it comes from; the first few unless ``show_all``."""
    if not items:
        typer.echo(f"{title} (0): none known")
        return
    shown = items if show_all else items[:_SHOWN]
    more = "" if len(shown) == len(items) else f", the first {len(shown)} (--all for every one)"
    typer.echo(f"{title} ({len(items)}, most attested first{more}):")
    for item in shown:
        sources = "; ".join(where.get(item, []))
        typer.echo(f"  - {item}" + (f"  [{sources}]" if sources else ""))


@app.command()
@handle_errors
def gap(source: Annotated[str, typer.Argument(help="The role you hold.")],
        target: Annotated[str, typer.Argument(help="The role you aim for.")],
        show_all: AllItemsOption = False, graph: GraphOption = None, as_json: JsonOption = False):
    """Skills and missions the target role asks for that yours lacks, and those you share.

    Each item says where it comes from: the documents that state it, or ESCO
    (essential, optional) and O*NET (technology, hot technology, core task).
    A role with no skills of its own borrows those of its close match, and
    the output says so.

    Example: rolegraph gap "data engineer" "machine learning engineer"
    """
    g = load_graph(graph)
    result = g.gap(source, target)
    if as_json:
        print_json(result.to_dict())
        return
    a, b = g.roles.label(result.source), g.roles.label(result.target)
    typer.echo(f"From {a} to {b} (similarity {result.similarity:.2f}, 0 = nothing shared, 1 = the same)")
    for note in result.notes:
        typer.echo(f"Note: {note}.")
    _items("Skills to gain", result.skills_to_gain, result.where, show_all)
    _items("Skills you share", result.skills_shared, result.where, show_all)
    _items("Missions to take on", result.missions_to_gain, result.where, show_all)
    _items("Missions you share", result.missions_shared, result.where, show_all)


def _list(items: list[str], limit: int = 12) -> str:
    if not items:
        return "-"
    extra = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(items[:limit]) + extra


@app.command()
@handle_errors
def role(name: Annotated[str, typer.Argument(help="A role name, English or French, or an acronym.")],
         show_all: AllItemsOption = False, graph: GraphOption = None, as_json: JsonOption = False):
    """Everything about one role: labels, codes, description, skills, tasks, salaries, moves, similar roles.

    Skills and missions come from documents and from ESCO and O*NET, each with its source.

    Example: rolegraph role RSSI
    """
    g = load_graph(graph)
    card = g.card(name)
    if as_json:
        print_json(card.to_dict())
        return
    label = g.roles.label
    names = list(dict.fromkeys(card.labels.get(lang) for lang in ("en", "fr") if card.labels.get(lang)))
    typer.echo(f"{' / '.join(names) or card.id}  ({card.iri})")  # a new title: as written, in its language
    if card.candidate:
        typer.echo("  a candidate role: found in documents, not in the lexicon yet")
    if card.description.get("en"):
        text = card.description["en"]
        typer.echo(f"  {text if show_all or len(text) <= 300 else text[:300].rsplit(' ', 1)[0] + ' …'}")
    for lang, alts in sorted(card.alt_labels.items()):
        typer.echo(f"  also ({lang}): {_list(alts) if not show_all else ', '.join(alts)}")
    typer.echo(f"  family: {card.family or '-'}; seniority: {card.seniority or '-'}")
    for kind, codes in sorted(card.codes.items()):
        typer.echo(f"  {kind}: {', '.join(codes)}")
    typer.echo(f"  before: {', '.join(label(r) for r in card.before) or '-'}")
    typer.echo(f"  after: {', '.join(label(r) for r in card.after) or '-'}")
    if card.similar:
        typer.echo("  similar work (O*NET, not a career move): "
                   + _list([f"{label(s['role'])} ({s['tier']})" for s in card.similar], 8))
    if card.matches:
        typer.echo("  matches: " + ", ".join(f"{label(m['role'])} ({m['match']})" for m in card.matches))
    for note in card.notes:
        typer.echo(f"  note: {note}")
    shown = card.skills if show_all else card.skills[:_SHOWN]
    typer.echo(f"  skills ({len(card.skills)}{'' if len(shown) == len(card.skills) else ', first ' + str(len(shown))}):"
               + ("" if card.skills else " -"))
    for item in shown:
        typer.echo(f"    - {item}  [{'; '.join(card.where.get(item, []))}]")
    shown = card.missions if show_all else card.missions[:8]
    typer.echo(f"  missions ({len(card.missions)}{'' if len(shown) == len(card.missions) else ', first ' + str(len(shown))}):"
               + ("" if card.missions else " -"))
    for item in shown:
        typer.echo(f"    - {item}  [{'; '.join(card.where.get(item, []))}]")
    for sal in card.salaries:
        extra = ", ".join(x for x in (sal["basis"], sal["qualifier"]) if x)
        typer.echo(f"  salary: {money_range(sal['min'], sal['max'])} {sal['currency']} {per_period(sal['period'])}"
                   f"{f' ({extra})' if extra else ''}  [{sal['evidence']['document']}]")
    typer.echo(f"  sources: {', '.join(card.sources) or '-'}")


@app.command()
@handle_errors
def describe(what: Annotated[str, typer.Argument(
                 help="A role's name, or any IRI of the graph (role, skill, document, evidence, transition).")],
             fmt: Annotated[str, typer.Option("--format", "-f",
                                              help="ttl (Turtle), jsonld, nt (N-Triples) or xml (RDF/XML).")] = "ttl",
             graph: GraphOption = None):
    """Print what the graph says about one resource, as its IRI answers when served.

    The resource's triples, the labels of what it points to, its evidence and,
    for a role, its moves both ways with their evidence: the linked-data
    description `rolegraph serve` returns for the IRI.

    Example: rolegraph describe "lead developer" --format jsonld
    """
    from ..graph.describe import format_of

    key = format_of(fmt)  # a wrong format is refused before the graph is loaded
    typer.echo(load_graph(graph).describe(what, format=key).rstrip("\n"))


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
    from ..ask.sparql import named_queries

    if list_ or spec is None:
        queries = named_queries()
        if as_json or fmt == "json":
            print_json({n: {"description": q.description, "params": q.params} for n, q in queries.items()})
        else:
            table("Named queries", [(n, q.description, ", ".join(q.params) or "-") for n, q in queries.items()],
                   ["name", "what it answers", "params"])
        return
    params = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            fail(f"--param needs NAME=VALUE, got '{item}'", 2)
        params[key.strip()] = value
    fmt = "json" if as_json else fmt
    if fmt not in {"table", "json", "csv", "tsv"}:
        fail(f"unknown format '{fmt}'; choose table, json, csv or tsv", 2)
    result = load_graph(graph).run(spec, **params)
    if fmt == "json":
        typer.echo(result.to_json())
    elif fmt in {"csv", "tsv"}:
        typer.echo(result.to_csv("," if fmt == "csv" else "\t"), nl=False)
    elif result.boolean is not None:
        typer.echo("yes" if result.boolean else "no")
    else:
        table(f"{len(result)} row{'s' if len(result) != 1 else ''}", result.rows, result.variables)
