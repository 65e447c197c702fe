"""Throughput of the language rules (terminology, punctuation, script, marking).

Parses the shipped rule book once, replicates the parsed policies until they hold at least
5 MB of UTF-8 text, then times every language rule over all of them on one core and prints
MB/s (the target is ≥ 2 MB/s). Parsing is not timed: it belongs to the parser's budget.

    .venv/bin/python benchmarks/bench_lang.py [--mb 5] [--with-seeds] [--repeat 3]
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from baomi.config import load  # noqa: E402
from baomi.corpus import Corpus  # noqa: E402
from baomi.parser import load_policy  # noqa: E402
from baomi.rules import all_rules  # noqa: E402

CATEGORIES = ("terminology", "punctuation", "script", "marking")


def policies(with_seeds: bool) -> list:
    files = sorted((ROOT / "policies").glob("*.md"))
    if with_seeds:
        files += sorted((ROOT / "tests" / "fixtures" / "lang" / "policies").glob("*.md"))
    return [load_policy(f, str(f.relative_to(ROOT))) for f in files]


def replicate(base: list, megabytes: float) -> tuple[list, int]:
    size = sum(len(p.text.encode("utf-8")) for p in base)
    out, total = [], 0
    while total < megabytes * 1_000_000:
        for p in base:
            clone = copy.copy(p)          # fresh object: its facts (baomi.facts) are computed anew
            out.append(clone)
        total += size
    return out, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--with-seeds", action="store_true", help="include the flawed seed texts")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    config = load(ROOT)
    base = policies(args.with_seeds)
    rules = [r for r in all_rules().values() if r.category in CATEGORIES]
    best, found = None, 0
    for _ in range(args.repeat):
        pols, total = replicate(base, args.mb)
        corpus = Corpus(pols, data=config.data, config=config)
        for r in rules:                    # warm-up: OpenCC and terms.yaml load once per process
            list(r.check(base[0], corpus))
        t0 = time.perf_counter()
        found = 0
        for p in pols:
            for r in rules:
                for _d in r.check(p, corpus):
                    found += 1
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    mbps = total / 1_000_000 / best
    print(f"语言规则 {len(rules)} 条（{', '.join(r.code for r in rules)}）")
    print(f"文本 {total / 1_000_000:.2f} MB（{len(pols)} 个文件，由 {len(base)} 个制度复制），发现 {found} 处")
    print(f"用时 {best:.3f} s，吞吐 {mbps:.2f} MB/s（目标 ≥ 2 MB/s）")


if __name__ == "__main__":
    main()
