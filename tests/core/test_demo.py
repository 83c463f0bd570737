"""`load_demo` builds the whole portal, tells one story, and a second run changes nothing (nor
what it prints)."""

import json
from io import StringIO
from itertools import combinations

import pytest
from django.apps import apps
from django.core.management import call_command

from associations.structures.demo import UNREACHABLE_IN_DEMO
from indicators.catalogue.models import Campaign
from indicators.reminders.models import Reminder
from indicators.reminders.selectors import unreachable_associations
from indicators.reminders.services import reminders_send_late
from indicators.sheets.selectors import expected_associations
from indicators.territories import demo as territories_demo
from indicators.territories.demo import CONTOURS
from indicators.territories.models import Territory
from solidaire.accounts.models import User

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

    again = StringIO()
    call_command("load_demo", stdout=again)
    assert _snapshot() == first
    # It prints what the demo holds, not what the run did: the same lines both times.
    assert again.getvalue().splitlines() == out.getvalue().splitlines()
    assert "Annuaire : 10 structures publiées, dont 8 joignables" in out.getvalue()

    # The demo staff account can log in and reach the admin.
    assert client.login(email="ccas@demo.lemans-solidaire.fr", password="solidaire-demo-2026")
    assert client.get("/gestion/").status_code == 200


def test_the_open_campaign_can_remind_almost_every_structure(client):
    call_command("load_demo", stdout=StringIO())
    campaign = Campaign.objects.order_by("-year").first()
    expected = expected_associations().count()
    unreachable = sorted(unreachable_associations(campaign=campaign).values_list("slug", flat=True))
    assert expected == 9
    assert unreachable == sorted(UNREACHABLE_IN_DEMO)  # two, to show the list

    assert client.login(email="ccas@demo.lemans-solidaire.fr", password="solidaire-demo-2026")
    page = client.get(f"/indicateurs/suivi/{campaign.year}/").content.decode()
    assert "Structures injoignables (2)" in page

    # « Relancer toutes les structures en retard » reaches the seven others.
    staff = User.objects.get(email="ccas@demo.lemans-solidaire.fr")
    report = reminders_send_late(campaign=campaign, user=staff)
    assert len(report.sent) == 7
    assert sorted(a.slug for a in report.unreachable) == sorted(UNREACHABLE_IN_DEMO)
    assert Reminder.objects.filter(campaign=campaign).exclude(recipients="").count() == 7


def _inside(point, ring) -> bool:
    """Ray casting: is (lon, lat) strictly inside the ring."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_demo_contours_look_like_a_city_of_quartiers():
    data = json.loads(CONTOURS.read_text(encoding="utf-8"))
    assert "démonstration" in data["name"]  # never taken for the official boundaries
    rings = {f["properties"]["code"]: f["geometry"]["coordinates"][0] for f in data["features"]}
    assert len(rings) == 15
    # Around Le Mans (48.00 N, 0.20 E).
    for ring in rings.values():
        assert all(47.94 < lat < 48.06 and 0.13 < lon < 0.27 for lon, lat in ring)
    # Not a grid of rectangles: most quartiers have more than four corners.
    assert sum(len(ring) - 1 > 4 for ring in rings.values()) >= 10
    # Adjacent: every quartier shares a border (two corners) with another one.
    corners = {code: {tuple(c) for c in ring} for code, ring in rings.items()}
    for code, mine in corners.items():
        assert any(len(mine & theirs) >= 2 for other, theirs in corners.items() if other != code), code
    # Not overlapping: no point of a fine grid lies inside two quartiers.
    grid = [(0.13 + i * 0.0014, 47.94 + j * 0.0012) for i in range(100) for j in range(100)]
    for (a, ring_a), (b, ring_b) in combinations(rings.items(), 2):
        shared = [p for p in grid if _inside(p, ring_a) and _inside(p, ring_b)]
        assert not shared, (a, b, shared[:3])
    # Each quartier's own centre lies in it (the labels of the map land in the right place).
    for ring in rings.values():
        lon = sum(c[0] for c in ring[:-1]) / (len(ring) - 1)
        lat = sum(c[1] for c in ring[:-1]) / (len(ring) - 1)
        assert _inside((lon, lat), ring)


def test_the_demo_replaces_the_old_rectangles():
    territories_demo.load(stdout=StringIO())
    sablons = Territory.objects.get(code="sablons")
    sablons.contour = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    sablons.save()
    territories_demo.load(stdout=StringIO())
    sablons.refresh_from_db()
    assert len(sablons.contour["coordinates"][0]) > 5
