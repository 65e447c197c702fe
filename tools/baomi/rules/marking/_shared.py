"""The marking findings of a policy, computed once and shared by BM801–BM803."""

from __future__ import annotations

from ...text import marking
from ..punctuation._spanrule import SpanRule, span_findings


class MarkingRule(SpanRule):
    category = "marking"

    def findings(self, policy, corpus):
        return span_findings(policy, "marking", marking.find, corpus)
