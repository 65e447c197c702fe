from ...numerals import to_chinese
from ..base import Edit, Rule, register
from ...model import Style


def expected(kind: str, n: int) -> str | None:
    if kind == "g1":
        return f"{to_chinese(n)}、"
    if kind == "g2":
        return f"（{to_chinese(n)}）"
    if kind in ("g3", "subitem"):
        return f"{n}."
    if kind == "g4":
        return f"（{n}）"
    return None


@register
class MarkerForm(Rule):
    code = "BM210"
    name = "marker-form"
    category = "numbering"
    severity = "error"
    fixable = True
    summary = "层次序号的写法：一、（一）1.（1），不写 1、（一）、 一. 等"
    rationale = ("GB/T 9704-2012：第一层用汉字数字加顿号“一、”，第二层用括号不加标点“（一）”，第三层用阿拉伯"
                 "数字加下脚点“1.”，第四层用括号“（1）”。“1、”“（一）、”“一.”都是不规范写法。")
    bad = "一.基本要求\n\n（一）、遵守规定。\n\n1、按时参加培训。"
    good = "一、基本要求\n\n（一）遵守规定。\n\n1. 按时参加培训。"

    def check(self, policy, corpus):
        lines = None
        for mk in policy.markers:
            if mk.kind not in ("g1", "g2", "g3", "g4", "subitem") or mk.number is None or mk.number <= 0:
                continue
            if mk.kind == "subitem" and policy.style != Style.TIAOKUAN:
                continue
            if mk.kind.startswith("g") and policy.style != Style.GONGWEN:
                continue
            right = expected(mk.kind, mk.number)
            if right is None or mk.raw == right:
                continue
            if mk.kind in ("g3", "subitem") and mk.raw.startswith("（"):
                continue   # （1） under a 项 or 1. level: a level question, not a form one
            if lines is None:
                lines = policy.lines
            text = right
            if right.endswith(".") and mk.line - 1 < len(lines):
                after = lines[mk.line - 1][mk.end_col - 1:mk.end_col]
                if after not in (" ", "\t"):
                    text = right + " "     # Markdown ordered list: "1. " with a space
            yield self.diag(policy, mk.line, mk.col, f"序号应写作“{right}”，实为“{mk.raw}”",
                            end_line=mk.line, end_col=mk.end_col,
                            fix=[Edit(policy.relpath, mk.line, mk.col, mk.line, mk.end_col, text,
                                      note=f"{mk.raw} → {right}")])
