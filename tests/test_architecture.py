"""The house rules of docs/architecture.md, checked on the code's own imports (read with ast, nothing
is imported): no import cycle among our modules, no private name imported across modules, no module
over 400 lines, no folder with more than 12 modules."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("extractors", "pipeline", "schemas")
MAX_LINES = 400
MAX_MODULES_PER_FOLDER = 12


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def our_modules() -> dict[str, Path]:
    return {_module_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The module an ImportFrom names, relative imports resolved against the importing file."""
    if not node.level:
        return node.module or ""
    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(modules: dict[str, Path]) -> dict[str, list[tuple[str, str | None, int]]]:
    """Per module: (imported module, name taken from it or None, line), ours only. `from a import b`
    where a.b is a module counts as importing a.b. Imports inside functions count too: a cycle hidden
    in a function is still a cycle."""
    out: dict[str, list[tuple[str, str | None, int]]] = defaultdict(list)
    for module, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in modules:
                        out[module].append((alias.name, None, node.lineno))
            elif isinstance(node, ast.ImportFrom):
                target = _absolute(module, path, node)
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    if sub in modules:
                        out[module].append((sub, None, node.lineno))
                    elif target in modules:
                        out[module].append((target, alias.name, node.lineno))
    return out


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), or a module importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph.get(v, ()):
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def test_no_import_cycle():
    modules = our_modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for module, edges in imports(modules).items():
        for target, _name, _line in edges:
            # a package's face (__init__) re-exports its modules; importing one of them through the
            # package is not an edge back into the package's own modules
            if target != module and not module.startswith(target + "."):
                graph[module].add(target)
    assert find_cycles(graph) == []


def test_no_private_name_imported_across_modules():
    modules = our_modules()
    found = [
        f"{modules[m].relative_to(ROOT)}:{line} takes {name} from {target}"
        for m, edges in imports(modules).items()
        for target, name, line in edges
        if name and name.startswith("_") and not name.startswith("__")
    ]
    assert found == []


def test_no_module_over_400_lines():
    too_long = {
        str(p.relative_to(ROOT)): n
        for p in our_modules().values()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}


def test_no_folder_over_12_modules():
    per_folder: dict[str, int] = defaultdict(int)
    for path in our_modules().values():
        if path.name not in ("__init__.py", "__main__.py"):
            per_folder[str(path.parent.relative_to(ROOT))] += 1
    assert {f: n for f, n in per_folder.items() if n > MAX_MODULES_PER_FOLDER} == {}


def test_the_checks_see_a_cycle_and_a_private_import(tmp_path):
    """The checks themselves: a planted cycle and a planted private import are found."""
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "one.py").write_text("def _helper():\n    pass\n")
    (pkg / "two.py").write_text("from pkg.one import _helper\nfrom .one import _helper as h\n")
    modules = {"pkg": pkg / "__init__.py", "pkg.one": pkg / "one.py", "pkg.two": pkg / "two.py"}
    assert [(t, n) for t, n, _ in imports(modules)["pkg.two"]] == [("pkg.one", "_helper"), ("pkg.one", "_helper")]
