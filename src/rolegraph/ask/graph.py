"""The graph users hold: an Oxigraph store for SPARQL, with an rdflib view of it,
and the questions users ask of it (career paths, skill gaps, role cards).
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from ..errors import BadInput, RolegraphError
from ..graph.iris import DEFAULT, IriBase
from ..graph.vocab import PREFIXES

__all__ = ["RoleGraph", "sparql_prefixes", "count_graph", "count_triples"]

#: Counting distinct triples holds them all in memory: only below this many quads.
DISTINCT_UP_TO = 200_000

_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES,
            ".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG}


class _DocumentHashes:
    """Document name -> the SHA-256 the graph records for its text, asked one name at a time
    (a build of 100,000 documents need not list them all to quote three)."""

    def __init__(self, graph: "RoleGraph"):
        self.graph, self._found = graph, {}

    def get(self, name: str, default=None):
        if name not in self._found:
            rows = self.graph.query(f"SELECT ?sha WHERE {{ ?d a rg:Document ; schema:identifier {ox.Literal(name)} ; "
                                    "rg:sha256 ?sha } LIMIT 1")
            self._found[name] = next((str(r["sha"].value) for r in rows), None)
        return self._found[name] if self._found[name] is not None else default


def sparql_prefixes(prefixes: dict[str, str] = PREFIXES) -> str:
    """PREFIX lines for rolegraph's usual namespaces, prepended to user queries."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())


def count_graph(store) -> dict[str, int]:
    """What a build reports: instances of rolegraph's classes (distinct nodes), ``moves`` (distinct pairs
    of roles one can move between, each stated by one or more rg:Transition statements), ``quads``
    (triples counted once per named graph that states them) and, below :data:`DISTINCT_UP_TO` quads,
    ``triples`` (distinct triples, all graphs merged)."""
    counts = {}
    rows = store.query("""
        PREFIX rg: <https://w3id.org/rolegraph/ontology#>
        SELECT ?cls (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?cls . FILTER(STRSTARTS(STR(?cls), STR(rg:))) }
        GROUP BY ?cls""", use_default_graph_as_union=True)
    for r in rows:
        counts[r["cls"].value.rsplit("#", 1)[-1]] = int(r["n"].value)
    rows = store.query("""PREFIX rg: <https://w3id.org/rolegraph/ontology#>
        SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?b WHERE { ?a rg:canTransitionTo ?b } }""",
                       use_default_graph_as_union=True)
    counts["moves"] = int(next(iter(rows))["n"].value)
    counts["quads"] = len(store)
    if counts["quads"] < DISTINCT_UP_TO:
        counts["triples"] = count_triples(store)
    return dict(sorted(counts.items()))


def count_triples(store) -> int:
    """Distinct triples of a store, all graphs merged (holds them all in memory while counting)."""
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
                       use_default_graph_as_union=True)
    return int(next(iter(rows))["n"].value)


class RoleGraph:
    """The rolegraph knowledge graph.

    The data lives in a :class:`pyoxigraph.Store` (fast SPARQL, one named graph
    per source document plus one for the lexicon). :attr:`rdf` exposes the same
    data through the rdflib API. Queries see the union of all named graphs.
    """

    def __init__(self, store: ox.Store, source: Path | None = None, *,
                 registered: dict[str, list[Path]] | None = None, names: Path | None = None,
                 careers: Path | None = None, iris: IriBase | None = None):
        self.store = store
        self.source = source
        self.registered = registered or {}  # document name -> files a build read it from (for quotes)
        self._names = names  # a saved RoleIndex of this very store (see RoleIndex.to_json)
        self._careers = careers  # saved career_data of this very store
        if iris is not None:
            self.iris = iris

    def __repr__(self) -> str:
        where = f"from {self.source}" if self.source is not None else "of the shipped data, built in memory"
        return f"<RoleGraph {where}>"

    @classmethod
    def from_file(cls, path: Path | str, *, registered: dict[str, list[Path]] | None = None) -> "RoleGraph":
        """Load an N-Quads, N-Triples, Turtle or TriG file into an in-memory store.

        ``registered`` maps document names to the files they were read from, so
        evidence can be quoted (:func:`rolegraph.load` passes those of the build folder).
        """
        path = Path(path)
        fmt = _FORMATS.get(path.suffix)
        if fmt is None:
            raise RolegraphError(f"{path}: cannot load a '{path.suffix}' file; "
                                 "use .nq, .nt, .ttl or .trig")
        store = ox.Store()
        try:
            store.bulk_load(path=str(path), format=fmt)
        except (OSError, SyntaxError) as exc:
            raise RolegraphError(f"{path}: cannot be loaded: {exc}") from None
        if next(iter(store.quads_for_pattern(None, None, None, None)), None) is None:
            raise BadInput(f"{path}: the file holds no triples (an empty or cut graph); "
                           "build it again with 'rolegraph build'")
        return cls(store, path, registered=registered)

    @cached_property
    def iris(self) -> IriBase:
        """The IRI base this graph was minted under (:class:`~rolegraph.graph.iris.IriBase`): the
        folder's, else read from the graph (the scheme of roles every build states)."""
        rows = self.store.query("""SELECT ?s WHERE { ?s a <http://www.w3.org/2004/02/skos/core#ConceptScheme>
            FILTER(STRENDS(STR(?s), "/id/scheme/roles")) } LIMIT 1""", use_default_graph_as_union=True)
        found = next((r["s"].value for r in rows), None)
        if found is None or found == DEFAULT.id + "scheme/roles":
            return DEFAULT
        try:
            return IriBase(found[:-len("id/scheme/roles")])
        except BadInput:
            return DEFAULT

    @classmethod
    def open(cls, path: Path | str, *, registered: dict[str, list[Path]] | None = None,
             names: Path | None = None, careers: Path | None = None, iris: IriBase | None = None) -> "RoleGraph":
        """Open an on-disk Oxigraph store read-only (a build folder's ``store/`` generation): no parsing, instant.

        ``names`` and ``careers`` are the role-name index and the career graph
        saved with that store by the build, when there are: commands then need
        not compute them from the whole graph.
        """
        path = Path(path)
        try:
            store = ox.Store.read_only(str(path))
        except OSError as exc:
            raise RolegraphError(f"{path}: cannot open the store ({exc}); run 'rolegraph build' to rebuild it") \
                from None
        return cls(store, path, registered=registered, names=names, careers=careers, iris=iris)

    @classmethod
    def from_quads(cls, quads) -> "RoleGraph":
        """A new in-memory store holding a :class:`~rolegraph.graph.rdf.Quads` (a graph just built)."""
        store = ox.Store()
        store.bulk_load("".join(quads.nquads()).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        return cls(store)

    @cached_property
    def rdf(self):
        """The same data as an :class:`rdflib.Dataset` (backed by the Oxigraph store)."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        ds = Dataset(store=OxigraphStore(store=self.store), default_union=True)
        for prefix, ns in self.iris.prefixes.items():
            ds.bind(prefix, ns, override=True)
        return ds

    def __len__(self) -> int:
        return len(self.store)

    def query(self, sparql: str, *, prefixes: bool = True):
        """Run a SPARQL query over the union of all graphs; returns pyoxigraph results.

        rolegraph's usual prefixes (rg, skos, schema, role, ...) are declared for
        you. A syntax error raises :class:`~rolegraph.ask.sparql.QueryError` giving
        the line and column in your text. :meth:`run` gives plain rows instead.
        """
        from .sparql import QueryError, _syntax_message

        head = sparql_prefixes(self.iris.prefixes) if prefixes else ""
        try:
            return self.store.query(head + sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(_syntax_message(str(exc), head.count("\n"))) from None

    def description(self, iri_or_name: str):
        """What the graph says about one resource, as an rdflib Graph (see :meth:`describe`)."""
        from ..graph.describe import check_iri, describe_query, parse_ntriples

        text = iri_or_name.strip()
        if text.startswith("<") or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", text):
            iri = check_iri(text)
        else:
            iri = self.iris.role_iri(self.resolve(text))
        found = self.store.query(describe_query(iri), use_default_graph_as_union=True)
        graph = parse_ntriples(found.serialize(format=ox.RdfFormat.N_TRIPLES))
        if not len(graph):
            raise BadInput(f"nothing is known about <{iri}> in this graph; check the IRI "
                           f"(this graph's start with {self.iris.id})")
        return graph

    def describe(self, iri_or_name: str, format: str = "ttl") -> str:
        """The description of a resource, as its IRI answers with it when served.

        ``iri_or_name`` is an IRI (a role, skill, mission, document, evidence,
        transition statement ...) or a role's name. The description holds the
        resource's triples, the labels of what it points to, the evidence that
        belongs to it and, for a role, its moves both ways with their evidence.
        ``format``: "ttl" (Turtle), "jsonld", "nt" (N-Triples) or "xml" (RDF/XML).

        >>> import rolegraph; g = rolegraph.load()
        >>> "rg:canTransitionTo role:chief-technology-officer" in g.describe("lead developer")
        True
        """
        from ..graph.describe import serialize

        return serialize(self.description(iri_or_name), format, prefixes=self.iris.prefixes)

    def run(self, query: str, **params: str):
        """Run a named query, a ``.rq`` file or SPARQL text; returns a :class:`~rolegraph.ask.sparql.QueryResult`.

        Parameters fill the named query's ``VALUES`` clauses: role names are
        resolved as in :meth:`resolve` ("lead dev", "RSSI"), other values are
        passed as literals.

        >>> import rolegraph; g = rolegraph.load()
        >>> rows = g.run("transitions-from", role="lead dev").records()
        >>> "https://w3id.org/rolegraph/id/role/chief-technology-officer" in [r["next"] for r in rows]
        True
        """
        from ..graph.vocab import iri, literal
        from .sparql import bind, query_source, run_query

        text, named = query_source(query)
        if named:  # rolegraph's own text: its graph IRIs follow this graph's base
            text = self.iris.sparql(text)
        if params:
            values = {}
            for name, value in params.items():
                if name in {"role", "other", "from", "to"}:
                    values[name] = iri(self.iris.role_iri(self.resolve(value)))
                else:
                    values[name] = literal(value)
            text = bind(text, values)
        head = sparql_prefixes(self.iris.prefixes)
        return run_query(self.store, head + text, head.count("\n"))

    # --- roles and careers -------------------------------------------------

    @cached_property
    def roles(self):
        """The :class:`~rolegraph.ask.names.RoleIndex` of this graph's role labels."""
        from .names import RoleIndex

        if self._names is not None:
            try:
                return RoleIndex.from_json(Path(self._names).read_text(encoding="utf-8"))
            except (OSError, ValueError, KeyError):
                pass  # a missing or damaged index: compute it
        return RoleIndex.from_graph(self)

    @cached_property
    def careers(self):
        """The career transitions as a :class:`~rolegraph.ask.careers.CareerGraph` (networkx)."""
        import json

        from .careers import CareerGraph

        if self._careers is not None:
            try:
                return CareerGraph(self, json.loads(Path(self._careers).read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError):
                pass  # a missing or damaged saved graph: compute it
        return CareerGraph(self)

    @cached_property
    def profiles(self):
        """Skills and missions by role (:class:`~rolegraph.ask.profiles.Profiles`)."""
        from .profiles import Profiles

        return Profiles(self)

    def resolve(self, name: str) -> str:
        """The id of the role a name means, in English or French, any case or accents.

        >>> import rolegraph; g = rolegraph.load()
        >>> {g.resolve(n) for n in ["directeur technique", "cto", "Chief Technical Officer"]}
        {'chief-technology-officer'}

        Raises :class:`~rolegraph.errors.RoleNotFound` (with the closest roles)
        when the name is unknown or ambiguous.
        """
        return self.roles.resolve(name)

    def paths(self, source: str, target: str, *, k: int = 3, via=(), avoid=(), max_len: int | None = None,
              quotes: int | None = None):
        """The ``k`` best career paths between two roles (names or ids), each step with its evidence.

        Each step's evidence is quoted from the source files, all of it or its
        first ``quotes`` (a step stated by thousands of documents would read
        thousands of files).

        >>> import rolegraph; g = rolegraph.load()
        >>> str(g.paths("lead developer", "CEO")[0])
        'Lead Developer → Chief Technology Officer → Chief Executive Officer'

        Raises :class:`RolegraphError` (exit code 2) when both name the same role.
        """
        r = self.resolve
        if r(source) == r(target):
            raise BadInput(f"'{source}' and '{target}' name the same role ({self.roles.label(r(source))}); "
                           "give two different roles")
        found = self.careers.paths(r(source), r(target), k=k, via=[r(v) for v in via],
                                   avoid=[r(a) for a in avoid], max_len=max_len)
        for path in found:
            for step in path.steps:
                cut = len(step.evidence) if quotes is None else quotes
                step.evidence = [self.quoted(ev) for ev in step.evidence[:cut]] + step.evidence[cut:]
        return found

    @cached_property
    def sources(self):
        """The :class:`~rolegraph.sources.SourceTexts` that supply evidence quotes."""
        from ..sources import SourceTexts

        return SourceTexts(_DocumentHashes(self), self.registered)

    def quoted(self, evidence):
        """``evidence`` (an :class:`~rolegraph.knowledge.model.Evidence`) with its quote, when the text is found.

        Quotes come from the source files, checked against the graph's SHA-256
        (see :mod:`rolegraph.sources`); the graph itself holds only offsets.

        >>> import rolegraph; g = rolegraph.load()
        >>> step = g.paths("lead developer", "software architect")[0].steps[0]
        >>> [ev.quote for ev in step.evidence if ev.document == "en_software_architect.html"]
        ['Architects usually come from a Lead Developer or Senior Developer position.']
        """
        from dataclasses import replace

        if evidence.quote is not None:
            return evidence
        return replace(evidence, quote=self.sources.quote(evidence.document, evidence.start, evidence.end))

    def next(self, role: str, steps: int = 1) -> list[tuple[str, int]]:
        """Roles reachable from ``role`` within ``steps`` moves: ``(id, distance)``."""
        return self.careers.reachable(self.resolve(role), steps)

    def previous(self, role: str, steps: int = 1) -> list[tuple[str, int]]:
        """Roles that lead to ``role`` within ``steps`` moves: ``(id, distance)``."""
        return self.careers.leading_to(self.resolve(role), steps)

    def gap(self, source: str, target: str):
        """Skills and missions ``target`` asks for that ``source`` lacks, those shared, and a similarity.

        Each item says where it comes from (``Gap.where``): the documents that
        state it, or ESCO and O*NET, and ``Gap.notes`` says when a role's profile
        is borrowed from a matched occupation.

        >>> import rolegraph; g = rolegraph.load()
        >>> gap = g.gap("data engineer", "machine learning engineer")
        >>> len(gap.skills_to_gain) >= 5 and all(gap.where[s] for s in gap.skills_to_gain)
        True
        """
        return self.profiles.gap(self.resolve(source), self.resolve(target), label_of=self.roles.label)

    def similar_roles(self, role: str) -> list[tuple[str, str, int]]:
        """Roles a reference taxonomy calls similar to ``role`` (O*NET related occupations):
        ``(id, tier, rank)``, closest first. Similar work, not a stated career move."""
        return list(self.profiles.similarities.get(self.resolve(role), []))

    def similar(self, role: str, limit: int = 5) -> list[tuple[str, float]]:
        """Roles sharing the most skills and missions with ``role``."""
        return self.profiles.similar(self.resolve(role), limit)

    def card(self, role: str):
        """Everything about one role (:class:`~rolegraph.ask.profiles.RoleCard`)."""
        return self.profiles.card(self.resolve(role), self.careers)

    def stats(self) -> dict[str, int]:
        """Instances of rolegraph's classes (distinct nodes), moves, triples and quads: see :func:`count_graph`."""
        return count_graph(self.store)

    def show(self, what: str = "careers", *, target: str | None = None, k: int = 3, lang: str = "en",
             height: int | None = None):
        """An interactive view for Jupyter: "careers", "overview", a role name, or a path with ``target``.

        The frame grows to fit the view; ``height`` (pixels) fixes it instead.

        >>> import rolegraph; g = rolegraph.load()
        >>> view = g.show("lead developer", target="CEO")  # the best paths, highlighted
        >>> "vis.Network" in view.data
        True
        """
        from ..pages import show

        return show(self, what, target=target, k=k, lang=lang, height=height)

    def site(self, folder, *, lang: str = "en", progress=None):
        """Write the interactive pages (index, overview, career map, one per role) into ``folder``."""
        from ..pages import write_site

        return write_site(self, folder, lang=lang, progress=progress)

    def push(self, endpoint: str, **options):
        """Send this graph to a triple store, one named graph per document; see :func:`rolegraph.http.push`.

        Pushing again is safe: each graph replaces the store's copy.
        """
        from ..http import push

        return push(self, endpoint, **options)

    def validate(self):
        """SHACL-validate the graph; returns a list of :class:`~rolegraph.graph.validate.Violation`."""
        from rdflib import Graph

        from ..graph.validate import validate_graph

        # pyoxigraph terms print in N-Triples syntax; merging drops graph names.
        lines = {f"{q.subject} {q.predicate} {q.object} ." for q in self.store}
        return validate_graph(Graph().parse(data="\n".join(lines), format="nt"))
