"""Reading documents: bytes to text, structure (headings, list items, paragraphs) and language.

Plain text and Markdown keep their text as is, so offsets point into the file's
decoded characters. HTML is rendered to Markdown-like text first (headings as
``#``, list items as ``-``; scripts, styles and page chrome dropped) and offsets
point into that rendering, which is what rolegraph stores and quotes.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DocumentError

__all__ = ["Block", "SourceDoc", "read_document", "read_bytes", "parse_document", "parse_text", "decode", "detect_language",
           "find_documents", "MAX_BYTES", "SUFFIXES"]

MAX_BYTES = 20_000_000
SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm"}


@dataclass(slots=True)
class Block:
    """A heading, list item or paragraph: offsets of its text without markers."""

    kind: str  # "heading", "item" or "para"
    start: int
    end: int
    level: int = 0  # heading level, or list depth


@dataclass(slots=True)
class SourceDoc:
    """A decoded document, ready for extraction."""

    name: str
    text: str
    language: str
    blocks: list[Block] = field(default_factory=list)
    path: Path | None = None
    format: str = "text"
    encoding: str = "utf-8"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


# --- bytes to text -----------------------------------------------------------

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_TEXTLIKE = re.compile(r"[\w\s.,;:!?'\"()\[\]{}«»“”‘’/\\&%€$£@#*+=<>|~^`°•·–—…-]")


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    sample = text[:20000]
    good = sum(1 for c in sample if _TEXTLIKE.match(c))
    return good / len(sample) >= 0.9


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16/32 with BOM, or Windows-1252.

    Returns ``(text, encoding)``; raises DocumentError for binary data.

    >>> decode("Développeur".encode("cp1252"))
    ('Développeur', 'cp1252')
    >>> decode(codecs.BOM_UTF16_LE + "CTO".encode("utf-16-le"))
    ('CTO', 'utf-16')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise DocumentError(name, f"starts with a {encoding} byte-order mark "
                                          "but is not valid {encoding}") from None
    if b"\x00" in data[:65536]:
        raise DocumentError(name, "binary file (contains NUL bytes); give a text, "
                                  "Markdown or HTML file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, encoding
    raise DocumentError(name, "not valid UTF-8 and does not read as Windows-1252 text "
                              "either; save it as UTF-8")


# --- HTML to Markdown-like text ------------------------------------------------

_DROP = ["script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside",
         "form", "iframe", "button", "select", "object", "canvas", "head"]
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_BLOCKS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd",
           "table", "tr", "td", "th", "blockquote", "pre", "br", "hr", "figure",
           "figcaption", "body", *_HEADINGS}


def html_to_text(html: str) -> str:
    """Render HTML as Markdown-like text: ``#`` headings, ``-`` list items, paragraphs.

    Walks the tree iteratively, so deeply nested markup cannot exhaust the stack.

    >>> html_to_text("<h2>Skills</h2><ul><li>SQL</li><li>Git</li></ul><script>x()</script>")
    '## Skills\\n- SQL\\n- Git'
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    tree.strip_tags(_DROP)
    root = tree.body or tree.root
    if root is None:
        return ""
    lines: list[str] = []
    buf: list[str] = []
    prefix = [""]

    def flush():
        text = " ".join("".join(buf).split())
        if text:
            lines.append(prefix[0] + text)
        buf.clear()
        prefix[0] = ""

    stack = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag
        if tag == "-text":
            buf.append(node.text_content or "")
            continue
        if tag in ("_comment", "-comment") or tag is None:
            continue
        if entering:
            if tag in _BLOCKS:
                flush()
                if tag in _HEADINGS:
                    prefix[0] = "#" * _HEADINGS[tag] + " "
                elif tag == "li":
                    prefix[0] = "- "
            elif tag == "img" and node.attributes.get("alt"):
                buf.append(" ")
            stack.append((node, False))
            children = []
            child = node.child
            while child is not None:
                children.append(child)
                child = child.next
            stack.extend((c, True) for c in reversed(children))
        elif tag in _BLOCKS:
            flush()
    flush()
    return "\n".join(lines)


# --- structure ---------------------------------------------------------------

_MD_HEADING = re.compile(r"^(#{1,6})\s*(?=\S)")
_BULLET = re.compile(r"^([-*+•·▪◦●►✓✔–—]|\d{1,2}[.)])\s+")
_LINE = re.compile(r"[^\n]+")


_SENTENCE_DONE = (".", "!", "?", ":", ";", "…", "»", '"', "”", ")")


def _continues(text: str, blocks: list[Block], start: int, line: str, indent: int) -> bool:
    """Whether ``line`` (at ``start``) wraps the paragraph or list item before it.

    An indented line under a list item continues it (Markdown). A line under a
    paragraph line that does not end a sentence continues it, unless it looks
    like a heading; a line starting in lower case never is one.
    """
    if not blocks or text[blocks[-1].end:start].count("\n") != 1:
        return False
    last = blocks[-1]
    if last.kind == "item":
        return indent > 0
    if last.kind != "para" or text[last.start:last.end].endswith(_SENTENCE_DONE):
        return False
    return line[0].islower() or not _looks_like_heading(line)


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 12 or len(line) > 100:
        return False
    if line.endswith((".", ",", ";", "!")) or line.startswith(("(", "«", '"', "“")):
        return False
    # "Label : content" lines are paragraphs with an inline label, not headings
    head, sep, tail = line.partition(":")
    if sep and tail.strip() and len(head.split()) <= 5:
        return False
    return True


def parse_text(text: str) -> list[Block]:
    """Split text into headings, list items and paragraphs (one per line).

    >>> [(b.kind, b.level) for b in parse_text("# Skills\\n- SQL\\nShe codes daily in SQL.")]
    [('heading', 1), ('item', 1), ('para', 0)]
    """
    blocks = []
    for m in _LINE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        end = m.start() + len(raw.rstrip())
        indent = len(raw) - len(raw.lstrip())
        hm = _MD_HEADING.match(stripped)
        bm = _BULLET.match(stripped)
        if not (hm or bm) and _continues(text, blocks, start, stripped, indent):
            blocks[-1].end = end
        elif hm and not stripped.startswith("#" * 7):
            blocks.append(Block("heading", start + hm.end(), end, len(hm.group(1))))
        elif bm:
            blocks.append(Block("item", start + bm.end(), end, 1 + indent // 2))
        elif _looks_like_heading(stripped):
            blocks.append(Block("heading", start, end, 2))
        else:
            blocks.append(Block("para", start, end))
    return [b for b in blocks if b.end > b.start]


# --- language --------------------------------------------------------------

_EN = set("the and of to is in for with are that their they this as on be can by from an "
          "will your you or it has have which".split())
_FR = set("le la les des et de du un une est pour dans en au aux qui que sur avec son sa "
          "il elle ses ce sont par vous plus peut ou".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> str:
    """'en' or 'fr' from function words; another ISO 639-1 code when neither fits.

    >>> detect_language("Le directeur technique définit la stratégie de son entreprise.")
    'fr'
    >>> detect_language("The CTO sets the technical strategy of the company.")
    'en'
    """
    words = [w.lower() for w in _WORD.findall(text[:50000])]
    if not words:
        return "und"
    en = sum(w in _EN for w in words)
    fr = sum(w in _FR for w in words)
    best, hits, other = ("en", en, fr) if en >= fr else ("fr", fr, en)
    if hits / len(words) >= 0.08 and hits >= 1.3 * other:
        return best
    if len(words) < 8:
        return best if hits > other else "und"
    import py3langid  # only for text that is clearly neither: names the language

    code, _score = py3langid.classify(text[:5000])
    return code


# --- files -----------------------------------------------------------------

def _format_of(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    head = text[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(body|div|p|h[1-6])[\s>]", head):
        return "html"
    return "text"


def read_document(path: Path | str, *, max_bytes: int = MAX_BYTES) -> SourceDoc:
    """Read a text, Markdown or HTML file into a :class:`SourceDoc`.

    Raises
    ------
    DocumentError
        Naming the file and the reason: unreadable, empty, too large, binary,
        or not decodable as text.
    """
    return parse_document(read_bytes(path, max_bytes=max_bytes), path)


def read_bytes(path: Path | str, *, max_bytes: int = MAX_BYTES) -> bytes:
    """A document file's bytes; :class:`DocumentError` says why it cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(path, f"too large ({size / 1e6:.1f} MB; the limit is "
                                      f"{max_bytes / 1e6:.0f} MB, raise it with --max-size)")
        data = path.read_bytes()
    except PermissionError:
        raise DocumentError(path, "permission denied") from None
    except IsADirectoryError:
        raise DocumentError(path, "is a folder, not a file") from None
    except FileNotFoundError:
        raise DocumentError(path, "no such file") from None
    except OSError as exc:
        raise DocumentError(path, f"cannot be read ({exc.strerror})") from None
    return data


def parse_document(data: bytes, path: Path | str) -> SourceDoc:
    """A :class:`SourceDoc` from a file's bytes (``path`` names it and tells its format)."""
    path = Path(path)
    if data.startswith(b"%PDF"):
        raise DocumentError(path, "PDF is not supported; convert it to text or HTML first")
    text, encoding = decode(data, str(path))
    fmt = _format_of(path, text)
    if fmt == "html":
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(path, "empty: no text to extract")
    return SourceDoc(name=path.name, text=text, language=detect_language(text),
                     blocks=parse_text(text), path=path, format=fmt, encoding=encoding)


def find_documents(paths) -> tuple[list[Path], list[DocumentError]]:
    """Expand files and folders (recursively) into document paths, sorted.

    Folders contribute files with a known suffix; a path given explicitly is
    always tried. Missing paths come back as errors rather than exceptions.
    """
    found: list[Path] = []
    errors: list[DocumentError] = []
    for p in map(Path, paths):
        if p.is_dir():
            try:
                found += sorted(f for f in p.rglob("*")
                                if f.is_file() and f.suffix.lower() in SUFFIXES)
            except OSError as exc:
                errors.append(DocumentError(p, f"cannot list folder ({exc.strerror})"))
        elif p.exists():
            found.append(p)
        else:
            errors.append(DocumentError(p, "no such file or folder"))
    unique = list(dict.fromkeys(found))
    return unique, errors
