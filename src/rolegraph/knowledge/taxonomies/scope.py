"""Which occupations of ESCO and O*NET are tech roles, and their families (``data/reference/scope.toml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import DataFileError
from ...locations import data_dir
from ..lexicon import read_toml

__all__ = ["Scope", "load_scope"]

_ESCO_URI = re.compile(r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")
_ONET = re.compile(r"^\d{2}-\d{4}\.\d{2}$")


@dataclass
class Scope:
    """The tech subset: ESCO ISCO groups and named occupations, O*NET code prefixes and named codes."""

    isco_groups: tuple[str, ...] = ()
    esco_named: dict[str, str] = field(default_factory=dict)  # ESCO URI -> family
    esco_families: dict[str, str] = field(default_factory=dict)  # ISCO group prefix -> family
    onet_prefixes: tuple[str, ...] = ()
    onet_exclude: frozenset[str] = frozenset()
    onet_named: dict[str, str] = field(default_factory=dict)  # O*NET-SOC code -> family
    onet_families: dict[str, str] = field(default_factory=dict)  # code prefix -> family
    everything: bool = False  # keep every occupation (rolegraph import --all)

    def esco_keeps(self, uri: str, isco: str) -> bool:
        return self.everything or uri in self.esco_named or isco.startswith(self.isco_groups)

    def onet_keeps(self, code: str) -> bool:
        if self.everything or code in self.onet_named:
            return True
        return code.startswith(self.onet_prefixes) and code not in self.onet_exclude

    def esco_family(self, uri: str, isco: str) -> str | None:
        return self.esco_named.get(uri) or _longest(self.esco_families, isco)

    def onet_family(self, code: str) -> str | None:
        return self.onet_named.get(code) or _longest(self.onet_families, code)

    def families(self) -> set[str]:
        return {*self.esco_named.values(), *self.esco_families.values(), *self.onet_named.values(),
                *self.onet_families.values()}


def _longest(prefixes: dict[str, str], code: str) -> str | None:
    best = max((p for p in prefixes if code.startswith(p)), key=len, default=None)
    return prefixes[best] if best is not None else None


def load_scope(path: Path | str | None = None, *, everything: bool = False) -> Scope:
    """Read the scope file (default: the shipped ``data/reference/scope.toml``).

    Raises :class:`~rolegraph.errors.DataFileError` naming the entry at fault.
    """
    path = Path(path) if path else data_dir() / "reference" / "scope.toml"
    raw = read_toml(path)
    esco, onet = raw.get("esco", {}), raw.get("onet", {})
    scope = Scope(everything=everything)
    scope.isco_groups = tuple(_strings(path, esco.get("isco_groups", []), "esco.isco_groups"))
    scope.esco_families = _families(path, esco.get("families", {}), "esco.families")
    for i, entry in enumerate(esco.get("occupation", [])):
        where = f"esco.occupation #{i + 1}"
        uri, family = entry.get("uri"), entry.get("family")
        if not isinstance(uri, str) or not _ESCO_URI.match(uri):
            raise DataFileError(path, "uri must be an ESCO occupation URI", where)
        if not isinstance(family, str):
            raise DataFileError(path, "needs a family", where)
        scope.esco_named[uri] = family
    scope.onet_prefixes = tuple(_strings(path, onet.get("codes", []), "onet.codes"))
    scope.onet_exclude = frozenset(_strings(path, onet.get("exclude", []), "onet.exclude"))
    scope.onet_families = _families(path, onet.get("families", {}), "onet.families")
    for i, entry in enumerate(onet.get("occupation", [])):
        where = f"onet.occupation #{i + 1}"
        code, family = entry.get("code"), entry.get("family")
        if not isinstance(code, str) or not _ONET.match(code):
            raise DataFileError(path, "code must be an O*NET-SOC code like 15-1252.00", where)
        if not isinstance(family, str):
            raise DataFileError(path, "needs a family", where)
        scope.onet_named[code] = family
    return scope


def _strings(path, value, where) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise DataFileError(path, "must be a list of non-empty strings", where)
    return value


def _families(path, value, where) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise DataFileError(path, "must map codes to family ids", where)
    return dict(value)
