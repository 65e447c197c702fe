"""The facts a run works out once and reuses: per file and per corpus.

**The registry.** A fact is a named unit of work on a file: `fact("owner.fact")` registers its
compute function `(policy, corpus) -> value`, and a rule that needs it says so,
`facts = ("lang.punct",)` (`baomi.rules.base.register` refuses an unknown name). The engine
(`baomi.runrules.ensure_facts`) computes the declared facts of the enabled rules once per file
before running them, and only those: a selection that needs no fact computes none. A per-file
*local* fact depends only on the file's content (and the run's data), so its value is cached by
the file's content key (`stored=True`: in `.baomi-cache/facts/`), computed by the worker process
that parsed the file and shipped back with the policy (`baomi.parallel`), and kept in the
incremental state for unchanged files (`baomi.incremental`). Its value must therefore be plain
data, what `baomi.serial` can write: no functions, no model objects (refer to a prose span by its
index in `policy.prose`); `plain()` checks it where a value leaves the process.

A compute that crashes is recorded as a `FactCrash` (where, and why); each rule that needed the
fact then reports it as its own crash at that file and line (`Rule.fact_crash_diagnostic`), and
nothing else stops.

**The store.** One store per run, created by the engine with the run's corpus (`Corpus.facts`;
`lint`, `incremental` and the workers of `parallel` each make theirs) and dropped with it.
Nothing is stuck onto the model objects: a cached or shipped `Policy` carries only the model,
and a fact can never outlive the text it was computed from, because the store lives exactly as
long as the corpus it belongs to. `file_fact(policy, name, compute)` stays for undeclared use (a
helper's memo): computed lazily the first time it is asked for, kept only in this store.

Names are "owner.fact" (`lang.punct`, `checklist.claims`, `xref.title_kinds`), so that two
modules can never overwrite each other's facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, TypeVar

from . import serial

serial.storable(__name__)   # a fact's crash is kept with the facts in the incremental state

T = TypeVar("T")
_NAME = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.:-]*$")


class Fact:
    """A registered fact: `compute(policy, corpus)` gives the value of one file. (Not a
    dataclass: only `FactCrash` of this module is ever stored, see `serial.storable`.)"""

    __slots__ = ("name", "compute", "per_file", "local", "stored", "check", "doc")

    def __init__(self, name: str, compute: Callable, per_file: bool = True, local: bool = True,
                 stored: bool = False, check: Callable | None = None, doc: str = ""):
        self.name = name
        self.compute = compute
        self.per_file = per_file    # a fact of one file (False: of the corpus; computed by its owner)
        self.local = local          # depends only on the file's content (and the run's data)
        self.stored = stored        # kept on disk by content key (worth it for facts read across files)
        self.check = check          # the shape a value read back from the cache must have
        self.doc = doc

    @property
    def shippable(self) -> bool:
        """Computed where the file is parsed, cached by content and kept for unchanged files."""
        return self.per_file and self.local

    def __repr__(self) -> str:
        return f"Fact({self.name!r})"


FACTS: dict[str, Fact] = {}


def fact(name: str, *, per_file: bool = True, local: bool = True, stored: bool = False,
         check: Callable | None = None):
    """Register the decorated `compute(policy, corpus)` as fact `name`."""
    if not _NAME.match(name):
        raise TypeError(f"事实名称 {name!r} 应形如 owner.fact")

    def register(compute: Callable) -> Callable:
        old = FACTS.get(name)
        if old is not None and (old.compute.__module__, old.compute.__qualname__) != (
                compute.__module__, compute.__qualname__):
            raise TypeError(f"事实 {name} 重复：{old.compute.__qualname__} 与 {compute.__qualname__}")
        FACTS[name] = Fact(name, compute, per_file, local, stored, check, (compute.__doc__ or "").strip())
        return compute
    return register


def plain(value) -> bool:
    """Whether `value` is plain data (what the caches and the incremental state can hold)."""
    try:
        serial.to_data(value)
    except (TypeError, ValueError, RecursionError):
        return False
    return True


@dataclass(frozen=True)
class FactCrash:
    """A fact whose compute crashed on a file: where (the element it was looking at) and why."""

    name: str
    line: int
    column: int
    error: str          # "TypeError: …"


class Facts:
    __slots__ = ("_files", "_corpus", "computed")

    def __init__(self) -> None:
        # id(policy) → (the policy itself, its facts): holding the policy keeps its id unique
        self._files: dict[int, tuple[object, dict]] = {}
        self._corpus: dict[str, object] = {}
        self.computed = 0       # registered facts computed in this process (not read or shipped)

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
        """Record a fact worked out elsewhere (by the worker process that parsed the file, or
        kept in the incremental state); a `FactCrash` records a crashed compute."""
        self.of(policy)[name] = value

    def has(self, policy, name: str) -> bool:
        got = self._files.get(id(policy))
        return got is not None and got[0] is policy and name in got[1]

    def get(self, policy, name: str, default=None):
        got = self._files.get(id(policy))
        if got is None or got[0] is not policy:
            return default
        value = got[1].get(name, default)
        return default if isinstance(value, FactCrash) else value

    def crash(self, policy, name: str) -> FactCrash | None:
        """The crash of fact `name` on `policy`, if its compute crashed."""
        got = self._files.get(id(policy))
        value = got[1].get(name) if got is not None and got[0] is policy else None
        return value if isinstance(value, FactCrash) else None

    def value(self, policy, name: str, corpus):
        """Registered fact `name` of `policy`: as recorded, else from the cache (a stored fact),
        else computed now. Raises what the compute raises (the engine records it, see
        `baomi.runrules.ensure_facts`), and `FactFailed` for a fact already recorded crashed."""
        got = self.of(policy)
        if name in got:
            value = got[name]
            if isinstance(value, FactCrash):
                raise FactFailed(value)
            return value
        fact = FACTS[name]
        cache = getattr(corpus, "cache", None)
        digest = getattr(policy, "digest", "")
        key = f"{digest}-{name}" if (fact.stored and cache is not None and cache.enabled and digest) else ""
        if key:
            hit = cache.get("facts", key)
            if hit is not None and hit[0] == name:
                got[name] = hit[1]
                return hit[1]
        value = fact.compute(policy, corpus)
        self.computed += 1
        got[name] = value
        if key:
            cache.put("facts", key, (name, value))
        return value

    def corpus_fact(self, name: str, compute: Callable[[], T]) -> T:
        """Fact `name` of the whole corpus, computed once."""
        if name not in self._corpus:
            self._corpus[name] = compute()
        return self._corpus[name]  # type: ignore[return-value]

    def memo(self, name: str) -> dict:
        """A named per-corpus memo (a dict its owner fills key by key)."""
        return self.corpus_fact(name, dict)


class FactFailed(Exception):
    """A rule asked for a fact whose compute crashed on this file (see `FactCrash`)."""

    def __init__(self, crash: FactCrash):
        super().__init__(f"事实 {crash.name} 计算出错：{crash.error}")
        self.crash = crash


def fact_shape_ok(value) -> bool:
    """(name, value) of a registered stored fact, of the shape it declares: an entry of the
    cache kind "facts"."""
    if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str)):
        return False
    f = FACTS.get(value[0])
    return f is not None and f.stored and (f.check is None or bool(f.check(value[1])))
