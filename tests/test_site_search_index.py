"""The prebuilt search index: encoding, tokens, shards, vocabulary, character map."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from baomi.site.search_index import (SearchRecord, decode_postings, decode_starts, encode_postings, encode_starts,
                                     write_index)
from baomi.site.synonyms import groups_from_data
from baomi.site.textnorm import fnv1a, fold, runs, token_counts


@settings(max_examples=200, derandomize=True)
@given(st.dictionaries(st.integers(0, 10**6), st.integers(1, 5000), max_size=60))
def test_postings_round_trip(d):
    postings = sorted(d.items())
    assert decode_postings(encode_postings(postings)) == postings


def test_units_runs_and_tokens():
    assert runs(fold("Ｕ盘、涉密计算机 USB3接口")) == [["u", "盘"], ["涉", "密", "计", "算", "机"], ["usb3", "接", "口"]]
    toks = {t for _, t in token_counts(fold("涉密计算机。密"))}
    assert toks == {"涉密", "密计", "计算", "算机", "密"}


def test_fnv_is_32bit_fnv1a():
    # reference values of 32-bit FNV-1a (the JavaScript twin uses Math.imul)
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C


def test_synonym_shapes():
    assert groups_from_data({"synonyms": [{"term": "移动存储介质", "synonyms": ["U盘", "优盘"]}]}) == [
        ["移动存储介质", "u盘", "优盘"]]
    assert groups_from_data({"手机": ["移动电话"]}) == [["手机", "移动电话"]]
    assert groups_from_data([["单独"]]) == []


def _records():
    texts = ["涉密人员离岗离职实行脱密期管理。", "销毁涉密载体，应当履行清点、登记和审批手续。",
             "不得将涉密计算机接入互联网。", "涉密移动存储介质由保密办公室统一购置。"]
    return [SearchRecord(f"p{i // 2}/", f"art-{i + 1}", f"制度{i // 2}", f"第{i + 1}条", t)
            for i, t in enumerate(texts)]


def test_write_index_layout(tmp_path):
    stats = write_index(_records(), tmp_path, synonyms=[["移动存储介质", "u盘", "优盘"]], terms=["脱密期"],
                        shard_bytes=200)
    meta = json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))
    assert meta["n"] == 4 and stats.documents == 4
    assert decode_starts(meta["pst"]) == [0, 2]          # first article of each policy
    assert "len" not in meta and "py" not in meta        # lengths come with the articles, readings apart
    assert meta["ps"] > 1 and stats.posting_shards == meta["ps"]
    words = meta["w"].split("|")
    k = words.index("脱密期")
    py = json.loads((tmp_path / "py.json").read_text(encoding="utf-8"))
    assert py["py"].split("|")[k] == "tuomiqi" and py["ini"].split("|")[k] == "tmq"
    assert "u盘" in words                                # synonyms are segmentation words even if absent
    assert "u盘" in meta["absent"] and "移动存储介质" not in meta["absent"]   # …but never fetched
    tmap = dict(zip(meta["tf"], meta["tt"]))
    assert tmap["銷"] == "销" and tmap["毀"] == "毁"
    assert "销" not in tmap                               # characters the corpus uses stay as they are

    def shard_of(tok):
        return json.loads((tmp_path / "p" / f"{fnv1a(tok) % meta['ps']}.json").read_text(encoding="utf-8"))

    # a token lives in the shard of its own hash and points at its articles
    assert decode_postings(shard_of("脱密")["脱密"]) == [(0, 1)]
    assert decode_postings(shard_of("§3")["§3"]) == [(2, 1)]             # 第3条 → article 2
    assert decode_postings(shard_of("^制度")["^制度"]) == [(0, 1), (1, 1)]  # title bigram → policies
    # a single unit lists its tokens, most frequent first
    f = json.loads((tmp_path / "f" / f"{fnv1a('密') % meta['fs']}.json").read_text(encoding="utf-8"))
    assert set(f["密"]) == {"密人", "密期", "密载", "密计", "密移", "密办"}
    # article d is in shard d // dn, with its policy's title and address
    rows = []
    for n in range(-(-meta["n"] // meta["dn"])):
        sh = json.loads((tmp_path / "d" / f"{n}.json").read_text(encoding="utf-8"))
        rows += sh["r"]
        assert all(str(r[0]) in sh["p"] for r in sh["r"])
    assert [r[1] for r in rows] == ["art-1", "art-2", "art-3", "art-4"]
    assert rows[1][3].startswith("销毁涉密载体")


def test_policy_id_tokens(tmp_path):
    recs = [SearchRecord("a/", "art-1", "甲制度", "第一条", "甲的第一条。", "BM-05"),
            SearchRecord("a/", "art-2", "甲制度", "第二条", "甲的第二条。", "BM-05"),
            SearchRecord("b/", "art-1", "乙制度", "第一条", "乙的第一条。", "BM-12")]
    write_index(recs, tmp_path)
    meta = json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))
    sh = json.loads((tmp_path / "p" / f"{fnv1a('#bm-05') % meta['ps']}.json").read_text(encoding="utf-8"))
    assert decode_postings(sh["#bm-05"]) == [(0, 1), (1, 1)]


def test_index_grows_linearly(tmp_path):
    """Index size per byte of text stays flat when the corpus is replicated (no quadratic parts)."""
    base = _records() * 5
    s1 = write_index(base, tmp_path / "a")
    many = [SearchRecord(f"x{i // 2}/", r.anchor, r.title + str(i), r.label, r.text)
            for i, r in enumerate(base * 8)]
    s8 = write_index(many, tmp_path / "b")
    ratio1 = s1.index_bytes / s1.text_bytes
    ratio8 = s8.index_bytes / s8.text_bytes
    assert ratio8 <= ratio1 * 1.15


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 5_000), max_size=50))
def test_policy_starts_round_trip(gaps):
    starts = [sum(gaps[:k + 1]) for k in range(len(gaps))]
    assert decode_starts(encode_starts(starts)) == starts


def test_common_tokens_listed_rarest_first(tmp_path):
    recs = [SearchRecord("a/", f"art-{i}", "甲制度", f"第{i}条", "涉密人员" + ("应当保密。" if i % 2 else "。") * (i + 1))
            for i in range(1, 40)]
    write_index(recs, tmp_path, common_bytes=20)
    meta = json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))

    def posting(tok):
        return json.loads((tmp_path / "p" / f"{fnv1a(tok) % meta['ps']}.json").read_text(encoding="utf-8"))[tok]

    assert "涉密" in meta["common"] and "应当" in meta["common"]
    assert all(len(posting(t)) > 20 for t in meta["common"])
    assert [len(posting(t)) for t in meta["common"]] == sorted(len(posting(t)) for t in meta["common"])
    assert not any(t.startswith(("^", "§", "#")) for t in meta["common"])
    write_index(recs, tmp_path)                           # a small site: nothing is common
    assert json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))["common"] == []
