"""The import's data: title endings (schemas/genres.yaml plus schemas/import.yaml), web furniture
and the marks of an official document (schemas/import.yaml), compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


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


def _load(name: str):
    from ..data import Data, packaged_dir

    path = packaged_dir() / name
    try:
        return Data([]).load_path(path) or {}
    except Exception:  # data missing from a broken install: the import still runs on the defaults
        return {}


@lru_cache(maxsize=1)
def data() -> ImportData:
    raw = _load("import.yaml")
    genres = _load("genres.yaml")
    suffixes = {str(g["suffix"]) for g in genres.get("genres", []) if g.get("suffix")}
    suffixes |= {str(s) for s in raw.get("title_suffixes", [])}
    marks = raw.get("marks") or {}
    return ImportData(
        title_suffixes=tuple(sorted(suffixes, key=len, reverse=True)),
        title_notes=tuple(str(s) for s in raw.get("title_notes", [])),
        furniture=tuple(Furniture(str(f["reason"]), int(f.get("max_len", 80)), re.compile(str(f["pattern"])))
                        for f in raw.get("furniture", [])),
        internal=frozenset(str(s) for s in marks.get("internal", [])),
        doc_number=re.compile(str(marks.get("doc_number", r"(?!)"))),
        issued=re.compile(str(marks.get("issued", r"(?!)"))),
        signer=re.compile(str(marks.get("signer", r"(?!)"))),
        from_issue=re.compile(str(marks.get("from_issue", r"(?!)"))),
        prompt_strong=_any(raw.get("prompts_strong")),
        prompt_weak=_any(raw.get("prompts_weak")),
        footer=_any(raw.get("footer")),
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
