"""The result type of the text checks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem in a string: `text[start:end]` should become `replacement` (None: no safe fix).

    `kind` names the sub-check (e.g. "halfwidth", "space"), so one pass can serve several rules;
    `severity` optionally overrides the rule's default (terminology entries carry their own).
    """

    start: int
    end: int
    message: str
    replacement: str | None = None
    kind: str = ""
    severity: str | None = None

    def apply(self, text: str) -> str:
        """`text` with this finding's replacement applied (unchanged if not fixable)."""
        if self.replacement is None:
            return text
        return text[: self.start] + self.replacement + text[self.end:]


def apply_all(text: str, findings: list[Finding]) -> str:
    """Apply every fixable, non-overlapping finding (earlier ones win) to `text`."""
    out, last = [], 0
    for f in sorted((f for f in findings if f.replacement is not None), key=lambda f: (f.start, f.end)):
        if f.start < last:
            continue
        out.append(text[last:f.start])
        out.append(f.replacement)
        last = f.end
    out.append(text[last:])
    return "".join(out)
