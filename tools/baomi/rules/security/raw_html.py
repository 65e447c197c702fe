from ..base import Rule, register


@register
class RawHtml(Rule):
    code = "BM903"
    name = "raw-html"
    category = "security"
    severity = "error"
    summary = "制度正文不得包含原始 HTML 或脚本"
    rationale = ("制度文件会发布为全体人员浏览的内网页面。原始 HTML 可能夹带脚本、外部资源或隐藏文字，"
                 "破坏离线使用和页面安全；制度只需 Markdown 的标题、段落、列表和表格。手册中原始 HTML "
                 "一律按文字转义显示。")
    bad = "第五条 详见<script src=\"http://x/a.js\"></script>附件。"
    good = "第五条 详见附件一。"

    def check(self, policy, corpus):
        for line, col, snippet in policy.html:
            yield self.diag(policy, line, col, f"正文含有原始 HTML“{snippet[:40]}”，请改用 Markdown 书写")
