"""Results: what was found in a file, where, and how it can be fixed."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Applicability(str, enum.Enum):
    """How far a fix may be trusted (ruff's levels)."""

    SAFE = "safe"  # keeps the program's behaviour; applied by --fix
    UNSAFE = "unsafe"  # may change behaviour; not applied by --fix
    DISPLAY_ONLY = "display-only"  # shown as guidance, never applied

    def applies(self, unsafe_fixes: bool) -> bool:
        """Whether ``--fix`` applies a fix of this level (with or without ``--unsafe-fixes``)."""
        return self is Applicability.SAFE or (self is Applicability.UNSAFE and unsafe_fixes)


@dataclass(frozen=True, slots=True, order=True)
class Location:
    row: int  # 1-based
    column: int  # 1-based, in characters


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text between ``start`` and ``end`` with ``content``."""

    content: str
    start: Location
    end: Location


@dataclass(frozen=True, slots=True)
class Fix:
    applicability: Applicability
    message: str
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    message: str
    filename: str
    start: Location
    end: Location
    fix: Fix | None = None
    cell: int | None = None  # notebooks: the 1-based cell; start/end are then in that cell

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.applicability is Applicability.SAFE


@dataclass(frozen=True, slots=True)
class FileResult:
    """The outcome for one file. ``diagnostics`` are those still present after any fix."""

    filename: str
    diagnostics: tuple[Diagnostic, ...] = ()
    fixed: tuple[Diagnostic, ...] = ()  # applied by --fix
    source: bytes | None = None  # the original bytes, when read
    fixed_source: bytes | None = None  # set when --fix/--diff changed the file
    error: str | None = field(default=None)  # set when the file could not be processed
    internal_error: bool = False  # the error is keraslint's own bug, not the input's
