from ...text import language
from ..base import register
from ._lang import ProofRule


@register
class UnpairedMarks(ProofRule):
    code = "BM609"
    name = "unpaired-marks"
    summary = "书名号、引号、括号应成对（《》“”（））"
    rationale = ("GB/T 15834-2011 的书名号、引号、括号都是成对使用的标号。修改条文时删去一半、或网页复制丢失"
                 "一半，会留下“依照《保密法规定”这类文字。书名号和括号在同一段内配对；引号可以跨段：引用几段文字时每段开头用前引号，"
                 "只在最后一段末尾用后引号（GB/T 15834-2011 4.1.3.4）。不自动修改，因为缺的一半该补在哪里只有起草人知道。")
    bad = "第一条 依照《中华人民共和国保守国家秘密法，制定本制度。"
    good = "第一条 依照《中华人民共和国保守国家秘密法》（以下简称保密法），制定本制度。"
    kinds = ("unpaired",)
    check_name = "pairs"

    def findings(self, policy, corpus):
        spans = list(policy.prose)
        quoted = [(spans[i], f) for i, f in language.quotes([s.text for s in spans])]
        return sorted(list(super().findings(policy, corpus)) + quoted, key=lambda p: (p[0].line, p[1].start))
