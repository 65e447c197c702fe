"""Files that ship with baomi besides the code: the default data (`schemas/`) and the model rule
book used by `baomi init` (`policies/`, `site_overrides/`, `mkdocs.yml`).

In an installed wheel they live inside the package (`baomi/_shipped/…`, put there by setup.py);
in a source checkout or an editable install they are read from the repository's top directory.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
SHIPPED = ("schemas", "policies", "site_overrides", "mkdocs.yml")


def shipped(name: str) -> Path:
    """Path of a shipped top-level file or directory (see SHIPPED)."""
    if name not in SHIPPED:
        raise KeyError(name)
    installed = _HERE / "_shipped" / name
    if installed.exists():
        return installed
    return _HERE.parents[1] / name


def templates() -> Path:
    return _HERE / "templates"
