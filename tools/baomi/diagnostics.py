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
# How sure a fix is (as ruff has it): `safe` fixes keep the meaning and `baomi lint --fix` applies
# them; `unsafe` ones may change what the text says (a typo's correction, a legal term put back)
# and are offered, but applied only with `--fix --unsafe-fixes`.
APPLICABILITIES = ("safe", "unsafe")


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
    applicability: str = "safe"       # of `fix` (APPLICABILITIES)

    def __post_init__(self) -> None:
        if self.end_line is None:
            self.end_line = self.line
        if self.end_column is None:
            self.end_column = self.column
        if self.applicability not in APPLICABILITIES:
            raise ValueError(f"applicability 应为 {APPLICABILITIES} 之一，实为 {self.applicability!r}")

    @property
    def fixable(self) -> bool:
        """`baomi lint --fix` would fix it: a safe fix."""
        return bool(self.fix) and self.applicability == "safe"

    @property
    def unsafe_fixable(self) -> bool:
        """A fix is offered that only `--fix --unsafe-fixes` applies."""
        return bool(self.fix) and self.applicability == "unsafe"

    def fix_json(self) -> dict | None:
        """The offered fix (JSON output), or None."""
        if not self.fix:
            return None
        return {
            "applicability": self.applicability,
            "message": "；".join(dict.fromkeys(e.note for e in self.fix if e.note)) or None,
            "edits": [{"path": e.path, "line": e.line, "column": e.col, "end_line": e.end_line,
                       "end_column": e.end_col, "content": e.text} for e in self.fix],
        }

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
            "fix": self.fix_json(),
        }
