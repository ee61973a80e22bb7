"""Build folders: the pipeline run end to end, kept up to date, and opened again.

:func:`build` reads and extracts the documents added to a build folder
(:mod:`~rolegraph.builds.corpus` keeps each one's facts, so a rebuild
re-extracts only what changed), adds the shipped lexicon and curated facts,
turns everything into RDF and writes the output files; :func:`load` opens
the result as a :class:`~rolegraph.ask.RoleGraph`. This is the only layer
that drives the whole pipeline: it may use every layer below the command line.
"""

from .corpus import Corpus, CorpusUpdate
from .pipeline import BuildResult, build, default_documents, load

__all__ = ["BuildResult", "Corpus", "CorpusUpdate", "build", "default_documents", "load"]
