"""Lint throughput on the real statutes, next to autocorrect-py on the same text.

Every statute of ../shared/corpus/laws is wrapped as a policy (`real_texts.wrap`: valid front
matter + the statute's body) and written to a temporary rule book. Then, in this one process and
on one core, best of --repeat runs:

- baomi: `baomi.lint.lint` of the whole rule book as `baomi lint` runs it — read, parse, every
  registered rule (local, cross-file and corpus-wide), cache off, one process (jobs = 1);
- autocorrect-py (https://pypi.org/project/autocorrect-py/, a Rust CJK copywriting linter):
  `autocorrect_py.lint_for(text, "x.md")` over the same bytes, file by file.

Prints MB/s of both and the ratio baomi / autocorrect — the figure to keep or improve; absolute
times vary by machine, the ratio much less. baomi does far more per byte (a parse into the policy
model, about a hundred rules, cross-references resolved across the corpus) than autocorrect's
spacing and punctuation pass, so the ratio is below 1; it says what that costs.

    .venv/bin/python benchmarks/bench_vs_autocorrect.py [--repeat 3] [--limit N] [--corpus DIR]

autocorrect-py is a dev dependency (`pip install -e .[dev]`); without it only baomi is timed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from real_texts import CORPUS, statute_body, wrap  # noqa: E402


def statutes(corpus: Path, limit: int | None) -> list[tuple[str, str]]:
    """(file name, policy text) of every statute, in a stable order."""
    out = []
    for f in sorted(corpus.rglob("*.md")):
        if f.name == "_index.md":          # the collection's folder pages, not statutes
            continue
        title, body = statute_body(f.read_text(encoding="utf-8"))
        if title:
            out.append((f"law-{len(out) + 1:04d}.md", wrap(title, body, len(out) + 1)))
    return out[:limit] if limit else out


def time_baomi(work: Path, repeat: int) -> tuple[float, int]:
    from baomi.config import load
    from baomi.lint import lint

    best, found = None, 0
    for _ in range(repeat):
        config = load(work)
        config.jobs, config.cache = 1, False
        t0 = time.perf_counter()
        result = lint(None, config)
        dt = time.perf_counter() - t0
        found = len(result.diagnostics)
        best = dt if best is None else min(best, dt)
    return best, found


def time_autocorrect(texts: list[str], repeat: int) -> tuple[float, int] | None:
    try:
        import autocorrect_py
    except ImportError:
        return None
    autocorrect_py.lint_for(texts[0], "x.md")          # warm-up
    best, found = None, 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        found = sum(len(autocorrect_py.lint_for(t, "x.md").lines) for t in texts)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return best, found


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="only the first N statutes")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"找不到法规文本目录 {args.corpus}", file=sys.stderr)
        return 2
    docs = statutes(args.corpus, args.limit)
    texts = [t for _, t in docs]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
    os.environ["BAOMI_NO_CACHE"] = "1"
    with tempfile.TemporaryDirectory(prefix="baomi-bench-") as tmp:
        work = Path(tmp)
        (work / "schemas").symlink_to(ROOT / "schemas", target_is_directory=True)
        (work / "pyproject.toml").write_text("[tool.baomi]\npolicies = \"policies\"\n", encoding="utf-8")
        (work / "policies").mkdir()
        for name, text in docs:
            (work / "policies" / name).write_text(text, encoding="utf-8")
        b_time, b_found = time_baomi(work, args.repeat)
    print(f"文本：{len(docs)} 部法律法规（{args.corpus}），{mb:.2f} MB UTF-8；单进程，取 {args.repeat} 次中最快")
    b_rate = mb / b_time
    print(f"baomi lint         {b_time:7.3f} s  {b_rate:7.2f} MB/s  {b_found} 处发现（全部规则，解析在内，不用缓存）")
    ac = time_autocorrect(texts, args.repeat)
    if ac is None:
        print("autocorrect-py 未安装（pip install autocorrect-py，或 pip install -e .[dev]）：无对照")
        return 0
    a_time, a_found = ac
    a_rate = mb / a_time
    print(f"autocorrect-py     {a_time:7.3f} s  {a_rate:7.2f} MB/s  {a_found} 行需修改（lint_for，同一文本）")
    print(f"吞吐之比 baomi / autocorrect-py = {b_rate / a_rate:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
