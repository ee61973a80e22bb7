"""Documents added to a build: extracted once, kept in the build folder, rebuilt when changed.

The build folder holds ``documents.sqlite``: one row per file built, with its
path, content hash, size and modification time, and its extracted facts (as
JSON). Building again re-extracts only files whose content changed and drops
files that no longer exist, so each document's named graph is replaced or
removed with its source. SQLite keeps this in one file, updated in
transactions: an interrupted build loses nothing already extracted.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocumentError, RolegraphError
from ..graph.iris import doc_slug


__all__ = ["Corpus", "CorpusUpdate", "RegisteredFiles", "extract_file", "registered_files", "DB_NAME"]

DB_NAME = "documents.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,          -- the file, resolved
    slug TEXT NOT NULL UNIQUE,      -- its IRI segment and graph name
    name TEXT NOT NULL,             -- the document name used in the graph
    file_sha256 TEXT NOT NULL,      -- of the file's bytes
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    checked_ns INTEGER NOT NULL,    -- when size and mtime were recorded
    facts TEXT NOT NULL,            -- DocumentFacts.to_dict() as JSON
    extractor TEXT NOT NULL DEFAULT '', -- what extracted them (lexicon, cues, version): see extractor_id
    facts_sha256 TEXT NOT NULL DEFAULT ''  -- of the facts JSON: a build compares it, not the facts
)"""
# A file whose date is this close to when it was checked may have changed again
# within the file system's clock resolution: hash it rather than trust the date.
_RACY_NS = 2_000_000_000
_BATCH = 500  # rows per transaction: progress is kept if a build is interrupted


@dataclass
class CorpusUpdate:
    """What one build did to the documents."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    failed: list[DocumentError] = field(default_factory=list)


_EXTRACTOR = None


def extractor_id(lexicon) -> str:
    """What documents are extracted with: the lexicon, the language cues, the glossary and the code.

    A document extracted with another one is extracted again, so that its facts
    name the concepts the graph has and follow the extractor's fixes (the code
    of the reading and extracting stages is part of the digest, so a changed
    checkout re-extracts even without a new version number).
    """
    from pathlib import Path

    from .. import __version__
    from ..locations import data_dir

    h = hashlib.sha256(f"{__version__}\n{lexicon.fingerprint}\n".encode())
    package = Path(__file__).resolve().parents[1]
    files = sorted((data_dir() / "cues").glob("*.toml")) + sorted((data_dir() / "reference" / "glossary").glob("*"))
    files += sorted((package / "extract").glob("*.py")) + sorted((package / "sources").glob("*.py"))
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:32]


def _init_worker(lexicon) -> None:
    """Give a worker process the build's extractor (so it extracts with the build's lexicon)."""
    global _EXTRACTOR
    from ..extract import Extractor

    _EXTRACTOR = Extractor(lexicon)


def extract_file(path: str, known_sha: str | None = None) -> tuple[str, str | None, dict | None, str | None]:
    """Read and extract one file, for worker processes.

    Returns ``(path, file_sha256, facts as dict, error)``. When the file's hash
    equals ``known_sha`` (only its date changed), nothing is extracted.
    """
    global _EXTRACTOR
    from ..extract import Extractor
    from ..sources import parse_document, read_bytes

    try:
        data = read_bytes(path)
        digest = hashlib.sha256(data).hexdigest()
        if digest == known_sha:
            return path, digest, None, None
        if _EXTRACTOR is None:
            _EXTRACTOR = Extractor()
        ex = _EXTRACTOR.extract(parse_document(data, path))
        return path, digest, ex.facts.to_dict(), None
    except DocumentError as exc:
        return path, None, None, exc.reason
    except Exception as exc:  # a bug must not lose the other documents' work
        return path, None, None, f"extraction failed ({type(exc).__name__}: {exc})"


def _utf8(text: str) -> bool:
    """Can ``text`` be written as UTF-8? (A file name with a byte that is not UTF-8 cannot.)"""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _pool(jobs: int, lexicon) -> ProcessPoolExecutor:
    """Worker processes that extract with the build's lexicon.

    Where processes can be forked, the extractor is prepared once, here, and
    the workers start as copies of this process: they share its memory
    (lexicon, tries, lemmas) until they write to it, instead of each holding
    and preparing its own. Elsewhere each worker prepares one.
    """
    import gc
    import multiprocessing as mp

    if "fork" in mp.get_all_start_methods():
        _init_worker(lexicon)
        gc.freeze()  # the collector would otherwise touch, and so copy, every shared object
        return ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("fork"))
    return ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(lexicon,))


class Corpus:
    """The documents registered in one build folder."""

    def __init__(self, out_dir: Path | str):
        self.out = Path(out_dir)
        self.db_path = self.out / DB_NAME
        self._db: sqlite3.Connection | None = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.out.mkdir(parents=True, exist_ok=True)
            try:
                self._db = sqlite3.connect(self.db_path)
                self._db.execute(_SCHEMA)
                columns = {row[1] for row in self._db.execute("PRAGMA table_info(documents)")}
                if "extractor" not in columns:  # a folder built by an earlier version
                    self._db.execute("ALTER TABLE documents ADD COLUMN extractor TEXT NOT NULL DEFAULT ''")
                if "facts_sha256" not in columns:
                    self._db.execute("ALTER TABLE documents ADD COLUMN facts_sha256 TEXT NOT NULL DEFAULT ''")
                # quotes look a document up by name (RegisteredFiles)
                self._db.execute("CREATE INDEX IF NOT EXISTS documents_by_name ON documents (name)")
            except sqlite3.DatabaseError as exc:
                raise RolegraphError(f"{self.db_path}: unreadable ({exc}); delete it to start over "
                                     "(the documents will be extracted again)") from None
        return self._db

    def __len__(self) -> int:
        if not self.db_path.exists():
            return 0
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def digests(self) -> list[tuple[str, str, str]]:
        """``(slug, document name, SHA-256 of its facts JSON)`` of every registered document, in slug order:
        what a build compares, without reading the facts."""
        if not self.db_path.exists():
            return []
        db = self.db
        missing = db.execute("SELECT slug, facts FROM documents WHERE facts_sha256 = ''").fetchall()
        if missing:  # rows written by an earlier version
            with db:
                db.executemany("UPDATE documents SET facts_sha256 = ? WHERE slug = ?",
                               [(_sha(text), slug) for slug, text in missing])
        return db.execute("SELECT slug, name, facts_sha256 FROM documents ORDER BY slug").fetchall()

    def facts_json(self, slug: str) -> str:
        """One registered document's facts, as JSON text."""
        return self.db.execute("SELECT facts FROM documents WHERE slug = ?", (slug,)).fetchone()[0]

    def update(self, paths: list[Path], *, jobs: int = 1, known_sha: set[str] = frozenset(),
               progress=None, lexicon=None) -> CorpusUpdate:
        """Extract new and changed files among ``paths``; forget registered files that are gone.

        ``lexicon`` is what documents are extracted with (default: the shipped one);
        a document extracted with another lexicon is extracted again.
        """
        result = CorpusUpdate()
        db = self.db
        if lexicon is None:
            from ..knowledge.lexicon import load_lexicon

            lexicon = load_lexicon()
        self._lexicon, self._extractor = lexicon, extractor_id(lexicon)
        rows = {path: (sha if extractor == self._extractor else None, size, mtime, checked)
                for path, sha, size, mtime, checked, extractor in
                db.execute("SELECT path, file_sha256, size, mtime_ns, checked_ns, extractor FROM documents")}
        todo: list[tuple[str, str | None]] = []
        stats: dict[str, os.stat_result] = {}
        for p in paths:
            key = str(p.resolve())
            if not key.isascii() and not _utf8(key):
                result.failed.append(DocumentError(p, "the file's name is not valid UTF-8; rename it to build it"))
                if progress:
                    progress()
                continue
            try:
                st = p.stat()
            except OSError as exc:
                result.failed.append(DocumentError(p, f"cannot be read ({exc.strerror})"))
                continue
            stats[key] = st
            old = rows.get(key)
            if old and old[0] is not None and (old[1], old[2]) == (st.st_size, st.st_mtime_ns) and \
                    st.st_mtime_ns < old[3] - _RACY_NS:
                result.unchanged.append(str(p))
                if progress:
                    progress()
                continue
            todo.append((key, old[0] if old else None))
        gone = [k for k in rows if not Path(k).exists()]
        with db:
            db.executemany("DELETE FROM documents WHERE path = ?", [(k,) for k in gone])
        result.removed += gone
        self._extract(todo, jobs, known_sha, stats, result, progress)
        return result

    def _extract(self, todo, jobs, known_sha, stats, result, progress) -> None:
        global _EXTRACTOR
        if not todo:
            return
        paths, shas = [k for k, _ in todo], [s for _, s in todo]
        try:
            if jobs > 1 and len(todo) > 1:
                with _pool(jobs, self._lexicon) as pool:
                    outcomes = pool.map(extract_file, paths, shas,
                                        chunksize=max(1, min(64, len(todo) // (jobs * 8))))
                    self._collect(outcomes, known_sha, stats, result, progress)
            else:
                _init_worker(self._lexicon)
                self._collect(map(extract_file, paths, shas), known_sha, stats, result, progress)
        finally:
            _EXTRACTOR = None
            import gc

            gc.unfreeze()

    def _collect(self, outcomes, known_sha, stats, result, progress) -> None:
        db = self.db
        slugs = {slug: path for path, slug in db.execute("SELECT path, slug FROM documents")}
        slug_of = {path: slug for slug, path in slugs.items()}
        pending = 0
        try:
            for key, digest, data, error in outcomes:
                if progress:
                    progress()
                st = stats[key]
                if error:
                    result.failed.append(DocumentError(key, error))
                    continue
                if data is None:  # same bytes, new date: remember the date only
                    db.execute("UPDATE documents SET size = ?, mtime_ns = ?, checked_ns = ? WHERE path = ?",
                               (st.st_size, st.st_mtime_ns, time.time_ns(), key))
                    result.unchanged.append(key)
                    continue
                if data["document"]["sha256"] in known_sha:
                    result.skipped.append((key, "same text as a curated source document"))
                    continue
                name = data["document"]["name"]
                slug = slug_of.get(key) or self._free_slug(doc_slug(name), slugs)
                if slug != doc_slug(name):  # two files with one name
                    data["document"]["name"] = slug + Path(name).suffix
                (result.updated if key in slug_of else result.added).append(key)
                slugs[slug], slug_of[key] = key, slug
                text = json.dumps(data, ensure_ascii=False, sort_keys=True)
                db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (key, slug, data["document"]["name"], digest, st.st_size, st.st_mtime_ns,
                            time.time_ns(), text, self._extractor, _sha(text)))
                pending += 1
                if pending >= _BATCH:
                    db.commit()
                    pending = 0
        finally:
            db.commit()  # keep what was extracted, even when interrupted

    @staticmethod
    def _free_slug(slug: str, used: dict[str, str]) -> str:
        candidate, n = slug, 2
        while candidate in used:
            candidate, n = f"{slug}-{n}", n + 1
        return candidate


def registered_files(folder: Path | str) -> "RegisteredFiles":
    """Document name -> the files a build in ``folder`` read it from (for evidence quotes).

    Looked up one name at a time in the document store, opened read-only: a
    path command quotes a handful of documents, not the hundred thousand a
    folder may hold. A folder without a store, or an unreadable one, knows no
    document.
    """
    return RegisteredFiles(Path(folder) / DB_NAME)


class RegisteredFiles:
    """The files a build registered, by document name, read from its ``documents.sqlite`` on demand."""

    def __init__(self, db: Path):
        self.db = db
        self._found: dict[str, list[Path]] = {}

    def get(self, name: str, default=None) -> list[Path] | None:
        if name not in self._found:
            self._found[name] = self._lookup(name)
        return self._found[name] or default

    def _lookup(self, name: str) -> list[Path]:
        if not self.db.is_file():
            return []
        try:
            con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
            try:
                rows = con.execute("SELECT path FROM documents WHERE name = ? ORDER BY path", (name,)).fetchall()
            finally:
                con.close()
        except sqlite3.Error:
            return []
        return [Path(path) for (path,) in rows]

    def __bool__(self) -> bool:
        return self.db.is_file()
