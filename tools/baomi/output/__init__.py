"""Output formats for lint results: the one table of them.

A format is a module of this package with `render(result) -> str` (the text format also takes
`color=`). `FORMATS` names each with its module and the file name `--output DIR/` writes; the
command line's `--format` choices and the default file names are read from it. Adding a format
is one module and one line here (CONTRIBUTING.md, "Adding an output format").
"""

from __future__ import annotations

import importlib
from typing import NamedTuple


class Format(NamedTuple):
    module: str           # a module of baomi.output
    default_file: str     # what `baomi lint --output DIR/` writes


REGISTRY: dict[str, Format] = {
    "text": Format("text", "baomi-lint.txt"),
    "json": Format("json_format", "baomi-lint.json"),
    "sarif": Format("sarif", "baomi-lint.sarif"),
    "codequality": Format("codequality", "gl-code-quality-report.json"),
}
FORMATS = tuple(REGISTRY)


def default_file(fmt: str) -> str:
    return REGISTRY[fmt].default_file


def render(fmt: str, result, *, color: bool = False) -> str:
    fmt = fmt if fmt in REGISTRY else "text"
    mod = importlib.import_module(f"{__name__}.{REGISTRY[fmt].module}")   # imported only when used
    return mod.render(result, color=color) if fmt == "text" else mod.render(result)
