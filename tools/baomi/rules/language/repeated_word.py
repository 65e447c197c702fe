from ..base import register
from ._shared import LanguageRule


@register
class RepeatedWord(LanguageRule):
    code = "BM412"
    name = "repeated-word"
    fixable = True
    summary = "字词不应重复（的的、保密保密）"
    rationale = ("修改稿中常留下重复的字词：“的的”“保密保密工作”。只提示虚词（的、了、和、对……）的连写，以及"
                 "法律用语的连写；构成词语的情形（目的的、的的确确）不提示。")
    bad = "第一条 本单位的的保密保密工作由保密委员会领导。"
    good = "第一条 本单位的保密工作由保密委员会领导，实现保密工作的目的的途径是依法管理。"
    check_name = "repeats"
