"""`baomi checklist`: the 自查自评 coverage matrix, item by item."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def render_text(cov: dict) -> str:
    """The matrix as plain text: the listing `document.build.coverage_listing` printed by
    `document.text_render` (one line per item, the missing clauses under it, the summary last)."""
    from .document import text_render
    from .document.build import coverage_listing

    return text_render.render(coverage_listing(cov))


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
