import datetime as dt

from ..base import Rule, register
from ...model import Status


@register
class ReviewOverdue(Rule):
    code = "BM406"
    name = "review-overdue"
    category = "checklist"
    severity = "warning"
    local = False   # depends on today's date, not only on the file
    summary = "制度到了复审日期应当复审"
    rationale = ("保密自查自评（二）3 要求根据情况变化及时修订完善保密制度。前置元数据的 review 是下次复审日期；"
                 "过期未复审时提示，复审后更新 review（和修订时的 revised）。")
    bad = "review: 2024-03-01   # 已过期"
    good = "review: 2027-03-01"

    def check(self, policy, corpus):
        if policy.status != Status.CURRENT:
            return
        value = policy.meta.get("review")
        if isinstance(value, dt.date):
            due, value = value, value.isoformat()
        else:
            try:
                due = dt.date.fromisoformat(value) if isinstance(value, str) else None
            except ValueError:
                return
        today = getattr(corpus.config, "today", None) or dt.date.today()
        if due is not None and due < today:
            yield self.diag(policy, policy.meta_line("review"), 1,
                            f"复审日期 {value} 已过（今天 {today.isoformat()}）：请复审本制度并更新 review 日期")
