"""Lint speed: cold lint of the shipped corpus, throughput at 200 and 2,000 policies (one core
and all cores), peak memory, and re-lint after one file changed (warm cache).

Prints figures; asserts nothing.  Run:  .venv/bin/python benchmarks/bench_lint.py [--sizes 200 2000]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import generate  # noqa: E402

BAOMI = [str(ROOT / ".venv" / "bin" / "baomi")] if (ROOT / ".venv" / "bin" / "baomi").exists() else \
    [sys.executable, "-m", "baomi"]


def run_lint(cwd: Path, *, cache: bool, args=()) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MB of the run's processes, exit code)."""
    env = dict(os.environ, NO_COLOR="1")
    if not cache:
        env["BAOMI_NO_CACHE"] = "1"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run(BAOMI + ["lint", "--quiet", *args], cwd=cwd, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024, proc.returncode


def corpus_repo(tmp: Path, n: int, jobs: int) -> tuple[Path, int]:
    """A repository of `n` generated policies; `jobs` 0 means one process per core."""
    repo = tmp / f"c{n}-j{jobs}"
    (repo / "policies").mkdir(parents=True)
    files = generate(repo / "policies", n)
    (repo / "pyproject.toml").write_text(
        f'[tool.baomi]\npolicies = "policies"\nschemas = "{ROOT / "schemas"}"\njobs = {jobs}\n', encoding="utf-8")
    return repo, sum(f.stat().st_size for f in files)


def median_runs(fn, repeat: int):
    runs = [fn() for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[200, 2000])
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    print(f"# baomi lint benchmark  (cpus={os.cpu_count()}, python={sys.version.split()[0]})")
    shipped = sum(p.stat().st_size for p in (ROOT / "policies").glob("*.md"))
    n_shipped = len(list((ROOT / "policies").glob("*.md")))
    wall, peak, rc = median_runs(lambda: run_lint(ROOT, cache=False), a.repeat)
    print(f"cold lint, shipped corpus ({n_shipped} policies, {shipped / 1e6:.2f} MB), no cache: "
          f"{wall:.3f} s  peak {peak:.0f} MB  exit {rc}")
    run_lint(ROOT, cache=True)
    wall, peak, rc = median_runs(lambda: run_lint(ROOT, cache=True), a.repeat)
    print(f"lint, shipped corpus, warm cache: {wall:.3f} s")
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        for n in a.sizes:
            for jobs in (1, 0):
                repo, size = corpus_repo(tmp, n, jobs)
                wall, peak, rc = median_runs(lambda: run_lint(repo, cache=False), 1 if n > 500 else a.repeat)
                print(f"{n} policies ({size / 1e6:.1f} MB), jobs={jobs or 'auto'}, no cache: {wall:.2f} s  "
                      f"{size / 1e6 / wall:.2f} MB/s  peak {peak:.0f} MB  exit {rc}")
            # re-lint after one change, warm cache (jobs=2 repo)
            run_lint(repo, cache=True)
            target = sorted((repo / "policies").glob("*.md"))[n // 2]
            for what, edit in (("a sentence of an article", reword), ("an article number (structure)", renumber)):
                edit(target)
                wall, peak, rc = run_lint(repo, cache=True)
                print(f"{n} policies, re-lint after one file changed: {what}: {wall:.2f} s  exit {rc}")
                run_lint(repo, cache=True)
            reword(target)
            print(f"   (the sentence edit once more, as baomi saw it: {incremental_stats(repo)})")


def body_lines(path: Path) -> tuple[list[str], list[int]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    end = lines.index("---", 1) if lines and lines[0] == "---" else 0
    return lines, [i for i in range(end + 1, len(lines)) if lines[i].startswith("第") and lines[i].endswith("。")]


def reword(path: Path) -> None:
    """Change the wording of one article (front matter and numbering unchanged)."""
    lines, arts = body_lines(path)
    i = arts[len(arts) // 2]
    extra = "，并做好记录。"
    lines[i] = lines[i][: -len(extra)] + "。" if lines[i].endswith(extra) else lines[i][:-1] + extra
    path.write_text("\n".join(lines), encoding="utf-8")


def renumber(path: Path) -> None:
    """Insert 第X条之一 (a new article): the policy's outline changes."""
    lines, arts = body_lines(path)
    i = arts[-1]
    head = lines[i].split(" ", 1)[0]
    lines.insert(i + 1, "")
    lines.insert(i + 2, f"{head}之一 本条为测试插入的条文。")
    path.write_text("\n".join(lines), encoding="utf-8")


def incremental_stats(repo: Path) -> str:
    code = ("from baomi.config import load; from baomi.incremental import lint; "
            "r = lint(None, load()); s = r.stats; "
            "print(f'{s.mode}, parsed {s.parsed}, loaded {s.loaded}, re-checked across files {s.rechecked}')")
    return subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True,
                          env=dict(os.environ, NO_COLOR="1")).stdout.strip()


if __name__ == "__main__":
    main()
