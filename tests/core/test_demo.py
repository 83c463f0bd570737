"""`load_demo` builds the whole portal and a second run changes nothing."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, tuple[int, object]]:
    """Rows per model, and the latest update where the model records one."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "admin", "contenttypes", "auth"}:
            continue
        qs = model.objects.all()
        latest = None
        if any(f.name == "updated_at" for f in model._meta.fields):
            latest = qs.order_by("-updated_at").values_list("updated_at", flat=True).first()
        state[model._meta.label] = (qs.count(), latest)
    return state


def test_load_demo_builds_the_portal_and_is_idempotent(client):
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = _snapshot()
    assert first["associations.Association"][0] >= 10
    assert first["associations.Action"][0] == 16
    assert first["charter.Signature"][0] >= 9
    assert first["events.EventSeries"][0] == 5
    assert first["events.Edition"][0] >= 15  # past and upcoming editions of each series
    assert first["events.Stage"][0] >= 5  # Le Mans voyage le monde's tram stages
    assert first["congress.CongressEdition"][0] == 3
    assert first["indicators.Campaign"][0] >= 5
    assert "ccas@demo.lemans-solidaire.fr" in out.getvalue()

    call_command("load_demo", stdout=StringIO())
    assert _snapshot() == first

    # The demo staff account can log in and reach the admin.
    assert client.login(email="ccas@demo.lemans-solidaire.fr", password="solidaire-demo-2026")
    assert client.get("/gestion/").status_code == 200
