"""CCAS staff in the admin: pages answer, actions go through the services."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from charter import documents
from charter.models import CharterVersion, Signature
from solidaire.core.documents.models import GeneratedDocument
from tests import factories
from tests.charter.factories import make_version

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    [
        "charterversion",
        "chartersection",
        "charterarticle",
        "chartervalue",
        "signature",
        "signatureinvitation",
    ],
)
def test_admin_lists_answer(client, staff_user, model):
    make_version()
    factories.SignatureFactory()
    client.force_login(staff_user)
    response = client.get(reverse(f"admin:charter_{model}_changelist"))
    assert response.status_code == 200


def test_version_change_form_has_section_inlines(client, staff_user):
    version = make_version()
    client.force_login(staff_user)
    content = client.get(reverse("admin:charter_charterversion_change", args=[version.pk])).content.decode()
    assert "sections-TOTAL_FORMS" in content
    section = version.sections.get()
    content = client.get(reverse("admin:charter_chartersection_change", args=[section.pk])).content.decode()
    assert "articles-TOTAL_FORMS" in content and "values-TOTAL_FORMS" in content


def test_reject_action_asks_for_a_reason(client, staff_user, django_capture_on_commit_callbacks):
    version = make_version()
    signature = factories.SignatureFactory(
        version=version,
        status="requested",
        signed_on=None,
        association=factories.AssociationFactory(email="a@example.org"),
    )
    client.force_login(staff_user)
    url = reverse("admin:charter_signature_changelist")
    data = {"action": "reject_selected", "_selected_action": [signature.pk]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Motif" in response.content.decode()
    response = client.post(url, {**data, "apply": "1", "reason": ""})
    assert "Indiquez le motif." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**data, "apply": "1", "reason": "Doublon."})
    signature.refresh_from_db()
    assert signature.status == "rejected" and signature.rejection_reason == "Doublon."
    assert mail.outbox[0].to == ["a@example.org"]


def test_approve_action_reports_withdrawn_signature(client, staff_user):
    signature = factories.SignatureFactory(status="withdrawn")
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:charter_signature_changelist"),
        {"action": "approve_selected", "_selected_action": [signature.pk]},
        follow=True,
    )
    assert "Cette signature a été retirée le 1 juin 2020" in response.content.decode()
    assert Signature.objects.get(pk=signature.pk).status == "withdrawn"


def test_signatures_cannot_be_deleted(client, staff_user):
    signature = factories.SignatureFactory()
    client.force_login(staff_user)
    response = client.post(reverse("admin:charter_signature_delete", args=[signature.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Signature.objects.filter(pk=signature.pk).exists()


def test_paper_signature_recorded_from_admin(client, staff_user, django_capture_on_commit_callbacks):
    version = make_version()
    association = factories.AssociationFactory()
    client.force_login(staff_user)
    url = reverse("admin:charter_signature_add")
    response = client.post(
        url,
        {
            "association": association.pk,
            "version": version.pk,
            "representative_name": "Jeanne",
            "representative_role": "",
            "signed_on": "",
        },
    )
    assert "Indiquez la date de signature." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "association": association.pk,
                "version": version.pk,
                "representative_name": "Jeanne",
                "representative_role": "Présidente",
                "signed_on": "2011-03-04",
            },
        )
    signature = Signature.objects.get(association=association)
    assert signature.status == "signed" and str(signature.signed_on) == "2011-03-04"
    assert GeneratedDocument.objects.get(kind=documents.SIGNATORIES).status == "done"


def test_adopt_and_duplicate_actions(client, staff_user):
    v1 = make_version()
    client.force_login(staff_user)
    url = reverse("admin:charter_charterversion_changelist")
    client.post(url, {"action": "duplicate", "_selected_action": [v1.pk]})
    draft = CharterVersion.objects.get(number=2)
    assert draft.adopted_on is None and not draft.is_current
    assert draft.sections.get().articles.count() == 2
    client.post(url, {"action": "adopt", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_current and not CharterVersion.objects.get(number=1).is_current
