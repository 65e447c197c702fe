"""Issue 19: the rule books offices really have — web copies, run-together text, several documents
in one file, official marks — and the evaluation over messy variants of the statutes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from baomi.config import load
from baomi.importer.run import run
from baomi.parser import parse_text

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).resolve().parent / "fixtures"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT / "benchmarks"))

import import_messy  # noqa: E402


def _run(tmp_path, text: str, name: str = "汇编.txt", **kw):
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    kw.setdefault("lint", False)
    return run([str(src)], out_dir=tmp_path / "out", config=load(ROOT), **kw)


# --- 1. documents as a scored decision; web furniture dropped and listed ---------------------

WEB = """保密制度范文网
字号：大 中 小
下面小编为大家整理了单位保密制度3篇，欢迎阅读参考。
单位保密制度
篇1
一、本单位工作人员必须遵守保密纪律。
二、涉密文件由专人保管。
三、违反本制度的，依纪依法处理。
计算机保密管理规定
篇2
一、涉密计算机不得接入互联网。
二、涉密计算机应当粘贴密级标识。
1 / 18
三、违反本规定的，依纪依法处理。
涉密载体管理办法
篇3
一、涉密载体应当登记。
二、涉密载体销毁应当经过审批。
阅读(1523) 收藏(12)
备案号：京ICP备12345678号-1
"""


def test_web_compilation_title_then_pian_and_furniture(tmp_path):
    rep = _run(tmp_path, WEB, dry_run=True)
    (ir,) = rep.inputs
    assert [p.title for p in ir.policies] == ["单位保密制度", "计算机保密管理规定", "涉密载体管理办法"]
    assert [p.counts["sections"] for p in ir.policies] == [3, 3, 2]
    assert [p.lines[0] for p in ir.policies] == [4, 9, 15]
    assert all(p.confidence == "高" and "篇序标记" in p.evidence for p in ir.policies)
    reasons = {r.line: r.reason for r in ir.removed}
    assert reasons == {1: "网站名称", 2: "字号设置", 3: "网页导读", 5: "篇序标记", 10: "篇序标记", 13: "页码",
                       16: "篇序标记", 19: "阅读或收藏计数", 20: "网站页脚"}
    for p in ir.policies:
        for bad in ("范文网", "小编", "字号", "1 / 18", "收藏", "ICP", "篇"):
            assert bad not in p.content.split("\n---\n", 1)[1]
    # a numbered sentence stays a sentence (not a heading and a lone “。”)
    assert "\n二、涉密载体销毁应当经过审批。\n" in ir.policies[2].content


MANY = """保密委员会职责
一、贯彻执行党和国家保密工作方针政策。
二、研究决定本单位保密工作重大事项。
保密办公室职责
一、承担保密委员会日常工作。
二、组织开展保密宣传教育。
保密员职责
1、协助领导做好本部门保密工作。
2、管理本部门涉密载体。
涉密人员保密守则
1、不该说的秘密不说。
2、不该问的秘密不问。
3、不该看的秘密不看。
保密要害部位管理制度
一、要害部位应当安装防盗设施。
二、无关人员不得进入。
三、工作人员离开时应当锁门。
"""


def test_many_short_texts_each_a_title_and_its_numbering(tmp_path):
    rep = _run(tmp_path, MANY, dry_run=True)
    ps = rep.policies
    assert [p.title for p in ps] == ["保密委员会职责", "保密办公室职责", "保密员职责", "涉密人员保密守则", "保密要害部位管理制度"]
    assert [p.lines for p in ps] == [(1, 3), (4, 6), (7, 9), (10, 13), (14, 17)]
    for p in ps:
        pol = parse_text(p.content, tmp_path / "x.md", "x.md")
        assert [h.number for h in pol.headings] == list(range(1, len(pol.headings) + 1))


def test_title_like_line_inside_a_text_is_no_split_when_the_numbering_goes_on(tmp_path):
    text = ("保密工作制度\n一、本单位工作人员应当遵守保密纪律。\n二、涉密文件由专人保管。\n保密守则\n"
            "三、违反本制度的，依纪依法处理。\n")
    (p,) = _run(tmp_path, text, dry_run=True).policies
    assert p.title == "保密工作制度" and p.counts["sections"] == 3


def test_numbering_restart_without_title_starts_a_document(tmp_path):
    text = ("涉密人员管理制度\n第一条 为了加强涉密人员管理，制定本制度。\n第二条 本制度自2025年1月1日起施行。\n"
            "第一条 为了加强涉密载体管理，制定本规定。\n第二条 违反本规定的，依纪依法处理。\n第三条 本规定自2025年3月1日起施行。\n")
    a, b = _run(tmp_path, text, name="两篇.txt", dry_run=True).policies
    assert a.title == "涉密人员管理制度" and a.counts["articles"] == 2 and a.lines == (1, 3)
    assert b.title_inferred and b.counts["articles"] == 3 and b.lines[0] == 4
    assert any("重新" in e for e in b.evidence) and b.confidence in ("中", "低")


def test_split_is_chosen_by_score_not_first_pattern():
    """The dynamic programme itself: a restart after a finished text wins, a restart inside one loses."""
    from baomi.importer.segment import Line, choose_documents

    def cut(texts):
        lines = [Line(t, i) for i, t in enumerate(texts, 1)]
        return [s.start for s in choose_documents(lines, set())]

    assert cut(["保密守则", "一、甲。", "二、乙。", "一、这一行的编号倒退了。", "三、丙。"]) == [0]
    assert cut(["甲制度", "第一条 甲。", "第二条 本制度自2025年1月1日起施行。", "第一条 乙。", "第二条 丙。"]) == [0, 3]
    assert cut(["甲制度", "第一条 甲。", "乙规定", "第一条 乙。", "第二条 丙。"]) == [0, 2]


# --- 2. run-together text ------------------------------------------------------------------------

ONE_LINE = ("涉密载体管理办法\n"
            "第一章　总　　则第一条 为了加强涉密载体管理，制定本办法。第二条 本办法适用于本局各处室，依照第五条的规定执行。"
            "第二章 管理第三条 涉密载体应当遵守下列规定：（一）逐件登记；（二）专柜保管。"
            "第三章 附则第四条 违反本办法第三条的，依纪依法处理。第五条 本办法自2025年1月1日起施行。\n")


def test_one_line_policy_is_split_into_chapters_and_articles(tmp_path):
    (p,) = _run(tmp_path, ONE_LINE, lint=True).policies
    pol = parse_text(p.content, tmp_path / "x.md", "x.md")
    assert [c.name for c in pol.chapters] == ["总则", "管理", "附则"]
    assert [a.number for a in pol.articles] == [1, 2, 3, 4, 5]
    assert "依照第五条的规定执行" in pol.articles[1].text()         # a reference, not an article
    assert "违反本办法第三条的" in pol.articles[3].text()
    assert len(pol.articles[2].items) == 2
    # checked by the linter's grammar: no structure or numbering error in what was written
    bad = [d for d in p.lint if d["category"] in ("structure", "numbering") and d["severity"] == "error"]
    assert bad == [] and p.lint_note is None


def test_one_line_gongwen_text(tmp_path):
    text = "保密守则\n一、总体要求（一）不得泄露国家秘密。（二）不得私自复制涉密载体。二、载体管理（一）涉密载体应当登记。\n"
    (p,) = _run(tmp_path, text, dry_run=True).policies
    pol = parse_text(p.content, tmp_path / "x.md", "x.md")
    assert [(h.title, len(h.children)) for h in pol.headings] == [("总体要求", 2), ("载体管理", 1)]


# --- 3. official marks --------------------------------------------------------------------------

OFFICE = """内部
某保发〔2021〕3号
签发人：王某某
涉密载体管理办法
第一章　总　　则
第一条　为了加强涉密载体管理，根据《中华人民共和国保守国家秘密法》，制定本办法。
第二条　本办法适用于本局各处室。
第二章　附　　则
第三条　违反本办法的，依纪依法处理。
第四条　本办法自印发之日起施行。
附件：1．涉密载体登记表
2．涉密载体销毁审批表
保密委员会办公室
2021年6月15日印发
"""


def test_official_marks_go_to_front_matter(tmp_path):
    rep = _run(tmp_path, OFFICE, name="发文.txt")
    (p,) = rep.policies                        # the top-left 内部 is no policy of its own
    md = p.content
    head = md.split("\n---\n", 1)[0]
    assert "\nclassification: 内部  # 原文标有“内部”（第1行）" in head
    assert "\ndoc_number: 某保发〔2021〕3号" in head and "\nsigner: 王某某" in head
    assert "\nissued: 2021-06-15" in head and "\nissuer: 保密委员会办公室" in head
    assert "\neffective: 2021-06-15  # 自印发之日起施行" in head      # not the import date
    assert "## 第一章 总则" in md and "## 第二章 附则" in md           # spread headings read
    body = md.split("\n---\n", 1)[1]
    for mark in ("内部", "某保发", "签发人", "2021年6月15日印发", "保密委员会办公室"):
        assert mark not in body
    pol = parse_text(md, tmp_path / "x.md", "x.md")
    assert [a.title for a in pol.attachments] == ["涉密载体登记表", "涉密载体销毁审批表"]
    assert "附件" not in pol.articles[-1].text()                  # not items of the last article
    assert [m.kind for m in p.marks] == ["internal", "doc_number", "signer", "issuer", "issued"]


def test_official_marks_front_matter_is_valid(tmp_path):
    rep = _run(tmp_path, OFFICE, name="发文.txt", lint=True)
    (p,) = rep.policies
    assert not [d for d in p.lint if d["category"] == "frontmatter" and d["severity"] == "error"], p.lint


def test_a_source_with_a_secrecy_period_is_not_imported(tmp_path):
    rep = _run(tmp_path, "机密★10年\n" + OFFICE.split("\n", 1)[1], name="密件.txt")
    assert rep.policies == [] and rep.exit_code() == 1
    assert rep.inputs[0].level == "机密" and rep.inputs[0].markings[0][2] == "机密★10年"


# --- 4. a report a person can act on; --dry-run names the files; never over a file without --force ---

def test_report_says_where_each_document_starts_how_sure_and_what_was_dropped(tmp_path):
    from baomi.importer.report import render_json, render_text

    rep = _run(tmp_path, WEB, name="网页.txt", dry_run=True)
    text = render_text(rep)
    assert "《单位保密制度》" in text and "分篇：自原文第4行起，把握高" in text
    assert "第1行 [网站名称] 保密制度范文网" in text and "第19行 [阅读或收藏计数]" in text
    doc = json.loads(render_json(rep))
    pol = doc["inputs"][0]["policies"][1]
    assert pol["source_lines"]["first"] == 9 and pol["split"]["confidence"] == "高"
    assert [(r["line"], r["reason"]) for r in pol["removed"]] == [(10, "篇序标记"), (13, "页码")]
    assert "本篇中删除的页面残留 2 处：第10行 篇序标记；第13行 页码" in text
    assert pol["path"].endswith(".md") and "out" in pol["path"]
    office = render_text(_run(tmp_path, OFFICE, name="发文.txt", dry_run=True))
    assert "第2行 发文字号“某保发〔2021〕3号”" in office and "第14行 印发日期“2021-06-15”" in office


def test_dry_run_names_the_files_never_a_temporary_path(tmp_path):
    twice = "第九车间保密守则\n一、不该说的不说。\n二、不该问的不问。\n\n第九车间保密守则\n一、不该看的不看。\n二、不该带的不带。\n"
    rep = _run(tmp_path, twice, dry_run=True, lint=True)
    paths = [p.path for p in rep.policies]
    assert len(set(paths)) == 2 and all(Path(x).parent.name == "out" for x in paths)
    assert not (tmp_path / "out").exists()
    for p in rep.policies:
        assert p.lint, "the dry run is linted"
        for d in p.lint:
            assert "baomi-import-" not in d["message"] and "/tmp/" not in d["message"].replace(str(tmp_path), "")
            assert d["path"] == p.path
    # the duplicate title is reported against the other file as it would be written
    a, b = rep.policies
    dup = [d["message"] for d in a.lint + b.lint if d["rule"] == "BM019"]
    assert dup and all(f" {a.path} " in m or f" {b.path} " in m for m in dup), dup


def test_a_file_is_never_written_over_without_force(tmp_path):
    first = _run(tmp_path, MANY)
    files = sorted((tmp_path / "out").glob("*.md"))
    assert len(files) == 5 and all(p.status == "written" for p in first.policies)
    for f in files:
        f.write_text(f.read_text(encoding="utf-8") + "\n本行由人工添加。\n", encoding="utf-8")
    again = _run(tmp_path, MANY)
    assert all(p.status == "exists" for p in again.policies) and again.exit_code() == 1
    assert all(f.read_text(encoding="utf-8").endswith("本行由人工添加。\n") for f in files)
    forced = _run(tmp_path, MANY, force=True)
    assert all(p.status == "overwritten" for p in forced.policies)
    assert not any(f.read_text(encoding="utf-8").endswith("本行由人工添加。\n") for f in files)
    assert sorted((tmp_path / "out").iterdir()) == files            # no temporary files left


# --- 5. the evaluation, pinned on the vendored statutes ----------------------------------------

def test_messy_variants_of_the_vendored_statutes_come_back_exact(tmp_path):
    sts = import_messy.statutes(FIX / "laws")
    assert len(sts) == 4
    scores = import_messy.evaluate(sts, per_file=(2, 4), seed=19, work=tmp_path)
    assert set(scores) == set(import_messy.VARIANTS)
    for variant, sc in scores.items():
        s = sc.shares()
        assert sc.documents == 4 and s["documents"] == 1.0, (variant, sc.failures)
        assert s["chapters"] == 1.0 and s["articles"] == 1.0, (variant, sc.failures)


def test_the_evaluation_can_fail(tmp_path):
    """The comparison is real: a statute with one article changed is not counted exact."""
    st = import_messy.statutes(FIX / "laws")[0]
    cache: dict = {}
    good = import_messy.truth_markdown(st)
    assert import_messy.compare("x", st, good, cache).documents_exact == 1
    bad = good.replace("第二条", "第二条 多出的字", 1)
    sc = import_messy.compare("x", st, bad, cache)
    assert sc.documents_exact == 0 and sc.articles_exact == sc.articles - 1


CORPUS = ROOT.parent / "shared" / "corpus" / "laws"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/laws is not present (a fresh clone)")
def test_messy_variants_of_a_corpus_sample(tmp_path):
    import random

    sts = random.Random(7).sample(import_messy.statutes(CORPUS), 10)
    scores = import_messy.evaluate(sts, variants=("titles", "pian", "furniture", "runon"), seed=7, work=tmp_path)
    total = import_messy.Score()
    for sc in scores.values():
        total.add(sc)
    assert total.shares()["documents"] >= 0.9, total.failures


# --- 6. the seeds -----------------------------------------------------------------------------

SEEDS = [pytest.param(FIX / "import", id="vendored"),
         pytest.param(SHARED_SEEDS, id="shared", marks=pytest.mark.skipif(
             not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not present (a fresh clone)"))]


@pytest.mark.parametrize("folder", SEEDS)
def test_seeds_import_into_their_real_documents(tmp_path, folder):
    s2, s3 = folder / "002_d04390c28757dfc3.txt", folder / "003_265fa073009eb01b.txt"
    rep = run([str(s2), str(s3)], out_dir=tmp_path, config=load(ROOT), lint=False, dry_run=True)
    method, *reports = rep.inputs[0].policies
    assert method.title == "机关单位保密自查自评工作办法" and method.counts["sections"] == 5
    pol = parse_text(method.content, tmp_path / "a.md", "a.md")
    assert [h.title for h in pol.headings] == ["适用范围", "工作原则", "工作要求", "自查内容", "监督检查"]
    assert len(reports) == 1 and "我局的保密工作领导责任制与机构队伍建设" in reports[0].content
    (rules,) = rep.inputs[1].policies
    pol = parse_text(rules.content, tmp_path / "b.md", "b.md")
    assert [len(h.children) for h in pol.headings] == [5, 5, 9, 4, 6, 7, 6, 6, 4, 3]


def test_a_sentence_about_an_annex_is_no_annex():
    from baomi.importer.segment import segment
    from baomi.importer.sources import RawLine

    text = "甲制度\n第一条 为了加强管理，制定本制度。\n附件1所列事项应当登记。\n第二条 本制度自2025年1月1日起施行。\n附件1 涉密载体登记表\n"
    (doc,) = segment([RawLine(t, i) for i, t in enumerate(text.split("\n"), 1)]).documents
    assert [(b.kind, b.number) for b in doc.blocks] == [("article", 1), ("para", None), ("article", 2),
                                                         ("annex", None)]
