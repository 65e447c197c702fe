"""Where a checklist finding is reported: at the claim in a policy when there is one, else in the data."""

from __future__ import annotations

import os
import re


def covers_line(policy, item_id: str) -> int:
    return covers_position(policy, item_id)[0]


def covers_position(policy, item_id: str) -> tuple[int, int, int]:
    """(line, column, end column) of the `covers` entry `item_id`: the claim the finding is about.

    The column is found by looking for the id, quoted or bare, on that line (flow or block list);
    when it cannot be found the whole line start is used.
    """
    covers = policy.meta.get("covers")
    lines = policy.item_lines.get("covers", [])
    line = policy.meta_line("covers")
    if isinstance(covers, list):
        for i, c in enumerate(covers):
            if str(c) == item_id and i < len(lines):
                line = lines[i]
                break
    text = policy.lines[line - 1] if 0 < line <= len(getattr(policy, "lines", []) or []) else ""
    m = re.search(rf"""(["']){re.escape(item_id)}\1|(?<![\w.]){re.escape(item_id)}(?![\w.])""", text)
    if m is None:
        return (line, 1, 1)
    return (line, m.start() + 1, m.end() + 1)


def data_location(corpus, filename: str, pattern: str) -> tuple[str, int]:
    """(relative path, line) of the first line of a data file that matches `pattern`.

    `filename` "checklist.yaml" stands for the checklist and all its `checklist-*.yaml` parts.
    When the data file is the copy installed with baomi (outside the repository), the finding
    is reported at the policies directory instead: that is where the office must act.
    """
    data = corpus.data
    if filename == "checklist.yaml":
        paths = list(getattr(data, "checklist_files", []) or [])
    else:
        paths = [p for p in [data.path(filename)] if p is not None]
    fallback = _rel(getattr(corpus.config, "policies", None) or "policies")
    if not paths or _rel(paths[0]).startswith(".."):
        return (fallback, 1)
    rx = re.compile(pattern)
    for path in paths:
        for no, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if rx.search(line):
                return (_rel(path), no)
    return (_rel(paths[0]), 1)


def _rel(path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
