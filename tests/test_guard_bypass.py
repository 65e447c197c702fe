"""Issue 14: the publishing guard judges what a reader sees. Each bypass class is planted with a
unique token in a policy of a temporary repository; a real build must refuse it (lint) or withhold
it (guard), and the token must appear in no output byte (.docx parts included)."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import make_repo  # noqa: E402

from baomi.config import load  # noqa: E402
from baomi.guard import find_markings, secret_level_value, text_is_classified  # noqa: E402
from baomi.site.build import build, clean_stale  # noqa: E402
from baomi.site.scan import scan_bytes  # noqa: E402

# (class, body text planted; TOKEN replaced by the case's own token)
BYPASS = [
    # found by the property test below: a list interrupting the paragraph splits level and period
    ("list-interrupts", "本方案绝密\n * 5年 TOKEN"),
    ("split-lines", "为做好专项工作，制定本方案，机\n密★10年，TOKEN。"),
    ("fullwidth-space", "本方案机　密★10年TOKEN"),
    ("ascii-space", "本方案 机 密 ★ 10 年 TOKEN"),
    ("corner-brackets", "「机密」★10年 TOKEN"),
    ("quotes-whole-line", "“机密★10年”TOKEN"),
    ("star-first", "★机密★10年 TOKEN"),
    ("no-star", "机密10年 TOKEN"),
    ("no-star-long", "绝密长期 TOKEN"),
    ("no-star-ji", "机密级10年 TOKEN"),
    ("declared", "本文件密级：机密 TOKEN"),
    ("declared-short", "密级：机密\n\nTOKEN"),
    ("zero-width", "机\u200b密\u2060★\ufeff10年 TOKEN"),
    ("soft-hyphen", "机\u00ad密★10年 TOKEN"),
    ("nbsp", "机\u00a0密\u00a0★10年 TOKEN"),
    ("traditional", "機密★10年 TOKEN"),
    ("traditional-2", "絕密★長期 TOKEN"),
    ("other-star", "机密✱10年 TOKEN"),
    ("other-star-2", "秘密⭐5年 TOKEN"),
    ("unclosed-quote", "他说“这份材料为机密★10年，TOKEN"),
    ("emphasis", "机**密**★10年 TOKEN"),
    ("entity", "机&#23494;★10年 TOKEN"),
    ("heading", "## 机密 TOKEN\n\n## 机密"),
    ("table", "| 项目 | 说明 |\n| --- | --- |\n| 机密★10年 | TOKEN |"),
    ("link-text", "见[机密★10年](https://x.invalid/TOKEN)。TOKEN"),
    ("image-alt", "![机密★10年 TOKEN](a.png)"),
    ("fullwidth-digits", "机密★１０年 TOKEN"),
    ("circled", "㊙密★5年 TOKEN"),
    ("nbsp-line", "方案，机\n\u00a0\n密★10年 TOKEN"),
    # a new-user trial: the level declared in prose by the text itself (self-name + copula + level)
    ("prose-self-period", "本文件属机密级，保密期限十年。TOKEN"),
    ("prose-self-file", "本文件为机密级文件。TOKEN"),
    ("prose-self-state-secret", "本制度属于秘密级国家秘密。TOKEN"),
    ("prose-self-spaced", "本 文 件 属 机 密 级 。TOKEN"),
    ("prose-self-traditional", "本辦法屬於機密級國家祕密。TOKEN"),
    ("prose-self-zero-width", "本\u200b方案\u00ad确定为\u2060绝密级，TOKEN"),
    ("prose-self-split", "为做好专项工作，特制定本方案。本方案系机\n密级文件，TOKEN。"),
    ("declared-copula", "本文件的密级确定为绝密级，保密期限三十年。TOKEN"),
]
FRONT = [("title", "专项方案TOKEN机密★10年"), ("scope", "「机密」★10年TOKEN"), ("owner", "機密☆長期 TOKEN")]


def _token(name: str) -> str:
    return f"TOKEN-{abs(hash(name)) % 0xFFFFFF:06x}-Q7"


@pytest.mark.parametrize("name,body", BYPASS, ids=[b[0] for b in BYPASS])
def test_detector_finds_each_bypass(name, body):
    text = body.replace("TOKEN", "X")
    assert text_is_classified(text), name
    k = find_markings(text)[0]
    assert "密" in k.seen


@pytest.mark.parametrize("text", [
    "国家秘密的密级分为绝密、机密、秘密三级。", "绝密级、机密级和秘密级", "标注格式为“密级★保密期限”，例如“机密★5年”。",
    "保密期限上限为绝密30年、机密20年、秘密10年。", "密级：绝密/机密/秘密", "不该说的秘密不说。", "商业秘密10年内不得披露",
    "BM802 国家秘密标志应写作“机密★5年”", "凡“绝密”级文件资料不得复印。",
])
def test_mentions_pass(text):
    assert find_markings(text) == []


@pytest.mark.parametrize("text", ["例如“「机密」★5年”", "“机密★5年”", "例如：机密★5年", "例如“机密★5年，秘密★6个月”"])
def test_not_mentions(text):
    assert find_markings(text)


@pytest.mark.parametrize("text", [
    "核心密码保护信息的最高密级为绝密级，普通密码保护信息的最高密级为机密级。",   # 密码法 第七条
    "涉密信息系统的最低密级是秘密。", "该事项定为机密级。", "属于绝密级的事项，不得复制。",
])
def test_a_level_stated_of_a_class_of_information_is_a_mention(text):
    assert find_markings(text) == []


@pytest.mark.parametrize("text", [
    "本汇编的最高密级为机密", "第一条 本汇编的最高密级为机密。", "此件的最高密级为绝密", "本文件最高密级为机密",
    "系统的最高密级：机密", "信息的最高密级为机密★5年", "信息的最高密级为绝密30年", "本文件密级为机密",
    "机密★10年", "绝密", "密级：机密",
])
def test_a_level_declared_of_this_text_is_still_a_marking(text):
    assert find_markings(text), text


@pytest.mark.parametrize("text", [
    "机密级国家秘密的保密期限不超过二十年。", "本条所称秘密级事项，是指……", "属于机密级的，应当按规定管理。",
    "本办法所称国家秘密，是指关系国家安全和利益的事项，分为绝密、机密、秘密三级。",
    "核心密码保护信息的最高密级为绝密级。", "本规定适用于秘密级以上事项。", "本规定适用于秘密级以上的国家秘密载体。",
    "依照本办法确定为秘密级的事项，应当标注。", "依照本规定定为机密级事项的，应当登记。",
    "如本文件属于机密级，应当在首页标注。", "经审查，若本文件属于机密级，应当标注。", "本规定是秘密工作的基本规范。", "文本文件为机密级的，不得上传。",
    "本文件属机密、秘密两级之一的，按相应密级管理。", "该事项的密级确定为机密级的，应当登记。",
    "核心密码保护信息的最高密级确定为绝密级。",
])
def test_a_level_in_prose_not_declared_of_this_text_is_a_mention(text):
    assert find_markings(text) == [], text


@pytest.mark.parametrize("text", [
    "本文件属机密级，保密期限十年。", "本文件为机密级文件。", "本制度属于秘密级国家秘密。", "本通知定为秘密。",
    "本件系机密件。", "本规定为机密级国家秘密事项。", "本方案列为绝密级，保密期限30年。", "本报告标为秘密级",
    "本文件属机密级10年", "本办法是机密级。", "依法如实填报，本文件属机密级。", "依法如实填报本文件属机密级。",
    # what a reader sees: full-width, invisible characters, spaces, Traditional forms, markup, a soft break
    "本文件属机密级，保密期限１０年。", "本文件属\u3000机密级。", "本文件属机\u200b密级。", "本 文 件 属 机 密 级",
    "本文件屬機密級。", "本規定為祕密級。", "本文件属**机密级**。", "本文件属「机密级」。", "本文件属机\n密级。",
])
def test_a_level_the_text_declares_of_itself_in_prose_is_a_marking(text):
    (k,) = find_markings(text)
    assert k.kind == "declared" and k.level in ("绝密", "机密", "秘密"), text


@pytest.mark.parametrize("text", ["本文件密级属机密级。", "本文件密级属于秘密", "本文件的密级确定为绝密级，保密期限三十年",
                                  "密级定为机密", "本件密級係機密級。"])
def test_a_declared_level_takes_any_copula(text):
    (k,) = find_markings(text)
    assert k.kind == "declared", text


def test_two_paragraphs_are_never_joined_and_each_marking_is_found_at_its_own_line():
    text = "密级：秘密★\n\n绝密★30年"
    ks = find_markings(text)
    assert [k.text for k in ks] == ["密级：秘密★", "绝密★30年"]
    assert all("\n" not in k.text for k in ks)
    assert [k.level for k in ks] == ["秘密", "绝密"]
    assert find_markings("本方案绝密\n\n * 5年") == []          # two blocks a blank line apart
    assert [k.text for k in find_markings("- 秘密★\n- 绝密★30年")] == ["秘密★", "绝密★30年"]
    assert [k.text for k in find_markings("密级：秘密★绝密★30年")] == ["密级：秘密★", "绝密★30年"]


def test_positions_point_at_original_text():
    text = "第一行\n方案，机\n密★10年，其余"
    (k,) = find_markings(text)
    assert text[k.start:k.end] == "机\n密★10年" and k.seen == "机密★10年"


def test_secret_level_value_sees_through():
    for v in ("機密", "「机密」", "机 密", "机\u200b密★5年", "密级：绝密"):
        assert secret_level_value(v), v
    assert secret_level_value("内部") is None and secret_level_value("工作秘密") is None


# --- property test ------------------------------------------------------------------------------
LEVELS = ["绝密", "机密", "秘密", "機密", "絕密", "祕密"]
STARS = ["★", "☆", "✱", "⭐", "✩", "＊", "*"]
PERIODS = ["5年", "10年", "２０年", "五年", "6个月", "长期", "2030年12月31日", ""]
NOISE = [" ", "\u3000", "\u00a0", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\n", "「", "」",
         "（", "）", "【", "】", "“", "”"]
CASES = {"n": 0}


@st.composite
def markings(draw):
    level = draw(st.sampled_from(LEVELS))
    star = draw(st.sampled_from(STARS))
    period = draw(st.sampled_from(PERIODS))
    if star in "*＊" and period in ("", "五年"):
        period = "5年"             # a plain * counts as a star only before a period (Markdown emphasis)
    core = level + star + period
    out = []
    for ch in core:
        out.append(ch)
        if draw(st.booleans()):
            out.append("".join(draw(st.lists(st.sampled_from(NOISE), min_size=1, max_size=3))).replace("\n\n", "\n"))
    body = "".join(out).strip("\n")
    body = re.sub(r"\n([ \t]*)\*", r"\1*", body)   # a line starting "* " is a list item, another block
    while re.search(r"\n[ \t]*\n", body):    # a blank line is a paragraph break: rendering keeps it
        body = re.sub(r"\n[ \t]*\n", "\n", body)
    prefix = draw(st.sampled_from(["", "本方案", "根据要求，", "# "]))
    if prefix == "# ":
        body = body.replace("\n", "")   # a heading ends at its line: the next line is another block
    return prefix + body


@settings(max_examples=1500, deadline=None)
@given(markings())
def test_property_noisy_markings_are_found(text):
    CASES["n"] += 1
    assert text_is_classified(text), repr(text)


SELF = ["本文件", "本制度", "本办法", "本规定", "本通知", "本方案", "本材料", "本件", "本細則", "本辦法", "本規定"]
COPULAS = ["属", "属于", "屬於", "为", "為", "系", "係", "定为", "列为", "确定为", "標為", "是"]
FOLLOW = ["", "文件", "国家秘密", "事项", "國家祕密", "，保密期限十年", "，保密期限5年", "10年"]


@st.composite
def self_declarations(draw):
    core = draw(st.sampled_from(SELF)) + draw(st.sampled_from(COPULAS)) + draw(st.sampled_from(LEVELS))
    core += draw(st.sampled_from(["", "级", "級"])) + draw(st.sampled_from(FOLLOW))
    out = []
    for ch in core:
        out.append(ch)
        if draw(st.booleans()):
            out.append("".join(draw(st.lists(st.sampled_from(NOISE), min_size=1, max_size=2))).replace("\n\n", "\n"))
    body = "".join(out).strip("\n") + draw(st.sampled_from(["。", "", "；其他内容", "\n"]))
    body = re.sub(r"\n([ \t]*)\*", r"\1*", body)
    while re.search(r"\n[ \t]*\n", body):
        body = re.sub(r"\n[ \t]*\n", "\n", body)
    return draw(st.sampled_from(["", "根据定密审批，", "# "])) + body


@settings(max_examples=800, deadline=None)
@given(self_declarations())
def test_property_noisy_self_declarations_are_found(text):
    if text.startswith("# "):
        text = text.replace("\n", "")
    assert text_is_classified(text), repr(text)


# --- real builds ----------------------------------------------------------------------------------
def _plant(repo: Path) -> dict[str, str]:
    src = repo / "policies" / "dingmi.md"
    base = src.read_text(encoding="utf-8")
    tokens = {}
    for i, (name, body) in enumerate(BYPASS + [(f"front-{k}", v) for k, v in FRONT]):
        tok = _token(name)
        tokens[name] = tok
        text = base.replace("id: BM-", f"id: BM-9{i:02d}", 1) if "id: BM-" in base else base
        if name.startswith("front-"):
            key = name[6:]
            lines = text.split("\n")
            for j, line in enumerate(lines[1:], 1):
                if line == "---":
                    break
                if line.startswith(key + ":"):
                    lines[j] = f"{key}: {body.replace('TOKEN', tok)}"
            text = "\n".join(lines)
        else:
            text = text.replace("\n## ", "\n" + body.replace("TOKEN", tok) + "\n\n## ", 1)
        (repo / "policies" / f"x-{i:02d}.md").write_text(text, encoding="utf-8")
    name_tok = _token("file-name")
    tokens["file-name"] = name_tok
    (repo / "policies" / "机密★10年-wenjian.md").write_text(base.replace("\n## ", f"\n{name_tok}\n\n## ", 1),
                                                           encoding="utf-8")
    return tokens


def _all_bytes(site: Path) -> bytes:
    out = []
    for f in site.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            out.append(data)
            if data[:4] == b"PK\x03\x04":
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    out.extend(z.read(n) for n in z.namelist())
    return b"\n".join(out)


@pytest.mark.slow
def test_build_refuses_and_withholds_every_bypass(tmp_path, capsys):
    repo = make_repo(tmp_path / "r")
    tokens = _plant(repo)
    assert build(load(repo), quiet=True) == 1              # lint: BM902 everywhere
    out = capsys.readouterr().out
    assert not (repo / "site").exists()
    assert out.count("BM902") >= len(tokens) - 1
    assert build(load(repo), quiet=True, lint=False) == 0   # the page generator's own guard
    blob = _all_bytes(repo / "site")
    leaked = [n for n, t in tokens.items() if t.encode() in blob]
    assert leaked == []
    assert b"TOKEN-" not in blob


def test_scan_catches_markings_in_any_output_kind():
    html = "<p>方案，机\n密★10年</p>".encode()
    assert scan_bytes("a/index.html", html)
    assert scan_bytes("a/index.html", "<img alt=\"机密★10年\">".encode())
    assert scan_bytes("s.json", '{"t": "機密☆5年"}'.encode())
    assert scan_bytes("a.js", "var x='机密★5年';".encode())
    assert not scan_bytes("s.json", '{"w": ["机密", "绝密"]}'.encode())      # a vocabulary
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", '<w:document><w:p><w:r><w:t>机</w:t></w:r><w:r><w:t>密★10年</w:t>'
                                        '</w:r></w:p></w:document>')
    hits = scan_bytes("d.docx", buf.getvalue())
    assert hits and hits[0][0] == "d.docx!word/document.xml"
    assert not scan_bytes("a/index.html", "<p>国家秘密的密级分为绝密、机密、秘密三级。</p>".encode())
    assert scan_bytes("a/index.html", "<p>本文件属<b>机密</b>级，保密期限十年。</p>".encode())
    assert scan_bytes("s.json", '{"t": "本制度屬於祕密級國家祕密。"}'.encode())
    assert not scan_bytes("a/index.html", "<p>本规定适用于秘密级以上事项。</p>".encode())


def test_stale_build_folders_are_removed(tmp_path):
    target = tmp_path / "site"
    for name in (".site-new-abc123", ".site-old-99999999-1", ".site-new-1-xyz"):
        (tmp_path / name).mkdir()
    (tmp_path / ".sitemap-new-x").mkdir()
    removed = clean_stale(target)
    assert sorted(removed) == sorted([".site-new-abc123", ".site-old-99999999-1", ".site-new-1-xyz"]) or \
        ".site-new-1-xyz" not in removed     # pid 1 is alive: its folder stays
    assert not (tmp_path / ".site-new-abc123").exists() and not (tmp_path / ".site-old-99999999-1").exists()
    assert (tmp_path / ".sitemap-new-x").exists()


def test_output_never_over_policies(tmp_path):
    repo = make_repo(tmp_path / "r")
    before = sorted(p.name for p in (repo / "policies").iterdir())
    assert build(load(repo), quiet=True, site_dir=repo / "policies", lint=False) == 2
    assert sorted(p.name for p in (repo / "policies").iterdir()) == before


def _children(pid: int) -> set[int]:
    out = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.add(int(d.name))
            except (OSError, IndexError, ValueError):
                pass
    return out


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_killed_build_leaves_no_workers(tmp_path):
    import os
    import signal
    import subprocess
    import time

    repo = make_repo(tmp_path / "r")
    env = dict(os.environ, NO_COLOR="1", BAOMI_NO_CACHE="1")
    proc = subprocess.Popen([sys.executable, "-m", "baomi", "build", "-q"], cwd=repo, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen: set[int] = set()
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        seen |= _children(proc.pid)
        if len(seen) >= 2:           # the resource tracker and at least one worker
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before any worker started"
    proc.send_signal(signal.SIGTERM)
    proc.wait(60)
    time.sleep(1.5)
    alive = [p for p in seen if Path(f"/proc/{p}").exists() and "Z" not in Path(f"/proc/{p}/stat").read_text().split()[2]]
    assert alive == []
    assert not [p.name for p in repo.iterdir() if p.name.startswith(".site")]
    assert not (repo / "site").exists()
