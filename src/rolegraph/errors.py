"""The exceptions rolegraph raises; the CLI turns each into a one-line message."""

from __future__ import annotations

__all__ = [
    "RolegraphError",
    "BadInput",
    "DataFileError",
    "DocumentError",
    "RoleNotFound",
    "shown",
]

# Characters that would change what a terminal shows: controls (a newline would forge a line of
# output) and the bidirectional overrides and isolates (they reorder what follows them).
_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def shown(text) -> str:
    """``text`` safe to print on one line: controls, bidirectional marks and undecodable bytes escaped.

    File names come from the user's disk and may hold anything a file system
    allows: a byte that is not UTF-8 (kept by Python as a lone surrogate, which
    cannot be printed), a newline, a right-to-left override.

    >>> shown("bad\\udcffname.txt"), shown("a\\nb"), shown("x\\u202etxt.exe")
    ('bad\\\\xffname.txt', 'a\\\\nb', 'x\\\\u202etxt.exe')
    """
    text = str(text)
    if text.isprintable() and text.isascii():
        return text
    out = []
    for c in text:
        n = ord(c)
        if 0xDC80 <= n <= 0xDCFF:  # a byte the file system gave that is not UTF-8
            out.append(f"\\x{n - 0xDC00:02x}")
        elif 0xD800 <= n <= 0xDFFF or n in _BIDI or (not c.isprintable() and c != " "):
            out.append(c.encode("unicode_escape").decode("ascii") if n < 0x10000 else f"\\U{n:08x}")
        else:
            out.append(c)
    return "".join(out)


class RolegraphError(Exception):
    """Base class: every error rolegraph raises on purpose derives from it.

    ``exit_code`` is what the command line exits with (2: bad input or usage).
    """

    exit_code = 1


class BadInput(RolegraphError):
    """What the user asked for cannot be done as asked (two names of one role, an empty graph file)."""

    exit_code = 2


class DataFileError(RolegraphError):
    """A lexicon or facts file is malformed.

    The message names the file, the entry and what is wrong, so that the person
    editing the file can fix it without reading code.
    """

    exit_code = 2

    def __init__(self, path, problem: str, entry: str | None = None):
        self.path = str(path)
        self.entry = entry
        self.problem = problem
        where = f"{shown(self.path)}: {entry}: " if entry else f"{shown(self.path)}: "
        super().__init__(where + problem)


class DocumentError(RolegraphError):
    """A source document cannot be read (binary, empty, too large, unreadable)."""

    exit_code = 2

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{shown(self.path)}: {reason}")


class RoleNotFound(RolegraphError):
    """A role name matches no role, or several equally well.

    ``suggestions`` holds the closest canonical labels, best first.
    """

    exit_code = 2

    def __init__(self, name: str, suggestions: list[str] | None = None, ambiguous: bool = False,
                 total: int | None = None):
        self.name = name
        self.suggestions = list(suggestions or [])
        self.ambiguous = ambiguous
        self.total = total if total is not None else len(self.suggestions)
        if ambiguous:
            more = self.total - len(self.suggestions)
            msg = (f"'{name}' fits {self.total} roles: " + ", ".join(self.suggestions)
                   + (f" and {more} more" if more > 0 else "") + "; give more of the name")
        else:
            msg = f"no role called '{name}'"
            if self.suggestions:
                msg += "; did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(msg)
