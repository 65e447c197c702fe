"""`baomi outline` lists what the tool read besides articles (issue 16): the tables, with the article,
section or attachment that holds them, the 附件 list after the last article and the attachment bodies."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from helpers import ROOT, policy_text

from baomi.outline import policy_outline, render_text
from baomi.parser import parse_text

BODY = """\
# 测试保密管理制度

第一条 为了加强管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

第二条 借阅期限如下：

| 密级 | 期限 |
| --- | --- |
| 绝密 | 3天 |
| 机密 | 7天 |

第三条 本制度自2025年1月1日起施行。

附件：1．借阅登记表
2．销毁清单

## 附件1 借阅登记表

登记表一式两份。

| 日期 | 借阅人 | 载体 |
| --- | --- | --- |
| 1月1日 | 张三 | 文件 |
"""

GONGWEN = """\
# 测试保密工作要点

一、总体要求

各部门按下表落实：

| 部门 | 任务 |
| --- | --- |
| 办公室 | 定密 |
"""


def outline(body: str) -> dict:
    return policy_outline(parse_text(policy_text(body), "a.md", "a.md"))


def test_outline_lists_tables_with_their_owner():
    o = outline(BODY)
    assert [(t["owner"], t["rows"], t["columns"], t["header"]) for t in o["tables"]] == [
        ("第二条", 3, 2, ["密级", "期限"]), ("附件1", 2, 3, ["日期", "借阅人", "载体"])]
    assert [a["tables"] for a in o["articles"]] == [0, 1, 0]
    text = render_text([o])
    assert "第二条  1款 0项 1表" in text
    assert "表格（第二条）3行×2列：密级 | 期限" in text and "表格（附件1）2行×3列" in text


def test_outline_lists_attachments_list_and_bodies():
    o = outline(BODY)
    assert [(x["number"], x["title"]) for x in o["attachments"]] == [(1, "借阅登记表"), (2, "销毁清单")]
    assert [(x["marker"], x["title"], x["paragraphs"], x["tables"]) for x in o["attachment_bodies"]] == [
        ("附件1", "借阅登记表", 1, 1)]
    text = render_text([o])
    assert "  附件\n    1．借阅登记表" in text and "附件1 借阅登记表  正文 1段 1表" in text
    # the attachments are no articles' items
    assert [a["items"] for a in o["articles"]] == [0, 0, 0]


def test_outline_tables_of_a_gongwen_section():
    o = outline(GONGWEN)
    assert [t["owner"] for t in o["tables"]] == ["一、总体要求"]
    assert "一、总体要求 1表" in render_text([o])


def test_outline_cli_json_has_tables_and_attachments(tmp_path):
    (tmp_path / "a.md").write_text(policy_text(BODY), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tools"), NO_COLOR="1")
    r = subprocess.run([sys.executable, "-m", "baomi", "outline", "--format", "json", "a.md"],
                       cwd=tmp_path, capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    p = json.loads(r.stdout)["policies"][0]
    assert len(p["tables"]) == 2 and len(p["attachments"]) == 2 and len(p["attachment_bodies"]) == 1


def test_outline_shows_every_tier_of_a_level_a_plug_in_adds():
    """A toy level 卷 above 编: the JSON carries every tier as a tree, the text shows the 卷 with
    its 编 and 章 under it and each article under its own 章 (the two 第一编 第一章 of the two 卷
    used to share one (编, 章) key, so the articles of the second stood under the first)."""
    from helpers import VOLUMES, volume_level

    with volume_level():
        o = outline(VOLUMES)
        text = render_text([o])
    assert [(t["unit"], t["number"], t["title"], [(c["unit"], c["title"]) for c in t["children"]])
            for t in o["tiers"]] == [("卷", 1, "总纲", [("编", "总则"), ("编", "分则")]), ("卷", 2, "附编", [("编", "附则")])]
    assert o["tiers"][1]["children"][0]["children"][0]["children"][0]["unit"] == "节"
    lines = [x for x in text.splitlines()[1:] if x.strip()]
    assert [re.sub(r"(\S)  .*$", r"\1", x) for x in lines] == [
        "  第一卷 总纲", "    第一编 总则", "      第一章 任务", "        第一条", "    第二编 分则", "      第一章 定密",
        "        第二条", "  第二卷 附编", "    第一编 附则", "      第一章 施行", "        第三条"]


def test_outline_of_a_code_is_as_it_was():
    """编, 分编 and 章 of a code (the 节 stay in the JSON, under their chapter), every article
    under its own chapter though chapter numbers restart per 编."""
    from helpers import CODE

    o = outline(CODE)
    assert [(t["unit"], t["title"]) for t in o["tiers"]] == [("编", "总则"), ("编", "分则")]
    assert [(x["kind"], x["number"], x["title"]) for x in o["parts"]] == [("编", 1, "总则"), ("编", 2, "分则")]
    lines = [re.sub(r"(\S)  .*$", r"\1", x) for x in render_text([o]).splitlines()[1:] if x.strip()]
    assert lines == ["  第一编 总则", "    第一章 任务", "      第一条", "    第二章 原则", "      第二条",
                     "  第二编 分则", "    第一章 定密", "      第三条", "      第四条", "    第二章 附则", "      第五条"]
