from ...checklist import checklist_of, claims_of
from ..base import Rule, register
from ._where import covers_position


@register
class UnknownChecklistItem(Rule):
    code = "BM404"
    name = "unknown-checklist-item"
    category = "checklist"
    severity = "error"
    local = False
    summary = "covers 中的条目编号必须存在于自查自评清单"
    rationale = "拼错的条目编号（如 4.20 写成 4.2 以外的值）会让制度看似覆盖了某项而实际没有，必须报错，不能悄悄忽略。"
    bad = "covers: [\"4.20\"]"
    good = "covers: [\"4.2\"]"

    def check(self, policy, corpus):
        items = checklist_of(corpus.data).items
        for cid in claims_of(policy):
            if cid not in items:
                near = sorted(i for i in items if i.split(".")[0] == cid.split(".")[0])
                hint = f"（该部分的条目有：{'、'.join(near)}）" if near else ""
                line, col, end = covers_position(policy, cid)
                yield self.diag(policy, line, col,
                                f"covers 中的 \"{cid}\" 不是自查自评清单中的条目{hint}",
                                end_col=end)
