from ...renumber import chapter_plan
from ..base import Rule, register
from ._shared import renumber_findings


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
        yield from renumber_findings(self, policy, policy.chapters, "章", "章序号",
                                     lambda: chapter_plan(policy, corpus))
