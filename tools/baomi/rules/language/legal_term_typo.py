from ..base import register
from ._shared import LanguageRule


@register
class LegalTermTypo(LanguageRule):
    code = "BM410"
    name = "legal-term-typo"
    fixable = True
    fix_applicability = "unsafe"   # offered, applied only with --fix --unsafe-fixes
    summary = "法律用语中的错别字：同音字、形近字、字序颠倒"
    rationale = ("网页转载、扫描识别和仓促起草的制度常把法律用语写错一个字（机算机、保秘工作、涉密载休），"
                 "这类错误没有哪张错词表能列全。baomi 的参考词表（python -m baomi.lexicon build，随 baomi 发布）"
                 "收录法律文本中常用的法律用语，以及与每个用语只差一处的写法：换成同音字（按 pypinyin 的首选读音）、"
                 "换成形近字（schemas/shapes.yaml）或相邻两字颠倒。只有法律从未这样写、也不是词典词、并且"
                 "与上下文的词边界对齐（前后没有词跨过它）的写法才会提示；提示写明法律用语及法律使用它的条文。"
                 "同一份制度中出现两次以上的同一写法视为该制度自己的用语，不提示（错字很少处处一致）。"
                 "改法（换回法律用语）作为不安全的修复提供：baomi lint --fix 不应用它，起草人核对后可用 --fix --unsafe-fixes 应用（“保秘”也可能是有意的引文）。")
    bad = "第一条 各部门应当做好保秘工作。"
    good = "第一条 各部门应当做好保密工作，确保秘密安全。"
    check_name = "typos"

    def findings(self, policy, corpus):
        text = policy.text
        return [(span, f) for span, f in super().findings(policy, corpus)
                if text.count(span.text[f.start:f.end]) < 2]
