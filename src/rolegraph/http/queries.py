"""The SPARQL text of a request, as the front reads it: federated queries found, usual prefixes declared.

The front does not parse SPARQL (Oxigraph does); it needs two things from a
query's text. Whether it uses ``SERVICE`` (refused unless federation is
allowed), and which of rolegraph's usual prefixes it uses without declaring
(declared for it, as ``rolegraph query`` does). Both look at the text with
its strings, IRIs and comments blanked out, after SPARQL's ``\\u`` escapes.
"""

from __future__ import annotations

import re
import urllib.parse

__all__ = ["uses_service", "with_usual_prefixes", "prepare"]

# What SPARQL text may hold that is not a keyword: strings (long and short), IRIs, comments.
_NOT_KEYWORDS = re.compile(r'''"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*''')
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SERVICE = re.compile(r"(?<![\w:?$])service(?![\w:])", re.IGNORECASE)


def _codepoint(m: re.Match) -> str:
    n = int(m.group(1) or m.group(2), 16)
    return chr(n) if n <= 0x10FFFF else " "


def uses_service(text: str) -> bool:
    """Does SPARQL ``text`` use the SERVICE keyword (outside strings, IRIs and comments)?

    >>> uses_service('SELECT * { SERVICE <http://x/> { ?s ?p ?o } }')
    True
    >>> uses_service('SELECT * { ?s <http://x/service> "SERVICE" } # SERVICE')
    False
    >>> uses_service('PREFIX ex: <http://x/> SELECT ?service { ?service ex:service ?o }')
    False
    >>> uses_service('SELECT * { \\\\u0053ERVICE <http://x/> { ?s ?p ?o } }')  # codepoint escapes
    True
    """
    text = _CODEPOINT.sub(_codepoint, text)  # SPARQL decodes them before parsing
    return bool(_SERVICE.search(_NOT_KEYWORDS.sub(" ", text)))


_PREFIXED = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w-]*(?:\.[\w-]+)*)?:(?=[\w%\\]|\s|$)")
_DECLARED = re.compile(r"\bprefix\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


def with_usual_prefixes(text: str, prefixes: dict[str, str] | None = None) -> str:
    """``text`` with PREFIX lines for rolegraph's usual prefixes it uses without declaring (as
    ``rolegraph query`` adds them), so that ``rg:Role`` works at the endpoint too.

    >>> with_usual_prefixes("SELECT ?r { ?r a rg:Role }")
    'PREFIX rg: <https://w3id.org/rolegraph/ontology#>\\nSELECT ?r { ?r a rg:Role }'
    >>> with_usual_prefixes('PREFIX rg: <urn:x#> SELECT * { ?s rg:p "a:b" }')  # declared: left alone
    'PREFIX rg: <urn:x#> SELECT * { ?s rg:p "a:b" }'

    ``prefixes``: the graph's (default :data:`~rolegraph.graph.vocab.PREFIXES`).
    """
    from ..graph.vocab import PREFIXES

    known = prefixes or PREFIXES
    bare = _NOT_KEYWORDS.sub(" ", text)
    declared = {m.group(1) or "" for m in _DECLARED.finditer(bare)}
    used = {m.group(1) or "" for m in _PREFIXED.finditer(bare)}
    missing = sorted(p for p in used - declared if p in known)
    return "".join(f"PREFIX {p}: <{known[p]}>\n" for p in missing) + text


_FIELDS = ("query", "update")


def prepare(raw_query: str, body: bytes | None, content_type: str,
            prefixes: dict[str, str] | None = None) -> tuple[str, bytes | None, bool]:
    """Read the request's query or update once (in the query string, a form body or a SPARQL body):
    the query string and body with the usual prefixes (``prefixes``) declared, and whether it uses SERVICE."""
    federated = False

    def read(text: str) -> str:
        nonlocal federated
        federated = federated or uses_service(text)
        return with_usual_prefixes(text, prefixes)

    def form(text: str) -> str:
        pairs = urllib.parse.parse_qsl(text, keep_blank_values=True)
        if not any(k in _FIELDS for k, _v in pairs):
            return text
        return urllib.parse.urlencode([(k, read(v) if k in _FIELDS else v) for k, v in pairs])

    if raw_query:
        raw_query = form(raw_query)
    if body:
        text = body.decode("utf-8", "replace")
        body = (form(text) if content_type == "application/x-www-form-urlencoded" else read(text)).encode("utf-8")
    return raw_query, body, federated
