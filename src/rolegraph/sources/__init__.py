"""Reading documents: files to text with its structure and language, and quotes for evidence.

This is the bottom of the pipeline: it turns bytes (text, Markdown, HTML, in
any common encoding) into a :class:`SourceDoc` whose character offsets every
fact later points into, and it finds a document's text again to quote the
sentence behind a fact (:class:`SourceTexts`). It uses only ``rolegraph.errors``,
``rolegraph.text`` and ``rolegraph.locations``; it knows nothing of facts or RDF.
"""

from .blocks import Block, parse_text
from .documents import (MAX_BYTES, SUFFIXES, UNSUPPORTED, Skipped, SourceDoc, find_documents, parse_document,
                        read_bytes, read_document)
from .encoding import decode
from .html import html_to_text
from .language import detect_language
from .quotes import SourceTexts

__all__ = ["Block", "SourceDoc", "SourceTexts", "read_document", "read_bytes", "parse_document", "parse_text",
           "decode", "detect_language", "find_documents", "html_to_text", "MAX_BYTES", "SUFFIXES", "UNSUPPORTED",
           "Skipped"]
