"""Where the shipped data and ontology live, and where builds go."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_dir", "ontology_dir", "ontology_page", "default_out_dir", "find_build_dir"]

_HERE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    # In a source checkout (editable install) the folders sit at the repo top;
    # in a wheel, hatch copies them under rolegraph/_shipped/.
    checkout = _HERE.parent.parent / name
    if checkout.is_dir():
        return checkout
    return _HERE / "_shipped" / name


def data_dir() -> Path:
    """The folder holding the lexicon (``lexicon/``) and the curated facts (``facts/``).

    ``$ROLEGRAPH_DATA`` points elsewhere, e.g. to try an edited copy of the lexicon.
    """
    override = os.environ.get("ROLEGRAPH_DATA")
    return Path(override) if override else _shipped("data")


def ontology_dir() -> Path:
    """The folder holding ``rolegraph.ttl`` and ``shapes.ttl``."""
    return _shipped("ontology")


def ontology_page(lang: str = "en") -> Path:
    """The ontology's HTML documentation (made by pyLODE: ``docs/ontology.py``)."""
    return _shipped("docs") / ("ontology.fr.html" if lang == "fr" else "ontology.html")


def default_out_dir() -> Path:
    """Where ``rolegraph build`` writes: ``$ROLEGRAPH_HOME`` or ``./rolegraph-out``."""
    return Path(os.environ.get("ROLEGRAPH_HOME") or "rolegraph-out")


def find_build_dir(start: Path | None = None) -> Path:
    """The build a reader means without naming one: ``$ROLEGRAPH_HOME``, else the nearest
    ``rolegraph-out`` holding a build, in the working folder or one above it (a notebook runs in
    ``notebooks/``, the build is beside it), else ``./rolegraph-out``."""
    if os.environ.get("ROLEGRAPH_HOME"):
        return Path(os.environ["ROLEGRAPH_HOME"])
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "rolegraph-out"
        if (candidate / "store" / "current.json").is_file() or (candidate / "graph.nq").is_file():
            return candidate
    return Path("rolegraph-out")
