"""The SPARQL endpoint: Oxigraph's server on loopback, read-only, answering as the in-process store."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

import pytest

from rolegraph.errors import RolegraphError

serve = pytest.importorskip("rolegraph.serve")
SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

QUERY = """PREFIX rg: <https://w3id.org/rolegraph/ontology#>
SELECT ?a ?b WHERE { ?a rg:canTransitionTo ?b } ORDER BY ?a ?b"""


@pytest.fixture(scope="module")
def endpoint(default_build, tmp_path_factory):
    serve.oxigraph_binary()  # fails the module clearly if the server is missing
    db = serve.prepare_database(default_build.files["nquads"], tmp_path_factory.mktemp("db") / "oxigraph")
    with serve.start(db, port=serve.free_port()) as ep:
        yield ep
    assert ep.process.poll() is not None  # stopped


def test_sparqlwrapper_gets_the_same_rows_as_the_in_process_query(endpoint, default_build):
    client = SPARQLWrapper.SPARQLWrapper(endpoint.query_url)
    client.setQuery(QUERY)
    client.setReturnFormat(SPARQLWrapper.JSON)
    remote = [(b["a"]["value"], b["b"]["value"]) for b in client.query().convert()["results"]["bindings"]]
    local = [(str(r["a"].value), str(r["b"].value)) for r in default_build.graph.query(QUERY, prefixes=False)]
    assert remote == local and len(remote) > 40


def test_results_follow_the_accept_header(endpoint):
    import urllib.parse

    url = endpoint.query_url + "?" + urllib.parse.urlencode({"query": QUERY})
    request = urllib.request.Request(url, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.headers["Content-Type"].startswith("text/csv")
        lines = answer.read().decode().splitlines()
    assert lines[0] == "a,b" and len(lines) > 40


def test_updates_are_refused(endpoint, default_build):
    data = b"update=INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    request = urllib.request.Request(endpoint.update_url, data=data,
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code in (403, 404, 405)
    ask = urllib.request.Request(endpoint.query_url + "?query=ASK%7B%3Curn%3Ax%3E%3Fp%3Fo%7D",
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(ask, timeout=10) as answer:
        assert b'"boolean":false' in answer.read().replace(b" ", b"")


def test_a_taken_port_and_a_missing_build_are_clear_errors(tmp_path, endpoint):
    with pytest.raises(RolegraphError, match=f"port {endpoint.port} on 127.0.0.1 is already in use"):
        serve.start(tmp_path, port=endpoint.port)
    with pytest.raises(RolegraphError, match="no built graph here; run 'rolegraph build' first"):
        serve.prepare_database(tmp_path / "graph.nq", tmp_path / "db")


def test_an_unchanged_graph_is_not_loaded_twice(default_build, tmp_path):
    db = serve.prepare_database(default_build.files["nquads"], tmp_path / "db")
    marker = db / "marker"
    marker.write_text("kept")
    assert serve.prepare_database(default_build.files["nquads"], tmp_path / "db") == db
    assert marker.exists()


def _outward_address() -> str | None:
    """This machine's address on its network, if it has one (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
        except OSError:
            return None


def test_the_server_listens_on_loopback_only(endpoint):
    assert f"127.0.0.1:{endpoint.port}" in endpoint.process.args
    outward = _outward_address()
    if outward is None or outward.startswith("127."):
        pytest.skip("this machine has no non-loopback address to try")
    with pytest.raises(OSError):
        socket.create_connection((outward, endpoint.port), timeout=2).close()


def test_the_serve_command_prints_its_url_and_stops_its_server_on_sigterm(default_build):
    import signal
    import subprocess
    import sys
    import time

    port = serve.free_port()
    cmd = [sys.executable, "-m", "rolegraph.cli", "serve", "-o", str(default_build.out_dir), "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        assert first.strip().endswith(f"(read-only) at http://127.0.0.1:{port}/query"), first
        for _ in range(100):  # bounded: the server answers as soon as it prints
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    time.sleep(0.2)
    with pytest.raises(OSError):  # the Oxigraph server went with it
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
