from ..base import Rule, register
from ._shared import sequence_problem


@register
class SubitemNumberSequence(Rule):
    code = "BM208"
    name = "subitem-number-sequence"
    category = "numbering"
    severity = "error"
    summary = "项中的目应从 1. 起依次编号"
    rationale = "目是项的下一层，用阿拉伯数字加下脚点“1.”“2.”依次编号；每一项的目各自从 1. 起编号，不跳号、不重号。"
    bad = "（一）下列载体：\n\n1. 纸介质；\n\n3. 光介质。"
    good = "（一）下列载体：\n\n1. 纸介质；\n\n2. 光介质。"

    def check(self, policy, corpus):
        for a in policy.articles:
            for it in a.items:
                prev = None
                for pos, s in enumerate(it.subitems, 1):
                    msg = sequence_problem(prev, s.number, "目", f"{it.marker.raw}中的目", pos)
                    if msg:
                        yield self.diag(policy, s.marker.line, s.marker.col, msg,
                                        end_line=s.marker.line, end_col=s.marker.end_col)
                    if s.number is not None:
                        prev = s.number
