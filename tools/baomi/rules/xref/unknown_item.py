from ..base import Rule, register
from ._shared import cn, refs, where


@register
class UnknownItem(Rule):
    code = "BM303"
    name = "xref-unknown-item"
    category = "xref"
    severity = "error"
    local = False
    summary = "引用的项必须存在"
    rationale = "引用“第十条第（五）项”时，第十条（或所指的款）至少要有五项。增删项后遗留的引用会指向不存在的内容或别的项。"
    bad = "第九条 ……下列条件：（一）……；（二）……。\n\n第十条 不符合第九条第（五）项的，……"
    good = "第十条 不符合第九条第（二）项的，……"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, "no-item"):
            _, label, count = r.detail.split("|")
            have = f"只有{cn(count)}项" if int(count) else "没有项"
            yield self.diag(policy, r.line, r.col,
                            f"{where(r)}{label}{have}，没有所引用的第（{cn(r.item)}）项",
                            end_line=r.line, end_col=r.end_col)
