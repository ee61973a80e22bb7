"""HTML rendered as Markdown-like text, which is what rolegraph reads, stores and quotes."""

from __future__ import annotations

import re

__all__ = ["html_to_text", "MAX_DEPTH"]

#: Elements nested deeper than this are flattened before parsing (their tags dropped, their text
#: kept): an HTML parser checks the open elements at each tag, so its time grows with the square
#: of the depth (100,000 nested <div> took a minute). Real pages stay under a few hundred.
MAX_DEPTH = 512
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
# Elements that have no end tag or may leave it out, and headings (which cannot hold one
# another): an open one is no sign of depth, and they keep the text's structure when deep.
_NOT_NESTING = {"h1", "h2", "h3", "h4", "h5", "h6", "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
                "tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body"}

_DROP = ["script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside",
         "form", "iframe", "button", "select", "object", "canvas", "head"]
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_BLOCKS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd",
           "table", "blockquote", "pre", "br", "hr", "figure", "figcaption", "body", *_HEADINGS}
_CELLS = {"td", "th"}


def html_to_text(html: str) -> str:
    """Render HTML as Markdown-like text: ``#`` headings, ``-`` list items, ``| a | b |`` table rows, paragraphs.

    Walks the tree iteratively, so deeply nested markup cannot exhaust the stack.

    >>> html_to_text("<h2>Skills</h2><ul><li>SQL</li><li>Git</li></ul><script>x()</script>")
    '## Skills\\n- SQL\\n- Git'
    >>> html_to_text("<table><tr><th>Level</th><th>Pay</th></tr><tr><td>Junior <p>dev</p></td><td>$50k</td></tr></table>")
    '| Level | Pay |\\n| Junior dev | $50k |'
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(_flatten_deep(html))
    tree.strip_tags(_DROP)
    root = tree.body or tree.root
    if root is None:
        return ""
    lines: list[str] = []
    buf: list[str] = []
    prefix = [""]
    row = [0, 0]  # cells seen in the current table row; depth inside a cell

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
            if tag == "tr":
                flush()
                prefix[0], row[0] = "| ", 0
            elif tag in _CELLS:
                if row[0]:
                    buf.append(" | ")
                row[0] += 1
                row[1] += 1
            elif tag in _BLOCKS and row[1]:  # a paragraph inside a cell stays in its row
                buf.append(" ")
            elif tag in _BLOCKS:
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
        elif tag == "tr":
            if row[0]:
                buf.append(" |")
            flush()
            row[0] = 0
        elif tag in _CELLS:
            row[1] -= 1
        elif tag in _BLOCKS and row[1]:
            buf.append(" ")
        elif tag in _BLOCKS:
            flush()
    flush()
    return "\n".join(lines)


def _flatten_deep(html: str, limit: int = MAX_DEPTH) -> str:
    """``html`` with the tags of elements nested deeper than ``limit`` removed (one linear pass).

    >>> _flatten_deep("<div><div><div><b>deep</b></div></div></div><p>next", limit=2)
    '<div><div>deep</div></div><p>next'
    """
    depth = 0
    cut: list[tuple[int, int]] = []  # spans of tags to drop
    for m in _TAG.finditer(html):
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _NOT_NESTING or selfclosing:
            continue
        if closing:
            if depth > limit:
                cut.append(m.span())
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > limit:
                cut.append(m.span())
    if not cut:
        return html
    parts, last = [], 0
    for start, end in cut:
        parts.append(html[last:start])
        last = end
    parts.append(html[last:])
    return "".join(parts)
