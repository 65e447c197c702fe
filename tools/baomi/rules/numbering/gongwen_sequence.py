from ..base import Rule, register
from ._shared import sequence_problem
from ...model import Style

UNIT = {1: "g1", 2: "项", 3: "目", 4: "g4"}


@register
class GongwenNumberSequence(Rule):
    code = "BM211"
    name = "gongwen-number-sequence"
    category = "numbering"
    severity = "error"
    summary = "公文式各层序号在上一层之内从一起依次编号"
    rationale = "公文式结构的每一层在其上一层之内从“一”或“1”起依次编号；跳号、重号或顺序颠倒通常是增删段落后漏改序号。"
    bad = "一、基本要求\n\n三、保守国家秘密"
    good = "一、基本要求\n\n二、保守国家秘密"

    def check(self, policy, corpus):
        if policy.style != Style.GONGWEN:
            return
        yield from self._siblings(policy, policy.headings, "")
        for h in policy.walk_headings():
            yield from self._siblings(policy, h.children, f"{h.marker.raw}之下")

    def _siblings(self, policy, nodes, where):
        prev: dict[int, int | None] = {}
        for n in nodes:
            msg = sequence_problem(prev.get(n.level), n.number, UNIT[n.level], where)
            if msg:
                yield self.diag(policy, n.marker.line, n.marker.col, msg, end_line=n.marker.line,
                                end_col=n.marker.end_col)
            if n.number is not None:
                prev[n.level] = n.number
