"""The corpus index: every policy by id and by title, every article addressable, and the
references between them recorded both ways (filled by `baomi.xref`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Article, Policy


@dataclass
class Reference:
    """A citation found in a policy, and where it points if it resolved."""

    source: Policy
    line: int
    col: int
    end_col: int
    text: str                      # as written, e.g. 《涉密人员保密管理制度》第十条
    kind: str                      # internal | policy | law
    target_policy: Policy | None = None
    target_law: str | None = None  # law key
    article: tuple[int, int] | None = None     # (number, sub)
    paragraph: int | None = None
    item: int | None = None
    source_article: Article | None = None
    resolved: bool = False
    # where the article number stands in the source, for renumbering fixes
    number_span: tuple[int, int, int] | None = None   # (line, col, end_col)
    # filled by baomi.xref (issue 4)
    chapter: int | None = None                 # 第X章 / 本章 target chapter
    relative: str | None = None                # 本条 · 本款 · 本章 · 前款 · 前两款 … as written
    title: str | None = None                   # the name in 《》 before the citation, as written
    range_end: tuple[int, int] | None = None   # on the first end of 第X条至第Y条: (Y, sub)
    range_start: tuple[int, int] | None = None  # on the second end: (X, sub)
    source_paragraph: int | None = None        # index of the 款 the citation stands in
    old_style: bool = False                    # 本规定之第五条
    problem: str | None = None                 # why it did not resolve, or what is wrong with it
    detail: str = ""                           # Chinese detail for the message


@dataclass
class Corpus:
    policies: list[Policy]
    data: object = None
    config: object = None
    references: list[Reference] = field(default_factory=list)
    cited_by: dict = field(default_factory=lambda: defaultdict(list))   # (policy id, anchor) -> [Reference]

    def __post_init__(self) -> None:
        self.by_id: dict[str, Policy] = {}
        self.by_title: dict[str, Policy] = {}
        self.by_path: dict[str, Policy] = {}
        for p in self.policies:
            self.by_path[p.relpath] = p
            if p.id and p.id not in self.by_id:
                self.by_id[p.id] = p
            t = p.meta.get("title") if isinstance(p.meta.get("title"), str) else None
            if t and t not in self.by_title:
                self.by_title[t] = p
        self._xref_done = False

    def article(self, policy: Policy, number: int, sub: int = 0) -> Article | None:
        return policy.article(number, sub)

    def current(self) -> list[Policy]:
        return [p for p in self.policies if p.status == "现行"]

    def add_reference(self, ref: Reference) -> None:
        self.references.append(ref)
        if ref.resolved and ref.target_policy is not None and ref.article is not None:
            num, sub = ref.article
            anchor = f"art-{num}" + (f"_{sub}" if sub else "")
            self.cited_by[(ref.target_policy.id, anchor)].append(ref)

    def ensure_references(self) -> None:
        """Resolve every citation once (lazy: only rules that need references pay for it)."""
        if self._xref_done:
            return
        self._xref_done = True
        try:
            from . import xref
        except ImportError:
            return
        xref.resolve(self)
