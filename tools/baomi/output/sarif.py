"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json

from .. import __version__

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _fix(d) -> dict:
    """A SARIF `fix` (3.55): the edits grouped by file; its applicability in `properties`."""
    changes: dict[str, list] = {}
    for e in d.fix:
        changes.setdefault(e.path.replace("\\", "/"), []).append({
            "deletedRegion": {"startLine": e.line, "startColumn": e.col, "endLine": e.end_line, "endColumn": e.end_col},
            "insertedContent": {"text": e.text},
        })
    note = "；".join(dict.fromkeys(e.note for e in d.fix if e.note))
    kind = "安全的修复（baomi lint --fix）" if d.applicability == "safe" else \
        "不安全的修复，可能改变原意（baomi lint --fix --unsafe-fixes）"
    return {
        "description": {"text": f"{note}（{kind}）" if note else kind},
        "artifactChanges": [{"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}, "replacements": reps}
                            for uri, reps in changes.items()],
        "properties": {"applicability": d.applicability},
    }


def as_dict(result) -> dict:
    from ..rules import all_rules

    rules = all_rules()
    used = sorted({d.rule for d in result.diagnostics})
    index = {code: i for i, code in enumerate(used)}
    descriptors = []
    for code in used:
        r = rules.get(code)
        if r is None:
            descriptors.append({"id": code})
            continue
        descriptors.append({
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.rationale},
            "help": {"text": f"{r.rationale}\n\n错误示例：\n{r.bad}\n\n正确示例：\n{r.good}",
                     "markdown": f"{r.rationale}\n\n**错误示例**\n\n```\n{r.bad}\n```\n\n**正确示例**\n\n```\n{r.good}\n```"},
            "defaultConfiguration": {"level": _LEVEL[r.severity]},
            "properties": {"category": r.category, "tags": [r.category]},
        })
    results = []
    for d in result.diagnostics:
        region = {"startLine": d.line, "startColumn": d.column}
        if d.end_line and d.end_line >= d.line:
            region["endLine"] = d.end_line
            if d.end_column and (d.end_line > d.line or d.end_column > d.column):
                region["endColumn"] = d.end_column
        entry = {
            "ruleId": d.rule,
            "ruleIndex": index[d.rule],
            "level": _LEVEL.get(d.severity, "warning"),
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": d.path.replace("\\", "/"), "uriBaseId": "%SRCROOT%"},
                "region": region,
            }}],
        }
        if d.fix:
            entry["fixes"] = [_fix(d)]
        results.append(entry)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "baomi", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://baomi.invalid/", "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(result) -> str:
    return json.dumps(as_dict(result), ensure_ascii=False, indent=2) + "\n"
