"""Glue of the language rules: the lexicon shipped with baomi and schemas/language.yaml."""

from __future__ import annotations

from ...lexicon import shipped
from ...text import language
from ..punctuation._spanrule import SpanRule, span_findings


def language_data(corpus):
    """language.yaml of the corpus's data set, typed (`baomi.datamodel.Language`)."""
    data = getattr(corpus, "data", None)
    if data is None:
        from ...data import Data

        data = Data()
    return data.language


class LanguageRule(SpanRule):
    category = "terminology"
    severity = "warning"
    check_name = ""           # the function of baomi.text.language this rule reports

    def findings(self, policy, corpus):
        fn = getattr(language, self.check_name)
        lex = shipped()
        data = language_data(corpus)
        if self.check_name in ("typos", "repeats"):
            return span_findings(policy, f"lang:{self.check_name}", lambda t: fn(t, lex))
        if self.check_name == "collocations":
            return span_findings(policy, "lang:collocations", lambda t: fn(t, lex, data))
        if self.check_name in ("spun", "levels", "redundancy", "de_particles"):
            return span_findings(policy, f"lang:{self.check_name}", lambda t: fn(t, data))
        return span_findings(policy, f"lang:{self.check_name}", fn)
