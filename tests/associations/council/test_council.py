"""The users' council form (issue #13): sent once, bots and floods refused, staff told on their
home page (with the open card reports), old requests purged."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from associations.council.models import RETENTION_MONTHS, CouncilRequest
from associations.council.tasks import purge_council_requests
from associations.reports.models import CardReport
from solidaire.core.worklist import pending_work_for
from tests import factories

pytestmark = pytest.mark.django_db

JOIN = {
    "name": "Mireille",
    "phone": "06 12 34 56 78",
    "email": "",
    "accompanying_structure": "",
    "accompanying_other": "",
    "availability": "Le mardi après-midi",
    "consent": "on",
}


def test_joining_the_council_tells_the_ccas_once(client, settings, django_capture_on_commit_callbacks):
    content = client.get("/annuaire/conseil-des-usagers/").content.decode()
    assert "02&nbsp;43&nbsp;74&nbsp;52&nbsp;06" in content  # the phone stays for those who prefer it
    assert "conservées 24 mois au plus" in content
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/annuaire/conseil-des-usagers/", JOIN).status_code == 302
        assert client.post("/annuaire/conseil-des-usagers/", JOIN).status_code == 302  # sent twice
    assert CouncilRequest.objects.count() == 1
    assert [m.to for m in mail.outbox] == [[settings.CCAS_CONTACT_EMAIL]]
    assert "Mireille" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": ""}, "Cochez cette case pour que le CCAS puisse vous recontacter."),
        ({"phone": "", "email": ""}, "Indiquez un téléphone ou une adresse e-mail"),
        ({"email": "pas-une-adresse"}, "Saisissez une adresse de courriel valide."),
    ],
)
def test_council_form_errors_are_french_and_keep_what_was_typed(client, changes, message):
    response = client.post("/annuaire/conseil-des-usagers/", {**JOIN, **changes})
    content = response.content.decode()
    assert response.status_code == 200 and message in content
    assert 'value="Mireille"' in content and "Le mardi après-midi" in content
    assert not CouncilRequest.objects.exists()


def test_a_bot_filling_the_honeypot_keeps_nothing(client):
    response = client.post("/annuaire/conseil-des-usagers/", {**JOIN, "site_web": "http://spam"})
    assert response.status_code == 302
    assert not CouncilRequest.objects.exists() and not mail.outbox


def test_council_flood_is_limited(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "council_request": (2, 3600)}
    for n in range(2):
        client.post("/annuaire/conseil-des-usagers/", {**JOIN, "name": f"Personne {n}"})
    response = client.post("/annuaire/conseil-des-usagers/", {**JOIN, "name": "Encore"})
    assert response.status_code == 429
    assert CouncilRequest.objects.count() == 2


def test_staff_see_new_requests_and_open_reports_on_their_home(staff_user, user):
    CouncilRequest.objects.create(name="A", phone="0612345678", consent=True)
    CardReport.objects.create(association=factories.AssociationFactory(), topic="hours", message="Faux")
    lines = {line.label: line.count for line in pending_work_for(staff_user)}
    assert lines["Demandes au conseil des usagers"] == 1
    assert lines["Erreurs signalées sur des fiches"] == 1
    assert not any(
        line.label.startswith(("Demandes au conseil", "Erreurs")) for line in pending_work_for(user)
    )


def _sent_days_ago(name: str, days: int) -> None:
    request = CouncilRequest.objects.create(name=name, phone="0612345678", consent=True)
    CouncilRequest.objects.filter(pk=request.pk).update(created_at=timezone.now() - dt.timedelta(days=days))


def test_the_daily_task_deletes_requests_past_the_retention_period():
    retention = RETENTION_MONTHS * 30  # days, as council_requests_purge counts them
    _sent_days_ago("Ancienne", retention + 10)
    _sent_days_ago("Récente", retention - 10)
    assert purge_council_requests.delay().get() == 1
    assert list(CouncilRequest.objects.values_list("name", flat=True)) == ["Récente"]


def test_beat_runs_the_purge_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["council-purge-requests"]
    assert entry["task"] == purge_council_requests.name
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({3}, {40})
    assert entry["schedule"].day_of_week == set(range(7))
