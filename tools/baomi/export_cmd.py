"""`baomi export`: a policy as an issued 公文 (.docx/.pdf, GB/T 9704), or the whole 汇编.

The document is built once as the neutral model (`baomi.document.build`), written as .docx
(`baomi.document.docx_render`) and, for PDF, converted by LibreOffice (`baomi.document.pdf`).
The publishing guard applies (`site.guard.refusal`): a classified policy is refused; the
produced document is read back by the site's output scan before it is put in place. Writes are
atomic; an existing file that baomi did not generate is replaced only with `--force`.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from .lint import UsageError
from .model import Status


def _natural(p) -> tuple:
    key = p.id or p.relpath
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"(\d+)", key))


def _check_target(target: Path, force: bool) -> None:
    from .outpath import check_replace

    check_replace(target, force)


def _scan(path: Path) -> None:
    """The site's output scan over every part of the document (defence in depth)."""
    from .site.scan import scan_bytes

    hits = scan_bytes(path.name, path.read_bytes())
    if hits:
        where, marking = hits[0]
        raise UsageError(f"生成的文件 {where} 中出现国家秘密标志“{marking.text}”：拒绝输出（上网不涉密、涉密不上网）")


def _place(made: Path, target: Path) -> None:
    """Move a finished file into place atomically (the one atomic writer of `baomi.files`)."""
    from .files import atomic_write

    atomic_write(target, made.read_bytes())


def running_headers(model) -> dict[str, str]:
    """Title (listed in the 目录) → the running header of the page it starts on."""
    from .document import Break, Title

    out, header = {}, model.header
    for b in model.blocks:
        if isinstance(b, Break):
            header = b.header
        elif isinstance(b, Title) and b.toc:
            out[b.text] = header or ""
    return out


def write_document(model, target: Path, fmt: str, *, log=None) -> dict[str, int]:
    """Render `model` to `target` (.docx or .pdf); with a 目录, its page numbers come from the
    PDF LibreOffice lays out (two passes, a third if the numbers moved). Returns title → page."""
    import shutil
    import tempfile

    from .document import pdf as pdfmod
    from .document.docx_render import render

    toc = model.toc_titles()
    pages: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="baomi-export-") as tmp:
        tmp = Path(tmp)
        docx = tmp / (target.stem + ".docx")
        out_pdf = tmp / (target.stem + ".pdf")
        render(model, docx)
        need_pdf = fmt == "pdf" or bool(toc)
        if need_pdf and toc and fmt == "docx" and (shutil.which("soffice") or shutil.which("libreoffice")) is None:
            if log:
                log("baomi：未找到 LibreOffice，目录页码未填写（在 Word 中打开后按 F9 更新目录）")
            need_pdf = False
        if need_pdf:
            pdfmod.to_pdf(docx, out_pdf)
            for _ in range(3):
                if not toc:
                    break
                found = pdfmod.pages_of_titles(out_pdf, toc, running_headers(model))
                if found == pages:
                    break
                pages = found
                render(model, docx, toc_pages={t: str(n) for t, n in pages.items()})
                pdfmod.to_pdf(docx, out_pdf)
            missing = [t for t in toc if t not in pages]
            if missing and log:
                log(f"baomi：目录中 {len(missing)} 项未能在 PDF 中找到页码：{'、'.join(missing[:3])}")
        final = out_pdf if fmt == "pdf" else docx
        _scan(docx)
        _place(final, target)
    return pages


@click.command("export")
@click.option("--policy", "policy_id", help="只导出这一制度（编号，例如 BM-07）；不指定时导出汇编")
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf"]), default="docx", help="输出格式")
@click.option("--output", "-o", type=click.Path(), required=True, help="输出文件（文件夹：写入其中的默认文件名）")
@click.option("--category", help="汇编只收这一类别的制度（schemas/categories.yaml）")
@click.option("--role", help="汇编只收适用于这一角色的制度（schemas/roles.yaml）")
@click.option("--double-sided", is_flag=True, help="双面印刷：每份制度从奇数页开始")
@click.option("--force", is_flag=True, help="覆盖已存在的、不是 baomi 生成的文件")
def export_command(policy_id, fmt, output, category, role, double_sided, force):
    """导出公文格式（GB/T 9704）的制度文件或制度汇编（.docx 或 PDF）。"""
    from .config import load
    from .generate import withheld_notice
    from .lint import load_corpus
    from .outpath import resolve_output
    from .site.guard import publishable, refusal

    config = load()
    corpus = load_corpus(config)
    if policy_id:
        if category or role:
            raise UsageError("--category 和 --role 只用于汇编（不指定 --policy 时）")
        matches = [p for p in corpus.policies if p.id == policy_id]
        if not matches:
            known = "、".join(sorted(p.id for p in corpus.policies if p.id)) or "无"
            raise UsageError(f"没有编号为 {policy_id} 的制度（现有：{known}）")
        policy = matches[0]
        why = refusal(policy, drafts=True)
        if why:
            raise UsageError(f"{policy.relpath}：不能导出：{why}（上网不涉密、涉密不上网：涉密制度不由 baomi 生成文件）")
        from .document.build import policy_document

        model = policy_document(policy, config)
        title = re.sub(r'[\\/:*?"<>|\s\x00-\x1f]', "", policy.title or "") or "制度"
        default = f"{policy.id}-{title}.{fmt}"          # inside a folder given as --output
        target = resolve_output(output, default, config=config)
        _check_target(target, force)
        write_document(model, target, fmt, log=lambda m: click.echo(m, err=True))
        click.echo(f"已生成 {target}", err=True)
        return 0
    current = [p for p in corpus.policies if p.status == Status.CURRENT]
    if category:
        current = [p for p in current if p.meta.get("category") == category]
    if role:
        current = [p for p in current if role in [str(r) for r in (p.meta.get("roles") or [])]]
    published, held = publishable(current, drafts=False)
    if held:
        click.echo(withheld_notice(held), err=True)
    if not published:
        what = "、".join(x for x in (category, role) if x)
        raise UsageError(f"没有可以汇编的现行制度{('（' + what + '）') if what else ''}")
    published.sort(key=_natural)
    from .checklist import coverage_table
    from .document.build import collection_document

    cov = coverage_table(corpus, published)
    name = config.site_name + (f"（{category}）" if category else "") + (f"（{role}）" if role else "")
    model = collection_document(published, config, cov=cov, double_sided=double_sided, name=name)
    target = resolve_output(output, f"{config.site_name}.{fmt}", config=config)
    _check_target(target, force)
    pages = write_document(model, target, fmt, log=lambda m: click.echo(m, err=True))
    click.echo(f"已生成 {target}（{len(published)} 份制度" + (f"，目录 {len(pages)} 项" if pages else "") + "）",
               err=True)
    return 0
