from ...renumber import chapter_plan
from ..base import Rule, register
from ._shared import sequence_problem


@register
class ChapterNumberSequence(Rule):
    code = "BM202"
    name = "chapter-number-sequence"
    category = "numbering"
    severity = "error"
    fixable = True
    local = False
    inbound = True      # the fix rewrites citations of this file made in other files
    summary = "章的序号应从第一章起连续"
    rationale = ("章是制度的骨架，目录、引用（本制度第三章）和修订对照表都依赖章序号。跳号、重号或顺序颠倒"
                 "通常是增删章节后忘记重排；自动修复按位置重排章序号，并改写指向被移动章的引用。")
    bad = "## 第一章 总则\n\n## 第三章 管理措施"
    good = "## 第一章 总则\n\n## 第二章 管理措施"

    def check(self, policy, corpus):
        if policy.style != "条款式" or not policy.chapters:
            return
        prev = None
        first = True
        for pos, ch in enumerate(policy.chapters, 1):
            msg = sequence_problem(prev, ch.number, "章", "章序号", pos)
            if msg:
                fix = []
                if first:
                    pl = chapter_plan(policy, corpus)
                    if pl.blocked:
                        msg += f"；不能自动重排：{pl.blocked}"
                    else:
                        fix = pl.edits
                    first = False
                yield self.diag(policy, ch.marker.line, ch.marker.col, msg, end_line=ch.marker.line,
                                end_col=ch.marker.end_col, fix=fix)
            if ch.number is not None:
                prev = ch.number
