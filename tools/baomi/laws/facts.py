"""Reading the law registry's facts the way the checks use them: verified or not, old numbers."""

from __future__ import annotations

from typing import Mapping

from ..datamodel import EMPTY, Law

UNVERIFIED = "（未经核实）"


def entry(corpus, key) -> Law | None:
    data = corpus.data
    for e in getattr(data, "laws", None) or ():
        if e.key == str(key):
            return e
    return None


def unverified(e: Law | None, field: str) -> bool:
    """The registry does not prove this field of the entry (no text here says it)."""
    return e is None or not e.proves(field)


def mark(e: Law | None, field: str) -> str:
    """「（未经核实）」 for a message that relies on an unproven fact, else ''."""
    return UNVERIFIED if unverified(e, field) else ""


def old_numbers(e: Law | None) -> Mapping[int, int | None]:
    """{old number: new number or None} of the previous version, {} without one."""
    return e.old_map if e is not None else EMPTY


def article_texts(corpus, key) -> tuple[dict, dict]:
    """(previous, current) article texts of a mapped law from schemas/law_texts.json."""
    data = corpus.data
    texts = (data.load("law_texts.json", default={}) if data is not None else {}) or {}
    t = texts.get(str(key)) or {}
    return ((t.get("previous") or {}).get("articles") or {}), ((t.get("current") or {}).get("articles") or {})
