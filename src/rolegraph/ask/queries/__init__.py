"""Named SPARQL queries shipped with rolegraph (the ``.rq`` files in this folder).

Each file starts with comment lines: the first says what the query answers;
``# param NAME: ...`` lines name its parameters. A parameter is a
``VALUES ?NAME { ... }`` clause in the query, whose default value the caller
may replace (rolegraph resolves role names and writes the IRI itself, so no
user text is ever pasted into a query).
"""
