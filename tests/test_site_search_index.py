"""The prebuilt search index: encoding, tokens, shards, vocabulary, character map."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from baomi.site.search_index import SearchRecord, decode_postings, encode_postings, write_index
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
    stats = write_index(_records(), tmp_path, synonyms=[["移动存储介质", "u盘"]], terms=["脱密期"],
                        shard_bytes=200, doc_shard_bytes=60)
    meta = json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))
    assert meta["n"] == 4 and stats.documents == 4
    assert [p[1] for p in meta["pol"]] == ["p0/", "p1/"]
    assert meta["pol"][1][2] == 2                       # first article of the second policy
    assert meta["ps"] > 1 and stats.posting_shards == meta["ps"]
    words = meta["w"].split("|")
    k = words.index("脱密期")
    assert meta["py"].split("|")[k] == "tuomiqi" and meta["ini"].split("|")[k] == "tmq"
    assert "u盘" in words                                # synonyms are segmentation words even if absent
    tmap = dict(zip(meta["tf"], meta["tt"]))
    assert tmap["銷"] == "销" and tmap["毀"] == "毁"
    assert "销" not in tmap                               # characters the corpus uses stay as they are
    # the token 脱密 lives in the shard of the hash of its first unit and points at article 0
    shard = json.loads((tmp_path / "p" / f"{fnv1a('脱') % meta['ps']}.json").read_text(encoding="utf-8"))
    assert decode_postings(shard["脱密"]) == [(0, 1)]
    # every article is in exactly one article shard, in order
    rows = []
    for n in range(len(meta["ds"])):
        rows += json.loads((tmp_path / "d" / f"{n}.json").read_text(encoding="utf-8"))
    assert [r[1] for r in rows] == ["art-1", "art-2", "art-3", "art-4"]
    assert rows[1][3].startswith("销毁涉密载体")


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
