"""保密承诺书: forms built from the pledge entries of the shipped rule book and of small
temporary rule books; HTML for A4 print; .docx read back with python-docx."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from helpers import ROOT, policy_text, write_policy

from baomi import config as cfgmod
from baomi.lint import load_corpus
from baomi.numerals import parse_chinese

BAOMI = [sys.executable, "-m", "baomi"]


def shipped_corpus():
    return load_corpus(cfgmod.load(ROOT))


@pytest.fixture(scope="module")
def shipped():
    from baomi.generate.pledge import pledge_forms

    corpus = shipped_corpus()
    problems = []
    forms = pledge_forms(corpus, problems)
    return corpus, forms, problems


def _strip_markers(line: str) -> str:
    return re.sub(r"^(?:（[一二三四五六七八九十]+）|\d+\.)", "", line)


def _expected_text(corpus, policy_id: str, cited: str):
    """The article (or 款) a citation names, read straight from the model: (anchor, text)."""
    m = re.fullmatch(r"第(.+?)条(?:之(.+?))?(?:第(.+?)款)?", cited)
    assert m, cited
    policy = corpus.by_id[policy_id]
    art = policy.article(parse_chinese(m.group(1)), parse_chinese(m.group(2)) if m.group(2) else 0)
    assert art is not None, f"{policy_id} {cited} 不存在"
    if m.group(3):
        return art.anchor, art.paragraphs[parse_chinese(m.group(3)) - 1].full_text()
    return art.anchor, art.text()


# --- the shipped rule book -----------------------------------------------------------------

def test_shipped_entries_all_resolve(shipped):
    _, forms, problems = shipped
    assert problems == []
    assert forms


def test_every_obligation_cites_the_article_text(shipped):
    corpus, forms, _ = shipped
    checked = 0
    for form in forms:
        assert form.obligations
        for ob in form.obligations:
            policy = corpus.by_id[ob.policy_id]
            assert policy.status == "现行"
            assert ob.citation == f"《{policy.title}》{ob.article}"
            anchor, text = _expected_text(corpus, ob.policy_id, ob.article)
            assert ob.anchor == anchor
            # the signer's own duties, in the first person: every sentence is the article's own,
            # with the signer's name as actor read as 本人 (a few words at most)
            for sentence in re.findall(r"[^。；：]+", "".join(_strip_markers(x) for x in ob.lines)):
                pattern = ".{1,12}".join(re.escape(part) for part in sentence.split("本人"))
                assert re.search(pattern, text), (ob.citation, sentence)
            checked += 1
    assert checked > 20


def _bound_roles(corpus, role):
    """Roles a role's obligations bind: itself and everything it includes (transitively)."""
    includes = {r.key: r.includes for r in corpus.data.roles}
    out, todo = set(), [role]
    while todo:
        r = todo.pop()
        if r not in out:
            out.add(r)
            todo.extend(includes.get(r, []))
    return out


def test_every_entry_reaches_every_form_it_names(shipped):
    corpus, forms, _ = shipped
    by_key = {(f.role, f.kind): f for f in forms}
    expected = set()
    for p in corpus.policies:
        if p.status != "现行":
            continue
        for e in p.meta.get("pledge") or []:
            for role in e["roles"]:
                for bound in _bound_roles(corpus, role):
                    for kind in e["kinds"]:
                        expected.add((bound, kind))
                        form = by_key.get((bound, kind))
                        assert form is not None, (bound, kind)
                        assert any(o.policy_id == p.id and o.article == e["article"] for o in form.obligations), \
                            (bound, kind, p.id, e["article"])
    # no form without an entry behind it
    assert set(by_key) == expected


def test_kinds_of_the_personnel_forms(shipped):
    _, forms, _ = shipped
    by_key = {(f.role, f.kind): f for f in forms}
    leave = by_key[("涉密人员", "离岗")]
    text = "\n".join(o.text for o in leave.obligations)
    assert "脱密期" in text and "涉密载体" in text and "继续履行保密义务" in text
    assert "脱密期起始日期" in leave.extra_fields and "脱密期终止日期" in leave.extra_fields
    assert any("提醒谈话" in c for c in leave.confirmations)
    assert any("撤销" in c for c in leave.confirmations)
    start = by_key[("涉密人员", "上岗")]
    assert any("审查" in c for c in start.confirmations)
    assert any("培训" in c for c in start.confirmations)
    # the review confirmation is for classified posts only
    everyone = by_key[("全体工作人员", "上岗")]
    assert not any("审查" in c for c in everyone.confirmations)
    # 核心涉密人员 forms tick their own level
    core = by_key[("核心涉密人员", "在岗")]
    assert ("核心", True) in core.level_options and ("一般", False) in core.level_options
    assert all(not on for _, on in by_key[("涉密人员", "在岗")].level_options)


def test_fields(shipped):
    _, forms, _ = shipped
    for f in forms:
        for label in ("姓名", "部门", "岗位", "涉密等级", "承诺人签名", "日期", "经办人", "审核人"):
            assert label in f.fields
        assert [x for x, _ in f.level_options] == ["核心", "重要", "一般"]


def test_html_prints_on_a4_without_external_resources(shipped):
    from baomi.generate.pledge import render_html

    _, forms, _ = shipped
    form = next(f for f in forms if f.role == "涉密人员" and f.kind == "离岗")
    html = render_html(form)
    assert "@page" in html and "size: A4" in html
    assert "<nav" not in html and "<script" not in html and "<link" not in html
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", html)
    assert "http://" not in html and "https://" not in html
    assert 'lang="zh-CN"' in html and "仿宋" in html
    for ob in form.obligations:
        assert f"（{ob.citation}）" in html
        assert ob.lines[0][:10] in html
    assert html.count("□") == 3 + len(form.confirmations)
    for label in form.fields:
        assert label in html


def test_docx_table_and_fields(tmp_path, shipped):
    import docx

    from baomi.generate import docx_util as du
    from baomi.generate.pledge import write_docx

    _, forms, _ = shipped
    form = next(f for f in forms if f.role == "涉密人员" and f.kind == "离岗")
    path = write_docx(form, tmp_path / "p.docx")
    doc = docx.Document(str(path))
    sec = doc.sections[0]
    assert abs(sec.page_width.cm - 21.0) < 0.05 and abs(sec.page_height.cm - 29.7) < 0.05
    fields = doc.tables[0]
    cells = [[du.cell_text(c) for c in row.cells] for row in fields.rows]
    labels = [row[0] for row in cells] + [row[2] for row in cells]
    for label in ("姓名", "部门", "岗位", "涉密等级", "脱密期起始日期", "脱密期终止日期"):
        assert label in labels
    level_row = next(row for row in cells if "涉密等级" in row)
    value = level_row[level_row.index("涉密等级") + 1]
    assert all(f"□{x}" in value for x in ("核心", "重要", "一般"))
    date_row = next(row for row in cells if "脱密期起始日期" in row)
    assert "年" in date_row[date_row.index("脱密期起始日期") + 1]
    unit = [du.cell_text(c) for c in doc.tables[1].rows[0].cells]
    assert "经办人" in unit and "审核人" in unit
    paras = [p.text for p in doc.paragraphs]
    assert paras[0] == form.title
    body = "\n".join(paras)
    for i, ob in enumerate(form.obligations):
        assert f"（{ob.citation}）" in paras
        assert ob.lines[0] in body
    assert any(p.startswith("承诺人签名：") for p in paras)
    assert form.closing in paras
    fonts = {du.east_asia_font(r) for p in doc.paragraphs for r in p.runs if r.text.strip()}
    assert fonts and None not in fonts


# --- small rule books ------------------------------------------------------------------------

BODY = """
# {title}

## 第一章 总则

第一条 为了加强保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。
{extra}
第二条 涉密人员应当遵守下列规定：

（一）不得擅自复制涉密载体；

（二）不得私自携带涉密载体外出。

违反前款规定的，依纪依法处理。

第三条 离岗的涉密人员在脱密期内不得违反规定就业。

## 第二章 附则

第四条 本制度自2025年3月1日起施行。
"""


def _policy(title, pledge, extra="", **front):
    body = BODY.format(title=title, extra=extra)
    return policy_text(body, title=title, pledge=pledge, **front)


def _forms(repo):
    from baomi.generate.pledge import pledge_forms

    problems = []
    corpus = load_corpus(cfgmod.load(repo))
    return pledge_forms(corpus, problems), problems


def test_only_current_policies_are_cited(repo):
    pledge = "[{article: 第二条, roles: [涉密人员], kinds: [在岗]}]"
    write_policy(repo, "a.md", _policy("甲保密管理制度", pledge, id="BM-91"))
    write_policy(repo, "b.md", _policy("乙保密管理制度", pledge, id="BM-92", status="废止"))
    write_policy(repo, "c.md", _policy("丙保密管理制度", pledge, id="BM-93", status="草案"))
    forms, problems = _forms(repo)
    assert problems == []
    cited = {o.policy_id for f in forms for o in f.obligations}
    assert cited == {"BM-91"}


def test_paragraph_entry_and_role_hierarchy(repo):
    pledge = ("[{article: 第二条第二款, roles: [全体工作人员], kinds: [在岗]},"
              " {article: 第三条, roles: [涉密人员], kinds: [离岗]}]")
    write_policy(repo, "a.md", _policy("甲保密管理制度", pledge, id="BM-91"))
    forms, problems = _forms(repo)
    assert problems == []
    keys = {(f.role, f.kind) for f in forms}
    # 全体工作人员 includes 涉密人员, which includes 核心涉密人员; 外来人员 is not included
    assert {("全体工作人员", "在岗"), ("涉密人员", "在岗"), ("核心涉密人员", "在岗")} <= keys
    assert ("外来人员", "在岗") not in keys
    assert ("涉密人员", "离岗") in keys and ("全体工作人员", "离岗") not in keys
    ob = next(f for f in forms if f.role == "领导干部").obligations[0]
    assert ob.article == "第二条第二款"
    assert ob.lines == ["违反前款规定的，依纪依法处理。"]
    assert ob.citation == "《甲保密管理制度》第二条第二款"
    whole = next(f for f in forms if f.role == "涉密人员" and f.kind == "离岗").obligations[0]
    assert whole.lines == ["离岗的涉密人员在脱密期内不得违反规定就业。"]


def test_items_keep_their_markers(repo):
    pledge = "[{article: 第二条, roles: [涉密人员], kinds: [上岗]}]"
    write_policy(repo, "a.md", _policy("甲保密管理制度", pledge, id="BM-91"))
    forms, _ = _forms(repo)
    ob = next(f for f in forms if f.role == "涉密人员").obligations[0]
    assert ob.lines == ["本人应当遵守下列规定：", "（一）不得擅自复制涉密载体；",
                        "（二）不得私自携带涉密载体外出。", "违反前款规定的，依纪依法处理。"]


def test_pledge_follows_renumbering(repo):
    write_policy(repo, "a.md", _policy("甲保密管理制度", "[{article: 第三条, roles: [涉密人员], kinds: [离岗]}]",
                                       id="BM-91"))
    before, _ = _forms(repo)
    ob1 = before[0].obligations[0]
    assert ob1.article == "第三条"
    # an article is inserted before it and the entry is renumbered with it (what lint --fix does)
    extra = "\n第二条 涉密人员上岗前应当接受保密审查。\n"
    text = _policy("甲保密管理制度", "[{article: 第四条, roles: [涉密人员], kinds: [离岗]}]", extra=extra, id="BM-91")
    text = text.replace("第二条 涉密人员应当", "第三条 涉密人员应当").replace("第三条 离岗", "第四条 离岗") \
        .replace("第四条 本制度", "第五条 本制度")
    write_policy(repo, "a.md", text)
    after, problems = _forms(repo)
    assert problems == []
    ob2 = after[0].obligations[0]
    assert ob2.article == "第四条" and ob2.anchor == "art-4"
    assert ob2.lines == ob1.lines


def test_dangling_entry_is_a_problem(repo):
    pledge = "[{article: 第九条, roles: [涉密人员], kinds: [在岗]}, {article: 第二条第五款, roles: [涉密人员], kinds: [在岗]}]"
    write_policy(repo, "a.md", _policy("甲保密管理制度", pledge, id="BM-91"))
    forms, problems = _forms(repo)
    assert forms == []
    assert len(problems) == 2
    assert "第九条" in problems[0].message and "不存在" in problems[0].message
    assert "第五款" in problems[1].message
    assert problems[0].path.endswith("a.md") and problems[0].line > 1


# --- command line ------------------------------------------------------------------------------

def run(args, cwd):
    return subprocess.run(BAOMI + args, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_cli_unknown_role(repo):
    proc = run(["pledge", "--role", "不存在的角色"], repo)
    assert proc.returncode == 2
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("baomi：") and "Traceback" not in proc.stderr


def test_cli_writes_forms(repo):
    pledge = "[{article: 第二条, roles: [涉密人员], kinds: [上岗, 离岗]}]"
    write_policy(repo, "a.md", _policy("甲保密管理制度", pledge, id="BM-91"))
    proc = run(["pledge", "--role", "涉密人员", "--kind", "离岗"], repo)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("<!DOCTYPE html>") and "涉密人员离岗保密承诺书" in proc.stdout
    proc = run(["pledge", "--format", "docx", "--output", "out"], repo)
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in (repo / "out").iterdir())
    assert "she-mi-ren-yuan-ligang.docx" in names and "she-mi-ren-yuan-shanggang.docx" in names
    assert "he-xin-she-mi-ren-yuan-ligang.docx" in names
    assert not any("zaigang" in n for n in names)
    proc = run(["pledge", "--role", "涉密人员", "--kind", "在岗"], repo)
    assert proc.returncode == 1 and "没有" in proc.stderr


def test_cli_dangling_entry_exits_1(repo):
    pledge = "[{article: 第二条, roles: [涉密人员], kinds: [在岗]}, {article: 第九条, roles: [涉密人员], kinds: [在岗]}]"
    write_policy(repo, "a.md", _policy("甲保密管理制度", pledge, id="BM-91"))
    proc = run(["pledge", "--role", "涉密人员", "--kind", "在岗", "-o", "x.html"], repo)
    assert proc.returncode == 1
    assert "第九条" in proc.stderr
    assert (repo / "x.html").read_text(encoding="utf-8").count("甲保密管理制度") >= 1


def test_several_forms_in_one_docx(tmp_path, shipped):
    import docx

    from baomi.generate.pledge import write_docx

    _, forms, _ = shipped
    chosen = [f for f in forms if f.role == "涉密人员"]
    doc = docx.Document(str(write_docx(chosen, tmp_path / "all.docx")))
    assert len(doc.tables) == 2 * len(chosen)
    titles = [p.text for p in doc.paragraphs if p.text.endswith("保密承诺书")]
    assert titles == [f.title for f in chosen]


def test_a_form_lists_only_what_the_signer_does_in_the_first_person(repo):
    """After 本人自愿遵守以下保密义务 the form lists the signer's duties, not the institution's:
    sentences whose actor is an office, a department or another role are left out (with the items
    they introduce), the signer's name as actor becomes 本人, and an entry that names only other
    people's duties is reported instead of printed."""
    body = """
# 甲保密管理制度

## 第一章 总则

第一条 为了加强涉密人员管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

第二条 涉密人员离岗前，所在内设机构负责人和保密办公室应当与其进行离岗保密提醒谈话。

第三条 涉密人员离岗前（含退休），应当清退全部涉密载体。信息系统管理员应当撤销其账号；保卫部门同时注销其门禁权限。离开办公室时，应当将涉密载体锁入保密设备。

第四条 本单位工作人员不得在社交媒体发布内部信息。涉密人员擅自离职的，组织人事部门应当及时报告。证件由组织人事部门集中保管。

第五条 本制度自2025年1月1日起施行。
"""
    pledge = ("[{article: 第二条, roles: [涉密人员], kinds: [离岗]}, {article: 第三条, roles: [涉密人员], kinds: [离岗]},"
              " {article: 第四条, roles: [涉密人员], kinds: [离岗]}]")
    write_policy(repo, "a.md", policy_text(body, id="BM-91", title="甲保密管理制度", pledge=pledge))
    forms, problems = _forms(repo)
    form = next(f for f in forms if f.role == "涉密人员" and f.kind == "离岗")
    lines = {o.article: o.lines for o in form.obligations}
    assert "第二条" not in lines
    assert problems and all("第二条" in p.message and "单位或其他人员的职责" in p.message for p in problems)
    assert lines["第三条"] == ["本人离岗前（含退休），应当清退全部涉密载体。离开办公室时，应当将涉密载体锁入保密设备。"]
    assert lines["第四条"] == ["本人不得在社交媒体发布内部信息。"]


def test_cli_text_format(repo):
    pledge = "[{article: 第二条, roles: [涉密人员], kinds: [离岗]}]"
    write_policy(repo, "a.md", _policy("甲保密管理制度", pledge, id="BM-91"))
    proc = run(["pledge", "--role", "涉密人员", "--kind", "离岗", "--format", "text"], repo)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "涉密人员离岗保密承诺书" and "<" not in proc.stdout
    assert "一、本人应当遵守下列规定：" in lines and "（《甲保密管理制度》第二条）" in lines
    assert any(x.startswith("涉密等级：□") for x in lines) and any(x.startswith("承诺人签名：") for x in lines)


def test_a_pledge_template_without_one_of_the_three_kinds_is_refused(tmp_path):
    from baomi.data import Data, DataError
    from baomi.generate.pledge import load_template

    (tmp_path / "pledge.yaml").write_text("kinds:\n  上岗: {preamble: 本人承诺。}\n  在岗: {preamble: 本人承诺。}\n",
                                          encoding="utf-8")
    with pytest.raises(DataError, match="缺少“离岗”的承诺语"):
        load_template(Data([tmp_path]))
    assert load_template(None).kinds["离岗"].preamble          # no data set: the packaged template
