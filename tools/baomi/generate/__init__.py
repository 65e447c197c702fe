"""Generated documents: 保密承诺书 (pledge forms), 修订对照表 (revision tables) and the
自查自评 coverage table, each built from the rule book so it cannot drift from it.

Modules here import python-docx only inside the functions that write .docx files; the lint
path imports none of them.
"""


def withheld_notice(held) -> str:
    """One line for standard error about the policies a generated document (pledge, checklist)
    leaves out by the publishing guard (`site.guard.publishable`): how many, never which — a
    title or a file name may itself carry a marking."""
    return (f"baomi：{len(held)} 份制度未列入生成的文件（含有国家秘密标志、密级不是“公开”或“内部”，"
            "或无法读取；运行 baomi lint 查看）")
