from ..base import Rule, register
from ...references import Repealed
from ._shared import refs


@register
class RepealedTarget(Rule):
    code = "BM311"
    name = "xref-repealed-target"
    category = "xref"
    severity = "error"
    local = False
    summary = "现行制度不得引用已废止的制度"
    rationale = "引用已废止的制度，等于让现行制度依据一份不再有效的文件；应改为引用取代它的现行制度。"
    bad = "（现行制度中）依照《旧保密管理制度》第五条办理。（该制度 status: 废止）"
    good = "（现行制度中）依照《保密管理制度》第五条办理。（该制度 status: 现行）"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, Repealed):
            yield self.diag(policy, r.line, r.col,
                            f"引用的制度应为现行制度，实为已废止的《{r.target_policy.title}》"
                            f"（{r.target_policy.relpath}）",
                            end_line=r.line, end_col=r.end_col)
