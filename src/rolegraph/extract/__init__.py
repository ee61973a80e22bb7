"""Extraction: any English or French job document becomes facts with evidence.

>>> from rolegraph.extract import Extractor
>>> from rolegraph.sources import SourceDoc, parse_text
>>> text = "# Data Engineer\\n## Career\\n- Data Architect\\n## Salary\\nFrom 45k€ to 55k€ gross per year."
>>> doc = SourceDoc("de.md", text, "en", parse_text(text))
>>> facts = Extractor().extract(doc).facts
>>> [(t.source.id, t.target.id) for t in facts.transitions]
[('data-engineer', 'data-architect')]
>>> [(s.min, s.max, s.currency, s.period, s.basis) for s in facts.salaries]
[(45000.0, 55000.0, 'EUR', 'year', 'gross')]
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

from ..knowledge.lexicon import Lexicon, load_lexicon
from ..knowledge.model import Document, DocumentFacts, Ref, RoleMention, Span
from ..sources import SourceDoc, read_document
from .cues import load_cues
from .duties import Duties
from .items import ConceptMatcher, find_items
from .roles import RoleFinder, role_ref
from .salaries import find_salaries
from .structure import analyse
from .transitions import find_transitions

__all__ = ["Extraction", "Extractor", "extract_path"]


@dataclass
class Extraction:
    """What one document states (``facts``) and the document itself (for quotes)."""

    doc: SourceDoc
    facts: DocumentFacts
    subject: Ref | None = None  # the role the document is about, known or new


class Extractor:
    """Extracts facts with one lexicon; build it once and reuse it for many documents."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lex = lexicon or load_lexicon()
        self.cues = load_cues()
        # The matchers are hundreds of thousands of small tuples and dicts, none in a cycle:
        # the cyclic collector would only rescan them (a fifth of the time), so it waits.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self.roles = RoleFinder(self.lex, self.cues)
            self.skills = ConceptMatcher(self.lex, "skill")
            self.missions = ConceptMatcher(self.lex, "mission")
            self.duties = Duties(self.lex, self.cues)
        finally:
            if collecting:
                gc.enable()
        self.english = self.roles.grammar.english

    def extract(self, doc: SourceDoc) -> Extraction:
        an = analyse(doc, self.cues)
        hits = self.roles.find(an)
        subject = self.roles.main_role(an, hits)
        hits = self.roles.complete(an, hits, subject)
        about = subject.id if subject and not subject.is_new else None  # `about` names lexicon roles
        document = Document(doc.name, doc.sha256, len(doc.text), doc.language, about=about)
        facts = DocumentFacts(document)
        for h in hits:
            facts.mentions.append(RoleMention(role_ref(h), Span(h.start, h.end), h.confidence))
        facts.transitions = find_transitions(an, hits, subject, self.cues)
        facts.salaries = find_salaries(an, hits, subject, self.cues)
        facts.skills, facts.missions = find_items(
            an, subject, self.skills, self.missions, self.cues, [(h.start, h.end) for h in hits if not h.elided],
            duties=self.duties, english=self.english,
            subject_hits=[h for h in hits if subject and h.role == subject.id], all_hits=hits)
        return Extraction(doc, facts, subject)

    def extract_path(self, path: Path | str) -> Extraction:
        return self.extract(read_document(path))


def extract_path(path: Path | str, lexicon: Lexicon | None = None) -> Extraction:
    """Read and extract one file (a convenience over :class:`Extractor`)."""
    return Extractor(lexicon).extract_path(path)
