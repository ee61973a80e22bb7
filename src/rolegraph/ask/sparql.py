"""SPARQL on the graph: named queries, parameters, and results as table, JSON, CSV/TSV or pandas.

>>> from rolegraph.ask.sparql import named_queries
>>> "transitions-from" in named_queries()
True
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import RolegraphError

__all__ = ["NamedQuery", "QueryError", "QueryResult", "named_queries", "named_query", "run_query"]


class QueryError(RolegraphError):
    """A query that cannot be parsed or run; the message gives line and column."""

    exit_code = 2


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: dict[str, str]  # parameter -> what it is
    text: str


_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*:\s*(.*)$")


def _parse(name: str, text: str) -> NamedQuery:
    lines = text.splitlines()
    comments = [ln for ln in lines if ln.startswith("#")]
    description = next((ln.lstrip("# ").strip() for ln in comments if not _PARAM.match(ln)), "")
    params = {m.group(1): m.group(2).strip() for ln in comments if (m := _PARAM.match(ln))}
    return NamedQuery(name, description, params, text)


@cache
def named_queries() -> dict[str, NamedQuery]:
    """The shipped queries by name (file name without ``.rq``), read once per process."""
    folder = resources.files("rolegraph.ask") / "queries"
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return out


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        from rapidfuzz import process

        close = [m for m, score, _ in process.extract(name, list(queries), limit=3) if score >= 60]
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        raise QueryError(f"no named query '{name}'{hint} (rolegraph query --list shows them)")
    return queries[name]


def bind(query: NamedQuery | str, values: dict[str, str]) -> str:
    """Put N-Triples terms (already escaped) in the query's ``VALUES ?param`` clauses."""
    text = query.text if isinstance(query, NamedQuery) else query
    for param, term in values.items():
        pattern = re.compile(r"VALUES\s+\?" + re.escape(param) + r"\s*\{[^}]*\}")
        if not pattern.search(text):
            raise QueryError(f"the query has no parameter '{param}'")
        text = pattern.sub(lambda _m: f"VALUES ?{param} {{ {term} }}", text, count=1)
    return text


@dataclass
class QueryResult:
    """Rows of a SELECT (values as Python strings, numbers or booleans), or an ASK answer."""

    variables: list[str]
    rows: list[list]
    boolean: bool | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict]:
        return [dict(zip(self.variables, row)) for row in self.rows]

    def to_json(self) -> str:
        if self.boolean is not None:
            return json.dumps({"boolean": self.boolean})
        return json.dumps({"variables": self.variables, "rows": self.records()},
                          ensure_ascii=False, indent=2)

    def to_csv(self, delimiter: str = ",") -> str:
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
        writer.writerow(self.variables)
        writer.writerows([["" if v is None else v for v in row] for row in self.rows])
        return buf.getvalue()

    def to_df(self):
        """A pandas DataFrame (pandas must be installed: ``pip install pandas``)."""
        try:
            import pandas as pd
        except ImportError:
            raise RolegraphError("pandas is not installed; pip install pandas") from None
        return pd.DataFrame(self.rows, columns=self.variables)


_NUMERIC = {"integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger",
            "positiveInteger", "short"}


def _py(term):
    """A result term as a Python value: IRIs and strings as text, numbers as numbers."""
    if term is None:
        return None
    dt = getattr(term, "datatype", None)
    if dt is not None:
        local = dt.value.rsplit("#", 1)[-1]
        if local in _NUMERIC:
            try:
                value = float(term.value)
            except ValueError:
                return term.value
            return int(value) if local in {"integer", "int", "long", "nonNegativeInteger",
                                           "positiveInteger", "short"} else value
        if local == "boolean":
            return term.value == "true"
    return term.value


def run_query(store, text: str, prefix_lines: int = 0) -> QueryResult:
    """Run SPARQL on a pyoxigraph store (union of the named graphs) and collect the results.

    ``prefix_lines`` is how many lines were prepended to the user's text, so
    that syntax errors point at the user's own line.
    """
    import pyoxigraph as ox

    try:
        result = store.query(text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(_syntax_message(str(exc), prefix_lines)) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"the query failed: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        return QueryResult([], [], bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = [[_py(sol[v]) for v in variables] for sol in result]
        return QueryResult(variables, rows)
    # CONSTRUCT / DESCRIBE: triples as rows
    return QueryResult(["subject", "predicate", "object"],
                       [[_py(t.subject), _py(t.predicate), _py(t.object)] for t in result])


def _syntax_message(message: str, prefix_lines: int) -> str:
    first = message.splitlines()[0]
    m = re.match(r"error at (\d+):(\d+): (.*)", first)
    if not m:
        return f"SPARQL syntax error: {first[:200]}"
    line, col, what = int(m.group(1)) - prefix_lines, int(m.group(2)), m.group(3)
    if "Prefix not found" in what:
        what = "unknown prefix (declare it with PREFIX, or use one of rolegraph's: rg, skos, schema, oa, role, ...)"
    elif len(what) > 120:
        what = what[:120] + " …"
    return f"SPARQL syntax error at line {line}, column {col}: {what}"


def query_source(spec: str) -> tuple[str, NamedQuery | None]:
    """What ``rolegraph query SPEC`` means: a named query, a ``.rq`` file, or SPARQL text."""
    if re.fullmatch(r"[a-z0-9-]+", spec) and spec in named_queries():
        q = named_queries()[spec]
        return q.text, q
    path = Path(spec)
    if spec.endswith((".rq", ".sparql")) or (len(spec) < 300 and "\n" not in spec and path.is_file()):
        try:
            return path.read_text(encoding="utf-8"), None
        except OSError as exc:
            raise QueryError(f"{spec}: cannot be read ({exc.strerror})") from None
    if re.fullmatch(r"[a-z0-9-]+", spec):
        named_query(spec)  # raises with suggestions
    return spec, None
