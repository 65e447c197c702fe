"""YAML that is safe to compose: no anchors or aliases, no nesting deeper than MAX_DEPTH.

An alias bomb (anchors referring to anchors, nine levels of nine) is a few hundred bytes that
expand to a billion nodes when constructed; a list nested 30,000 deep overflows the C stack of
the composer (the process dies). Both are seen in the *event* stream, which libyaml produces
without recursion and one event at a time: the scan stops at the first anchor, alias or node
deeper than MAX_DEPTH, before anything is composed, so neither the expansion nor the deep
recursion ever happens.

Front matter (baomi.frontmatter) and data files (baomi.data) both go through `hazard()`.
"""

from __future__ import annotations

from dataclasses import dataclass

# Policy front matter is at most three levels deep (pledge: [{roles: [...]}]) and the data files
# of schemas/ five or six; twenty leaves room for any honest document.
MAX_DEPTH = 20


@dataclass(frozen=True)
class Hazard:
    kind: str      # anchor | alias | depth
    line: int      # 0-based, in the YAML text given
    col: int       # 0-based
    name: str = ""  # the anchor's or alias's name

    def describe(self) -> str:
        """What was found, in Chinese (the caller says where)."""
        if self.kind == "alias":
            return (f"不允许使用 YAML 别名（*{self.name}）：别名会在读取时成倍展开，"
                    "请把内容直接写出")
        if self.kind == "anchor":
            return (f"不允许使用 YAML 锚点（&{self.name}）：锚点和别名会在读取时成倍展开，"
                    "请把内容直接写出")
        return f"的 YAML 嵌套过深：此处已是第{MAX_DEPTH + 1}层，最多允许{MAX_DEPTH}层"


_START = ("SequenceStartEvent", "MappingStartEvent")
_END = ("SequenceEndEvent", "MappingEndEvent")


def _events(text: str):
    """libyaml's event stream when ruamel.yaml.clib is installed, else ruamel's pure parser."""
    try:
        from _ruamel_yaml import CParser
    except ImportError:                          # pure-Python ruamel only
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).parse(text)
        return
    parser = CParser(text)
    try:
        while True:
            event = parser.get_event()
            yield event
            if type(event).__name__ == "StreamEndEvent":
                return
    finally:
        parser.dispose()


def hazard(text: str) -> Hazard | None:
    """The first anchor, alias or too-deep node of `text`, or None.

    A syntax error is not a hazard: the scan stops there and leaves the error to the loader,
    which reports it with its own message and position."""
    depth = 0
    try:
        for event in _events(text):
            kind = type(event).__name__
            mark = event.start_mark
            if kind == "AliasEvent":
                return Hazard("alias", mark.line, mark.column, str(event.anchor or ""))
            anchor = getattr(event, "anchor", None)
            if anchor:
                return Hazard("anchor", mark.line, mark.column, str(anchor))
            if kind in _START:
                depth += 1
                if depth > MAX_DEPTH:
                    return Hazard("depth", mark.line, mark.column)
            elif kind in _END:
                depth -= 1
    except Exception:   # ruamel raises many error types: all are syntax errors, reported by the loader
        return None
    return None
