from ... import grammar
from ...renumber import Plan, plan
from ..base import Rule, register
from ._shared import renumber_findings
from ...model import Style


@register
class ArticleNumberGap(Rule):
    code = "BM203"
    name = "article-number-gap"
    category = "numbering"
    severity = "error"
    fixable = True
    local = False
    inbound = True      # the fix rewrites citations of this file made in other files
    summary = "条的序号应从第一条起跨章连续，不跳号、不重号、不颠倒"
    rationale = ("《立法技术规范（试行）》：条的序号在全文中连续编排，不因分章而重新起算（2024 年保密法六章"
                 "共六十五条）。增删条文后漏改序号，会使“本制度第十二条”这类引用指向别的条文。自动修复按"
                 "位置重排条序号，并同时改写本文件、其他制度（《标题》第X条）和前置元数据 pledge 中指向被移动"
                 "条文的引用，引用的含义不变；若某个引用无法确定所指（重号且被引用、引用已删除的条），"
                 "则不自动修复并说明原因。第X条之一是合法的插入条，保持不变。条文接着别的文本编号的体裁"
                 "（宪法修正案；schemas/genres.yaml 的 numbering_continues）不查；法典的一编单独成文的"
                 "（自称“本编”而本身不分编，如民法典人格权编从第九百八十九条起），条序号接续前面各编，"
                 "只查编内是否连续，且不自动重排。")
    bad = "第十一条 ……\n\n第十二条 ……\n\n第十五条 ……"
    good = "第十一条 ……\n\n第十二条 ……\n\n第十三条 ……"

    def check(self, policy, corpus):
        if policy.style != Style.TIAOKUAN:
            return
        if _continues(policy, corpus):
            return   # 宪法修正案 number their articles on from the amendment before (第三条, 第十二条 …)
        main = [a for a in policy.articles if not a.sub]      # 第X条之一 is placed by BM205
        if main and main[0].number and _one_part_of_a_code(policy):
            # numbered on from the parts before it: only the run inside this part is checked, and
            # renumbering from 第一条 would be wrong
            blocked = Plan(blocked="本文件是法典的一编，条序号接续前面各编")
            yield from renumber_findings(self, policy, main, "条", "条序号", lambda: blocked,
                                         after=main[0].number - 1)
            return
        yield from renumber_findings(self, policy, main, "条", "条序号", lambda: plan(policy, corpus))


def _one_part_of_a_code(policy) -> bool:
    """The text is one 编 of a code issued on its own: it speaks of itself as 本编 and has no 编
    of its own (a code with its 编 calls each 本编 inside it and starts at 第一条)."""
    if policy.parts:
        return False
    part = grammar.ordinal_units(grammar.plugin(policy.style)).get("part")
    return bool(part) and any(f"本{part}" in span.text for span in policy.prose)


def _continues(policy, corpus) -> bool:
    """genres.yaml `numbering_continues`: genres whose articles number on from another text."""
    from ..structure._shared import genres
    g = genres(corpus.data)
    return g.listed(policy.title, g.numbering_continues)
