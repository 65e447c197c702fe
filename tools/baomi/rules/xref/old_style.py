from ..base import Edit, Rule, register
from ...references import (NoArticle, NoChapter, NoContext, NoItem, NoItemList, NoParagraph, NoPrevious,
                           RangeOrder, RedundantParagraph, SelfParagraph)
from ._shared import refs


@register
class OldStyleCitation(Rule):
    code = "BM306"
    name = "xref-old-style"
    category = "xref"
    severity = "warning"
    fixable = True
    local = False
    summary = "引用本文件条文写作“本规定第五条”，不加“之”"
    rationale = "“本规定之第五条”是旧式写法，现行立法技术规范写作“本规定第五条”。"
    bad = "依照本规定之第五条办理。"
    good = "依照本规定第五条办理。"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, *_ALL):
            if not r.old_style or r.text.find("之") < 0:
                continue
            at = r.col + r.text.find("之")
            fixed = r.text.replace("之", "", 1)
            yield self.diag(policy, r.line, r.col, f"应写作“{fixed}”，实为“{r.text}”",
                            end_line=r.line, end_col=r.end_col,
                            fix=[Edit(policy.relpath, r.line, at, r.line, at + 1, "", note=f"{r.text} → {fixed}")])


# every reference into this document, whatever else is wrong with it
_ALL = (None, NoArticle, NoParagraph, NoItem, NoItemList, NoPrevious, NoContext, NoChapter, SelfParagraph,
        RedundantParagraph, RangeOrder)
