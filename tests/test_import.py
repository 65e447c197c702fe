"""`baomi import`: seeds, run-together text, GB18030, docx, --force/--dry-run, JSON output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from baomi.config import load
from baomi.importer.run import run
from baomi.parser import parse_text

FIX = Path(__file__).resolve().parent / "fixtures" / "import"
SEED2 = FIX / "002_d04390c28757dfc3.txt"
SEED3 = FIX / "003_265fa073009eb01b.txt"
ROOT = Path(__file__).resolve().parents[1]

_MARK = re.compile(r"第[零〇一二三四五六七八九十百千\d]+[章节条](?:之[一二三四五六七八九十]+)?"
                   r"|[（(][一二三四五六七八九十\d]{1,3}[）)][、.．]?"
                   r"|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d)")


def norm(text: str) -> str:
    """Characters that must survive an import: no whitespace, Markdown markup or markers."""
    text = _MARK.sub("", text)
    text = re.sub(r"^\|?(?:-{3,}\|)+$", "", text, flags=re.M)
    return re.sub(r"[\s#|\\]", "", text)


def body_of(content: str, drop_h1: bool) -> str:
    body = content.split("\n---\n", 1)[1]
    if drop_h1:
        body = re.sub(r"^\s*# .*\n", "", body, count=1)
    return body


def input_minus_removed(path: Path, removed: list[dict]) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    for r in removed:
        i = r["line"] - 1
        assert r["text"] in lines[i], r
        lines[i] = lines[i].replace(r["text"], "", 1)
    return "\n".join(lines)


def _run(files, out, **kw):
    kw.setdefault("lint", False)
    return run([str(f) for f in files], out_dir=out, config=load(ROOT), **kw)


def test_seed_003_is_gongwen_with_ten_sections_and_keeps_every_character(tmp_path):
    rep = _run([SEED3], tmp_path)
    (ir,) = rep.inputs
    assert ir.encoding == "UTF-8" and ir.removed == []
    (p,) = ir.policies
    assert p.style == "公文式" and p.status == "written"
    assert p.counts["sections"] == 10 and p.counts["subsections"] == 55 and p.counts["items"] == 0
    written = Path(p.path).read_text(encoding="utf-8") if Path(p.path).is_absolute() else \
        (Path.cwd() / p.path).read_text(encoding="utf-8")
    assert written == p.content
    pol = parse_text(p.content, tmp_path / "x.md", "x.md")
    assert pol.style == "公文式"
    titles = [h.title for h in pol.headings]
    assert titles[0] == "机要(保密)职责" and titles[-1] == "计算机使用保密安全" and len(titles) == 10
    assert [len(h.children) for h in pol.headings] == [5, 5, 9, 4, 6, 7, 6, 6, 4, 3]
    # 一、 then 1. in the source skips a level: written canonically as （一）, numbers kept
    assert "\n（一）严格纪律," in p.content and "\n1. " not in p.content and "1、" not in p.content
    assert any("层次越级" in m for _, m in p.uncertain)
    # the intro and the lead-in of section 二 are paragraphs, not lost
    assert "根据工作需要,各处室及直属单位设兼职保密员,其职责是:" in p.content
    expected = input_minus_removed(SEED3, [])
    assert norm(body_of(p.content, p.title_inferred)) == norm(expected)
    assert p.title_inferred and any("没有标题" in m for _, m in p.uncertain)


def test_seed_002_separates_the_method_from_the_reports(tmp_path):
    rep = _run([SEED2], tmp_path, dry_run=True)
    (ir,) = rep.inputs
    first, *reports = ir.policies
    assert reports, "the self-inspection report must be its own document"
    assert first.title == "机关单位保密自查自评工作办法" and first.style == "公文式"
    # 14 （一） as written, and 2 runs of 1. directly under 一、, written as （一） (a level was skipped)
    assert first.counts["sections"] == 5 and first.counts["subsections"] == 16
    pol = parse_text(first.content, tmp_path / "a.md", "a.md")
    assert [h.title for h in pol.headings] == ["适用范围", "工作原则", "工作要求", "自查内容", "监督检查"]
    assert len(pol.headings[3].children) == 14
    assert "为加强和规范保密自查自评工作" in first.content
    assert "我局" not in first.content
    assert "我局的保密工作领导责任制与机构队伍建设" in reports[0].content
    assert all(p.status == "dry-run" for p in ir.policies) and not list(tmp_path.iterdir())
    # web residue is gone, and reported with its line
    reasons = {r.reason for r in ir.removed}
    assert {"页码", "网站页脚", "下载或阅读提示", "篇序标记"} <= reasons
    for p in ir.policies:
        for bad in ("下载", "©", "QQ", "备案号", "1 / 18", "【第", "前言导读", "保存成功"):
            assert bad not in p.content
    # the in-item list 措施:一、…二、… does not become headings of the report
    rp = parse_text(reports[0].content, tmp_path / "b.md", "b.md")
    assert [h.number for h in rp.headings] == [1, 2, 3]
    # the truncated end (the web page stopped the text) is flagged
    assert any("不完整" in m for _, m in reports[-1].uncertain)
    # nothing lost: all output bodies in order == input minus the removed furniture
    removed = [r.to_json() for r in ir.removed]
    got = "".join(body_of(p.content, p.title_inferred) for p in ir.policies)
    assert norm(got) == norm(input_minus_removed(SEED2, removed))


RUN_TOGETHER = (
    "涉密人员保密管理制度\n"
    "第一章总则第一条为了加强涉密人员管理，根据《中华人民共和国保守国家秘密法》，制定本制度。"
    "第二条本制度适用于本单位涉密人员，包括核心、重要和一般涉密人员，一、二级保密要害部位的工作人员按\n"
    "照本制度第三条执行。\n"
    "第二章在岗管理\n"
    "第三条涉密人员应当遵守下列规定：(一)不得泄露国家秘密；（二）不得私自携带涉密载体外出。\n"
    "第 2 页 共 5 页\n"
    "————————————\n"
)


def test_gb18030_run_together_articles(tmp_path):
    src = tmp_path / "in.txt"
    src.write_bytes(RUN_TOGETHER.encode("gb18030"))
    rep = _run([src], tmp_path / "out")
    (ir,) = rep.inputs
    assert ir.encoding == "GB18030"
    (p,) = ir.policies
    assert p.title == "涉密人员保密管理制度" and p.style == "条款式"
    assert p.counts["chapters"] == 2 and p.counts["articles"] == 3 and p.counts["items"] == 2
    pol = parse_text(p.content, tmp_path / "x.md", "x.md")
    assert [a.number for a in pol.articles] == [1, 2, 3]
    assert [c.title for c in pol.chapters] == ["总则", "在岗管理"]
    assert "## 第一章 总则\n\n第一条 为了加强" in p.content
    # the wrapped article is rejoined; 一、二级 and 本制度第三条 stay in the sentence
    assert "一、二级保密要害部位的工作人员按照本制度第三条执行。" in p.content
    assert "（一）不得泄露国家秘密；" in p.content and "（二）不得私自携带" in p.content
    assert {r.reason for r in ir.removed} == {"页码", "分隔线"}
    assert p.id.startswith("BM-") and int(p.id[3:]) > 18
    assert Path(tmp_path / "out" / "shemi-renyuan.md").is_file()
    assert norm(body_of(p.content, False)) == norm(
        input_minus_removed_text(RUN_TOGETHER, [r.to_json() for r in ir.removed]))


def input_minus_removed_text(text: str, removed: list[dict]) -> str:
    lines = text.split("\n")
    for r in removed:
        lines[r["line"] - 1] = lines[r["line"] - 1].replace(r["text"], "", 1)
    return "\n".join(lines)


def test_utf8_bom_and_traditional_conversion(tmp_path):
    src = tmp_path / "保密守則.txt"
    src.write_bytes("\ufeff保密守則\n一、基本要求\n（一）不得洩露國家秘密。\n".encode("utf-8"))
    rep = _run([src], tmp_path / "a", dry_run=True)
    assert rep.inputs[0].encoding == "UTF-8（带 BOM）"
    assert rep.policies[0].title == "保密守則"
    rep = _run([src], tmp_path / "b", dry_run=True, to_simplified=True)
    p = rep.policies[0]
    assert p.title == "保密守则" and "（一）不得泄露国家秘密。" in p.content
    assert "category: 保密守则" in p.content


def test_force_and_dry_run(tmp_path):
    out = tmp_path / "pol"
    first = _run([SEED3], out)
    path = out / Path(first.policies[0].path).name
    original = path.read_text(encoding="utf-8")
    pid = first.policies[0].id
    path.write_text(original.replace("谨慎从事", "谨慎行事"), encoding="utf-8")
    again = _run([SEED3], out)
    assert again.policies[0].status == "exists" and again.exit_code() == 1
    assert "谨慎行事" in path.read_text(encoding="utf-8")
    dry = _run([SEED3], out, dry_run=True, force=True)
    assert dry.policies[0].status == "dry-run" and "谨慎行事" in path.read_text(encoding="utf-8")
    forced = _run([SEED3], out, force=True)
    assert forced.policies[0].status == "overwritten" and forced.exit_code() == 0
    assert forced.policies[0].id == pid  # an overwritten policy keeps its id
    assert path.read_text(encoding="utf-8") == original
    assert [p.name for p in out.iterdir()] == [path.name]  # no temp files left


def test_cli_json_shape(tmp_path):
    from click.testing import CliRunner

    from baomi.importer.cli import import_command

    res = CliRunner().invoke(import_command, [str(SEED2), str(tmp_path / "missing.txt"), "--dry-run",
                                              "--format", "json", "--output", str(tmp_path / "o")],
                             standalone_mode=False)
    assert res.exception is None, res.output
    doc = json.loads(res.output)
    assert doc["tool"] == "baomi" and doc["command"] == "import" and doc["dry_run"] is True
    assert set(doc["summary"]) >= {"files", "failed", "policies", "written", "skipped", "uncertain", "removed"}
    assert doc["summary"]["files"] == 2 and doc["summary"]["failed"] == 1 and doc["summary"]["written"] == 0
    good, bad = doc["inputs"]
    assert bad["error"] and not bad["policies"]
    assert good["encoding"] == "UTF-8"
    assert all(set(r) == {"line", "column", "text", "reason"} for r in good["removed"])
    pol = good["policies"][0]
    assert set(pol) >= {"path", "id", "title", "style", "status", "counts", "uncertain", "lint", "content"}
    assert pol["counts"]["sections"] == 5
    assert all(isinstance(u["line"], int) and u["message"] for u in pol["uncertain"])
    assert res.return_value == 1  # one input could not be read


def test_lint_findings_are_reported(tmp_path):
    rep = _run([SEED3], tmp_path, lint=True)
    p = rep.policies[0]
    assert p.lint_note is None
    assert any(d["rule"] == "BM601" for d in p.lint)  # half-width commas are left to the fixer
    assert all(d["path"] == p.path for d in p.lint)
    from baomi.importer.report import render_text

    text = render_text(rep)
    assert "BM601" in text and "需要核对" in text and "公文式" in text


def test_segment_context_rules():
    from baomi.importer.sources import RawLine
    from baomi.importer.segment import segment

    text = ("保密守则\n一、基本要求\n（一）涉密人员分为核心、重要和一般三类，一、二级部位由保密委员会确定。\n"
            "（二）采取以下措施：一、安装防护软件。二、专人管理。三、定期检查。（三）及时报告。\n"
            "二、载体管理\n一、这一行的编号倒退了，是正文。\n（一）登记。\n")
    lines = [RawLine(t, i) for i, t in enumerate(text.split("\n"), start=1)]
    (doc,) = segment(lines).documents
    kinds = [(b.kind, b.number) for b in doc.blocks]
    assert kinds == [("g1", 1), ("g2", 1), ("g2", 2), ("g2", 3), ("g1", 2), ("para", None), ("g2", 1)]
    assert "一、二级部位" in doc.blocks[1].text
    assert doc.blocks[2].text.endswith("三、定期检查。")   # the in-item list keeps its sentence
    assert any(ln == 4 and "句中列举" in m for ln, m in doc.uncertain)
    assert any(ln == 6 and "倒退" in m for ln, m in doc.uncertain)


def test_a_subpart_is_written_as_a_subpart():
    """第一分编 under 第二编 is written 第一分编 (it was written 第一编, a third 编 to the parser)."""
    from baomi.importer.emit import body_markdown
    from baomi.importer.segment import segment
    from baomi.importer.sources import RawLine

    text = ("民法典\n第一编 总则\n第一章 基本规定\n第一条 为了保护民事主体的合法权益。\n第二编 物权\n第一分编 通则\n"
            "第二章 一般规定\n第二条 本法调整因物的归属和利用产生的民事关系。\n第三条 国家坚持社会主义基本经济制度。\n")
    (doc,) = segment([RawLine(t, i) for i, t in enumerate(text.split("\n"), start=1)]).documents
    md = body_markdown(doc)
    assert "## 第一分编 通则" in md and "## 第一编 通则" not in md
    pol = parse_text("---\ntitle: 民法典\n---\n" + md.split("\n", 1)[1], "t.md", "t.md")
    assert [(p.number, p.title) for p in pol.parts] == [(1, "总则"), (2, "物权")]


def test_clean_general_patterns():
    from baomi.importer.clean import clean
    from baomi.importer.sources import RawLine

    raw = ["某某单位文件", "第一条 为了保护国家秘密，不得擅自下载涉密信息。", "第 3 页 共 10 页", "- 4 -",
           "==========", "Copyright © 2023 wenku.example.com", "试读已结束，登录后继续阅读", "www.example.cn",
           "某某单位文件", "某某单位文件", "关闭", "第二条 本制度自印发之日起施行。"]
    res = clean([RawLine(t, i) for i, t in enumerate(raw, start=1)])
    kept = [ln.text for ln in res.lines]
    assert kept == ["某某单位文件", "第一条 为了保护国家秘密，不得擅自下载涉密信息。", "第二条 本制度自印发之日起施行。"]
    assert {r.line: r.reason for r in res.removed} == {3: "页码", 4: "页码", 5: "分隔线", 6: "网站页脚",
                                                       7: "下载或阅读提示", 8: "网址", 9: "重复页眉页脚",
                                                       10: "重复页眉页脚", 11: "网页按钮"}


def test_consecutive_titles_make_separate_documents(tmp_path):
    src = tmp_path / "汇编.txt"
    src.write_text("保密守则\n一、不该说的不说。\n二、不该问的不问。\n\n涉密人员保密管理制度\n第一章 总则\n"
                   "第一条 为了加强管理，制定本制度。\n第二章 管理\n第一节 上岗\n第二条 上岗前应当签订保密承诺书。\n"
                   "第二条之一 涉密人员应当接受培训。\n第二节 离岗\n第三条 离岗应当遵守下列规定：\n1、清退涉密载体；\n"
                   "2、遵守脱密期管理。\n违反前款规定的，依法处理。\n第三章 附则\n第四条 本制度自2025年3月1日起施行。\n",
                   encoding="utf-8")
    rep = _run([src], tmp_path / "out", dry_run=True)
    a, b = rep.policies
    assert (a.title, a.style, b.title, b.style) == ("保密守则", "公文式", "涉密人员保密管理制度", "条款式")
    assert "\n一、不该说的不说。\n" in a.content and "## 一、" not in a.content
    assert a.lines == (1, 3) and b.lines == (5, 18)
    assert b.counts == {"parts": 0, "chapters": 3, "sections": 2, "articles": 5, "items": 2, "subitems": 0,
                        "paragraphs": 1, "tables": 0, "attachments": 0}
    assert "第二条之一 涉密人员" in b.content and "（一）清退涉密载体；" in b.content
    assert "effective: 2025-03-01" in b.content and "review: 2027-03-01" in b.content
    pol = parse_text(b.content, tmp_path / "b.md", "b.md")
    art3 = [x for x in pol.articles if x.number == 3][0]
    assert len(art3.paragraphs) == 2 and len(art3.paragraphs[0].items) == 2


def test_seed_003_imports_without_structure_errors(tmp_path):
    """The source skips a level (一、 then 1.); the import writes the canonical levels, so the
    linter finds no structure or numbering error in what was written."""
    rep = _run([SEED3], tmp_path, lint=True)
    (p,) = rep.inputs[0].policies
    bad = [d for d in p.lint if d["category"] in ("structure", "numbering") and d["severity"] == "error"]
    assert bad == [] and p.lint_note is None


def test_full_width_markers_plain_pian_separators_and_draft_front_matter(tmp_path):
    """１． and （１） (full-width digits), 一. (half-width dot) and a bare 篇2 line are recognised;
    each document is written as a 草案 marked 内部."""
    src = tmp_path / "两篇.txt"
    src.write_text("篇1\n涉密载体管理规定\n一.总体要求\n１．涉密载体应当登记。\n（１）纸介质载体逐份登记；\n"
                   "（２）电子载体逐件登记。\n２．涉密载体应当妥善保管。\n二.附则\n本规定自2025年3月1日起施行。\n"
                   "篇2\n保密守则\n一、不该说的不说。\n二、不该问的不问。\n", encoding="utf-8")
    rep = _run([src], tmp_path / "out", dry_run=True)
    a, b = rep.policies
    assert (a.title, a.style, b.title, b.style) == ("涉密载体管理规定", "公文式", "保密守则", "公文式")
    assert "篇1" not in a.content + b.content and "篇2" not in a.content + b.content
    assert "## 一、总体要求" in a.content and "## 二、附则" in a.content
    # the source skips （一）: written canonically, numbers kept
    assert "\n（一）涉密载体应当登记。\n" in a.content and "\n1. 纸介质载体逐份登记；\n" in a.content
    assert "\n（二）涉密载体应当妥善保管。\n" in a.content
    for p in (a, b):
        assert "\nstatus: 草案\n" in p.content and "\nclassification: 内部\n" in p.content


def test_quiet_import_for_ci(tmp_path, monkeypatch):
    """-q: no progress bar even on a terminal; only lint errors and the summary."""
    from click.testing import CliRunner

    from baomi.importer import run as run_mod
    from baomi.importer.cli import import_command

    seen = {}
    real = run_mod.run

    def spy(*a, **kw):
        seen["progress"] = kw.get("progress")
        return real(*a, **kw)

    monkeypatch.setattr(run_mod, "run", spy)
    monkeypatch.chdir(ROOT)
    res = CliRunner().invoke(import_command, [str(SEED3), str(SEED2), "-q", "--dry-run", "--output",
                                              str(tmp_path / "o")], standalone_mode=False)
    assert res.exception is None, res.output
    assert seen["progress"] is False
    lines = res.output.strip().splitlines()
    assert lines[-1].startswith("共 2 个文件")
    assert "BM501" in res.output and "撰稿" in res.output          # the errors are still there
    assert "删除的页面残留" not in res.output and "结构：" not in res.output and "-----" not in res.output


def test_report_names_a_source_outside_the_working_folder_by_its_absolute_path(tmp_path, monkeypatch):
    """A source reached by climbing out of the working folder is shown as where it is, not as
    ../../../…; one inside the working folder keeps its short relative name."""
    work = tmp_path / "work" / "deep"
    work.mkdir(parents=True)
    outside = tmp_path / "src" / "a.txt"
    outside.parent.mkdir()
    outside.write_text(SEED3.read_text(encoding="utf-8"), encoding="utf-8")
    inside = work / "b.txt"
    inside.write_text(SEED3.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(work)
    rep = _run([outside, inside], tmp_path / "out", dry_run=True)
    shown = [ir.path for ir in rep.inputs]
    assert shown == [str(outside.resolve()), "b.txt"], shown


# --- the import's data (schemas/import.yaml, genres.yaml) -----------------------------------------

_GOOD_IMPORT = (ROOT / "schemas" / "import.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, text, line, words", [
    ("import.yaml", "title_suffixes: [办法, 规定\nfurniture: []\n", 2, "无法解析"),
    ("import.yaml", "title_suffixes: [办法]\nfurniture:\n  - reason: 页码\n    pattern: 3\n", 4, "应为文字"),
    ("import.yaml", _GOOD_IMPORT.replace("prompts_weak: ['下载'", "prompts_weak: ['下载(('"), None,
     "prompts_weak 第 1 项 不是有效的正则表达式"),
    ("genres.yaml", "genres:\n  - {suffix: 办法, self: 本办法}\n", 2, "应为列表"),
    ("categories.yaml", "categories:\n  - {key: 甲, name: 甲}\n  - {key: 乙, name: 乙, required: 是}\n", 3,
     "应为true 或 false"),
], ids=["syntax", "schema", "regex", "genres", "categories"])
def test_a_broken_import_data_file_stops_the_import_naming_file_and_line(repo, name, text, line, words):
    """A unit's own schemas/ file the import reads is used, so a broken one is an error (exit 2,
    the command could not run), in Chinese, with file and line, and nothing is written: never the
    import run quietly on the defaults instead of what the office wrote."""
    import subprocess
    import sys

    (repo / "schemas").mkdir()
    (repo / "schemas" / name).write_text(text, encoding="utf-8")
    if line is None:
        line = next(i for i, ln in enumerate(text.split("\n"), 1) if ln.startswith("prompts_weak:"))
    proc = subprocess.run([sys.executable, "-m", "baomi", "import", str(SEED2)], cwd=repo,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert f"{name}:{line}:" in proc.stderr and words in proc.stderr, proc.stderr
    assert "数据文件" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert list((repo / "policies").iterdir()) == []


def test_a_units_own_import_data_is_used(repo):
    """The override is file by file, as for every data file: the unit's import.yaml adds a kind
    of web furniture and the import removes such lines, citing the unit's reason."""
    (repo / "schemas").mkdir()
    extra = "  - {reason: 本单位网站署名, max_len: 30, pattern: '^本单位内网编辑部整理$'}\n"
    (repo / "schemas" / "import.yaml").write_text(_GOOD_IMPORT.replace("furniture:\n", "furniture:\n" + extra, 1),
                                                  encoding="utf-8")
    src = repo / "in.txt"
    src.write_text(SEED2.read_text(encoding="utf-8").replace("\n", "\n本单位内网编辑部整理\n", 1), encoding="utf-8")
    rep = run([str(src)], out_dir=repo / "policies", config=load(repo), lint=False, dry_run=True)
    (ir,) = rep.inputs
    assert [r.reason for r in ir.removed if r.text == "本单位内网编辑部整理"] == ["本单位网站署名"]
    plain = run([str(src)], out_dir=repo / "policies", config=load(ROOT), lint=False, dry_run=True)
    assert not [r for r in plain.inputs[0].removed if r.text == "本单位内网编辑部整理"]


def test_the_basis_is_found_by_the_registered_names_of_the_laws():
    from baomi.data import Data, packaged_dir
    from baomi.importer.emit import find_basis

    laws = Data([packaged_dir()]).laws
    text = "依据《保密法实施条例》和《中华人民共和国保守国家秘密法》，参照《保密法》，不是《保密法律法规汇编》。"
    assert find_basis(text, laws) == ["保密法", "保密法实施条例"]      # registry order, each once
    assert find_basis("依据本单位规定。", laws) == []
