from ...guard import markings_in_line
from ..base import Rule, register


@register
class StateSecretMarking(Rule):
    code = "BM902"
    name = "state-secret-marking"
    category = "security"
    severity = "error"
    summary = "正文不得带有国家秘密标志"
    rationale = ("带有“机密★5年”等国家秘密标志（包括用 ☆、*、空格或汉字数字变写的形式，以及单独成行的"
                 "密级）的内容属于国家秘密载体，不得进入内网手册。制度中说明标志格式时，请把示例放在引号内"
                 "（标注格式为“机密★5年”），这样只是提及，不会被当作标志。")
    bad = "机密★10年\n\n# 某专项工作方案"
    good = "标注格式为“密级★保密期限”，例如“机密★5年”。"

    def check(self, policy, corpus):
        lines = policy.text.split("\n")
        for no in range(policy.body_start, len(lines) + 1):
            line = lines[no - 1]
            if "密" not in line:
                continue
            for start, end, mark in markings_in_line(line):
                yield self.diag(policy, no, start + 1,
                                f"发现国家秘密标志“{mark}”：涉密内容不得纳入汇编发布（若只是举例，请放在引号内）",
                                end_col=end + 1)
