from ..base import Rule, register
from ...references import RedundantParagraph as RedundantParagraphProblem
from ._shared import refs


@register
class RedundantParagraph(Rule):
    code = "BM307"
    name = "xref-redundant-paragraph"
    category = "xref"
    severity = "warning"
    local = False
    summary = "只有一款的条，引用其项时不写“第一款”"
    rationale = "《立法技术规范（试行）》：条只有一款的，引用其中的项写作“第十条第（二）项”，不写“第十条第一款第（二）项”。"
    bad = "依照第十条第一款第（二）项的规定"
    good = "依照第十条第（二）项的规定"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, RedundantParagraphProblem):
            fixed = r.text.replace("第一款", "", 1)
            yield self.diag(policy, r.line, r.col,
                            f"{r.problem.article}只有一款，应写作“{fixed}”，实为“{r.text}”",
                            end_line=r.line, end_col=r.end_col)
