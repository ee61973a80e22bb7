"""The structure of a text: headings, list items, table rows and paragraphs, with their offsets.

A paragraph or list item wrapped over several lines is one block; a short
line that does not end a sentence is a heading; a ``Label: value`` line is a
paragraph of its own; a ``| a | b |`` line is a table row, with its cells.
Markdown emphasis (``**bold**``) around a line or a label does not change what
it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Block", "parse_text"]


@dataclass(slots=True)
class Block:
    """A heading, list item, table row or paragraph: offsets of its text without markers."""

    kind: str  # "heading", "item", "row" or "para"
    start: int
    end: int
    level: int = 0  # heading level, or list depth
    cells: tuple[tuple[int, int], ...] = ()  # a row's cells (offsets, trimmed)


_MD_HEADING = re.compile(r"^(#{1,6})\s*(?=\S)")
_BULLET = re.compile(r"^([-*+•·▪◦●►✓✔–—]|\d{1,2}[.)])\s+")
_QUOTE = re.compile(r"^>\s*")
_LINE = re.compile(r"[^\n]+")
_ROW = re.compile(r"^\|.*\|$")
_SEPARATOR = re.compile(r"^\|[\s:|-]*\|$")
_EMPHASIS = re.compile(r"^(\*\*|__)(.+?)\1$")
# "Label: value" and "**Label:** value": a label of a few words, then content.
_KEY_VALUE = re.compile(r"^(?:\*\*|__)?[^\W\d][^:.!?]{0,60}?(?:\*\*|__)?\s?:(?:\*\*|__)?\s*\S")
_NOT_WORDS = re.compile(r"^[\W\d_]*$")


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
        return indent > 0 and not _KEY_VALUE.match(line)
    if _KEY_VALUE.match(line) and len(line.split(":", 1)[0].split()) <= 5:
        return False  # "Rate: ..." under a paragraph line starts a paragraph of its own
    if last.kind != "para" or text[last.start:last.end].endswith(_SENTENCE_DONE):
        return False
    if line[0].islower():
        return True
    previous = text[text.rfind("\n", 0, start - 1) + 1:start - 1].strip()
    if len(line) > max(100, len(previous) + 20):
        return False  # a line longer than the one before: that one was not wrapped at a width
    if _title_case(previous):
        return False  # "A Title In Capitals" over a paragraph
    return not _looks_like_heading(line)


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 3]
    return len(words) >= 3 and sum(1 for w in words if w[0].isupper()) >= 0.8 * len(words)


def _looks_like_heading(line: str) -> bool:
    line = _unemphasise(line)
    words = line.split()
    if not words or len(words) > 12 or len(line) > 100:
        return False
    if sum(1 for w in words if not _NOT_WORDS.match(w)) == 0 or _NOT_WORDS.match(line[:1]):
        return False  # "$88,550", "5.70%", "(Above US Average)": figures, not headings
    if line.endswith((".", ",", ";", "!")) or line.startswith(("(", "«", '"', "“")):
        return False
    if re.search(r"[a-z][.!?]\s+[A-Z]", line):
        return False  # a sentence ends inside it: "... clear alerting. You will"
    # "Label : content" lines are paragraphs with an inline label, not headings
    head, sep, tail = line.partition(":")
    if sep and tail.strip() and len(head.split()) <= 5:
        return False
    return True


def _unemphasise(line: str) -> str:
    m = _EMPHASIS.match(line)
    return m.group(2).strip() if m else line


def _cells(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    out = []
    pos = start + 1
    while pos < end:
        bar = text.find("|", pos, end)
        if bar < 0:
            break
        a, b = pos, bar
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        out.append((a, b))
        pos = bar + 1
    return tuple(out)


def parse_text(text: str) -> list[Block]:
    """Split text into headings, list items, table rows and paragraphs (one per line).

    >>> [(b.kind, b.level) for b in parse_text("# Skills\\n- SQL\\nShe codes daily in SQL.")]
    [('heading', 1), ('item', 1), ('para', 0)]
    >>> [b.kind for b in parse_text("| Level | Pay |\\n|---|---|\\n| Junior | $50k |\\n**Rate:** $90/hour")]
    ['row', 'row', 'para']
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
        if _ROW.match(stripped):
            if not _SEPARATOR.match(stripped):
                blocks.append(Block("row", start, end, cells=_cells(text, start, end)))
            continue
        qm = _QUOTE.match(stripped)
        if qm:
            blocks.append(Block("para", start + qm.end(), end))
            continue
        hm = _MD_HEADING.match(stripped)
        bm = _BULLET.match(stripped)
        if not (hm or bm) and _continues(text, blocks, start, stripped, indent):
            blocks[-1].end = end
        elif not (hm or bm) and stripped[0].islower() and blocks and blocks[-1].kind == "heading" \
                and blocks[-1].level == 2 and text[blocks[-1].end:start].count("\n") == 1 \
                and not text[blocks[-1].start:blocks[-1].end].endswith(":"):
            blocks[-1].kind, blocks[-1].level, blocks[-1].end = "para", 0, end  # a sentence wrapped after a few words
        elif hm and not stripped.startswith("#" * 7):
            blocks.append(Block("heading", start + hm.end(), end, len(hm.group(1))))
        elif bm:
            blocks.append(Block("item", start + bm.end(), end, 1 + indent // 2))
        elif _EMPHASIS.match(stripped) and _looks_like_heading(stripped):  # "**Responsibilities**"
            blocks.append(Block("heading", start + 2, end - 2, 2))
        elif _looks_like_heading(stripped):
            blocks.append(Block("heading", start, end, 2))
        else:
            blocks.append(Block("para", start, end))
    blocks = [b for b in blocks if b.end > b.start]
    _unbulleted_lists(text, blocks)
    return blocks


def _unbulleted_lists(text: str, blocks: list[Block]) -> None:
    """Lines that look like headings one after the other, written as sentences, are a list without bullets.

    "Design and build scalable pipelines" under "Design and build ..." on the
    next line is not a heading over a heading: two or more consecutive such
    lines in sentence case become list items (a title-case line above them
    stays their heading).
    """
    run: list[Block] = []

    def close() -> None:
        sizes = [len(text[b.start:b.end].split()) for b in run]
        if len(run) >= 3 and sizes[0] <= 5 and sum(sizes[1:]) / (len(sizes) - 1) >= sizes[0] + 2:
            del run[0]  # a short line over longer ones is their heading, whatever its case
        sentences = [b for b in run if not _title_case(text[b.start:b.end]) and len(text[b.start:b.end].split()) >= 4]
        if len(run) >= 3 and len(sentences) >= 2:
            for b in run:
                if b in sentences:
                    b.kind, b.level = "item", 1
        run.clear()

    for n, b in enumerate(blocks):
        plain = b.kind == "heading" and b.level == 2 and not text[b.start - 1:b.start] in ("#", "*")
        adjacent = n and text[blocks[n - 1].end:b.start].count("\n") == 1
        if plain and (not run or adjacent):
            run.append(b)
            continue
        close()
        if plain:
            run.append(b)
    close()
