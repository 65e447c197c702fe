"""GitLab Code Quality report (a JSON array), so merge requests show findings inline.

GitLab compares reports of two pipelines by `fingerprint`: a finding whose fingerprint is new is
shown as new. The fingerprint therefore names the finding by what it is about — file, rule,
message and the text of the line it stands on — and not by its line number, so an edit above a
finding does not make every later finding look new. Identical findings on identical lines of one
file are told apart by their order.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def _line_texts(result) -> dict[str, list[str]]:
    """Lines of each linted file, keyed as diagnostics name them (relative to the working directory)."""
    out: dict[str, list[str]] = {}
    corpus = getattr(result, "corpus", None)
    for p in getattr(corpus, "policies", None) or ():
        lines = getattr(p, "lines", None)
        path = getattr(p, "path", None)
        if lines is None or path is None:
            continue
        try:
            out[os.path.relpath(path)] = lines
        except ValueError:
            out[str(path)] = lines
    return out


def _source_line(texts: dict, path: str, line: int) -> str:
    lines = texts.get(path)
    if lines is None:
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                lines = fh.read().split("\n")
        except OSError:
            lines = []
        texts[path] = lines
    return "".join(lines[line - 1].split()) if 0 < line <= len(lines) else ""


def fingerprint(path: str, rule: str, message: str, line_text: str, occurrence: int) -> str:
    return hashlib.sha256("\0".join((path, rule, message, line_text, str(occurrence))).encode()).hexdigest()


def as_list(result) -> list[dict]:
    out = []
    texts = _line_texts(result)
    seen: Counter = Counter()
    for d in result.diagnostics:
        key = (d.path, d.rule, d.message, _source_line(texts, d.path, d.line))
        fp = fingerprint(*key, seen[key])
        seen[key] += 1
        out.append({
            "type": "issue",
            "check_name": f"{d.rule} {d.name}",
            "description": d.message,
            "categories": ["Style"] if d.category in ("punctuation", "terminology", "script") else ["Bug Risk"],
            "severity": _SEVERITY.get(d.severity, "minor"),
            "fingerprint": fp,
            "location": {"path": d.path.replace("\\", "/"), "lines": {"begin": d.line, "end": d.end_line or d.line}},
        })
    return out


def render(result) -> str:
    return json.dumps(as_list(result), ensure_ascii=False, indent=2) + "\n"
