"""`baomi init` (a new office's rule-book repository) and `baomi new` (a policy from a template)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import click

from . import grammar
from .files import markdown_files
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


SAMPLES = ("草案", "现行", "无")


def _toml_str(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def _with_status(text: str, status: str) -> str:
    """The policy with its front-matter `status` set (the sample rule book offered as drafts)."""
    return re.sub(r"^status:.*$", f"status: {status}", text, count=1, flags=re.M)


def init_repository(target: Path, *, unit: str, minimal: bool, force: bool, samples: str = "草案",
                    git: bool = True) -> list[Path]:
    """Create the repository; returns the files written. Never overwrites without force.

    `samples`: the model rule book as 草案 templates to adopt one by one (default), as 现行
    (adopted as it is), or 无 (an empty policies/ for a unit importing its own rules)."""
    if samples not in SAMPLES:
        raise click.ClickException(f"--samples 应为 {'、'.join(SAMPLES)} 之一，实为“{samples}”")
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

    named = unit != "本单位"
    site_name = f"{unit}保密制度汇编" if named else "保密制度汇编"
    extra = ""
    if minimal and samples == "现行":
        extra = ("# 示例汇编只有一份制度，暂不检查自查自评覆盖情况；制度补齐后删除下面一行，\n"
                 "# 让 CI 在缺少强制条款时失败。\nignore = [\"checklist\"]\n")
    elif samples != "现行":
        extra = ("\n# 起步阶段：还没有现行制度时，自查自评的覆盖问题（缺少的制度和强制条款）暂作警告列出，\n"
                 "# 作为待办清单。本单位的制度导入或采用（status 改为 现行）后删除下面两行，\n"
                 "# CI 就会在缺少强制条款时失败。\n[tool.baomi.severity]\nchecklist = \"warning\"\n")
    put("pyproject.toml", _template("pyproject.toml", unit_name=unit, unit=_toml_str(unit), site_name=_toml_str(site_name),
                                    extra=extra))
    put(".gitignore", _template("gitignore"))
    put(".gitlab-ci.yml", _template("gitlab-ci.yml"))
    put(".github/workflows/baomi.yml", _template("github-workflow.yml"))
    put(".pre-commit-config.yaml", _template("pre-commit-config.yaml"))
    put(".vscode/settings.json", _template("vscode-settings.json"))
    put(".vscode/tasks.json", _template("vscode-tasks.json"))
    from .data import Data

    put(".vscode/policy.schema.json", json.dumps(Data().schema(), ensure_ascii=False, indent=2) + "\n")
    samples_note = {"草案": "`policies/` 中的示范制度都是**草案**（不发布、不计入自查自评）：逐份对照本单位实际修改，"
                            "采用时把 `status` 改为 `现行`；用不上的直接删除。",
                    "现行": "`policies/` 中的示范制度已作为**现行**制度采用，请对照本单位实际修改。",
                    "无": "`policies/` 是空的：先用 `baomi import` 导入本单位已有的制度。"}[samples]
    put("README.md", _template("README.md", unit=unit, samples=samples_note))
    mk = shipped("mkdocs.yml").read_text(encoding="utf-8")
    put("mkdocs.yml", re.sub(r"^site_name:.*$", f"site_name: {json.dumps(site_name, ensure_ascii=False)}", mk,
                             count=1, flags=re.M))
    overrides = shipped("site_overrides")
    if overrides.is_dir():
        for f in sorted(overrides.rglob("*")):
            if f.is_file():
                put(f"site_overrides/{f.relative_to(overrides)}", f.read_text(encoding="utf-8"))
    (target / "schemas").mkdir(exist_ok=True)
    (target / "policies").mkdir(exist_ok=True)
    src = shipped("policies")
    names = [] if samples == "无" else sorted(p.name for p in src.glob("*.md"))
    if minimal and names:
        names = [n for n in names if n == "baomi-shouze.md"] or names[:1]
    for name in names:
        text = (src / name).read_text(encoding="utf-8")
        put(f"policies/{name}", text if samples == "现行" else _with_status(text, "草案"))
    if git:
        _git_init(target, unit)
    return written


def _git_init(target: Path, unit: str) -> None:
    """A Git repository with the new files as its first commit: 修订对照表 and the handbook's
    revision history read Git. Without git, or without a configured identity, says what to do."""
    import subprocess

    def git(*args):
        return subprocess.run(["git", *args], cwd=target, capture_output=True, text=True)

    try:
        if not (target / ".git").exists() and git("init", "-q").returncode != 0:
            click.echo("提示：git init 失败，请自行初始化 Git 仓库（修订对照表和修订记录需要它）。", err=True)
            return
    except OSError:
        click.echo("提示：没有找到 git，请安装后在该目录运行 git init（修订对照表和修订记录需要它）。", err=True)
        return
    git("add", "-A")
    done = git("commit", "-q", "-m", f"新建{unit}保密制度汇编（baomi init）")
    if done.returncode != 0:
        click.echo("已初始化 Git 仓库，但没有提交（可能尚未设置 git config user.name 和 user.email）；"
                   "设置后请运行 git commit。", err=True)


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--unit", default="本单位", help="单位名称（写入手册名称、README、配置和承诺书）")
@click.option("--minimal", is_flag=True, help="只放一份示例制度（保密守则），而不是整套示范汇编")
@click.option("--empty", is_flag=True, help="不放示范制度（准备用 baomi import 导入本单位已有制度）")
@click.option("--adopt", is_flag=True, help="示范制度直接作为现行制度采用（默认作为草案模板）")
@click.option("--no-git", is_flag=True, help="不初始化 Git 仓库")
@click.option("--force", is_flag=True, help="目录非空或文件已存在时仍然写入")
def init_command(directory, unit, minimal, empty, adopt, no_git, force):
    """新建一个单位的保密制度汇编仓库（Git 仓库、配置、示范制度、CI 模板、编辑器设置）。"""
    if empty and adopt:
        raise click.UsageError("--empty 和 --adopt 不能同时使用")
    if not unit.strip() or any(ord(ch) < 32 for ch in unit):
        raise click.UsageError("--unit 应为一行单位名称")
    target = Path(directory)
    samples = "无" if empty else "现行" if adopt else "草案"
    written = init_repository(target, unit=unit, minimal=minimal, force=force, samples=samples, git=not no_git)
    click.echo(f"已在 {target} 创建保密制度汇编（{len(written)} 个文件）。下一步：")
    if samples == "无":
        click.echo(f"  cd {target} && baomi import 旧制度.docx && baomi lint && baomi build")
    else:
        if samples == "草案":
            click.echo("  示范制度均为草案：修改后把 status 改为 现行 即采用；本单位已有的制度用 baomi import 导入。")
        click.echo(f"  cd {target} && baomi lint && baomi build")
    return 0


# --- baomi new ---------------------------------------------------------------------------

def _title_in_use(policies_dir: Path, title: str, besides: Path) -> str | None:
    """The file (relative to the working directory) whose front-matter title is `title`, if any,
    other than `besides` (the file being written: overwriting it is --force's business)."""
    import os

    from .frontmatter import parse

    for p in markdown_files(policies_dir):
        if p.resolve() == besides.resolve():
            continue
        try:
            meta = parse(p.read_text(encoding="utf-8", errors="replace")).meta
        except Exception:   # an unreadable file is lint's business, not new's
            continue
        if isinstance(meta, dict) and str(meta.get("title", "")).strip() == title.strip():
            return os.path.relpath(p)
    return None


def next_free_id(policies_dir: Path, prefix: str = "BM") -> str:
    used = []
    for p in markdown_files(policies_dir):
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


def _yaml_str(value: str) -> str:
    """A front-matter scalar: plain when YAML reads it back unchanged, else double-quoted."""
    if re.fullmatch(r"[\w\u3000-\u303f\uff00-\uffef（）《》、，“”]+", value) and not value[:1].isdigit():
        return value
    return json.dumps(value, ensure_ascii=False)


def _of(self_name: str) -> str:
    """违反本制度规定的 / 违反本规定的 (not 违反本规定规定的)."""
    return self_name if self_name.endswith("规定") else self_name + "规定"


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _best_chapter(chapters: list[str], middle: list[int], must: str, context: str = "",
                  common: str = "") -> int:
    """The middle chapter a clause belongs in (first on a tie): first by the words of its title
    (split at 和/及/与, without 管理) that the clause (`must`) says whole — 销毁 names 维修和销毁 —,
    then that its checklist item (`context`) says — 在岗期间 names 在岗管理 —, then by the
    two-character words they share, each weighed by how few of the chapters have it, and none of
    `common`'s (the category's own name: 涉密人员 is in every clause of 涉密人员管理, so it places
    none)."""
    text = must + context
    skip = _bigrams(common)
    grams = _bigrams(text) - skip
    titles = {ci: _bigrams(chapters[ci]) - skip for ci in middle}

    def named(ci: int, said: str) -> int:
        words = [w.replace("管理", "") for w in re.split("[和及与、]", chapters[ci])]
        return sum(len(w) for w in words if len(w) >= 2 and w in said)

    def shared(ci: int) -> float:
        return sum(1 / sum(1 for t in titles.values() if g in t) for g in titles[ci] & grams)

    return max(middle, key=lambda ci: (named(ci, must), named(ci, context), shared(ci), -ci))


# generic words left out of file names so that they stay short and say what the policy is about
_SLUG_DROP = ("管理", "制度", "规定", "办法", "细则", "守则", "规则", "实施", "保密", "工作", "的", "和", "及", "与")


def _slug(title: str) -> str:
    """A file name from the title's pinyin, one hyphen-joined group per word (xinxi-xitong, not
    xin-xi-xi-tong), words never cut, at most five words; safe characters only."""
    import jieba
    from pypinyin import lazy_pinyin

    jieba.setLogLevel(60)
    words = [w for w in jieba.lcut(title) if w.strip()]
    keep = [w for w in words if w not in _SLUG_DROP] or words
    parts = []
    for w in keep[:5]:
        py = "".join(x for x in lazy_pinyin(w) if re.fullmatch(r"[a-z]+", x))
        if py:
            parts.append(py)
    return "-".join(parts) or "policy"


def new_policy_text(data, *, category: str, title: str, policy_id: str, owner: str, today: str) -> str:
    cat = next((c for c in data.categories if c.key == category), None)
    if cat is None and category != "其他":
        keys = "、".join(sorted(data.category_keys))
        raise click.ClickException(f"没有类别 {category}（可选：{keys}）")
    from .checklist import checklist_of

    items = [i for i in checklist_of(data).items.values() if i.category == category]
    chapters = list((cat.mandated_chapters if cat is not None else ()) or ["总则", "管理要求", "监督和责任追究", "附则"])
    if chapters[0] != "总则":
        chapters.insert(0, "总则")
    if chapters[-1] != "附则":
        chapters.append("附则")
    self_name = _self_name(title)
    review_year = int(today[:4]) + 2
    covers = ", ".join(f'"{i.id}"' for i in items)
    lines = [
        "---",
        f"id: {policy_id}",
        f"title: {_yaml_str(title)}",
        f"category: {category}",
        "scope: 本单位全体工作人员（请按实际修改适用范围）",
        f"owner: {_yaml_str(owner)}",
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
        lines.extend([f"{grammar.article_label(n)} {text}", ""])

    # the chapter on sanctions (监督和责任追究…) gets the penalty article; without one, the last
    # chapter before 附则 ends with it
    inner = list(range(1, len(chapters) - 1))
    penalty = next((ci for ci in inner if re.search(r"责任追究|追究|奖惩|罚则|法律责任", chapters[ci])), None)
    middle = [ci for ci in inner if ci != penalty]
    if not middle:          # only 总则 and 附则 given: one chapter for the requirements
        chapters.insert(1, "管理要求")
        middle = [1]
    placed: dict[int, list[str]] = {ci: [] for ci in middle}
    for item in items:
        for clause in item.clauses:
            note = f"【待补充：自查自评{item.shown_label}要求写明——{clause.must}】"
            placed[_best_chapter(chapters, middle, clause.must, item.text,
                                 cat.name if cat is not None else "")].append(note)
    for ci, chapter in enumerate(chapters):
        lines.extend([f"## {grammar.chapter_label(ci + 1)} {chapter}", ""])
        if ci == 0:
            article(f"为了加强{cat.name if cat is not None else '保密'}工作，根据《中华人民共和国保守国家秘密法》"
                    f"和《中华人民共和国保守国家秘密法实施条例》，结合本单位实际，制定{self_name}。")
            article(f"{self_name}适用于本单位（待补充适用范围）。")
        elif ci == len(chapters) - 1:
            article(f"{self_name}由{owner}负责解释。")
            article(f"{self_name}自（待定）起施行。")
        elif ci == penalty:
            article(f"违反{_of(self_name)}的，依纪依法追究有关人员的责任。")
        else:
            for note in placed.get(ci) or [f"【待补充：本章规定{chapter}的具体要求】"]:
                article(note)
            if penalty is None and ci == middle[-1]:
                article(f"违反{_of(self_name)}的，依纪依法追究有关人员的责任。")
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
    from .outpath import resolve_output

    name = f"{_slug(title)}.md"
    path = resolve_output(output, name, protect=False, create=False) if output else config.policies / name
    clash = _title_in_use(config.policies, title, besides=path)
    if clash is not None:
        raise click.ClickException(f"标题“{title}”已被 {clash} 使用；同一汇编中制度标题不得重复，"
                                   "请换一个标题或直接修改该文件")
    policy_id = policy_id or next_free_id(config.policies)
    text = new_policy_text(config.data, category=category, title=title, policy_id=policy_id, owner=owner,
                           today=dt.date.today().isoformat())
    if output:
        from .outpath import refuse_protected

        refuse_protected(path, config, policies_ok=True)      # a new policy, never in schemas/
    _write_new(path, text, force)
    click.echo(f"已创建 {path}（编号 {policy_id}，状态 草案）；请补全“【待补充】”处后运行 baomi lint。")
    return 0
