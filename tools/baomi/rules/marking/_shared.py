"""The marking findings of a policy, computed once and shared by BM801–BM803."""

from __future__ import annotations

from ...text import marking
from ..punctuation._spanrule import SpanRule, fact_pairs, span_fact

span_fact("lang.marking", lambda policy, corpus: marking.find, "密级标志检查（BM801–BM803 共用一遍）")


class MarkingRule(SpanRule):
    category = "marking"
    facts = ("lang.marking",)

    def findings(self, policy, corpus):
        return fact_pairs(policy, "lang.marking", corpus)
