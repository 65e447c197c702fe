import re

from ..base import Rule, register
from ._shared import genres
from ...model import Style

# 自2025年3月1日起 · 自发布之日起 · 自公布之日起 · 自印发之日起 · 自批准之日起
# (本法由全国人民代表大会通过，自1984年10月1日起施行) · 本法自1986年10月1日施行 (without 起, older laws)
_WHEN = re.compile(r"[^。；]{0,30}?自.{2,30}?(?:起|日)(?:施行|执行|实施)")


def states_effect(text: str, g) -> bool:
    """True when `text` says from when the document applies (本X自……起施行), X a self-name."""
    for m in g.find_self(text):
        if _WHEN.match(text, m.end()):
            return True
    return False


@register
class EffectiveClause(Rule):
    code = "BM108"
    name = "effective-clause"
    category = "structure"
    severity = "error"
    summary = "附则的最后一条写明施行日期：本制度自YYYY年M月D日起施行"
    rationale = ("制度自何时起施行必须写明，否则无法判断某一行为适用新旧哪个制度。按惯例施行日期写在附则的"
                 "最后一条，废止旧制度的语句（《……》同时废止。）紧随其后。法律、修正案等由主席令或决定规定施行日期的"
                 "体裁（schemas/genres.yaml 的 effective_in_order）不查。")
    bad = "## 第七章 附则\n\n第二十六条 本制度由保密办公室负责解释。"
    good = "## 第七章 附则\n\n第二十六条 本制度由保密办公室负责解释。\n\n第二十七条 本制度自2025年3月1日起施行。"

    def check(self, policy, corpus):
        if policy.style != Style.TIAOKUAN or not policy.articles:
            return
        g = genres(corpus.data)
        if g.listed(policy.title, g.effective_in_order):
            return      # a law's date of effect may be set by the order that promulgates it
        last = policy.articles[-1]
        if states_effect(last.text(), g):
            return
        elsewhere = next((a for a in policy.articles if states_effect(a.text(), g)), None)
        found = f"施行日期写在{elsewhere.label}" if elsewhere is not None else "没有写明施行日期"
        snippet = last.paragraphs[0].text[:14] if last.paragraphs else ""
        yield self.diag(policy, last.line, last.col,
                        f"最后一条应写明施行日期（{g.self_names(policy.title)[0] if g.self_names(policy.title) else '本制度'}自……起施行。），实为“{last.label} {snippet}……”，{found}",
                        end_line=last.line, end_col=last.marker.end_col)
