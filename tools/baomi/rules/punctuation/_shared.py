"""The punctuation findings of a policy, computed in one pass and shared by BM601–BM605."""

from __future__ import annotations

from ...text import punct
from ._spanrule import SpanRule, fact_pairs, span_fact

span_fact("lang.punct", lambda policy, corpus: punct.find, "标点检查（BM601–BM605 共用一遍）")


class PunctRule(SpanRule):
    category = "punctuation"
    severity = "warning"
    fixable = True
    facts = ("lang.punct",)

    def findings(self, policy, corpus):
        return fact_pairs(policy, "lang.punct", corpus)
