from ...text import script
from ..base import register
from ..punctuation._spanrule import SpanRule, fact_pairs, span_fact


def declared_script(policy) -> str:
    """简体 unless the front matter says `script: 繁体`."""
    value = policy.meta.get("script") if isinstance(policy.meta, dict) else None
    return script.TRADITIONAL if value == script.TRADITIONAL else script.SIMPLIFIED


def _script_finder(policy, corpus):
    target = declared_script(policy)
    return lambda text: script.find(text, target)


span_fact("lang.script", _script_finder, "繁简字形检查（按 front matter 的 script）")


@register
class MixedScript(SpanRule):
    code = "BM701"
    name = "mixed-script"
    category = "script"
    severity = "warning"
    summary = "简体文件中不应夹杂繁体字或异体字（繁体文件反之）"
    rationale = ("从港澳台资料或旧文件复制的文字常夹杂繁体字、异体字，既不符合《国家通用语言文字法》"
                 "对公文使用规范汉字的要求，也会使检索漏掉这些词。检查使用 OpenCC 转换，按词报告并给出"
                 "规范写法；两种字形都通用的字（著、乾、于）不单独提示。front matter 写明 `script: 繁体` "
                 "的文件按繁体检查，提示其中的简体字。")
    bad = "涉密人員應當遵守下列規定"
    good = "涉密人员应当遵守下列规定"
    fixable = True
    facts = ("lang.script",)

    def findings(self, policy, corpus):
        return fact_pairs(policy, "lang.script", corpus)
