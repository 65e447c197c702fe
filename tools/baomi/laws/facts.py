"""Reading the law registry's facts the way the checks use them: verified or not, old numbers."""

from __future__ import annotations

UNVERIFIED = "（未经核实）"


def entry(corpus, key) -> dict | None:
    data = corpus.data
    for e in getattr(data, "laws", None) or []:
        if str(e.get("key")) == str(key):
            return e
    return None


def unverified(e: dict | None, field: str) -> bool:
    """The registry does not prove this field of the entry (no text here says it)."""
    if e is None:
        return True
    return field in (e.get("unverified") or []) or (e.get("verified") is not True and not e.get("texts"))


def mark(e: dict | None, field: str) -> str:
    """「（未经核实）」 for a message that relies on an unproven fact, else ''."""
    return UNVERIFIED if unverified(e, field) else ""


def old_numbers(e: dict | None) -> dict:
    """{old number: new number or None} of the previous version, {} without one."""
    got = (e or {}).get("old_numbers") or {}
    mp = got.get("map") or {}
    return {int(k): (int(v) if v is not None else None) for k, v in mp.items()}


def article_texts(corpus, key) -> tuple[dict, dict]:
    """(previous, current) article texts of a mapped law from schemas/law_texts.json."""
    data = corpus.data
    texts = (data.load("law_texts.json", default={}) if data is not None else {}) or {}
    t = texts.get(str(key)) or {}
    return ((t.get("previous") or {}).get("articles") or {}), ((t.get("current") or {}).get("articles") or {})
