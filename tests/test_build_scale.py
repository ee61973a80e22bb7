"""Big builds: incremental work, indexes kept per graph, the N-Quads file spliced, and builds killed midway."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from rolegraph.ask.careers import CareerGraph
from rolegraph.ask.graph import count_graph
from rolegraph.ask.names import RoleIndex
from rolegraph.builds import build
from rolegraph.builds.folder import open_folder
from rolegraph.builds.store import BuildStore

HERE = Path(__file__).parent
SRC = Path(__file__).resolve().parents[1] / "src"


def _docs(tmp_path: Path, names=None) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in sorted((HERE / "documents").iterdir()):
        if names is None or path.name in names:
            shutil.copy(path, docs / path.name)
    return docs


def _edit(docs: Path) -> Path:
    path = docs / "en_data_engineer.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSome of them move on to become a Cloud Architect.\n",
                    encoding="utf-8")
    return path


def _edges(careers: CareerGraph):
    return sorted((a, b, sorted((k, str(v)) for k, v in e.items())) for a, b, e in careers.g.edges(data=True))


def _agrees_with_the_whole_store(out: Path) -> None:
    g = open_folder(out)
    saved = json.loads((out / "store" / "current.json").read_text())["counts"]
    assert saved == count_graph(g.store)
    assert g.roles.to_json() == RoleIndex.from_graph(g).to_json()
    fresh = CareerGraph(g)  # computed from the whole store, not the saved data
    assert sorted(g.careers.g.nodes(data=True)) == sorted(fresh.g.nodes(data=True))
    assert _edges(g.careers) == _edges(fresh)


def test_indexes_kept_per_graph_agree_with_the_whole_store(tmp_path, curated_lexicon):
    docs, out = _docs(tmp_path), tmp_path / "out"
    build(out, [docs], lexicon=curated_lexicon)
    _agrees_with_the_whole_store(out)
    _edit(docs)
    (docs / "en_sre_prose.txt").unlink()
    result = build(out, [docs], lexicon=curated_lexicon)
    assert result.changed == 2
    _agrees_with_the_whole_store(out)
    assert open_folder(out).careers.g.has_edge("data-engineer", "cloud-architect")


def test_summaries_in_batches_equal_one_pass_over_all_graphs(tmp_path, curated_lexicon, monkeypatch):
    """A build of many documents summarises its graphs in batches (bounded memory): the same summaries."""
    import pyoxigraph as ox

    from rolegraph.builds import summaries

    out = tmp_path / "out"
    build(out, [_docs(tmp_path)], lexicon=curated_lexicon)
    store = ox.Store.read_only(str(BuildStore(out).current()))
    graphs = sorted(g.value for g in store.named_graphs())
    monkeypatch.setattr(summaries, "_ONE_BY_ONE", 0)
    monkeypatch.setattr(summaries, "_BATCH", 3)
    batches = list(summaries.summarise_batches(store, graphs))
    assert len(batches) == -(-len(graphs) // 3) and max(map(len, batches)) == 3
    assert {g: s for b in batches for g, s in b.items()} == summaries.summarise(store)
    monkeypatch.setattr(summaries, "_ONE_BY_ONE", 1000)
    assert summaries.summarise(store, graphs) == summaries.summarise(store)


def test_a_rebuild_writes_the_bytes_a_fresh_build_writes(tmp_path, curated_lexicon):
    docs, out = _docs(tmp_path), tmp_path / "out"
    build(out, [docs], lexicon=curated_lexicon)
    _edit(docs)
    (docs / "fr_fiche_ux.txt").unlink()
    shutil.copy(HERE / "documents" / "fr_fiche_ux.txt", docs / "fr_fiche_ux_copy.txt")
    again = build(out, [docs], lexicon=curated_lexicon)
    assert again.changed == 3 and set(again.files) == {"nquads", "nt", "turtle", "json-ld"}
    fresh = build(tmp_path / "fresh", [docs], lexicon=curated_lexicon)
    for fmt, path in fresh.files.items():
        assert path.read_bytes() == again.files[fmt].read_bytes(), fmt
    lines = (out / "graph.nq").read_text(encoding="utf-8").splitlines()
    graphs = [line.rsplit(" ", 2)[-2] for line in lines]
    assert graphs == sorted(graphs)  # graph by graph, in IRI order


def test_an_edited_nquads_file_is_not_trusted(tmp_path, curated_lexicon):
    docs, out = _docs(tmp_path, {"en_data_engineer.md", "fr_fiche_ux.txt"}), tmp_path / "out"
    first = build(out, [docs], lexicon=curated_lexicon).files["nquads"].read_bytes()
    with open(out / "graph.nq", "ab") as fh:
        fh.write(b"<urn:x> <urn:y> <urn:z> <urn:g> .\n")
    _edit(docs)
    second = build(out, [docs], lexicon=curated_lexicon).files["nquads"].read_bytes()
    assert b"urn:x" not in second and second != first
    assert second == build(tmp_path / "fresh", [docs], lexicon=curated_lexicon).files["nquads"].read_bytes()


def test_formats_default_to_nquads_for_big_graphs(tmp_path, curated_lexicon, monkeypatch):
    import rolegraph.builds.pipeline as pipeline

    docs, out = _docs(tmp_path, {"en_data_engineer.md"}), tmp_path / "out"
    assert set(build(out, [docs], lexicon=curated_lexicon).files) == {"nquads", "nt", "turtle", "json-ld"}
    monkeypatch.setattr(pipeline, "BIG", 10)
    result = build(out, [docs], lexicon=curated_lexicon)
    assert set(result.files) == {"nquads"}
    assert sorted(p.name for p in out.glob("graph.*")) == ["graph.nq"]  # no stale file of an earlier build


# --- builds killed midway ----------------------------------------------------------------

# Run in a child process: patch one step of the build to kill the process (SIGKILL, as a power cut or the
# OOM killer would) the first time it runs, then build.
_KILLER = """
import os, signal, sys
sys.path.insert(0, {src!r})
import rolegraph.builds.pipeline as pipeline, rolegraph.builds.store as store, rolegraph.builds.nquads as nquads
import rolegraph.builds.corpus as corpus, rolegraph.graph.export as export
from rolegraph.knowledge.lexicon import load_lexicon
target = {target!r}
owner, name = {{"extraction": (corpus, "extract_file"), "store-update": (store.Generation, "replace"),
               "bulk-load": (store.Generation, "bulk"), "summaries": (pipeline, "combine"),
               "nquads": (nquads, "_copy"), "rename": (os, "replace"), "export": (export, "write_one")}}[target]
if target == "bulk-load":
    pipeline._BULK_GRAPHS = 1
real = getattr(owner, name)
calls = []
def dying(*args, **kwargs):
    calls.append(1)
    if len(calls) == {after}:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
setattr(owner, name, dying)
pipeline.build({out!r}, [{docs!r}], lexicon=load_lexicon(reference=False))
"""


def _killed_build(out: Path, docs: Path, target: str, after: int = 1) -> None:
    script = _KILLER.format(src=str(SRC), target=target, out=str(out), docs=str(docs), after=after)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]


@pytest.mark.parametrize("target, after", [("extraction", 2), ("store-update", 1), ("summaries", 1),
                                           ("rename", 1), ("rename", 3), ("rename", 4), ("nquads", 2),
                                           ("export", 1), ("export", 2)])
def test_a_build_killed_midway_leaves_a_graph_and_the_next_build_repairs(tmp_path, curated_lexicon,
                                                                         target, after):
    docs, out = _docs(tmp_path), tmp_path / "out"
    before = build(out, [docs], lexicon=curated_lexicon)
    old_nq = before.files["nquads"].read_bytes()
    old_generation = BuildStore(out).current().name
    _edit(docs)
    (docs / "en_sre_prose.txt").unlink()

    _killed_build(out, docs, target, after)

    # what a reader finds: the previous graph or the new one, whole
    g = open_folder(out)
    assert g.resolve("data engineer") == "data-engineer"
    assert len(g.paths("lead developer", "CTO")) >= 1
    new = g.careers.g.has_edge("data-engineer", "cloud-architect")
    assert new == (BuildStore(out).current().name != old_generation)
    nq = (out / "graph.nq").read_bytes()
    fresh = build(tmp_path / "fresh", [docs], lexicon=curated_lexicon)
    assert nq in (old_nq, fresh.files["nquads"].read_bytes())

    # the next build finishes the work: the same files as a build from scratch
    repaired = build(out, [docs], lexicon=curated_lexicon)
    for fmt, path in fresh.files.items():
        assert path.read_bytes() == repaired.files[fmt].read_bytes(), fmt
    _agrees_with_the_whole_store(out)
    assert open_folder(out).careers.g.has_edge("data-engineer", "cloud-architect")
    assert [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".lock"] == []
    assert [p.name for p in (out / "store").iterdir() if p.name.startswith(".")] == []


def test_a_first_build_killed_during_the_bulk_load_is_started_again(tmp_path, curated_lexicon, monkeypatch):
    import rolegraph.builds.pipeline as pipeline

    docs, out = _docs(tmp_path), tmp_path / "out"
    _killed_build(out, docs, "bulk-load", 1)  # a first build: every graph is loaded at once
    assert BuildStore(out).current() is None and not (out / "graph.nq").exists()
    monkeypatch.setattr(pipeline, "_BULK_GRAPHS", 1)  # the same path again, this time to the end
    result = build(out, [docs], lexicon=curated_lexicon)
    assert result.files["nquads"].read_bytes() == \
        build(tmp_path / "fresh", [docs], lexicon=curated_lexicon).files["nquads"].read_bytes()
    _agrees_with_the_whole_store(out)
