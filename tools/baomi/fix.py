"""Apply the fixes that rules attach to diagnostics, across the corpus, until nothing changes.

Each diagnostic's fix is applied whole or not at all (a renumbering spans files); a fix that
overlaps one already taken waits for the next round, when positions are fresh. Files are
written atomically and keep their BOM and line endings.

Every fix is `safe` or `unsafe` (`Diagnostic.applicability`, as ruff has it): `baomi lint --fix`
takes the safe ones only; `--fix --unsafe-fixes` (`unsafe=True`) takes the unsafe ones too —
fixes that may change what the text says (a typo's correction, a legal term put back).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Edit
from .files import atomic_write

MAX_ROUNDS = 8


@dataclass
class FixReport:
    rounds: int = 0
    changes: dict = field(default_factory=dict)   # relpath -> list of (line, rule, message)
    hidden: int = 0                                # unsafe fixes offered and not applied

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
    atomic_write(path, (b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8"), parents=False)


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    return (a < d and c < b) or a == c


def applies(d, unsafe: bool = False) -> bool:
    """`d` has a fix this run applies: a safe one, or any with `unsafe` (--unsafe-fixes)."""
    return bool(d.fix) and (unsafe or d.applicability == "safe")


def select_edits(diagnostics, texts: dict[str, str], *, unsafe: bool = False) -> dict[str, list[tuple[int, int, Edit, object]]]:
    """Choose this round's edits: each diagnostic's fix is taken whole or not at all; an
    unsafe fix only with `unsafe` (--unsafe-fixes).

    A renumbering rewrites an article number and every citation of it, possibly in several
    files; taking part of it would change what a reference means. A diagnostic whose edits
    overlap an edit already chosen waits for the next round (positions are fresh then).
    """
    chosen: dict[str, list] = {}
    starts = {rel: _offsets(t) for rel, t in texts.items()}
    for d in diagnostics:
        if not applies(d, unsafe):
            continue
        spans = []
        ok = True
        for e in d.fix:
            text = texts.get(e.path)
            if text is None:
                ok = False
                break
            a = _pos(starts[e.path], text, e.line, e.col)
            b = _pos(starts[e.path], text, e.end_line, e.end_col)
            if b < a:
                ok = False
                break
            if text[a:b] == e.text:
                continue
            spans.append((e.path, a, b, e))
        if not ok or not spans:
            continue
        clash = any(_overlaps(a, b, c, dd) for i, (p, a, b, _) in enumerate(spans)
                    for (q, c, dd, _) in spans[i + 1:] if p == q)
        clash = clash or any(_overlaps(a, b, c, dd) for p, a, b, _ in spans for c, dd, _, _ in chosen.get(p, []))
        if clash:
            continue
        for p, a, b, e in spans:
            chosen.setdefault(p, []).append((a, b, e, d))
    return chosen


def fix(lint_once, *, dry_run: bool = False, unsafe: bool = False) -> tuple[FixReport, object]:
    """Run `lint_once()` → LintResult, apply the safe fixes (and the unsafe ones with `unsafe`),
    repeat until stable. Returns (report, last result); `report.hidden` counts the unsafe fixes
    left in the last result (offered, not applied)."""
    report = FixReport()
    result = lint_once()
    for _ in range(MAX_ROUNDS):
        texts = {}
        for d in result.diagnostics:
            if not applies(d, unsafe):
                continue
            for e in d.fix:
                policy = result.corpus.by_path.get(e.path)
                if policy is not None and policy.readable:
                    texts[e.path] = policy.text
        chosen = select_edits(result.diagnostics, texts, unsafe=unsafe)
        if not chosen:
            break
        for rel, picked in chosen.items():
            text = texts[rel]
            for a, b, e, d in sorted(picked, key=lambda t: (t[0], t[1]), reverse=True):
                text = text[:a] + e.text + text[b:]
            for a, b, e, d in sorted(picked, key=lambda t: (t[0], t[1])):
                report.changes.setdefault(rel, []).append((e.line, d.rule, e.note or d.message))
            if not dry_run:
                write_text(Path(result.corpus.by_path[rel].path), text)
        report.rounds += 1
        if dry_run:
            break
        result = lint_once()
    report.hidden = 0 if unsafe else sum(1 for d in result.diagnostics if d.unsafe_fixable)
    return report, result
