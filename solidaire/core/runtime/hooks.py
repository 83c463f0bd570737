"""What an app's features plug into the ground floor, found by module name.

Every app's `ready()` is one line, `load_feature_hooks(self)`, which imports, in each feature
folder of the app (and the app's own folder), the modules that register themselves on import:

- `documents.py`: renderers of generated documents (`solidaire.core.documents.registry.register`);
- `worklist.py`: providers of pending work (`solidaire.core.worklist.register_provider`);
- `receivers.py`: receivers of signals (cache versions that follow writes, domain events);
- `pages.py`: what an app adds to another's pages: actions on an information page
  (`solidaire.core.pages.actions`), sections of a structure's card (`solidaire.core.pages.sections`).

Celery task modules (`tasks.py`) are registered in one place too: `solidaire/celery.py` asks
`task_packages()` for every folder that holds one (Celery by itself finds only `<app>.tasks`).
The ground floor imports no app: these are found by name, at start-up.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

HOOK_MODULES = ("documents", "worklist", "receivers", "pages")
SKIPPED = {"migrations", "management", "templatetags", "demo_data", "__pycache__"}


def feature_packages(app_config) -> list[str]:
    """The app's package and every feature package under it, in name order."""
    root = Path(app_config.path)
    packages = [app_config.name]
    for init in sorted(root.rglob("__init__.py")):
        relative = init.parent.relative_to(root)
        if relative.parts and not SKIPPED & set(relative.parts):
            packages.append(".".join([app_config.name, *relative.parts]))
    return packages


def _modules_named(app_config, name: str) -> list[str]:
    root = Path(app_config.path)
    found = []
    for package in feature_packages(app_config):
        folder = root.joinpath(*package.split(".")[len(app_config.name.split(".")) :])
        if (folder / f"{name}.py").exists():
            found.append(f"{package}.{name}")
    return found


def load_feature_hooks(app_config) -> None:
    """Import the app's hook modules (see the module's docstring)."""
    for name in HOOK_MODULES:
        for module in _modules_named(app_config, name):
            import_module(module)


def task_packages() -> list[str]:
    """Every package of the project's apps that holds a `tasks.py`, for Celery's autodiscovery."""
    from django.apps import apps
    from django.conf import settings

    base = Path(settings.BASE_DIR).resolve()
    packages = []
    for config in apps.get_app_configs():
        if not (base / config.name.split(".")[0]).is_dir():  # an installed library's app
            continue
        packages += [module.rpartition(".")[0] for module in _modules_named(config, "tasks")]
    return packages
