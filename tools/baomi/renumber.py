"""The safe renumbering fix: number articles (and chapters) by their position, and rewrite every
citation of a moved one — in the same document, in every other policy (《标题》第X条) and in the
front matter (`pledge: - article: 第十条`) — so that no citation changes what it points at.

The plan is computed once per policy and corpus (`plan(policy, corpus)`); the numbering rules
attach its edits to their diagnostics and `baomi.fix` applies them (all edits of one policy's
renumbering in the same round, so a permutation of numbers is applied at once).

Numbering by position: the main articles (no 之N) are numbered 1, 2, 3 … in document order; an
article 第X条之N keeps its 之N form and follows the number of the main article before it (之一,
之二 … in order). The plan is withheld — the diagnostic says why and a person decides — when
renumbering could change what a citation means:

- a number is used twice and cited (the citation could mean either article);
- a citation points at an article that does not exist (a deleted article) but whose number
  would exist after renumbering (it would silently point at another article);
- a range 第X条至第Y条 would no longer cover the same articles;
- an article number cannot be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import grammar
from .corpus import Corpus, Reference
from .diagnostics import Edit
from .model import Policy, Style


def article_label(key: tuple[int, int]) -> str:
    return grammar.article_label(*key)


chapter_label = grammar.chapter_label


@dataclass
class Plan:
    mapping: dict = field(default_factory=dict)     # old key → new key, moved ones only
    edits: list[Edit] = field(default_factory=list)
    blocked: str = ""                              # why no fix is offered ("" when none)
    references: int = 0                            # citations rewritten

    @property
    def needed(self) -> bool:
        return bool(self.mapping)


def _cache(corpus: Corpus) -> dict:
    """The run's renumbering plans (in its facts store, not stuck onto the corpus object)."""
    return corpus.facts.memo("renumber.plans")


def article_keys(policy: Policy) -> list[tuple[int, int]] | None:
    """New keys by position, parallel to policy.articles; None if a number cannot be read."""
    out = []
    main = 0
    sub = 0
    for a in policy.articles:
        if a.number is None:
            return None
        if a.sub and main:
            sub += 1
            out.append((main, sub))
        else:
            main += 1
            sub = 0
            out.append((main, 0))
    return out


def _refs_into(corpus: Corpus, policy: Policy) -> list[Reference]:
    corpus.ensure_references()
    return [r for r in corpus.references if r.target_policy is policy and r.kind != "law"]


def plan(policy: Policy, corpus: Corpus) -> Plan:
    cache = _cache(corpus)
    key = ("art", id(policy))
    if key not in cache:
        cache[key] = _article_plan(policy, corpus)
    return cache[key]


def _article_plan(policy: Policy, corpus: Corpus) -> Plan:
    p = Plan()
    if policy.style != Style.TIAOKUAN or not policy.articles:
        return p
    new_keys = article_keys(policy)
    if new_keys is None:
        p.blocked = "有无法识别的条序号"
        p.mapping = {"?": "?"}
        return p
    old_keys = [a.key for a in policy.articles]
    moved = [(a, o, n) for a, o, n in zip(policy.articles, old_keys, new_keys) if o != n]
    if not moved:
        return p
    counts: dict = {}
    for o in old_keys:
        counts[o] = counts.get(o, 0) + 1
    mapping = {o: n for o, n in zip(old_keys, new_keys) if counts[o] == 1}
    p.mapping = {o: n for o, n in mapping.items() if o != n} or {"dup": "dup"}
    refs = [r for r in _refs_into(corpus, policy) if r.article is not None and r.relative is None
            and r.number_span is not None]
    new_set = set(new_keys)
    for r in refs:
        if counts.get(r.article, 0) > 1:
            p.blocked = f"{article_label(r.article)}重复且被引用（{r.source.relpath}:{r.line}），无法确定引用所指"
            return p
        if r.article not in mapping and r.article in new_set:
            p.blocked = (f"{r.source.relpath}:{r.line} 引用的{article_label(r.article)}不存在，重排后会指向另一条；"
                         "请先处理该引用")
            return p
        if r.range_end is not None and r.article in mapping and r.range_end in mapping:
            lo, hi = r.article, r.range_end
            covered = sorted(mapping[k] for k in mapping if lo <= k <= hi)
            a, b = mapping[lo], mapping[hi]
            if covered != sorted(k for k in new_keys if a <= k <= b):
                p.blocked = (f"{r.source.relpath}:{r.line} 的“{article_label(lo)}至{article_label(hi)}”"
                             "重排后不再是连续的条，请改为逐条列举")
                return p
    for a, o, n in moved:
        mk = a.marker
        p.edits.append(Edit(policy.relpath, mk.line, mk.col, mk.line, mk.end_col, article_label(n),
                            note=f"{mk.raw} → {article_label(n)}"))
    for r in refs:
        n = mapping.get(r.article)
        if n is None or n == r.article:
            continue
        line, col, end = r.number_span
        where = "" if r.source is policy else f"《{policy.title}》"
        p.edits.append(Edit(r.source.relpath, line, col, line, end, article_label(n),
                            note=f"引用 {where}{article_label(r.article)} → {where}{article_label(n)}"))
        p.references += 1
    return p


def chapter_plan(policy: Policy, corpus: Corpus) -> Plan:
    cache = _cache(corpus)
    key = ("chap", id(policy))
    if key not in cache:
        cache[key] = _chapter_plan(policy, corpus)
    return cache[key]


def _chapter_plan(policy: Policy, corpus: Corpus) -> Plan:
    p = Plan()
    chapters = policy.chapters
    if not chapters:
        return p
    if any(c.number is None for c in chapters):
        p.blocked = "有无法识别的章序号"
        return p
    groups = policy.chapter_groups()        # each 编 on its own when its chapters start again
    old = [c.number for c in chapters]
    new = [i for g in groups for i in range(1, len(g) + 1)]
    if old == new:
        return p
    counts: dict = {}
    for o in old:
        counts[o] = counts.get(o, 0) + 1
    mapping = {o: n for o, n in zip(old, new) if counts[o] == 1}
    p.mapping = {o: n for o, n in mapping.items() if o != n} or {"dup": "dup"}
    refs = [r for r in _refs_into(corpus, policy) if r.chapter is not None and r.article is None
            and r.relative is None and r.number_span is not None]
    if refs and len(groups) > 1:
        r = refs[0]
        p.blocked = f"{r.source.relpath}:{r.line} 引用{chapter_label(r.chapter)}，而各编的章分别编号，无法确定所指"
        return p
    for r in refs:
        if counts.get(r.chapter, 0) > 1 or (r.chapter not in mapping and r.chapter in new):
            p.blocked = f"{r.source.relpath}:{r.line} 引用的{chapter_label(r.chapter)}无法确定所指"
            return p
    for c, o, n in zip(chapters, old, new):
        if o != n:
            mk = c.marker
            p.edits.append(Edit(policy.relpath, mk.line, mk.col, mk.line, mk.end_col, chapter_label(n),
                                note=f"{mk.raw} → {chapter_label(n)}"))
    for r in refs:
        n = mapping.get(r.chapter)
        if n is not None and n != r.chapter:
            line, col, end = r.number_span
            p.edits.append(Edit(r.source.relpath, line, col, line, end, chapter_label(n),
                                note=f"引用 {chapter_label(r.chapter)} → {chapter_label(n)}"))
            p.references += 1
    return p
