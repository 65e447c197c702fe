"""GitLab Code Quality report (a JSON array), so merge requests show findings inline."""

from __future__ import annotations

import hashlib
import json

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def as_list(result) -> list[dict]:
    out = []
    for d in result.diagnostics:
        fp = hashlib.sha256(f"{d.path}\0{d.rule}\0{d.line}\0{d.column}\0{d.message}".encode()).hexdigest()
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
