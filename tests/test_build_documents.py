"""Building with documents: one named graph each, replaced when changed, removed when deleted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from rolegraph.builds import build
from rolegraph.cli import app
from rolegraph.locations import data_dir
from rolegraph.graph.iris import doc_graph_iri

HERE = Path(__file__).parent
runner = CliRunner()


def _graphs(result) -> set[str]:
    rows = result.graph.store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {str(r["g"].value) for r in rows}


def _triples_in(result, name: str) -> int:
    rows = result.graph.store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }" % doc_graph_iri(name))
    return int(next(iter(rows))["n"].value)


def test_documents_get_named_graphs_and_follow_their_files(tmp_path, curated_lexicon):
    docs = tmp_path / "docs"
    shutil.copytree(HERE / "documents", docs)
    out = tmp_path / "out"
    first = build(out, [docs], lexicon=curated_lexicon)
    count = len(list(docs.iterdir()))
    assert len(first.update.added) == count and first.update.failed == []
    assert str(doc_graph_iri("en_data_engineer.md")) in _graphs(first)
    assert first.graph.validate() == []

    # a changed document replaces its facts, the others stay unchanged
    path = docs / "en_data_engineer.md"
    path.write_text(path.read_text() + "\n- Cloud Architect\n")
    second = build(out, [docs], lexicon=curated_lexicon)
    assert (second.update.updated, len(second.update.unchanged)) == ([str(path.resolve())], count - 1)
    assert second.changed == 1  # only that document's graph was written again
    rows = second.graph.query("ASK { role:data-engineer rg:canTransitionTo role:cloud-architect }")
    assert rows

    # a deleted document loses its named graph
    path.unlink()
    third = build(out, [docs], lexicon=curated_lexicon)
    assert third.update.removed == [str(path.resolve())]
    assert _triples_in(third, "en_data_engineer.md") == 0
    assert _triples_in(third, "en_sre_prose.txt") > 0


def test_bad_files_are_reported_and_the_rest_is_built(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(HERE / "documents" / "fr_admin_systemes.txt", docs)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "image.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(docs), "-o", str(out)])
    assert result.exit_code == 1
    assert f"error: {(docs / 'empty.txt').resolve()}: empty: no text to extract" in result.output
    assert "image.txt: binary file" in result.output
    assert "1 added, 0 updated, 0 unchanged, 0 removed, 2 failed" in result.output
    assert (out / "graph.nq").exists()
    assert "fr_admin_systemes" in (out / "graph.nq").read_text()


def test_extract_json_is_what_the_scorer_reads(tmp_path):
    result = runner.invoke(app, ["extract", str(HERE / "documents" / "fr_developpeur_backend.md"), "--json"])
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.output)
    assert doc["doc"] == "fr_developpeur_backend.md" and doc["language"] == "fr"
    salary = doc["salaries"][0]
    assert (salary["min"], salary["max"], salary["currency"], salary["basis"]) == (35000, 42000, "EUR", "gross")
    ev = salary["evidence"][0]
    text = (HERE / "documents" / "fr_developpeur_backend.md").read_text()
    assert text[ev["start"]:ev["end"]] == ev["quote"] == "35 000 et 42 000 €"
    assert {"from": "Back-end Developer", "to": "Lead Developer"}.items() <= doc["transitions"][0].items()


def test_extract_json_streams_one_document_at_a_time(tmp_path):
    """Each document is written as soon as it is extracted; the whole is still one JSON array,
    the same text json.dumps gives, and a document that fails does not spoil the others."""
    from rolegraph.cli.documents import _JsonArray

    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("en_security_engineer.txt", "fr_developpeur_backend.md"):
        shutil.copy(HERE / "documents" / name, docs)
    (docs / "zz_empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["extract", str(docs), "--json"])
    assert result.exit_code == 2  # bad input: one document could not be read
    out = result.stdout if hasattr(result, "stdout") else result.output
    data = json.loads(out[:out.rindex("]") + 1])
    assert [d["doc"] for d in data] == ["en_security_engineer.txt", "fr_developpeur_backend.md"]
    assert out[:out.rindex("]") + 1] == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)

    for items in ([], [{"a": 1}], [{"a": 1}, {"b": [1, 2]}]):
        written: list[str] = []
        stream = _JsonArray(written.append)
        for item in items:
            stream.add(item)
            assert written, "each document is written as it comes"
        stream.close()
        assert "".join(written) == json.dumps(items, indent=2, sort_keys=True) + "\n"


def test_extract_summary_and_missing_path(tmp_path):
    result = runner.invoke(app, ["extract", str(HERE / "documents" / "en_security_engineer.txt"),
                                 str(tmp_path / "missing.txt")])
    assert result.exit_code == 2  # a missing path is bad input
    lines = result.output.splitlines()
    assert lines[0].startswith("en_security_engineer.txt (en, about Security Engineer): ")
    assert "  transition: IT Support Technician -> Security Engineer" in lines
    assert "  transition: Security Engineer -> Chief Information Security Officer" in lines
    assert not any(line.endswith("Chief Information Security Officer -> Security Engineer") for line in lines)
    assert f"error: {tmp_path / 'missing.txt'}: no such file or folder" in lines


def test_two_processes_build_the_same_graph_as_one(tmp_path, curated_lexicon):
    one = build(tmp_path / "one", [HERE / "documents"], lexicon=curated_lexicon, formats=["nquads"])
    two = build(tmp_path / "two", [HERE / "documents"], jobs=2, lexicon=curated_lexicon, formats=["nquads"])
    assert one.files["nquads"].read_bytes() == two.files["nquads"].read_bytes()


def test_an_edit_that_keeps_size_and_date_is_still_seen(tmp_path, curated_lexicon):
    import os

    docs = tmp_path / "docs"
    docs.mkdir()
    path = docs / "en_data_engineer.md"
    shutil.copy(HERE / "documents" / path.name, path)
    out = tmp_path / "out"
    build(out, [docs], lexicon=curated_lexicon, formats=[])
    st = path.stat()
    text = path.read_text()
    path.write_text(text.replace("Data Architect", "Data Architekt"))  # same length
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    again = build(out, [docs], lexicon=curated_lexicon, formats=[])
    assert again.update.updated == [str(path.resolve())]


def test_build_counts_match_the_loaded_graph(tmp_path, curated_lexicon):
    result = build(tmp_path / "out", [HERE / "documents"], lexicon=curated_lexicon, formats=[])
    assert result.counts == result.graph.stats()
    assert result.counts["quads"] >= result.counts["triples"] > 5000
    shipped = len(list((data_dir() / "facts").glob("*.toml")))
    assert result.counts["Document"] == shipped + len(list((HERE / "documents").iterdir()))


def test_outputs_are_readable_by_others_per_the_umask(tmp_path, curated_lexicon):
    import os

    old = os.umask(0o022)
    try:
        files = build(tmp_path / "out", lexicon=curated_lexicon).files
    finally:
        os.umask(old)
    for path in files.values():
        assert path.stat().st_mode & 0o777 == 0o644, path


def test_parallel_conversion_writes_the_same_bytes(tmp_path, monkeypatch, curated_lexicon):
    from rolegraph.graph import export

    one = build(tmp_path / "one", lexicon=curated_lexicon).files
    monkeypatch.setattr(export, "_PARALLEL_FROM", 0)
    two = build(tmp_path / "two", jobs=2, lexicon=curated_lexicon).files
    for fmt in ("turtle", "json-ld"):
        assert one[fmt].read_bytes() == two[fmt].read_bytes(), fmt


def test_extract_facts_writes_reviewable_toml_that_loads_back(tmp_path):
    from rolegraph.knowledge.facts import load_facts_file
    from rolegraph.knowledge.lexicon import load_lexicon

    docs = tmp_path / "docs"
    docs.mkdir()
    hostile = docs / "evil name;$(rm).md"
    shutil.copy(HERE / "documents" / "en_data_engineer.md", hostile)
    out = tmp_path / "facts"
    result = runner.invoke(app, ["extract", str(docs), "--facts", str(out), "--quotes"])
    assert result.exit_code == 0, result.output
    (written,) = out.iterdir()
    assert written.name == "evil-name-rm.toml"
    text = written.read_text()
    assert "# Data Architect\n[[transition]]" in text  # the quote comment before the entry
    facts = load_facts_file(written, load_lexicon())
    assert facts.document.about == "data-engineer"
    assert ("data-engineer", "data-architect") in {(t.source.id, t.target.id) for t in facts.transitions}


def test_extract_facts_keeps_documents_with_clashing_names_apart(tmp_path):
    docs = tmp_path / "docs"
    for sub in ("a", "b", "c"):
        (docs / sub).mkdir(parents=True)
    # "job-2" is taken first, so the third "job" must not be renamed to it
    shutil.copy(HERE / "documents" / "en_sre_prose.txt", docs / "a" / "job-2.txt")
    shutil.copy(HERE / "documents" / "en_data_engineer.md", docs / "b" / "job.md")
    shutil.copy(HERE / "documents" / "en_data_engineer.md", docs / "c" / "job.md")
    out = tmp_path / "facts"
    result = runner.invoke(app, ["extract", str(docs), "--facts", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["job-2.toml", "job-3.toml", "job.toml"]
