"""Shared fixtures: the shipped lexicon, a fresh build, and the seed documents when present."""

from __future__ import annotations

import shutil
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
