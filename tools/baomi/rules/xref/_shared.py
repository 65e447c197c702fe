"""Helpers shared by the cross-reference rules: references of one policy with a given problem."""

from __future__ import annotations

from ... import grammar
from ...numerals import to_chinese


def refs(policy, corpus, *kinds):
    """References found in `policy` whose problem is one of `kinds` (Problem classes from
    baomi.references, their kind names, or None for no problem); resolved once per corpus.

    A text that amends another (genres.yaml `quotes_amended_text`: 修正案) cites only the text it
    amends — 一、第一百六十二条后增加一条 … 将刑法第一百零七条修改为：“……本章第一百零二条……依照前款的
    规定处罚。” — never itself: its citations are not checked against its own articles."""
    if amends_another(policy, corpus):
        return
    for r in corpus.references_from(policy):
        if r.has(*kinds):
            yield r


def amends_another(policy, corpus) -> bool:
    """True when `policy` is of a genre that amends another text (genres.yaml
    `quotes_amended_text`): its citations and the 节 it inserts belong to the amended law."""
    from ..structure._shared import genres
    g = genres(corpus.data)
    return g.listed(policy.title, g.quotes_amended_text)


def cn(n) -> str:
    try:
        return to_chinese(int(n))
    except (TypeError, ValueError):
        return str(n)


def art_label(key) -> str:
    num, sub = key
    return grammar.article_label(num, sub, cn=cn)
