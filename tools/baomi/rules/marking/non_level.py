from ...text import language
from ..base import register
from ..language._shared import language_data
from ..punctuation._spanrule import SpanRule, span_findings


@register
class NonLevelListed(SpanRule):
    code = "BM905"
    name = "non-level-listed"
    category = "marking"
    severity = "error"
    fixable = True
    fix_applicability = "unsafe"   # offered, applied only with --fix --unsafe-fixes
    summary = "列举密级时只有绝密、机密、秘密，不能夹带内部资料、工作秘密"
    rationale = ("保密法第十四条规定国家秘密的密级分为绝密、机密、秘密三级。“分为绝密级、机密级、秘密级和内部资料”"
                 "把不是国家秘密的事项列为第四个密级，混淆了国家秘密与工作秘密、内部事项，定密、标志和保管都会因此出错。"
                 "非密级的名称见 schemas/language.yaml 的 classification.non_levels。提供的修复从列举中删去非密级"
                 "（分为绝密级、机密级和秘密级）；这可能改变原意（也许应另起一句写明内部资料如何管理），"
                 "所以是不安全的修复：--fix 不应用，核对后用 --fix --unsafe-fixes 应用。")
    bad = "第一条 本单位涉密事项分为绝密级、机密级、秘密级和内部资料。"
    good = "第一条 国家秘密的密级分为绝密、机密、秘密三级；工作秘密按本单位规定管理。"

    def findings(self, policy, corpus):
        data = language_data(corpus)
        return span_findings(policy, "lang:levels", lambda t: language.levels(t, data))
