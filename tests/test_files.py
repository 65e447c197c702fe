"""One file discovery and one atomic writer (baomi/files.py) for every command."""

from __future__ import annotations

import os

import pytest

from baomi.files import atomic_write, markdown_files


def test_one_rule_for_hidden_folders_and_links(tmp_path):
    root = tmp_path / "policies"
    (root / "a").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a" / ".drafts").mkdir()
    (root / "x.md").write_text("x", encoding="utf-8")
    (root / "a" / "y.md").write_text("y", encoding="utf-8")
    (root / "a" / "notes.txt").write_text("n", encoding="utf-8")
    (root / ".hidden.md").write_text("h", encoding="utf-8")
    (root / ".git" / "z.md").write_text("z", encoding="utf-8")
    (root / "a" / ".drafts" / "w.md").write_text("w", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.md").write_text("o", encoding="utf-8")
    os.symlink(outside, root / "linked-dir")                     # not followed
    os.symlink(outside / "o.md", root / "linked.md")             # read like the file
    os.symlink(tmp_path / "missing.md", root / "dangling.md")    # nothing to read
    got = [p.relative_to(root).as_posix() for p in markdown_files(root)]
    assert got == ["a/y.md", "linked.md", "x.md"]
    assert markdown_files(tmp_path / "nowhere") == []


def test_lint_and_diff_use_the_same_discovery():
    import inspect

    from baomi import lint
    from baomi.generate import diff

    for mod in (lint, diff):
        src = inspect.getsource(mod)
        assert "markdown_files(" in src and ".rglob(" not in src, mod.__name__


def test_atomic_write_replaces_whole_and_leaves_nothing_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "sub" / "f.md"
    atomic_write(target, "第一条 旧。\n")
    assert target.read_text(encoding="utf-8") == "第一条 旧。\n"
    atomic_write(target, b"\xef\xbb\xbfnew\r\n")
    assert target.read_bytes() == b"\xef\xbb\xbfnew\r\n"

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, "半截")
    assert target.read_bytes() == b"\xef\xbb\xbfnew\r\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["f.md"]


def test_no_other_module_walks_for_markdown_or_replaces_files_itself():
    """The one discovery and the one writer stay the only ones: a module that needs either
    calls baomi.files (the site's atomic swap of the whole site/ folder is a different thing)."""
    import re
    from pathlib import Path

    pkg = Path(__file__).resolve().parents[1] / "tools" / "baomi"
    walk = re.compile(r"""\.rglob\(\s*["']\*\.md["']|\.glob\(\s*["']\*\*/\*\.md["']""")
    write = re.compile(r"\bos\.replace\(|\bmkstemp\(")
    offenders = []
    for p in sorted(pkg.rglob("*.py")):
        if p.name == "files.py" and p.parent == pkg:
            continue
        src = p.read_text(encoding="utf-8")
        for pattern in (walk, write):
            for m in pattern.finditer(src):
                offenders.append(f"{p.relative_to(pkg)}:{src.count(chr(10), 0, m.start()) + 1}: {m.group(0)}")
    assert not offenders, offenders
