"""Cross-references as typed results: one `Reference` per cited target, and one dataclass per
kind of problem a reference can have.

`baomi.xref` finds and resolves the citations; the rules in `baomi/rules/xref/` read the typed
fields of `Reference.problem` to word their messages (no strings to split). This module depends
on nothing but the policy model, so the corpus, the resolver, the renumbering and the handbook
can all import it without importing each other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import ClassVar

from . import grammar
from .model import Article, Policy


# --- problems ------------------------------------------------------------------------------
# `where` is 本文件 or 《标题》 of the cited policy, as the messages name it.

@dataclass(frozen=True)
class Problem:
    """What is wrong with a reference. `kind` is a stable short name (kept for the JSON of
    tools and for rules written against names)."""

    kind: ClassVar[str] = ""


@dataclass(frozen=True)
class NoArticle(Problem):
    kind: ClassVar[str] = "no-article"
    where: str
    total: int                      # articles of the target, 之N not counted


@dataclass(frozen=True)
class NoParagraph(Problem):
    kind: ClassVar[str] = "no-paragraph"
    where: str
    article: str                    # 第十条
    count: int                      # its 款


@dataclass(frozen=True)
class NoItem(Problem):
    """第K项 beyond the items of the article or 款 it points into."""

    kind: ClassVar[str] = "no-item"
    where: str
    scope: str                      # 第三条 or 第三条第一款: whose items were counted
    count: int
    bare: bool = False              # a bare 第K项, read as an item of the article it stands in


@dataclass(frozen=True)
class NoItemList(Problem):
    """A bare 第K项 in an article that lists no items before (or in) the 款 it stands in."""

    kind: ClassVar[str] = "no-item-list"
    article: str                    # 第三条


@dataclass(frozen=True)
class NoPrevious(Problem):
    kind: ClassVar[str] = "no-previous"
    relative: str                   # 前款 · 前两款 · 前三款 · 前条
    position: int                   # the 款 (for 前条: the article) it stands in, 1-based
    unit: str = "款"


@dataclass(frozen=True)
class NoContext(Problem):
    kind: ClassVar[str] = "no-context"
    relative: str                   # 本章 · 本节 · 本条 · 本款 · 第二项 as written
    unit: str                       # 章 · 节 · 条: what it must stand in


@dataclass(frozen=True)
class NoChapter(Problem):
    kind: ClassVar[str] = "no-chapter"
    where: str
    count: int


@dataclass(frozen=True)
class SelfParagraph(Problem):
    kind: ClassVar[str] = "self-paragraph"
    article: str


@dataclass(frozen=True)
class RedundantParagraph(Problem):
    kind: ClassVar[str] = "redundant-paragraph"
    article: str


@dataclass(frozen=True)
class RangeOrder(Problem):
    """On the first end of 第X条至第Y条 (第三项至第五项 …) when Y does not come after X."""

    kind: ClassVar[str] = "range-order"
    first: str                      # the first end as written (第二十一条)
    last: str                       # the second end as written (第十八条)


@dataclass(frozen=True)
class UnknownTitle(Problem):
    kind: ClassVar[str] = "unknown-title"
    suggestion: str | None          # the closest title of the corpus


@dataclass(frozen=True)
class UnregisteredLaw(Problem):
    """A law name in 《》 that the registry does not hold; `close`: the full name of a registered
    law it is probably a misspelling of ("" when it resembles none: a law not yet registered)."""

    kind: ClassVar[str] = "unregistered-law"
    close: str = ""


@dataclass(frozen=True)
class Repealed(Problem):
    """A current policy cites a repealed one (`target_policy`)."""

    kind: ClassVar[str] = "repealed"


@dataclass(frozen=True)
class LawBeyond(Problem):
    kind: ClassVar[str] = "law-beyond"
    law: str                        # the registry's key
    count: int                      # articles of the current text


@dataclass(frozen=True)
class LawOld(Problem):
    kind: ClassVar[str] = "law-old"
    law: str
    topic: str
    new: int                        # the article's number in the current text


@dataclass(frozen=True)
class ShortBeforeFull(Problem):
    kind: ClassVar[str] = "short-before-full"
    full_name: str


@dataclass(frozen=True)
class ShortUndeclared(Problem):
    """A registered short name (保密法) used after the full name, but with no （以下简称保密法）
    declared for the law before it."""

    kind: ClassVar[str] = "short-undeclared"
    full_name: str


@dataclass(frozen=True)
class ShortMarked(Problem):
    """A short name the text declared, then written in 《》 (《保密法》): after its declaration a
    short name is used without 书名号."""

    kind: ClassVar[str] = "short-marked"
    short: str
    full_name: str                  # the title it was declared for


@dataclass(frozen=True)
class ResolutionFailed(Problem):
    """The resolver itself failed on this line: its citations are unchecked (a bug to report)."""

    kind: ClassVar[str] = "resolution-failed"
    error: str


PROBLEMS: dict[str, type[Problem]] = {c.kind: c for c in (
    NoArticle, NoParagraph, NoItem, NoItemList, NoPrevious, NoContext, NoChapter, SelfParagraph,
    RedundantParagraph, RangeOrder, UnknownTitle, UnregisteredLaw, Repealed, LawBeyond, LawOld,
    ShortBeforeFull, ShortUndeclared, ShortMarked, ResolutionFailed)}


# --- the reference -------------------------------------------------------------------------

@dataclass
class Reference:
    """A citation found in a policy, and where it points if it resolved."""

    source: Policy
    line: int
    col: int
    end_col: int
    text: str                      # as written, e.g. 《涉密人员保密管理制度》第十条
    kind: str                      # internal | policy | law | pledge
    target_policy: Policy | None = None
    target_law: str | None = None  # law key
    article: tuple[int, int] | None = None     # (number, sub)
    paragraph: int | None = None               # 第M款 as written (or 本款, 前款)
    item: int | None = None
    source_article: Article | None = None
    resolved: bool = False
    # where the article number stands in the source, for renumbering fixes
    number_span: tuple[int, int, int] | None = None   # (line, col, end_col)
    chapter: int | None = None                 # 第X章 / 本章 target chapter
    relative: str | None = None                # 本条 · 本款 · 本章 · 前款 · 前两款 … as written
    title: str | None = None                   # the name in 《》 before the citation, as written
    range_end: tuple[int, int] | None = None   # on the first end of 第X条至第Y条: (Y, sub)
    range_start: tuple[int, int] | None = None  # on the second end: (X, sub)
    source_paragraph: int | None = None        # index of the 款 the citation stands in
    old_style: bool = False                    # 本规定之第五条
    # the 款 (0-based) whose items a 第K项 without a written 款 was read in (bare 第K项, 本条第K项)
    item_paragraph: int | None = None
    problem: Problem | None = None             # why it did not resolve, or what is wrong with it
    # how the cited text was named, when not by its 《全称》: "short" (a short name the citing text
    # declared, 实施条例第九十九条; `title` is the short name), "short-marked" (the same in 《》),
    # "bare" (a title of the corpus without 《》, 保密工作责任制规定第七条; `title` is that title)
    named: str = ""

    def has(self, *kinds) -> bool:
        """Whether the problem is one of `kinds` (Problem classes, kind names, or None for none)."""
        p = self.problem
        for k in kinds:
            if k is None:
                if p is None:
                    return True
            elif isinstance(k, str):
                if p is not None and p.kind == k:
                    return True
            elif isinstance(p, k):
                return True
        return False


def article_anchor(key: tuple[int, int]) -> str:
    return grammar.article_anchor(*key)


@dataclass
class ReferenceIndex:
    """Every reference of a corpus in document order, by citing policy and by cited article."""

    references: list[Reference] = field(default_factory=list)
    cited_by: dict = field(default_factory=lambda: defaultdict(list))   # (policy id, anchor) → [Reference]
    by_source: dict = field(default_factory=dict)                       # id(policy) → [Reference]

    def add(self, ref: Reference) -> None:
        self.references.append(ref)
        self.by_source.setdefault(id(ref.source), []).append(ref)
        if ref.resolved and ref.target_policy is not None and ref.article is not None:
            self.cited_by[(ref.target_policy.id, article_anchor(ref.article))].append(ref)


__all__ = ["Reference", "ReferenceIndex", "Problem", "PROBLEMS", "article_anchor"] + [
    c.__name__ for c in PROBLEMS.values()]
