"""The exceptions rolegraph raises; the CLI turns each into a one-line message."""

from __future__ import annotations

__all__ = [
    "RolegraphError",
    "DataFileError",
    "DocumentError",
    "RoleNotFound",
]


class RolegraphError(Exception):
    """Base class: every error rolegraph raises on purpose derives from it.

    ``exit_code`` is what the command line exits with (2: bad input or usage).
    """

    exit_code = 1


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
        where = f"{self.path}: {entry}: " if entry else f"{self.path}: "
        super().__init__(where + problem)


class DocumentError(RolegraphError):
    """A source document cannot be read (binary, empty, too large, unreadable)."""

    exit_code = 2

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class RoleNotFound(RolegraphError):
    """A role name matches no role, or several equally well.

    ``suggestions`` holds the closest canonical labels, best first.
    """

    exit_code = 2

    def __init__(self, name: str, suggestions: list[str] | None = None, ambiguous: bool = False):
        self.name = name
        self.suggestions = list(suggestions or [])
        self.ambiguous = ambiguous
        if ambiguous:
            msg = f"'{name}' is ambiguous: it could be " + ", ".join(self.suggestions)
        else:
            msg = f"no role called '{name}'"
            if self.suggestions:
                msg += "; did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(msg)
