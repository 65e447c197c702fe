"""Synonym groups for search from `schemas/synonyms.yaml`, read tolerantly.

Accepted shapes: a list of groups (each a list of terms, or a mapping with a preferred term
under `term`/`key`/`preferred`/`name` and others under `synonyms`/`aliases`/`variants`/`terms`),
or a mapping term → list of synonyms; either may sit under a top-level `synonyms`/`groups` key.
"""

from __future__ import annotations

from .textnorm import fold

_HEAD = ("term", "key", "preferred", "name", "standard", "canonical")
_TAIL = ("synonyms", "aliases", "variants", "terms", "also", "colloquial", "same")


def _strings(v) -> list[str]:
    if isinstance(v, str):
        return [v]
    if isinstance(v, (list, tuple)):
        return [x for x in v if isinstance(x, str)]
    return []


def groups_from_data(raw) -> list[list[str]]:
    """Normalised (folded, deduplicated) groups of at least two terms."""
    if isinstance(raw, dict):
        for k in ("synonyms", "groups", "entries"):
            if k in raw and isinstance(raw[k], (list, dict)):
                raw = raw[k]
                break
    found: list[list[str]] = []
    if isinstance(raw, dict):
        for k, v in raw.items():
            found.append([str(k), *_strings(v)])
    elif isinstance(raw, list):
        for e in raw:
            if isinstance(e, dict):
                g = [s for k in _HEAD for s in _strings(e.get(k))]
                g += [s for k in _TAIL for s in _strings(e.get(k))]
                found.append(g)
            else:
                found.append(_strings(e))
    out = []
    for g in found:
        terms = list(dict.fromkeys(fold(t).strip() for t in g if t and t.strip()))
        if len(terms) >= 2:
            out.append(terms)
    return out


def load_groups(data) -> list[list[str]]:
    """Groups from a `baomi.data.Data` (or None → no synonyms)."""
    if data is None:
        return []
    try:
        raw = data.load("synonyms", default=None)
    except Exception:  # a broken file is the lint's business, not the site's
        return []
    return groups_from_data(raw)
