"""Messy rule books: import variants of the statutes of ../shared/corpus/laws (392 texts; the other
13 .md files are the collection's folder pages) and count what comes back exactly.

Each statute is written, several to a file, the way offices really hold rule books:

- ``titles``     several texts in one .txt, separated only by their title lines;
- ``pian``       the same, each text introduced by a 篇N / 【第N篇】 / 第N篇 line (before or after its title);
- ``furniture``  web-page furniture around and inside the texts (site name, 下面小编…, 1 / 18, ICP
                 numbers, 下载/收藏 prompts, 字号 bars);
- ``runon``      each text's body written on one line (chapters and articles run together);
- ``numbering``  items written 1、 / （1） / １． instead of （一）;
- ``docx``       a Word file whose items are Word auto-numbered lists (python-docx numbering, the
                 number is not in the text).

The importer (`baomi.importer.run`, dry run, no lint) reads each file; every policy it would write
is parsed with the linter's grammar (`baomi.parser.parse_text`) and compared with the statute as
published, parsed the same way. A document is *exact* when its title, its chapters (number and
name), its sections and every article (number, text without whitespace or markers, number of
items) are the same; chapters and articles are also counted one by one.

Run from the project root:  .venv/bin/python benchmarks/import_messy.py [--limit N] [--per-file K]
[--variant NAME] [--show 5] [--json FILE].  Prints figures; asserts nothing — tests/test_import_messy.py
holds the assertions on a fixed sample (tests/fixtures/laws/).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "laws"
sys.path.insert(0, str(ROOT / "tools"))

VARIANTS = ("titles", "pian", "furniture", "runon", "numbering", "docx")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CN = "零〇一二三四五六七八九十百千"
_ITEM = re.compile(rf"^[（(]([{_CN}]+)[）)]")
_MARK = re.compile(rf"第[{_CN}\d]+[编章节条](?:之[{_CN}]+)?|[（(][{_CN}\d０-９]{{1,3}}[）)][、.．]?"
                   rf"|[{_CN}]{{1,3}}[、.．]|[\d０-９]{{1,2}}[、.．](?![\d０-９])")

# web furniture as such pages carry it (the importer's list is schemas/import.yaml; these are
# written independently, as a page shows them)
FURNITURE_TOP = ["法律法规文库网", "字号：大 中 小", "下面小编为大家整理了相关法律法规，希望对大家有所帮助。",
                 "阅读(1523) 收藏(12)"]
FURNITURE_MID = ["{page} / {pages}", "下载文档", "点击收藏", "- {page} -", "第 {page} 页 共 {pages} 页",
                 "上一篇", "下一篇"]
FURNITURE_END = ["©2015-2024 fagui.example.com 版权所有", "备案号：京ICP备12345678号-1",
                 "免费下载 · 立即阅读全文", "返回顶部"]


@dataclass
class Statute:
    title: str
    lines: list[tuple[str, str]]          # (kind: heading|para, text) of the body, as published
    source: str = ""


@dataclass
class Score:
    documents: int = 0
    documents_exact: int = 0
    chapters: int = 0
    chapters_exact: int = 0
    articles: int = 0
    articles_exact: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)   # (variant, title, why)

    def add(self, other: "Score") -> None:
        for k in ("documents", "documents_exact", "chapters", "chapters_exact", "articles", "articles_exact"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.failures.extend(other.failures)

    def shares(self) -> dict:
        def share(a, b):
            return round(a / b, 4) if b else 1.0
        return {"documents": share(self.documents_exact, self.documents),
                "chapters": share(self.chapters_exact, self.chapters),
                "articles": share(self.articles_exact, self.articles),
                "counts": {"documents": self.documents, "chapters": self.chapters, "articles": self.articles}}


def load_statute(path: Path) -> Statute | None:
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^# (.+)$", text, re.M)
    if not m or "<!-- INFO END -->" not in text:
        return None
    body = text.split("<!-- INFO END -->", 1)[1]
    lines: list[tuple[str, str]] = []
    for raw in body.split("\n"):
        s = raw.strip()
        if not s or s.startswith(("<!--", "|", "```", "![")):
            continue
        if s.startswith("#"):
            lines.append(("heading", s.lstrip("#").strip()))
        else:
            lines.append(("para", s))
    if not lines:
        return None
    return Statute(m.group(1).strip(), lines, str(path))


def statutes(folder: Path) -> list[Statute]:
    out = []
    for f in sorted(folder.rglob("*.md")):
        if f.name == "_index.md":
            continue
        s = load_statute(f)
        if s is not None:
            out.append(s)
    return out


# --- the truth, and what came back -------------------------------------------------------------

def _norm(text: str) -> str:
    """Text without whitespace, markers and invisible characters (the importer drops U+200B)."""
    import unicodedata

    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return re.sub(r"[\s#\\*]", "", _MARK.sub("", text))


def structure(markdown: str):
    """(title, chapters, sections, articles) of a policy, read by the linter's grammar."""
    from baomi.parser import parse_text

    pol = parse_text(markdown, Path("x.md"), "x.md")
    chapters = [(c.number, c.name) for c in pol.chapters]
    sections = [(s.number, re.sub(r"\s", "", s.title)) for c in pol.chapters for s in c.sections]
    articles = [(a.number, a.sub, _norm(a.text()), len(a.items)) for a in pol.articles]
    return (pol.h1 or "").strip(), chapters, sections, articles


def truth_markdown(st: Statute) -> str:
    parts = [f"# {st.title}"]
    for kind, text in st.lines:
        if kind == "heading":
            level = "###" if re.match(rf"^第[{_CN}]+节", text) else "##"
            parts.append(f"{level} {text}")
        else:
            parts.append(text)
    return "---\ntitle: x\n---\n\n" + "\n\n".join(parts) + "\n"


def compare(variant: str, want: Statute, got_md: str | None, cache: dict) -> Score:
    sc = Score(documents=1)
    key = want.source or want.title
    if key not in cache:
        cache[key] = structure(truth_markdown(want))
    title, chapters, sections, articles = cache[key]
    sc.chapters, sc.articles = len(chapters), len(articles)
    if got_md is None:
        sc.failures.append((variant, want.title, "没有对应的导入文档"))
        return sc
    gtitle, gchapters, gsections, garticles = structure(got_md)
    sc.chapters_exact = sum(1 for a, b in zip(chapters, gchapters) if a == b) if len(chapters) == len(gchapters) \
        else len(set(chapters) & set(gchapters))
    gset = {a[:2]: a for a in garticles}
    sc.articles_exact = sum(1 for a in articles if gset.get(a[:2]) == a)
    why = []
    if gtitle != title:
        why.append(f"标题 {gtitle!r}")
    if gchapters != chapters:
        why.append(f"章 {len(gchapters)}/{len(chapters)}")
    if gsections != sections:
        why.append(f"节 {len(gsections)}/{len(sections)}")
    if garticles != articles:
        bad = next((a for a in articles if gset.get(a[:2]) != a), None)
        why.append(f"条 {len(garticles)}/{len(articles)}" + (f"，首个不同：第{bad[0]}条" if bad else ""))
    if not why:
        sc.documents_exact = 1
    else:
        sc.failures.append((variant, want.title, "；".join(why)))
    return sc


# --- variants ------------------------------------------------------------------------------------

def _cn(n: int) -> str:
    from baomi.numerals import to_chinese
    return to_chinese(n)


_SUB = re.compile(r"^(?:[\d０-９]{1,2}[.．、]|[（(][\d０-９]{1,2}[）)])")
_ART = re.compile(rf"^第[{_CN}]+条")


def body_lines(st: Statute, numbering: str | None = None) -> list[str]:
    """The body as lines; with `numbering`, the items （一） of every article written 1、 / （1） /
    １． — except in articles that already number sub-items that way (no office writes both levels
    alike)."""
    out = []
    has_sub: set[int] = set()
    art = 0
    arts = []
    for kind, text in st.lines:
        if kind == "heading" or _ART.match(text):
            art += 1
        arts.append(art)
        if kind == "para" and _SUB.match(text):
            has_sub.add(art)
    for (kind, text), a in zip(st.lines, arts):
        if numbering and kind == "para" and a not in has_sub:
            m = _ITEM.match(text)
            if m:
                from baomi.numerals import parse_chinese
                n = parse_chinese(m.group(1))
                label = {"1、": f"{n}、", "（1）": f"（{n}）", "１．": "".join(chr(ord(c) + 0xFEE0) for c in str(n)) + "．"}
                text = label[numbering] + text[m.end():]
        out.append(text)
    return out


def build_txt(variant: str, group: list[Statute], rng: random.Random) -> str:
    lines: list[str] = []
    pages = rng.randint(5, 30)
    if variant == "furniture":
        lines += rng.sample(FURNITURE_TOP, k=rng.randint(2, len(FURNITURE_TOP)))
    for k, st in enumerate(group, 1):
        if variant == "pian":
            form = rng.choice(("篇{n}", "【第{cn}篇】", "第{cn}篇"))
            sep = form.format(n=k, cn=_cn(k))
            if rng.random() < 0.5:
                lines += [sep, st.title]
            else:
                lines += [st.title, sep]
        else:
            lines.append(st.title)
        if rng.random() < 0.5:
            lines.append("")
        numbering = rng.choice(("1、", "（1）", "１．")) if variant == "numbering" else None
        body = body_lines(st, numbering)
        if variant == "runon":
            lines.append("".join(body))
        elif variant == "furniture":
            for i, text in enumerate(body):
                lines.append(text)
                if i and rng.random() < 0.08:
                    page = rng.randint(1, pages)
                    lines.append(rng.choice(FURNITURE_MID).format(page=page, pages=pages))
            lines.append(rng.choice(FURNITURE_MID).format(page=k, pages=pages))
        else:
            lines += body
        if rng.random() < 0.5:
            lines.append("")
    if variant == "furniture":
        lines += rng.sample(FURNITURE_END, k=rng.randint(1, len(FURNITURE_END)))
    return "\n".join(lines) + "\n"


def build_docx(path: Path, group: list[Statute]) -> None:
    """Titles in the Title style, chapters as Heading 1, items as a Word list numbered （%1） in
    Chinese counting, restarted for every article (the number is not typed in the text)."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="80"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/></w:lvl></w:abstractNum>'))
    num_id = 100

    def new_list() -> str:
        nonlocal num_id
        num_id += 1
        numbering.append(parse_xml(
            f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId w:val="80"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        return str(num_id)

    for st in group:
        d.add_paragraph(st.title, style="Title")
        current = None
        for kind, text in st.lines:
            if kind == "heading":
                d.add_paragraph(text, style="Heading 1" if "章" in text[:8] or "编" in text[:8] else "Heading 2")
                current = None
                continue
            m = _ITEM.match(text)
            if m:
                if current is None:
                    current = new_list()
                p = d.add_paragraph(text[m.end():])
                p_pr = p._p.get_or_add_pPr()
                p_pr.append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/>'
                                      f'<w:numId w:val="{current}"/></w:numPr>'))
                continue
            if re.match(rf"^第[{_CN}]+条", text):
                current = None
            d.add_paragraph(text)
    d.save(str(path))


# --- running ---------------------------------------------------------------------------------------

def import_file(path: Path, out: Path) -> list[str]:
    from baomi.config import load
    from baomi.importer.run import run

    rep = run([str(path)], out_dir=out, dry_run=True, lint=False, config=load(ROOT))
    if rep.inputs[0].error:
        return []
    return [p.content for p in rep.policies]


def match_docs(group: list[Statute], got: list[str]) -> list[str | None]:
    """The imported document for each statute of the file: by title, else by position."""
    titles = []
    for md in got:
        m = re.search(r"^# (.+)$", md, re.M)
        titles.append(m.group(1).strip() if m else "")
    out: list[str | None] = []
    used: set[int] = set()
    for k, st in enumerate(group):
        idx = next((i for i, t in enumerate(titles) if t == st.title and i not in used), None)
        if idx is None and len(got) == len(group) and k not in used:
            idx = k
        if idx is not None:
            used.add(idx)
        out.append(got[idx] if idx is not None else None)
    return out


def evaluate(sts: list[Statute], variants=VARIANTS, per_file: tuple[int, int] = (2, 4), seed: int = 19,
             work: Path | None = None) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    cache: dict = {}
    tmp = tempfile.TemporaryDirectory(prefix="baomi-messy-") if work is None else None
    base = Path(tmp.name) if tmp else work
    try:
        for variant in variants:
            rng = random.Random(f"{seed}-{variant}")
            order = list(sts)
            rng.shuffle(order)
            sc = Score()
            i = n = 0
            while i < len(order):
                k = rng.randint(*per_file)
                group = order[i:i + k]
                i += k
                n += 1
                if variant == "docx":
                    f = base / f"{variant}-{n:03d}.docx"
                    build_docx(f, group)
                else:
                    f = base / f"{variant}-{n:03d}.txt"
                    f.write_text(build_txt(variant, group, rng), encoding="utf-8")
                got = import_file(f, base / "out")
                for st, md in zip(group, match_docs(group, got)):
                    sc.add(compare(variant, st, md, cache))
                if len(got) != len(group):
                    sc.failures.append((variant, f.name, f"文件含 {len(group)} 篇，导入为 {len(got)} 篇"))
            scores[variant] = sc
    finally:
        if tmp:
            tmp.cleanup()
    return scores


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="只用前 N 部法规（按文件名排序后随机抽取）")
    ap.add_argument("--variant", action="append", choices=VARIANTS)
    ap.add_argument("--per-file", type=int, nargs=2, default=(2, 4), metavar=("MIN", "MAX"))
    ap.add_argument("--show", type=int, default=5, help="每种变体显示的失败样例数")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"找不到法规集 {args.corpus}", file=sys.stderr)
        return 2
    sts = statutes(args.corpus)
    if args.limit:
        sts = random.Random(19).sample(sts, min(args.limit, len(sts)))
    scores = evaluate(sts, tuple(args.variant or VARIANTS), tuple(args.per_file))
    total = Score()
    figures = {}
    for v, sc in scores.items():
        total.add(sc)
        s = sc.shares()
        figures[v] = s
        print(f"{v:10s} 文档 {s['documents']:.1%}（{sc.documents_exact}/{sc.documents}）  "
              f"章 {s['chapters']:.1%}（{sc.chapters_exact}/{sc.chapters}）  "
              f"条 {s['articles']:.1%}（{sc.articles_exact}/{sc.articles}）")
        for f in sc.failures[:args.show]:
            print(f"    {f[1]}：{f[2]}")
    s = total.shares()
    figures["all"] = s
    print(f"{'合计':8s} 文档 {s['documents']:.1%}（{total.documents_exact}/{total.documents}）  "
          f"章 {s['chapters']:.1%}  条 {s['articles']:.1%}")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
