"""`baomi lint` stays light: it never imports MkDocs, jieba or python-docx."""

import json
import subprocess
import sys

from helpers import ROOT

PROBE = r"""
import sys, json, io, contextlib
from baomi.cli import main
buf = io.StringIO()
try:
    with contextlib.redirect_stdout(buf):
        main(["lint", "--format", "json"])
except SystemExit as e:
    code = e.code
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("mkdocs", "material", "jieba", "docx", "pypinyin", "playwright"))
print(json.dumps({"code": code, "heavy": heavy}))
"""


def test_lint_imports_nothing_heavy():
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    doc = json.loads(out.stdout.strip().splitlines()[-1])
    assert doc["heavy"] == [], doc
    assert doc["code"] in (0, 1)


def test_lint_leaves_no_cyclic_garbage(repo):
    """lint runs with the cyclic collector paused (baomi.lint.gc_paused); that is only safe while
    loading and checking make no reference cycles, e.g. ruamel's loader referring to itself."""
    import gc
    import shutil

    from baomi.config import from_table
    from baomi.lint import lint
    from helpers import POLICIES, ROOT

    shutil.copytree(POLICIES, repo / "policies", dirs_exist_ok=True)
    cfg = from_table({"cache": False, "schemas": str(ROOT / "schemas")}, repo)
    lint(None, cfg)                                   # imports, data, caches warmed
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = lint(None, cfg)
        gc.collect()                                  # an automatic collection may have run already
        garbage = list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert result.files and garbage == [], sorted({type(o).__name__ for o in garbage})[:10]
    assert gc.isenabled()


def test_incremental_lint_leaves_no_cyclic_garbage(repo):
    import gc
    import shutil

    from baomi.config import from_table
    from baomi.incremental import lint
    from helpers import POLICIES, ROOT

    shutil.copytree(POLICIES, repo / "policies", dirs_exist_ok=True)
    cfg = from_table({"schemas": str(ROOT / "schemas")}, repo)
    lint(None, cfg)                                   # full run, state written
    f = repo / "policies" / "dingmi.md"
    f.write_text(f.read_text(encoding="utf-8").replace("。\n", "，并做好记录。\n", 1), encoding="utf-8")
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = lint(None, cfg)
        gc.collect()
        garbage = list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert result.stats.mode == "incremental"
    assert garbage == [], sorted({type(o).__name__ for o in garbage})[:10]
