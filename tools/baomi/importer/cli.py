"""The `baomi import` command (registered by baomi.cli)."""

from __future__ import annotations

import click


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--output", "-o", "output", type=click.Path(file_okay=False),
              help="写入制度文件的目录（默认为配置的制度目录 policies/）")
@click.option("--force", is_flag=True, help="覆盖已存在的同名制度文件（保留其编号）")
@click.option("--dry-run", is_flag=True, help="只显示导入结果，不写入文件")
@click.option("--to-simplified", is_flag=True, help="用 OpenCC 把繁体转换为简体")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="报告格式")
@click.option("--quiet", "-q", is_flag=True, help="不显示进度条，报告只列出检查错误和汇总（用于 CI）")
def import_command(files, output, force, dry_run, to_simplified, fmt, quiet):
    """把 Word（.docx）和文本（.txt）制度文件导入为结构化的制度 Markdown。

    自动识别编码（UTF-8/GB18030）、删除网页和分页残留、识别章条或公文式层级、
    拆分一个文件中的多篇文件，写入后运行检查，并报告需要人工核对之处。
    """
    from .report import render_json, render_text
    from .run import run

    if output:
        from pathlib import Path

        from ..config import load
        from ..outpath import refuse_protected

        # imported policies belong in a policies folder; never in schemas/, never over an input
        refuse_protected(Path(output), load(), files, policies_ok=True)

    report = run(list(files), out_dir=output, force=force, dry_run=dry_run,
                 to_simplified=to_simplified, fmt=fmt, progress=False if quiet else None)
    if fmt == "json":
        click.echo(render_json(report), nl=False)
    else:
        click.echo(render_text(report, show_content=dry_run and not quiet, quiet=quiet), nl=False)
    return report.exit_code()
