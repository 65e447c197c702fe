from ...guard import LEVEL_KEYS, secret_level_value
from ..base import Rule, register


@register
class ClassifiedPolicy(Rule):
    code = "BM901"
    name = "classified-policy"
    category = "security"
    severity = "error"
    summary = "标为国家秘密的文件不得纳入汇编和手册"
    rationale = ("手册发布在内网并可检索，属于非涉密信息系统。按“上网不涉密、涉密不上网”，前置元数据"
                 "标注为秘密、机密、绝密的文件不得进入汇编仓库和手册；涉密制度应按国家秘密载体管理。"
                 "该错误会使 baomi build 停止，文件内容不会写入 site/ 或检索索引。")
    bad = "classification: 机密"
    good = "classification: 内部"

    def check(self, policy, corpus):
        for key, value in policy.meta.items():
            level = secret_level_value(value) if key in LEVEL_KEYS else None
            if level:
                yield self.diag(policy, policy.meta_line(key), 1,
                                f"文件标注为国家秘密（{level}），不得纳入汇编发布：上网不涉密、涉密不上网")
