"""The project's import graph, read from the source (AST): nothing is imported or run.

Every `import` counts, including those inside functions: a lazy import is still a two-way tie.
Migrations, tests and benchmarks are left out. A package importing its own submodules (its
re-export face) is not a cycle by itself; nor, between folders, a folder and the folders
inside it (an app's urls include its features).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["solidaire", "associations", "charter", "indicators", "events", "congress", "portal", "history"]
SKIPPED_DIRS = {"migrations", "tests", "__pycache__"}


@dataclass(frozen=True)
class Module:
    name: str
    path: Path

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"

    @property
    def folder(self) -> str:
        return self.name if self.is_package else self.name.rpartition(".")[0]


def project_modules(root: Path = ROOT, packages: list[str] = PACKAGES) -> dict[str, Module]:
    modules = {}
    for package in packages:
        for path in (root / package).rglob("*.py"):
            relative = path.relative_to(root)
            if SKIPPED_DIRS & set(relative.parts[:-1]):
                continue
            name = ".".join(relative.with_suffix("").parts)
            name = name.removesuffix(".__init__")
            modules[name] = Module(name, path)
    return modules


def _targets(module: Module, node: ast.Import | ast.ImportFrom, modules: dict[str, Module]) -> set[str]:
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    if isinstance(node, ast.Import):
        candidates = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            parts = package.split(".")
            if node.level > 1:
                parts = parts[: len(parts) - (node.level - 1)]
            base = ".".join(parts + ([base] if base else []))
        candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
    found = set()
    for name in candidates:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        if name and name != module.name:
            found.add(name)
    return found


def module_graph(modules: dict[str, Module]) -> dict[str, set[str]]:
    graph = {}
    for name, module in modules.items():
        tree = ast.parse(module.path.read_text(encoding="utf-8"))
        deps = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                deps |= _targets(module, node, modules)
        graph[name] = {d for d in deps if not d.startswith(name + ".")}
    return graph


def folder_graph(modules: dict[str, Module], graph: dict[str, set[str]]) -> dict[str, set[str]]:
    def nested(a: str, b: str) -> bool:
        return a == b or a.startswith(b + ".") or b.startswith(a + ".")

    folders: dict[str, set[str]] = {}
    for name, deps in graph.items():
        for dep in deps:
            a, b = modules[name].folder, modules[dep].folder
            if a and b and not nested(a, b):
                folders.setdefault(a, set()).add(b)
    return folders


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found
