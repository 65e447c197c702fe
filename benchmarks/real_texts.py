"""Real texts: lint the statutes of ../shared/corpus/laws as policies and report what baomi makes of them.

Every statute is wrapped as a policy (valid front matter + the statute's body after its
`<!-- INFO END -->` line), then:

- the outline (`baomi outline --format json`) is checked against an independent count of
  编/分编/章/节/条 made here by plain line matching (not by baomi's parser);
- the whole set is linted once (`baomi lint --format json`, cache off);
- per rule: findings per MB of text, rule crashes, and a sample of findings with the line they
  stand on, to read: each is a real defect of the source or a false positive to fix in the rule.

Run from the project root:  .venv/bin/python benchmarks/real_texts.py [--sample 5] [--rule BM107]
(`--json FILE` also writes the figures, for comparing two runs.)  Prints figures; asserts nothing —
tests/test_real_texts.py holds the assertions.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "laws"
BAOMI = [str(ROOT / ".venv" / "bin" / "baomi")] if (ROOT / ".venv" / "bin" / "baomi").exists() else \
    [sys.executable, "-m", "baomi"]

_N = "零〇一二三四五六七八九十百千"
# the independent count: headings (any # level, or a short paragraph) and article paragraphs
LEVEL = re.compile(rf"^(?:#+[ \t]*)?第[{_N}]+(分编|编|章|节)(?:\s|$)")
ARTICLE = re.compile(rf"^第[{_N}]+条(?:之[{_N}]+)?(?:\s|$)")
KEYS = ("编", "分编", "章", "节", "条")


def statute_body(text: str) -> tuple[str | None, str]:
    """(title, body) of a statute file in the collection's layout."""
    m = re.search(r"^# (.+)$", text, re.M)
    return (m.group(1).strip() if m else None), text.split("<!-- INFO END -->", 1)[-1]


def independent_count(body: str) -> dict:
    """编/分编/章/节/条 counted by line matching, outside fenced code."""
    count = dict.fromkeys(KEYS, 0)
    fence = False
    for line in body.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence:
            continue
        m = LEVEL.match(line)
        if m and (line.startswith("#") or len(line) < 40):
            count[m.group(1)] += 1
        elif ARTICLE.match(line):
            count["条"] += 1
    return count


def wrap(title: str, body: str, k: int) -> str:
    """The statute as a policy: front matter a unit's policy would carry, then its body."""
    return (f"---\nid: LAW-{k:04d}\ntitle: {title}\ncategory: 其他\nscope: 本法适用范围\nowner: 法规\n"
            f"roles: []\ncovers: []\nbasis: []\nclassification: 公开\nstatus: 现行\n"
            f"effective: 2024-01-01\nreview: 2030-01-01\n---\n\n# {title}\n{body}")


def wrap_corpus(src: Path, dst: Path, files: list[Path] | None = None) -> dict:
    """Write every statute of `src` as dst/policies/law-NNNN.md; return name → (source, count, bytes).

    Also copies the project's schemas/ and pyproject.toml so that the run uses this checkout's data.
    """
    for name in ("schemas", "pyproject.toml"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dst / name, dirs_exist_ok=True)
        elif (ROOT / name).exists():
            shutil.copy(ROOT / name, dst / name)
    (dst / "policies").mkdir(parents=True, exist_ok=True)
    truth = {}
    k = 0
    for f in files if files is not None else sorted(src.rglob("*.md")):
        if f.name == "_index.md":      # the collection's folder pages, not statutes
            continue
        title, body = statute_body(f.read_text(encoding="utf-8"))
        if not title:
            continue
        k += 1
        text = wrap(title, body, k)
        name = f"law-{k:04d}.md"
        (dst / "policies" / name).write_text(text, encoding="utf-8")
        rel = str(f.relative_to(src)) if f.is_relative_to(src) else f.name
        truth[name] = (rel, independent_count(body), len(text.encode()))
    return truth


def outline_count(o: dict) -> dict:
    parts = o.get("parts", [])
    return {"编": sum(1 for p in parts if p["kind"] == "编"),
            "分编": sum(1 for p in parts if p["kind"] == "分编"),
            "章": len(o["chapters"]),
            "节": sum(len(c["sections"]) for c in o["chapters"]) + len(o.get("loose_sections", [])),
            "条": len(o["articles"])}


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1", BAOMI_NO_CACHE="1")
    return subprocess.run(BAOMI + cmd, cwd=cwd, capture_output=True, text=True, env=env)


def evaluate(work: Path, truth: dict) -> dict:
    """Outline check and one lint run over work/policies; the figures as a dict."""
    out: dict = {"statutes": len(truth), "bytes": sum(t[2] for t in truth.values())}
    o = run(["outline", "--format", "json", "policies"], work)
    try:
        pols = json.loads(o.stdout)["policies"]
    except (ValueError, KeyError):
        out["outline_error"] = o.stderr[-500:]
        pols = []
    wrong = []
    for p in pols:
        name = Path(p["path"]).name
        got, want = outline_count(p), truth[name][1]
        if got != want:
            wrong.append((truth[name][0], {k: (want[k], got[k]) for k in KEYS if want[k] != got[k]}))
    out["outline_exact"] = len(pols) - len(wrong)
    out["outline_wrong"] = wrong
    r = run(["lint", "--format", "json", "policies"], work)
    try:
        diags = json.loads(r.stdout)["diagnostics"]
    except (ValueError, KeyError):
        out["lint_error"] = r.stderr[-500:]
        diags = []
    for d in diags:
        d["source"] = truth.get(Path(d["path"]).name, (d["path"],))[0]
    out["diagnostics"] = diags
    out["crashes"] = [d for d in diags if "内部出错" in d["message"]]
    return out


def report(res: dict, work: Path, sample: int, only: str | None, seed: int = 0) -> None:
    mb = res["bytes"] / 1e6
    print(f"{res['statutes']} statutes, {mb:.1f} MB")
    for k in ("outline_error", "lint_error"):
        if k in res:
            print(f"{k}: {res[k]}")
    print(f"outline exact: {res['outline_exact']}/{res['statutes']}")
    for src, diff in res["outline_wrong"][:10]:
        print(f"  {src}: " + "，".join(f"{k} 应为 {w}，读出 {g}" for k, (w, g) in diff.items()))
    print(f"rule crashes: {len(res['crashes'])}")
    for d in res["crashes"][:10]:
        print(f"  {d['rule']} {d['source']}:{d['line']}: {d['message'][:120]}")
    by = collections.defaultdict(list)
    for d in res["diagnostics"]:
        by[(d["rule"], d["name"])].append(d)
    print("findings per MB by rule:")
    for (code, name), ds in sorted(by.items(), key=lambda kv: -len(kv[1])):
        print(f"  {code} {name:32s} {len(ds):6d}  {len(ds) / mb:7.1f}/MB")
    rng = random.Random(seed)
    lines_of: dict = {}
    for (code, name), ds in sorted(by.items(), key=lambda kv: -len(kv[1])):
        if only and code not in only.split(","):
            continue
        print(f"\n{code} {name}: {len(ds)} findings, {min(sample, len(ds))} to read")
        for d in rng.sample(ds, min(sample, len(ds))):
            path = work / d["path"]
            if path not in lines_of:
                lines_of[path] = path.read_text(encoding="utf-8").split("\n") if path.exists() else []
            ls = lines_of[path]
            line = ls[d["line"] - 1] if 0 < d["line"] <= len(ls) else ""
            print(f"  {d['source']}:{d['line']}: {d['message'][:100]}\n      | {line[:110]}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--sample", type=int, default=3, help="findings to show per rule")
    ap.add_argument("--rule", help="show samples only for these rules (BM107,BM109)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", help="write the wrapped policies here and keep them")
    ap.add_argument("--json", help="also write the figures (per rule counts, crashes, outline) here")
    a = ap.parse_args(argv)
    src = Path(a.corpus)
    if not src.is_dir():
        print(f"real_texts: no statutes at {src}", file=sys.stderr)
        return 2
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="real-texts-"))
    try:
        truth = wrap_corpus(src, work)
        res = evaluate(work, truth)
        report(res, work, a.sample, a.rule, a.seed)
        if a.json:
            counts = collections.Counter(d["rule"] for d in res["diagnostics"])
            Path(a.json).write_text(json.dumps({
                "statutes": res["statutes"], "mb": res["bytes"] / 1e6,
                "outline_exact": res["outline_exact"], "outline_wrong": res["outline_wrong"],
                "crashes": len(res["crashes"]), "findings": dict(counts.most_common())},
                ensure_ascii=False, indent=1), encoding="utf-8")
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
