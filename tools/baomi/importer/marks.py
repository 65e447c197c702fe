"""The marks of an official document (公文的版头和版记): read off the lines, carried to the front
matter, never left as a text or a policy of their own.

- 版头: the top-left 内部 mark (a line that is nothing else), the 发文字号 (某保发〔2021〕3号), the
  签发人 line; they belong to the document that follows them.
- 落款 / 版记: the issuing office on its own line right before a date line, and the date line
  (2021年6月15日, 2021年6月15日印发, 某某局 2021年6月15日印发); they belong to the document they
  close. A text that says 自印发之日起施行 takes its `effective` date from there.

The forms are data (schemas/import.yaml, `marks`). A 国家秘密 marking line is handled by
`run.find_source_markings` (the guard's detector), not here.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .. import grammar
from .data import data, genre_of
from .sources import RawLine

_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MARKER = grammar.loose_marker(digit_lookahead=False)
_PUNCT = set("。；;：:！!？?，,、")


@dataclass
class Mark:
    line: int
    kind: str          # internal | doc_number | signer | issuer | issued
    value: str         # 内部 / the number / the name / YYYY-MM-DD
    text: str          # the line as written

    def to_json(self) -> dict:
        return {"line": self.line, "kind": self.kind, "value": self.value, "text": self.text}


NAMES = {"internal": "内部标志", "doc_number": "发文字号", "signer": "签发人", "issuer": "落款（发文机关）",
         "issued": "印发日期"}
HEAD = ("internal", "doc_number", "signer")


def _date(text: str) -> str | None:
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def _org_line(text: str) -> bool:
    s = text.strip()
    return (2 <= len(s) <= 30 and not (set(s) & _PUNCT) and not _MARKER.match(s) and not genre_of(s)
            and re.search(r"[\u4e00-\u9fff]", s) is not None and not _DATE.search(s))


def take_marks(lines: list[RawLine]) -> tuple[list[RawLine], list[Mark]]:
    """The lines without the official marks, and the marks (with their source line)."""
    d = data()
    marks: list[Mark] = []
    kept: list[RawLine] = []
    for ln in lines:
        s = re.sub(r"[\s\u3000]+", " ", ln.text.strip())
        if not s or ln.kind == "table":
            kept.append(ln)
            continue
        compact = s.replace(" ", "")
        if compact in d.internal or s in d.internal:
            marks.append(Mark(ln.line, "internal", "内部", ln.text))
            continue
        if d.doc_number.match(compact):
            marks.append(Mark(ln.line, "doc_number", compact, ln.text))
            continue
        m = d.signer.match(s)
        if m:
            marks.append(Mark(ln.line, "signer", m.group("name"), ln.text))
            continue
        m = d.issued.match(s)
        if m and _date(m.group("date")):
            org = (m.groupdict().get("org") or "").strip()
            if org and not _org_line(org):
                kept.append(ln)
                continue
            # the office on the line before the date (落款), if it is nothing else
            prev = next((k for k in reversed(kept) if k.text.strip()), None)
            if not org and prev is not None and prev.kind != "table" and _org_line(prev.text) \
                    and kept and kept[-1] is prev:
                kept.pop()
                marks.append(Mark(prev.line, "issuer", prev.text.strip(), prev.text))
            elif org:
                marks.append(Mark(ln.line, "issuer", org, ln.text))
            marks.append(Mark(ln.line, "issued", _date(m.group("date")), ln.text))
            continue
        kept.append(ln)
    return kept, marks


def assign(marks: list[Mark], docs) -> None:
    """Give each mark to its document: head marks to the document that starts after them (or
    holds them), the 落款 to the document it closes."""
    if not docs:
        return
    for mk in marks:
        if mk.kind in HEAD:
            target = next((d for d in docs if d.first_line >= mk.line), docs[-1])
        else:
            before = [d for d in docs if d.first_line <= mk.line]
            target = before[-1] if before else docs[0]
        target.marks.setdefault(mk.kind, mk)
        target.marks.setdefault("_all", []).append(mk)
