from ..base import Edit, Rule, register
from ._shared import genres


@register
class SelfName(Rule):
    code = "BM109"
    name = "self-name"
    category = "structure"
    severity = "error"
    fixable = True
    summary = "正文中的自称（本制度、本规定、本办法……）应与标题一致"
    rationale = ("标题为“……制度”的，正文自称“本制度”；“……规定”称“本规定”，“……办法”称“本办法”，依此类推"
                 "（体裁和自称见 schemas/genres.yaml）。从别的文件复制条文时最容易留下不一致的自称，使读者以为"
                 "引用的是另一份文件。“本”只在起一个词时才是自称：“成本制度”“基本规则”不是自称。")
    bad = "# 定密管理制度\n\n第一条 为了……，制定本办法。"
    good = "# 定密管理制度\n\n第一条 为了……，制定本制度。"

    def check(self, policy, corpus):
        g = genres(corpus.data)
        accepted = g.self_names(policy.title)
        if accepted is None:
            return
        want = accepted[0]
        for span in policy.prose:
            if "本" not in span.text:
                continue
            # 本 must begin a word: 成本制度, 基本准则 and 基本规则 are not self-names
            for m in g.find_self(span.text, g.reportable):
                if m.group(0) in accepted or g.other_word(span.text, m.start(), m.group(0)):
                    continue
                col = span.col + m.start()
                yield self.diag(policy, span.line, col,
                                f"自称应为“{want}”（标题为“{policy.title}”），实为“{m.group(0)}”",
                                end_line=span.line, end_col=col + len(m.group(0)),
                                fix=[Edit(policy.relpath, span.line, col, span.line, col + len(m.group(0)), want,
                                          note=f"{m.group(0)} → {want}")])
