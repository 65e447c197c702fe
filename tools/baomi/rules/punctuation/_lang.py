"""The 公文 proofreading checks of baomi.text.language shared by BM606–BM609."""

from ...text import language
from ._spanrule import SpanRule, span_findings


class ProofRule(SpanRule):
    category = "punctuation"
    severity = "warning"
    check_name = ""

    def findings(self, policy, corpus):
        return span_findings(policy, f"lang:{self.check_name}", getattr(language, self.check_name))
