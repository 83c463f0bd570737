"""Subjects carry user text (a mission title, a structure name): it can never add a header."""

from __future__ import annotations

import pytest
from django.core import mail

from tests.associations.factories import VolunteerMissionFactory
from tests.associations.volunteering.test_volunteering import interest_data

pytestmark = pytest.mark.django_db


def test_a_title_with_line_breaks_stays_in_the_subject(client, django_capture_on_commit_callbacks):
    mission = VolunteerMissionFactory(
        title="Accueil\r\nBcc: tous@example.org", association__email="structure@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(mission.get_absolute_url(), interest_data())
    assert response.status_code == 302
    message, acknowledgement = mail.outbox
    assert message.subject == "Proposition de bénévolat : Accueil Bcc: tous@example.org"
    assert message.bcc == [] and message.recipients() == ["structure@example.org"]
    assert acknowledgement.subject == "Votre proposition de bénévolat : Accueil Bcc: tous@example.org"
    for sent in (message, acknowledgement):
        headers = sent.message().as_string().split("\n\n", 1)[0]
        assert "\nBcc:" not in headers
