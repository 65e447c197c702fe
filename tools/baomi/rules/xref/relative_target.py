from ..base import Rule, register
from ...references import NoChapter, NoContext, NoItemList, NoPrevious
from ._shared import cn, refs


@register
class RelativeTarget(Rule):
    code = "BM304"
    name = "xref-relative-target"
    category = "xref"
    severity = "error"
    local = False
    summary = "前款、前两款、本章和第X章等引用必须有所指"
    rationale = ("“前款”指同一条中紧挨着的上一款，写在一条的第一款中就没有所指；“前两款”需要前面至少有两款；"
                 "“本章”只能用在某一章之内；“第八章”要求文件至少有八章；不写条、款的“第二项”指本条中已经列出的项，"
                 "本条在它之前没有项就无所指。")
    bad = "第五条 违反前款规定的，……"
    good = "第五条 涉密人员应当……。\n\n违反前款规定的，……"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, NoPrevious, NoContext, NoChapter, NoItemList):
            p = r.problem
            if isinstance(p, NoPrevious):
                k = p.position
                if p.unit == "条":
                    msg = f"“{p.relative}”应指前面的一条，实为用在第一条中"
                else:
                    have = "它本身是第一款，前面没有款" if k == 1 else f"它是第{cn(k)}款，前面只有{cn(k - 1)}款"
                    msg = f"“{p.relative}”应指同一条中前面的款，{have}"
            elif isinstance(p, NoContext):
                msg = f"“{p.relative}”应用在某一{p.unit}之内，实在其外"
            elif isinstance(p, NoItemList):
                msg = f"“{r.text}”应指本条中已经列出的项，实为{p.article}在它之前没有项"
            else:
                msg = f"引用的第{cn(r.chapter)}章在{p.where}中不存在（共{cn(p.count)}章）"
            yield self.diag(policy, r.line, r.col, msg, end_line=r.line, end_col=r.end_col)
