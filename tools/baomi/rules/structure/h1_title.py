from ..base import Rule, register


@register
class H1Title(Rule):
    code = "BM105"
    name = "h1-title"
    category = "structure"
    severity = "error"
    summary = "正文的一级标题应与前置元数据的 title 一致"
    rationale = ("一级标题是读者看到的制度名称，title 是引用（《标题》第X条）、目录和手册使用的名称；两者不一致时，"
                 "其他制度按标题引用会找不到它，或读者看到的名称与引用的不同。")
    bad = "title: 涉密人员保密管理制度\n---\n\n# 涉密人员管理制度"
    good = "title: 涉密人员保密管理制度\n---\n\n# 涉密人员保密管理制度"

    def check(self, policy, corpus):
        title = policy.meta.get("title")
        if not isinstance(title, str) or not title.strip():
            return
        if policy.h1 is None:
            yield self.diag(policy, policy.body_start, 1, f"正文应以一级标题“# {title}”开头，实为没有一级标题")
            return
        if policy.h1.strip() != title.strip():
            line = policy.h1_line or policy.body_start
            yield self.diag(policy, line, 1, f"一级标题应为“{title}”（与 title 一致），实为“{policy.h1}”",
                            end_line=line, end_col=3 + len(policy.h1))
