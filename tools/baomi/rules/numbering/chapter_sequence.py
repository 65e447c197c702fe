from ... import grammar
from ...renumber import Plan, chapter_plan
from ..base import Rule, register
from ._shared import cn, renumber_findings
from ...model import Style


@register
class ChapterNumberSequence(Rule):
    code = "BM202"
    name = "chapter-number-sequence"
    category = "numbering"
    severity = "error"
    fixable = True
    local = False
    inbound = True      # the fix rewrites citations of this file made in other files
    summary = "章的序号应从第一章起连续（分编的法典按其自身的编法：各编重起或全文连续）"
    rationale = ("章是制度的骨架，目录、引用（本制度第三章）和修订对照表都依赖章序号。跳号、重号或顺序颠倒"
                 "通常是增删章节后忘记重排；自动修复按位置重排章序号，并改写指向被移动章的引用。"
                 "设编的法典有两种编法，都按文本自身的编法检查：刑法、民法典每编从第一章起（分编之间连续），"
                 "民事诉讼法全文连续；第二编的第一章写作“第一章”即为各编重起。")
    bad = "## 第一章 总则\n\n## 第三章 管理措施"
    good = "## 第一章 总则\n\n## 第二章 管理措施"

    def check(self, policy, corpus):
        if policy.style != Style.TIAOKUAN or not policy.chapters:
            return
        attached = []

        def plan_once():   # one renumbering fix for the whole file, on its first finding
            if attached:
                return Plan()
            attached.append(True)
            return chapter_plan(policy, corpus)

        groups = policy.chapter_groups()
        for group in groups:
            part = group[0].part
            label = f"{grammar.part_label(part, cn=cn)}的章序号" if len(groups) > 1 and part is not None else "章序号"
            yield from renumber_findings(self, policy, group, "章", label, plan_once)
