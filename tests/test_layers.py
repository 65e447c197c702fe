"""Imports run one way: every module of baomi has a layer (tools/layers.toml), imports only from
its own layer or lower ones, and no modules import each other round a loop.

Every import counts: at the top of a file, inside a function, under `if TYPE_CHECKING:`, and a
module named by a string (`importlib.import_module("baomi.x")`, a table of module names) — an
import moved into a function is still a dependency, only a hidden one.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "tools" / "baomi"
LAYERS_FILE = ROOT / "tools" / "layers.toml"


def module_files() -> dict[str, Path]:
    out = {}
    for p in sorted(PKG.rglob("*.py")):
        parts = list(p.relative_to(PKG.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


MODULES = module_files()


def _known(name: str) -> str | None:
    """The baomi module an imported name lives in (a package's attribute → the package)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def imports_of(mod: str, path: Path) -> dict[str, int]:
    """Every baomi module `mod` depends on → the first line that says so."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_pkg = path.name == "__init__.py"
    docs = _docstrings(tree)
    found: dict[str, int] = {}

    def add(name: str | None, line: int) -> None:
        target = _known(name) if name else None
        if target and target != mod and target.startswith("baomi"):
            found.setdefault(target, line)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                add(a.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = mod.split(".") if is_pkg else mod.split(".")[:-1]
                base = base[:len(base) - (node.level - 1)]
                pkg = ".".join(base + ([node.module] if node.module else []))
            else:
                pkg = node.module or ""
            for a in node.names:
                full = f"{pkg}.{a.name}"
                add(full if full in MODULES else pkg, node.lineno)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            if node.value in MODULES:          # importlib.import_module("baomi.x"), tables of names
                add(node.value, node.lineno)
    return found


GRAPH = {m: imports_of(m, p) for m, p in MODULES.items()}


def load_layers():
    spec = tomllib.loads(LAYERS_FILE.read_text(encoding="utf-8"))
    order = spec["order"]
    return order, spec["modules"]


def layer_of(mod: str, table: dict[str, str]) -> str | None:
    if mod in table:
        return table[mod]
    best = None
    for key, layer in table.items():
        if key.endswith(".*"):
            pkg = key[:-2]
            if (mod == pkg or mod.startswith(pkg + ".")) and (best is None or len(pkg) > len(best[0])):
                best = (pkg, layer)
    return best[1] if best else None


def find_cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on.add(start)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in graph:
                    continue
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def test_the_graph_sees_imports_inside_functions():
    # a check of the checker: lint.py imports the rule registry only inside a function
    assert "baomi.rules" in GRAPH["baomi.lint"]
    assert "baomi.lint" in GRAPH["baomi.cli"]


def test_cycle_finder_finds_a_loop():
    g = {"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}
    assert find_cycles(g) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b": 1}, "b": {}}) == []


def test_no_import_cycle():
    cycles = find_cycles(GRAPH)
    lines = []
    for comp in cycles:
        members = set(comp)
        for m in comp:
            for dep, line in sorted(GRAPH[m].items()):
                if dep in members:
                    lines.append(f"{MODULES[m].relative_to(ROOT)}:{line}: {m} → {dep}")
    assert not cycles, "import cycles:\n" + "\n".join(lines)


def test_every_module_has_a_layer_and_every_entry_a_module():
    order, table = load_layers()
    assert set(table.values()) <= set(order), set(table.values()) - set(order)
    missing = [m for m in MODULES if layer_of(m, table) is None]
    assert not missing, f"add these modules to {LAYERS_FILE.relative_to(ROOT)}: {missing}"
    stale = [k for k in table if (k[:-2] if k.endswith(".*") else k) not in MODULES]
    assert not stale, f"{LAYERS_FILE.relative_to(ROOT)} names modules that do not exist: {stale}"


def test_imports_run_downwards():
    order, table = load_layers()
    rank = {name: i for i, name in enumerate(order)}
    wrong = []
    for m, deps in sorted(GRAPH.items()):
        lm = layer_of(m, table)
        for dep, line in sorted(deps.items()):
            ld = layer_of(dep, table)
            if lm and ld and rank[ld] > rank[lm]:
                wrong.append(f"{MODULES[m].relative_to(ROOT)}:{line}: {m} ({lm}) imports {dep} ({ld})")
    assert not wrong, "imports from a lower layer to a higher one:\n" + "\n".join(wrong)


@pytest.mark.parametrize("mod", ["baomi.lint", "baomi.cache", "baomi.parallel", "baomi.incremental"])
def test_engine_modules_import_nothing_from_documents_or_apps(mod):
    order, table = load_layers()
    high = {"documents", "apps"}
    assert not [d for d in GRAPH[mod] if layer_of(d, table) in high]
