"""The rule base class and registry.

Each rule is a small class in its own module under `baomi/rules/<family>/`, decorated with
`@register`. Its class attributes are its documentation (`baomi explain`, the handbook's rule
pages): code, kebab-case name, category, default severity, summary, rationale, a bad and a good
example, and whether it can fix what it finds.

The engine runs a rule through `run_check()` / `run_check_corpus()`: a rule that crashes keeps the
findings it made before, and gets one more, 「规则 BMxxx 检查此文件时内部出错：…」, at the file
and line it was checking. That line is read from the crash itself: the innermost frame of the
rule's call (its helpers included) that holds a model element — a `Span`, `Item`,
`Paragraph`, `Article`, `Reference` … — in a local variable gives its line (a rule looping
`for art in policy.articles` crashes "at" that article). Nothing else stops: the other rules
and files run as if the crashing rule were not there.
"""

from __future__ import annotations

import re
from types import TracebackType
from typing import TYPE_CHECKING, Iterable

from ..diagnostics import APPLICABILITIES, CATEGORIES, SEVERITIES, Diagnostic, Edit
from ..facts import FACTS

if TYPE_CHECKING:  # pragma: no cover
    from ..corpus import Corpus
    from ..model import Policy

__all__ = ["Rule", "register", "REGISTRY", "Edit", "Diagnostic"]

REGISTRY: dict[str, "Rule"] = {}
_CODE = re.compile(r"^BM\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class Rule:
    code: str = ""
    name: str = ""
    category: str = ""
    severity: str = "error"
    summary: str = ""
    rationale: str = ""
    bad: str = ""
    good: str = ""
    fixable: bool = False
    # `safe`: `--fix` applies the rule's fixes; `unsafe`: they may change what the text says and
    # are only offered (applied with `--fix --unsafe-fixes`). A rule may still mark one fix
    # otherwise (`diag(..., applicability=...)`).
    fix_applicability: str = "safe"
    scope: str = "policy"       # policy: check(policy, corpus) · corpus: check_corpus(corpus)
    # Rules that read only one file's own content may be cached per file content; rules that
    # look across the corpus (references, checklist coverage) must say `local = False`.
    local: bool = True
    # Rules whose findings in a file depend on citations *into* that file from other files
    # (renumbering fixes rewrite them); the incremental lint reloads the citing files for them.
    inbound: bool = False
    # Rules whose findings depend on the set of all titles (close matches, 《》 taken for a
    # policy or a law); the incremental lint re-runs them when a title appears or goes.
    title_set: bool = False
    # The per-file facts the rule reads (`baomi.facts`: "lang.punct", "checklist.claims"): the
    # engine computes them once per file before the rules that declared them run, ships them
    # from the worker processes and keeps them for unchanged files. `register` refuses a name
    # no module registered.
    facts: tuple[str, ...] = ()

    def check(self, policy: "Policy", corpus: "Corpus") -> Iterable[Diagnostic]:
        return ()

    def check_corpus(self, corpus: "Corpus") -> Iterable[Diagnostic]:
        return ()

    def run_check(self, policy: "Policy", corpus: "Corpus") -> tuple[list[Diagnostic], Diagnostic | None]:
        """What `check` finds on `policy`, and the crash diagnostic if it crashed (then the
        findings are those made before the crash)."""
        found: list[Diagnostic] = []
        try:
            for d in self.check(policy, corpus):
                found.append(d)
        except Exception as exc:  # noqa: BLE001 — a rule must never take the run down
            line, col = crash_position(exc.__traceback__)
            return found, self.crash_diagnostic(policy.relpath, line, col, exc)
        return found, None

    def run_check_corpus(self, corpus: "Corpus") -> tuple[list[Diagnostic], Diagnostic | None]:
        """`check_corpus`, as `run_check`; a crash is reported at the file being processed."""
        found: list[Diagnostic] = []
        try:
            for d in self.check_corpus(corpus):
                found.append(d)
        except Exception as exc:  # noqa: BLE001
            policy, element = crash_site(exc.__traceback__)
            if policy is not None:
                line, col = crash_position(exc.__traceback__) if element is not None else (1, 1)
                return found, self.crash_diagnostic(policy.relpath, line, col, exc)
            where = corpus.policies[0].relpath if corpus.policies else "-"
            return found, self.crash_diagnostic(where, 1, 1, exc, scope="汇编（未能确定出错时所查的文件）")
        return found, None

    def crash_diagnostic(self, path: str, line: int, col: int, exc: BaseException, scope: str = "此文件") -> Diagnostic:
        """The one diagnostic of a crash: always an error (the check did not run to its end)."""
        return Diagnostic(path=path, line=line, column=col, rule=self.code, name=self.name,
                          category=self.category, severity="error",
                          message=f"规则 {self.code} 检查{scope}时内部出错：{type(exc).__name__}: {exc}"
                                  "（请报告此问题）")

    def fact_crash_diagnostic(self, path: str, crash) -> Diagnostic:
        """The crash of a fact this rule needs (`baomi.facts.FactCrash`), as the rule's own crash:
        the rule could not run on this file."""
        return Diagnostic(path=path, line=crash.line, column=crash.column, rule=self.code, name=self.name,
                          category=self.category, severity="error",
                          message=f"规则 {self.code} 检查此文件时内部出错：所需的事实 {crash.name} 计算出错："
                                  f"{crash.error}（请报告此问题）")

    def diag(self, policy_or_path, line: int, col: int, message: str, *, end_line: int | None = None,
             end_col: int | None = None, fix: list[Edit] | None = None,
             severity: str | None = None, applicability: str | None = None) -> Diagnostic:
        path = policy_or_path if isinstance(policy_or_path, str) else policy_or_path.relpath
        return Diagnostic(path=path, line=line, column=col, rule=self.code, name=self.name,
                          category=self.category, severity=severity or self.severity,
                          message=message, end_line=end_line, end_column=end_col,
                          fix=list(fix or []), applicability=applicability or self.fix_applicability)

    @classmethod
    def doc(cls) -> dict:
        return {k: getattr(cls, k) for k in (
            "code", "name", "category", "severity", "summary", "rationale", "bad", "good", "fixable",
            "fix_applicability")}


def _element_types() -> tuple[type, ...]:
    from ..model import Article, Block, Chapter, GHeading, Item, Marker, Paragraph, Section, Span, Tier, Unit
    from ..references import Reference

    # most specific first: within one frame, a Span or an Item says more than its Article
    return (Span, Marker, Item, Reference, Paragraph, GHeading, Block, Unit, Article, Section, Chapter, Tier)


def _frames(tb: TracebackType | None) -> list:
    """The frames of a traceback, innermost first, without the engine's own (`run_check`)."""
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    return frames[1:][::-1]


def crash_site(tb: TracebackType | None):
    """(policy, element) the crashing code was looking at: the model element (line and column)
    held in the innermost frame that holds one, and the policy held in the innermost frame that
    holds one (a corpus-scope rule's loop variable); either may be None."""
    from ..model import Policy

    types = _element_types()
    element = None
    for frame in _frames(tb):
        values = list(frame.f_locals.values())
        if element is None:
            best = None
            for value in values:
                if isinstance(value, types) and isinstance(getattr(value, "line", None), int) and value.line > 0:
                    rank = next(i for i, t in enumerate(types) if isinstance(value, t))
                    if best is None or rank < best[0]:
                        best = (rank, value)
            element = best[1] if best else None
        policy = next((v for v in values if isinstance(v, Policy)), None)
        if policy is not None:
            return policy, element
    return None, element


def crash_position(tb: TracebackType | None) -> tuple[int, int]:
    """(line, column) of the model element the crashing code was looking at, else (1, 1)."""
    _, element = crash_site(tb)
    if element is None:
        return 1, 1
    col = getattr(element, "col", 1)
    return element.line, col if isinstance(col, int) and col > 0 else 1


def register(cls: type[Rule]) -> type[Rule]:
    problems = []
    if not _CODE.match(cls.code):
        problems.append("code 应形如 BM203")
    if not _NAME.match(cls.name):
        problems.append("name 应为 kebab-case")
    if cls.category not in CATEGORIES:
        problems.append(f"category 应为 {CATEGORIES} 之一")
    if cls.severity not in SEVERITIES:
        problems.append("severity 应为 error/warning/info")
    if cls.fix_applicability not in APPLICABILITIES:
        problems.append("fix_applicability 应为 safe/unsafe")
    for attr in ("summary", "rationale", "bad", "good"):
        if not getattr(cls, attr).strip():
            problems.append(f"缺少 {attr}")
    problems.extend(_fact_problems(cls))
    if problems:
        raise TypeError(f"规则 {cls.__name__}：" + "；".join(problems))
    if cls.code in REGISTRY and type(REGISTRY[cls.code]) is not cls:
        other = type(REGISTRY[cls.code])
        if (other.__module__, other.__qualname__) != (cls.__module__, cls.__qualname__):
            raise TypeError(f"规则代码 {cls.code} 重复：{other.__name__} 与 {cls.__name__}")
    if any(r.name == cls.name and r.code != cls.code for r in REGISTRY.values()):
        raise TypeError(f"规则名称 {cls.name} 重复")
    REGISTRY[cls.code] = cls()
    return cls


def _fact_problems(cls) -> list[str]:
    """What is wrong with the rule's `facts`: each must name a registered per-file fact."""
    names = cls.facts
    if not isinstance(names, tuple) or not all(isinstance(n, str) for n in names):
        return ["facts 应为事实名称的元组，如 (\"lang.punct\",)"]
    out = []
    for n in names:
        f = FACTS.get(n)
        if f is None:
            out.append(f"facts 中的 {n} 不是已注册的事实（baomi.facts.fact）")
        elif not f.per_file:
            out.append(f"facts 中的 {n} 是汇编的事实，不是单个文件的事实")
        elif not f.local and cls.local and cls.scope == "policy":
            out.append(f"facts 中的 {n} 取决于其他文件，只读本文件的规则（local）不能依赖它")
    return out
