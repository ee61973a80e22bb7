"""Build folders: the pipeline run end to end, kept up to date, and opened again.

:func:`build` reads and extracts the documents added to a build folder
(:mod:`~rolegraph.builds.corpus` keeps each one's facts, so a rebuild
re-extracts only what changed), adds the lexicon, the reference taxonomies
and the curated facts, and writes what changed into the folder's store
(:mod:`~rolegraph.builds.store`, a new generation each time) and its output
files; :func:`load` opens a build folder as a :class:`~rolegraph.ask.RoleGraph`.
This is the only layer that drives the whole pipeline: it may use every
layer below the command line.
"""

from importlib import import_module

__all__ = ["BuildResult", "Corpus", "CorpusUpdate", "build", "default_documents", "load", "open_folder"]

# Imported on first use: opening a folder must not import the extractor and the RDF builder.
_EXPORTS = {"BuildResult": "pipeline", "build": "pipeline", "default_documents": "pipeline",
            "Corpus": "corpus", "CorpusUpdate": "corpus", "load": "folder", "open_folder": "folder"}


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rolegraph.builds' has no attribute '{name}'")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
