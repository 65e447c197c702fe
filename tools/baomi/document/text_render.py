"""The neutral document model as plain text (a terminal, an e-mail, `--format text`).

A title and a heading stand on their own line with a blank line after; a fill-in field is
`标签：＿＿＿＿` (a date `标签：　　年　　月　　日`, a choice its boxes `□核心 □重要 □一般`); a table
is one line per row, its cells separated by `｜` (or in aligned columns, `Table.text_widths`), a
cell of several lines indented under it (`Table.text_hang`); a paragraph stands as it is, indented
by its `text_indent`/`text_hang`; a `Gap` is a blank line; `ins`/`del` runs are marked
`[+…+]`/`[-…-]`, a link is its text only. This is the one place plain text is made: the forms,
`baomi checklist` and `baomi diff` all print a `Document` through `render`.
"""

from __future__ import annotations

import unicodedata

from . import DATE_BLANK, Break, Cell, Document, Field, Fields, Gap, Group, Heading, Items, Para, Run, Table, Title

BLANK = "＿" * 6


def runs_text(runs) -> str:
    out = []
    for r in runs:
        style, text = (r.style, r.text) if isinstance(r, Run) else (r[0], r[1])
        out.append(f"[+{text}+]" if style == "ins" else f"[-{text}-]" if style == "del" else text)
    return "".join(out)


def inline(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (Cell, Items)):
        return "\n".join(inline(line) for line in value.lines)
    return runs_text(value)


def width(text: str) -> int:
    """Display width in a terminal: a wide (CJK) character counts two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    """`text` padded with spaces to `columns` display columns (never cut)."""
    return text + " " * max(0, columns - width(text))


def _indented(text: str, first: int, more: int) -> list[str]:
    lines = text.split("\n")
    return [" " * first + lines[0]] + [" " * more + line for line in lines[1:]]


def _row(b: Table, first: list[str]) -> str:
    if b.text_widths is None:
        return " " * b.text_indent + "｜".join(first)
    widths = list(b.text_widths)
    return " " * b.text_indent + "  ".join(pad(c, widths[k]) if k < len(widths) else c
                                           for k, c in enumerate(first))


def _value(f: Field) -> str:
    if f.kind == "choice":
        return " ".join(f.boxes())
    return DATE_BLANK if f.kind == "date" else BLANK


def _lines(blocks) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, (Title, Heading)):
            out.extend([b.text, ""])
        elif isinstance(b, Para):
            text = inline(b.runs) if b.runs is not None else b.text
            hang = b.text_indent if b.text_hang is None else b.text_hang
            out.extend(_indented(text, b.text_indent, hang))
        elif isinstance(b, Fields):
            if b.layout == "box":
                head = f"{b.heading}：" if b.heading else ""
                out.append(head + "\u3000".join(f"{f.label}：{BLANK}" for f in b.fields))
            else:
                out.extend(f"{f.label}：{_value(f)}" for f in b.fields)
            out.append("")
        elif isinstance(b, Table):
            for r in b.rows:
                cells = [inline(c) for c in r]
                first = [c.split("\n")[0] for c in cells]
                out.append(_row(b, first))
                for c in cells:
                    out.extend(" " * b.text_hang + more for more in c.split("\n")[1:])
            out.append("")
        elif isinstance(b, Items):
            out.extend(inline(b).split("\n"))
        elif isinstance(b, Gap):
            out.append("")
        elif isinstance(b, Break):
            out.extend(["", "—" * 20, ""])
        elif isinstance(b, Group):
            out.extend(_lines(b.blocks))
    return out


def render(model: Document) -> str:
    """The document as text, ending in one newline."""
    return "\n".join(_lines(model.blocks)).rstrip("\n") + "\n"
