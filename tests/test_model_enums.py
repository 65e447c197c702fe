"""Style and status are enums of the model (baomi.model.Style, Status) whose values are the words
of the files: equal to their strings, kept through the cache, the same set as the schema."""

from __future__ import annotations

import json

from baomi import serial
from baomi.model import Status, Style
from baomi.parser import parse_text

from helpers import ROOT


def _doc(body: str, status: str = "现行") -> str:
    return f"---\nid: t\ntitle: 测试制度\nstatus: {status}\n---\n\n# 测试制度\n\n{body}\n"


def test_status_values_are_the_schema_enum():
    schema = json.loads((ROOT / "schemas" / "policy.schema.json").read_text(encoding="utf-8"))
    assert sorted(schema["properties"]["status"]["enum"]) == sorted(s.value for s in Status)


def test_parser_gives_members_equal_to_their_words():
    tk = parse_text(_doc("第一条 为了加强管理，制定本制度。\n\n第二条 本制度自印发之日起施行。"), "a.md", "a.md")
    gw = parse_text(_doc("一、总体要求\n\n加强管理。\n\n二、工作措施\n\n落实责任。"), "b.md", "b.md")
    assert tk.style is Style.TIAOKUAN and tk.style == "条款式"
    assert gw.style is Style.GONGWEN and json.dumps(gw.style, ensure_ascii=False) == '"公文式"'
    assert tk.status is Status.CURRENT and tk.status == "现行"


def test_an_unknown_status_stays_its_string_and_is_not_a_member():
    p = parse_text(_doc("第一条 为了加强管理，制定本制度。", status="试行"), "a.md", "a.md")
    assert p.status == "试行" and not isinstance(p.status, Status)


def test_the_cache_keeps_the_members():
    p = parse_text(_doc("第一条 为了加强管理，制定本制度。"), "a.md", "a.md")
    back = serial.unpack(serial.pack("policy", "k", p), "policy", "k")
    assert back.style is Style.TIAOKUAN


def test_a_forged_enum_value_is_refused():
    import pytest

    raw = serial.dumps(Style.GONGWEN).replace("公文式".encode(), "别的式".encode())
    with pytest.raises(serial.Invalid):
        serial.loads(raw)
