"""`baomi outline` lists what the tool read besides articles (issue 16): the tables, with the article,
section or attachment that holds them, the 附件 list after the last article and the attachment bodies."""

from __future__ import annotations

import json
import os
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
