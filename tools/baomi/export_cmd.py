"""`baomi export`: a policy as an issued 公文 (.docx/.pdf, GB/T 9704), or the whole 汇编.

The document is built once as the neutral model (`baomi.document.build`), written as .docx
(`baomi.document.docx_render`) and, for PDF, converted by LibreOffice (`baomi.document.pdf`).
The publishing guard applies (`site.guard.refusal`): a classified policy is refused; the
produced document is read back by the site's output scan before it is put in place. Writes are
atomic; an existing file that baomi did not generate is replaced only with `--force`.

An issued document is checked first, as `baomi build` is: the policies it issues are linted
(the whole book, so that cross-references are judged) and an error in one of them — or, for the
whole 汇编, in the book itself (a missing mandated category) — refuses the export (exit 1, the
findings listed). `--force` issues it anyway, with a warning.
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


def _lint_gate(result, issued, force: bool, *, whole_book: bool) -> bool:
    """May these policies be issued? Not when they fail lint (the findings are listed; the
    command exits 1), unless `force` (a warning, and yes)."""
    from .output import render
    from .output.text import summary

    paths = {p.relpath for p in issued}
    if whole_book:                       # the 汇编 of the whole book: its own findings count too
        paths |= {d.path for d in result.diagnostics} - {p.relpath for p in result.corpus.policies}
    errors = [d for d in result.diagnostics if d.severity == "error" and d.path in paths]
    if not errors:
        return True
    what = issued[0].relpath if len(issued) == 1 and not whole_book else f"汇编（{len(issued)} 份制度）"
    files = sorted({d.path for d in errors})
    if force:
        click.echo(f"baomi：警告：{what} 有 {len(errors)} 个检查错误，因 --force 仍然导出；"
                   f"正式印发前请运行 baomi lint {' '.join(files[:3])} 核对。", err=True)
        return True
    shown = type(result)(errors, files, result.corpus)
    lines = render("text", shown).rstrip("\n").split("\n")
    click.echo("\n".join(lines[:-1]), err=True)                   # the findings, without the summary
    click.echo(f"baomi：{what} 未通过制度检查（{summary(shown)}），未导出："
               f"请先修正（baomi lint {' '.join(files[:3])}）；确需按现状导出请加 --force。", err=True)
    return False


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
@click.option("--force", is_flag=True, help="覆盖已存在的、不是 baomi 生成的文件；制度检查有错误时仍然导出（给出警告）")
def export_command(policy_id, fmt, output, category, role, double_sided, force):
    """导出公文格式（GB/T 9704）的制度文件或制度汇编（.docx 或 PDF）。"""
    from .config import load
    from .generate import withheld_notice
    from .lint import lint
    from .outpath import resolve_output
    from .site.guard import publishable, refusal

    config = load()
    result = lint(None, config)            # the whole book: cross-references are judged across it
    corpus = result.corpus
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
        if not _lint_gate(result, [policy], force, whole_book=False):
            return 1
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
    if not _lint_gate(result, published, force, whole_book=not (category or role)):
        return 1
    pages = write_document(model, target, fmt, log=lambda m: click.echo(m, err=True))
    click.echo(f"已生成 {target}（{len(published)} 份制度" + (f"，目录 {len(pages)} 项" if pages else "") + "）",
               err=True)
    return 0
