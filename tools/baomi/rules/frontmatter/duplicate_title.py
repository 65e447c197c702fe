from ..base import Rule, register


@register
class DuplicatePolicyTitle(Rule):
    code = "BM019"
    name = "duplicate-policy-title"
    category = "frontmatter"
    severity = "error"
    scope = "corpus"
    local = False
    summary = "制度标题在汇编中必须唯一"
    rationale = "其他制度以《标题》引用本制度；两份制度同名时，《……》第十条无法确定指向哪一份。"
    bad = "两份文件的 title 都是 保密守则"
    good = "title: 保密守则\ntitle: 涉密人员保密守则"

    def check_corpus(self, corpus):
        seen = {}
        for p in corpus.policies:
            t = p.meta.get("title")
            if not isinstance(t, str):
                continue
            if t in seen:
                yield self.diag(p, p.meta_line("title"), 1,
                                f"标题《{t}》已被 {seen[t].relpath} 使用，两份制度不能同名")
            else:
                seen[t] = p
