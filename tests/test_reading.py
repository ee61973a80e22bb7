"""Reading documents: encodings, formats, structure, language, and bad input."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolegraph.errors import DocumentError
from rolegraph.extract import Extractor
from rolegraph.sources import SourceDoc, detect_language, parse_text, read_document

FRENCH = "Le développeur évolue vers le poste de lead développeur après cinq années d'expérience."


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    lambda t: t.encode("cp1252"),
    lambda t: t.encode("latin-1"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "cp1252", "latin1"])
def test_encodings_decode_to_the_same_text(tmp_path, encode):
    path = tmp_path / "doc.txt"
    path.write_bytes(encode(FRENCH))
    doc = read_document(path)
    assert (doc.text, doc.language) == (FRENCH, "fr")


def test_html_keeps_headings_and_items_and_drops_chrome(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>t</title><script>var x='<h1>no</h1>';</script></head><body>"
                    "<nav>Home | Jobs</nav><h1>Data Engineer</h1><p>Builds <b>pipelines</b>.</p>"
                    "<ul><li>SQL</li><li>Python</li></ul><footer>© site</footer></body></html>")
    doc = read_document(path)
    assert doc.text == "# Data Engineer\nBuilds pipelines.\n- SQL\n- Python"
    assert [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks] == [
        ("heading", "Data Engineer"), ("para", "Builds pipelines."), ("item", "SQL"), ("item", "Python")]


def test_deeply_nested_html_is_read_without_recursion(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 20000 + "<h2>Skills</h2><p>Leadership</p>" + "</div>" * 20000)
    assert read_document(path).text == "## Skills\nLeadership"


def test_plain_text_structure():
    text = "What does a CTO do?\n  • Define the strategy\n1. Hire engineers\nThe CTO leads the team. They report to the CEO."
    assert [b.kind for b in parse_text(text)] == ["heading", "item", "item", "para"]


@pytest.mark.parametrize("text, lang", [
    ("The engineering manager leads the team and reports to the director.", "en"),
    (FRENCH, "fr"),
    ("Der Softwareentwickler arbeitet mit dem Team und schreibt Code für die Kunden.", "de"),
])
def test_language_is_detected_and_named_when_neither(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("content, reason", [
    (b"", "empty: no text to extract"),
    (b"   \n\n ", "empty: no text to extract"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes); give a text, Markdown or HTML file"),
    (bytes(range(128, 256)) * 50, "not valid UTF-8 and does not read as Windows-1252 text either; save it as UTF-8"),
    (b"%PDF-1.7 ...", "PDF is not supported; convert it to text or HTML first"),
])
def test_bad_files_name_the_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as err:
        read_document(path)
    assert str(err.value) == f"{path}: {reason}"


def test_a_50_mb_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50_000_000)
    with pytest.raises(DocumentError) as err:
        read_document(path)
    assert "too large (50.0 MB; the limit is 20 MB" in str(err.value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400),
       st.lists(st.sampled_from(["# Missions\n", "- CTO > CEO\n", "Salaire : 60 000 €\n", "## Skills\n",
                                 "- leadership, rigueur\n", "entre 70 et 90 000 € brut\n", "CDO / DSI\n",
                                 "Ingénieur QA puis Head of Platform\n", "€", ":", ">", "(", "\n"]),
                max_size=12))
def test_random_and_mutated_documents_never_crash_and_keep_valid_offsets(noise, pieces):
    text = "".join(pieces) + noise
    if not text.strip():
        return
    facts = _EXTRACTOR.extract(SourceDoc("random.txt", text, detect_language(text), parse_text(text))).facts
    for _kind, fact in facts.spans():
        assert 0 <= fact.span.start < fact.span.end <= len(text)


_EXTRACTOR = Extractor()
