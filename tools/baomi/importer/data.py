"""The import's data: title endings (schemas/genres.yaml plus schemas/import.yaml), web furniture
and the marks of an official document (schemas/import.yaml), compiled once per data set.

The files are read as every data file is (`baomi.data.Data`: the repository's `schemas/` first,
then the packaged copy; validated against their schemas), so a unit's own import.yaml is used, and
a broken one stops the import (DataError, exit 2) before anything is written."""

from __future__ import annotations

import re
import weakref
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Furniture:
    reason: str
    max_len: int
    pattern: re.Pattern


@dataclass(frozen=True)
class ImportData:
    title_suffixes: tuple[str, ...]       # longest first
    title_notes: tuple[str, ...]
    furniture: tuple[Furniture, ...]
    internal: frozenset[str]
    doc_number: re.Pattern
    issued: re.Pattern
    signer: re.Pattern
    from_issue: re.Pattern
    prompt_strong: re.Pattern
    prompt_weak: re.Pattern
    footer: re.Pattern
    slug_drop: tuple[str, ...] = ("中华人民共和国",)      # words a file name leaves out
    org_suffixes: tuple[str, ...] = ()                   # how an issuer's name ends (统计局, 办公厅)
    org_keep: frozenset[str] = frozenset()              # 保密委员会: what a policy is about, no issuer
    org_min_len: int = 3                                 # 内部 and 全部 are no issuer
    slug_max: int = 40


# the data set an import reads (the repository's schemas/ first, then the packaged copy): set by
# `reading` for the length of a run, so that the scanners (clean, segment, marks) read the same
# files without each being handed the data set
_SOURCE: ContextVar = ContextVar("baomi_import_data", default=None)
# compiled once per data set, keyed on the data set itself (no attribute is put on it)
_COMPILED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


@contextmanager
def reading(source):
    """Within the block, `data()` compiles from `source` (a `baomi.data.Data`)."""
    token = _SOURCE.set(source)
    try:
        yield
    finally:
        _SOURCE.reset(token)


@lru_cache(maxsize=1)
def packaged_data():
    """The packaged data alone (no repository at hand)."""
    from ..data import Data

    return Data([])


def _load(source, name: str) -> tuple[Path | None, dict]:
    """(path, content) of a data file, validated against its schema. A file that cannot be read,
    parsed or does not fit its schema is a DataError naming file and line (nothing the author
    wrote is silently replaced by defaults); only a file absent from every data directory gives
    the built-in defaults, as `Data.load(name, default)` does for every optional data file."""
    path = source.path(name)
    if path is None:
        return None, {}
    return path, source.load_path(path) or {}


def _line_of(path: Path | None, value: str) -> str:
    """`:N` of the first line of `path` that holds `value` as written (plain, or single-quoted
    with its quotes doubled), or "" when it is not found so."""
    if path is None:
        return ""
    forms = [value, value.replace("'", "''")]
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return ""
    for no, line in enumerate(lines, 1):
        if any(f and f in line for f in forms):
            return f":{no}"
    return ""


def _compile(path: Path | None, where: str, pattern: str) -> re.Pattern:
    from ..data import DataError

    try:
        return re.compile(pattern)
    except re.error as exc:
        raise DataError(f"{path}{_line_of(path, pattern)}: 数据文件中 {where} 不是有效的正则表达式：{exc}") from exc


def data(source=None) -> ImportData:
    """The import's data compiled from `source`, else the data set of the current `reading`
    block, else the packaged data. Raises DataError for a broken import.yaml or genres.yaml."""
    source = source if source is not None else (_SOURCE.get() or packaged_data())
    got = _COMPILED.get(source)
    if got is None:
        got = _COMPILED[source] = _build(source)
    return got


def _build(source) -> ImportData:
    path, raw = _load(source, "import.yaml")
    suffixes = set(source.genres.suffixes) | {str(s) for s in raw.get("title_suffixes", [])}
    marks = raw.get("marks") or {}

    def one(key: str) -> re.Pattern:
        return _compile(path, f"marks 的 {key}", str(marks.get(key, r"(?!)")))

    def alternatives(key: str) -> re.Pattern:
        patterns = [str(p) for p in raw.get(key) or []]
        for i, p in enumerate(patterns):
            _compile(path, f"{key} 第 {i + 1} 项", p)
        return _any(patterns)

    slug = raw.get("slug") or {}
    return ImportData(
        title_suffixes=tuple(sorted(suffixes, key=len, reverse=True)),
        title_notes=tuple(str(s) for s in raw.get("title_notes", [])),
        furniture=tuple(Furniture(str(f["reason"]), int(f.get("max_len", 80)),
                                  _compile(path, f"furniture 第 {i + 1} 项的 pattern", str(f["pattern"])))
                        for i, f in enumerate(raw.get("furniture", []))),
        internal=frozenset(str(s) for s in marks.get("internal", [])),
        doc_number=one("doc_number"),
        issued=one("issued"),
        signer=one("signer"),
        from_issue=one("from_issue"),
        prompt_strong=alternatives("prompts_strong"),
        prompt_weak=alternatives("prompts_weak"),
        footer=alternatives("footer"),
        slug_drop=tuple(str(w) for w in slug.get("drop_words", ["中华人民共和国"])),
        org_suffixes=tuple(sorted((str(w) for w in slug.get("org_suffixes", [])), key=len, reverse=True)),
        org_keep=frozenset(str(w) for w in slug.get("org_keep", [])),
        org_min_len=int(slug.get("org_min_len", 3)),
        slug_max=int(slug.get("max_len", 40)),
    )


def _any(patterns) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns) if patterns else r"(?!)")


def genre_of(title: str) -> str | None:
    """The rule genre a title line ends with (办法 for ……管理办法（试行）), or None."""
    s = title.strip()
    d = data()
    for note in d.title_notes:
        if s.endswith(note):
            s = s[: -len(note)].rstrip()
            break
    # a short note in brackets at the end: （2018年修订）, （十一） of a 修正案, （试行）
    s = re.sub(r"[（(][^（()）]{1,10}[）)]$", "", s).rstrip()
    for suf in d.title_suffixes:
        if s.endswith(suf) and len(s) > len(suf):
            return suf
    return None


def furniture_reason(line: str) -> str | None:
    s = line.strip()
    for f in data().furniture:
        if len(s) <= f.max_len and f.pattern.search(s):
            return f.reason
    return None
