"""`baomi checklist`: the 自查自评 coverage matrix, item by item."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def _pad(text: str, width: int) -> str:
    """Pad to a display width (CJK characters count two columns)."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def render_text(cov: dict) -> str:
    """The matrix as plain text: one line per item, the missing clauses under it, the summary last."""
    from .checklist import cited, summary_line

    lines = []
    area = None
    indent = " " * 26
    for it in cov["items"]:
        if it["area"] != area:
            area = it["area"]
            lines.append(f"\n{it.get('area_label', '')}{area}")
        where = "；".join(f"《{p['title']}》" + "、".join(a["label"] for a in cited(p))
                         for p in it["policies"]) or "—"
        lines.append(f"  {_pad(it['label'], 10)}  {_pad(it['status_text'], 12)}  {where}")
        for p in it["policies"]:
            for c in p["clauses"]:
                if not c["ok"] and c.get("severity") == "warning":
                    basis = f"；{c['basis']}" if c.get("basis") else ""
                    lines.append(f"{indent}建议写明：{c['must']}（{p['path']}{basis}）")
                elif not c["ok"]:
                    lines.append(f"{indent}缺少：{c['must']}（{p['path']}）")
        if it["status"] == "unclaimed":
            expected = "、".join(f"《{p['title']}》" for p in it["expected"]) or f"（尚无类别为{it['category']}的现行制度）"
            lines.append(f"{indent}应由{it['category']}类制度声明覆盖：{expected}")
    lines.append("\n" + summary_line(cov["summary"]))
    return "\n".join(lines).lstrip("\n") + "\n"


@click.command("checklist")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "docx"]), default="text", help="输出格式")
@click.option("--output", "-o", type=click.Path(), help="写入文件或目录（目录中写 自查自评表.<格式>；docx 必须指定）")
@click.option("--force", is_flag=True, help="覆盖已存在的、不是 baomi 生成的文件")
def checklist_command(fmt, output, force):
    """自查自评覆盖情况表：逐项列出覆盖状态、覆盖制度和条文；有缺少的强制条款或未声明的条目时退出码为 1。"""
    from .checklist import coverage_table
    from .config import load
    from .lint import load_corpus

    from .generate import withheld_notice
    from .outpath import check_replace, resolve_output
    from .site.guard import publishable

    config = load()
    if fmt == "docx" and not output:
        raise click.UsageError("docx 格式需要用 --output 指定文件")
    target = resolve_output(output, f"自查自评表.{'txt' if fmt == 'text' else fmt}", config=config)
    check_replace(target, force)
    corpus = load_corpus(config)
    published, held = publishable(corpus.policies, drafts=True)   # the publishing guard, as the site
    cov = coverage_table(corpus, published)
    if held:
        click.echo(withheld_notice(held), err=True)
    if fmt == "docx":
        from .generate.checklist_docx import write

        write(cov, target, unit=config.unit)
        click.echo(f"已写入 {target}", err=True)
    else:
        if fmt == "json":
            text = json.dumps(cov, ensure_ascii=False, indent=2) + "\n"
        elif fmt == "html":
            from .generate.checklist_html import page

            text = page(cov)
        else:
            text = render_text(cov)
        if target is not None:
            target.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    s = cov["summary"]
    return 1 if (s["missing_clauses"] or s["unclaimed"]) else 0
