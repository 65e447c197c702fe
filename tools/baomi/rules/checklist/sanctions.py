from ...checklist import checklist_of, normalize
from ..base import Rule, register
from ..structure._shared import genres
from ...model import Status


@register
class SanctionsClauseMissing(Rule):
    code = "BM405"
    name = "sanctions-clause-missing"
    category = "checklist"
    severity = "error"
    summary = "每份制度都必须有责任追究或奖惩条款"
    rationale = ("保密自查自评（二）2 要求“保密制度具有可操作性，责任追究和奖惩措施明确具体”。没有罚则的制度"
                 "无法落实。条文须说明为何追究或奖励（违反本制度、造成泄密、成绩突出等）和怎样处理，只写“给予处分”不算；"
                 "可接受的措辞在 schemas/checklist.yaml 的 sanctions_clause 中；法律、条例等由立法机关"
                 "制定的体裁（exempt_genres）不是单位的制度，是否设罚则由立法决定，不查。")
    bad = "（全文没有违反本制度如何处理的条文）"
    good = "第二十条 违反本制度规定的，依纪依法追究有关人员的责任。"

    def check(self, policy, corpus):
        if policy.status == Status.REPEALED or not policy.units():
            return
        checklist = checklist_of(corpus.data)
        clause = checklist.sanctions
        if clause is None:
            return
        exempt = checklist.exempt_genres
        if exempt and genres(corpus.data).genre_of(policy.title) in exempt:
            return
        units = policy.units()
        if any(clause.matches(normalize(u.text)) and clause.agrees(u.text) for u in units):
            return
        line = policy.h1_line or policy.meta_line("title")
        yield self.diag(policy, line, 1,
                        f"缺少责任追究或奖惩条款（自查自评（二）2）：在 {len(units)} 个条文中未找到写明"
                        f"追究什么责任、为什么追究（或奖励什么）的条文，同一条文须同时含有："
                        + "；".join(f"“{'/'.join(g[:6])}”等之一" for g in clause.groups))
