from ..base import Edit, Rule, register
from ._shared import sequence_problem, unit_label
from ...model import Chapter, Section, Style


def _groups(nodes, parent):
    """(tiers, unit, label) of each run numbered together: every level above 章 (编, 分编, and a
    level a style plug-in adds, 卷) within the tier it stands in — the 编 of the whole text (or of
    each 卷), the 分编 of each 编; 章 and 节 have their own rules, by their own conventions (BM202,
    BM204)."""
    runs: dict = {}
    for t in nodes:
        if not isinstance(t, (Chapter, Section)):
            runs.setdefault(t.unit, []).append(t)
    for unit, run in runs.items():
        where = f"{unit_label(parent.unit, parent.number)}的" if parent is not None else ""
        yield run, unit, f"{where}{unit}序号"
    for t in nodes:
        yield from _groups(t.children, t)


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
                 "编、分编跳号或重号会使目录和“本编”“第二编”这类引用错乱。编之上另设一级的（样式插件所加的层级，"
                 "如卷），编在所属的那一级之内编号，那一级本身也按同样的办法检查。")
    bad = ("## 第一编 总则\n\n### 第一章 总则\n\n第一条 ……\n\n"
           "## 第三编 分则\n\n### 第一章 附则\n\n第二条 ……")
    good = ("## 第一编 总则\n\n### 第一章 总则\n\n第一条 ……\n\n"
            "## 第二编 分则\n\n### 第一章 附则\n\n第二条 ……")

    def check(self, policy, corpus):
        if policy.style != Style.TIAOKUAN or not policy.tree:
            return
        for nodes, unit, first in _groups(policy.tree, None):
            prev = None
            for pos, node in enumerate(nodes, 1):
                msg = sequence_problem(prev, node.number, unit, first, pos)
                if msg:
                    mk = node.marker
                    right = unit_label(unit, pos)
                    yield self.diag(policy, mk.line, mk.col, msg, end_line=mk.line, end_col=mk.end_col,
                                    fix=[Edit(policy.relpath, mk.line, mk.col, mk.line, mk.end_col, right,
                                              note=f"{mk.raw} → {right}")])
                if node.number is not None:
                    prev = node.number
