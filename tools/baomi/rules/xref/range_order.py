from ..base import Rule, register
from ...references import RangeOrder as RangeOrderProblem
from ._shared import refs


@register
class RangeOrder(Rule):
    code = "BM308"
    name = "xref-range-order"
    category = "xref"
    severity = "error"
    local = False
    summary = "“第X条至第Y条”应从小到大"
    rationale = "条文范围写作“第十八条至第二十一条”，前小后大；颠倒或首尾相同的范围通常是改号时写错了。"
    bad = "依照本办法第二十一条至第十八条的规定处理。"
    good = "依照本办法第十八条至第二十一条的规定处理。"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, RangeOrderProblem):
            p = r.problem
            yield self.diag(policy, r.line, r.col,
                            f"范围应从小到大（{p.last}至{p.first}），实为“{p.first}至{p.last}”",
                            end_line=r.line, end_col=r.end_col)
