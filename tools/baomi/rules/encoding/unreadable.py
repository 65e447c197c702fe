from ..base import Rule, register
from ..frontmatter._problems import problems_of


@register
class Unreadable(Rule):
    code = "BM001"
    name = "file-not-utf8"
    category = "encoding"
    severity = "error"
    summary = "制度文件必须是 UTF-8 编码的文本"
    rationale = ("Git、合并请求的差异显示、手册生成和检查都以 UTF-8 读取文件。Windows 中文编辑器默认保存的"
                 "GB18030/GBK 文件、UTF-16 文件或 Word 等二进制文件无法可靠处理，必须先转换；"
                 "工具不会猜测编码，以免悄悄改坏条文。")
    bad = "（用记事本以 ANSI/GBK 编码保存的 .md 文件，或直接改名为 .md 的 .docx 文件）"
    good = "（另存为“UTF-8”编码的 .md 文件；Word 文件用 baomi import 导入）"

    def check(self, policy, corpus):
        return problems_of(self, policy, "encoding")
