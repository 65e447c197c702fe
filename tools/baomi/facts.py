"""The facts a run works out once and reuses: per file and per corpus.

One store per run, created by the engine with the run's corpus (`Corpus.facts`; `lint`,
`incremental` and the workers of `parallel` each make theirs) and dropped with it. Nothing is
stuck onto the model objects any more: a cached or shipped `Policy` carries only the model, and
a fact can never outlive the text it was computed from, because the store lives exactly as long
as the corpus it belongs to.

Names are "owner.fact" (`lang.punct`, `checklist.claims`, `xref.title_kinds`), so that two
modules can never overwrite each other's facts.
"""

from __future__ import annotations

from typing import Callable, TypeVar

T = TypeVar("T")


class Facts:
    __slots__ = ("_files", "_corpus")

    def __init__(self) -> None:
        # id(policy) → (the policy itself, its facts): holding the policy keeps its id unique
        self._files: dict[int, tuple[object, dict]] = {}
        self._corpus: dict[str, object] = {}

    def of(self, policy) -> dict:
        """The facts of one file (a dict the caller fills)."""
        got = self._files.get(id(policy))
        if got is None or got[0] is not policy:
            got = self._files[id(policy)] = (policy, {})
        return got[1]

    def file_fact(self, policy, name: str, compute: Callable[[], T]) -> T:
        """Fact `name` of `policy`, computed by `compute()` the first time it is asked for."""
        facts = self.of(policy)
        if name not in facts:
            facts[name] = compute()
        return facts[name]

    def put(self, policy, name: str, value) -> None:
        """Record a fact worked out elsewhere (by the worker process that parsed the file)."""
        self.of(policy)[name] = value

    def get(self, policy, name: str, default=None):
        got = self._files.get(id(policy))
        return got[1].get(name, default) if got is not None and got[0] is policy else default

    def corpus_fact(self, name: str, compute: Callable[[], T]) -> T:
        """Fact `name` of the whole corpus, computed once."""
        if name not in self._corpus:
            self._corpus[name] = compute()
        return self._corpus[name]  # type: ignore[return-value]

    def memo(self, name: str) -> dict:
        """A named per-corpus memo (a dict its owner fills key by key)."""
        return self.corpus_fact(name, dict)
