"""Shared fixtures: the shipped lexicon, a fresh build, and the seed documents when present."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from rolegraph.builds import build, load
from rolegraph.knowledge.lexicon import load_lexicon
from rolegraph.locations import data_dir

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "gold"


@pytest.fixture(scope="session")
def lexicon():
    return load_lexicon()


@pytest.fixture(scope="session")
def default_build(tmp_path_factory):
    """The default graph built once into a temporary folder."""
    return build(tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def default_graph(default_build):
    return default_build.graph


@pytest.fixture(scope="session")
def curated_lexicon():
    """The curated lexicon without the reference taxonomies: for tests about documents,
    pages or protocols, where a 90,000-triple graph only costs time."""
    return load_lexicon(reference=False)


@pytest.fixture(scope="session")
def curated_build(tmp_path_factory, curated_lexicon):
    """The shipped facts on the curated lexicon alone, built once."""
    return build(tmp_path_factory.mktemp("curated"), lexicon=curated_lexicon)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A writable copy of the shipped data folder, used by $ROLEGRAPH_DATA."""
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy)
    monkeypatch.setenv("ROLEGRAPH_DATA", str(copy))
    return copy


@pytest.fixture(scope="session")
def seeds_dir():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def write_site_of():
    """The page writer ``serve.prepare_site`` takes: load a graph file, write its site."""
    def writer(nquads, lang="en"):
        return lambda folder: load(nquads).site(folder, lang=lang)
    return writer


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright (a failure in CI when missing, a skip elsewhere)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it with apt-get")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@contextmanager
def serving(folder: Path, *options: str):
    """``rolegraph serve -o FOLDER`` on a free loopback port, as a user starts it; yields its URL and
    stops it (SIGTERM, then kill) on the way out."""
    from rolegraph.http.serve import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "rolegraph.cli", "serve", "-o", str(folder), "--port", str(port),
                             *options], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()  # printed once it answers
        assert "SPARQL at" in line, (line, proc.stderr.read() if proc.poll() is not None else "")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
