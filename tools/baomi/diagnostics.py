"""Diagnostics and fix edits: what every rule produces and every output format consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from . import serial

serial.storable(__name__)   # its dataclasses may be kept in the on-disk caches

CATEGORIES = (
    "frontmatter", "structure", "numbering", "xref", "checklist", "terminology",
    "punctuation", "script", "marking", "security", "encoding",
)
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Edit:
    """Replace the text from (line, col) up to, not including, (end_line, end_col) in `path`.

    Positions are 1-based; columns count code points. `path` is the policy's relpath.
    """

    path: str
    line: int
    col: int
    end_line: int
    end_col: int
    text: str
    note: str = field(default="", compare=False)   # what this edit does, for the fix report


@dataclass
class Diagnostic:
    path: str
    line: int
    column: int
    rule: str
    name: str
    category: str
    severity: str
    message: str
    end_line: int | None = None
    end_column: int | None = None
    fix: list[Edit] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.end_line is None:
            self.end_line = self.line
        if self.end_column is None:
            self.end_column = self.column

    @property
    def fixable(self) -> bool:
        return bool(self.fix)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.message)

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "fixable": self.fixable,
        }
