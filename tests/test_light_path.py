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
