"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without, or Windows-1252."""

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


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark: NUL as every other byte of mostly Latin text."""
    head = data[:4096]
    if len(head) < 4 or len(data) % 2:
        return None
    for encoding, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if zeros.count(0) >= 0.6 * len(zeros):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text and _looks_like_text(text):
                return text, encoding
    return None


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16/32 with BOM, or Windows-1252.

    Returns ``(text, encoding)``; raises DocumentError for binary data.

    >>> decode("Développeur".encode("cp1252"))
    ('Développeur', 'cp1252')
    >>> decode(codecs.BOM_UTF16_LE + "CTO".encode("utf-16-le"))
    ('CTO', 'utf-16')
    >>> decode("Chef de projet".encode("utf-16-le"))  # no byte-order mark
    ('Chef de projet', 'utf-16-le')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise DocumentError(name, f"starts with a {encoding} byte-order mark "
                                          f"but is not valid {encoding}") from None
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
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
