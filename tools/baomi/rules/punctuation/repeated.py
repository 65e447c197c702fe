from ..base import register
from ._shared import PunctRule


@register
class RepeatedPunctuation(PunctRule):
    code = "BM603"
    name = "repeated-punctuation"
    summary = "标点不应重复或混用（，， ；。）"
    rationale = ("同一位置只用一个标点。“，，”多为输入失误；“；。”“，。”常见于修改条文后残留的旧标点，"
                 "应只保留句末应有的标点。可自动修正重复的同一标点，以及末尾为最强标点的连用。")
    bad = "涉密人员应当遵守下列规定；。"
    good = "涉密人员应当遵守下列规定。"
    kinds = ("repeated",)
