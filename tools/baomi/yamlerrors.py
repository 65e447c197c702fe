"""YAML parser errors in Chinese: what ruamel.yaml (and libyaml under it) says, as a reader of
front matter or of a data file can act on it.

The table is a module constant, not a file in schemas/: these are the parser's words, not a
rule book's data — an office has nothing to configure here, the messages change with the
parser, not with the rules, and reporting a syntax error must not depend on reading (and
validating) one more data file. Both parsers' spellings are listed (the C parser of
ruamel.yaml.clib says "did not find expected ',' or ']'", the pure-Python one "expected ',' or
']', but got …"). A problem not in the table keeps its original text after the Chinese lead,
so nothing the parser knew is lost.

`describe(exc)` → the Chinese description of a ruamel error (problem, and where the construct
that failed began, when the parser says so); the caller adds the file, line and column.
"""

from __future__ import annotations

import re

# (pattern of the parser's problem, Chinese description); the first that matches wins
PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"(?:did not find expected|expected) ',' or '\]'",
     "方括号列表没有正确结束：缺少“,”或“]”；列表写作 [甲, 乙]，含逗号或冒号的项请加引号"),
    (r"(?:did not find expected|expected) ',' or '\}'",
     "花括号映射没有正确结束：缺少“,”或“}”"),
    (r"mapping values are not allowed (?:here|in this context)",
     "此处不能出现“: ”：值中含有冒号时请给整个值加引号，或检查这一行的缩进"),
    (r"found a tab character that violates? indentation|found character '\\t' that cannot start any token",
     "缩进中有制表符（Tab）：YAML 只能用空格缩进"),
    (r"found unexpected end of stream",
     "内容意外结束：可能有没有闭合的引号或括号"),
    (r"did not find expected key|expected <block end>, but found",
     "此处应为“字段: 值”：检查缩进是否与上一个字段对齐，引号或括号是否成对"),
    (r"found character .*?that cannot start any token",
     "这个字符不能作为值的开头（如 @、`、%）：请给整个值加引号"),
    (r"found unknown escape character",
     "双引号字符串中有无效的转义（\\ 后面的字符）：改用单引号，或把 \\ 写成 \\\\"),
    (r"could not find expected ':'",
     "缺少“:”：每行应为“字段: 值”，值的续行需要缩进"),
    (r"did not find expected node content|expected the node content, but found",
     "此处缺少值"),
    (r"did not find expected '-' indicator",
     "列表项的缩进不一致：每项应以同样缩进的“- ”开始"),
    (r"block sequence entries are not allowed in this context|sequence entries are not allowed here",
     "此处不能出现列表项“- ”：检查缩进"),
    (r"found undefined tag handle|could not determine a constructor for the tag",
     "不支持的 YAML 标签（以 ! 开头的写法）：请去掉标签，或给值加引号"),
    (r"found unexpected ':'",
     "此处不能出现“:”：请给值加引号"),
    (r"expected a single document in the stream|but found another document",
     "只能有一个 YAML 文档：其中不要再写 ---"),
    (r"found duplicate key",
     "字段重复出现"),
    (r"month must be in 1\.\.12",
     "月份应在 1 到 12 之间（日期写作 YYYY-MM-DD）"),
    (r"day is out of range for month",
     "日期超出了该月的天数"),
    (r"year .*is out of range",
     "年份超出范围"),
)

# what the parser was reading when it failed (its `context`), where its start helps: an
# unclosed bracket or quote (a block mapping's start is only the top of the document)
CONTEXTS: tuple[tuple[str, str], ...] = (
    (r"while parsing a flow sequence", "方括号列表"),
    (r"while parsing a flow mapping", "花括号映射"),
    (r"while scanning a (?:double-)?quoted scalar", "引号中的字符串"),
    (r"while scanning a simple key", "字段名"),
    (r"while scanning a block scalar", "多行文字块"),
)

_PROBLEMS = tuple((re.compile(p), zh) for p, zh in PROBLEMS)
_CONTEXTS = tuple((re.compile(p), zh) for p, zh in CONTEXTS)


def problem_text(problem: str) -> str:
    """One parser problem in Chinese; an unknown one as the parser wrote it."""
    problem = (problem or "").strip()
    for rx, zh in _PROBLEMS:
        if rx.search(problem):
            return zh
    return problem


def describe(exc: BaseException, *, line_offset: int = 0) -> str:
    """The Chinese description of a ruamel.yaml error; with where the construct it was reading
    began, when that is another line (`line_offset`: file lines before the YAML's first)."""
    problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
    text = problem_text(problem)
    context, cmark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    pmark = getattr(exc, "problem_mark", None)
    if context and cmark is not None and (pmark is None or cmark.line != pmark.line):
        what = next((zh for rx, zh in _CONTEXTS if rx.search(context)), None)
        if what:
            text += f"（这个{what}从第{cmark.line + 1 + line_offset}行第{cmark.column + 1}列开始）"
    return text
