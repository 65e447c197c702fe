"""Nothing an author writes is silently lost (issue 16).

Every Markdown construct either reaches the page, the search index and the revision table as part
of the article (or 附件) it belongs to, or is a lint error at its line that says why (BM130, and
BM903 for HTML). 附件 are a part of their own, never items of the last article.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import make_repo  # noqa: E402
from helpers import policy_text  # noqa: E402
from test_diff import git  # noqa: E402

from baomi.config import load  # noqa: E402
from baomi.parser import parse_text  # noqa: E402

BAOMI = [sys.executable, "-m", "baomi"]

HEAD = """
# {title}

## 第一章 总则

第一条 为了加强涉密载体借阅管理，根据《中华人民共和国保守国家秘密法》，制定本规定。

第二条 本规定适用于本单位全体涉密人员。

## 第二章 借阅管理

第三条 涉密载体的借阅按照下列规定办理：
"""

TAIL = """
第四条 违反本规定的，依纪依法追究有关人员的责任。

## 第三章 附则

第五条 本规定自2025年3月1日起施行。
"""

# construct → Markdown placed after 第三条's first paragraph (token QX…7 must reach page and index)
KEPT = {
    "table": "| 密级 | 借阅期限 |\n| --- | --- |\n| 秘密 | QXTABLE7 |",
    "block quote": "> 借阅人员应当妥善保管QXQUOTE7载体。",
    "bullet list": "- 逾期未还的QXBULLET7，由保密办公室催还。",
    "nested quote and list": "> - 借阅QXNEST7载体应当登记。",
}
# constructs kept after the articles: the 附件 part
KEPT_AFTER = {
    "attachment list": "附件：1．QXLIST7借阅登记表\n2．借阅承诺书",
    "single attachment": "附件：QXSINGLE7借阅登记表",
    "attachment body": "附件1\n\n借阅登记表\n\n登记表由QXBODY7保存。",
    "attachment body heading": "## 附件2\n\n借阅承诺书由QXHEAD7签署。",
    "table in an attachment": "附件1\n\n| 借阅人 | 载体编号 |\n| --- | --- |\n| QXATTTAB7 | 无 |",
}
# construct → (Markdown after 第三条, rule, offset of the reported line within the snippet)
REPORTED = {
    "non-chapter heading": ("### 附：QXHDG7说明", "BM130", 0),
    "setext heading": ("借阅说明QXSETEXT7\n---", "BM130", 0),
    "fenced code": ("```\nQXFENCE7\n```", "BM130", 0),
    "indented code": ("    第九条 QXINDENT7借阅规定。", "BM130", 0),
    "image": ("借阅流程见图![流程QXIMG7](liucheng.png)。", "BM130", 0),
    "horizontal rule": ("***", "BM130", 0),
    "footnote definition": ("[^1]: QXNOTE7借阅期限的说明", "BM130", 0),
    "link definition": ("[guize]: http://example.org/QXLINK7", "BM130", 0),
    "ordered list under an article": ("1. 借阅QXOL7载体应当登记。", "BM130", 0),
    "inline html": ("借阅<b>QXBOLD7</b>载体应当登记。", "BM903", 0),
    "script": ("借阅载体<script>QXSCRIPT7()</script>应当登记。", "BM903", 0),
    "html block": ("<div>\nQXDIV7\n</div>", "BM903", 0),
    "html comment": ("<!-- QXCOMMENT7 -->", "BM903", 0),
}
# constructs that are errors where they stand outside any article
REPORTED_BEFORE = {
    "table outside any article": ("| 密级 | 期限 |\n| --- | --- |\n| 秘密 | QXOUT7 |", "BM130"),
}


def _policy(i: int, middle: str = "", after: str = "", before: str = "") -> str:
    body = HEAD + ("\n" + middle + "\n" if middle else "") + TAIL + ("\n" + after + "\n" if after else "")
    if before:
        body = body.replace("## 第一章 总则", before + "\n\n## 第一章 总则", 1)
    title = "载体借阅保密管理规定" + "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未"[i]
    return policy_text(body.replace("{title}", title), id=f"BM-{60 + i}", title=title, category="其他",
                       covers="[]")


def _token(snippet: str) -> str:
    """The unique token QX…7 planted in a snippet."""
    start = snippet.index("QX")
    return snippet[start:snippet.index("7", start) + 1]


def _lint_json(repo: Path, *paths: str) -> list[dict]:
    proc = subprocess.run(BAOMI + ["lint", "--format", "json", *paths], cwd=repo, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["diagnostics"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The shipped rule book plus one policy per kept construct, built with `baomi build`."""
    repo = make_repo(tmp_path_factory.mktemp("content"))
    names = {}
    for i, (name, md) in enumerate(list(KEPT.items()) + [(k, None) for k in KEPT_AFTER]):
        text = _policy(i, middle=md) if md is not None else _policy(i, after=KEPT_AFTER[name])
        path = repo / "policies" / f"zz-construct-{i}.md"
        path.write_text(text, encoding="utf-8")
        names[name] = path
    proc = subprocess.run(BAOMI + ["build"], cwd=repo, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return repo, names


@pytest.mark.slow
@pytest.mark.parametrize("name", list(KEPT) + list(KEPT_AFTER))
def test_kept_construct_reaches_page_and_index(built, name):
    repo, names = built
    snippet = KEPT.get(name) or KEPT_AFTER[name]
    token = _token(snippet)
    site = repo / "site"
    pages = [p for p in site.rglob("index.html") if token in p.read_text(encoding="utf-8")]
    assert pages, f"{name}: {token} not on any page"
    html = pages[0].read_text(encoding="utf-8")
    assert "<script>" not in html.split(token)[0][-200:]            # escaped, not markup
    docs = "".join(p.read_text(encoding="utf-8") for p in (site / "search" / "d").glob("*.json"))
    assert token in docs, f"{name}: {token} not in the search index"


@pytest.mark.slow
def test_table_is_an_escaped_table_in_its_article(built):
    repo, _ = built
    page = next(p for p in (repo / "site").rglob("index.html") if "QXTABLE7" in p.read_text(encoding="utf-8"))
    html = page.read_text(encoding="utf-8")
    art = html[html.index('id="art-3"'):]
    art = art[:art.index('id="art-4"')]
    assert '<table class="bm-table">' in art and "<td>QXTABLE7</td>" in art and "<th>密级</th>" in art


@pytest.mark.parametrize("name", list(REPORTED) + list(REPORTED_BEFORE))
def test_construct_not_carried_is_an_error_at_its_line(repo, name):
    if name in REPORTED:
        snippet, rule, offset = REPORTED[name]
        text = _policy(0, middle=snippet)
    else:
        (snippet, rule), offset = REPORTED_BEFORE[name], 0
        text = _policy(0, before=snippet)
    (repo / "policies" / "x.md").write_text(text, encoding="utf-8")
    line = text.split("\n").index(snippet.split("\n")[0]) + 1 + offset
    diags = [d for d in _lint_json(repo, "policies/x.md") if d["rule"] == rule]
    assert [d["line"] for d in diags][:1] == [line], (name, diags)
    assert all(d["severity"] == "error" for d in diags)
    if rule == "BM130":
        from baomi.rules.structure.unsupported_construct import _WHY

        # it says why (the construct would be lost) and what to write instead
        assert any(why in diags[0]["message"] and "应" + fix in diags[0]["message"] for _, why, fix in _WHY.values())


def test_every_construct_is_decided():
    """The enumeration covers the kinds BM130 knows, and its rationale names each decision."""
    from baomi.rules import get_rule
    from baomi.rules.structure.unsupported_construct import _WHY

    rule = get_rule("BM130")
    for word in ("表格", "引用块", "无序列表", "附件", "BM903", "标题", "代码块", "图片", "分隔线", "脚注", "编号列表"):
        assert word in rule.rationale
    kinds = set()
    for snippet, r, _ in REPORTED.values():
        pol = parse_text(_policy(0, middle=snippet), "x.md", "x.md")
        kinds |= {u.kind for u in pol.unsupported}
    for snippet, r in REPORTED_BEFORE.values():
        pol = parse_text(_policy(0, before=snippet), "x.md", "x.md")
        kinds |= {u.kind for u in pol.unsupported}
    assert kinds == set(_WHY)


def test_kept_constructs_lint_clean_of_bm130(repo):
    for i, md in enumerate(KEPT.values()):
        (repo / "policies" / f"k{i}.md").write_text(_policy(i, middle=md), encoding="utf-8")
    for j, md in enumerate(KEPT_AFTER.values(), len(KEPT)):
        (repo / "policies" / f"k{j}.md").write_text(_policy(j, after=md), encoding="utf-8")
    assert [d for d in _lint_json(repo, "policies") if d["rule"] in ("BM130", "BM903", "BM104", "BM107")] == []


def test_diff_reports_a_changed_table_cell(repo):
    git(repo, "init", "-q", "-b", "main")
    path = repo / "policies" / "t.md"
    path.write_text(_policy(0, middle=KEPT["table"]), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v1")
    path.write_text(_policy(0, middle=KEPT["table"].replace("QXTABLE7", "QXTABLE8")), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "v2")
    proc = subprocess.run(BAOMI + ["diff", "HEAD~1", "HEAD"], cwd=repo, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "没有差异" not in proc.stdout
    assert "【修改】第三条" in proc.stdout and "秘密 | QXTABLE[-7-]" in proc.stdout
    assert "秘密 | QXTABLE[+8+]" in proc.stdout


# --- 附件 -----------------------------------------------------------------------------------

ANNEX = """
第五条 本规定自2025年3月1日起施行。

附件：1．涉密载体借阅登记表
2．涉密载体借阅承诺书

保密办公室
2025年3月1日

附件1

涉密载体借阅登记表

| 借阅人 | 载体编号 |
| --- | --- |
| 张三 | 001 |

## 附件2 涉密载体借阅承诺书

本人承诺妥善保管借阅的涉密载体。
"""


def _annex_policy() -> str:
    return _policy(0).replace(TAIL.split("\n")[-2], ANNEX.strip())


def test_attachments_are_a_part_of_their_own():
    pol = parse_text(_annex_policy(), "x.md", "x.md")
    last = pol.articles[-1]
    assert last.label == "第五条" and [p.text for p in last.paragraphs] == ["本规定自2025年3月1日起施行。"]
    assert not last.items and not last.tables
    assert [(a.number, a.marker, a.title) for a in pol.attachments] == [
        (1, "1．", "涉密载体借阅登记表"), (2, "2．", "涉密载体借阅承诺书")]
    assert [p.text for p in pol.attachment_notes] == ["保密办公室2025年3月1日"]   # one Markdown paragraph
    bodies = pol.attachment_bodies
    assert [(b.number, b.marker, b.title) for b in bodies] == [(1, "附件1", ""), (2, "附件2", "涉密载体借阅承诺书")]
    assert bodies[0].paragraphs[0].text == "涉密载体借阅登记表"
    assert bodies[0].tables[0].rows == [["借阅人", "载体编号"], ["张三", "001"]]
    assert [u.label for u in pol.attachment_units()] == ["附件", "附件1", "附件2"]
    assert all(m.kind != "subitem" and m.kind != "item" for m in pol.markers)


def test_attachment_forms():
    one = parse_text(_policy(0).replace(TAIL.split("\n")[-2], "第五条 本规定自2025年3月1日起施行。\n\n附件：借阅登记表"),
                     "x.md", "x.md")
    assert [(a.number, a.title) for a in one.attachments] == [(None, "借阅登记表")]
    listed = parse_text(_policy(0).replace(TAIL.split("\n")[-2],
                                           "第五条 本规定自2025年3月1日起施行。\n\n附件：\n\n1. 借阅登记表\n2. 借阅承诺书"),
                        "x.md", "x.md")
    assert [(a.number, a.title) for a in listed.attachments] == [(1, "借阅登记表"), (2, "借阅承诺书")]
    # a 款 that only mentions 附件 is no attachment
    prose = parse_text(_policy(0).replace("第二条 本规定适用于本单位全体涉密人员。",
                                          "第二条 本规定适用于本单位全体涉密人员。\n\n附件三所列人员除外。"), "x.md", "x.md")
    assert not prose.attachments and not prose.attachment_bodies
    assert prose.articles[1].paragraphs[1].text == "附件三所列人员除外。"


def test_attachments_lint_and_fix_leave_titles_alone(repo):
    path = repo / "policies" / "x.md"
    path.write_text(_annex_policy(), encoding="utf-8")
    diags = [d for d in _lint_json(repo, "policies/x.md") if d["rule"] in ("BM104", "BM106", "BM107", "BM130")
             or d["rule"].startswith("BM2")]
    assert diags == []
    before = path.read_text(encoding="utf-8")
    subprocess.run(BAOMI + ["lint", "--fix", "policies/x.md"], cwd=repo, capture_output=True, text=True, timeout=120)
    after = path.read_text(encoding="utf-8")
    for title in ("1．涉密载体借阅登记表\n", "2．涉密载体借阅承诺书\n"):
        assert title in after
    assert before.count("；") == after.count("；")


def test_attachments_on_the_page_after_the_articles():
    from baomi.corpus import Corpus
    from baomi.site.policy_page import Links, render, search_units

    pol = parse_text(_annex_policy(), "x.md", "x.md")
    links = Links(policy=lambda p, a: None, law=lambda k: None, checklist=lambda i: None,
                  law_name=lambda k: k, item_label=lambda i: i)
    md = render(Corpus([pol]), pol, links, {id(pol)})
    assert md.index('id="art-5"') < md.index('id="att"') < md.index("附件1") < md.index("附件2")
    assert '<p class="bm-annex-entry">1．涉密载体借阅登记表</p>' in md
    assert "<td>张三</td>" in md and "{#att-2}" in md
    units = search_units(pol)
    assert [u[0] for u in units][-3:] == ["att", "att-1", "att-2"]
    assert "本人承诺妥善保管" in units[-1][2]


def test_part_headings_are_shown_not_reported(repo):
    text = _policy(0).replace("## 第三章 附则\n\n第五条", "## 附则\n\n第五条").replace(
        "## 第一章 总则", "## 序　言\n\n## 第一章 总则")
    pol = parse_text(text, "x.md", "x.md")
    assert [(d.title, d.before) for d in pol.divisions] == [("序　言", 0), ("附则", 4)]
    assert not pol.unsupported


def test_table_text_in_units_and_revision_lines():
    from baomi.generate.diff import policy_units

    pol = parse_text(_policy(0, middle=KEPT["table"] + "\n\n第二款的文字。"), "x.md", "x.md")
    art = pol.articles[2]
    assert art.tables[0].after == 1 and [p.text for p in art.paragraphs][-1] == "第二款的文字。"
    assert "QXTABLE7" in art.text()
    unit = policy_units(pol)[2]
    assert unit.text.split("\n") == ["涉密载体的借阅按照下列规定办理：", "密级 | 借阅期限", "秘密 | QXTABLE7",
                                     "第二款的文字。"]
