"""The publishers' files, read as distributed: zips or folders of CSV or tab-separated text.

A :class:`Bundle` is the set of files a user points at (zip downloads,
extracted folders, single files). Its rows are streamed one at a time, with
the line they came from, so that a bad file is reported as
``FILE, line N: what is wrong`` and nothing is held whole in memory.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ...errors import RolegraphError

__all__ = ["ReferenceFileError", "Bundle", "Member", "rows"]

# ESCO cells hold long descriptions; raise the csv module's 128 KB cell limit.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class ReferenceFileError(RolegraphError):
    """A reference file is missing, unreadable, truncated or not in the publisher's format."""

    exit_code = 2

    def __init__(self, where: str, problem: str, line: int | None = None):
        self.where, self.problem, self.line = where, problem, line
        at = f", line {line}" if line else ""
        super().__init__(f"{where}{at}: {problem}")


@dataclass(frozen=True)
class Member:
    """One file of a bundle: a path on disk, or a file inside a zip."""

    name: str  # the file's own name, e.g. "occupations_en.csv"
    path: Path  # the file, or the zip holding it
    inner: str | None = None  # the name inside the zip

    def __str__(self) -> str:
        return f"{self.path.name}:{self.inner}" if self.inner else str(self.path)

    @property
    def size(self) -> int:
        if self.inner is None:
            return self.path.stat().st_size
        with zipfile.ZipFile(self.path) as z:
            return z.getinfo(self.inner).file_size

    def open(self) -> io.BufferedIOBase:
        if self.inner is None:
            return open(self.path, "rb")
        z = zipfile.ZipFile(self.path)
        try:
            fh = z.open(self.inner)
        except Exception:
            z.close()
            raise
        fh._rolegraph_zip = z  # closed with the member file (see rows())
        return fh


class Bundle:
    """Files from zips, folders and single files, found by name."""

    def __init__(self, paths, *, what: str):
        self.what = what  # "ESCO", "O*NET", ...: named in errors
        self.members: list[Member] = []
        for p in map(Path, paths):
            if p.is_dir():
                self.members += [Member(f.name, f) for f in sorted(p.rglob("*")) if f.is_file()
                                 and not f.name.startswith(".")]
            elif p.is_file() and zipfile.is_zipfile(p):
                try:
                    with zipfile.ZipFile(p) as z:
                        names = [i.filename for i in z.infolist() if not i.is_dir()]
                except (zipfile.BadZipFile, OSError) as exc:
                    raise ReferenceFileError(str(p), f"not a readable zip ({exc})") from None
                self.members += [Member(Path(n).name, p, n) for n in sorted(names)
                                 if not Path(n).name.startswith((".", "__MACOSX"))]
            elif p.is_file():
                if p.suffix.lower() == ".zip":
                    raise ReferenceFileError(str(p), "not a readable zip (truncated or damaged download?)")
                self.members.append(Member(p.name, p))
            else:
                raise ReferenceFileError(str(p), "no such file or folder")

    def find(self, pattern: str) -> list[Member]:
        """Members whose file name matches ``pattern`` (a regular expression, whole name)."""
        rx = re.compile(pattern, re.I)
        return [m for m in self.members if rx.fullmatch(m.name)]

    def one(self, pattern: str, label: str, required: bool = True) -> Member | None:
        found = self.find(pattern)
        if not found:
            if required:
                where = ", ".join(sorted({str(m.path) for m in self.members})) or "the given paths"
                raise ReferenceFileError(where, f"no {label} file found: is this {self.what} "
                                                "as its publisher distributes it?")
            return None
        return found[0]


def rows(member: Member, *, delimiter: str = ",", required=(), progress: Callable[[int], None] | None = None
         ) -> Iterator[tuple[int, dict[str, str]]]:
    """Stream ``(line, row)`` pairs of a CSV or tab-separated file, checking its header.

    ``required`` columns must be in the header; a row with a different number
    of cells, a cut-off quoted cell or bytes that are not UTF-8 stop the
    reading with a :class:`ReferenceFileError` naming the file and line.
    ``progress(n)`` is called with the bytes read since the last call.
    """
    try:
        raw = member.open()
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        raise ReferenceFileError(str(member), f"cannot be read ({exc})") from None
    counted = _Counting(raw, progress)
    text = io.TextIOWrapper(counted, encoding="utf-8-sig", newline="")
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    reader = csv.reader(text, delimiter=delimiter, quoting=quoting, strict=True)
    try:
        try:
            header = next(reader)
        except StopIteration:
            raise ReferenceFileError(str(member), "empty file") from None
        header = [h.strip() for h in header]
        missing = [c for c in required if c not in header]
        if missing:
            raise ReferenceFileError(str(member), f"missing column{'s' if len(missing) > 1 else ''} "
                                     + ", ".join(repr(c) for c in missing) + f" (found: {', '.join(header)})", 1)
        width = len(header)
        for cells in reader:
            if not cells:
                continue
            if len(cells) != width:
                raise ReferenceFileError(str(member), f"{len(cells)} cells where the header has {width} "
                                         "(a cut-off or malformed row)", reader.line_num)
            yield reader.line_num, dict(zip(header, cells))
    except csv.Error as exc:
        raise ReferenceFileError(str(member), f"malformed ({exc}; the file may be truncated)",
                                 reader.line_num) from None
    except UnicodeDecodeError:
        raise ReferenceFileError(str(member), "not UTF-8 text", reader.line_num or None) from None
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise ReferenceFileError(str(member), f"cannot be read to the end ({exc}): a truncated download?",
                                 reader.line_num or None) from None
    finally:
        text.close()
        z = getattr(raw, "_rolegraph_zip", None)
        if z is not None:
            z.close()


class _Counting(io.RawIOBase):
    """A byte stream that reports how much has been read (for progress bars)."""

    def __init__(self, raw, progress):
        self.raw, self.progress = raw, progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        if n and self.progress:
            self.progress(n)
        return n

    def close(self) -> None:
        try:
            self.raw.close()
        finally:
            super().close()
