"""The run's facts store (baomi.facts): facts are computed once per run, live with the run's
corpus, and never ride on the model objects that are cached or sent to worker processes."""

from __future__ import annotations

from baomi import serial
from baomi.corpus import Corpus
from baomi.facts import Facts
from baomi.lint import lint
from baomi.parser import parse_text
from baomi.rules.punctuation._spanrule import span_findings

from helpers import POLICIES, ROOT, registered_rules


def _policy(body: str = "第一条 为了加强管理,制定本制度。"):
    text = f"---\nid: t\ntitle: 测试制度\nstatus: 现行\n---\n\n# 测试制度\n\n{body}\n"
    return parse_text(text, "t.md", "t.md")


def test_a_file_fact_is_computed_once_per_run_and_again_in_the_next():
    p = _policy()
    calls = []

    def find(text):
        calls.append(text)
        return []

    first = Corpus([p])
    span_findings(p, "k", find, first)
    n = len(calls)
    assert n == len(p.prose) and n > 0
    span_findings(p, "k", find, first)
    assert len(calls) == n                       # same run: reused
    span_findings(p, "k", find, Corpus([p]))
    assert len(calls) == 2 * n                   # another run: its own facts
    span_findings(p, "k", find)
    assert len(calls) == 3 * n                   # no run: computed, kept nowhere


def test_facts_are_per_policy_object_not_per_id_reuse():
    f = Facts()
    a, b = _policy(), _policy()
    f.put(a, "x.y", 1)
    assert f.get(a, "x.y") == 1 and f.get(b, "x.y") is None
    assert f.file_fact(b, "x.y", lambda: 2) == 2 and f.get(a, "x.y") == 1
    assert f.memo("m") is f.memo("m") and f.corpus_fact("c", lambda: 3) == 3


def test_nothing_of_a_run_is_left_on_the_model(monkeypatch):
    monkeypatch.setenv("BAOMI_NO_CACHE", "1")       # the rules run here, not read from the cache
    result = lint([str(POLICIES)], None)
    corpus = result.corpus
    assert corpus.facts.get(corpus.policies[0], "lang.punct") is not None   # the language rules ran
    for p in corpus.policies:
        assert not [k for k in vars(p) if k.startswith("_")], p.relpath
        state = p.__getstate__()
        assert set(state) <= {f for f in vars(p)}
        back = serial.unpack(serial.pack("policy", "k", p), "policy", "k")
        assert not [k for k in vars(back) if k.startswith("_")]


# --- the registry: rules declare the facts they read, the engine makes them -------------------

import contextlib  # noqa: E402
import multiprocessing  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402

from baomi import parallel  # noqa: E402
from baomi.config import load  # noqa: E402
from baomi.facts import FACTS, fact  # noqa: E402
from baomi.incremental import lint as incremental_lint  # noqa: E402
from baomi.rules import REGISTRY, Rule, register  # noqa: E402
from baomi.rules.base import Rule as BaseRule  # noqa: E402

CALLS: list[str] = []          # the files fact test.articles was computed for, in this process


@fact("test.articles")
def _articles(policy, corpus):
    CALLS.append(policy.relpath)
    return [(a.number, a.sub) for a in policy.articles]


class _Needs(Rule):
    category = "structure"
    severity = "info"
    summary, rationale, bad, good = "测试用", "只在测试中注册。", "……", "……"
    facts = ("test.articles",)

    def check(self, policy, corpus):
        n = len(corpus.facts.value(policy, "test.articles", corpus))
        yield self.diag(policy, 1, 1, f"{self.code} 数到 {n} 条")


class LocalNeeds(_Needs):
    code, name = "BM981", "test-local-needs"


class LocalNeedsToo(_Needs):
    code, name = "BM982", "test-local-needs-too"


class CrossNeeds(_Needs):
    code, name = "BM983", "test-cross-needs"
    local = False


@pytest.fixture
def needing(request):
    """Register the rule classes given by the test's parameter; unregister them afterwards."""
    with registered_rules(request.param) as made:
        CALLS.clear()
        yield made


def _repo(tmp_path, cache=True):
    shutil.copytree(POLICIES, tmp_path / "policies")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.baomi]\npolicies = "policies"\nschemas = "{ROOT / "schemas"}"\ntoday = "2026-11-30"\n'
        + ("" if cache else "cache = false\n"), encoding="utf-8")
    return tmp_path


def test_a_rule_naming_an_unknown_fact_is_refused_at_registration():
    class Typo(_Needs):
        code, name = "BM984", "test-fact-typo"
        facts = ("lang.puntc",)

    class NotATuple(_Needs):
        code, name = "BM984", "test-fact-typo"
        facts = "lang.punct"

    for cls in (Typo, NotATuple):
        with pytest.raises(TypeError, match="facts"):
            register(cls)
        assert "BM984" not in REGISTRY


def test_every_shipped_rule_declares_the_registered_facts_it_reads(monkeypatch, tmp_path):
    """A registered fact read by a rule (in its check, `Facts.value`) is one it declared."""
    from baomi.facts import Facts
    from baomi.lint import lint as full_lint

    current: list = [None]
    read: set = set()
    orig_value, orig_check, orig_corpus = Facts.value, BaseRule.run_check, BaseRule.run_check_corpus

    def value(self, policy, name, corpus):
        if current[0] is not None:
            read.add((current[0], name))
        return orig_value(self, policy, name, corpus)

    def run_check(self, policy, corpus):
        current[0] = self.code
        try:
            return orig_check(self, policy, corpus)
        finally:
            current[0] = None

    def run_check_corpus(self, corpus):
        current[0] = self.code
        try:
            return orig_corpus(self, corpus)
        finally:
            current[0] = None

    monkeypatch.setattr(Facts, "value", value)
    monkeypatch.setattr(BaseRule, "run_check", run_check)
    monkeypatch.setattr(BaseRule, "run_check_corpus", run_check_corpus)
    repo = _repo(tmp_path, cache=False)
    with contextlib.chdir(repo):
        full_lint(None, load(repo))
    assert {n for _, n in read} >= {"lang.punct", "lang.terms", "lang.script", "lang.marking", "checklist.claims"}
    undeclared = sorted((code, n) for code, n in read if n not in REGISTRY[code].facts)
    assert undeclared == []


@pytest.mark.parametrize("needing", [(LocalNeeds, LocalNeedsToo, CrossNeeds)], indirect=True)
def test_declared_facts_are_computed_once_per_file_for_all_the_rules_that_need_them(needing, tmp_path):
    from baomi.lint import lint as full_lint

    repo = _repo(tmp_path, cache=False)
    with contextlib.chdir(repo):
        result = full_lint(None, load(repo))
    readable = sorted(p.relpath for p in result.corpus.policies if p.readable)
    assert sorted(CALLS) == readable                       # once per file, three rules reading it
    for code in needing:
        assert len([d for d in result.diagnostics if d.rule == code]) == len(readable)


@pytest.mark.parametrize("needing", [(LocalNeeds, CrossNeeds)], indirect=True)
def test_no_fact_is_computed_that_no_enabled_rule_needs(needing, tmp_path):
    from baomi.lint import lint as full_lint

    repo = _repo(tmp_path)
    with contextlib.chdir(repo):
        result = full_lint(None, load(repo), select=["BM601"])
    assert CALLS == []
    ps = result.corpus.policies
    assert all(result.corpus.facts.has(p, "lang.punct") for p in ps if p.readable)
    assert not any(result.corpus.facts.has(p, n) for p in ps for n in ("checklist.claims", "lang.terms"))
    with contextlib.chdir(repo):                  # nor in the incremental lint (coverage not read)
        assert incremental_lint(None, load(repo), select=["BM601"]).stats.mode == "full"
        p = repo / "policies" / "shemi-renyuan.md"
        p.write_text(p.read_text(encoding="utf-8").replace("。\n", "，并做好记录。\n", 1), encoding="utf-8")
        inc = incremental_lint(None, load(repo), select=["BM601"])
    assert inc.stats.mode == "incremental" and CALLS == []
    assert not any(inc.corpus.facts.has(p, "checklist.claims") for p in inc.corpus.policies)
    assert not (repo / ".baomi-cache" / "facts").exists()


@pytest.mark.parametrize("needing", [(LocalNeeds, CrossNeeds)], indirect=True)
def test_facts_of_unchanged_files_are_kept_in_the_incremental_state(needing, tmp_path):
    repo = _repo(tmp_path)
    with contextlib.chdir(repo):
        first = incremental_lint(None, load(repo))
        assert first.stats.mode == "full"
        n = len(CALLS)
        assert n == len([p for p in first.corpus.policies if p.readable])
        f = repo / "policies" / "shemi-renyuan.md"
        f.write_text(f.read_text(encoding="utf-8").replace("。\n", "，并做好记录。\n", 1), encoding="utf-8")
        CALLS.clear()
        inc = incremental_lint(None, load(repo))
        assert inc.stats.mode == "incremental" and inc.stats.loaded > 1
        # only the changed file's fact is computed; the other loaded files have theirs from the state
        assert CALLS == ["policies/shemi-renyuan.md"]
        CALLS.clear()
        cfg = load(repo)
        cfg.cache = False
        full = lint(None, cfg)
    assert [d.message for d in inc.diagnostics] == [d.message for d in full.diagnostics]
    state = inc.corpus.cache.get("state", f"lint-{_rules_key(cfg)}")
    assert [r for r, e in state.entries.items() if e.stub[6] and "test.articles" not in e.facts] == []
    assert "checklist.claims" in state.entries["policies/shemi-renyuan.md"].facts


def _rules_key(cfg):
    from baomi.lint import rules_key, selected_rules

    return rules_key(selected_rules(cfg))


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="需要 fork（子进程继承测试注册的规则和事实）")
@pytest.mark.parametrize("needing", [(LocalNeeds, CrossNeeds)], indirect=True)
def test_workers_ship_the_facts_and_the_parent_does_not_compute_them_again(needing, tmp_path, monkeypatch):
    from baomi.lint import lint as full_lint

    repo = _repo(tmp_path)
    monkeypatch.setattr(parallel, "THRESHOLD", 4)
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))
    out, calls, computed = {}, {}, {}

    def keys(result):
        return [(d.path, d.line, d.rule, d.message, d.fix) for d in result.diagnostics]

    with contextlib.chdir(repo):
        for jobs in (1, 2):
            CALLS.clear()
            cfg = load(repo)
            cfg.jobs, cfg.cache = jobs, False
            result = full_lint(None, cfg)
            out[jobs] = keys(result)
            calls[jobs], computed[jobs] = len(CALLS), result.corpus.facts.computed
        assert out[1] == out[2] and any(k[2] == "BM983" for k in out[1])
        assert calls[1] > 0 and computed[1] > 0
        # the parent ran the cross-file rule BM983 and the checklist coverage on shipped facts
        assert calls[2] == 0 and computed[2] == 0
        # an incremental run with many changed files: the workers make their facts too
        cfg = load(repo)
        cfg.jobs = 2
        assert incremental_lint(None, cfg).stats.mode == "full"
        files = sorted((repo / "policies").glob("*.md"))[:6]
        for f in files:
            f.write_text(f.read_text(encoding="utf-8").replace("。\n", "，并做好记录。\n", 1), encoding="utf-8")
        CALLS.clear()
        inc = incremental_lint(None, cfg)
        assert (inc.stats.mode, inc.stats.parsed) == ("incremental", len(files))
        assert CALLS == [] and inc.corpus.facts.computed == 0
        cfg = load(repo)
        cfg.cache = False
        assert keys(inc) == keys(full_lint(None, cfg))


def test_fact_values_must_be_plain_data():
    from baomi.facts import plain
    from baomi.text.finding import Finding

    assert plain([(1, "a", None, 2.5, frozenset({"x"}), Finding(0, 1, "m", "r", "k"))])
    assert not plain([lambda: 1]) and not plain({"k": object()})


def test_the_registry_refuses_a_second_fact_of_the_same_name():
    assert "lang.punct" in FACTS
    with pytest.raises(TypeError, match="重复"):
        fact("lang.punct")(lambda policy, corpus: [])
    with pytest.raises(TypeError, match="owner.fact"):
        fact("nodot")


def test_the_lazy_path_reads_a_registered_fact_of_the_same_name_as_the_engine_made_it():
    p = _policy()
    c = Corpus([p])
    declared = span_findings(p, "punct", lambda text: [], c)     # the finder is not asked again
    assert declared and declared == [(p.prose[i], f) for i, f in c.facts.get(p, "lang.punct")]
    assert all(span in p.prose for span, _ in declared)
