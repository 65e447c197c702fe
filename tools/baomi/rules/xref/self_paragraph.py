from ..base import Rule, register
from ...references import SelfParagraph as SelfParagraphProblem
from ._shared import cn, refs


@register
class SelfParagraph(Rule):
    code = "BM305"
    name = "xref-self-paragraph"
    category = "xref"
    severity = "warning"
    local = False
    summary = "“本条第M款”不应指向它自己所在的款"
    rationale = "一款引用自己（写在第二款中的“本条第二款”）通常是增删款后序号错位的结果，应当核对所指的是哪一款。"
    bad = "第十条 ……\n\n违反本条第二款规定的，……（本身就是第二款）"
    good = "第十条 ……\n\n违反本条第一款规定的，……"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, SelfParagraphProblem):
            yield self.diag(policy, r.line, r.col,
                            f"“{r.text}”应指本条的另一款，实为它自己所在的第{cn(r.paragraph)}款",
                            end_line=r.line, end_col=r.end_col)
