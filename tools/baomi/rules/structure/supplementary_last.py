from ..base import Rule, register
from ._shared import genres
from ...model import Style


@register
class SupplementaryProvisionsLast(Rule):
    code = "BM102"
    name = "supplementary-provisions-last"
    category = "structure"
    severity = "error"
    summary = "分章的制度，最后一章应为“附则”"
    rationale = ("设章的制度以“附则”为最后一章，写明解释机关、施行日期和废止的旧制度；附则放在中间或缺失，"
                 "读者找不到施行日期，旧制度的废止也没有依据。法律可以不设附则（宪法、组织法；schemas/genres.yaml 的"
                 " supplementary_optional），但设了附则就应在最后。")
    bad = "## 第六章 附则\n\n……\n\n## 第七章 责任追究"
    good = "## 第六章 责任追究\n\n……\n\n## 第七章 附则"

    def check(self, policy, corpus):
        if policy.style != Style.TIAOKUAN or len(policy.chapters) < 2:
            return
        if policy.divided():
            return   # a code's 附则 stands after its 编, outside them (刑法: 第二编 分则, then 附则)
        last = policy.chapters[-1]
        if last.name != "附则":
            where = next((c for c in policy.chapters if c.name == "附则"), None)
            if where is None and (g := genres(corpus.data)).listed(policy.title, g.supplementary_optional):
                return   # a law may have no 附则 at all (宪法, 全国人民代表大会组织法)
            found = f"，附则在{where.marker.raw}" if where is not None else ""
            yield self.diag(policy, last.line, last.col,
                            f"最后一章应为“附则”，实为“{last.title.strip() or '（无标题）'}”{found}",
                            end_line=last.line, end_col=last.marker.end_col + 1 + len(last.title))
