from ... import grammar
from ...renumber import plan
from ..base import Rule, register
from ._shared import cn
from ...model import Style


@register
class ArticleSubPlacement(Rule):
    code = "BM205"
    name = "article-sub-placement"
    category = "numbering"
    severity = "error"
    fixable = True
    local = False
    inbound = True      # the fix rewrites citations of this file made in other files
    summary = "第X条之一应紧接在第X条之后，之二紧接之一"
    rationale = ("修改制度时插入的条文写作“第X条之一”，以免重排全部条序号；它必须紧跟在第X条（或第X条之一）"
                 "之后，否则读者和引用都无法按序号找到它。")
    bad = "第五条 ……\n\n第六条 ……\n\n第五条之一 ……"
    good = "第五条 ……\n\n第五条之一 ……\n\n第六条 ……"

    def check(self, policy, corpus):
        if policy.style != Style.TIAOKUAN:
            return
        prev = None
        gap_first = any(a.sub == 0 for a in policy.articles)
        first = True
        for a in policy.articles:
            if a.sub and a.number is not None:
                ok = prev is not None and prev.number == a.number and prev.sub == a.sub - 1
                if not ok:
                    want = grammar.article_label(a.number, a.sub - 1 if a.sub > 1 else 0, cn=cn)
                    where = f"实在{prev.label}之后" if prev is not None else "实为第一条"
                    msg = f"{a.label}应紧接在{want}之后，{where}"
                    fix = []
                    if first:
                        pl = plan(policy, corpus)
                        if pl.blocked:
                            msg += f"；不能自动重排：{pl.blocked}"
                        elif not _gap_rule_fixes(policy):
                            fix = pl.edits
                        first = False
                    yield self.diag(policy, a.marker.line, a.marker.col, msg, end_line=a.marker.line,
                                    end_col=a.marker.end_col, fix=fix)
            prev = a


def _gap_rule_fixes(policy) -> bool:
    """True when BM203 reports (and carries the fix for) this policy's main article numbers."""
    prev = None
    for a in policy.articles:
        if a.sub or a.number is None:
            continue
        if a.number != (1 if prev is None else prev + 1):
            return True
        prev = a.number
    return False
