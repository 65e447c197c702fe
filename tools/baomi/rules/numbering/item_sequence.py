from ..base import Rule, register
from ._shared import sequence_problem


@register
class ItemNumberSequence(Rule):
    code = "BM206"
    name = "item-number-sequence"
    category = "numbering"
    severity = "error"
    summary = "款中的项应从（一）起依次编号"
    rationale = ("项用（一）（二）（三）……依次编号，引用时写作“第十条第（二）项”或“第十条第二项”；跳号、重号会"
                 "使引用落空或指错。每一款的项各自从（一）起编号；一项跨几段的（国旗法第五条（二）、海关法第六条（四）），"
                 "其后一段的项接着编号。")
    bad = "（一）……；\n\n（三）……。"
    good = "（一）……；\n\n（二）……。"

    def check(self, policy, corpus):
        for a in policy.articles:
            for k, p in enumerate(a.paragraphs):
                prev = a.items_run_on(k)     # a 项 that ran over paragraphs: the list goes on
                for pos, it in enumerate(p.items, 1):
                    msg = sequence_problem(prev, it.number, "项", f"{a.label}的项", pos)
                    if msg:
                        yield self.diag(policy, it.marker.line, it.marker.col, msg,
                                        end_line=it.marker.line, end_col=it.marker.end_col)
                    if it.number is not None:
                        prev = it.number
