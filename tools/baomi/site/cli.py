"""`baomi build` and `baomi serve` (registered by baomi.cli when this package is present)."""

from __future__ import annotations

import click


@click.command("build")
@click.option("--output", "-o", type=click.Path(file_okay=False), help="手册输出目录（默认 [tool.baomi] site_dir，即 site/）")
@click.option("--strict", is_flag=True, help="制度检查有警告也不生成手册")
@click.option("--drafts/--no-drafts", default=None, help="是否发布草案（默认按 [tool.baomi] drafts）")
@click.option("--quiet", "-q", is_flag=True, help="只输出问题")
def build_command(output, strict, drafts, quiet):
    """先检查全部制度，无错误时生成内网手册（原子替换 site/）。"""
    from pathlib import Path

    from ..config import load
    from ..outpath import check_site_dir
    from .build import build

    config = load()
    site_dir = check_site_dir(output, config) if output else None
    rc = build(config, strict=strict, drafts=drafts, quiet=quiet, site_dir=site_dir)
    raise click.exceptions.Exit(rc)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址")
@click.option("--port", default=8000, show_default=True, type=int, help="端口")
@click.option("--drafts/--no-drafts", default=True, show_default=True,
              help="预览中显示草案（页面标明“本制度为草案”）；--no-drafts 与正式手册一致")
def serve_command(host, port, drafts):
    """本地预览手册，修改制度后自动刷新。"""
    import sys

    from ..config import load
    from .build import serve

    shown = "显示草案" if drafts else "不显示草案"
    print(f"手册预览：http://{host}:{port}/（{shown}；修改制度后自动刷新，按 Ctrl+C 停止）",
          file=sys.stderr, flush=True)
    raise click.exceptions.Exit(serve(load(), host=host, port=port, drafts=drafts))
