"""Fitting in: baomi init / new, CI templates, pre-commit hooks."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from helpers import ROOT

BAOMI = [sys.executable, "-m", "baomi"]
TEMPLATES = ROOT / "tools" / "baomi" / "templates" / "init"


def run(args, cwd, timeout=600):
    env = dict(os.environ, NO_COLOR="1", NO_MKDOCS_2_WARNING="1")
    return subprocess.run(BAOMI + args, cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)


def test_init_adopt_then_lint_clean(tmp_path):
    proc = run(["init", "office", "--unit", "示范局", "--adopt"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    repo = tmp_path / "office"
    for rel in ("pyproject.toml", "mkdocs.yml", ".gitignore", ".gitlab-ci.yml", ".github/workflows/baomi.yml",
                ".pre-commit-config.yaml", ".vscode/settings.json", ".vscode/tasks.json",
                ".vscode/policy.schema.json"):
        assert (repo / rel).is_file(), rel
    assert len(list((repo / "policies").glob("*.md"))) >= 14
    proc = run(["lint", "--strict"], repo)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr


def test_init_minimal_lints_clean(tmp_path):
    proc = run(["init", "office", "--minimal", "--adopt"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    repo = tmp_path / "office"
    assert [p.name for p in (repo / "policies").glob("*.md")] == ["baomi-shouze.md"]
    proc = run(["lint", "--strict"], repo)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr


@pytest.mark.slow
def test_init_then_build_clean(tmp_path):
    run(["init", "office"], tmp_path)
    repo = tmp_path / "office"
    proc = run(["build"], repo)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert (repo / "site" / "index.html").is_file()


def test_init_never_overwrites(tmp_path):
    target = tmp_path / "office"
    target.mkdir()
    (target / "README.md").write_text("我们自己的说明", encoding="utf-8")
    proc = run(["init", "office"], tmp_path)
    assert proc.returncode == 2 and "--force" in proc.stderr and "Traceback" not in proc.stderr
    assert (target / "README.md").read_text(encoding="utf-8") == "我们自己的说明"
    assert not (target / "pyproject.toml").exists()


def test_new_policy_next_id_and_placeholders(tmp_path):
    run(["init", "office", "--minimal", "--adopt"], tmp_path)
    repo = tmp_path / "office"
    proc = run(["new", "--category", "涉密人员", "--title", "涉密人员保密管理细则"], repo)
    assert proc.returncode == 0, proc.stderr
    created = [p for p in (repo / "policies").glob("*.md") if p.name != "baomi-shouze.md"]
    assert len(created) == 1
    text = created[0].read_text(encoding="utf-8")
    shouze_id = re.search(r"^id: BM-(\d+)", (repo / "policies" / "baomi-shouze.md").read_text(encoding="utf-8"), re.M)
    assert f"id: BM-{int(shouze_id.group(1)) + 1:02d}" in text
    assert "status: 草案" in text and "## 第一章 总则" in text and "附则" in text
    assert "本细则" in text
    assert "【待补充：自查自评（四）2" in text   # the checklist's 上岗 requirement for personnel policies
    proc = run(["outline", str(created[0].relative_to(repo)), "--format", "json"], repo)
    assert proc.returncode == 0
    # refuses to overwrite
    proc = run(["new", "--category", "涉密人员", "--title", "涉密人员保密管理细则"], repo)
    assert proc.returncode == 2 and "--force" in proc.stderr
    proc = run(["new", "--category", "火星", "--title", "火星制度"], repo)
    assert proc.returncode == 2 and "没有类别" in proc.stderr


def _documented_commands() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    cmds = set()
    for block in re.findall(r"```bash\n(.*?)```", readme, re.S):
        for line in block.splitlines():
            line = line.split("#")[0].strip()
            if line:
                cmds.add(line)
    return cmds


def _ci_commands(doc) -> list[str]:
    out = []
    if isinstance(doc, dict):
        for k, v in doc.items():
            if k in ("script", "before_script") and isinstance(v, list):
                out.extend(v)
            elif k == "run" and isinstance(v, str):
                out.append(v)
            else:
                out.extend(_ci_commands(v))
    elif isinstance(doc, list):
        for v in doc:
            out.extend(_ci_commands(v))
    return out


@pytest.mark.parametrize("name", ["gitlab-ci.yml", "github-workflow.yml", "pre-commit-config.yaml"])
def test_ci_templates_are_valid_yaml_and_use_documented_commands(name):
    doc = YAML(typ="safe").load((TEMPLATES / name).read_text(encoding="utf-8"))
    assert doc
    documented = _documented_commands()
    cmds = [c.replace("|| true", "").strip() for c in _ci_commands(doc)]
    if name == "pre-commit-config.yaml":
        cmds = [h["entry"] for r in doc["repos"] for h in r["hooks"]]
    assert cmds
    for c in cmds:
        assert c in documented, f"{name}: {c!r} is not a command the README documents"


def test_gitlab_template_publishes_codequality_and_site():
    doc = YAML(typ="safe").load((TEMPLATES / "gitlab-ci.yml").read_text(encoding="utf-8"))
    assert doc["baomi-lint"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert doc["handbook"]["artifacts"]["paths"] == ["site/"]


def test_github_template_uploads_sarif():
    doc = YAML(typ="safe").load((TEMPLATES / "github-workflow.yml").read_text(encoding="utf-8"))
    steps = doc["jobs"]["lint"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)


def test_pre_commit_hook_definitions():
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    ids = {h["id"]: h for h in hooks}
    assert set(ids) == {"baomi-lint", "baomi-fix"}
    assert ids["baomi-lint"]["entry"] == "baomi lint"
    assert ids["baomi-fix"]["entry"] == "baomi lint --fix"
    for h in hooks:
        assert re.match(h["files"], "policies/shemi-renyuan.md")
        assert not re.match(h["files"], "README.md")


@pytest.mark.slow
def test_pre_commit_runs_the_hook(tmp_path):
    """pre-commit installs baomi from this repository and runs the lint hook on a rule book."""
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists():
        pytest.fail("pre-commit is a dev dependency and must be installed")
    run(["init", "office", "--minimal", "--adopt"], tmp_path)
    repo = tmp_path / "office"
    env = dict(os.environ, PRE_COMMIT_HOME=str(ROOT / "tests" / ".cache" / "pre-commit"), NO_COLOR="1")
    git = ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=repo, check=True)
    subprocess.run(git + ["add", "-A"], cwd=repo, check=True)
    proc = subprocess.run([str(pre_commit), "try-repo", str(ROOT), "baomi-lint", "--all-files"], cwd=repo,
                          capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "baomi lint" in proc.stdout and "Passed" in proc.stdout
    # a broken policy makes the hook fail
    p = repo / "policies" / "baomi-shouze.md"
    p.write_text(p.read_text(encoding="utf-8").replace("status: 现行", "status: 试行"), encoding="utf-8")
    subprocess.run(git + ["add", "-A"], cwd=repo, check=True)
    proc = subprocess.run([str(pre_commit), "try-repo", str(ROOT), "baomi-lint", "--all-files"], cwd=repo,
                          capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 1 and "BM016" in proc.stdout


def test_vscode_task_reads_baomi_findings_into_the_problems_panel(tmp_path):
    """The task's problem matchers must parse what `baomi lint` prints, file, line, column, code
    and severity (one matcher per severity word, since VS Code knows only its English names)."""
    import json
    import re

    proc = run(["init", "office", "--minimal", "--adopt"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    repo = tmp_path / "office"
    task = json.loads((repo / ".vscode" / "tasks.json").read_text(encoding="utf-8"))["tasks"][0]
    assert task["command"] == "baomi" and task["args"][0] == "lint"
    matchers = task["problemMatcher"]
    assert sorted(m["severity"] for m in matchers) == ["error", "info", "warning"]
    policy = next((repo / "policies").glob("*.md"))
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("owner:", "onwer:", 1).replace("。", ",", 1), encoding="utf-8")
    out = run(["lint", "--quiet"], repo).stdout.splitlines()
    found = json.loads(run(["lint", "--format", "json"], repo).stdout)["diagnostics"]
    hits = []
    for ln in out:
        ms = [(m, rx.match(ln)) for m in matchers for rx in [re.compile(m["pattern"]["regexp"])] if rx.match(ln)]
        assert len(ms) <= 1, ln
        hits += ms
    assert len(hits) == len([ln for ln in out if ln.startswith("policies/")]) >= 2
    codes = {mt.group(m["pattern"]["code"]) for m, mt in hits}
    assert "BM014" in codes or "BM013" in codes
    seen = {(m["severity"], mt.group(m["pattern"]["code"]), int(mt.group(m["pattern"]["line"]))) for m, mt in hits}
    assert seen == {(d["severity"], d["rule"], d["line"]) for d in found if d["path"].startswith("policies/")}
    assert "error" in {s for s, _, _ in seen}
    for m, mt in hits:
        assert (repo / mt.group(m["pattern"]["file"])).is_file() and int(mt.group(m["pattern"]["line"])) >= 1


def _git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)


def test_init_offers_the_model_rule_book_as_drafts_in_a_git_repository(tmp_path):
    """A new unit's own rules are not published next to 18 model policies it never adopted: the
    samples come as 草案 templates, the site carries the unit's name, the folder is a Git
    repository with a first commit, and lint lists what is missing as warnings (a to-do list)."""
    proc = run(["init", "office", "--unit", "某市统计局"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    repo = tmp_path / "office"
    texts = [p.read_text(encoding="utf-8") for p in (repo / "policies").glob("*.md")]
    assert len(texts) >= 14 and all(re.search(r"^status: 草案$", t, re.M) for t in texts)
    assert 'site_name: "某市统计局保密制度汇编"' in (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert "baomi import" in (repo / "README.md").read_text(encoding="utf-8")
    assert (repo / ".git").is_dir()
    assert _git(repo, "status", "--porcelain").stdout == "" or "user.name" in proc.stderr
    lint = run(["lint", "--format", "json"], repo)
    assert lint.returncode == 0, lint.stdout[-2000:]
    import json

    diags = json.loads(lint.stdout)["diagnostics"]
    assert diags and {d["category"] for d in diags} == {"checklist"} and {d["severity"] for d in diags} == {"warning"}
    from baomi.config import load

    assert load(repo).site_name == "某市统计局保密制度汇编" and load(repo).unit == "某市统计局"


def test_init_empty_for_an_import(tmp_path):
    proc = run(["init", "office", "--unit", "某市统计局", "--empty"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    repo = tmp_path / "office"
    assert list((repo / "policies").glob("*.md")) == []
    assert "baomi import" in proc.stdout
    assert run(["lint"], repo).returncode == 0
    assert run(["init", "o2", "--empty", "--adopt"], tmp_path).returncode == 2


def test_init_unit_with_quotes_is_valid_toml_and_yaml(tmp_path):
    proc = run(["init", "office", "--unit", '某"局\\', "--empty", "--no-git"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    from baomi.config import load

    assert load(tmp_path / "office").unit == '某"局\\'
    assert not (tmp_path / "office" / ".git").exists()


def _new(repo, category, title):
    proc = run(["new", "--category", category, "--title", title], repo)
    assert proc.returncode == 0, proc.stderr
    path = Path(proc.stdout.split("已创建 ", 1)[1].split("（", 1)[0])
    return path, path.read_text(encoding="utf-8")


def _chapters(text):
    """{chapter title: [article texts]} of a generated draft."""
    out, cur = {}, None
    for line in text.splitlines():
        m = re.match(r"## 第.+?章 (.+)", line)
        if m:
            cur = out.setdefault(m.group(1), [])
        elif cur is not None and line.startswith("第"):
            cur.append(line)
    return out


def test_new_spreads_checklist_placeholders_over_the_chapters(tmp_path):
    run(["init", "office", "--empty", "--no-git"], tmp_path)
    repo = tmp_path / "office"
    _, text = _new(repo, "信息系统和信息设备", "信息系统保密管理规定")
    ch = _chapters(text)
    assert any("（七）3" in a for a in ch["涉密网络"])
    assert any("（七）6" in a for a in ch["计算机和移动存储介质"])       # not all under 涉密网络
    assert any("（七）12" in a or "（七）13" in a for a in ch["办公自动化设备和手机"])
    assert all(a.split(" ", 1)[1] != "【待补充】" for arts in ch.values() for a in arts)   # never bare
    assert any("违反本规定的，" in a for a in ch["监督和责任追究"])
    assert "违反本规定规定的" not in text
    _, text = _new(repo, "涉密会议和活动", "涉密会议保密管理制度")
    ch = _chapters(text)
    assert ch["会前会中会后管理"] and "违反本制度规定的" in text     # no sanctions chapter: the last one ends with it


def test_new_refuses_a_title_in_use_and_names_files_by_words(tmp_path):
    run(["init", "office", "--adopt", "--no-git"], tmp_path)
    repo = tmp_path / "office"
    title = re.search(r"^title: (.+)$", (repo / "policies" / "dingmi.md").read_text(encoding="utf-8"), re.M).group(1)
    before = sorted(p.name for p in (repo / "policies").iterdir())
    proc = run(["new", "--category", "定密", "--title", title], repo)
    assert proc.returncode == 2 and "dingmi.md" in proc.stderr and "已被" in proc.stderr
    assert sorted(p.name for p in (repo / "policies").iterdir()) == before
    path, _ = _new(repo, "其他", "统计数据处理保密管理办法")
    assert path.name == "tongji-shujuchuli.md", path.name      # jieba: 统计 | 数据处理
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*\.md", path.name)


def test_new_places_each_placeholder_in_the_chapter_its_stage_names():
    """`baomi new --category 涉密人员`: the 上岗/在岗/离岗 clauses go to 上岗管理/在岗管理/离岗管理,
    not all to 涉密岗位和涉密人员等级 (whose title shares 涉密人员 with every clause)."""
    from baomi.data import Data
    from baomi.scaffold import new_policy_text

    text = new_policy_text(Data([ROOT / "schemas"]), category="涉密人员", title="测试涉密人员管理制度",
                           policy_id="BM-99", owner="保密办公室", today="2026-01-01")
    chapter, where = None, {}
    for line in text.split("\n"):
        if line.startswith("## "):
            chapter = line.split(" ", 2)[2]
        m = re.search(r"自查自评（四）(\d)要求写明", line)
        if m:
            where.setdefault(m.group(1), set()).add(chapter)
    assert where == {"1": {"涉密岗位和涉密人员等级"}, "2": {"上岗管理"}, "3": {"在岗管理"}, "4": {"离岗管理"}}, where
