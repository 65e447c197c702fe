from ..base import register
from ._shared import PunctRule


@register
class AsciiEllipsis(PunctRule):
    code = "BM604"
    name = "ascii-ellipsis"
    summary = "省略号应为“……”"
    rationale = ("GB/T 15834-2011 规定中文省略号为六个点，占两个字的位置，写作“……”（两个 U+2026）。"
                 "英文的“...”、连写的“。。。”或单个“…”都不规范。")
    bad = "文件、资料、刊物..."
    good = "文件、资料、刊物……"
    kinds = ("ellipsis",)
