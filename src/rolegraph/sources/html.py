"""HTML rendered as Markdown-like text, which is what rolegraph reads, stores and quotes."""

from __future__ import annotations

__all__ = ["html_to_text"]

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

    tree = LexborHTMLParser(html)
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
