"""Law registry facts computed from the statute texts (schemas/laws.yaml, schemas/law_texts.json).

An entry of schemas/laws.yaml names the corpus files its facts are read from:

    texts:
      current: 行政法/保守国家秘密法(2024-02-27).md      # relative to ../shared/corpus/laws
      previous: 行政法/保守国家秘密法(2010-04-29).md     # the version before, if the registry maps it

From them `compute` derives `article_count`, `chapters`, the dates of the enactment history and
the effective date, and, with a previous version, `old_numbers`: that version's date, counts and
its old → new article map (aligned by content, `baomi.laws.align`). `build` writes the computed
fields into laws.yaml (the rest of the file, comments included, is kept) and the article texts of
mapped laws into law_texts.json, which the citation rule (BM313) compares citing sentences with.
`check` recomputes everything and lists where the files disagree with the texts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..datamodel import Law, laws_from
from ..numerals import parse_chinese
from .align import align_articles
from .statute import Statute, read_statute

COMPUTED = ("article_count", "chapters", "old_numbers")
_EFFECTIVE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
_EFFECTIVE_CN = re.compile(r"自([一二三四五六七八九〇零]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日起施行")
_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def default_corpus(start: Path | None = None) -> Path | None:
    """../shared/corpus/laws as seen from the project root (or from `start` upwards)."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        p = d.parent / "shared" / "corpus" / "laws"
        if p.is_dir():
            return p
        p = d / "shared" / "corpus" / "laws"
        if p.is_dir():
            return p
    return None


def effective_date(st: Statute) -> str | None:
    """The date of 本法自……起施行 in the last articles of the text."""
    for n in sorted(st.articles, reverse=True)[:3]:
        t = st.articles[n]
        m = _EFFECTIVE.search(t)
        if m:
            y, mo, d = m.groups()
            return f"{y}-{int(mo):02d}-{int(d):02d}"
        m = _EFFECTIVE_CN.search(t)
        if m:
            y = "".join(_DIGIT[c] for c in m.group(1))
            return f"{y}-{parse_chinese(m.group(2)):02d}-{parse_chinese(m.group(3)):02d}"
    return None


def version_date(st: Statute) -> str | None:
    """The date of this version: the last date of its enactment history (adopted, revised or
    published; a line that only says when it took effect is not a version)."""
    d = [x for line in st.history if not line.rstrip().endswith("施行")
         for x in Statute(st.path, st.title, [line]).dates()]
    return d[-1] if d else None


def old_to_new(old: Statute, new: Statute) -> dict[int, int | None]:
    m = align_articles(list(old.articles.items()), list(new.articles.items()))
    return {k: (v[0] if v else None) for k, v in m.items()}


def compute(law: Law, corpus: Path) -> dict:
    """The computed fields of one entry (empty when it names no text), in laws.yaml's form."""
    texts = law.texts
    if not texts.current:
        return {}
    cur = read_statute(corpus / texts.current)
    out: dict = {"article_count": cur.article_count, "chapters": cur.chapters}
    if texts.previous:
        prev = read_statute(corpus / texts.previous)
        out["old_numbers"] = {"version": version_date(prev), "article_count": prev.article_count,
                              "chapters": prev.chapters, "map": old_to_new(prev, cur)}
    return out


def texts_of(laws: tuple[Law, ...], corpus: Path) -> dict:
    """Article texts of the current and previous version of every law that has an old → new map."""
    out: dict = {}
    for e in laws:
        texts = e.texts
        if not (texts.current and texts.previous):
            continue
        out[e.key] = {
            which: {"file": file, "version": version_date(st),
                    "articles": {str(n): t for n, t in sorted(st.articles.items())}}
            for which, file, st in (("current", texts.current, read_statute(corpus / texts.current)),
                                    ("previous", texts.previous, read_statute(corpus / texts.previous)))}
    return out


def _load_rt(path: Path):
    from ruamel.yaml import YAML

    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y, y.load(path.read_text(encoding="utf-8"))


def _flow(d: dict):
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap(d)
    m.fa.set_flow_style()
    return m


def build(schemas: Path, corpus: Path) -> list[str]:
    """Write the computed facts into schemas/laws.yaml and schemas/law_texts.json; what changed."""
    from ruamel.yaml.comments import CommentedMap

    path = schemas / "laws.yaml"
    y, doc = _load_rt(path)
    changed = []
    for e in doc["laws"]:
        got = compute(Law.from_data(e), corpus)
        for k in COMPUTED:
            if k not in got:
                continue
            v = got[k]
            if k == "old_numbers":
                v = CommentedMap(v)
                v["map"] = _flow(v["map"])
            if _plain(e.get(k)) != _plain(got[k]):
                changed.append(f"{e['key']}.{k}")
            if k in e:
                e[k] = v
            else:
                # after `texts`, where a reader looks for what was read from them
                pos = list(e).index("texts") + 1 if "texts" in e else len(e)
                e.insert(pos, k, v)
    import io

    buf = io.StringIO()
    y.dump(doc, buf)
    path.write_text(buf.getvalue(), encoding="utf-8")
    tpath = schemas / "law_texts.json"
    new_texts = texts_of(laws_from(list(doc["laws"])), corpus)
    old_texts = json.loads(tpath.read_text(encoding="utf-8")) if tpath.is_file() else None
    if old_texts != new_texts:
        changed.append("law_texts.json")
    tpath.write_text(json.dumps(new_texts, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return changed


def _plain(v):
    """YAML round-trip values as plain dicts/lists with int keys kept (for comparison)."""
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def recorded(law: Law) -> dict:
    """The computed fields as the registry records them (laws.yaml's form, as `compute` returns them)."""
    return {"article_count": law.article_count, "chapters": law.chapters,
            "old_numbers": law.old_numbers.as_data() if law.old_numbers is not None else None}


def check(laws: tuple[Law, ...], law_texts: dict | None, corpus: Path) -> list[str]:
    """Every disagreement between the registry (and law_texts.json) and the texts, as messages."""
    bad = []
    for e in laws:
        key = e.key
        if not e.texts.current:
            if e.verified:
                bad.append(f"{key}: verified 为 true，但没有可核对的文本（texts）")
            continue
        for which, rel in e.texts.items():
            if not (corpus / rel).is_file():
                bad.append(f"{key}: texts.{which} 指向的文件不存在：{rel}")
        if bad and bad[-1].startswith(f"{key}: texts"):
            continue
        got, have = compute(e, corpus), recorded(e)
        for k, v in got.items():
            if have[k] != v:
                bad.append(f"{key}.{k}: 法规库为 {have[k]!r}，按文本计算为 {v!r}")
        cur = read_statute(corpus / e.texts.current)
        date = e.version.date
        if date and date != version_date(cur):
            bad.append(f"{key}.version: 法规库为 {date}，文本的最后一次通过或修订日期为 {version_date(cur)}")
        eff = effective_date(cur)
        if eff and e.version.effective and e.version.effective != eff and "version" not in e.unverified:
            bad.append(f"{key}.version.effective: 法规库为 {e.version.effective}，文本为 {eff}")
        mp = (got.get("old_numbers") or {}).get("map") or {}
        for r in e.renumbered:
            if mp.get(r.old) != r.new:
                bad.append(f"{key}.renumbered: {r.topic} 记为第{r.old}条→第{r.new}条，"
                           f"按文本对齐为第{r.old}条→{mp.get(r.old)}")
        for a in e.key_articles:
            if a.article not in cur.articles:
                bad.append(f"{key}.key_articles: 文本中没有第{a.article}条")
    if law_texts is not None:
        want = texts_of(laws, corpus)
        if law_texts != want:
            bad.append("law_texts.json 与文本不一致：请运行 python -m baomi.laws build-registry")
    return bad
