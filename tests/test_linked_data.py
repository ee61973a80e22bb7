"""Every IRI the graph mints answers: describe from Python and the CLI, and a real ``rolegraph serve``
answering IRIs by content negotiation (Turtle, JSON-LD, N-Triples, RDF/XML for clients, pages for browsers)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, SKOS, VOID
from typer.testing import CliRunner

from rolegraph.builds import build
from rolegraph.builds.pipeline import default_documents
from rolegraph.cli import app
from rolegraph.errors import BadInput
from rolegraph.knowledge.facts import load_facts_file
from tests.conftest import serving

ID = Namespace("https://w3id.org/rolegraph/id/")
RG = Namespace("https://w3id.org/rolegraph/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
LEAD, CTO = ID["role/lead-developer"], ID["role/chief-technology-officer"]
PARSERS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "xml": "xml"}
MEDIA = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
         "xml": "application/rdf+xml"}
HOSTILE = 'Head of <script>window.__pwned=1</script> "Ops" & </textarea><img src=x onerror="window.__pwned=1">'


def _parse(text: str, key: str) -> Graph:
    return Graph().parse(data=text, format=PARSERS[key])


def _same(a: Graph, b: Graph) -> bool:
    """The same triples, literals compared by value (Turtle writes 75000.0 as 75000.0 or 7.5E4 alike)."""
    def norm(g):
        return {(s, p, (o.value, o.datatype, o.language) if isinstance(o, Literal) and o.value is not None else o)
                for s, p, o in g}
    return len(a) == len(b) and norm(a) == norm(b)


def _check_lead_developer(g: Graph) -> None:
    """What a role's description must hold: its moves, the labels of where they go, their evidence."""
    assert (LEAD, RG.canTransitionTo, CTO) in g
    assert (CTO, SKOS.prefLabel, Literal("Chief Technology Officer", lang="en")) in g
    moves = set(g.subjects(RG.fromRole, LEAD))
    assert moves and all((m, RDF.type, RG.Transition) in g for m in moves)
    for move in moves:  # each stated move with its evidence, down to the characters it rests on
        for evidence in g.objects(move, RG.evidence):
            selector = g.value(evidence, OA.hasSelector)
            assert g.value(selector, OA.start) is not None and g.value(evidence, OA.hasSource) is not None
    assert set(g.subjects(RG.toRole, LEAD))  # and the moves into it


def test_describe_gives_one_description_in_every_format(default_graph):
    graphs = {key: _parse(default_graph.describe("lead developer", format=key), key) for key in PARSERS}
    _check_lead_developer(graphs["ttl"])
    assert all(_same(graphs["ttl"], g) for g in graphs.values())
    by_iri = _parse(default_graph.describe(f"<{LEAD}>"), "ttl")
    assert _same(by_iri, graphs["ttl"])
    # Evidence: where it points, and the statement it supports.
    evidence = next(graphs["ttl"].objects(next(graphs["ttl"].subjects(RG.fromRole, LEAD)), RG.evidence))
    ev = _parse(default_graph.describe(str(evidence)), "ttl")
    assert ev.value(evidence, OA.hasSource) is not None and set(ev.subjects(RG.evidence, evidence))


def test_describe_refuses_unknown_and_malformed_iris(default_graph):
    with pytest.raises(BadInput, match="nothing is known about"):
        default_graph.describe(str(ID["role/no-such-role"]))
    for bad in ['https://x/a> } ; DROP ALL ; <x:y', "https://x/a b", 'https://x/"a"']:
        with pytest.raises(BadInput, match="is not an IRI"):
            default_graph.describe(bad)
    with pytest.raises(BadInput, match="unknown format 'yaml'"):
        default_graph.describe("CTO", format="yaml")


def test_the_describe_command(default_build):
    runner = CliRunner()
    done = runner.invoke(app, ["describe", "lead dev", "--format", "jsonld", "-g", str(default_build.out_dir)])
    assert done.exit_code == 0, done.output
    _check_lead_developer(_parse(done.output, "jsonld"))
    assert json.loads(done.output)["@context"]["rg"] == str(RG)
    done = runner.invoke(app, ["describe", str(ID["skill/nothing-here"]), "-g", str(default_build.out_dir)])
    assert done.exit_code == 2 and "nothing is known about" in done.output


# --- a real server -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory, curated_lexicon):
    """``rolegraph serve`` on a build whose facts name a new title with a hostile name."""
    folder = tmp_path_factory.mktemp("linked")
    facts = folder / "hostile.toml"
    facts.write_text(f'''[document]
name = "hostile-guide.md"
sha256 = "{'ab' * 32}"
chars = 400
language = "en"
labels_lang = "en"

[[mention]]
role = {json.dumps(HOSTILE)}
at = [10, 40]

[[transition]]
from = "lead-developer"
to = {json.dumps(HOSTILE)}
condition = {json.dumps(HOSTILE)}
at = [50, 90]
''', encoding="utf-8")
    hostile = load_facts_file(facts, curated_lexicon)
    result = build(folder / "build", lexicon=curated_lexicon,
                   documents=default_documents(curated_lexicon) + [hostile])
    with serving(result.out_dir) as url:
        yield url, ID[f"role/{next(iter(hostile.transitions)).target.id}"]


def _get(url: str, accept: str | None = None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return answer.status, answer.headers, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def _path(iri) -> str:
    return str(iri)[len("https://w3id.org/rolegraph"):]


def test_an_iri_answers_each_format_by_content_negotiation(served):
    url, _hostile = served
    graphs = {}
    for key, media in MEDIA.items():
        status, headers, body = _get(url + _path(LEAD), media)
        assert status == 200 and headers["Content-Type"].startswith(media), (key, status, body[:200])
        assert headers["Vary"] == "Accept"
        links = headers["Link"]
        # The Link header names the other three formats, each at a URL that answers with it.
        others = [m for k, m in MEDIA.items() if k != key]
        assert all(f'type="{m}"' in links for m in others) and f'type="{media}"' not in links
        graphs[key] = _parse(body, key)
    _check_lead_developer(graphs["ttl"])
    assert all(_same(graphs["ttl"], g) for g in graphs.values())
    status, headers, body = _get(url + _path(LEAD) + "?format=jsonld", "text/html")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    assert _get(url + _path(LEAD))[1]["Content-Type"].startswith("text/turtle")  # curl's */*
    assert _get(url + _path(LEAD), "image/png")[0] == 406


def test_unknown_iris_are_404_and_the_page_offers_a_search(served):
    url, _hostile = served
    status, headers, body = _get(url + "/id/role/data-wizard", "text/turtle")
    assert status == 404 and "nothing is known about <https://w3id.org/rolegraph/id/role/data-wizard>" in body
    status, headers, body = _get(url + "/id/role/data-wizard", "text/html")
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    assert 'href="/index.html?q=data%20wizard"' in body
    assert _get(url + "/graph/doc/no-such-document", "text/turtle")[0] == 404


def test_hostile_labels_stay_text_in_every_format(served):
    url, hostile = served
    for key, media in MEDIA.items():
        status, _headers, body = _get(url + _path(hostile), media)
        assert status == 200, (key, body[:300])
        g = _parse(body, key)
        assert (hostile, SKOS.prefLabel, Literal(HOSTILE, lang="en")) in g, key
    status, _headers, body = _get(url + _path(LEAD), "text/turtle")
    assert Literal(HOSTILE, lang="en") in set(_parse(body, "ttl").objects(None, RG.condition))


def test_the_dataset_describes_itself_at_a_well_known_place(served):
    url, _hostile = served
    status, headers, body = _get(url + "/.well-known/void", "text/turtle")
    assert status == 200 and headers["Vary"] == "Accept"
    g = _parse(body, "ttl")
    dataset = URIRef("https://w3id.org/rolegraph/dataset")
    assert g.value(dataset, VOID.sparqlEndpoint) == URIRef(url + "/query")
    # Its subsets are typed datasets of their own: the lexicon's graph at least.
    subsets = set(g.objects(dataset, VOID.subset))
    assert URIRef("https://w3id.org/rolegraph/graph/lexicon") in subsets
    assert all((s, RDF.type, VOID.Dataset) in g for s in subsets)
    assert g.value(dataset, URIRef("http://purl.org/dc/terms/license")) is not None
    assert g.value(dataset, URIRef("http://purl.org/dc/terms/hasVersion")) is not None
    dumps = list(g.objects(dataset, VOID.dataDump))
    assert dumps
    for dump in dumps:  # each dump it names is served
        request = urllib.request.Request(str(dump), method="HEAD")
        with urllib.request.urlopen(request, timeout=20) as answer:
            assert answer.status == 200 and int(answer.headers["Content-Length"]) > 1000


def test_the_ontology_and_named_graphs_answer(served):
    url, _hostile = served
    status, headers, body = _get(url + "/ontology", "text/turtle")
    assert status == 200 and (RG.Role, RDF.type, OWL.Class) in _parse(body, "ttl")
    status, headers, body = _get(url + "/ontology", "application/ld+json")
    assert status == 200 and (RG.Role, RDF.type, OWL.Class) in _parse(body, "jsonld")
    status, headers, body = _get(url + "/graph/doc/en-lead-developer", "text/turtle")
    assert status == 200 and (LEAD, RG.canTransitionTo, CTO) in _parse(body, "ttl")


def test_a_browser_gets_pages_at_the_same_iris(served, browser):
    from tests.test_pages import Visit, _assert_not_run, _check_clean

    url, hostile = served
    visit = Visit(browser, url + _path(LEAD))
    try:  # a role's IRI: its page, with its graph drawn
        assert visit.page.url == url + "/roles/lead-developer.html"
        visit.page.wait_for_selector("body[data-ready]", state="attached", timeout=20000)
        assert visit.page.locator("h1").inner_text() == "Lead Developer"
        _check_clean(visit)
    finally:
        visit.close()
    evidence = next(_parse(_get(url + _path(LEAD), "text/turtle")[2], "ttl").objects(None, RG.evidence))
    visit = Visit(browser, url + _path(evidence))
    try:  # evidence: a page of its description, links to the rest
        assert "/span/" in visit.page.locator("main code").first.inner_text()
        assert visit.page.locator("a[href^='/id/doc/']").count() >= 1
        visit.page.click("text=Turtle")
        assert "oa:hasSelector" in visit.page.content()
    finally:
        visit.close()
    visit = Visit(browser, url + _path(hostile) + "?format=html")
    try:  # the hostile title's own page: its name shown as text, nothing run
        _assert_not_run(visit)
        assert visit.page.locator("h1").inner_text().startswith("Head of <script>")
        _check_clean(visit)
    finally:
        visit.close()
    visit = Visit(browser, url + "/id/role/data-scientist-wizard")
    try:  # unknown: the 404 page's search link finds the roles with that name
        visit.page.click("text=Search the roles for")
        visit.page.wait_for_url(url + "/index.html?q=data%20scientist%20wizard")
        assert visit.page.input_value("#rg-search") == "data scientist wizard"
    finally:
        visit.close()



def test_the_reference_graphs_are_subsets_with_their_licences(default_graph):
    """The query the front asks for subsets finds ESCO's and O*NET's graphs, whose own licence comes along."""
    import pyoxigraph as ox

    from rolegraph.graph.describe import parse_ntriples
    from rolegraph.http.linked import _SUBSETS, LinkedData, dataset_description

    found = default_graph.store.query(_SUBSETS, use_default_graph_as_union=False)
    subsets = parse_ntriples(found.serialize(format=ox.RdfFormat.N_TRIPLES))
    g = dataset_description(LinkedData(), "http://127.0.0.1:1", subsets)
    dataset = URIRef("https://w3id.org/rolegraph/dataset")
    esco, onet = URIRef("https://w3id.org/rolegraph/graph/esco"), URIRef("https://w3id.org/rolegraph/graph/onet")
    assert {esco, onet} <= set(g.objects(dataset, VOID.subset))
    license = URIRef("http://purl.org/dc/terms/license")
    assert g.value(esco, license) is not None and g.value(esco, license) != g.value(dataset, license)
