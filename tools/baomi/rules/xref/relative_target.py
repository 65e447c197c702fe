from ..base import Rule, register
from ._shared import cn, refs, where


@register
class RelativeTarget(Rule):
    code = "BM304"
    name = "xref-relative-target"
    category = "xref"
    severity = "error"
    local = False
    summary = "前款、前两款、本章和第X章等引用必须有所指"
    rationale = ("“前款”指同一条中紧挨着的上一款，写在一条的第一款中就没有所指；“前两款”需要前面至少有两款；"
                 "“本章”只能用在某一章之内；“第八章”要求文件至少有八章。")
    bad = "第五条 违反前款规定的，……"
    good = "第五条 涉密人员应当……。\n\n违反前款规定的，……"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, "no-previous", "no-context", "no-chapter"):
            if r.problem == "no-previous":
                rel, k = r.detail.split("|")
                have = "它本身是第一款，前面没有款" if k == "1" else f"它是第{cn(k)}款，前面只有{cn(int(k) - 1)}款"
                msg = f"“{rel}”应指同一条中前面的款，{have}"
            elif r.problem == "no-context":
                msg = f"“{r.detail}”应用在某一{'章' if r.detail == '本章' else '节' if r.detail == '本节' else '条'}之内，实在其外"
            else:
                n = len((r.target_policy or policy).chapters)
                msg = f"引用的第{cn(r.chapter)}章在{where(r)}中不存在（共{cn(n)}章）"
            yield self.diag(policy, r.line, r.col, msg, end_line=r.line, end_col=r.end_col)
