"""Events in a real browser: a visitor browses the agenda, opens an edition (its stages on the
map) and downloads its calendar file; an association applies to take part, CCAS staff accept,
and the structure shows on the edition page and lists the event on its directory card."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from tests import factories
from tests.e2e.test_accessibility import sign_in
from tests.events.factories import StageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PARIS = ZoneInfo("Europe/Paris")


def _voyage():
    year = timezone.localdate().year + 1
    series = factories.EventSeriesFactory(
        name="Le Mans voyage le monde", slug="le-mans-voyage-le-monde", kind="interculturel"
    )
    edition = factories.EditionFactory(
        series=series,
        title=f"Le Mans voyage le monde {year}",
        slug=f"le-mans-voyage-le-monde-{year}",
        starts_at=dt.datetime(year, 6, 26, 10, tzinfo=PARIS),
        ends_at=dt.datetime(year, 6, 26, 20, tzinfo=PARIS),
        venue_name="Le long de la ligne T1 du tramway",
        participation_open=True,
        participation_deadline=timezone.localdate() + dt.timedelta(days=30),
        capacity=10,
    )
    for position, (name, lat, lng) in enumerate(
        [("Université", "48.015700", "0.163600"), ("République", "48.007400", "0.198500")], start=1
    ):
        StageFactory(
            edition=edition,
            position=position,
            name=name,
            starts_at=edition.starts_at + dt.timedelta(hours=2 * position),
            latitude=Decimal(lat),
            longitude=Decimal(lng),
        )
    return edition


def test_browse_open_an_edition_and_download_its_calendar_file(live_server, browser_page):
    edition = _voyage()
    factories.EditionFactory(title="Pique-nique solidaire")
    page = browser_page
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(live_server.url + "/evenements/")
    page.get_by_role("link", name=edition.title).click()
    page.wait_for_url(f"**{edition.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == edition.title
    weekday = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"][
        edition.start_date.weekday()
    ]
    assert page.get_by_test_id("edition-period").inner_text() == (
        f"{weekday} 26 juin {edition.start_date.year}, de 10\u00a0h à 20\u00a0h"
    )
    page.locator(".leaflet-marker-icon").first.wait_for()
    assert page.locator(".leaflet-marker-icon").count() == 2  # one marker per stage

    with page.expect_download() as download_info:
        page.get_by_test_id("ics-link").click()
    download = download_info.value
    assert download.suggested_filename == f"{edition.slug}.ics"
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == edition.title
    assert event["dtstart"].dt == edition.starts_at
    assert str(event["uid"]) == f"edition-{edition.pk}@evenements.lemans-solidaire.fr"


def test_an_association_applies_staff_accept_and_it_shows_on_the_page(live_server, browser_page):
    edition = _voyage()
    structure = factories.AssociationFactory(name="Manou Partages", slug="manou-partages")
    member = factories.MembershipFactory(association=structure, status="approved", role="admin").user
    staff = factories.StaffUserFactory()
    page = browser_page
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())

    sign_in(page, live_server, member.email)
    page.goto(live_server.url + edition.get_absolute_url())
    page.get_by_role("link", name="Participer avec ma structure").click()
    page.get_by_label("Ce que vous présenterez").fill("Un stand de cuisine malgache.")
    page.get_by_label("Nombre de personnes présentes").fill("4")
    page.get_by_label("Besoin d'électricité").check()
    page.get_by_role("button", name="Envoyer la candidature").click()
    page.wait_for_url(f"**{edition.get_absolute_url()}")
    assert "Candidature de « Manou Partages » envoyée" in page.locator("main").inner_text()

    sign_in(page, live_server, staff.email)
    page.goto(live_server.url + "/evenements/gestion/participations/")
    card = page.locator("section.participation-card", has_text="Manou Partages")
    card.get_by_role("radio", name="Accepter").check()
    card.get_by_role("button", name="Enregistrer la décision").click()
    assert "Participation de « Manou Partages » acceptée." in page.locator("main").inner_text()

    page.goto(live_server.url + edition.get_absolute_url())
    participants = page.get_by_test_id("participants")
    participants.get_by_role("link", name="Manou Partages").click()
    page.wait_for_url(f"**{structure.get_absolute_url()}")
    assert edition.title in page.get_by_test_id("structure-events").inner_text()
