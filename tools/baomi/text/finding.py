"""The result type of the text checks."""

from __future__ import annotations

from dataclasses import dataclass

from .. import serial

serial.storable(__name__)   # a finding is plain data: a fact of a file may hold findings (baomi.facts)


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem in a string: `text[start:end]` should become `replacement` (None: no safe fix).

    `kind` names the sub-check (e.g. "halfwidth", "space"), so one pass can serve several rules;
    `severity` optionally overrides the rule's default (terminology entries carry their own).
    `fix_start`/`fix_end`, when set, are the range `replacement` replaces if it is not the
    finding's own (a word reported, its whole list rewritten).
    """

    start: int
    end: int
    message: str
    replacement: str | None = None
    kind: str = ""
    severity: str | None = None
    fix_start: int | None = None
    fix_end: int | None = None

    @property
    def fix_range(self) -> tuple[int, int]:
        return (self.start if self.fix_start is None else self.fix_start,
                self.end if self.fix_end is None else self.fix_end)

    def apply(self, text: str) -> str:
        """`text` with this finding's replacement applied (unchanged if not fixable)."""
        if self.replacement is None:
            return text
        a, b = self.fix_range
        return text[:a] + self.replacement + text[b:]


def apply_all(text: str, findings: list[Finding]) -> str:
    """Apply every fixable, non-overlapping finding (earlier ones win) to `text`."""
    out, last = [], 0
    for f in sorted((f for f in findings if f.replacement is not None), key=lambda f: f.fix_range):
        a, b = f.fix_range
        if a < last:
            continue
        out.append(text[last:a])
        out.append(f.replacement)
        last = b
    out.append(text[last:])
    return "".join(out)
