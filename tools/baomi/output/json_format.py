"""The JSON object of SPEC: tool, version, summary, diagnostics."""

from __future__ import annotations

import json

from .. import __version__


def as_dict(result) -> dict:
    return {
        "tool": "baomi",
        "version": __version__,
        "summary": {"files": len(result.files), "errors": result.errors, "warnings": result.warnings},
        "diagnostics": [d.to_json() for d in result.diagnostics],
    }


def render(result) -> str:
    return json.dumps(as_dict(result), ensure_ascii=False, indent=2) + "\n"
