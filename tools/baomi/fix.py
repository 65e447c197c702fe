"""Apply the fixes that rules attach to diagnostics, across the corpus, until nothing changes.

Edits of one round are applied per file from the end backwards; an edit that overlaps one
already taken waits for the next round (after re-linting, positions are fresh). Files are
written atomically and keep their BOM and line endings.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Edit

MAX_ROUNDS = 8


@dataclass
class FixReport:
    rounds: int = 0
    changes: dict = field(default_factory=dict)   # relpath -> list of (line, rule, message)

    @property
    def files(self) -> int:
        return len(self.changes)

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.changes.values())


def _offsets(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _pos(starts: list[int], text: str, line: int, col: int) -> int:
    if line - 1 >= len(starts):
        return len(text)
    base = starts[line - 1]
    end = starts[line] - 1 if line < len(starts) else len(text)
    return min(base + col - 1, end)


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """Apply non-overlapping edits; return the new text and the edits applied."""
    starts = _offsets(text)
    spans = []
    for e in edits:
        a = _pos(starts, text, e.line, e.col)
        b = _pos(starts, text, e.end_line, e.end_col)
        if b < a:
            continue
        spans.append((a, b, e))
    spans.sort(key=lambda s: (s[0], s[1]))
    taken, last_end = [], -1
    for a, b, e in spans:
        if a < last_end or (a == last_end and taken and taken[-1][0] == a == b):
            continue
        if text[a:b] == e.text:
            continue
        taken.append((a, b, e))
        last_end = max(b, a)
    out = text
    for a, b, e in reversed(taken):
        out = out[:a] + e.text + out[b:]
    return out, [t[2] for t in taken]


def write_text(path: Path, text: str) -> None:
    """Atomic write that keeps the file's BOM and CRLF line endings."""
    raw = path.read_bytes() if path.exists() else b""
    bom = raw.startswith(b"\xef\xbb\xbf")
    crlf = b"\r\n" in raw
    data = text.replace("\n", "\r\n") if crlf else text
    payload = (b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def fix(lint_once, *, dry_run: bool = False) -> tuple[FixReport, object]:
    """Run `lint_once()` → LintResult, apply fixes, repeat until stable. Returns (report, last result)."""
    report = FixReport()
    result = lint_once()
    for _ in range(MAX_ROUNDS):
        by_file: dict[str, list] = {}
        for d in result.diagnostics:
            for e in d.fix:
                by_file.setdefault(e.path, []).append((e, d))
        if not by_file:
            break
        changed = False
        for rel, pairs in by_file.items():
            policy = result.corpus.by_path.get(rel)
            if policy is None or not policy.readable:
                continue
            new, applied = apply_edits(policy.text, [e for e, _ in pairs])
            if not applied or new == policy.text:
                continue
            applied_ids = {id(e) for e in applied}
            for e, d in pairs:
                if id(e) in applied_ids:
                    report.changes.setdefault(rel, []).append((e.line, d.rule, e.note or d.message))
                    applied_ids.discard(id(e))
            if not dry_run:
                write_text(Path(policy.path), new)
            changed = True
        report.rounds += 1
        if not changed or dry_run:
            break
        result = lint_once()
    return report, result
