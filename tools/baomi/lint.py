"""Lint orchestration: find files, load the corpus, run the selected rules, apply severities.

This module is the lint path: it must not import MkDocs, jieba or python-docx.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, ConfigError
from .corpus import Corpus
from .diagnostics import Diagnostic
from .errors import UsageError
from .facts import Facts
from .files import markdown_files
from .parser import load_policy
from .runrules import (_check_policy, _with_severity, check_corpus_rule, check_local, gc_paused,  # noqa: F401
                       is_cross_file, kept_facts, local_rules_of, rules_key)


@dataclass
class LintResult:
    diagnostics: list[Diagnostic]
    files: list[str]
    corpus: Corpus
    skipped: list[str] = field(default_factory=list)
    stats: object = None        # baomi.incremental.Stats when the incremental lint ran

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")

    def exit_code(self, strict: bool = False) -> int:
        return 1 if self.errors or (strict and self.warnings) else 0


def relpath(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def discover(paths: list[str] | None, config: Config) -> list[Path]:
    """Markdown files named on the command line (files, or directories searched recursively)."""
    targets = [Path(p) for p in paths] if paths else [config.policies]
    out: list[Path] = []
    for t in targets:
        if not t.exists():
            if not paths:
                raise UsageError(f"找不到制度目录 {relpath(t)}（可在 pyproject.toml 的 [tool.baomi] policies 中配置）")
            raise UsageError(f"找不到路径 {t}")
        if t.is_dir():
            found = markdown_files(t)
            if not found and paths:
                raise UsageError(f"目录 {t} 中没有 Markdown（.md）制度文件")
            out.extend(found)
        else:
            out.append(t)
    seen, unique = set(), []
    for p in out:
        r = os.path.abspath(p)
        if r not in seen:
            seen.add(r)
            unique.append(p)
    return unique


def corpus_paths(config: Config, files: list[Path] | None = None) -> list[Path]:
    """The configured policies directory's Markdown files, then any extra files named."""
    paths: list[Path] = []
    paths.extend(markdown_files(config.policies))
    known = {os.path.abspath(p) for p in paths}
    for f in files or []:
        a = os.path.abspath(f)
        if a not in known:
            paths.append(f)
            known.add(a)
    return paths


def load_corpus(config: Config, files: list[Path] | None = None, *, local_rules=None,
                local_out: dict | None = None, ship=()) -> Corpus:
    """The configured policies directory plus any extra files, parsed (see
    `cache.load_sources` for `local_rules`, `local_out` and `ship`)."""
    from .cache import Cache, load_sources, read_sources

    data = config.data
    cache = Cache(config.root, config.cache)
    facts = Facts()
    policies = load_sources(read_sources(corpus_paths(config, files), config, cache),
                            lambda: data.validator, config, cache, local_rules=local_rules, local_out=local_out,
                            facts=facts, ship=ship)
    corpus = Corpus(policies, data=data, config=config, facts=facts)
    corpus.cache = cache
    return corpus


def _keys(values) -> list[str]:
    """Rule keys as given: repeated options and comma-separated lists (--select BM2,xref)."""
    return [k.strip() for v in values or [] for k in str(v).split(",") if k.strip()]


def _matches(rule, key: str) -> bool:
    k = key.upper()
    return k == rule.code or key == rule.name or key == rule.category or (
        k.startswith("BM") and len(k) > 2 and rule.code.startswith(k))


def check_rule_keys(rules, keys, where: str) -> None:
    """A key that names no rule is a usage error: a typo must not switch the linter off."""
    unknown = [k for k in keys if not any(_matches(r, k) for r in rules)]
    if unknown:
        raise UsageError(f"{where}中的 {'、'.join(unknown)} 不是规则代码、名称或类别"
                         "（baomi explain 列出全部规则）")


def selected_rules(config: Config, select: list[str] | None = None, ignore: list[str] | None = None):
    from .rules import all_rules

    rules = all_rules()
    all_ = list(rules.values())
    sel_opt, ign_opt = _keys(select), _keys(ignore)
    check_rule_keys(all_, sel_opt, "--select ")
    check_rule_keys(all_, ign_opt, "--ignore ")
    check_rule_keys(all_, _keys(config.select), "[tool.baomi] select ")
    check_rule_keys(all_, _keys(config.ignore), "[tool.baomi] ignore ")
    check_rule_keys(all_, list(config.severity), "[tool.baomi] severity ")
    sel = sel_opt or _keys(config.select)
    ign = ign_opt + _keys(config.ignore)

    def match(rule, keys):
        return any(_matches(rule, k) for k in keys)

    out = []
    for r in rules.values():
        if sel and not match(r, sel):
            continue
        if ign and match(r, ign):
            continue
        sev = config.severity.get(r.code) or config.severity.get(r.name) or config.severity.get(r.category)
        if sev == "off":
            continue
        out.append((r, sev))
    return out


@dataclass
class RuleRun:
    """Findings of one run, kept apart by where they came from (the incremental lint reuses them)."""

    local: dict[str, list[Diagnostic]] = field(default_factory=dict)   # relpath → local rules
    cross: dict[str, list[Diagnostic]] = field(default_factory=dict)   # relpath → cross-file rules
    corpus: list[Diagnostic] = field(default_factory=list)             # corpus-scope rules

    def findings(self, relpaths) -> list[Diagnostic]:
        """Every finding about the files `relpaths`, and the corpus-scope ones."""
        return [d for r in relpaths for d in self.local.get(r, []) + self.cross.get(r, [])] + self.corpus


def run_parts(corpus: Corpus, rules, local_on, cross_on, local_done: dict | None = None) -> RuleRun:
    """Local rules on the policies `local_on`, cross-file policy rules on `cross_on`, and the
    corpus-scope rules once. `local_done` holds local findings already made (by workers)."""
    import copy

    run = RuleRun()
    local_done = local_done or {}
    cache = corpus.cache
    local = local_rules_of(rules)
    key_rules = rules_key(local)
    # local rules: cached per file content
    for p in local_on:
        key = f"{p.digest}-{key_rules}" if (cache is not None and cache.enabled and p.digest) else ""
        found = local_done.get(p.relpath)
        if found is None:
            cached = cache.get("diags", key) if key else None
            if cached is not None:
                run.local[p.relpath] = copy.deepcopy(cached)
                continue
            found = check_local(p, corpus, local)
        if key:
            cache.put("diags", key, found)
        run.local[p.relpath] = found
    # rules that look across files
    for p in cross_on:
        run.cross.setdefault(p.relpath, [])
    for rule, sev in rules:
        if not is_cross_file(rule):
            continue
        if rule.scope == "corpus":
            run.corpus.extend(check_corpus_rule(rule, corpus, sev))
        else:
            for p in cross_on:
                run.cross[p.relpath].extend(_check_policy(rule, p, corpus, sev))
    return run


def finish(diags: list[Diagnostic], targets: set[str] | None = None) -> list[Diagnostic]:
    """Only the files asked about; sorted; one diagnostic per rule and position."""
    if targets is not None:
        diags = [d for d in diags if d.path in targets]
    seen, unique = set(), []
    for d in sorted(diags, key=Diagnostic.sort_key):
        k = (d.path, d.line, d.column, d.rule, d.message)
        if k not in seen:
            seen.add(k)
            unique.append(d)
    return unique


def run_rules(corpus: Corpus, rules, targets: set[str] | None = None,
              local_done: dict | None = None) -> list[Diagnostic]:
    policies = [p for p in corpus.policies if targets is None or p.relpath in targets]
    run = run_parts(corpus, rules, policies, policies, local_done)
    return finish(run.findings(p.relpath for p in policies), targets)


def lint(paths: list[str] | None = None, config: Config | None = None, *,
         select: list[str] | None = None, ignore: list[str] | None = None) -> LintResult:
    if config is None:
        from .config import load

        config = load()
    with gc_paused():
        return _lint(paths, config, select, ignore)


def _lint(paths, config, select, ignore) -> LintResult:
    files = discover(paths, config)
    targets = {relpath(f) for f in files} if paths else None
    rules = selected_rules(config, select, ignore)
    local_done: dict = {}
    whole = targets is None
    corpus = load_corpus(config, files, local_rules=local_rules_of(rules) if whole else None,
                         local_out=local_done, ship=kept_facts(rules) if whole else ())
    diags = run_rules(corpus, rules, targets, local_done)
    linted = sorted(targets) if targets is not None else [p.relpath for p in corpus.policies]
    return LintResult(diags, linted, corpus)


def lint_files(paths: list[str], config: Config | None = None) -> LintResult:
    """Convenience for other commands (import, new): lint these files against the corpus."""
    return lint([str(p) for p in paths], config)


__all__ = ["lint", "lint_files", "LintResult", "UsageError", "ConfigError", "discover", "load_corpus"]
