"""The folder tree is the architecture: imports run one way, folders stay small."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.architecture.imports import cycles, folder_graph, module_graph, project_modules

MAX_MODULES_PER_FOLDER = 15


@pytest.fixture(scope="module")
def modules():
    return project_modules()


def _describe(found: list[list[str]]) -> str:
    return "\n".join(" <-> ".join(component) for component in found)


def test_no_module_imports_back_one_that_imports_it(modules):
    found = cycles(module_graph(modules))
    assert found == [], f"import cycles between modules:\n{_describe(found)}"


def test_no_two_folders_import_each_other(modules):
    found = cycles(folder_graph(modules, module_graph(modules)))
    assert found == [], f"import cycles between folders (apps, features):\n{_describe(found)}"


def test_the_ground_floor_imports_no_app(modules):
    graph = module_graph(modules)
    apps = ("associations", "charter", "indicators", "events", "congress", "solidaire.portal")
    offenders = sorted(
        f"{name} -> {dep}"
        for name, deps in graph.items()
        if name.startswith(("solidaire.core", "solidaire.accounts"))
        for dep in deps
        if dep.startswith(apps)
    )
    assert offenders == []


def test_services_never_import_tasks(modules):
    graph = module_graph(modules)
    offenders = sorted(
        f"{name} -> {dep}"
        for name, deps in graph.items()
        if name.rpartition(".")[2] in {"services", "models", "selectors"}
        for dep in deps
        if dep.rpartition(".")[2] == "tasks"
    )
    assert offenders == []


def test_no_folder_holds_more_than_fifteen_modules(modules):
    per_folder = Counter(str(Path(*m.path.parts[:-1])) for m in modules.values())
    crowded = {folder: count for folder, count in per_folder.items() if count > MAX_MODULES_PER_FOLDER}
    assert crowded == {}


def test_the_checker_finds_a_lazy_cycle_and_a_folder_cycle(tmp_path):
    """The checker itself can fail: a lazy import inside a function closes a cycle."""
    pkg = tmp_path / "demoapp"
    (pkg / "feature_a").mkdir(parents=True)
    (pkg / "feature_b").mkdir()
    for folder in (pkg, pkg / "feature_a", pkg / "feature_b"):
        (folder / "__init__.py").write_text("")
    (pkg / "services.py").write_text("from . import tasks\n")
    (pkg / "tasks.py").write_text("def run():\n    from .services import x\n")
    (pkg / "feature_a" / "views.py").write_text("from demoapp.feature_b.models import B\n")
    (pkg / "feature_b" / "models.py").write_text("def f():\n    from demoapp.feature_a import views\n")
    found_modules = project_modules(tmp_path, ["demoapp"])
    graph = module_graph(found_modules)
    assert ["demoapp.services", "demoapp.tasks"] in cycles(graph)
    assert ["demoapp.feature_a", "demoapp.feature_b"] in cycles(folder_graph(found_modules, graph))
