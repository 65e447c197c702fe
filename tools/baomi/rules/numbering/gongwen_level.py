from ..base import Rule, register
from ...model import Style

LEVEL_NAMES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


@register
class GongwenLevelSkip(Rule):
    code = "BM209"
    name = "gongwen-level-skip"
    category = "numbering"
    severity = "error"
    summary = "公文式结构层次依次为一、（一）1.（1），不得越级"
    rationale = ("GB/T 9704-2012《党政机关公文格式》规定文中结构层次序数依次用“一、”“（一）”“1.”“（1）”"
                 "标注；越级（如“一、”下直接用“1.”）会使层次关系不清。")
    bad = "一、基本要求\n\n1. 遵守保密法律法规。"
    good = "一、基本要求\n\n（一）遵守保密法律法规。"

    def check(self, policy, corpus):
        if policy.style != Style.GONGWEN:
            return
        has_top = any(h.level == 1 for h in policy.headings)
        for h in policy.walk_headings():
            for c in h.children:
                if c.level > h.level + 1:
                    yield self._skip(policy, c, h.level + 1, f"{h.marker.raw}之下")
        if has_top:
            for h in policy.headings:
                if h.level > 1:
                    yield self._skip(policy, h, 1, "顶层")

    def _skip(self, policy, node, want, where):
        mk = node.marker
        return self.diag(policy, mk.line, mk.col,
                         f"{where}应为“{LEVEL_NAMES[want]}”层次，实为“{mk.raw}”（越级）",
                         end_line=mk.line, end_col=mk.end_col)
