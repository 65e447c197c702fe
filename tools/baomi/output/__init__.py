"""Output formats for lint results: text, json, sarif, codequality."""

FORMATS = ("text", "json", "sarif", "codequality")


def render(fmt: str, result, *, color: bool = False) -> str:
    if fmt == "json":
        from .json_format import render as r
    elif fmt == "sarif":
        from .sarif import render as r
    elif fmt == "codequality":
        from .codequality import render as r
    else:
        from .text import render as r
        return r(result, color=color)
    return r(result)
