"""The 自查自评 coverage table as a Word document the office fills in during the annual
self-inspection: the title, the unit and date line, how the table was filled, and the table
(`document.build.coverage_table` with the columns to fill in), rendered by `document.form_docx`."""

from __future__ import annotations

from pathlib import Path

from ..checklist import coverage_table, summary_line
from ..document import Document, Para, Title
from ..document.build import COVERAGE_COLUMNS, COVERAGE_FILL_IN, coverage_table as table_block

COLUMNS = COVERAGE_COLUMNS + COVERAGE_FILL_IN
FILL_IN = COVERAGE_FILL_IN
WIDTHS_MM = [19, 56, 20, 50, 26, 24, 24, 19, 19]
TITLE = "保密自查自评表（制度部分）"


def form_document(cov: dict, *, unit: str = "本单位", title: str = TITLE) -> Document:
    doc = Document(title=title, landscape=True, subject=unit)
    doc.add(Title(title))
    doc.add(Para(f"单位：{unit}　　　　自查时间：　　　年　　月　　日", "lead"))
    doc.add(Para(f"制度覆盖情况由 baomi 根据制度汇编自动填写：{summary_line(cov['summary'])}。其余各栏由自查人员填写。",
                 "lead"))
    doc.add(table_block(cov, areas=False, fill=True, detail=False, widths_mm=WIDTHS_MM))
    return doc


def write(cov: dict, path: Path, *, unit: str = "本单位", title: str = TITLE) -> Path:
    from ..document import form_docx

    return form_docx.render(form_document(cov, unit=unit, title=title), path)


def write_coverage_docx(corpus, path, unit: str = "本单位") -> Path:
    """Write the 自查自评 table of `corpus` (.docx, python-docx imported only here); its path."""
    return write(coverage_table(corpus), path, unit=unit)
