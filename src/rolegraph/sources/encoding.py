"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, or Windows-1252."""

from __future__ import annotations

import codecs
import re

from ..errors import DocumentError

__all__ = ["decode"]

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
