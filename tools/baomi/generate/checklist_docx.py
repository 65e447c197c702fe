"""The 自查自评 coverage table as a Word document the office fills in during the annual self-inspection."""

from __future__ import annotations

from pathlib import Path

from ..checklist import cited, coverage_table, summary_line

COLUMNS = ("序号", "检查内容", "制度覆盖情况", "覆盖制度和条文", "自查情况", "存在问题", "整改措施", "责任部门", "完成时限")
FILL_IN = COLUMNS[4:]


def write(cov: dict, path: Path, *, unit: str = "本单位", title: str = "保密自查自评表（制度部分）") -> Path:
    from docx.shared import Cm

    from .docx_util import add_table, add_text, add_title, new_document, set_cell, set_row_height, SMALL_SIZE

    doc = new_document(landscape=True, title=title)
    add_title(doc, title)
    s = cov["summary"]
    add_text(doc, f"单位：{unit}　　　　自查时间：　　　年　　月　　日", size=SMALL_SIZE)
    add_text(doc, f"制度覆盖情况由 baomi 根据制度汇编自动填写：{summary_line(s)}。其余各栏由自查人员填写。",
             size=SMALL_SIZE)
    widths = [Cm(1.9), Cm(5.6), Cm(2.0), Cm(5.0), Cm(2.6), Cm(2.4), Cm(2.4), Cm(1.9), Cm(1.9)]
    table = add_table(doc, COLUMNS, widths=widths)
    for it in cov["items"]:
        row = table.add_row()
        refs = []
        for p in it["policies"]:
            arts = [a["label"] for a in cited(p)]
            missing = [c["must"] for c in p["clauses"] if not c["ok"] and c.get("severity") != "warning"]
            advice = [c["must"] for c in p["clauses"] if not c["ok"] and c.get("severity") == "warning"]
            text = f"《{p['title']}》" + ("" if not arts else "、".join(arts))
            if missing:
                text += "（缺：" + "；".join(missing) + "）"
            if advice:
                text += "（建议：" + "；".join(advice) + "）"
            refs.append(text)
        if not refs and it.get("category"):
            refs.append(f"（应由{it['category']}类制度声明覆盖）")
        values = [it["label"], it["text"], it["status_text"], "\n".join(refs) or "—", "", "", "", "", ""]
        for cell, value in zip(row.cells, values):
            set_cell(cell, value)
        set_row_height(row, Cm(1.2))
    from .docx_util import set_widths

    set_widths(table, widths)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def write_coverage_docx(corpus, path, unit: str = "本单位") -> Path:
    """Write the 自查自评 table of `corpus` (.docx, python-docx imported only here); its path."""
    return write(coverage_table(corpus), path, unit=unit)
