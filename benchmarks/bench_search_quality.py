"""Search quality on the team's query set (benchmarks/search_queries.yaml), in real Chromium.

Builds the handbook of policies/ (and, for comparison, a plain Material build of the same
Markdown with its stock search plugin, indexed by Pagefind if `pagefind[extended]` is
installed), types every query into each engine and prints top-1 / top-5 per category:
- baomi: per article (the expected article among the first 1 / 5 results) and per page;
- Material and Pagefind: per page only (they return pages, not articles).
Expected articles were judged from the policies' text before running; a miss is printed.
No asserts: it reports.

    python benchmarks/bench_search_quality.py [--no-peers] [--json FILE] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_site import PLAIN_YML, a_page, run  # noqa: E402
from harness import browser, make_repo, search, serve  # noqa: E402

PY = sys.executable
QUERIES = ROOT / "benchmarks" / "search_queries.yaml"
MATERIAL_WAIT_MS = 5_000    # no answer within 5 s counts as no result (its worker may never answer)


def load_queries() -> list[tuple[str, str, list[tuple[str, str]]]]:
    raw = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    out = []
    for cat, items in raw.items():
        for it in items:
            out.append((cat, str(it["q"]), [tuple(e.split()) for e in it["expect"]]))
    return out


def policies(repo: Path) -> dict[str, tuple[str, str]]:
    """title → (policy id, page slug)."""
    out = {}
    for f in (repo / "policies").glob("*.md"):
        front = yaml.safe_load(f.read_text(encoding="utf-8").split("---")[1])
        out[front["title"]] = (front["id"], f.stem)
    return out


def ok(expect, got) -> bool:
    # got: (policy id, label[, anchor]); an expected "BM-07 #sec-6-2" names a 公文式 section by
    # its anchor (their labels, such as （二）, repeat within a page)
    return any(e == tuple(got[:2]) or (e[0] == "any" and e[1] == got[1])
               or (len(got) > 2 and e[1].startswith("#") and (e[0], e[1][1:]) == (got[0], got[2]))
               for e in expect)


def score_lists(queries, results) -> dict:
    """results[i]: ranked list of keys (pid, label) or (pid,) → per category top1/top5 counts."""
    cats: dict = {}
    for (cat, q, expect), got in zip(queries, results):
        c = cats.setdefault(cat, {"n": 0, "top1": 0, "top5": 0, "miss": [], "miss1": []})
        c["n"] += 1
        hit1 = bool(got[:1]) and ok(expect, got[0])
        hit5 = any(ok(expect, g) for g in got[:5])
        c["top1"] += hit1
        c["top5"] += hit5
        if not hit5:
            c["miss"].append(q)
        elif not hit1:
            c["miss1"].append(q)
    tot = {"n": sum(c["n"] for c in cats.values()), "top1": sum(c["top1"] for c in cats.values()),
           "top5": sum(c["top5"] for c in cats.values())}
    return {"cats": cats, "total": tot}


def pages_of(expect):
    return [(e[0],) if e[0] != "any" else ("any",) for e in expect]


def page_ok_lists(queries, page_results):
    conv = []
    for (cat, q, expect), got in zip(queries, page_results):
        conv.append((cat, q, [(p[0], "") for p in pages_of(expect)]))
    fixed = []
    for (cat, q, expect), got in zip(conv, page_results):
        if any(e[0] == "any" for e in expect):
            fixed.append([(e[0], "") for e in expect] * bool(got) if got else [])
        else:
            fixed.append([(g, "") for g in got])
    return score_lists(conv, fixed)


def baomi_results(b, url, queries, titles):
    page = b.new_page()
    page.goto(url)
    arts, pages, times = [], [], []
    for cat, q, _ in queries:
        t = time.perf_counter()
        hits = search(page, q)
        times.append(time.perf_counter() - t)
        keys = [(titles.get(h["title"], ("?", ""))[0], h["label"], h["href"].rpartition("#")[2]) for h in hits]
        arts.append(keys)
        pages.append(list(dict.fromkeys(k[0] for k in keys)))
    page.close()
    return arts, pages, times


def material_results(b, url, queries, slugs):
    page = b.new_page()
    page.goto(url)
    out = []
    for cat, q, _ in queries:
        page.click(".md-search__input")
        page.fill(".md-search__input", "")
        page.fill(".md-search__input", q)
        try:
            # the meta line first says 键入以开始搜索 until the worker has loaded the index
            page.wait_for_function("() => { const m = document.querySelector('.md-search-result__meta');"
                                   " return m && !/键入/.test(m.textContent); }", timeout=MATERIAL_WAIT_MS)
            page.wait_for_timeout(300)
            hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(a => a.href)")
        except Exception:
            hrefs = []
        seen = list(dict.fromkeys(h.split("#")[0].rstrip("/").split("/")[-1] for h in hrefs))
        out.append([slugs.get(s, s) for s in seen])
        page.keyboard.press("Escape")
    page.close()
    return out


def pagefind_results(b, url, queries, slugs):
    page = b.new_page()
    page.goto(url)
    out = []
    for cat, q, _ in queries:
        urls = page.evaluate("""async q => { window.__pf = window.__pf || await import('/pagefind/pagefind.js');
            const s = await window.__pf.search(q);
            return Promise.all(s.results.slice(0, 10).map(r => r.data().then(d => d.url))); }""", q)
        seen = list(dict.fromkeys(u.split("#")[0].rstrip("/").split("/")[-1] for u in urls))
        out.append([slugs.get(s, s) for s in seen])
    page.close()
    return out


def table(name, res, unit):
    lines = [f"\n{name}（{unit}）", f"{'类别':<12}{'条数':>6}{'top-1':>10}{'top-5':>10}"]
    for cat, c in res["cats"].items():
        lines.append(f"{cat:<12}{c['n']:>6}{c['top1'] / c['n']:>10.0%}{c['top5'] / c['n']:>10.0%}")
    t = res["total"]
    lines.append(f"{'合计':<12}{t['n']:>6}{t['top1'] / t['n']:>10.0%}{t['top5'] / t['n']:>10.0%}"
                 f"   ({t['top1']}/{t['n']}, {t['top5']}/{t['n']})")
    miss = [q for c in res["cats"].values() for q in c["miss"]]
    if miss:
        lines.append("前五名未命中：" + "、".join(miss))
    miss1 = [q for c in res["cats"].values() for q in c["miss1"]]
    if miss1 and len(miss1) <= 30:
        lines.append("第一名不是期望条文（前五名中有）：" + "、".join(miss1))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description="search quality on benchmarks/search_queries.yaml")
    ap.add_argument("--no-peers", action="store_true", help="baomi only (no Material/Pagefind build)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--keep", type=Path, help="build into this directory and keep it")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="baomi-sq-"))
    try:
        repo = make_repo(work / "repo")
        run([PY, "-c", "from baomi.config import load; from baomi.site.build import build;"
             "raise SystemExit(build(load(), quiet=True, lint=False))"], repo)
        peers = not args.no_peers
        pagefind = False
        if peers:
            (repo / "mkdocs-plain.yml").write_text(PLAIN_YML, encoding="utf-8")
            run([PY, "-m", "mkdocs", "build", "-q", "-f", "mkdocs-plain.yml", "-d", "plain"], repo)
            try:
                import pagefind as _pf  # noqa: F401
                run([PY, "-m", "pagefind", "--site", "plain", "--quiet"], repo)
                pagefind = True
            except ImportError:
                print("（未安装 pagefind[extended]：不比较 Pagefind）")
        queries = load_queries()
        pol = policies(repo)
        titles = {t: v for t, v in pol.items()}
        slugs = {v[1]: v[0] for v in pol.values()}
        out = {}
        with browser() as b:
            with serve(repo / "site") as url:
                arts, pages, times = baomi_results(b, url, queries, titles)
            out["baomi_article"] = score_lists(queries, arts)
            out["baomi_page"] = page_ok_lists(queries, pages)
            out["baomi_first_query_s"] = times[0]
            out["baomi_median_s"] = sorted(times)[len(times) // 2]
            if peers:
                with serve(repo / "plain") as url:
                    out["material_page"] = page_ok_lists(queries, material_results(b, url + a_page(repo / "plain"), queries, slugs))
                    if pagefind:
                        out["pagefind_page"] = page_ok_lists(queries, pagefind_results(b, url + a_page(repo / "plain"), queries, slugs))
        print(f"查询集：{QUERIES.relative_to(ROOT)}，{len(queries)} 条")
        print(table("baomi", out["baomi_article"], "按条"))
        print(table("baomi", out["baomi_page"], "按页面"))
        for k, name in (("material_page", "Material 内置搜索"), ("pagefind_page", "Pagefind")):
            if k in out:
                print(table(name, out[k], "按页面"))
        print(f"\nbaomi 每条查询（输入到结果显示）：首次 {out['baomi_first_query_s'] * 1000:.0f} ms，"
              f"中位数 {out['baomi_median_s'] * 1000:.0f} ms")
        if args.json:
            args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
