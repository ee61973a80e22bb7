"""Faults and attacks: hostile file names, a chatty SPARQL server, redirects on push, oversized
and federated queries, foreign Host headers. Servers bind to 127.0.0.1 and stop inside the tests."""

from __future__ import annotations

import os
import shutil
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolegraph.cli import app

runner = CliRunner()
DOCS = Path(__file__).parent / "documents"


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_one_error_and_the_others_are_built(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(DOCS / "en_data_engineer.md", docs / "en_data_engineer.md")
    bad = os.path.join(os.fsencode(docs), b"bad\xffname\n.txt")
    with open(bad, "wb") as fh:
        fh.write((DOCS / "fr_admin_systemes.txt").read_bytes())
    result = runner.invoke(app, ["build", str(docs), "-o", str(tmp_path / "out"), "--formats", "nquads",
                                 "--json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "bad\\xffname\\n.txt: the file's name is not valid UTF-8" in lines[0]
    nq = (tmp_path / "out" / "graph.nq").read_text(encoding="utf-8")
    assert "en_data_engineer" in nq and "badname" not in nq.replace("\\", "")


def _threads(pid: int) -> int:
    with open(f"/proc/{pid}/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("Threads:"))


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="counts threads through /proc")
def test_a_server_that_logs_thousands_of_lines_keeps_answering(default_build, tmp_path):
    """Oxigraph writes a line per failed federated call or dropped client: 200 KB of them must
    not fill a pipe and stall the server (it once hung after about 64 KB)."""
    serve = pytest.importorskip("rolegraph.http.serve")
    serve.oxigraph_binary()
    db = serve.prepare_database(default_build.files["nquads"], tmp_path / "oxigraph")
    log = tmp_path / "serve.log"
    with serve.start(db, port=serve.free_port(), timeout_s=2, log=log) as ep:
        inside = ep.oxigraph.url + "/query?query="
        failing = inside + urllib.parse.quote("SELECT * { SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }")
        before = _threads(ep.process.pid)

        stalled = []

        def fail_once(_):
            if stalled:  # the server stopped answering: no point sending the rest
                return
            try:
                urllib.request.urlopen(failing, timeout=5).read()
            except urllib.error.HTTPError:
                pass
            except OSError as exc:  # a timeout: the server is stuck
                stalled.append(exc)

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(fail_once, range(2000)))
        assert not stalled, f"the server stopped answering: {stalled[0]}"
        started = time.monotonic()
        ok = urllib.request.urlopen(ep.query_url + "?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"),
                                    timeout=10)
        assert ok.status == 200 and time.monotonic() - started < 2
        deadline = time.monotonic() + 15  # each query's thread lives out the 2 s limit, then ends
        while _threads(ep.process.pid) > before + 16 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _threads(ep.process.pid) <= before + 16
        assert ep.oxigraph.log.count >= 2000
    assert log.stat().st_size > 100_000 and "port 1" in log.read_text()


@pytest.fixture(scope="module")
def bounded(default_build, tmp_path_factory, write_site_of):
    """An endpoint with small bounds: 10 KB queries, 2 MB answers, 3 s."""
    serve = pytest.importorskip("rolegraph.http.serve")
    serve.oxigraph_binary()
    nquads = default_build.files["nquads"]
    db = serve.prepare_database(nquads, tmp_path_factory.mktemp("db") / "oxigraph")
    site = serve.prepare_site(nquads, tmp_path_factory.mktemp("site"), write=write_site_of(nquads))
    with serve.start(db, site=site, port=serve.free_port(), timeout_s=3, max_query_bytes=10_000,
                     max_answer_bytes=2_000_000) as ep:
        yield ep


def _raw(ep, request: bytes, limit: float = 30) -> bytes:
    """Send ``request`` as it is and read the whole reply, until the server closes (bounded in time)."""
    import socket

    reply = b""
    deadline = time.monotonic() + limit
    with socket.create_connection(("127.0.0.1", ep.port), timeout=10) as s:
        s.sendall(request)
        while time.monotonic() < deadline:
            chunk = s.recv(65536)
            if not chunk:
                break
            reply += chunk
    return reply


def _status(ep, path: str, *, method: str = "GET", body: bytes = b"", host: str | None = None,
            headers: str = "") -> tuple[int, bytes]:
    host = host or f"127.0.0.1:{ep.port}"
    length = f"Content-Length: {len(body)}\r\n" if body or method == "POST" else ""
    reply = _raw(ep, f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n{headers}{length}Connection: close\r\n\r\n"
                 .encode() + body)
    return int(reply.split(b" ", 2)[1]), reply


def test_queries_over_the_size_limit_are_refused_before_oxigraph(bounded, caplog):
    long_query = "SELECT * { ?s ?p ?o FILTER(?o != " + "+".join(["1"] * 6000) + ") } LIMIT 1"
    code, reply = _status(bounded, "/query?query=" + urllib.parse.quote(long_query))
    assert code == 414 and b"POST" in reply
    huge = "/query?query=" + "x" * 200_000  # beyond what the front reads of a request line
    assert _status(bounded, huge)[0] in (400, 414)
    assert not [r for r in caplog.records if r.exc_info]  # refused without a traceback
    form = ("query=" + urllib.parse.quote(long_query)).encode()
    code, reply = _status(bounded, "/query", method="POST", body=form,
                          headers="Content-Type: application/x-www-form-urlencoded\r\n")
    assert code == 413 and b"10,000 bytes" in reply
    chunked = (b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
               b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    piece = b"# " + b"x" * 4000 + b"\n"
    chunked += b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for _ in range(4)) + b"0\r\n\r\n"
    assert int(_raw(bounded, chunked).split(b" ", 2)[1]) == 413  # no Content-Length: counted as read
    small = "SELECT * { ?s ?p ?o } LIMIT 1"
    assert _status(bounded, "/query?query=" + urllib.parse.quote(small))[0] == 200


def test_an_endless_answer_is_cut_at_the_byte_bound(bounded):
    cartesian = "SELECT * { ?a ?b ?c . ?d ?e ?f }"
    started = time.monotonic()
    reply = _raw(bounded, f"GET /query?query={urllib.parse.quote(cartesian)} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          f"Accept: text/csv\r\nConnection: close\r\n\r\n".encode())
    assert reply.startswith(b"HTTP/1.1 200")
    assert 1_000_000 < len(reply) < 2_500_000  # cut near 2 MB, not the 90,000² rows
    assert not reply.endswith(b"0\r\n\r\n")  # no final chunk: the client knows the answer is incomplete
    assert time.monotonic() - started < 10
    ok = urllib.request.urlopen(bounded.query_url + "?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"), timeout=10)
    assert ok.status == 200


@pytest.mark.parametrize("how", ["get", "form", "body", "escaped"])
def test_federated_queries_are_refused_by_default(bounded, how):
    query = "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    if how == "escaped":
        query = query.replace("SERVICE", "\\u0053ERVICE")
    if how in ("get", "escaped"):
        code, reply = _status(bounded, "/query?query=" + urllib.parse.quote(query))
    elif how == "form":
        code, reply = _status(bounded, "/sparql", method="POST", body=("query=" + urllib.parse.quote(query)).encode(),
                              headers="Content-Type: application/x-www-form-urlencoded\r\n")
    else:
        code, reply = _status(bounded, "/query", method="POST", body=query.encode(),
                              headers="Content-Type: application/sparql-query\r\n")
    assert code == 403 and b"--allow-federated" in reply
    assert bounded.oxigraph.log is None or "9/sparql" not in bounded.oxigraph.log.tail()


def test_the_word_service_in_a_string_or_a_name_is_no_federated_query(bounded):
    query = 'SELECT ?service { ?service ?p "customer SERVICE desk" } LIMIT 1'
    assert _status(bounded, "/query?query=" + urllib.parse.quote(query))[0] == 200


def test_only_loopback_host_names_are_answered(bounded):
    assert _status(bounded, "/", host="rebound.example:80")[0] == 421
    assert _status(bounded, "/query?query=ASK%7B%7D", host="evil.example")[0] == 421
    assert _status(bounded, "/", host=f"localhost:{bounded.port}")[0] == 200
    assert _status(bounded, "/", host="[::1]")[0] == 200


def test_pages_carry_a_content_security_policy_and_no_server_version(bounded):
    code, reply = _status(bounded, "/")
    head = reply.split(b"\r\n\r\n", 1)[0].decode()
    assert code == 200 and "Content-Security-Policy: default-src 'none'; script-src 'self'" in head
    server = next(line for line in head.splitlines() if line.lower().startswith("server:"))
    assert server == "Server: rolegraph"  # neither aiohttp's nor Python's version


def test_wrong_methods_get_405_with_allow_and_bad_accept_headers_no_traceback(bounded, capfd):
    code, reply = _status(bounded, "/query", method="PATCH")
    assert code == 405 and b"Allow: GET, HEAD, POST, OPTIONS" in reply
    code, _reply = _status(bounded, "/query?query=" + urllib.parse.quote("SELECT * { ?s ?p ?o } LIMIT 1"),
                           headers="Accept: ;;;q=x, */*;q=abc\r\n")
    assert code in (200, 400, 406)
    assert "Traceback" not in capfd.readouterr().err


# Generated inputs, each in a small and a four times larger size. Written for these tests: the
# sentences are the project's own.
_GROWING = {
    "prose": lambda n: ("The data engineer builds pipelines in Python and reports to the CTO. " * n, "p.txt"),
    "nested html": lambda n: ("<div>" * (40 * n) + "<h2>Skills</h2><p>Python</p>" + "</div>" * (40 * n), "d.html"),
    "list items": lambda n: ("<ul>" + "<li>Manage Kubernetes clusters and Python services</li>" * n + "</ul>",
                             "l.html"),
    "career lines": lambda n: ("- Lead Developer → CTO after 5 years\n" * n, "m.md"),
}


@pytest.fixture(scope="module")
def warm_extractor(lexicon):
    from rolegraph.extract import Extractor
    from rolegraph.sources import parse_document

    extractor = Extractor(lexicon)
    extractor.extract(parse_document(b"Warm-up: the CTO leads the team.", "w.txt"))
    return extractor


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(_GROWING))
def test_reading_and_extraction_time_grow_linearly_with_size(kind, warm_extractor):
    """Four times the input may take about four times as long, never sixteen (as nested markup
    once did: 40,000 nested <div> read in 5 s, 100,000 in 67 s)."""
    from rolegraph.sources import parse_document

    extractor = warm_extractor

    def seconds(n: int) -> float:
        text, name = _GROWING[kind](n)
        best = float("inf")
        for _ in range(2):
            started = time.perf_counter()
            extractor.extract(parse_document(text.encode(), name))
            best = min(best, time.perf_counter() - started)
        return best

    small, large = seconds(1000), seconds(4000)
    assert large < 8 * max(small, 0.02), f"{kind}: {small:.3f} s, then {large:.3f} s for four times the input"


@pytest.mark.slow
def test_two_builds_on_one_folder_take_turns_and_leave_what_one_build_leaves(tmp_path):
    """With every format, two builds started together once crashed on a shared temporary name: the
    second now waits for the first (saying so), or stops at once with --no-wait; the folder ends
    as one build leaves it."""
    import subprocess

    exe = [sys.executable, "-m", "rolegraph.cli"]
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("en_data_engineer.md", "fr_admin_systemes.txt", "en_sre_prose.txt"):
        shutil.copy(DOCS / name, docs / name)
    out = tmp_path / "out"
    cmd = exe + ["build", str(docs), "-o", str(out), "--formats", "nquads,nt,turtle,json-ld"]
    first = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out / ".lock").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    second = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    refused = subprocess.run(cmd + ["--no-wait"], capture_output=True, text=True, timeout=120)
    first_err = first.communicate(timeout=300)[1]
    second_err = second.communicate(timeout=300)[1]
    assert first.returncode == 0, first_err
    assert refused.returncode == 2 and "another build is running" in refused.stderr
    assert second.returncode == 0 and "waiting for it" in second_err, second_err
    alone = tmp_path / "alone"
    subprocess.run(cmd[:6] + [str(alone)] + cmd[7:], check=True, capture_output=True, timeout=300)
    for name in ("graph.nq", "graph.nt", "graph.ttl", "graph.jsonld"):
        assert (out / name).read_bytes() == (alone / name).read_bytes(), name
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".lock"]


@pytest.mark.parametrize("edit, message", [
    (("forward = [", "forward = \"moves to\"\nold_forward = ["), "[transitions] forward: expected a list of strings, found a string"),
    (("[lists]\n", "[lists]\ncue = [\"x\"]\n"), "[lists] cue: unknown key"),
    (("[places]", "[extras]\nwords = []\n\n[places]"), "unknown table [extras]"),
])
def test_a_wrong_cue_file_is_a_one_line_error(data_copy, tmp_path, edit, message):
    from rolegraph.extract.cues import load_cues

    path = data_copy / "cues" / "en.toml"
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("The data engineer builds pipelines and later becomes a lead.", encoding="utf-8")
    load_cues.cache_clear()
    try:
        result = runner.invoke(app, ["extract", str(doc)])
    finally:
        load_cues.cache_clear()
    assert result.exit_code == 2, result.output
    assert message in result.output and str(path) in result.output
    assert "Traceback" not in result.output


def test_a_full_disk_during_a_build_is_one_line_and_the_previous_build_stays(tmp_path, monkeypatch):
    import errno

    from rolegraph.builds import open_folder, pipeline

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(DOCS / "en_data_engineer.md", docs / "a.md")
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(docs), "-o", str(out), "--formats", "nquads,turtle"]).exit_code == 0
    before = (out / "graph.ttl").read_bytes()
    shutil.copy(DOCS / "en_sre_prose.txt", docs / "b.txt")

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(out / ".graph.ttl.tmp"))

    monkeypatch.setattr(pipeline, "write_outputs", full)
    result = runner.invoke(app, ["build", str(docs), "-o", str(out), "--formats", "nquads,turtle"])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.strip()]
    assert errors == [f"error: cannot write {out / '.graph.ttl.tmp'}: No space left on device (the disk is full); "
                      "no file was left half-written: free some space and build again"]
    assert (out / "graph.ttl").read_bytes() == before
    assert open_folder(out).stats()["Role"] > 50


def test_what_is_not_read_is_said(tmp_path):
    """Unsupported files, an unreadable subfolder and an empty folder are reported, not skipped in silence."""
    docs = tmp_path / "docs"
    (docs / "locked").mkdir(parents=True)
    shutil.copy(DOCS / "en_data_engineer.md", docs / "a.md")
    (docs / "offer.pdf").write_bytes(b"%PDF-1.4 not read")
    (docs / "notes.docx").write_bytes(b"PK not read")
    (docs / "logo.png").write_bytes(b"\x89PNG")
    (docs / "locked" / "b.md").write_text("The CTO leads.", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    os.chmod(docs / "locked", 0)
    try:
        result = runner.invoke(app, ["extract", str(docs), str(empty)])
    finally:
        os.chmod(docs / "locked", 0o755)
    lines = result.output.splitlines()
    assert any("offer.pdf: .pdf is not read" in line for line in lines)
    assert any("notes.docx: .docx is not read" in line for line in lines)
    assert "skipped 1 other file (rolegraph reads" in result.output
    assert f"error: {empty}: no documents in this folder" in result.output
    if os.geteuid() != 0:  # root reads any folder
        assert f"error: {docs / 'locked'}: cannot list folder" in result.output
    assert result.exit_code != 0


def test_no_nul_reaches_the_graph_and_an_empty_graph_file_is_an_error(tmp_path):
    from rolegraph.sources import parse_document

    text = "The data engineer builds pipelines. " * 3000 + "\x00 The CTO\x00 leads."  # NUL past 64 KB
    doc = parse_document(text.encode(), "late-nul.txt")
    assert "\x00" not in doc.text and doc.text.endswith("The CTO leads.")
    (tmp_path / "graph.nq").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--graph", str(tmp_path / "graph.nq")])
    assert result.exit_code == 2 and "holds no triples" in result.output


def test_reading_messages_say_what_happened(tmp_path):
    import codecs

    from rolegraph.errors import DocumentError
    from rolegraph.sources import read_document

    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Le directeur technique encadre les équipes.".encode("utf-16-le"))
    assert read_document(utf16).text.startswith("Le directeur technique")  # no byte-order mark: still text
    bad_bom = tmp_path / "bad.txt"
    bad_bom.write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")
    with pytest.raises(DocumentError, match=r"is not valid utf-16$"):
        read_document(bad_bom)
    big = tmp_path / "big.txt"
    big.write_text("x" * 100, encoding="utf-8")
    with pytest.raises(DocumentError) as too_large:
        read_document(big, max_bytes=10)
    assert "--max-size" not in str(too_large.value) and "split it" in str(too_large.value)


def test_no_served_file_names_the_build_folder(bounded, default_build):
    """The site folder holds a stamp naming the graph's absolute path: hidden files are not served,
    and no page holds the path."""
    site = bounded.site
    assert any(p.name.startswith(".") for p in site.iterdir())
    for hidden in (p for p in site.iterdir() if p.name.startswith(".")):
        assert _status(bounded, "/" + hidden.name)[0] == 404
    build_dir = str(default_build.out_dir.resolve())
    for path in ("/", "/careers.html", "/overview.html", "/roles/lead-developer.html", "/lib/rolegraph.js"):
        code, reply = _status(bounded, path)
        assert code == 200 and build_dir.encode() not in reply
