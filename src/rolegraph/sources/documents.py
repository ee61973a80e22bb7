"""Reading documents: files to :class:`SourceDoc`, text with its structure and language.

Plain text and Markdown keep their text as is, so offsets point into the file's
decoded characters. HTML is rendered to Markdown-like text first (headings as
``#``, list items as ``-``; scripts, styles and page chrome dropped) and offsets
point into that rendering, which is what rolegraph stores and quotes.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocumentError, shown
from .blocks import Block, parse_text
from .encoding import decode
from .html import html_to_text
from .language import detect_language

__all__ = ["SourceDoc", "read_document", "read_bytes", "parse_document", "find_documents", "MAX_BYTES",
           "SUFFIXES", "UNSUPPORTED", "Skipped"]

MAX_BYTES = 20_000_000
SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm"}


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
                                      f"{max_bytes / 1e6:.0f} MB a document: split it into smaller files)")
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
    # No NUL reaches the graph (a file that is mostly NULs was refused as binary above).
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise DocumentError(path, "empty: no text to extract")
    return SourceDoc(name=shown(path.name), text=text, language=detect_language(text),
                     blocks=parse_text(text), path=path, format=fmt, encoding=encoding)


#: Document formats people keep next to their texts that rolegraph does not read: each is named
#: when skipped, with what to do (other files in a folder are counted, not listed).
UNSUPPORTED = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".pptx", ".xlsx", ".epub", ".pages"}


@dataclass
class Skipped:
    """Files a folder held that were not read: documents in formats rolegraph cannot read, and a count of the rest."""

    unsupported: list[Path] = field(default_factory=list)
    others: int = 0

    def lines(self) -> list[str]:
        """One line per unsupported document, and one for the other files."""
        out = [f"skipped {shown(p)}: {p.suffix.lower()} is not read; convert it to text, Markdown or HTML"
               for p in self.unsupported]
        if self.others:
            out.append(f"skipped {self.others} other file{'s' if self.others > 1 else ''} "
                       f"(rolegraph reads {', '.join(sorted(SUFFIXES))})")
        return out


def find_documents(paths, skipped: Skipped | None = None) -> tuple[list[Path], list[DocumentError]]:
    """Expand files and folders (recursively) into document paths, sorted.

    Folders contribute files with a known suffix; a path given explicitly is
    always tried. Missing paths, folders that cannot be listed and folders
    without a document come back as errors rather than exceptions; the files
    a folder holds that are not read are counted in ``skipped`` when given.
    """
    found: list[Path] = []
    errors: list[DocumentError] = []
    for p in map(Path, paths):
        if p.is_dir():
            before = len(found)

            def unreadable(exc: OSError, top=p) -> None:
                errors.append(DocumentError(exc.filename or top, f"cannot list folder ({exc.strerror})"))

            for folder, dirs, files in os.walk(p, onerror=unreadable):
                dirs.sort()
                for name in sorted(files):
                    f = Path(folder) / name
                    suffix = f.suffix.lower()
                    if suffix in SUFFIXES:
                        found.append(f)
                    elif skipped is not None and suffix in UNSUPPORTED:
                        skipped.unsupported.append(f)
                    elif skipped is not None and not name.startswith("."):
                        skipped.others += 1
            found[before:] = sorted(found[before:])  # the order rglob gave, before os.walk
            if len(found) == before and not any(e.path.startswith(str(p)) for e in errors):
                errors.append(DocumentError(p, "no documents in this folder (rolegraph reads "
                                               f"{', '.join(sorted(SUFFIXES))})"))
        elif p.exists():
            found.append(p)
        else:
            errors.append(DocumentError(p, "no such file or folder"))
    unique = list(dict.fromkeys(found))
    return unique, errors
