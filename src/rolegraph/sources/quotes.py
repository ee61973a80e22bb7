"""Source texts for evidence: find a document's text to quote a fact's span.

The graph stores offsets, never the documents' sentences. To show a quote,
rolegraph looks for the document's text, in this order:

1. the shipped example documents (``data/examples``);
2. the files registered in the build folder the graph was loaded from
   (given by whoever opened the graph: ``rolegraph.load`` passes them);
3. the folders listed in ``$ROLEGRAPH_SOURCES`` (separated like ``PATH``),
   matched by file name.

A text is used only when its SHA-256 equals the document's ``rg:sha256`` in the
graph, so an edited or different file never supplies a wrong quote.
"""

from __future__ import annotations

import bisect
import os
import re
from pathlib import Path

from ..errors import RolegraphError
from ..locations import data_dir
from .documents import read_document

__all__ = ["SourceTexts"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

class SourceTexts:
    """Finds and checks the text of a graph's source documents, reading each file once."""

    def __init__(self, expected, registered=None, folders=()):
        """``expected``: document name -> the SHA-256 of its text, as the graph records it;
        ``registered``: document name -> files a build read it from. Both are only asked
        ``.get(name)``, so either may look names up on demand."""
        self.expected = expected
        env = os.environ.get("ROLEGRAPH_SOURCES", "")
        self.folders = [data_dir() / "examples", *map(Path, folders),
                        *(Path(p) for p in env.split(os.pathsep) if p)]
        self.registered = registered if registered is not None else {}
        self._docs: dict[str, object | None] = {}

    def text(self, name: str) -> str | None:
        """The decoded text of document ``name``, or None when no matching file is found."""
        doc = self._doc(name)
        return doc.text if doc is not None else None

    def _doc(self, name: str):
        if name not in self._docs:
            self._docs[name] = self._find(name)
        return self._docs[name]

    def quote(self, name: str, start: int, end: int, limit: int = 300) -> str | None:
        """The sentence (or list item) of document ``name`` holding ``[start, end)``, when known.

        A paragraph or item wrapped over several lines is one block: the quote
        runs across its line breaks. Whitespace is collapsed; a long sentence is
        cut to about ``limit`` characters around the span, with "…" where it was
        cut.
        """
        doc = self._doc(name)
        if doc is None or not 0 <= start < end <= len(doc.text):
            return None
        text = doc.text
        k = bisect.bisect_right([b.start for b in doc.blocks], start) - 1
        block = doc.blocks[k] if k >= 0 and doc.blocks[k].end >= end else None
        lo_bound, hi_bound = (block.start, block.end) if block else (0, len(text))
        a = max([lo_bound] + [text.rfind(c, lo_bound, start) + 1 for c in ".!?" if text.rfind(c, lo_bound, start) >= 0])
        if block is None:
            a = max(a, text.rfind("\n", 0, start) + 1)
        ends = [i + 1 for i in (text.find(c, end, hi_bound) for c in ".!?") if i >= 0]
        b = min(ends + [hi_bound] + ([text.find("\n", end)] if block is None and "\n" in text[end:] else []))
        room = max(0, limit - (end - start)) // 2
        lo, hi = max(a, start - room), min(b, end + room)
        # Collapse whitespace and drop control characters: a hostile document must
        # not send terminal escape sequences through a quote.
        said = " ".join(_CONTROL.sub(" ", text[lo:hi]).split()).lstrip("-*•·– ")
        return ("…" if lo > a else "") + said + ("…" if hi < b else "")

    def _find(self, name: str):
        sha = self.expected.get(name)
        if sha is None or Path(name).name != name:  # a name with a folder in it is not ours to open
            return None
        candidates = [folder / name for folder in self.folders] + list(self.registered.get(name) or [])
        for path in candidates:
            if not path.is_file():
                continue
            try:
                doc = read_document(path)
            except RolegraphError:
                continue
            if doc.sha256 == sha:
                return doc
        return None
