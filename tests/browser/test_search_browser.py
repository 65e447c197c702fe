"""The handbook search in headless Chromium: questions typed as sentences, one wrong character,
article references and policy ids as exact lookups, and the panel's small behaviours."""

from __future__ import annotations

import pytest
from harness import search

pytestmark = pytest.mark.browser

SHEMI, ZAITI, XINXI = "涉密人员保密管理制度", "国家秘密载体保密管理制度", "信息系统和信息设备保密管理制度"
HULIAN, DINGMI = "互联网使用保密管理规定", "定密管理制度"

# (question as staff type it, policy title, article that answers it)
QUESTIONS = [
    ("涉密文件丢了怎么办", ZAITI, "第二十四条"),
    ("涉密电脑坏了找谁修", XINXI, "第二十二条"),
    ("可以用网盘存工作文件吗", HULIAN, "第十四条"),
    ("出差能带涉密笔记本吗", ZAITI, "第十二条"),
    ("脱密期多久", SHEMI, "第二十一条"),
    ("涉密计算机能不能连无线鼠标", XINXI, "第十七条"),
    ("护照", SHEMI, "第十五条"),
    ("朋友圈", HULIAN, "第十三条"),
    ("AI", HULIAN, "第十六条"),
]


@pytest.mark.parametrize("query,title,label", QUESTIONS, ids=[q for q, _, _ in QUESTIONS])
def test_question_finds_article(home, query, title, label):
    hits = search(home, query)
    top = [(h["title"], h["label"]) for h in hits[:5]]
    assert (title, label) in top, f"{query}: {top}"


def test_question_particles_are_not_searched(home):
    a = home.evaluate("q => window.baomiSearch.analyse(q)", "涉密文件丢了怎么办")
    texts = [w["text"] for w in a["words"]]
    assert "涉密文件" in texts
    assert not any(t in ("了", "怎么办", "丢了怎么办") for t in texts), texts
    lost = [w for w in a["words"] if w.get("intent")]
    assert lost and "丢失" in lost[0]["alts"] and "下落不明" in lost[0]["alts"]


def test_intent_ranks_below_the_exact_term(home):
    """丢失 typed as such is an exact term; 丢 is an intent expanded to it: same article first,
    but the exact term scores higher."""
    exact = home.evaluate("q => window.baomiSearch.rank(q).then(r => r.hits[0].score)", "涉密载体丢失")
    intent = home.evaluate("q => window.baomiSearch.rank(q).then(r => r.hits[0].score)", "涉密载体丢")
    assert exact > intent


def test_password_prefers_login_passwords_over_cipher_fax(home):
    hits = search(home, "开机密码")
    assert (hits[0]["title"], hits[0]["label"]) == (XINXI, "第十五条"), hits[:3]
    labels = [(h["title"], h["label"]) for h in search(home, "密码")[:2]]
    assert (XINXI, "第二十六条") not in labels, labels      # 密码传真机 is not a password


@pytest.mark.parametrize("typo,fixed,title,label", [
    ("脱秘期", "脱密期", SHEMI, "第二十一条"),             # same reading
    ("涉密计箅机维修", "涉密计算机维修", XINXI, "第二十二条"),   # similar shape
    ("密码传针机", "密码传真机", XINXI, "第二十六条"),
])
def test_one_wrong_character(home, typo, fixed, title, label):
    hits = search(home, typo)
    assert (title, label) in [(h["title"], h["label"]) for h in hits[:3]], hits[:3]
    note = home.locator(".bm-search__note")
    assert note.is_visible() and note.text_content() == f"已按‘{fixed}’搜索"


def test_no_correction_note_for_a_correct_query(home):
    search(home, "脱密期")
    assert not home.locator(".bm-search__note").is_visible()


def test_article_number_alone_is_the_articles_so_numbered(home):
    hits = search(home, "第十三条")
    assert hits and all(h["label"] == "第十三条" for h in hits), {h["label"] for h in hits}
    assert len({h["title"] for h in hits}) == len(hits)      # one per policy that has one


@pytest.mark.parametrize("query,title,label", [
    ("信息系统和信息设备保密管理制度第十三条", XINXI, "第十三条"),
    ("《定密管理制度》第五条", DINGMI, "第五条"),
    ("BM-12 第七条", "泄密事件报告和查处办法", "第七条"),
])
def test_article_reference_within_a_policy(home, query, title, label):
    hits = search(home, query)
    assert (hits[0]["title"], hits[0]["label"]) == (title, label), hits[:3]
    if "《" in query or "BM-" in query:
        assert len(hits) == 1


def test_policy_id_is_exact(home):
    hits = search(home, "BM-05")
    assert hits and {h["title"] for h in hits} == {XINXI}
    assert hits[0]["label"] == "第一条"
    assert search(home, "BM-20") == []                      # no such policy: nothing, not hundreds
    assert home.locator(".bm-search__status").text_content().startswith("没有找到")


def test_more_button_only_when_there_are_more(home):
    search(home, "护照")                                      # one result
    assert not home.locator(".bm-search__more").is_visible()
    search(home, "BM-20")                                     # none
    assert not home.locator(".bm-search__more").is_visible()
    hits = search(home, "保密办公室")                          # many
    assert len(hits) == 10 and home.locator(".bm-search__more").is_visible()
    home.locator(".bm-search__more").click()
    home.wait_for_function("() => document.querySelectorAll('.bm-hit').length > 10")


def test_escape_closes_the_panel(home):
    search(home, "脱密期")
    panel = home.locator("#bm-search-panel")
    assert panel.is_visible()
    home.keyboard.press("Escape")
    assert not panel.is_visible()
    home.wait_for_timeout(300)                              # nothing pending reopens it
    assert not panel.is_visible()
    # also with a result focused (another query: the harness waits for its own results)
    search(home, "脱密期管理")
    home.keyboard.press("ArrowDown")
    home.keyboard.press("Escape")
    assert not panel.is_visible()
    home.wait_for_timeout(300)                              # nothing pending reopens it
    assert not panel.is_visible()


def test_rule_code_leads_to_its_rule_page(home):
    # the lint rules are pages of the handbook (编辑者 › 检查规则); their code is an exact lookup
    for query in ("BM201", "bm201"):
        hits = search(home, query)
        assert len(hits) == 1 and hits[0]["title"].startswith("BM201 ")
        assert hits[0]["href"].rstrip("/").endswith("rules/bm201")
    # a rule page's words never compete with the policies' articles
    assert all(not h["title"].startswith("BM") for h in search(home, "汉字数字"))
