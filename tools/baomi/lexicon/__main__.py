"""python -m baomi.lexicon build [--corpus DIR] [--schemas DIR] [--output FILE] [--check]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import SHIPPED, read, write


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m baomi.lexicon")
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="从法律文本、规则数据和 jieba 词典构建参考词表")
    b.add_argument("--corpus", type=Path, default=None, help="法律文本目录（缺省 ../shared/corpus/laws）")
    b.add_argument("--schemas", type=Path, default=None, help="规则数据目录（缺省随 baomi 发布的 schemas/）")
    b.add_argument("--output", type=Path, default=SHIPPED)
    b.add_argument("--check", action="store_true", help="只核对发布的词表是否与来源一致；不一致时退出码为 1")
    a = ap.parse_args(argv)

    from ..data import DataError, packaged_dir
    from ..laws.registry import default_corpus
    from .build import build, digest_sources

    corpus = a.corpus or default_corpus()
    if corpus is None or not Path(corpus).is_dir():
        print("找不到法律文本目录（--corpus）", file=sys.stderr)
        return 2
    schemas = a.schemas or packaged_dir()
    digest = digest_sources(corpus, schemas)
    if a.check:
        try:
            have = read(a.output).data.get("digest")
        except Exception as exc:  # noqa: BLE001 — any unreadable file is "not current"
            print(f"{a.output}: 无法读取参考词表：{exc}", file=sys.stderr)
            return 1
        if have != digest:
            print(f"{a.output}: 参考词表不是由当前来源构建的，请运行 python -m baomi.lexicon build", file=sys.stderr)
            return 1
        print(f"{a.output}: 参考词表与来源一致（{digest[:12]}）")
        return 0
    try:
        data = build(corpus, schemas)
    except DataError as exc:                 # a broken rule data file: its file and line
        print(exc, file=sys.stderr)
        return 2
    data["digest"] = digest
    raw = write(a.output, data)
    print(f"{a.output}: {len(data['terms'])} 个法律用语，{len(data['variants'])} 个错写形式，"
          f"{len(raw) / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
