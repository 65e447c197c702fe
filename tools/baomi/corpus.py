"""The corpus index: every policy by id and by title, every article addressable, and the
references between them recorded both ways (resolved by `baomi.xref`, typed in
`baomi.references`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from . import xref
from .config import Config
from .data import Data
from .facts import Facts
from .model import Article, Policy, Status
from .references import Reference, ReferenceIndex

__all__ = ["Corpus", "Reference"]


@dataclass
class Corpus:
    policies: list[Policy]
    data: Data | None = None
    config: Config | None = None
    references: list[Reference] = field(default_factory=list)
    cited_by: dict = field(default_factory=lambda: defaultdict(list))   # (policy id, anchor) -> [Reference]
    facts: Facts = field(default_factory=Facts)    # what this run worked out once (baomi.facts)
    cache: object = None        # the run's on-disk cache (baomi.cache.Cache), set by the engine

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
        self._xref: ReferenceIndex | None = None

    def article(self, policy: Policy, number: int, sub: int = 0) -> Article | None:
        return policy.article(number, sub)

    def current(self) -> list[Policy]:
        return [p for p in self.policies if p.status == Status.CURRENT]

    def memo(self, name: str) -> dict:
        """A named per-corpus memo (its policies and titles are fixed once it is built)."""
        return self.facts.memo(name)

    def ensure_references(self) -> None:
        """Resolve every citation once (lazy: only rules that need references pay for it).

        Marked done only once the resolution is complete: a failure leaves nothing half-made
        behind, and the next caller tries again. `baomi.xref.resolve` isolates each policy (and
        each line), so one policy's text can never stop another's references."""
        if self._xref is not None:
            return
        index = xref.resolve(self)
        self.references = index.references
        self.cited_by = index.cited_by
        self._xref = index

    def references_from(self, policy: Policy) -> list[Reference]:
        """The references found in `policy`, in document order."""
        self.ensure_references()
        return self._xref.by_source.get(id(policy), [])
