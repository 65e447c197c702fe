from ..base import register
from ._shared import MarkingRule


@register
class MarkingFormat(MarkingRule):
    code = "BM802"
    name = "marking-format"
    severity = "warning"
    summary = "国家秘密标志应写作“机密★5年”"
    rationale = ("保密法第二十二条要求国家秘密载体作出国家秘密标志；GB/T 9704-2012 规定的写法是密级、"
                 "“★”（U+2605）、保密期限，用阿拉伯数字，中间不留空格，如“机密★5年”“秘密★6个月”。"
                 "常见的“*”“☆”、空格、汉字数字、漏写“年”和多写“级”都可自动改正。")
    bad = "机密 * 五年"
    good = "机密★5年"
    fixable = True
    kinds = ("format",)
