from ...text import terms as textterms
from ..base import register
from ..punctuation._spanrule import SpanRule, fact_pairs, span_fact
from ._data import matcher

span_fact("lang.terms", lambda policy, corpus: matcher(corpus).find, "术语检查（schemas/terms.yaml）")


@register
class Terminology(SpanRule):
    code = "BM501"
    name = "terminology"
    category = "terminology"
    severity = "warning"
    summary = "使用 2024 年保密法的法定用语和规范用字"
    rationale = ("制度是执法依据，用语应与上位法一致：2024 年修订的保密法使用“保密行政管理部门”“保密资质”"
                 "“保密期限”“知悉范围”，旧称和错别字（下料不明、撰搞、涉秘）会削弱制度的严肃性。"
                 "检查依据 schemas/terms.yaml：每个条目写明错误写法、规范写法、适用语境和出处；同一个词"
                 "在一种语境下正确、另一种语境下错误的（泄漏/泄露、截止/截至、登陆/登录），只在错误语境中提示。"
                 "保密办可直接在该文件中增补条目。")
    bad = "一旦发现秘密文件、资料下料不明，应当立即向保密工作部门报告。其它情况……"
    good = "一旦发现秘密文件、资料下落不明，应当立即向保密行政管理部门报告。其他情况……"
    fixable = True
    facts = ("lang.terms",)

    def findings(self, policy, corpus):
        return fact_pairs(policy, "lang.terms", corpus)


__all__ = ["Terminology", "textterms"]
