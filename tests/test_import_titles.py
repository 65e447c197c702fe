"""`baomi import` from a title: the category guessed from categories.yaml's words (aliases), the
file name without the issuer and never taken silently; notes for a heading run on into its
sentence and for articles whose 款 breaks were lost."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from baomi.config import load
from baomi.data import Data
from baomi.importer.emit import guess_category, slugify, strip_issuer
from baomi.importer.run import run

ROOT = Path(__file__).resolve().parents[1]
SEED2 = ROOT / "tests" / "fixtures" / "import" / "002_d04390c28757dfc3.txt"


def _run(files, out, **kw):
    kw.setdefault("lint", False)
    return run([str(f) for f in files], out_dir=out, config=load(ROOT), **kw)


@pytest.fixture(scope="module")
def cats():
    return Data([ROOT / "schemas"]).categories


@pytest.mark.parametrize("title, key", [
    ("某市统计局涉密会议保密管理办法", "涉密会议和活动"),
    ("某市统计局计算机保密管理规定", "信息系统和信息设备"),
    ("涉密计算机和移动存储介质保密管理规定", "信息系统和信息设备"),
    ("某市档案局保密守则", "保密守则"),                     # the issuer's 档案 loses to the later 守则
    ("涉外活动保密管理规定", "涉外活动"),                   # longer than 活动
    ("保密委员会会议制度", "责任制"),                       # 保密委员会 longer than 会议
    ("某县教育局失泄密事件报告制度", "泄密事件报告和查处"),
    ("政府信息公开保密审查办法", "宣传报道和信息公开"),
    ("涉密人员离岗离职保密管理办法", "涉密人员"),
    ("保密要害部位管理制度", "要害部门部位"),
    ("某市统计局定密工作程序", "定密"),
    ("保密宣传月活动方案", "宣传教育培训"),                  # 保密宣传 longer than 活动
])
def test_category_is_guessed_from_its_words(cats, title, key):
    assert guess_category(title, None, cats) == (key, True)


@pytest.mark.parametrize("title", ["某单位食堂卫生管理办法", "中华人民共和国保守国家秘密法", "某市统计局考勤制度"])
def test_a_title_matching_nothing_stays_other(cats, title):
    assert guess_category(title, None, cats) == ("其他", False)


def test_every_alias_is_data_the_schema_allows():
    schema = Data([ROOT / "schemas"]).load("categories")
    aliases = [a for c in schema["categories"] for a in c.get("aliases", [])]
    assert "计算机" in aliases and "涉密会议" in aliases
    items = json.loads((ROOT / "schemas" / "categories.schema.json").read_text(encoding="utf-8"))
    assert "aliases" in items["properties"]["categories"]["items"]["properties"]


@pytest.mark.parametrize("title, slug", [
    ("中华人民共和国保守国家秘密法", "baoshou-guojia-mimi-fa"),
    ("中华人民共和国保守国家秘密法实施条例", "baoshou-guojia-mimi-fa-tiaoli"),
    ("某市统计局保密守则", "baomi-shouze"),
    ("某市统计局计算机保密管理规定", "jisuanji"),
    ("国务院办公厅关于加强政府网站信息内容建设的意见", "jiaqiang-zhengfu-wangzhan-xinxineirong"),
    ("保密委员会议事规则", "weiyuanhui-yishiguize"),       # what the policy is about, no issuer
    ("涉密人员管理办法", "shemi-renyuan"),
])
def test_slug_drops_issuer_and_keeps_distinctive_words(title, slug):
    assert slugify(title) == slug


def test_slug_is_cut_between_words_only():
    title = "涉密计算机移动存储介质办公自动化设备手机互联网电子邮件即时通信工具使用规定"
    s = slugify(title)
    assert len(s) <= 40
    from pypinyin import lazy_pinyin
    import jieba
    whole = {"".join(lazy_pinyin(w)) for w in jieba.lcut(title)}
    assert all(part in whole for part in s.split("-")), s


def test_slug_drops_the_configured_unit(tmp_path):
    assert strip_issuer("某某研究院保密守则", unit="某某研究院") == "保密守则"
    assert slugify("某某研究院涉密载体管理办法", unit="某某研究院") == "shemi-zaiti"


def test_same_slug_in_one_run_and_an_existing_other_policy_get_numbers(tmp_path):
    out = tmp_path / "pol"
    out.mkdir()
    (out / "baomi-shouze.md").write_text("---\nid: BM-90\ntitle: 另一单位保密守则\n---\n\n# 另一单位保密守则\n",
                                         encoding="utf-8")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("某市统计局保密守则\n一、不得泄露国家秘密。\n", encoding="utf-8")
    b.write_text("某市财政局保密守则\n一、不得泄露国家秘密。\n", encoding="utf-8")
    rep = _run([a, b], out)
    paths = [Path(p.path).name for p in rep.policies]
    assert paths == ["baomi-shouze-2.md", "baomi-shouze-3.md"]
    assert [p.status for p in rep.policies] == ["written", "written"]
    assert "另一单位保密守则" in (out / "baomi-shouze.md").read_text(encoding="utf-8")
    # the same policy again: its own file, under the --force rules as before
    rep = _run([a], out)
    (p,) = rep.policies
    assert Path(p.path).name == "baomi-shouze-2.md" and p.status == "exists"
    rep = _run([a], out, force=True)
    assert rep.policies[0].status == "overwritten" and Path(rep.policies[0].path).name == "baomi-shouze-2.md"


def test_the_same_policy_with_its_title_normalised_is_still_its_own_file(tmp_path):
    out = tmp_path / "pol"
    out.mkdir()
    (out / "shemi-zaiti.md").write_text("---\nid: BM-90\ntitle: 涉密载体管理办法（试行）\n---\n", encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text("涉密载体管理办法(试行)\n一、涉密载体应当登记。\n", encoding="utf-8")
    (p,) = _run([src], out).policies
    assert Path(p.path).name == "shemi-zaiti.md" and p.status == "exists" and p.id == "BM-90"


def test_heading_run_on_into_its_sentence_is_listed(tmp_path):
    rep = _run([SEED2], tmp_path, dry_run=True)
    first = rep.policies[0]
    notes = [(ln, m) for ln, m in first.uncertain if "（十四）保密工作记录和材料" in m]
    assert notes and notes[0][0] == 11, first.uncertain
    assert "连排" in notes[0][1]
    # the other （一）…（十三） headings with items under them are not listed so
    assert not any("（十三）" in m and "像是标题" in m for _, m in first.uncertain)


def test_sentence_items_are_not_taken_for_headings(tmp_path):
    src = tmp_path / "s.txt"
    src.write_text("保密守则\n一、基本要求\n（一）严格遵守保密制度，不得泄露国家秘密。\n"
                   "（二）不在非涉密计算机上处理涉密信息。\n", encoding="utf-8")
    (p,) = _run([src], tmp_path / "o", dry_run=True).policies
    assert not any("像是标题" in m for _, m in p.uncertain)


RUNON = ("某市统计局保密管理规定\n\n第一条 为了加强保密管理，制定本规定。第二条 工作人员应当遵守保密纪律。"
         "违反前款规定的，依法处理。第三条 涉密载体应当登记。第四条 第二条第二款所列情形，由保密办处理。"
         "第五条 本规定自2024年1月1日起施行。\n")


def test_articles_run_together_say_their_paragraphs_are_lost(tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(RUNON, encoding="utf-8")
    (p,) = _run([src], tmp_path / "o", dry_run=True).policies
    notes = [(ln, m) for ln, m in p.uncertain if "款的分段无法恢复" in m]
    assert len(notes) == 1 and notes[0][0] == 3
    assert re.search(r"条文：第二条、第四条$", notes[0][1]), notes
    assert "第三条" not in notes[0][1]


def test_articles_run_together_on_several_lines_name_each_line(tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(RUNON.replace("。第三条", "。\n第三条"), encoding="utf-8")
    (p,) = _run([src], tmp_path / "o", dry_run=True).policies
    (note,) = [m for _, m in p.uncertain if "款的分段无法恢复" in m]
    assert note.endswith("第二条（原文第3行）、第四条（原文第4行）"), note


def test_articles_on_their_own_lines_have_no_such_note(tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(RUNON.replace("。第", "。\n第"), encoding="utf-8")
    (p,) = _run([src], tmp_path / "o", dry_run=True).policies
    assert p.counts["articles"] == 5
    assert not any("款的分段" in m for _, m in p.uncertain)
