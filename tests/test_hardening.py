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
