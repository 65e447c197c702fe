import re

from ..base import Rule, register
from ._shared import genres
from ...model import Style

PURPOSE = re.compile(r"^为(?:了)?")


@register
class PurposeClause(Rule):
    code = "BM110"
    name = "purpose-clause"
    category = "structure"
    severity = "warning"
    summary = "第一条写明目的和依据：为了……，根据……，制定本制度"
    rationale = ("《立法技术规范（试行）》：第一条写立法目的和依据。制度的依据（上位法）写在第一条，检查人员据此"
                 "核对制度是否有合法来源，修订上位法时也能找出需要随之修订的制度。")
    bad = "第一条 涉密人员应当遵守本制度。"
    good = "第一条 为了加强涉密人员保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。"

    def check(self, policy, corpus):
        if policy.style != Style.TIAOKUAN or not policy.articles:
            return
        first = policy.articles[0]
        text = first.paragraphs[0].text if first.paragraphs else ""
        g = genres(corpus.data)
        want = (g.self_names(policy.title) or ("本制度",))[0]
        missing = []
        if not PURPOSE.match(text):
            missing.append("“为了……”（目的）")
        if "根据" not in text and "依据" not in text:
            missing.append("“根据……”（依据）")
        if not any(text[m.start() - 2:m.start()] == "制定" for m in g.find_self(text)):
            missing.append(f"“制定{want}”")
        if missing:
            yield self.diag(policy, first.line, first.col,
                            f"{first.label}应写明目的和依据（为了……，根据……，制定{want}。），缺少{'、'.join(missing)}",
                            end_line=first.line, end_col=first.marker.end_col)
