from ...checklist import check_claim, coverage
from ..base import Rule, register
from ._where import data_location


@register
class ChecklistItemUnclaimed(Rule):
    code = "BM402"
    name = "checklist-item-unclaimed"
    category = "checklist"
    severity = "error"
    scope = "corpus"
    local = False
    facts = ("checklist.claims",)     # the claims of every current policy (baomi.checklist.coverage)
    summary = "每个自查自评条目都必须有现行制度声明覆盖"
    rationale = ("自查自评表逐项核对制度是否到位。一个条目没有任何现行制度在 covers 中声明覆盖，就无法证明"
                 "制度满足它。报告在应当覆盖它的那一类制度上（指明这些制度的条文中还缺哪些强制条款）；"
                 "无此类制度时报告在清单数据中。")
    bad = "covers: [\"4.1\", \"4.3\"]   # 漏了 4.2"
    good = "covers: [\"4.1\", \"4.2\", \"4.3\"]"

    def check_corpus(self, corpus):
        for ic in coverage(corpus).items:
            if ic.status != "unclaimed":
                continue
            item = ic.item
            cat = item.category
            what = f"自查自评{ic.label}（{_short(item.text)}）没有任何现行制度声明覆盖"
            if not ic.expected:
                path, line = data_location(corpus, "checklist.yaml", rf'id:\s*"?{ic.id}"?\s*$')
                yield self.diag(path, line, 1, f"{what}；汇编中也没有类别为{cat}的现行制度")
                continue
            names = "、".join(f"《{p.title}》" for p in ic.expected)
            # one finding, at the policy of that category whose text comes closest to the item
            claims = [check_claim(p, item, corpus.data, corpus.facts) for p in ic.expected]
            best = max(claims, key=lambda c: sum(r.ok for r in c.results))
            p = best.policy
            missing = [r.clause.must for r in best.results if not r.ok]
            if missing:
                todo = f"并补写强制条款：{'；'.join(missing)}（在 {p.relpath} 的 {best.searched} 个条文中未找到）"
            else:
                todo = "本制度条文已含该项全部强制条款，声明即可"
            yield self.diag(p, p.meta_line("covers"), 1,
                            f"{what}：应由类别为{cat}的制度（{names}）声明，可在本制度 covers 中加入 "
                            f"\"{ic.id}\"，{todo}")

def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "……"
