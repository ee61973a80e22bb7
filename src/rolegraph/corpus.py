"""Documents added to a build: extracted once, kept in the build folder, rebuilt when changed.

The build folder holds ``documents.json`` (which files were built, by path and
content hash) and ``documents/<slug>.json`` (their extracted facts). Building
again re-extracts only changed files and drops files that no longer exist, so
each document's named graph is replaced or removed with its source.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DocumentError, RolegraphError
from .model import DocumentFacts, facts_from_dict
from .rdf import doc_slug

__all__ = ["Corpus", "CorpusUpdate", "extract_file"]


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


def extract_file(path: str) -> tuple[str, dict | None, str | None]:
    """Read and extract one file; returns ``(path, facts as dict, error)`` (for worker processes)."""
    global _EXTRACTOR
    from .extract import Extractor

    try:
        if _EXTRACTOR is None:
            _EXTRACTOR = Extractor()
        ex = _EXTRACTOR.extract_path(path)
        return path, ex.facts.to_dict(), None
    except DocumentError as exc:
        return path, None, exc.reason
    except Exception as exc:  # a bug must not lose the other documents' work
        return path, None, f"extraction failed ({type(exc).__name__}: {exc})"


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Corpus:
    """The documents registered in one build folder."""

    def __init__(self, out_dir: Path | str):
        self.out = Path(out_dir)
        self.index_path = self.out / "documents.json"
        self.folder = self.out / "documents"
        self.index: dict[str, dict] = {}
        if self.index_path.exists():
            try:
                self.index = json.loads(self.index_path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise RolegraphError(f"{self.index_path}: unreadable ({exc}); delete it to start over")

    def facts(self) -> list[DocumentFacts]:
        out = []
        for key in sorted(self.index, key=lambda k: self.index[k]["slug"]):
            path = self.folder / f"{self.index[key]['slug']}.json"
            out.append(facts_from_dict(json.loads(path.read_text(encoding="utf-8"))))
        return out

    def update(self, paths: list[Path], *, jobs: int = 1, known_sha: set[str] = frozenset(),
               progress=None) -> CorpusUpdate:
        """Extract new and changed files among ``paths``; forget registered files that are gone."""
        result = CorpusUpdate()
        self.folder.mkdir(parents=True, exist_ok=True)
        todo: list[str] = []
        for p in paths:
            key = str(p.resolve())
            try:
                digest = _file_hash(p)
            except OSError as exc:
                result.failed.append(DocumentError(p, f"cannot be read ({exc.strerror})"))
                continue
            entry = self.index.get(key)
            if entry and entry["file_sha256"] == digest:
                result.unchanged.append(str(p))
                continue
            todo.append(key)
            self.index.setdefault(key, {})["file_sha256_new"] = digest
        for key in [k for k in self.index if not Path(k).exists()]:
            self._forget(key)
            result.removed.append(key)
        self._extract(todo, jobs, known_sha, result, progress)
        self._save()
        return result

    def _extract(self, todo, jobs, known_sha, result, progress) -> None:
        if not todo:
            return
        if jobs > 1 and len(todo) > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                outcomes = pool.map(extract_file, todo, chunksize=max(1, len(todo) // (jobs * 8)))
                self._collect(outcomes, known_sha, result, progress)
        else:
            self._collect(map(extract_file, todo), known_sha, result, progress)

    def _collect(self, outcomes, known_sha, result, progress) -> None:
        for key, data, error in outcomes:
            if progress:
                progress()
            entry = self.index[key]
            digest = entry.pop("file_sha256_new")
            if error:
                result.failed.append(DocumentError(key, error))
                if "slug" not in entry:
                    del self.index[key]
                continue
            if data["document"]["sha256"] in known_sha:
                result.skipped.append((key, "same text as a curated source document"))
                if "slug" not in entry:
                    del self.index[key]
                continue
            slug = entry.get("slug") or self._free_slug(doc_slug(data["document"]["name"]))
            if slug != doc_slug(data["document"]["name"]):  # two files with one name
                data["document"]["name"] = slug + Path(data["document"]["name"]).suffix
            tmp = self.folder / f".{slug}.json.tmp"
            tmp.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.folder / f"{slug}.json")
            (result.updated if "slug" in entry else result.added).append(key)
            entry.update({"slug": slug, "file_sha256": digest, "name": data["document"]["name"]})

    def _free_slug(self, slug: str) -> str:
        used = {e.get("slug") for e in self.index.values()}
        candidate, n = slug, 2
        while candidate in used:
            candidate, n = f"{slug}-{n}", n + 1
        return candidate

    def _forget(self, key: str) -> None:
        entry = self.index.pop(key)
        if "slug" in entry:
            (self.folder / f"{entry['slug']}.json").unlink(missing_ok=True)

    def _save(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        tmp = self.index_path.with_suffix(".json.tmp")
        clean = {k: v for k, v in self.index.items() if "slug" in v}
        tmp.write_text(json.dumps(clean, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.index_path)
        self.index = clean
