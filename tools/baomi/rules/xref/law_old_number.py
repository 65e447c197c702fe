from ..base import Rule, register
from ...references import LawOld
from ._shared import art_label, refs


@register
class LawOldArticleNumber(Rule):
    code = "BM313"
    name = "law-old-article-number"
    category = "xref"
    severity = "warning"
    local = False
    summary = "引用 2024 年修订的保密法，不要沿用修订前的条号"
    rationale = ("2024 年修订的保密法调整了条序：密级由第十条移至第十四条，保密期限由第十五条移至第二十条，"
                 "国家秘密标志由第十七条移至第二十二条，涉密人员由第三十五条移至第四十三条，离岗脱密由"
                 "第三十八条移至第四十六条。沿用旧条号会指向别的条文。")
    bad = "涉密人员离岗的，依照保密法第三十八条的规定实行脱密期管理。"
    good = "涉密人员离岗的，依照保密法第四十六条的规定实行脱密期管理。"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, LawOld):
            p = r.problem
            yield self.diag(policy, r.line, r.col,
                            f"{p.law}{art_label(r.article)}是修订前的条号（{p.topic}），现行条号应为"
                            f"{art_label((p.new, 0))}，请核实",
                            end_line=r.line, end_col=r.end_col)
