from ..base import Rule, register
from ...references import NoItem
from ._shared import cn, refs


@register
class UnknownItem(Rule):
    code = "BM303"
    name = "xref-unknown-item"
    category = "xref"
    severity = "error"
    local = False
    summary = "引用的项必须存在"
    rationale = ("引用“第十条第（五）项”时，第十条（或所指的款）至少要有五项。增删项后遗留的引用会指向不存在的内容或别的项。"
                 "不写条、款的“第五项”指本条的项：本款列有项时指本款的项，否则指前面最近的列有项的款"
                 "（同一句中先引用了某条某款的，指该款的项）。")
    bad = "第九条 ……下列条件：（一）……；（二）……。\n\n第十条 不符合第九条第（五）项的，……"
    good = "第十条 不符合第九条第（二）项的，……"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, NoItem):
            p = r.problem
            have = f"只有{cn(p.count)}项" if p.count else "没有项"
            # a bare 第K项 is read as an item of the article it stands in: say which items were counted
            read = f"“{r.text}”指{p.scope}的项，" if p.bare else ""
            yield self.diag(policy, r.line, r.col,
                            f"{read}{p.where}{p.scope}{have}，没有所引用的第（{cn(r.item)}）项",
                            end_line=r.line, end_col=r.end_col)
