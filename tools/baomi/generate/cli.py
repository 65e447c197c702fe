"""`baomi pledge` and `baomi diff` (registered by baomi.cli when this module is present)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..lint import UsageError
from ..model import Status


def _config():
    from ..config import load

    return load()


def _write_text(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    output.write_text(text, encoding="utf-8")
    click.echo(f"已生成 {output}", err=True)


@click.command("pledge")
@click.option("--role", help="角色（schemas/roles.yaml 中的 key，例如 涉密人员）；不指定时生成全部角色")
@click.option("--kind", type=click.Choice(["上岗", "在岗", "离岗"]), help="承诺书种类；不指定时生成全部种类")
@click.option("--format", "fmt", type=click.Choice(["html", "docx", "text"]), default="html", help="输出格式")
@click.option("--output", "-o", type=click.Path(), help="输出文件；生成多份时可为目录（每份一个文件）")
@click.option("--force", is_flag=True, help="覆盖已存在的、不是 baomi 生成的文件")
def pledge_command(role, kind, fmt, output, force):
    """生成保密承诺书：承诺事项取自现行制度中标为承诺条目（pledge）的条文。"""
    from ..lint import load_corpus
    from ..outpath import check_replace, names_folder, resolve_output, resolve_output_dir
    from ..site.guard import publishable
    from . import withheld_notice
    from .pledge import PledgeProblem, pledge_forms, render_html, render_text, write_docx

    config = _config()
    corpus = load_corpus(config)
    published, held = publishable([p for p in corpus.policies if p.status == Status.CURRENT], drafts=True)
    if held:
        click.echo(withheld_notice(held), err=True)
    if role:
        known = [r.key for r in corpus.data.roles] if corpus.data is not None else []
        for p in published:
            for e in p.meta.get("pledge") or []:
                if isinstance(e, dict):
                    known += [str(r) for r in e.get("roles") or [] if str(r) not in known]
        if role not in known:
            raise UsageError(f"未知角色“{role}”（可用：{'、'.join(known) or '无'}）")
    problems: list[PledgeProblem] = []
    forms = pledge_forms(corpus, problems, roles=[role] if role else None, kinds=[kind] if kind else None)
    for pr in problems:
        click.echo(f"baomi：{pr}", err=True)
    if not forms:
        what = "、".join(x for x in (role, kind) if x) or "任何角色"
        click.echo(f"baomi：现行制度中没有{what}的承诺条目，未生成承诺书", err=True)
        return 1
    if output and (names_folder(output) or (len(forms) > 1 and not Path(output).suffix)):
        out = resolve_output_dir(output, config=config)
        ext = "txt" if fmt == "text" else fmt
        for f in forms:                                   # every file checked before any is written
            check_replace(out / f"{f.slug}.{ext}", force)
        for f in forms:
            target = out / f"{f.slug}.{ext}"
            if fmt == "docx":
                write_docx(f, target)
            else:
                target.write_text((render_text if fmt == "text" else render_html)(f), encoding="utf-8")
        click.echo(f"已生成 {len(forms)} 份承诺书，保存在 {out}", err=True)
    elif fmt == "docx":
        if not output:
            raise UsageError("生成 .docx 需要用 --output 指定文件或目录")
        out = resolve_output(output, f"{forms[0].slug}.docx", config=config)
        check_replace(out, force)
        write_docx(forms if len(forms) > 1 else forms[0], out)
        click.echo(f"已生成 {out}", err=True)
    else:
        render = render_text if fmt == "text" else render_html
        out = resolve_output(output, f"{forms[0].slug}.{'txt' if fmt == 'text' else 'html'}", config=config)
        check_replace(out, force)
        _write_text(render(forms if len(forms) > 1 else forms[0]), out)
    return 1 if problems else 0


@click.command("diff")
@click.argument("rev_a")
@click.argument("rev_b", required=False)
@click.option("--policy", "policy_id", help="只比较这一制度（编号，例如 BM-03）")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "docx"]), default="text", help="输出格式")
@click.option("--output", "-o", type=click.Path(), help="写入文件而不是标准输出（文件夹：写入其中的 修订对照表.<格式>）")
@click.option("--force", is_flag=True, help="覆盖已存在的、不是 baomi 生成的文件")
def diff_command(rev_a, rev_b, policy_id, fmt, output, force):
    """修订对照表：逐条比较两个 Git 修订版本的制度（不写 REV_B 时与工作区比较）。"""
    from ..outpath import check_replace, resolve_output
    from .diff import diff_revisions
    from .diff_render import render_html, render_text, write_docx

    config = _config()
    if fmt == "docx" and not output:
        raise UsageError("生成 .docx 需要用 --output 指定文件")
    out = resolve_output(output, f"修订对照表.{'txt' if fmt == 'text' else fmt}", config=config)   # before any work
    check_replace(out, force)
    cd = diff_revisions(config, rev_a, rev_b, policy_id)
    if fmt == "docx":
        write_docx(cd, out)
        click.echo(f"已生成 {out}", err=True)
    elif fmt == "html":
        _write_text(render_html(cd), out)
    else:
        _write_text(render_text(cd), out)
    return 0
