"""`baomi init` (a new office's rule-book repository) and `baomi new` (a policy from a template)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import click

from .numerals import to_chinese
from .resources import shipped, templates

_ID = re.compile(r"^id:\s*['\"]?([A-Z][A-Z0-9]*)-(\d+)", re.M)


def _write_new(path: Path, text: str, force: bool) -> None:
    if path.exists() and not force:
        raise click.ClickException(f"{path} 已存在，未覆盖（确需覆盖请加 --force）")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _template(name: str, **values) -> str:
    text = (templates() / "init" / name).read_text(encoding="utf-8")
    for k, v in values.items():
        text = text.replace("{" + k + "}", v)
    return text


def init_repository(target: Path, *, unit: str, minimal: bool, force: bool) -> list[Path]:
    """Create the repository; returns the files written. Never overwrites without force."""
    target.mkdir(parents=True, exist_ok=True)
    if not force and any(target.iterdir()):
        existing = [p.name for p in target.iterdir() if p.name != ".git"]
        if existing:
            raise click.ClickException(f"目录 {target} 不是空的（{'、'.join(sorted(existing)[:5])}），未写入任何文件；"
                                       "确需写入请加 --force")
    written: list[Path] = []

    def put(rel: str, text: str):
        p = target / rel
        _write_new(p, text, force)
        written.append(p)

    extra = ""
    if minimal:
        extra = ("# 示例汇编只有一份制度，暂不检查自查自评覆盖情况；制度补齐后删除下面一行，\n"
                 "# 让 CI 在缺少强制条款时失败。\nignore = [\"checklist\"]\n")
    put("pyproject.toml", _template("pyproject.toml", unit=unit, extra=extra))
    put(".gitignore", _template("gitignore"))
    put(".gitlab-ci.yml", _template("gitlab-ci.yml"))
    put(".github/workflows/baomi.yml", _template("github-workflow.yml"))
    put(".pre-commit-config.yaml", _template("pre-commit-config.yaml"))
    put(".vscode/settings.json", _template("vscode-settings.json"))
    put(".vscode/tasks.json", _template("vscode-tasks.json"))
    from .data import Data

    put(".vscode/policy.schema.json", json.dumps(Data().schema(), ensure_ascii=False, indent=2) + "\n")
    put("README.md", _template("README.md", unit=unit))
    put("mkdocs.yml", shipped("mkdocs.yml").read_text(encoding="utf-8"))
    overrides = shipped("site_overrides")
    if overrides.is_dir():
        for f in sorted(overrides.rglob("*")):
            if f.is_file():
                put(f"site_overrides/{f.relative_to(overrides)}", f.read_text(encoding="utf-8"))
    (target / "schemas").mkdir(exist_ok=True)
    src = shipped("policies")
    names = sorted(p.name for p in src.glob("*.md"))
    if minimal:
        names = [n for n in names if n == "baomi-shouze.md"] or names[:1]
    for name in names:
        put(f"policies/{name}", (src / name).read_text(encoding="utf-8").replace("本单位", "本单位"))
    return written


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--unit", default="本单位", help="单位名称（写入 README 和配置）")
@click.option("--minimal", is_flag=True, help="只放一份示例制度（保密守则），而不是整套示范汇编")
@click.option("--force", is_flag=True, help="目录非空或文件已存在时仍然写入")
def init_command(directory, unit, minimal, force):
    """新建一个单位的保密制度汇编仓库（配置、示范制度、CI 模板、编辑器设置），建好即可检查和生成手册。"""
    target = Path(directory)
    written = init_repository(target, unit=unit, minimal=minimal, force=force)
    click.echo(f"已在 {target} 创建保密制度汇编（{len(written)} 个文件）。下一步：")
    click.echo(f"  cd {target} && baomi lint && baomi build")
    return 0


# --- baomi new ---------------------------------------------------------------------------

def next_free_id(policies_dir: Path, prefix: str = "BM") -> str:
    used = []
    for p in policies_dir.rglob("*.md") if policies_dir.is_dir() else []:
        try:
            m = _ID.search(p.read_text(encoding="utf-8", errors="replace")[:2000])
        except OSError:
            continue
        if m and m.group(1) == prefix:
            used.append(int(m.group(2)))
    return f"{prefix}-{(max(used) + 1 if used else 1):02d}"


def _self_name(title: str) -> str:
    for suffix in ("细则", "办法", "规定", "守则", "规则", "制度", "方案"):
        if title.endswith(suffix):
            return "本" + suffix
    return "本制度"


def _slug(title: str) -> str:
    from pypinyin import lazy_pinyin

    words = [w for w in lazy_pinyin(title) if re.fullmatch(r"[a-z]+", w)]
    return "-".join(words[:6]) or "policy"


def new_policy_text(data, *, category: str, title: str, policy_id: str, owner: str, today: str) -> str:
    cat = next((c for c in data.categories if c["key"] == category), None)
    if cat is None and category != "其他":
        keys = "、".join(sorted(data.category_keys))
        raise click.ClickException(f"没有类别 {category}（可选：{keys}）")
    items = [i for i in data.checklist_items.values() if i.get("category") == category]
    chapters = list((cat or {}).get("mandated_chapters") or ["总则", "管理要求", "监督和责任追究", "附则"])
    if chapters[0] != "总则":
        chapters.insert(0, "总则")
    if chapters[-1] != "附则":
        chapters.append("附则")
    self_name = _self_name(title)
    review_year = int(today[:4]) + 2
    covers = ", ".join(f'"{i["id"]}"' for i in items)
    lines = [
        "---",
        f"id: {policy_id}",
        f"title: {title}",
        f"category: {category}",
        "scope: 本单位全体工作人员（请按实际修改适用范围）",
        f"owner: {owner}",
        "roles: [全体工作人员]",
        f"covers: [{covers}]",
        "basis: [保密法, 保密法实施条例]",
        "classification: 内部",
        "status: 草案",
        f"effective: {today}",
        f"review: {review_year}{today[4:]}",
        "---",
        "",
        f"# {title}",
        "",
    ]
    n = 0

    def article(text: str):
        nonlocal n
        n += 1
        lines.extend([f"第{to_chinese(n)}条 {text}", ""])

    for ci, chapter in enumerate(chapters, 1):
        lines.extend([f"## 第{to_chinese(ci)}章 {chapter}", ""])
        if chapter == "总则":
            article(f"为了加强{(cat or {}).get('name', '保密')}工作，根据《中华人民共和国保守国家秘密法》"
                    f"和《中华人民共和国保守国家秘密法实施条例》，结合本单位实际，制定{self_name}。")
            article(f"{self_name}适用于本单位（待补充适用范围）。")
        elif chapter == "附则":
            article(f"{self_name}由{owner}负责解释。")
            article(f"{self_name}自（待定）起施行。")
        elif ci == len(chapters) - 1:
            article(f"违反{self_name}规定的，依纪依法追究有关人员的责任。")
        elif ci == 2 and items:
            # what the self-inspection checklist requires a policy of this category to say
            for item in items:
                for clause in item.get("clauses", []):
                    article(f"【待补充：自查自评{item.get('label', item['id'])}要求写明——{clause['must']}】")
        else:
            article("【待补充】")
    return "\n".join(lines).rstrip("\n") + "\n"


@click.command("new")
@click.option("--category", "-c", required=True, help="制度类别（见 schemas/categories.yaml）")
@click.option("--title", "-t", required=True, help="制度标题，例如 涉密人员保密管理制度")
@click.option("--id", "policy_id", help="制度编号（默认取下一个未用编号）")
@click.option("--owner", default="保密办公室", help="归口部门")
@click.option("--output", "-o", type=click.Path(), help="文件路径或文件夹（默认 policies/<拼音>.md）")
@click.option("--force", is_flag=True, help="文件已存在时覆盖")
def new_command(category, title, policy_id, owner, output, force):
    """按类别新建一份制度：下一个编号、必备章节，以及自查自评要求该类制度写明的条款占位。"""
    import datetime as dt

    from .config import load

    config = load()
    policy_id = policy_id or next_free_id(config.policies)
    text = new_policy_text(config.data, category=category, title=title, policy_id=policy_id, owner=owner,
                           today=dt.date.today().isoformat())
    from .outpath import resolve_output

    name = f"{_slug(title)}.md"
    path = resolve_output(output, name, protect=False, create=False) if output else config.policies / name
    _write_new(path, text, force)
    click.echo(f"已创建 {path}（编号 {policy_id}，状态 草案）；请补全“【待补充】”处后运行 baomi lint。")
    return 0
