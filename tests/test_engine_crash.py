"""A rule that crashes is reported at the file and line it was checking, and never stops other
rules or other files (issue 15). The crashing rules are registered here only, for one test."""

from __future__ import annotations

import contextlib
import multiprocessing
import shutil
import sys
from pathlib import Path

import pytest

from helpers import POLICIES, ROOT, registered_rules

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "structure"))

from kit import CFG, BODY_A, corpus, doc_a, doc_b  # noqa: E402

from baomi import parallel  # noqa: E402
from baomi.config import load  # noqa: E402
from baomi.incremental import lint as incremental_lint  # noqa: E402
from baomi.lint import lint, run_rules, selected_rules  # noqa: E402
from baomi.rules import Rule  # noqa: E402

TARGET = "第五条 违反本制度第三条第一款"     # the article the crashing rules trip on


def _line(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


class _Crashing(Rule):
    category = "structure"
    severity = "warning"
    summary = "测试用：检查到第五条时出错"
    rationale = "只在测试中注册，用来确认一条规则出错不会影响其他规则和文件。"
    bad = "第五条 ……"
    good = "第一条 ……"

    def check(self, policy, corpus):
        for art in policy.articles:
            yield self.diag(policy, art.line, 1, f"看过{art.label}")      # findings before the crash are kept
            if art.number == 5 and not art.sub:
                _helper(art.paragraphs[0])


def _helper(para):
    return {}[para.text[:3]]          # KeyError inside a helper, with the 款 it was looking at


@pytest.fixture
def crashing(request):
    """Register the rule classes given by the test's parameter; unregister them afterwards."""
    with registered_rules(request.param) as made:
        yield made


class LocalCrash(_Crashing):
    code, name = "BM991", "test-local-crash"


class CrossCrash(_Crashing):
    code, name = "BM992", "test-cross-crash"
    local = False


class CorpusCrash(Rule):
    code, name = "BM993", "test-corpus-crash"
    category, scope, local = "structure", "corpus", False
    summary, rationale, bad, good = "测试用", "只在测试中注册。", "……", "……"

    def check_corpus(self, corpus):
        for policy in corpus.policies:
            if policy.relpath.endswith("b.md"):
                for art in policy.articles:
                    if art.number == 2:
                        raise ValueError(f"在{art.label}出错")
            yield self.diag(policy, 1, 1, "看过")


class EverywhereCrash(Rule):
    """Crashes on its first look at any file, without any model element at hand."""

    code, name = "BM994", "test-everywhere-crash"
    category = "structure"
    summary, rationale, bad, good = "测试用", "只在测试中注册。", "……", "……"

    def check(self, policy, corpus):
        raise RuntimeError("无处不错")


DOCS = (("a.md", doc_a()), ("b.md", doc_b()))


def _lint(select=None):
    return run_rules(corpus(*DOCS), selected_rules(CFG, select, ["checklist"]), None)


def _key(d):
    return (d.path, d.line, d.column, d.rule, d.severity, d.message, d.fix)


@pytest.mark.parametrize("crashing", [(LocalCrash,), (CrossCrash,)], indirect=True)
def test_a_crashing_rule_is_reported_where_it_was_and_stops_nothing(crashing):
    (code,) = crashing
    base = [d for d in _lint() if d.rule != code]
    got = _lint()
    others = [d for d in got if d.rule != code]
    assert [_key(d) for d in others] == [_key(d) for d in base]
    mine = [d for d in got if d.rule == code]
    crash = [d for d in mine if "内部出错" in d.message]
    assert len(crash) == 1
    (c,) = crash
    text_a = doc_a()
    assert (c.path, c.line, c.column) == ("policies/a.md", _line(text_a, TARGET), 1)
    assert c.message.startswith(f"规则 {code} 检查此文件时内部出错：KeyError: ")
    assert c.severity == "error"                      # whatever the rule's own severity
    # what it found before the crash is kept; b.md (no 第五条) is checked in full
    seen = sorted((d.path, d.message) for d in mine if d not in crash)
    assert ("policies/a.md", "看过第五条") in seen and ("policies/a.md", "看过第五条之一") not in seen
    assert [m for p, m in seen if p == "policies/b.md"] == ["看过第一条", "看过第三条", "看过第二条"]


@pytest.mark.parametrize("crashing", [(CorpusCrash,)], indirect=True)
def test_a_crashing_corpus_rule_is_reported_at_the_file_being_processed(crashing):
    base = [d for d in _lint() if d.rule != "BM993"]
    got = _lint()
    assert [_key(d) for d in got if d.rule != "BM993"] == [_key(d) for d in base]
    crash = [d for d in got if d.rule == "BM993" and "内部出错" in d.message]
    (c,) = crash
    assert (c.path, c.line) == ("policies/b.md", _line(doc_b(), "第二条 "))
    assert "ValueError: 在第二条出错" in c.message
    assert [d.path for d in got if d.rule == "BM993" and d not in crash] == ["policies/a.md"]


@pytest.mark.parametrize("crashing", [(EverywhereCrash,)], indirect=True)
def test_a_rule_crashing_on_every_file_is_reported_once_per_file(crashing):
    got = _lint()
    crash = [(d.path, d.line) for d in got if d.rule == "BM994"]
    assert crash == [("policies/a.md", 1), ("policies/b.md", 1)]
    base = [d for d in _lint(None) if d.rule != "BM994"]
    assert [_key(d) for d in got if d.rule != "BM994"] == [_key(d) for d in base]


def _repo(tmp_path: Path) -> Path:
    shutil.copytree(POLICIES, tmp_path / "policies")
    text = (tmp_path / "policies" / "shemi-renyuan.md").read_text(encoding="utf-8")
    assert "\n第五条 " in text
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.baomi]\npolicies = "policies"\nschemas = "{ROOT / "schemas"}"\ntoday = "2026-11-30"\n',
        encoding="utf-8")
    return tmp_path


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="需要 fork（子进程继承测试注册的规则）")
@pytest.mark.parametrize("crashing", [(LocalCrash,)], indirect=True)
def test_crashes_in_worker_processes_and_incremental_runs_are_the_same(crashing, tmp_path, monkeypatch):
    repo = _repo(tmp_path)
    monkeypatch.setattr(parallel, "THRESHOLD", 4)
    # the workers must inherit the rule this test registers: fork, even when an earlier test (the
    # browser tests' Playwright) left a thread running and baomi itself would choose spawn
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))
    out = {}
    with contextlib.chdir(repo):
        for jobs in (1, 2):
            cfg = load(repo)
            cfg.cache = False
            cfg.jobs = jobs
            assert parallel.workers(cfg, 18) == jobs
            out[jobs] = [_key(d) for d in lint(None, cfg).diagnostics]
        first = incremental_lint(None, load(repo))
        again = incremental_lint(None, load(repo))
    assert out[1] == out[2]
    assert [_key(d) for d in first.diagnostics] == out[1] == [_key(d) for d in again.diagnostics]
    assert again.stats.mode == "unchanged"
    crash = [k for k in out[1] if "内部出错" in k[5]]
    # one per policy that has a 第五条, each at that article's line
    assert crash and all(k[3] == "BM991" for k in crash)
    for path, line, *_ in crash:
        assert (repo / path).read_text(encoding="utf-8").splitlines()[line - 1].startswith("第五条 ")
    assert [k for k in out[1] if k[3] != "BM991"] == _without_crashing(repo)


def _without_crashing(repo: Path):
    with contextlib.chdir(repo):
        cfg = load(repo)
        cfg.cache = False
        return [_key(d) for d in lint(None, cfg, ignore=["BM991"]).diagnostics]


# --- a fact that crashes (baomi.facts): the rules that need it report it, nothing else stops ---

from baomi.facts import fact  # noqa: E402


@fact("test.boom")
def _boom(policy, corpus):
    out = []
    for art in policy.articles:
        if art.number == 5 and not art.sub:
            _helper(art.paragraphs[0])             # KeyError, at the 款 it was looking at
        out.append(art.number)
    return out


class _NeedsBoom(Rule):
    category = "structure"
    severity = "warning"
    summary, rationale, bad, good = "测试用", "只在测试中注册。", "……", "……"
    facts = ("test.boom",)

    def check(self, policy, corpus):
        yield self.diag(policy, 1, 1, f"数到 {len(corpus.facts.value(policy, 'test.boom', corpus))} 条")


class LocalBoom(_NeedsBoom):
    code, name = "BM995", "test-local-boom"


class CrossBoom(_NeedsBoom):
    code, name = "BM996", "test-cross-boom"
    local = False


class CorpusBoom(Rule):
    code, name = "BM997", "test-corpus-boom"
    category, scope, local = "structure", "corpus", False
    summary, rationale, bad, good = "测试用", "只在测试中注册。", "……", "……"
    facts = ("test.boom",)

    def check_corpus(self, corpus):
        for p in corpus.policies:
            if corpus.facts.crash(p, "test.boom") is None:
                yield self.diag(p, 1, 1, f"数到 {len(corpus.facts.value(p, 'test.boom', corpus))} 条")


BOOM = ("BM995", "BM996", "BM997")


@pytest.mark.parametrize("crashing", [(LocalBoom, CrossBoom, CorpusBoom)], indirect=True)
def test_a_crashing_fact_is_each_needing_rules_crash_where_it_was_and_stops_nothing(crashing):
    got = _lint()
    base = [d for d in _lint(None) if d.rule not in BOOM]
    assert [_key(d) for d in got if d.rule not in BOOM] == [_key(d) for d in base]
    crash = sorted((d.rule, d.path, d.line, d.column) for d in got if "内部出错" in d.message)
    line = _line(doc_a(), TARGET)
    assert crash == [(code, "policies/a.md", line, 1) for code in BOOM]        # once each, at the 款
    for d in got:
        if "内部出错" in d.message:
            assert d.message.startswith(f"规则 {d.rule} 检查此文件时内部出错：所需的事实 test.boom 计算出错：KeyError: ")
            assert d.severity == "error"
    # b.md (no 第五条) is checked in full by all three
    assert sorted(d.rule for d in got if d.path == "policies/b.md" and d.rule in BOOM) == list(BOOM)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="需要 fork（子进程继承测试注册的规则）")
@pytest.mark.parametrize("crashing", [(LocalBoom, CrossBoom, CorpusBoom)], indirect=True)
def test_a_fact_crashing_in_a_worker_or_kept_in_the_state_is_reported_the_same(crashing, tmp_path, monkeypatch):
    repo = _repo(tmp_path)
    monkeypatch.setattr(parallel, "THRESHOLD", 4)
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))
    out = {}
    with contextlib.chdir(repo):
        for jobs in (1, 2):
            cfg = load(repo)
            cfg.cache = False
            cfg.jobs = jobs
            out[jobs] = [_key(d) for d in lint(None, cfg).diagnostics]
        first = incremental_lint(None, load(repo))
        f = repo / "policies" / "shemi-renyuan.md"
        other = next(p for p in sorted((repo / "policies").glob("*.md")) if p != f and "\n第五条 " not in p.read_text(encoding="utf-8"))
        other.write_text(other.read_text(encoding="utf-8").replace("。\n", "，并做好记录。\n", 1), encoding="utf-8")
        again = incremental_lint(None, load(repo))
        cfg = load(repo)
        cfg.cache = False
        full = [_key(d) for d in lint(None, cfg).diagnostics]
    assert out[1] == out[2]
    assert [_key(d) for d in first.diagnostics] == out[1]
    assert again.stats.mode == "incremental" and [_key(d) for d in again.diagnostics] == full
    crash = [k for k in out[1] if "内部出错" in k[5]]
    assert {k[3] for k in crash} == set(BOOM)
    for path, line, *_ in crash:
        assert (repo / path).read_text(encoding="utf-8").splitlines()[line - 1].startswith("第五条 ")
