"""Punctuation checks (baomi.text.punct): bad and good cases for every kind."""

import pytest

from baomi.text import punct
from baomi.text.finding import apply_all


def kinds(text):
    return [(text[f.start:f.end], f.replacement, f.kind) for f in punct.find(text)]


def fixed(text):
    return apply_all(text, punct.find(text))


@pytest.mark.parametrize("bad,good", [
    ("为了保守国家秘密,维护国家安全.", "为了保守国家秘密，维护国家安全。"),
    ("应当遵守下列规定:", "应当遵守下列规定："),
    ("不得泄露;不得携带", "不得泄露；不得携带"),
    ("是否涉密?", "是否涉密？"),
    ("严禁!", "严禁！"),
    ("中, 文", "中，文"),
    ("USB,移动存储介质", "USB，移动存储介质"),
    ("“保密”.", "“保密”。"),
    ("改进。.近年", "改进。。近年"),            # second pass: repeated → 。
])
def test_halfwidth_bad(bad, good):
    assert fixed(bad) == good
    assert {k for _, _, k in kinds(bad)} <= {"halfwidth", "repeated"}


@pytest.mark.parametrize("good", [
    "共3,000份", "10:30开会", "情况1.主要", "版本v1.2", "中文.txt", "Hello, world. Fine!",
    "见GB/T 9704-2012", "a,b;c:d", "\ufffc,\ufffc", "为了保守国家秘密，维护国家安全。",
])
def test_halfwidth_good(good):
    assert [k for k in kinds(good) if k[2] == "halfwidth"] == []


@pytest.mark.parametrize("bad,good", [
    ("机要(保密)职责", "机要（保密）职责"),
    ("(以下简称保密法)", "（以下简称保密法）"),
    ("根据标准(GB/T 9704)规定", "根据标准（GB/T 9704）规定"),
    ("(保密）职责", "（保密）职责"),
    ('本着"谁主管、谁负责"的原则', "本着“谁主管、谁负责”的原则"),
    ("保密)办", "保密）办"),
])
def test_brackets_bad(bad, good):
    assert fixed(bad) == good


@pytest.mark.parametrize("good", ["f(x) = y", "see (a) and (b)", "（一）保密", 'say "hi"', "（保密）"])
def test_brackets_good(good):
    assert [k for k in kinds(good) if k[2] == "bracket"] == []


def test_unpaired_quote_has_no_fix():
    (f,) = [f for f in punct.find('他说"保密') if f.kind == "bracket"]
    assert f.replacement is None


@pytest.mark.parametrize("bad,good,fixable", [
    ("规定，，", "规定，", True),
    ("规定；。", "规定。", True),
    ("资料、，", "资料，", True),
    ("规定。，其他", None, False),
    ("严禁！！", "严禁！", True),
])
def test_repeated(bad, good, fixable):
    (f,) = [f for f in punct.find(bad) if f.kind == "repeated"]
    assert (f.replacement is not None) == fixable
    if fixable:
        assert f.apply(bad) == good


@pytest.mark.parametrize("good", ["真的吗？！", "规定。", "文件……。", "——"])
def test_repeated_good(good):
    assert [k for k in kinds(good) if k[2] == "repeated"] == []


@pytest.mark.parametrize("bad,good", [
    ("文件、资料...", "文件、资料……"),
    ("文件......", "文件……"),
    ("文件。。。", "文件……"),
    ("文件…", "文件……"),
    ("文件………", "文件……"),
    ("剩下 ...", "剩下……"),
    ("等 ……", "等……"),
    ("文件···", "文件……"),
])
def test_ellipsis_bad(bad, good):
    assert fixed(bad) == good


@pytest.mark.parametrize("good", ["文件……", "etc...", "wait..", "v1.2 ...", "1...3"])
def test_ellipsis_good(good):
    assert [k for k in kinds(good) if k[2] == "ellipsis"] == []


@pytest.mark.parametrize("bad,good", [
    ("保 密", "保密"),
    ("不得超过 3 天", "不得超过3天"),
    ("2024 年", "2024年"),
    ("由 办公室　审批", "由办公室审批"),
    ("本制度第十条 规定", "本制度第十条规定"),
    ("第十条  内容", "第十条 内容"),
])
def test_spaces_bad(bad, good):
    assert fixed(bad) == good


@pytest.mark.parametrize("good", [
    "第十条 涉密人员应当", "第一章 总则", "第二节 管理", "第十条之一 内容",
    "Windows 10 系统", "采用 3DES 算法", "GB/T 9704-2012 规定", "USB 接口", "3 000",
    "保密\ufffc \ufffc", "hello world",
])
def test_spaces_good(good):
    assert [k for k in kinds(good) if k[2] == "space"] == []


def test_masked_code_is_never_touched():
    text = "见\ufffc\ufffc\ufffc\ufffc,配置"
    for f in punct.find(text):
        assert "\ufffc" not in text[f.start:f.end]


def test_clean_official_text_has_no_findings():
    text = ("第十条 涉密人员应当遵守下列规定：（一）不得在互联网及其他公共信息网络中处理国家秘密；"
            "（二）借阅时间不得超过3天。本着“业务工作谁主管、保密工作谁负责”的原则……")
    assert punct.find(text) == []


@pytest.mark.parametrize("line", [
    "详见[通知](https://example.cn/ab(c))和有关规定。",
    "详见[保密办通知](https://example.cn/a,b(c)?x=(1))和有关规定。",
    "详见https://example.cn/a(b)和有关规定。",
])
def test_links_with_parentheses_in_the_url_survive_fix(repo, line):
    """A link destination may hold balanced parentheses; --fix once turned its last ) into ）."""
    from click.testing import CliRunner

    from baomi.cli import cli
    from helpers import policy_text, write_policy

    body = f"# 测试保密管理制度\n\n第一条 为了加强保密管理，根据有关规定，制定本制度。{line}\n"
    path = write_policy(repo, "t.md", policy_text(body))
    before = path.read_text(encoding="utf-8")
    CliRunner().invoke(cli, ["lint", "--fix", "--select", "punctuation"])
    after = path.read_text(encoding="utf-8")
    link = line[line.index("http"):line.index("和")]      # the URL, with the link's own ) if any
    assert link in after, (before, after)
