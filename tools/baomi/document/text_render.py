"""The neutral document model as plain text (a terminal, an e-mail, `--format text`).

A title and a heading stand on their own line with a blank line after; a fill-in field is
`标签：＿＿＿＿` (a date `标签：　　年　　月　　日`, a choice its boxes `□核心 □重要 □一般`); a table
is one line per row, its cells separated by `｜`, a cell of several lines indented under it;
`ins`/`del` runs are marked `[+…+]`/`[-…-]`, a link is its text only.
"""

from __future__ import annotations

from . import DATE_BLANK, Break, Cell, Document, Field, Fields, Group, Heading, Items, Para, Run, Table, Title

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
            out.append(inline(b.runs) if b.runs is not None else b.text)
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
                out.append("｜".join(first))
                for c in cells:
                    out.extend(f"    {more}" for more in c.split("\n")[1:])
            out.append("")
        elif isinstance(b, Items):
            out.extend(inline(b).split("\n"))
        elif isinstance(b, Break):
            out.extend(["", "—" * 20, ""])
        elif isinstance(b, Group):
            out.extend(_lines(b.blocks))
    return out


def render(model: Document) -> str:
    """The document as text, ending in one newline."""
    return "\n".join(_lines(model.blocks)).rstrip("\n") + "\n"
