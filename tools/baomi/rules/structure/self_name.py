import re

from ..base import Edit, Rule, register
from ._shared import self_name

SELF = re.compile(r"本(制度|规定|办法|细则|守则|规则|准则|方案|条例)(?![^《》]*》)")


@register
class SelfName(Rule):
    code = "BM109"
    name = "self-name"
    category = "structure"
    severity = "error"
    fixable = True
    summary = "正文中的自称（本制度、本规定、本办法……）应与标题一致"
    rationale = ("标题为“……制度”的，正文自称“本制度”；“……规定”称“本规定”，“……办法”称“本办法”，依此类推。"
                 "从别的文件复制条文时最容易留下不一致的自称，使读者以为引用的是另一份文件。")
    bad = "# 定密管理制度\n\n第一条 为了……，制定本办法。"
    good = "# 定密管理制度\n\n第一条 为了……，制定本制度。"

    def check(self, policy, corpus):
        want = self_name(policy.title)
        if want is None:
            return
        for span in policy.prose:
            if "本" not in span.text:
                continue
            for m in SELF.finditer(span.text):
                if m.group(0) == want:
                    continue
                col = span.col + m.start()
                yield self.diag(policy, span.line, col,
                                f"自称应为“{want}”（标题为“{policy.title}”），实为“{m.group(0)}”",
                                end_line=span.line, end_col=col + len(m.group(0)),
                                fix=[Edit(policy.relpath, span.line, col, span.line, col + len(m.group(0)), want,
                                          note=f"{m.group(0)} → {want}")])
