"""A rule-book repository full of hostile strings, for the HTML-safety tests.

Every payload, if it ever ran, would either call alert() or set a number on window.__xss;
PAYLOADS lists them. They sit where users and data files really put text: front-matter title,
id, owner, scope, covers and basis, file names, chapter headings, article text with Markdown
and HTML links, and copies of schemas/*.yaml (law key and name, checklist area id and title, item
id, role key, name and mentions, category key and name, synonyms, terms).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

SVG = "<svg onload=alert(1)>"
IMG = "<img src=x onerror=window.__xss=2>"
QUOTE_BREAK = "\"><img src=x onerror=window.__xss=3>"
APOS_BREAK = "'><svg onload=window.__xss=4>"
TITLE_BREAK = "</title><script>window.__xss=5</script>"
SCRIPT = "<script>window.__xss=6</script>"
JS_URL = "javascript:window.__xss=7"
ATTR_BREAK = "} onclick=window.__xss=8 {"

PAYLOADS = (SVG, IMG, QUOTE_BREAK, APOS_BREAK, TITLE_BREAK, SCRIPT, JS_URL, ATTR_BREAK)

TITLE_A = f"测试{SVG}管理制度"                        # the title of the issue
TITLE_B = f"恶意{QUOTE_BREAK}{TITLE_BREAK}保密规定"
FILE_A = "javascript:alert(9).md"                   # a file name read as a scheme
FILE_B = "x\"><svg onload=alert(10)>.md"            # a file name that closes an attribute
LAW_KEY = f"恶意法{QUOTE_BREAK}"
LAW_NAME = f"恶意法规{IMG}{APOS_BREAK}"
AREA_ID = f"99{QUOTE_BREAK}{ATTR_BREAK}"
AREA_TITLE = f"恶意事项{SVG}"
ITEM_ID = f"99.1{APOS_BREAK}"
ROLE_KEY = f"恶意角色{SVG}"
ROLE_NAME = f"恶意角色名{IMG}"
CATEGORY_KEY = f"恶意类别{QUOTE_BREAK}"
CATEGORY_NAME = f"恶意类别名{SCRIPT}"
SYNONYM_TERM = f"恶意检索词{IMG}"
SEARCH_WORD = "恶意条文"                             # in the hostile article text: the search query
ARTICLE_TEXT = f"{SEARCH_WORD}{IMG}{SCRIPT}[点我]({JS_URL})<a href=\"{JS_URL}\">链接</a>![图](javascript:alert(11))"


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def hostile_schemas(schemas: Path) -> None:
    """Add a hostile entry to each data file of the copied `schemas/`."""
    laws = _load(schemas / "laws.yaml")
    laws["laws"].append({"key": LAW_KEY, "full_name": LAW_NAME, "short_names": [f"恶意{IMG}"],
                         "kind": "法律", "issuer": f"机关{SVG}", "status": "现行",
                         "notes": f"说明{SCRIPT}", "source": f"来源{QUOTE_BREAK}",
                         "key_articles": [{"article": 1, "topic": f"主题{IMG}"}]})
    _dump(schemas / "laws.yaml", laws)

    cl = _load(schemas / "checklist.yaml")
    cl["areas"].append({"id": AREA_ID, "label": f"（九十九）{APOS_BREAK}", "title": AREA_TITLE,
                        "items": [{"id": ITEM_ID, "label": f"（九十九）1{SVG}", "text": f"检查{IMG}",
                                   "source": f"来源{SCRIPT}", "category": CATEGORY_KEY,
                                   "clauses": [{"id": f"99.1-a{QUOTE_BREAK}", "must": f"{SEARCH_WORD}{SVG}",
                                                "all": [[SEARCH_WORD]]}]}]})
    _dump(schemas / "checklist.yaml", cl)

    roles = _load(schemas / "roles.yaml")
    roles["roles"].append({"key": ROLE_KEY, "name": ROLE_NAME, "description": f"说明{SCRIPT}",
                           "includes": [], "mentions": [f"恶意称呼{IMG}", SEARCH_WORD],
                           "source": f"来源{QUOTE_BREAK}"})
    _dump(schemas / "roles.yaml", roles)

    cats = _load(schemas / "categories.yaml")
    cats["categories"].append({"key": CATEGORY_KEY, "name": CATEGORY_NAME, "required": False,
                               "description": f"说明{IMG}", "source": f"来源{SVG}",
                               "mandated_chapters": [f"总则{SVG}", "附则"]})
    _dump(schemas / "categories.yaml", cats)

    syn = _load(schemas / "synonyms.yaml")
    syn["synonyms"].append({"term": SYNONYM_TERM, "synonyms": [SEARCH_WORD, f"同义{SVG}"],
                            "note": f"说明{QUOTE_BREAK}"})
    _dump(schemas / "synonyms.yaml", syn)

    terms = _load(schemas / "terms.yaml")
    entries = terms["terms"] if isinstance(terms, dict) else terms
    entries.append({"wrong": f"错写{IMG}", "right": f"正写{SVG}", "note": f"说明{SCRIPT}",
                    "source": f"依据{QUOTE_BREAK}"})
    _dump(schemas / "terms.yaml", terms)


def _front(text: str, **values: str) -> str:
    """Replace front-matter keys of a policy text (values written as YAML)."""
    head, sep, body = text.partition("\n---\n")
    lines = head.split("\n")
    for i, line in enumerate(lines):
        key = line.split(":", 1)[0]
        if key in values and not line.startswith(" "):
            lines[i] = f"{key}: {values[key]}"
    return "\n".join(lines) + sep + body


def _q(s: str) -> str:
    return yaml.safe_dump(s, allow_unicode=True, default_style='"').strip().removesuffix("...").strip()


def hostile_policies(policies: Path) -> None:
    """Two 条款式 policies with hostile file names, titles, front matter, headings and text."""
    src = (ROOT / "policies" / "shemi-renyuan.md").read_text(encoding="utf-8")
    for name, title, pid in ((FILE_A, TITLE_A, "BM-91"), (FILE_B, TITLE_B, "BM-92")):
        t = _front(src, id=_q(f"{pid}{IMG}"), title=_q(title), owner=_q(f"保密办{SVG}"),
                   scope=_q(f"范围{QUOTE_BREAK}"), category=_q(CATEGORY_KEY),
                   roles=f"[{_q(ROLE_KEY)}, 涉密人员]",
                   covers=f"[{_q(ITEM_ID)}, \"4.1\", {_q('4.2' + APOS_BREAK)}]",
                   basis=f"[保密法, {_q(LAW_KEY)}, {_q('不存在的法' + SVG)}]")
        t = t.replace("# 涉密人员保密管理制度", f"# {title}", 1)
        t = re.sub(r"^## 第一章 (.*)$", lambda m: f"## 第一章 {m.group(1)}{IMG}{ATTR_BREAK}", t, count=1, flags=re.M)
        t = re.sub(r"^第二条 ", f"第二条 {ARTICLE_TEXT}", t, count=1, flags=re.M)
        t = t.replace("roles: [涉密人员]", f"roles: [{_q(ROLE_KEY)}]", 1)    # a pledge entry for the role
        (policies / name).write_text(t, encoding="utf-8")


def make_hostile_repo(dest: Path, policies: tuple[str, ...] = ("baomi-shouze.md", "dingmi.md")) -> Path:
    """A repository (pyproject, mkdocs.yml, overrides, hostile schemas) with a few shipped
    policies and the two hostile ones; the site name is hostile too."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "pyproject.toml", dest / "pyproject.toml")
    mk = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    mk = re.sub(r"^site_name: .*$", "site_name: " + _q(f"保密制度汇编{SVG}"), mk, count=1, flags=re.M)
    (dest / "mkdocs.yml").write_text(mk, encoding="utf-8")
    for name in ("site_overrides", "schemas"):
        shutil.copytree(ROOT / name, dest / name)
    hostile_schemas(dest / "schemas")
    (dest / "policies").mkdir()
    for name in policies:
        shutil.copy2(ROOT / "policies" / name, dest / "policies" / name)
    hostile_policies(dest / "policies")
    return dest
