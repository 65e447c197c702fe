"""Render an import report: Chinese text for people, JSON for scripts."""

from __future__ import annotations

import json

from .. import __version__
from .run import Report
from ..model import Style

_STATUS = {"written": "已写入", "overwritten": "已覆盖", "dry-run": "试运行，未写入", "exists": "已存在，未覆盖"}
_SEV = {"error": "错误", "warning": "警告", "info": "提示"}


def _counts(style: str | None, c: dict) -> str:
    if style == Style.TIAOKUAN:
        parts = [f"{c['chapters']}章", f"{c['sections']}节", f"{c['articles']}条", f"{c['items']}项",
                 f"{c['subitems']}目"]
    else:
        parts = [f"{c['sections']}个一级标题（一、）", f"{c.get('subsections', 0)}个（一）",
                 f"{c['items']}个 1.", f"{c['subitems']}个（1）"]
    parts.append(f"{c['paragraphs']}段")
    if c.get("tables"):
        parts.append(f"{c['tables']}行表格")
    if c.get("attachments"):
        parts.append(f"附件部分 {c['attachments']} 段")
    return "，".join(parts)


def render_text(report: Report, *, show_content: bool = False, quiet: bool = False) -> str:
    """The import report; `quiet` (CI): only files that could not be imported, each policy's
    path and lint errors, and the summary line."""
    out: list[str] = []
    for ir in report.inputs:
        if ir.error:
            out.append(f"{ir.path}：无法导入：{ir.error}")
            continue
        if ir.markings:
            where = "；".join(f"{w}“{t}”" for w, _, t in ir.markings[:5]) + ("等" if len(ir.markings) > 5 else "")
            written = "试运行；实际导入时也不会写入任何文件" if report.dry_run else "没有写入任何文件"
            out.append(f"{ir.path}：错误：源文件带有国家秘密标志（{where}），应为{ir.level}级国家秘密载体，"
                       f"未导入（{written}，--force 也不导入）。"
                       "涉密文件不得在非涉密计算机和网络中存储、处理，请按涉密载体管理规定处理。")
            continue
        if quiet:
            for p in ir.policies:
                errs = [d for d in p.lint if d["severity"] == "error"]
                out.append(f"{p.path}：{_STATUS[p.status]}，需要核对 {len(p.uncertain)} 处，检查错误 {len(errs)} 个")
                out.extend(f"  {d['line']}:{d['column']} {d['rule']} {d['message']}" for d in errs)
            continue
        kind = "Word 文档" if ir.kind == "docx" else f"文本，编码 {ir.encoding}"
        out.append(f"{ir.path}（{kind}）：识别出 {len(ir.policies)} 份制度")
        for ln, msg in ir.notes:
            out.append(f"  注意：第{ln}行：{msg}")
        if ir.removed:
            out.append(f"  删除的页面残留（{len(ir.removed)} 处）：")
            for r in ir.removed:
                text = r.text if len(r.text) <= 40 else r.text[:38] + "……"
                out.append(f"    第{r.line}行 [{r.reason}] {text}")
        for p in ir.policies:
            out.append(f"  → {p.path}  {p.id}  《{p.title}》  {p.style or '结构未识别'}  "
                       f"（原文第{p.lines[0]}—{p.lines[1]}行）  {_STATUS[p.status]}")
            out.append(f"    分篇：自原文第{p.lines[0]}行起，把握{p.confidence}（{'；'.join(p.evidence) or '全文一篇'}）")
            out.append(f"    结构：{_counts(p.style, p.counts)}")
            if p.removed:
                out.append(f"    本篇中删除的页面残留 {len(p.removed)} 处：" + "；".join(
                    f"第{r.line}行 {r.reason}" for r in p.removed[:8]) + ("等" if len(p.removed) > 8 else ""))
            if p.marks:
                from .marks import NAMES
                out.append("    公文标志（已写入前置元数据，不作正文）：" + "；".join(
                    f"第{m.line}行 {NAMES.get(m.kind, m.kind)}“{m.value}”" for m in p.marks))
            if p.uncertain:
                out.append(f"    需要核对（{len(p.uncertain)} 处）：")
                for ln, msg in p.uncertain:
                    out.append(f"      第{ln}行：{msg}")
            if p.lint_note:
                out.append(f"    {p.lint_note}")
            if p.lint:
                errs = [d for d in p.lint if d["severity"] == "error"]
                out.append(f"    检查结果：{len(errs)} 个错误，{len(p.lint) - len(errs)} 个警告或提示：")
                for d in errs[:20]:
                    out.append(f"      {d['line']}:{d['column']} {d['rule']} 错误 {d['message']}")
                if len(errs) > 20:
                    out.append(f"      ……另有 {len(errs) - 20} 个错误")
                groups: dict[str, list[dict]] = {}
                for d in p.lint:
                    if d["severity"] != "error":
                        groups.setdefault(d["rule"], []).append(d)
                for rule, ds in sorted(groups.items(), key=lambda kv: -len(kv[1])):
                    first = ds[0]
                    fix = "，可自动修复" if all(d.get("fixable") for d in ds) else ""
                    out.append(f"      {rule} {_SEV.get(first['severity'], first['severity'])} {len(ds)} 处"
                               f"（首处 {first['line']}:{first['column']}：{first['message']}{fix}）")
                out.append(f"    （运行 baomi lint --fix {p.path} 可自动修复标点、用语等问题）")
            elif p.status != "exists" and not p.lint_note:
                out.append("    检查结果：没有发现问题")
            if show_content:
                out.append("")
                out.append(f"----- {p.path} -----")
                out.append(p.content.rstrip("\n"))
                out.append("-----")
    s = report.summary()
    verb = "可写入" if report.dry_run else "写入"
    out.append(f"共 {s['files']} 个文件，识别 {s['policies']} 份制度，{verb} "
               f"{s['policies'] - s['skipped'] if report.dry_run else s['written']} 份，跳过 {s['skipped']} 份；"
               f"删除页面残留 {s['removed']} 处，需要核对 {s['uncertain']} 处"
               + (f"；{s['classified']} 个文件带有国家秘密标志，未导入" if s["classified"] else "") + "。")
    return "\n".join(out) + "\n"


def render_json(report: Report) -> str:
    doc = {"tool": "baomi", "version": __version__, "command": "import", "dry_run": report.dry_run,
           "output": report.out_dir, "summary": report.summary(),
           "inputs": [i.to_json(with_content=report.dry_run) for i in report.inputs]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
