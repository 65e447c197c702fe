from ...checklist import coverage
from ..base import Rule, register
from ._where import covers_position


@register
class MandatedClauseMissing(Rule):
    code = "BM403"
    name = "mandated-clause-missing"
    category = "checklist"
    severity = "error"
    scope = "corpus"
    local = False
    facts = ("checklist.claims",)     # the claims of every current policy (baomi.checklist.coverage)
    summary = "声明覆盖的自查自评条目，其强制条款必须在制度条文中写明"
    rationale = ("制度在 covers 中声明满足某个自查自评条目，就必须有条文写明该条目要求的内容（例如涉密人员"
                 "上岗前的审查和培训、签订保密承诺书）。检查在解析后的条文上进行：同一条（含其各款、项、目）"
                 "去掉标点和换行后，须包含清单数据为该条款列出的每组措辞之一；说到对象的句子的要求须一致"
                 "（应当、不得、须经批准：写成“可以”“无需”即不符），数量须在界限内（不超过、不少于，按密级分别计）。"
                 "删去或改掉这样的条文，CI 即失败。清单中并非自查自评办法和法律要求的条款只是建议，"
                 "未写明时给出警告并注明其来源。")
    bad = "covers: [\"4.2\"]\n\n第十条 涉密人员上岗前应当接受保密教育。   # 没有审查、没有承诺书"
    good = ("第十条 涉密人员上岗前，组织人事部门会同保密办公室对其进行保密审查和保密教育培训……"
            "由组织人事部门组织其签订保密承诺书，方可上岗。")

    def check_corpus(self, corpus):
        for ic in coverage(corpus).items:
            for claim, result in ic.missing_clauses() + ic.missing_advice():
                p = claim.policy
                line, col, end = covers_position(p, ic.id)
                c = result.clause
                where = (f"但在 {p.relpath} 的 {claim.searched} 个条文中未找到（同一条文须同时含有：{c.describe()}；"
                         f"且须说到：{c.elements()}）")
                if c.required:
                    yield self.diag(
                        p, line, col,
                        f"缺少强制条款：自查自评{ic.label}要求写明“{c.must}”，本制度（{p.title}）声明覆盖该项，{where}",
                        end_col=end)
                else:
                    yield self.diag(
                        p, line, col,
                        f"建议写明（非自查自评办法和法律的强制要求，来源：{c.basis or '未注明'}）：自查自评{ic.label}"
                        f"建议“{c.must}”，本制度（{p.title}）声明覆盖该项，{where}",
                        end_col=end, severity="warning")
