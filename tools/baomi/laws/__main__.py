"""python -m baomi.laws build-registry [--corpus DIR] [--schemas DIR] [--check]"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .registry import build, check, default_corpus


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m baomi.laws")
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build-registry", help="从法律法规文本计算条数、章数和新旧条号对照，写入法规库")
    b.add_argument("--corpus", type=Path, default=None, help="法律法规文本目录（默认 ../shared/corpus/laws）")
    b.add_argument("--schemas", type=Path, default=Path("schemas"))
    b.add_argument("--check", action="store_true", help="只核对，不写入；不一致时退出码为 1")
    a = ap.parse_args(argv)
    corpus = a.corpus or default_corpus()
    if corpus is None or not corpus.is_dir():
        print("找不到法律法规文本目录（../shared/corpus/laws），请用 --corpus 指定", file=sys.stderr)
        return 2
    if a.check:
        from ruamel.yaml import YAML

        from ..datamodel import laws_from

        laws = laws_from(YAML(typ="safe").load((a.schemas / "laws.yaml").read_text(encoding="utf-8")))
        tp = a.schemas / "law_texts.json"
        bad = check(laws, json.loads(tp.read_text(encoding="utf-8")) if tp.is_file() else {}, corpus)
        for m in bad:
            print(m)
        return 1 if bad else 0
    changed = build(a.schemas, corpus)
    print("已更新：" + "、".join(changed) if changed else "法规库与文本一致，无需更新")
    return 0


if __name__ == "__main__":
    sys.exit(main())
