"""The SPARQL endpoint and the pages on one port: Oxigraph's server behind rolegraph's front, on
loopback, read-only, answering as the in-process store."""

from __future__ import annotations

import socket
import urllib.parse
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from rolegraph.errors import RolegraphError

serve = pytest.importorskip("rolegraph.http.serve")
SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

QUERY = """PREFIX rg: <https://w3id.org/rolegraph/ontology#>
SELECT ?a ?b WHERE { ?a rg:canTransitionTo ?b } ORDER BY ?a ?b"""


@pytest.fixture(scope="module")
def endpoint(default_build, tmp_path_factory, write_site_of):
    serve.oxigraph_binary()  # fails the module clearly if the server is missing
    nquads = default_build.files["nquads"]
    db = serve.prepare_database(nquads, tmp_path_factory.mktemp("db") / "oxigraph")
    site = serve.prepare_site(nquads, tmp_path_factory.mktemp("site"), write=write_site_of(nquads))
    with serve.start(db, site=site, port=serve.free_port()) as ep:
        yield ep
    assert ep.process.poll() is not None  # Oxigraph stopped
    with pytest.raises(OSError):  # and the front too
        socket.create_connection(("127.0.0.1", ep.port), timeout=1).close()


def _get(url: str, accept: str = "*/*", data: bytes | None = None, **headers):
    request = urllib.request.Request(url, data=data, headers={"Accept": accept, **headers})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.status, answer.headers, answer.read()


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
    assert refused.value.code == 403 and b"read-only" in refused.value.read()
    put = urllib.request.Request(endpoint.store_url + "?default", data=b"<urn:x> <urn:y> <urn:z> .", method="PUT",
                                 headers={"Content-Type": "application/n-triples"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(put, timeout=10)
    assert refused.value.code == 403
    assert "serve-read-only" in endpoint.process.args  # and Oxigraph behind it would refuse them too
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


def test_the_servers_listen_on_loopback_only(endpoint):
    assert f"127.0.0.1:{endpoint.oxigraph.port}" in endpoint.process.args
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
        assert first.strip().endswith(f"(read-only): SPARQL at http://127.0.0.1:{port}/query"), first
        assert proc.stdout.readline().strip() == f"Pages at http://127.0.0.1:{port}/"
        for _ in range(100):  # bounded: the server answers as soon as it prints
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(proc.pid)],
                                  capture_output=True, text=True).stdout.split()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    time.sleep(0.2)
    with pytest.raises(OSError):  # the servers went with it
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    assert children and all(not Path(f"/proc/{pid}").exists() for pid in children)  # Oxigraph too


def test_pages_and_sparql_share_one_port(endpoint):
    status, headers, body = _get(endpoint.url + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"Lead Developer" in body
    status, headers, body = _get(endpoint.url + "/roles/lead-developer.html")
    assert status == 200 and b"vis-network.min.js" in body
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, body = _get(endpoint.url + "/lib/rolegraph.js")
    assert status == 200 and "javascript" in headers["Content-Type"]
    # /sparql is the same endpoint as /query, for clients that try it first.
    query = urllib.parse.urlencode({"query": QUERY})
    assert _get(endpoint.url + "/sparql?" + query, "text/csv")[2] == _get(endpoint.query_url + "?" + query, "text/csv")[2]


def test_answers_pass_through_the_front_unchanged(endpoint):
    construct = "CONSTRUCT { ?a ?p ?b } WHERE { ?a ?p ?b } LIMIT 5"
    status, headers, body = _get(endpoint.query_url, "text/turtle", urllib.parse.urlencode({"query": construct}).encode(),
                                 **{"Content-Type": "application/x-www-form-urlencoded"})
    assert headers["Content-Type"].startswith("text/turtle") and body.count(b" .") >= 1
    status, headers, body = _get(endpoint.query_url, "application/sparql-results+xml", b"ASK { ?s ?p ?o }",
                                 **{"Content-Type": "application/sparql-query"})
    assert b"<boolean>true</boolean>" in body
    # Oxigraph's own error for a bad query comes back as it is, status included.
    with pytest.raises(urllib.error.HTTPError) as bad:
        _get(endpoint.query_url + "?query=SELEKT", "application/sparql-results+json")
    assert bad.value.code == 400 and bad.value.read()
    # The service description names the address the client used, not Oxigraph's internal one.
    description = _get(endpoint.query_url, "application/n-triples")[2].decode()
    assert f"<{endpoint.query_url}>" in description and str(endpoint.oxigraph.port) not in description


def test_files_outside_the_site_are_not_served(endpoint):
    for path in ("/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
                 "/roles/../../db/CURRENT"):
        with socket.create_connection(("127.0.0.1", endpoint.port), timeout=5) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{endpoint.port}\r\nConnection: close\r\n\r\n".encode())
            reply = b""
            while chunk := s.recv(65536):
                reply += chunk
        assert reply.split(b" ", 2)[1] in (b"400", b"403", b"404"), (path, reply[:200])
        assert b"root:" not in reply


def test_the_site_is_written_once_per_graph_and_language(default_build, tmp_path, write_site_of):
    nquads = default_build.files["nquads"]
    site = serve.prepare_site(nquads, tmp_path / "site", write=write_site_of(nquads))
    marker = site / "marker"
    marker.write_text("kept")
    index = (site / "index.html").stat().st_mtime_ns
    assert serve.prepare_site(nquads, tmp_path / "site", write=write_site_of(nquads)) == site
    assert (site / "index.html").stat().st_mtime_ns == index
    serve.prepare_site(nquads, tmp_path / "site", lang="fr", write=write_site_of(nquads, lang="fr"))
    assert 'lang="fr"' in (site / "index.html").read_text(encoding="utf-8")


def test_the_usual_prefixes_need_no_declaration_at_the_endpoint(endpoint, default_build):
    bare = "SELECT (COUNT(DISTINCT ?r) AS ?n) { ?r a rg:Role ; skos:prefLabel ?l }"
    for data in (urllib.parse.urlencode({"query": bare}).encode(), None):
        url = endpoint.query_url + ("" if data else "?" + urllib.parse.urlencode({"query": bare}))
        status, _headers, body = _get(url, "text/csv", data=data)
        assert status == 200 and int(body.decode().split()[1]) > 200
    status, _headers, body = _get(endpoint.query_url, "text/csv", data=bare.encode(),
                                  **{"Content-Type": "application/sparql-query"})
    assert status == 200 and int(body.decode().split()[1]) > 200
