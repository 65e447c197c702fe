"""`baomi import` of a Word file built here with python-docx: headings, numbering, a table."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from baomi.config import load
from baomi.importer.run import run
from baomi.importer.sources import read_docx
from baomi.parser import parse_text

ROOT = Path(__file__).resolve().parents[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbering(document) -> None:
    """Add 一、 numbering (chineseCounting) and 1. numbering restarted per list."""
    numbering = document.part.numbering_part.element
    abstract = [
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>',
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%2）"/></w:lvl>'
        f'</w:abstractNum>',
    ]
    for i, xml in enumerate(abstract):
        numbering.insert(i, parse_xml(xml))
    for num_id, abs_id, restart in (("90", "90", False), ("91", "91", False), ("92", "91", True)):
        override = ('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                    if restart else "")
        numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId w:val="{abs_id}"/>'
                                   f'{override}</w:num>'))


def _number(paragraph, num_id: str, ilvl: int = 0) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def build(path: Path) -> None:
    d = docx.Document()
    _numbering(d)
    d.add_paragraph("保密要害部门部位管理制度", style="Title")
    d.add_paragraph("为了加强保密要害部门部位管理，根据有关规定，制定本制度。")
    _number(d.add_paragraph("确定和调整", style="Heading 1"), "90")
    _number(d.add_paragraph("保密要害部门部位由保密委员会确定："), "91")
    _number(d.add_paragraph("产生、存储、处理绝密级国家秘密的部门"), "91", 1)
    _number(d.add_paragraph("集中管理机密级国家秘密载体的部位。"), "91", 1)
    _number(d.add_paragraph("情况变化时及时调整。"), "91")
    _number(d.add_paragraph("防护措施", style="Heading 1"), "90")
    _number(d.add_paragraph("采取人防、物防、技防措施。"), "92")
    _number(d.add_paragraph("2.防护设备台账见下表。"), "92")   # number typed by hand: not doubled
    table = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("部位", "措施"), ("机要室", "门禁、监控"), ("档案室", "防盗门")]):
        table.cell(r, 0).text = a
        table.cell(r, 1).text = b
    d.add_paragraph("附则", style="Heading 1")
    d.add_paragraph("本制度自2025年3月1日起施行。")
    d.save(str(path))


def test_docx_numbering_is_rebuilt(tmp_path):
    f = tmp_path / "要害部位.docx"
    build(f)
    src = read_docx(f)
    texts = [ln.text for ln in src.lines]
    assert "一、确定和调整" in texts and "二、防护措施" in texts
    assert "1.保密要害部门部位由保密委员会确定：" in texts
    assert "（1）产生、存储、处理绝密级国家秘密的部门" in texts and "（2）集中管理机密级国家秘密载体的部位。" in texts
    assert "2.情况变化时及时调整。" in texts
    assert "1.采取人防、物防、技防措施。" in texts  # numId 92 restarts at 1
    assert "2.防护设备台账见下表。" in texts         # the typed number is not doubled
    assert any(ln.kind == "table" for ln in src.lines)
    assert src.lines[0].kind == "title"


def test_docx_imports_as_structured_policy(tmp_path):
    f = tmp_path / "要害部位.docx"
    build(f)
    rep = run([str(f)], out_dir=tmp_path / "out", config=load(ROOT), lint=False)
    (ir,) = rep.inputs
    assert ir.kind == "docx"
    (p,) = ir.policies
    assert p.title == "保密要害部门部位管理制度" and p.style == "公文式"
    md = p.content
    assert "category: 要害部门部位" in md and "effective: 2025-03-01" in md
    assert "## 一、确定和调整" in md and "## 二、防护措施" in md and "## 三、附则" in md
    # 一、 → 1. → （1） as written skips （一）: written canonically, numbers kept
    assert "\n（一）保密要害部门部位由保密委员会确定：\n" in md
    assert "\n1. 产生、存储、处理绝密级国家秘密的部门\n" in md
    assert "| 部位 | 措施 |\n|---|---|\n| 机要室 | 门禁、监控 |\n| 档案室 | 防盗门 |" in md
    pol = parse_text(md, tmp_path / "x.md", "x.md")
    assert [h.title for h in pol.headings] == ["确定和调整", "防护措施", "附则"]
    assert [c.number for c in pol.headings[0].children] == [1, 2]
    assert [c.number for c in pol.headings[0].children[0].children] == [1, 2]
    # the heading without a number got one, and the report says so
    assert any("附则" in m and "没有编号" in m for _, m in p.uncertain)
    assert "\n（二）防护设备台账见下表。\n" in md
    assert (tmp_path / "out").joinpath(Path(p.path).name).read_text(encoding="utf-8") == md


# --- sources that carry a 国家秘密 marking ---------------------------------------------------

BODY = ["测试保密管理制度", "第一条 为了加强保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。",
        "第二条 违反本制度的，依纪依法给予处分。", "第三条 本制度自2025年3月1日起施行。"]


def _marked_docx(path: Path, *, header: str | None = None, first: str | None = None, prop: tuple | None = None,
                 footer: str | None = None) -> Path:
    d = docx.Document()
    if header:
        d.sections[0].header.is_linked_to_previous = False
        d.sections[0].header.paragraphs[0].text = header
    if footer:
        d.sections[0].footer.is_linked_to_previous = False
        d.sections[0].footer.paragraphs[0].text = footer
    if prop:
        setattr(d.core_properties, prop[0], prop[1])
    for line in ([first] if first else []) + BODY:
        d.add_paragraph(line)
    d.save(str(path))
    return path


def _import(tmp_path, f):
    from baomi.importer.report import render_text

    rep = run([str(f)], out_dir=tmp_path / "out", config=load(ROOT), lint=False)
    written = sorted((tmp_path / "out").glob("*.md"))
    return rep, render_text(rep), written


def _classification(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("classification:"):
            return line.split(":", 1)[1].split("#")[0].strip()
    return ""


CASES = [
    ("header", dict(header="机密★10年"), "第1节页眉", "机密"),
    ("footer", dict(footer="绝密★长期"), "第1节页脚", "绝密"),
    ("first-paragraph", dict(first="机密★10年"), "第1段", "机密"),
    ("title-property", dict(prop=("title", "秘密★5年 测试保密管理制度")), "文档属性“标题”", "秘密"),
    ("keywords-property", dict(prop=("keywords", "机密★10年")), "文档属性“关键词”", "机密"),
    ("category-property", dict(prop=("category", "密级：机密")), "文档属性“类别”", "机密"),
    ("subject-property", dict(prop=("subject", "绝密")), "文档属性“主题”", "绝密"),
]


@pytest.mark.parametrize("name,kw,where,level", CASES, ids=[c[0] for c in CASES])
def test_docx_marking_is_not_imported_and_fails(tmp_path, name, kw, where, level):
    f = _marked_docx(tmp_path / f"{name}.docx", **kw)
    rep, text, written = _import(tmp_path, f)
    assert rep.exit_code() == 1
    # a source judged classified is not written at all: no policy, no file, no content kept
    assert written == [] and rep.policies == [], [p.name for p in written]
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert f"{name}.docx" in text and where in text and "国家秘密标志" in text and f"应为{level}级" in text
    assert "未导入" in text and "没有写入任何文件" in text and "classification:" not in text
    assert "涉密文件不得在非涉密计算机和网络中存储、处理" in text
    assert rep.inputs[0].to_json()["classified"] == level and rep.summary()["classified"] == 1


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_docx_marking_dry_run_and_force_report_the_same(tmp_path, force):
    import json

    from baomi.importer.report import render_json, render_text

    f = _marked_docx(tmp_path / "m.docx", header="机密★10年")
    rep = run([str(f)], out_dir=tmp_path / "out", config=load(ROOT), lint=False, dry_run=True, force=force)
    text, doc = render_text(rep, show_content=True), json.loads(render_json(rep))
    assert rep.exit_code() == 1 and rep.policies == [] and not (tmp_path / "out").exists()
    assert "未导入" in text and "第1节页眉" in text and "-----" not in text    # no content shown either
    assert doc["inputs"][0]["classified"] == "机密" and doc["inputs"][0]["policies"] == []
    assert "第一条" not in json.dumps(doc, ensure_ascii=False)
    rep = run([str(f)], out_dir=tmp_path / "out", config=load(ROOT), lint=False, force=True)
    assert rep.exit_code() == 1 and rep.policies == [] and not (tmp_path / "out").exists()


def test_unmarked_docx_stays_ordinary(tmp_path):
    f = _marked_docx(tmp_path / "plain.docx", header="本单位保密办公室", prop=("keywords", "国家秘密 定密"))
    rep, text, written = _import(tmp_path, f)
    assert rep.exit_code() == 0 and "国家秘密标志" not in text
    assert len(written) == 1 and _classification(written[0]) == "内部"


@pytest.mark.parametrize("lines,where,level", [
    (["机密★10年"] + BODY, "第1行", "机密"),
    (BODY[:1] + ["本文件密级：秘密"] + BODY[1:], "第2行", "秘密"),
    (BODY[:2] + ["第三条 本条所述事项为绝密★长期，不得外传。"] + BODY[3:], "第3行", "绝密"),
], ids=["first-line", "declared-level", "body"])
def test_txt_marking_is_not_imported_and_fails(tmp_path, lines, where, level):
    f = tmp_path / "src.txt"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rep, text, written = _import(tmp_path, f)
    assert rep.exit_code() == 1
    assert written == [] and rep.policies == [], [p.name for p in written]
    assert "src.txt" in text and where in text and "国家秘密标志" in text and "未导入" in text
    assert rep.inputs[0].to_json()["classified"] == level


def test_cli_import_of_marked_docx_exits_1(tmp_path):
    import os
    import subprocess
    import sys

    f = _marked_docx(tmp_path / "m.docx", header="机密★10年")
    res = subprocess.run([sys.executable, "-m", "baomi", "import", str(f), "-o", str(tmp_path / "out")],
                         cwd=ROOT, capture_output=True, text=True, timeout=120, env=dict(os.environ, NO_COLOR="1"))
    assert res.returncode == 1, res.stdout + res.stderr
    out = res.stdout + res.stderr
    assert "国家秘密标志" in out and "第1节页眉" in out and "m.docx" in out and "未导入" in out
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
