from ..base import Rule, register
from ...references import NoParagraph
from ._shared import cn, refs


@register
class UnknownParagraph(Rule):
    code = "BM302"
    name = "xref-unknown-paragraph"
    category = "xref"
    severity = "error"
    local = False
    summary = "引用的款必须存在"
    rationale = "款是条中不编号的自然段，引用“第十条第二款”时，第十条至少要有两段。删去一款后遗留的引用会指向不存在的内容。"
    bad = "第十条 ……（只有一段）\n\n第十一条 违反第十条第二款规定的，……"
    good = "第十条 ……\n\n……（第二款）\n\n第十一条 违反第十条第二款规定的，……"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, NoParagraph):
            p = r.problem
            yield self.diag(policy, r.line, r.col,
                            f"{p.where}{p.article}只有{cn(p.count)}款，没有所引用的第{cn(r.paragraph)}款",
                            end_line=r.line, end_col=r.end_col)
