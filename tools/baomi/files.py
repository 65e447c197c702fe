"""Files on disk: the one way baomi finds Markdown policies and the one way it writes a file.

- `markdown_files(root)`: every `*.md` under `root`, sorted. One rule for everyone (lint, the
  corpus, `baomi diff` on the working tree, `baomi import`/`new` looking for ids and titles):
  anything whose path below `root` has a part starting with "." (a hidden folder such as
  `.git`, `.baomi-cache`, or a hidden file) is not a policy; a symbolic link to a file is
  read like the file; a symbolic link to a folder is not followed (no loops, and nothing
  outside the tree comes in by a link).
- `atomic_write(path, data)`: write to a temporary file in the same folder, then rename it over
  `path`; a reader sees the old file or the new one, never half of one, and a failed write
  leaves no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["markdown_files", "is_hidden", "atomic_write"]


def is_hidden(path: Path, root: Path) -> bool:
    """Whether `path` lies in a hidden folder under `root` or is itself hidden."""
    try:
        parts = Path(path).relative_to(root).parts
    except ValueError:
        parts = Path(path).parts
    return any(part.startswith(".") for part in parts)


def markdown_files(root: Path | str) -> list[Path]:
    """Every Markdown file under `root` (see the module docstring), sorted; [] if not a folder."""
    root = Path(root)
    if not root.is_dir():
        return []
    out: list[Path] = []
    for here, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(here)
        for n in names:
            if n.endswith(".md") and not n.startswith("."):
                p = base / n
                if p.is_file():          # a link to a file counts, a dangling link does not
                    out.append(p)
    return sorted(out)


def atomic_write(path: Path | str, data: bytes | str, *, parents: bool = True) -> Path:
    """Replace `path` by `data` (str is written as UTF-8, line ends as given) in one rename.
    OSError propagates; the temporary file is removed whatever happens."""
    path = Path(path)
    if parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path
