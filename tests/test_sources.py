"""Evidence quotes: found from the examples, a build's registered files or $ROLEGRAPH_SOURCES,
and only when the file's text still matches the graph's SHA-256."""

from __future__ import annotations

import shutil
from pathlib import Path

from rolegraph.builds import build, load

HERE = Path(__file__).parent


def _quotes(g, a, b, document):
    steps = [s for p in g.paths(a, b, k=1) for s in p.steps if (s.source, s.target) == (g.resolve(a), g.resolve(b))]
    return [ev.quote for s in steps for ev in s.evidence if ev.document == document]


def test_shipped_examples_are_quoted_with_their_sentence(default_graph):
    assert _quotes(default_graph, "software architect", "CTO", "en_software_architect.html") == [
        "Later, a Software Architect can become an Enterprise Architect or a Chief Technology Officer."]


def test_a_build_quotes_the_files_it_registered_and_not_edited_ones(tmp_path, curated_lexicon):
    docs = tmp_path / "docs"
    docs.mkdir()
    path = docs / "en_data_engineer.md"
    shutil.copy(HERE / "documents" / path.name, path)
    build(tmp_path / "out", [docs], lexicon=curated_lexicon, formats=[])
    g = load(tmp_path / "out")
    (quote,) = _quotes(g, "data engineer", "data architect", path.name)
    assert quote == "Data Architect"
    path.write_text(path.read_text().replace("Data Architect", "Data Architekt"))
    assert _quotes(load(tmp_path / "out"), "data engineer", "data architect", path.name) == [None]


def test_sources_folder_from_the_environment(tmp_path, monkeypatch, curated_lexicon):
    docs, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    docs.mkdir()
    elsewhere.mkdir()
    path = docs / "fr_admin_systemes.txt"
    shutil.copy(HERE / "documents" / path.name, path)
    build(tmp_path / "out", [docs], lexicon=curated_lexicon, formats=[])
    path.rename(elsewhere / path.name)  # the build's record now points nowhere
    assert _quotes(load(tmp_path / "out"), "devops engineer", "cloud architect", path.name) == [None]
    monkeypatch.setenv("ROLEGRAPH_SOURCES", str(elsewhere))
    (quote,) = _quotes(load(tmp_path / "out"), "devops engineer", "cloud architect", path.name)
    assert "Architecte cloud" in quote


def test_control_characters_never_reach_a_quote(tmp_path, curated_lexicon):
    docs = tmp_path / "docs"
    docs.mkdir()
    path = docs / "hostile.md"
    path.write_text("# Data Engineer\n\n## Career\n\nA data engineer can become a Data Architect \x1b]0;pwned\x07 soon.\n")
    build(tmp_path / "out", [docs], lexicon=curated_lexicon, formats=[])
    (quote,) = _quotes(load(tmp_path / "out"), "data engineer", "data architect", path.name)
    assert "\x1b" not in quote and "Data Architect" in quote
