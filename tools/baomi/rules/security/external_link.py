import re

from ..base import Rule, register

_ABS = re.compile(r"^(?:https?|ftp)://([^/:?#]+)", re.I)


@register
class ExternalLink(Rule):
    code = "BM904"
    name = "external-link"
    category = "security"
    severity = "warning"
    summary = "手册只在内网使用，不应链接外部网站"
    rationale = ("手册部署在内网，外部链接在内网打不开，点击时还可能把访问记录泄露到外部。"
                 "需要引用的法规请登记在 schemas/laws.yaml 中，由手册的法规库页面提供。")
    bad = "见[国家保密局网站](https://www.gjbmj.gov.cn/)。"
    good = "见《中华人民共和国保守国家秘密法》第二十二条。"

    def check(self, policy, corpus):
        for line, col, url in policy.links:
            m = _ABS.match(url)
            if m:
                yield self.diag(policy, line, col, f"链接指向外部主机 {m.group(1)}：手册仅在内网使用")
