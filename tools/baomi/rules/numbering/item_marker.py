from ...numerals import to_chinese
from ..base import Edit, Rule, register


@register
class ItemMarkerForm(Rule):
    code = "BM207"
    name = "item-marker-form"
    category = "numbering"
    severity = "error"
    fixable = True
    summary = "项的序号写作全角括号加汉字数字“（一）”，括号后不加标点"
    rationale = ("《立法技术规范（试行）》：项的序号用中文数字加括号依次表述，括号为全角，括号后不再加顿号、"
                 "逗号或点号。“(一)”“（一）、”是常见的录入错误。")
    bad = "(一)按照规定登记；\n\n（二）、定期清查。"
    good = "（一）按照规定登记；\n\n（二）定期清查。"

    def check(self, policy, corpus):
        for a in policy.articles:
            for it in a.items:
                mk = it.marker
                if mk.number is None or mk.number <= 0:
                    continue
                right = f"（{to_chinese(mk.number)}）"
                if mk.raw == right:
                    continue
                yield self.diag(policy, mk.line, mk.col, f"项的序号应写作“{right}”，实为“{mk.raw}”",
                                end_line=mk.line, end_col=mk.end_col,
                                fix=[Edit(policy.relpath, mk.line, mk.col, mk.line, mk.end_col, right,
                                          note=f"{mk.raw} → {right}")])
