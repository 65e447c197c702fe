from ..base import Rule, register


@register
class DuplicatePolicyId(Rule):
    code = "BM018"
    name = "duplicate-policy-id"
    category = "frontmatter"
    severity = "error"
    scope = "corpus"
    local = False
    summary = "制度编号在汇编中必须唯一"
    rationale = "编号是制度的稳定标识，用于引用、链接和修订记录；两份制度共用一个编号会使引用指向不确定的文件。编号废止后也不得复用。"
    bad = "policies/a.md: id: BM-05\npolicies/b.md: id: BM-05"
    good = "policies/a.md: id: BM-05\npolicies/b.md: id: BM-19"

    def check_corpus(self, corpus):
        seen = {}
        for p in corpus.policies:
            if not p.id:
                continue
            if p.id in seen:
                first = seen[p.id]
                yield self.diag(p, p.meta_line("id"), 1,
                                f"制度编号 {p.id} 已被 {first.relpath} 使用，应换用未用过的编号")
            else:
                seen[p.id] = p
