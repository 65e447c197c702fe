from ..base import Edit, Rule, register
from ._shared import cn, sequence_problem
from ...model import Style


@register
class PartNumberSequence(Rule):
    code = "BM212"
    name = "part-number-sequence"
    category = "numbering"
    severity = "error"
    fixable = True
    summary = "编的序号从第一编起连续，分编在每一编内从第一分编起连续"
    rationale = ("篇幅大的法典在章之上设编、分编（刑法分总则、分则两编；民法典物权编下设通则、所有权等"
                 "分编）。编在全文中连续编号，分编在所属的编内从第一分编起编号，章在分编之间接续。"
                 "编、分编跳号或重号会使目录和“本编”“第二编”这类引用错乱。")
    bad = ("## 第一编 总则\n\n### 第一章 总则\n\n第一条 ……\n\n"
           "## 第三编 分则\n\n### 第一章 附则\n\n第二条 ……")
    good = ("## 第一编 总则\n\n### 第一章 总则\n\n第一条 ……\n\n"
            "## 第二编 分则\n\n### 第一章 附则\n\n第二条 ……")

    def check(self, policy, corpus):
        if policy.style != Style.TIAOKUAN or not policy.parts:
            return
        tops = [p for p in policy.parts if p.kind == "编"]
        groups = [(tops, "编", "编序号")] if tops else []
        for p in tops:
            if p.subparts:
                groups.append((p.subparts, "分编", f"第{cn(p.number)}编的分编序号"))
        loose = [p for p in policy.parts if p.kind == "分编"]
        if loose:
            groups.append((loose, "分编", "分编序号"))
        for nodes, unit, first in groups:
            prev = None
            for pos, node in enumerate(nodes, 1):
                msg = sequence_problem(prev, node.number, unit, first, pos)
                if msg:
                    mk = node.marker
                    right = f"第{cn(pos)}{unit}"
                    yield self.diag(policy, mk.line, mk.col, msg, end_line=mk.line, end_col=mk.end_col,
                                    fix=[Edit(policy.relpath, mk.line, mk.col, mk.line, mk.end_col, right,
                                              note=f"{mk.raw} → {right}")])
                if node.number is not None:
                    prev = node.number
