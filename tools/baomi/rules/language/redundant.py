from ..base import register
from ._shared import LanguageRule


@register
class RedundantWording(LanguageRule):
    code = "BM411"
    name = "redundant-wording"
    fixable = True
    summary = "避免语义重复（涉及到、大约……左右）"
    rationale = ("公文校对的常见问题：“涉及到”的“到”、“大约……左右”的“大约”、“超过……以上”的“以上”都是多余的。"
                 "检查 schemas/language.yaml 的 redundancies 列表；有唯一改法的可自动修正。")
    bad = "第一条 工作中涉及到国家秘密的，应当报告。"
    good = "第一条 工作中涉及国家秘密的，应当报告。"
    check_name = "redundancy"
