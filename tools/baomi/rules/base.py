"""The rule base class and registry.

Each rule is a small class in its own module under `baomi/rules/<family>/`, decorated with
`@register`. Its class attributes are its documentation (`baomi explain`, the handbook's rule
pages): code, kebab-case name, category, default severity, summary, rationale, a bad and a good
example, and whether it can fix what it finds.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ..diagnostics import CATEGORIES, SEVERITIES, Diagnostic, Edit

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

    def check(self, policy: "Policy", corpus: "Corpus") -> Iterable[Diagnostic]:
        return ()

    def check_corpus(self, corpus: "Corpus") -> Iterable[Diagnostic]:
        return ()

    def diag(self, policy_or_path, line: int, col: int, message: str, *, end_line: int | None = None,
             end_col: int | None = None, fix: list[Edit] | None = None,
             severity: str | None = None) -> Diagnostic:
        path = policy_or_path if isinstance(policy_or_path, str) else policy_or_path.relpath
        return Diagnostic(path=path, line=line, column=col, rule=self.code, name=self.name,
                          category=self.category, severity=severity or self.severity,
                          message=message, end_line=end_line, end_column=end_col,
                          fix=list(fix or []))

    @classmethod
    def doc(cls) -> dict:
        return {k: getattr(cls, k) for k in (
            "code", "name", "category", "severity", "summary", "rationale", "bad", "good", "fixable")}


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
    for attr in ("summary", "rationale", "bad", "good"):
        if not getattr(cls, attr).strip():
            problems.append(f"缺少 {attr}")
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
