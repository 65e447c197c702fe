"""Rule families. `all_rules()` imports every rule module once and returns them by code."""

from __future__ import annotations

import importlib
import pkgutil

from .base import REGISTRY, Rule, register

__all__ = ["Rule", "register", "all_rules", "get_rule", "REGISTRY"]

_loaded = False


def _load() -> None:
    global _loaded
    if _loaded:
        return
    pkg = importlib.import_module(__name__)
    for info in pkgutil.walk_packages(pkg.__path__, prefix=__name__ + "."):
        if info.name.endswith(".base"):
            continue
        importlib.import_module(info.name)
    _loaded = True


def all_rules() -> dict[str, Rule]:
    _load()
    return dict(sorted(REGISTRY.items()))


def get_rule(key: str) -> Rule | None:
    """Look a rule up by code (BM203, bm203) or name (article-number-gap)."""
    rules = all_rules()
    k = key.strip()
    if k.upper() in rules:
        return rules[k.upper()]
    for r in rules.values():
        if r.name == k:
            return r
    return None
