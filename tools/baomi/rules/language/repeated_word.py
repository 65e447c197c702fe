from ..base import register
from ._shared import LanguageRule


@register
class RepeatedWord(LanguageRule):
    code = "BM412"
    name = "repeated-word"
    fixable = True
    summary = "字词不应重复（的的、保密保密）"
    rationale = ("修改稿中常留下重复的字词：“的的”“严格保密保密。”。只提示虚词（的、了、和、对……）的连写，以及"
                 "法律用语在词组末尾（标点或“和、与、及、或”之前）的连写；构成词语的（目的的、的的确确），以及第二个词"
                 "开始下一个词的（本规定规定的、妥善保管保管物）不提示。")
    bad = "第一条 本单位的的涉密人员应当严格保密保密。"
    good = "第一条 本单位的保密工作由保密委员会领导，实现保密工作的目的的途径是依法管理。"
    check_name = "repeats"
