"""Helpers shared by the cross-reference rules: references of one policy with a given problem."""

from __future__ import annotations

from ...numerals import to_chinese


def refs(policy, corpus, *kinds):
    """References found in `policy` whose problem is one of `kinds` (Problem classes from
    baomi.references, their kind names, or None for no problem); resolved once per corpus."""
    for r in corpus.references_from(policy):
        if r.has(*kinds):
            yield r


def cn(n) -> str:
    try:
        return to_chinese(int(n))
    except (TypeError, ValueError):
        return str(n)


def art_label(key) -> str:
    num, sub = key
    return f"第{cn(num)}条" + (f"之{cn(sub)}" if sub else "")
