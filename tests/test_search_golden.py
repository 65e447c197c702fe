"""Golden vectors shared by the two normalisers of the handbook search: the index builder
(`baomi/site/textnorm.py`, `search_index.label_token`) and the browser
(`baomi/assets/search-norm.js`, run under node). A change to either side that the other does
not follow fails here, before a query silently misses its shard."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from baomi.numerals import parse_chinese
from baomi.site.search_index import label_token
from baomi.site.textnorm import fnv1a, fold, run_tokens, runs

HERE = Path(__file__).parent
GOLDEN = json.loads((HERE / "search_golden.json").read_text(encoding="utf-8"))
NORM_JS = HERE.parent / "tools" / "baomi" / "assets" / "search-norm.js"


@pytest.mark.parametrize("case", GOLDEN["text"], ids=[c["in"] or "empty" for c in GOLDEN["text"]])
def test_python_text(case):
    f = fold(case["in"])
    assert f == case["fold"]
    assert runs(f) == case["runs"]
    assert [list(t) for r in runs(f) for t in run_tokens(r)] == case["tokens"]
    assert [fnv1a(f)] == case["fnv"]


@pytest.mark.parametrize("case", GOLDEN["label"], ids=[c["in"] or "empty" for c in GOLDEN["label"]])
def test_python_label(case):
    assert label_token(case["in"]) == case["token"]


def test_label_numbers_follow_the_numeral_parser():
    for n in (1, 10, 13, 20, 53, 105, 200, 1010):
        from baomi.numerals import to_chinese

        assert label_token(f"第{to_chinese(n)}条") == f"§{parse_chinese(to_chinese(n))}" == f"§{n}"


JS = r"""
const norm = require(process.argv[2]);
const golden = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
const bad = [];
for (const c of golden.text) {
  const f = norm.fold(c.in);
  const got = {fold: f, runs: norm.runs(f), tokens: norm.tokens(f).map(t => [t[0], t[1]]), fnv: [norm.fnv(f)]};
  for (const k of Object.keys(got)) {
    if (JSON.stringify(got[k]) !== JSON.stringify(c[k])) bad.push([c.in, k, got[k], c[k]]);
  }
}
for (const c of golden.label) {
  const got = norm.labelToken(c.in);
  if (got !== c.token) bad.push([c.in, "label", got, c.token]);
}
console.log(JSON.stringify({checked: golden.text.length + golden.label.length, bad: bad}));
"""


def test_javascript_normaliser_matches_the_golden_vectors(tmp_path):
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.fail("找不到 node（apt-get install -y nodejs）：无法核对 search-norm.js")
    script = tmp_path / "golden.js"
    script.write_text(JS, encoding="utf-8")
    r = subprocess.run([node, str(script), str(NORM_JS), str(HERE / "search_golden.json")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["checked"] == len(GOLDEN["text"]) + len(GOLDEN["label"])
    assert out["bad"] == []
