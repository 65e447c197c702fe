import re

from ...datamodel import Law
from ...laws.facts import mark
from ..base import Rule, register

_TITLE = re.compile(r"《([^《》]{2,60})》")


def _unconfirmed(corpus) -> dict[str, Law]:
    """Every name (full and short) of a law whose status is not 现行 → its entry."""
    data = corpus.data
    laws = getattr(data, "laws", None) or ()
    out = {}
    for e in laws:
        if e.status == "现行":
            continue
        for name in (e.full_name, *e.short_names):
            if name:
                out[name] = e
    return out


@register
class UnconfirmedLaw(Rule):
    code = "BM502"
    name = "unconfirmed-law"
    category = "terminology"
    severity = "warning"
    summary = "引用效力未经确认或已废止的法规时应提示核实"
    rationale = ("1998 年的《计算机信息系统保密管理暂行规定》、2000 年的《计算机信息系统国际联网保密管理规定》"
                 "等旧文件，在 2024 年保密法及其实施条例施行后的效力未经确认。制度以它们为依据，可能引用已失效"
                 "或与上位法不一致的要求。法规库 schemas/laws.yaml 中状态不是“现行”的法规，在正文引用或列入 "
                 "basis 时提示核实；核实后在法规库中更新状态即可。")
    bad = "根据《计算机信息系统保密管理暂行规定》，涉密计算机不得接入互联网。"
    good = "根据《中华人民共和国保守国家秘密法》，涉密计算机不得接入互联网。"

    def check(self, policy, corpus):
        names = _unconfirmed(corpus)
        if not names:
            return
        for key in policy.meta.get("basis") or [] if isinstance(policy.meta.get("basis"), list) else []:
            e = next((x for x in names.values() if x.key == str(key)), None)
            if e is not None:
                yield self.diag(policy, policy.meta_line("basis"), 1,
                                f"上位法依据“{key}”的效力状态为“{e.status}”{mark(e, 'status')}，请核实后再作为依据")
        for span in policy.prose:
            if "《" not in span.text:
                continue
            for m in _TITLE.finditer(span.text):
                e = names.get(m.group(1))
                if e is not None:
                    yield self.diag(policy, span.line, span.col + m.start(),
                                    f"《{m.group(1)}》的效力状态为“{e.status}”{mark(e, 'status')}（{e.notes or '未经确认'}），"
                                    "请核实是否仍然有效，宜以现行法律法规为依据",
                                    end_line=span.line, end_col=span.col + m.end())
