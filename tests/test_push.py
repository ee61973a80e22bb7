"""Pushing the graph into an external store: a real, writable Oxigraph server on loopback,
and a small recording server for what Oxigraph cannot show (credentials, refusals)."""

from __future__ import annotations

import http.server
import shutil
import threading
from pathlib import Path

import pytest

import rolegraph
from rolegraph.builds import build
from rolegraph.http.remote import PushError

serve = pytest.importorskip("rolegraph.http.serve")
SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

DOCS = Path(__file__).parent / "documents"
TRANSITIONS = """PREFIX rg: <https://w3id.org/rolegraph/ontology#>
SELECT ?a ?b WHERE { ?a rg:canTransitionTo ?b } ORDER BY ?a ?b"""
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
EVERYTHING = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o"


@pytest.fixture
def store(tmp_path):
    """An empty Oxigraph server that accepts writes, stopped at the end of the test."""
    serve.oxigraph_binary()
    db = tmp_path / "db"
    db.mkdir()
    with serve.start(db, port=serve.free_port(), writable=True) as ep:
        yield ep
    assert ep.process.poll() is not None


def remote_rows(ep, query: str) -> list[tuple[str, ...]]:
    client = SPARQLWrapper.SPARQLWrapper(ep.query_url)
    client.setQuery(query)
    client.setReturnFormat(SPARQLWrapper.JSON)
    answer = client.query().convert()
    names = answer["head"]["vars"]
    return [tuple(b[n]["value"] for n in names) for b in answer["results"]["bindings"]]


def local_rows(graph, query: str) -> list[tuple[str, ...]]:
    return [tuple(str(term.value) for term in row) for row in graph.query(query, prefixes=False)]


def test_pushed_default_graph_answers_like_the_in_process_graph(store, default_graph):
    report = default_graph.push(store.store_url, batch_size=500)
    assert report.protocol == "graph-store"
    assert report.triples == len(default_graph)
    assert report.requests > len(report.graphs)  # the lexicon took several batches
    assert remote_rows(store, TRANSITIONS) == local_rows(default_graph, TRANSITIONS)
    assert remote_rows(store, PER_GRAPH) == local_rows(default_graph, PER_GRAPH)
    # 11 documents, the lexicon, ESCO, O*NET and the crosswalk
    assert len(remote_rows(store, PER_GRAPH)) == 15


def test_pushing_twice_changes_nothing(store, curated_build):
    graph = curated_build.graph
    graph.push(store.store_url)
    first = remote_rows(store, EVERYTHING)
    graph.push(store.store_url, batch_size=1000)
    assert remote_rows(store, EVERYTHING) == first
    assert len(first) == len(graph)


def test_a_changed_document_replaces_its_own_graph_only(store, tmp_path, curated_lexicon):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(DOCS / "en_data_engineer.md", docs)
    shutil.copy(DOCS / "fr_developpeur_backend.md", docs)
    before = build(tmp_path / "one", [docs], lexicon=curated_lexicon).graph
    before.push(store.store_url)
    assert remote_rows(store, TRANSITIONS) == local_rows(before, TRANSITIONS)

    # Rewrite one document so that it states less: its graph must shrink in the store.
    page = docs / "en_data_engineer.md"
    page.write_text(page.read_text(encoding="utf-8").split("\n\n")[0] + "\n", encoding="utf-8")
    after = build(tmp_path / "two", [docs], lexicon=curated_lexicon).graph
    assert len(after) < len(before)
    after.push(store.store_url)
    assert remote_rows(store, PER_GRAPH) == local_rows(after, PER_GRAPH)
    assert remote_rows(store, EVERYTHING) == local_rows(after, EVERYTHING)


def test_falls_back_to_sparql_update_when_the_url_takes_no_graph_store_requests(store, curated_build):
    # Oxigraph's /update answers 404 to a Graph Store PUT, like a single-URL store would.
    graph = curated_build.graph
    report = graph.push(store.update_url, batch_size=2000)
    assert report.protocol == "update"
    assert remote_rows(store, PER_GRAPH) == local_rows(graph, PER_GRAPH)
    graph.push(store.update_url, protocol="update")  # and again: still the same
    assert remote_rows(store, PER_GRAPH) == local_rows(graph, PER_GRAPH)


def test_push_from_the_command_line(store, default_build):
    from typer.testing import CliRunner

    from rolegraph.cli import app

    result = CliRunner().invoke(app, ["push", "--endpoint", store.store_url,
                                      "--graph", str(default_build.out_dir), "--json"])
    assert result.exit_code == 0, result.output
    assert '"protocol": "graph-store"' in result.output
    assert remote_rows(store, PER_GRAPH) == local_rows(default_build.graph, PER_GRAPH)


class Recorder(http.server.BaseHTTPRequestHandler):
    """Accepts writes only with the right credentials; remembers what it was sent."""

    seen: list[tuple[str, str, str | None, str | None]] = []
    wanted = "Bearer s3cret"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        auth = self.headers.get("Authorization")
        self.seen.append((self.command, self.path, self.headers.get("Content-Type"), auth))
        self.send_response(204 if auth == self.wanted else 401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recorder():
    Recorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/ds/data"
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_bearer_token_and_graph_parameter_are_sent(recorder, curated_build):
    report = curated_build.graph.push(recorder, token="s3cret")
    methods = {m for m, *_ in Recorder.seen}
    assert methods == {"PUT"} and len(Recorder.seen) == len(report.graphs) == 12  # the lexicon, 11 documents
    method, path, ctype, auth = Recorder.seen[-1]
    assert path == "/ds/data?graph=https%3A%2F%2Fw3id.org%2Frolegraph%2Fgraph%2Flexicon"
    assert ctype == "application/n-triples" and auth == "Bearer s3cret"


def test_basic_credentials_are_sent(recorder, curated_build, monkeypatch):
    import base64

    monkeypatch.setattr(Recorder, "wanted", "Basic " + base64.b64encode(b"ana:p@ss:word").decode())
    curated_build.graph.push(recorder, user="ana", password="p@ss:word")
    assert len(Recorder.seen) == 12


def test_a_refusal_names_the_endpoint_and_the_status(recorder, default_graph):
    with pytest.raises(PushError) as refused:
        default_graph.push(recorder, token="wrong")
    message = str(refused.value)
    assert recorder in message and "HTTP 401" in message and "--token" in message
    assert len(Recorder.seen) == 1  # stopped at the first refusal, no fallback on 401


def test_unreachable_store_and_bad_url_give_clear_errors(default_graph):
    port = serve.free_port()
    with pytest.raises(PushError, match=f"cannot reach http://127.0.0.1:{port}/store"):
        default_graph.push(f"http://127.0.0.1:{port}/store", timeout=5)
    with pytest.raises(rolegraph.RolegraphError, match="not an http"):
        default_graph.push("localhost:3030/ds/data")


class Redirector(http.server.BaseHTTPRequestHandler):
    """Answers every write with a redirect to ``target`` (another server on another port)."""

    target = ""
    status = 302

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(self.status)
        self.send_header("Location", self.target + self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_POST = do_GET = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.mark.parametrize("status", [302, 307])
def test_a_redirect_is_an_error_and_the_token_never_goes_elsewhere(recorder, curated_build, status,
                                                                   monkeypatch):
    monkeypatch.setattr(Redirector, "target", recorder.rsplit("/ds/data", 1)[0])
    monkeypatch.setattr(Redirector, "status", status)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirector)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/ds/data"
        with pytest.raises(PushError) as refused:
            curated_build.graph.push(url, token="s3cret")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    message = str(refused.value)
    assert f"redirect (HTTP {status})" in message and url in message and recorder.split("/ds")[0] in message
    assert Recorder.seen == []  # nothing, and no token, reached the other host


def test_credentials_in_the_url_are_used_and_never_printed(recorder, curated_build, monkeypatch):
    import base64

    monkeypatch.setattr(Recorder, "wanted", "Basic " + base64.b64encode(b"ana:t0ps3cret").decode())
    with_user = recorder.replace("http://", "http://ana:t0ps3cret@")
    report = curated_build.graph.push(with_user)
    assert len(Recorder.seen) == 12 and "t0ps3cret" not in report.endpoint
    monkeypatch.setattr(Recorder, "wanted", "nobody")
    with pytest.raises(PushError) as refused:
        curated_build.graph.push(with_user)
    assert "HTTP 401" in str(refused.value) and "t0ps3cret" not in str(refused.value)
    port = serve.free_port()
    with pytest.raises(PushError) as unreachable:
        curated_build.graph.push(f"http://ana:t0ps3cret@127.0.0.1:{port}/store", timeout=5)
    assert "t0ps3cret" not in str(unreachable.value) and "cannot reach" in str(unreachable.value)


def test_graph_store_uploads_are_not_bound_by_the_query_size_limit(tmp_path, curated_build):
    """The query size limit is for queries and updates: a writable endpoint takes large graph uploads."""
    serve.oxigraph_binary()
    db = tmp_path / "db"
    db.mkdir()
    with serve.start(db, port=serve.free_port(), writable=True, max_query_bytes=10_000) as ep:
        report = curated_build.graph.push(ep.store_url, batch_size=2000)
        assert report.protocol == "graph-store" and report.triples == len(curated_build.graph)
        assert remote_rows(ep, TRANSITIONS) == local_rows(curated_build.graph, TRANSITIONS)
