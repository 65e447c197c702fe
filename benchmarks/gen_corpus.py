"""Generate a synthetic corpus of N policies from the shipped rule book (for benchmarks).

The shipped policies are copied unchanged first (so that every 《title》 citation resolves);
further copies get a new id (BM-0100…), a new title and file name (a unit prefix such as
第十二分院), with the body's title heading changed to match. Text otherwise repeats the
shipped text, so these corpora measure scale, not vocabulary growth.

    python benchmarks/gen_corpus.py OUT_DIR N [--source policies]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from baomi.numerals import to_chinese  # noqa: E402


def generate(out: Path, n: int, source: Path = ROOT / "policies") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    sources = sorted(source.glob("*.md"))
    if not sources:
        raise SystemExit(f"{source} 中没有制度文件")
    written: list[Path] = []
    for i in range(n):
        src = sources[i % len(sources)]
        copy = i // len(sources)
        if copy == 0:
            dest = out / src.name
            shutil.copy2(src, dest)
            written.append(dest)
            continue
        text = src.read_text(encoding="utf-8")
        m = re.search(r"^title:\s*(.+)$", text, re.M)
        if not m:
            continue
        title = m.group(1).strip()
        unit = f"第{to_chinese(copy)}分院"
        new_title = unit + title
        text = re.sub(r"^id:\s*.+$", f"id: BM-{100 + i:04d}", text, count=1, flags=re.M)
        text = text.replace(f"title: {title}", f"title: {new_title}", 1)
        text = text.replace(f"\n# {title}\n", f"\n# {new_title}\n", 1)
        dest = out / f"{src.stem}-{copy:04d}.md"
        dest.write_text(text, encoding="utf-8")
        written.append(dest)
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--source", type=Path, default=ROOT / "policies")
    a = ap.parse_args()
    files = generate(a.out, a.n, a.source)
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} 个制度文件，{size / 1e6:.1f} MB → {a.out}")


if __name__ == "__main__":
    main()
