"""The punctuation findings of a policy, computed in one pass and shared by BM601–BM605."""

from __future__ import annotations

from ...text import punct
from ._spanrule import SpanRule, span_findings


class PunctRule(SpanRule):
    category = "punctuation"
    severity = "warning"
    fixable = True

    def findings(self, policy, corpus):
        return span_findings(policy, "punct", punct.find, corpus)
