"""Where a checklist finding is reported: at the claim in a policy when there is one, else in the data."""

from __future__ import annotations

import os
import re


def covers_line(policy, item_id: str) -> int:
    covers = policy.meta.get("covers")
    lines = policy.item_lines.get("covers", [])
    if isinstance(covers, list):
        for i, c in enumerate(covers):
            if str(c) == item_id and i < len(lines):
                return lines[i]
    return policy.meta_line("covers")


def data_location(corpus, filename: str, pattern: str) -> tuple[str, int]:
    """(relative path, line) of the first line of a data file that matches `pattern`.

    When the data file is the copy installed with baomi (outside the repository), the finding
    is reported at the policies directory instead: that is where the office must act.
    """
    data = corpus.data
    path = data.path(filename)
    fallback = _rel(getattr(corpus.config, "policies", None) or "policies")
    if path is None:
        return (fallback, 1)
    rel = _rel(path)
    if rel.startswith(".."):
        return (fallback, 1)
    rx = re.compile(pattern)
    for no, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if rx.search(line):
            return (rel, no)
    return (rel, 1)


def _rel(path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
