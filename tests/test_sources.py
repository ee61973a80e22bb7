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


def test_quotes_run_across_the_line_breaks_of_a_wrapped_paragraph(tmp_path):
    """A hard-wrapped paragraph is one block; a quote is its whole sentence, not one line of it."""
    from rolegraph.sources import read_document
    from rolegraph.sources.quotes import SourceTexts

    path = tmp_path / "wrapped.txt"
    path.write_text("Platform work\n\nOur new hire will tune the batch jobs. Day to day you will\n"
                    "run the cluster, review the alerting rules. You will\nalso mentor two juniors.\n",
                    encoding="utf-8")
    doc = read_document(path)
    texts = SourceTexts({doc.name: doc.sha256}, {doc.name: [path]})
    start = doc.text.index("cluster")
    assert texts.quote(doc.name, start, start + 7) == "Day to day you will run the cluster, review the alerting rules."
    start = doc.text.index("mentor")
    assert texts.quote(doc.name, start, start + 6) == "You will also mentor two juniors."
