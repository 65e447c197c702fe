"""`--output` never writes over a policy or data file (baomi.outpath).

Every command with --output refuses, with exit 2 and one Chinese line, a target that resolves
into the policies directory or a schemas directory (symlinks followed), or that is one of its
inputs; nothing is written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import POLICIES, ROOT

from baomi.config import load
from baomi.data import packaged_dir
from baomi.lint import UsageError
from baomi.outpath import refuse_protected

BAOMI = [sys.executable, "-m", "baomi"]


@pytest.fixture
def book(tmp_path, monkeypatch):
    """A copy of the shipped rule book with its own schemas/ folder."""
    shutil.copytree(POLICIES, tmp_path / "policies")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.baomi]\npolicies = "policies"\nschemas = "schemas"\ntoday = "2026-11-30"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(args, cwd):
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(ROOT / "tools"))
    return subprocess.run(BAOMI + args, cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def snapshot(repo: Path) -> dict:
    return {p: p.read_bytes() for d in ("policies", "schemas") for p in sorted((repo / d).rglob("*")) if p.is_file()}


def refused(proc, words="") -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-300:], proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("baomi：") and "--output" in lines[0], proc.stderr
    assert words in lines[0], lines[0]


def a_policy(repo: Path) -> str:
    return f"policies/{sorted((repo / 'policies').glob('*.md'))[0].name}"


TARGETS = {
    "an existing policy": lambda r: (a_policy(r), "制度目录"),
    "a new file in policies/": lambda r: ("policies/report.txt", "制度目录"),
    "the policies folder, written as a folder": lambda r: ("policies/", "目录"),   # or click: 是目录
    "a data file": lambda r: ("schemas/roles.yaml", "数据目录"),
    "a new file in schemas/": lambda r: ("schemas/sub/out.json", "数据目录"),
    "through ..": lambda r: ("out/../policies/x.html", "制度目录"),
}

COMMANDS = {
    "lint": ["lint", "--quiet"],
    "lint --format json": ["lint", "--format", "json"],
    "outline": ["outline"],
    "checklist": ["checklist"],
    "checklist --format html": ["checklist", "--format", "html"],
    "checklist --format docx": ["checklist", "--format", "docx"],
    "pledge": ["pledge"],
    "pledge --format docx": ["pledge", "--format", "docx"],
    "diff": ["diff", "HEAD"],
}


# every target for lint and outline; for the generating commands (slower) the three kinds
GENERATING_TARGETS = ("an existing policy", "a data file", "the policies folder, written as a folder")
PAIRS = [(c, t) for c in COMMANDS for t in TARGETS
         if not c.startswith(("checklist", "pledge", "diff")) or t in GENERATING_TARGETS]


@pytest.mark.parametrize("command, target", PAIRS)
def test_output_into_policies_or_schemas_is_refused(book, command, target):
    path, words = TARGETS[target](book)
    before = snapshot(book)
    refused(run(COMMANDS[command] + ["--output", path], book), words)
    assert snapshot(book) == before                      # nothing written, nothing overwritten


def test_a_symlink_to_a_policy_is_refused(book):
    link = book / "out.txt"
    link.symlink_to(book / a_policy(book))
    before = snapshot(book)
    refused(run(["lint", "--format", "json", "--output", "out.txt"], book), "制度目录")
    assert snapshot(book) == before


def test_the_input_itself_is_refused(book):
    draft = book / "draft.md"
    draft.write_bytes((book / a_policy(book)).read_bytes())
    for args in (["lint", "draft.md"], ["outline", "draft.md"]):
        proc = run(args + ["--output", "./draft.md"], book)
        refused(proc, "输入文件")
    assert draft.read_bytes() == (book / a_policy(book)).read_bytes()


def test_import_refuses_schemas_and_new_refuses_schemas(book):
    src = book / "in.txt"
    src.write_text("保密守则\n\n第一条 为了加强保密管理，制定本守则。\n", encoding="utf-8")
    before = snapshot(book)
    refused(run(["import", "in.txt", "--output", "schemas"], book), "数据目录")
    refused(run(["new", "-c", "涉密人员", "-t", "测试保密管理制度", "--output", "schemas/x.md"], book), "数据目录")
    assert snapshot(book) == before


def test_outputs_elsewhere_still_work(book):
    proc = run(["lint", "--format", "json", "--output", "out/lint.json"], book)
    assert proc.returncode in (0, 1) and (book / "out" / "lint.json").is_file(), proc.stderr
    proc = run(["checklist", "--format", "html", "--output", "out/"], book)
    assert (book / "out" / "自查自评表.html").is_file(), proc.stderr
    proc = run(["new", "-c", "涉密人员", "-t", "测试保密管理制度", "--output", "policies/ceshi.md"], book)
    assert proc.returncode == 0 and (book / "policies" / "ceshi.md").is_file(), proc.stderr


def test_the_check_takes_a_resolved_path(book):
    config = load(book)
    refuse_protected(book / "site" / "index.html", config)                       # allowed
    refuse_protected(book / "policies" / "new.md", config, policies_ok=True)      # import, new
    for target in (book / "policies", book / "policies" / "a" / "b.md", book / "schemas" / "roles.yaml",
                   packaged_dir() / "roles.yaml"):
        with pytest.raises(UsageError):
            refuse_protected(target, config)
    with pytest.raises(UsageError):
        refuse_protected(book / "schemas", config, policies_ok=True)
    with pytest.raises(UsageError):
        refuse_protected(book / "x.txt", config, inputs=[book / "sub" / ".." / "x.txt"])


# --- an existing file is replaced only when baomi made it, or with --force (outpath.check_replace) ---

REPLACING = {
    "pledge --format docx": (["pledge", "--format", "docx"], "mine.docx", True),
    "pledge": (["pledge"], "mine.html", True),
    "checklist --format docx": (["checklist", "--format", "docx"], "mine2.txt", True),   # a .docx, whatever its name
    "checklist --format html": (["checklist", "--format", "html"], "mine.html", True),
    "checklist": (["checklist"], "mine.txt", False),                                     # plain text: no marker
}


def kept(proc, path: Path, before: bytes) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("baomi：") and "已存在" in lines[0] and "--force" in lines[0], lines
    assert path.name in lines[0] and "Traceback" not in proc.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", REPLACING)
def test_a_file_baomi_did_not_make_is_replaced_only_with_force(book, command):
    args, name, recognisable = REPLACING[command]
    out = book / "out" / name
    out.parent.mkdir()
    out.write_text("用户自己的文件", encoding="utf-8")
    kept(run(args + ["--output", f"out/{name}"], book), out, "用户自己的文件".encode())
    proc = run(args + ["--output", f"out/{name}", "--force"], book)
    assert proc.returncode in (0, 1) and out.read_bytes() != "用户自己的文件".encode(), proc.stderr
    # baomi's own file is replaced without --force; a plain-text one cannot be told apart
    ours = out.read_bytes()
    proc = run(args + ["--output", f"out/{name}"], book)
    if recognisable:
        assert proc.returncode in (0, 1), proc.stderr
    else:
        kept(proc, out, ours)
    assert sorted(p.name for p in out.parent.iterdir()) == [name]


def test_diff_output_is_not_replaced_without_force(book):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "制度"]):
        subprocess.run(["git", *args], cwd=book, check=True, capture_output=True, env=env)
    for name, fmt, recognisable in (("mine3.txt", "text", False), ("d.html", "html", True), ("d.docx", "docx", True)):
        out = book / name
        out.write_text("用户自己的文件", encoding="utf-8")
        args = ["diff", "HEAD", "--format", fmt, "--output", name]
        kept(run(args, book), out, "用户自己的文件".encode())
        assert run(args + ["--force"], book).returncode == 0 and out.read_bytes() != "用户自己的文件".encode()
        proc = run(args, book)
        assert proc.returncode == (0 if recognisable else 2), proc.stderr


def test_every_generated_docx_is_stamped_as_baomis(book):
    import datetime as dt

    import docx

    from baomi.outpath import generated_by_baomi

    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for args, name in ((["pledge", "--format", "docx", "--role", "涉密人员"], "p.docx"),
                       (["checklist", "--format", "docx"], "c.docx"),
                       (["export", "--policy", "BM-01"], "e.docx")):
        assert run(args + ["--output", name], book).returncode in (0, 1)
        cp = docx.Document(str(book / name)).core_properties
        assert cp.author == "baomi" and cp.last_modified_by == "baomi" and cp.title, (name, cp.author)
        assert "python-docx" not in (cp.comments or "")
        for when in (cp.created, cp.modified):                 # now, not the template's 2013 date
            assert before - dt.timedelta(seconds=5) <= when <= dt.datetime.now(dt.timezone.utc), (name, when)
        assert generated_by_baomi(book / name)
    # export recognises baomi's own pledge form and replaces it without --force
    assert run(["export", "--policy", "BM-01", "--output", "p.docx"], book).returncode == 0
    assert docx.Document(str(book / "p.docx")).core_properties.subject


def test_what_counts_as_baomis(tmp_path):
    import docx

    from baomi.outpath import GENERATOR_META, check_replace, generated_by_baomi, stamp_docx

    plain = docx.Document()
    plain.save(str(tmp_path / "other.docx"))                      # python-docx's own author
    stamp_docx(docx.Document(), "标题").save(str(tmp_path / "ours.docx"))
    (tmp_path / "ours.html").write_text(f"<!DOCTYPE html>\n<html><head>{GENERATOR_META}</head></html>\n", encoding="utf-8")
    (tmp_path / "other.html").write_text("<!DOCTYPE html>\n<html><body>baomi</body></html>\n", encoding="utf-8")
    (tmp_path / "text.txt").write_text(f"{GENERATOR_META}\n", encoding="utf-8")     # not a page: not a marker
    assert generated_by_baomi(tmp_path / "ours.docx") and generated_by_baomi(tmp_path / "ours.html")
    for name in ("other.docx", "other.html", "text.txt", "missing.pdf"):
        assert not generated_by_baomi(tmp_path / name), name
    check_replace(tmp_path / "ours.docx", False)
    check_replace(tmp_path / "new.docx", False)
    check_replace(tmp_path / "other.docx", True)
    with pytest.raises(UsageError, match="不是 baomi 生成"):
        check_replace(tmp_path / "other.docx", False)
    with pytest.raises(UsageError, match="纯文本"):
        check_replace(tmp_path / "text.txt", False)
