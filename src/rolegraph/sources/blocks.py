"""The structure of a text: headings, list items and paragraphs, with their offsets.

A paragraph or list item wrapped over several lines is one block; a short
line that does not end a sentence is a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Block", "parse_text"]


@dataclass(slots=True)
class Block:
    """A heading, list item or paragraph: offsets of its text without markers."""

    kind: str  # "heading", "item" or "para"
    start: int
    end: int
    level: int = 0  # heading level, or list depth


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
