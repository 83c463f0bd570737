"""Every view says who may open it, through the one gate (solidaire/accounts/permissions.py).

A view the URLconf serves carries `gate`: `public`, the private link's token, or the check
given to `permission_required`. The URL matrix (tests/security/test_url_matrix.py) says which
URLs are public: a private one must not be declared public, and a public one must not be gated.
Nobody writes `redirect_to_login` or `login_required` by hand outside the gate.
"""

from __future__ import annotations

import ast

from django.urls import URLPattern, URLResolver, get_resolver

from solidaire.accounts.permissions import PRIVATE_LINK, PUBLIC, permission_required, public, signed_in
from tests.architecture.imports import project_modules
from tests.security.test_url_matrix import PRIVATE
from tests.security.test_url_matrix import PUBLIC as PUBLIC_URLS

GATE_MODULE = "solidaire.accounts.permissions"
HAND_WRITTEN = {"redirect_to_login", "login_required", "user_passes_test", "staff_member_required"}


def _views(resolver: URLResolver, namespace: str = "") -> dict[str, object]:
    found = {}
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", "")
            if pattern.namespace == "admin" or module.startswith("allauth."):
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found |= _views(pattern, inner)
        elif isinstance(pattern, URLPattern):
            found[f"{namespace}{pattern.name}"] = pattern.callback
    return found


def ungated(views: dict[str, object]) -> list[str]:
    return sorted(name for name, view in views.items() if not hasattr(view, "gate"))


def test_every_view_declares_its_gate():
    assert ungated(_views(get_resolver())) == [], "put @public or @permission_required(...) on these views"


def test_public_and_private_urls_agree_with_the_matrix():
    views = _views(get_resolver())
    declared_public = {name for name, view in views.items() if view.gate == PUBLIC}
    private_link = {name for name, view in views.items() if view.gate == PRIVATE_LINK}
    assert declared_public & PRIVATE.keys() == set(), "a private URL is declared public"
    assert (PUBLIC_URLS - declared_public - private_link) == set(), "a public URL sits behind a gate"
    assert private_link <= PUBLIC_URLS, "the private links are listed as reachable without an account"


def test_nobody_writes_the_login_redirect_by_hand():
    offenders = []
    for module in project_modules().values():
        if module.name == GATE_MODULE:
            continue
        tree = ast.parse(module.path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = (
                node.id
                if isinstance(node, ast.Name)
                else node.attr
                if isinstance(node, ast.Attribute)
                else None
            )
            if isinstance(node, ast.ImportFrom):
                offenders += [
                    f"{module.name}: imports {a.name}" for a in node.names if a.name in HAND_WRITTEN
                ]
            elif name in HAND_WRITTEN:
                offenders.append(f"{module.name}: {name}")
    assert sorted(set(offenders)) == []


def test_the_checker_sees_a_view_without_a_gate():
    """The checks above can fail: a bare function is reported, a gated or public one is not."""

    def bare(request):
        return None

    gated = permission_required(signed_in)(lambda request: None)
    assert ungated({"bare": bare, "gated": gated, "open": public(lambda request: None)}) == ["bare"]
    assert gated.gate is signed_in
