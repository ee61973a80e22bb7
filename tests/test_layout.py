"""Layouts computed in Python: seniority reads bottom to top, nothing overlaps, same input, same picture."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rolegraph.pages import layout
from rolegraph.cli import app


def _levels(n):
    return {f"r{i}": i % 5 for i in range(n)}


def test_layered_puts_senior_rows_on_top_and_never_overlaps():
    levels = _levels(400)
    edges = [(f"r{i}", f"r{(i * 7) % 400}") for i in range(400)]
    pos = layout.layered(list(levels), edges, levels)
    assert len(set(pos.values())) == len(pos) == 400
    for a, b in edges:
        if levels[a] > levels[b]:
            assert pos[a][1] < pos[b][1]  # vis.js y grows downwards: higher level, smaller y
    assert layout.layered(list(levels), edges, levels) == pos  # deterministic


def test_unknown_levels_follow_their_neighbours():
    pos = layout.layered(["a", "b", "c"], [("a", "b"), ("b", "c")], {"a": 1, "b": None, "c": 5})
    assert pos["c"][1] < pos["b"][1] < pos["a"][1]


def test_bands_keep_items_beside_their_anchors_without_overlap():
    anchors = {f"r{i}": (0.0, i * 100.0) for i in range(10)}
    items = {f"s{i}": [f"r{i % 10}"] for i in range(60)}
    placed = layout.bands(items, anchors, side="left")
    assert len(set(placed.values())) == 60
    assert all(x < 0 for x, _ in placed.values())
    # An item tied to a lower anchor sits no higher than one tied to a higher anchor.
    assert placed["s9"][1] >= placed["s0"][1]


def test_site_and_viz_commands(default_build, tmp_path):
    runner = CliRunner()
    done = runner.invoke(app, ["site", "-g", str(default_build.out_dir), "-o", str(tmp_path / "s"), "--json"])
    assert done.exit_code == 0, done.output
    report = json.loads(done.output)
    assert report["pages"] == 3 + default_build.counts["Role"]
    assert (tmp_path / "s" / "roles" / "lead-developer.html").is_file()
    assert (tmp_path / "s" / "lib" / "vis-network.min.js").is_file()
    done = runner.invoke(app, ["viz", "path", "lead dev", "CEO", "-o", str(tmp_path / "p.html"),
                               "-g", str(default_build.out_dir)])
    assert done.exit_code == 0 and (tmp_path / "p.html").stat().st_size > 400_000  # vis.js inlined
    done = runner.invoke(app, ["site", "-g", str(default_build.out_dir), "--lang", "de"])
    assert done.exit_code != 0 and "use en or fr" in done.output
    done = runner.invoke(app, ["viz", "role", "nobody at all", "-o", str(tmp_path / "r.html"),
                               "-g", str(default_build.out_dir)])
    assert done.exit_code != 0 and "error:" in done.output and not (tmp_path / "r.html").exists()


def test_load_finds_the_build_beside_a_notebook_folder_and_says_which_graph(tmp_path, monkeypatch, curated_build):
    import shutil

    import rolegraph

    monkeypatch.delenv("ROLEGRAPH_HOME", raising=False)
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    shutil.copytree(curated_build.out_dir, project / "rolegraph-out")
    monkeypatch.chdir(project / "notebooks")  # where Jupyter runs a notebook
    g = rolegraph.load()
    assert str(project / "rolegraph-out" / "store") in repr(g)
    monkeypatch.chdir(tmp_path)
    assert rolegraph.locations.find_build_dir() == rolegraph.locations.Path("rolegraph-out")
