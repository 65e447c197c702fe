"""Helpers shared by the cross-reference rules: references of one policy with a given problem."""

from __future__ import annotations

from ...numerals import to_chinese


def refs(policy, corpus, *problems):
    """References found in `policy` whose problem is one of `problems` (resolved once per corpus)."""
    corpus.ensure_references()
    by_source = getattr(corpus, "_refs_by_source", None)
    if by_source is None or by_source[0] != len(corpus.references):
        index: dict = {}
        for r in corpus.references:
            index.setdefault(id(r.source), []).append(r)
        by_source = (len(corpus.references), index)
        corpus._refs_by_source = by_source
    for r in by_source[1].get(id(policy), ()):
        if r.problem in problems:
            yield r


def cn(n) -> str:
    try:
        return to_chinese(int(n))
    except (TypeError, ValueError):
        return str(n)


def where(ref) -> str:
    """本文件 or 《标题》 of the cited policy."""
    if ref.target_policy is None or ref.target_policy is ref.source:
        return "本文件"
    return f"《{ref.target_policy.title}》"


def art_label(key) -> str:
    num, sub = key
    return f"第{cn(num)}条" + (f"之{cn(sub)}" if sub else "")
