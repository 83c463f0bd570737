"""The folder tree is the architecture: imports run one way, folders stay small, tests mirror it."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.architecture.imports import ROOT, cycles, folder_graph, module_graph, project_modules

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
    apps = ("associations", "charter", "indicators", "events", "congress", "portal", "history")
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


def _defined_calls(module, attribute: str) -> list[int]:
    tree = ast.parse(module.path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (getattr(node.func, "attr", None) == attribute or getattr(node.func, "id", None) == attribute)
    ]


def test_every_app_ready_is_one_line(modules):
    """Apps plug their documents, work lists and receivers in by module name
    (solidaire/core/runtime/hooks.py), not by hand in `ready()`."""
    long_ready = []
    for module in modules.values():
        if module.path.name != "apps.py":
            continue
        for node in ast.walk(ast.parse(module.path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name == "ready":
                body = [
                    n
                    for n in node.body
                    if not isinstance(n, ast.Expr) or not isinstance(n.value, ast.Constant)
                ]
                if len(body) != 1:
                    long_ready.append(module.name)
    assert long_ready == []


def test_no_task_sent_by_hand_and_signals_only_in_signals_modules(modules):
    """Services start work with `enqueue_after_commit("<task name>", ...)`: nobody calls
    `.delay()` / `.apply_async()` / `on_commit(...delay)` outside the queue itself. A custom
    signal is a domain event, defined in a feature's `signals.py` and sent by its services."""
    offenders = []
    for name, module in modules.items():
        if module.path.stem != "signals":
            offenders += [f"{name}:{line} Signal()" for line in _defined_calls(module, "Signal")]
        if name == "solidaire.core.runtime.queue":
            continue
        offenders += [f"{name}:{line} .delay()" for line in _defined_calls(module, "delay")]
        offenders += [f"{name}:{line} .apply_async()" for line in _defined_calls(module, "apply_async")]
    assert offenders == []


def _defined_signals(module) -> list[str]:
    """The names bound to `Signal()` at the top of a signals.py module."""
    return [
        target.id
        for node in ast.parse(module.path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and getattr(node.value.func, "id", getattr(node.value.func, "attr", None)) == "Signal"
        for target in node.targets
        if isinstance(target, ast.Name)
    ]


def _connected_signals(module) -> set[str]:
    """The names a receivers.py module connects: `name.connect(...)` or `@receiver(name, ...)`."""
    found = set()
    for node in ast.walk(ast.parse(module.path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "connect":
            target = func.value
        elif getattr(func, "id", None) == "receiver" and node.args:
            target = node.args[0]
        else:
            continue
        found.add(getattr(target, "id", None) or getattr(target, "attr", None))
    return found


def unheard_signals(modules) -> list[str]:
    """Signals no other app listens to: a domain event is for another app (within an app, the
    service calls what it needs), and no signal exists only to reach a task."""
    heard: dict[str, set[str]] = {}
    for name, module in modules.items():
        if module.path.stem == "receivers":
            heard.setdefault(name.split(".")[0], set()).update(_connected_signals(module))
    unheard = []
    for name, module in modules.items():
        if module.path.stem != "signals":
            continue
        app = name.split(".")[0]
        others = set().union(*(names for other, names in heard.items() if other != app))
        unheard += [f"{name}.{signal}" for signal in _defined_signals(module) if signal not in others]
    return unheard


def test_every_domain_signal_has_a_receiver_in_another_app(modules):
    assert unheard_signals(modules) == []


def test_the_checker_finds_a_signal_nobody_else_hears(tmp_path):
    for app in ("demoapp", "otherapp"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "__init__.py").write_text("")
    signal = "from django.dispatch import Signal\n\nrenamed = Signal()\nmoved = Signal()\n"
    (tmp_path / "demoapp" / "signals.py").write_text(signal)
    # Heard inside its own app only: that is a function call dressed as an event.
    (tmp_path / "demoapp" / "receivers.py").write_text("from .signals import moved\nmoved.connect(print)\n")
    (tmp_path / "otherapp" / "receivers.py").write_text(
        "from django.dispatch import receiver\nfrom demoapp.signals import renamed\n\n"
        "@receiver(renamed)\ndef f(**kwargs):\n    pass\n"
    )
    found = project_modules(tmp_path, ["demoapp", "otherapp"])
    assert unheard_signals(found) == ["demoapp.signals.moved"]


ROLE_OF_CALL = {"register_provider": "worklist", "register": "documents", "shared_task": "tasks"}


def test_each_kind_of_thing_lives_in_its_module(modules):
    """A model is defined in models.py, a work-list provider is registered in worklist.py, a
    renderer in documents.py, a Celery task in tasks.py, signal receivers in receivers.py."""
    misplaced = []
    for name, module in modules.items():
        stem = module.path.stem
        tree = ast.parse(module.path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and stem not in {"models", "db"}:
                bases = {getattr(b, "attr", getattr(b, "id", "")) for b in node.bases}
                if bases & {"Model", "TimeStampedModel"}:
                    misplaced.append(f"{name}: model {node.name}")
            if isinstance(node, ast.Call):
                called = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                bare = isinstance(node.func, ast.Name)  # admin.site.register is the admin's own
                role = ROLE_OF_CALL.get(called) if bare or called != "register" else None
                if called == "register" and stem == "models":
                    role = None  # simple_history's register(Model) beside the model it records
                if called == "connect" and stem != "receivers":
                    misplaced.append(f"{name}:{node.lineno} connects a receiver")
                if role and stem != role and not name.startswith("solidaire.core.documents"):
                    misplaced.append(f"{name}:{node.lineno} {called}")
    assert misplaced == []


# The tests mirror the source: tests/<app>/<feature>/ beside <app>/<feature>/. The ground floor's
# apps live in solidaire/; the suites that cross every app have no source folder of their own.
TESTS_OF_GROUND_FLOOR = {"core": "solidaire/core", "accounts": "solidaire/accounts"}
CROSS_CUTTING_SUITES = {"architecture", "e2e", "fuzz", "security"}
NOT_FEATURES = {"migrations", "management", "templatetags", "demo_data"}
APP_LEVEL_HELPERS = {"__init__.py", "conftest.py", "factories.py"}
# Beside these, a test named after one of the app's own root modules (tests/core/test_widgets.py
# for solidaire/core/widgets.py, tests/events/test_demo.py for events/demo.py) mirrors it.
APP_WIDE_TESTS = {
    "associations": {
        "test_permissions_matrix.py": "roles × pages of every feature: who sees a structure's private data",
        "test_form_guidance.py": "the public forms of council and reports, one test walks both",
    },
    "core": {
        "worker.py": "the real Celery worker process, shared by runtime/ and indicators/observatoire/",
        "test_admin_french.py": "the admin of every app, in French",
        "test_deploy_files.py": "the production files (compose, proxy, healthcheck) around the apps",
        "test_head_requests.py": "every view of every app answers HEAD like GET",
        "test_make_run.py": "the Makefile's embedded default, the whole project",
        "test_pages.py": "the site's front: home, health check, error pages, French, CSP",
        "test_settings.py": "solidaire/settings/, the project's settings",
    },
    "events": {"test_migration.py": "events/migrations/ belongs to the app, not to a feature"},
}


def _feature_folders(source: Path) -> set[str]:
    return {d.name for d in source.iterdir() if (d / "__init__.py").is_file() and d.name not in NOT_FEATURES}


def misplaced_tests(root: Path = ROOT, app_wide: dict[str, dict[str, str]] = APP_WIDE_TESTS) -> list[str]:
    """What breaks the mirror: a tests/ folder that is neither an app nor a cross-cutting suite, a
    module directly in tests/<app>/ of an app with feature folders (unless app-wide, named above),
    a tests/<app>/<feature>/ without its source feature, an app-wide entry that no longer exists."""
    found = []
    tests = root / "tests"
    for folder in sorted(d for d in tests.iterdir() if (d / "__init__.py").is_file()):
        if folder.name in CROSS_CUTTING_SUITES:
            continue
        source = root / TESTS_OF_GROUND_FLOOR.get(folder.name, folder.name)
        if not (source / "__init__.py").is_file():
            found.append(f"tests/{folder.name}/: no app {source.relative_to(root)}/")
            continue
        features = _feature_folders(source)
        named = app_wide.get(folder.name, {})
        for sub in sorted(d for d in folder.iterdir() if d.is_dir() and d.name != "__pycache__"):
            if sub.name not in features:
                found.append(
                    f"tests/{folder.name}/{sub.name}/: no feature {source.relative_to(root)}/{sub.name}/"
                )
        if features:
            root_modules = {f"test_{p.stem}.py" for p in source.glob("*.py")}
            for module in sorted(folder.glob("*.py")):
                if module.name not in APP_LEVEL_HELPERS | root_modules | set(named):
                    found.append(f"tests/{folder.name}/{module.name}: belongs in a feature folder")
        found += [
            f"tests/{folder.name}/{name}: named app-wide, not found"
            for name in named
            if not (folder / name).is_file()
        ]
    return found


def test_tests_mirror_the_source_folders():
    assert misplaced_tests() == []


def test_the_mirror_checker_finds_a_flat_test_and_a_feature_without_source(tmp_path):
    """The checker itself can fail: a flat test in an app with features, a test folder for a
    feature that does not exist, a test folder for no app, a stale app-wide entry."""
    app = tmp_path / "demoapp"
    (app / "orders").mkdir(parents=True)
    (app / "migrations").mkdir()
    for init in (app, app / "orders", app / "migrations"):
        (init / "__init__.py").write_text("")
    (app / "demo.py").write_text("")
    for folder in (
        "tests/demoapp",
        "tests/demoapp/orders",
        "tests/demoapp/gone",
        "tests/nowhere",
        "tests/e2e",
    ):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "__init__.py").write_text("")
    for name in ("conftest.py", "test_demo.py", "test_orders.py"):
        (tmp_path / "tests/demoapp" / name).write_text("")
    assert misplaced_tests(tmp_path, {"demoapp": {"test_stale.py": "gone since"}}) == [
        "tests/demoapp/gone/: no feature demoapp/gone/",
        "tests/demoapp/test_orders.py: belongs in a feature folder",
        "tests/demoapp/test_stale.py: named app-wide, not found",
        "tests/nowhere/: no app nowhere/",
    ]


# What builds or runs a query: a view asks a selector (reads) or a service (writes) instead.
# `.get()`, `.first()`, `.count()`, `.all()` stay allowed: they also read dicts and forms, and
# on a selector's queryset they only run the query the selector wrote. `get_object_or_404`
# takes a model or a selector's queryset.
QUERY_BUILDERS = {
    "filter",
    "exclude",
    "annotate",
    "aggregate",
    "select_related",
    "prefetch_related",
    "order_by",
    "values_list",
    "only",
    "defer",
    "distinct",
    "raw",
    "extra",
    "get_or_create",
    "update_or_create",
    "bulk_create",
}


def view_queries(source: str) -> list[str]:
    """`Model.objects` and the queryset-building calls in a module's source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"{node.lineno} .objects")
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in QUERY_BUILDERS:
            found.append(f"{node.lineno} .{node.func.attr}()")
    return sorted(found)


def test_views_run_no_query_of_their_own(modules):
    """Thin views: the ORM is read in selectors.py and written in services.py."""
    offenders = [
        f"{name}:{found}"
        for name, module in modules.items()
        if module.path.name == "views.py"
        for found in view_queries(module.path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_view_checker_finds_a_query():
    source = (
        "def v(request):\n"
        "    a = Sheet.objects.get(pk=1)\n"
        "    b = selectors.sheets().select_related('campaign').first()\n"
        "    return request.GET.get('x'), form.errors.values(), a.services.all()\n"
    )
    assert view_queries(source) == ["2 .objects", "3 .select_related()"]


def test_an_apps_template_tags_are_loaded_by_its_own_templates_only():
    """A tag that queries another app hides a dependency in a template: what an app adds to
    another's page is a registered section (solidaire/core/pages/sections.py)."""
    from tests.architecture.imports import PACKAGES, ROOT

    owner = {
        library.stem: package
        for package in PACKAGES
        if package != "solidaire"  # the ground floor's tags (portal) serve every app
        for library in (ROOT / package).rglob("templatetags/*.py")
        if library.stem != "__init__"
    }
    offenders = []
    for template in (ROOT / "templates").rglob("*.*"):
        app = template.relative_to(ROOT / "templates").parts[0]
        for loaded in re.findall(r"{%\s*load\s+([^%]+?)\s*%}", template.read_text(encoding="utf-8")):
            offenders += [
                f"{template.relative_to(ROOT)}: {name}"
                for name in loaded.split()
                if owner.get(name, app) != app
            ]
    assert offenders == []
