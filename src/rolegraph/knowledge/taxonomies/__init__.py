"""Reference taxonomies: ESCO and O*NET, and a crosswalk between them, read as their publishers distribute them.

Each reader streams the publisher's files (zips or folders) and keeps the
tech roles a :class:`Scope` selects (``data/reference/scope.toml``), with the
skills, technologies, tasks and relations that concern them; each writer
writes such a :class:`Taxonomy` back in the same layout. The shipped tech
subset (``data/reference``) and ``rolegraph import`` both work this way.
"""

from .crosswalk import read_crosswalk, write_crosswalk
from .esco import read_esco, write_esco
from .files import ReferenceFileError
from .model import CrosswalkRow, Source, Taxonomy
from .onet import read_onet, write_onet
from .scope import Scope, load_scope

__all__ = ["CrosswalkRow", "ReferenceFileError", "Scope", "Source", "Taxonomy", "load_scope", "read_crosswalk",
           "read_esco", "read_onet", "write_crosswalk", "write_esco", "write_onet", "SOURCES"]

#: The kinds of reference data, in the order they are merged into the lexicon.
SOURCES = ("esco", "onet", "crosswalk")
