"""The run's facts store (baomi.facts): facts are computed once per run, live with the run's
corpus, and never ride on the model objects that are cached or sent to worker processes."""

from __future__ import annotations

from baomi import serial
from baomi.corpus import Corpus
from baomi.facts import Facts
from baomi.lint import lint
from baomi.parser import parse_text
from baomi.rules.punctuation._spanrule import span_findings

from helpers import POLICIES, ROOT


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
