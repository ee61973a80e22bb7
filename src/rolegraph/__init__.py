"""rolegraph: a knowledge graph of tech roles, skills, missions, salaries and career moves.

>>> import rolegraph
>>> g = rolegraph.load()
>>> len(g) > 1000
True
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

# Public name -> module that defines it. Imported on first use so that
# `import rolegraph` stays cheap (the CLI's start-up time depends on it).
_EXPORTS = {
    "load": "builds.folder", "build": "builds.pipeline", "BuildResult": "builds.pipeline",
    "RoleGraph": "ask.graph",
    "load_lexicon": "knowledge.lexicon", "Lexicon": "knowledge.lexicon", "Concept": "knowledge.lexicon",
    "validate_graph": "graph.validate", "Violation": "graph.validate",
    "RolegraphError": "errors", "DataFileError": "errors", "DocumentError": "errors",
    "RoleNotFound": "errors",
    "push": "http.remote", "PushError": "http.remote", "PushReport": "http.remote",
    "extract_path": "extract", "Extraction": "extract", "named_queries": "ask.sparql",
}
__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rolegraph' has no attribute '{name}'")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
