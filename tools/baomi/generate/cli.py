"""`baomi pledge` and `baomi diff` (registered by baomi.cli when this module is present)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..lint import UsageError


def _config():
    from ..config import load

    return load()


def _write_text(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    click.echo(f"已生成 {output}", err=True)


def _guard(target: Path, config) -> Path:
    """`target`, unless it is a policy or data file (then exit 2, see baomi.outpath)."""
    from ..outpath import refuse_protected

    refuse_protected(target, config)
    return target


def _is_dir_target(output: Path) -> bool:
    return output.is_dir() or not output.suffix


@click.command("pledge")
@click.option("--role", help="角色（schemas/roles.yaml 中的 key，例如 涉密人员）；不指定时生成全部角色")
@click.option("--kind", type=click.Choice(["上岗", "在岗", "离岗"]), help="承诺书种类；不指定时生成全部种类")
@click.option("--format", "fmt", type=click.Choice(["html", "docx"]), default="html", help="输出格式")
@click.option("--output", "-o", type=click.Path(), help="输出文件；生成多份时可为目录（每份一个文件）")
def pledge_command(role, kind, fmt, output):
    """生成保密承诺书：承诺事项取自现行制度中标为承诺条目（pledge）的条文。"""
    from ..lint import load_corpus
    from .pledge import PledgeProblem, pledge_forms, render_html, write_docx

    config = _config()
    corpus = load_corpus(config)
    if role:
        known = [str(r["key"]) for r in corpus.data.roles] if corpus.data is not None else []
        for p in corpus.policies:
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
    out = Path(output) if output else None
    if out is not None and (len(forms) > 1 or out.is_dir()) and _is_dir_target(out):
        for f in forms:
            _guard(out / f"{f.slug}.{fmt}", config)
        out.mkdir(parents=True, exist_ok=True)
        for f in forms:
            target = out / f"{f.slug}.{fmt}"
            if fmt == "docx":
                write_docx(f, target)
            else:
                target.write_text(render_html(f), encoding="utf-8")
        click.echo(f"已生成 {len(forms)} 份承诺书，保存在 {out}", err=True)
    elif fmt == "docx":
        if out is None:
            raise UsageError("生成 .docx 需要用 --output 指定文件或目录")
        write_docx(forms if len(forms) > 1 else forms[0], _guard(out, config))
        click.echo(f"已生成 {out}", err=True)
    else:
        _write_text(render_html(forms if len(forms) > 1 else forms[0]), out and _guard(out, config))
    return 1 if problems else 0


@click.command("diff")
@click.argument("rev_a")
@click.argument("rev_b", required=False)
@click.option("--policy", "policy_id", help="只比较这一制度（编号，例如 BM-03）")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "docx"]), default="text", help="输出格式")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="写入文件而不是标准输出")
def diff_command(rev_a, rev_b, policy_id, fmt, output):
    """修订对照表：逐条比较两个 Git 修订版本的制度（不写 REV_B 时与工作区比较）。"""
    from .diff import diff_revisions, render_html, render_text, write_docx

    config = _config()
    out = _guard(Path(output), config) if output else None
    cd = diff_revisions(config, rev_a, rev_b, policy_id)
    if fmt == "docx":
        if out is None:
            raise UsageError("生成 .docx 需要用 --output 指定文件")
        write_docx(cd, out)
        click.echo(f"已生成 {out}", err=True)
    elif fmt == "html":
        _write_text(render_html(cd), out)
    else:
        _write_text(render_text(cd), out)
    return 0
