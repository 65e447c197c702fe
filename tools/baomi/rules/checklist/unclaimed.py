from ...checklist import coverage, expected_policies
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
    summary = "每个自查自评条目都必须有现行制度声明覆盖"
    rationale = ("自查自评表逐项核对制度是否到位。一个条目没有任何现行制度在 covers 中声明覆盖，就无法证明"
                 "制度满足它。报告在应当覆盖它的那一类制度上（无此类制度时报告在清单数据中）。")
    bad = "covers: [\"4.1\", \"4.3\"]   # 漏了 4.2"
    good = "covers: [\"4.1\", \"4.2\", \"4.3\"]"

    def check_corpus(self, corpus):
        for ic in coverage(corpus).items:
            if ic.status != "unclaimed":
                continue
            item = ic.item
            expected = expected_policies(corpus, item)
            what = f"自查自评{ic.label}（{item.get('text', '')[:40]}）没有任何现行制度声明覆盖"
            if expected:
                p = expected[0]
                yield self.diag(p, p.meta_line("covers"), 1,
                                f"{what}：应由类别为{item.get('category')}的制度声明，例如在本制度 covers 中加入 "
                                f"\"{ic.id}\" 并写明相应条款")
            else:
                path, line = data_location(corpus, "checklist.yaml", rf'id:\s*"{ic.id}"\s*$')
                yield self.diag(path, line, 1, f"{what}；汇编中也没有类别为{item.get('category')}的现行制度")
