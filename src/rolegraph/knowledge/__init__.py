"""What rolegraph knows, as plain Python: the fact model, the lexicon and the curated facts.

The fact model (:mod:`~rolegraph.knowledge.model`) is what a document states,
as dataclasses with character spans, with no RDF in it: the extractor produces
it, the curated files in ``data/facts`` hold it, and the graph layer turns it
into triples. The lexicon (:mod:`~rolegraph.knowledge.lexicon`) is the bilingual
vocabulary of roles, skills, missions and training paths. This package uses
only ``rolegraph.errors``, ``rolegraph.text`` and ``rolegraph.locations``.
"""

from .facts import facts_to_toml, load_facts, load_facts_file
from .lexicon import Concept, Lexicon, load_lexicon
from .model import DocumentFacts, Evidence, Ref, Span

__all__ = ["Concept", "DocumentFacts", "Evidence", "Lexicon", "Ref", "Span", "facts_to_toml", "load_facts",
           "load_facts_file", "load_lexicon"]
