"""Online signing, moderation and re-signing, through the pages and the services."""

from __future__ import annotations

import html

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from charter import services
from charter.models import Signature, SignatureInvitation
from charter.selectors import signatory_count
from tests import factories
from tests.charter.factories import association_admin, make_version

pytestmark = pytest.mark.django_db

SIGN_URL = reverse("charter:sign")


def _post_data(association, *, articles=(1, 2), name="Claire Dupont", role="Présidente"):
    data = {"association": association.pk, "representative_name": name, "representative_role": role}
    data.update({f"article_{n}": "on" for n in articles})
    return data


@pytest.fixture
def version():
    return make_version(number=1, articles=2)


def test_signing_workflow_end_to_end_with_emails(
    client, version, staff_user, django_capture_on_commit_callbacks
):
    association = factories.AssociationFactory(
        name="Épicerie des Sablons", email="contact@epicerie.example.org"
    )
    admin = association_admin(association)
    client.force_login(admin)

    page = client.get(SIGN_URL).content.decode()
    assert "Engagement 1 de la v1." in page  # the text to read, and its checkbox
    assert 'name="article_2"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGN_URL, _post_data(association))
    assert response.status_code == 302
    signature = Signature.objects.get(association=association)
    assert signature.status == "requested"
    assert signature.representative_name == "Claire Dupont"
    assert signature.acknowledged_articles == [1, 2]
    subjects = {m.subject: m.to for m in mail.outbox}
    assert "Signature de la charte par Épicerie des Sablons : demande reçue" in subjects
    assert set(subjects["Signature de la charte par Épicerie des Sablons : demande reçue"]) == {
        admin.email,
        "contact@epicerie.example.org",
    }
    assert any("à valider" in s for s in subjects)  # the CCAS is told
    followed = client.get(SIGN_URL).content.decode()
    assert "en attente de validation par le CCAS" in followed

    # Staff approve from the moderation page.
    mail.outbox.clear()
    client.force_login(staff_user)
    moderation = client.get(reverse("charter:moderation")).content.decode()
    assert "Épicerie des Sablons" in moderation and "Claire Dupont" in moderation
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("charter:moderation_decide", args=[signature.pk]),
            {f"s{signature.pk}-decision": "approve"},
        )
    assert response.status_code == 302
    signature.refresh_from_db()
    assert signature.status == "signed" and signature.signed_on is not None
    assert signature.decided_by == staff_user
    assert [m.subject for m in mail.outbox] == [
        "Épicerie des Sablons est signataire de la charte « Le Mans Solidaire »"
    ]
    assert "Épicerie des Sablons" in client.get(reverse("charter:signatories")).content.decode()


def test_reject_needs_a_reason_and_the_reason_is_sent(
    client, version, staff_user, django_capture_on_commit_callbacks
):
    signature = factories.SignatureFactory(version=version, status="requested", signed_on=None)
    association_admin(signature.association)
    client.force_login(staff_user)
    url = reverse("charter:moderation_decide", args=[signature.pk])
    response = client.post(url, {f"s{signature.pk}-decision": "reject", f"s{signature.pk}-reason": "  "})
    assert response.status_code == 400
    assert "Indiquez le motif du refus." in response.content.decode()
    signature.refresh_from_db()
    assert signature.status == "requested"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                f"s{signature.pk}-decision": "reject",
                f"s{signature.pk}-reason": "Le représentant n'est pas habilité.",
            },
        )
    signature.refresh_from_db()
    assert signature.status == "rejected"
    assert signature.rejection_reason == "Le représentant n'est pas habilité."
    assert len(mail.outbox) == 1
    assert "Le représentant n'est pas habilité." in mail.outbox[0].body
    # A refused request does not block a new one (history kept, two rows).
    services.signature_request(
        user=association_admin(signature.association),
        association=signature.association,
        version=version,
        representative_name="Autre",
        representative_role="Trésorier",
        acknowledged_articles=[1, 2],
    )
    assert Signature.objects.filter(association=signature.association).count() == 2


def test_signing_twice_is_refused_in_french(client, version):
    association = factories.AssociationFactory(name="Les Restos")
    admin = association_admin(association)
    client.force_login(admin)
    client.post(SIGN_URL, _post_data(association))
    # The structure now sees its request, not the form again; a replayed POST signs nothing.
    response = client.post(SIGN_URL, _post_data(association, name="Quelqu'un d'autre"))
    content = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "en attente de validation par le CCAS" in content
    assert "Signer la charte</button>" not in content
    assert Signature.objects.filter(association=association).count() == 1
    # The service refuses too, whatever the caller, with a French message.
    with pytest.raises(ValidationError, match="est déjà en attente"):
        services.signature_request(
            user=admin,
            association=association,
            version=version,
            representative_name="X",
            representative_role="Y",
            acknowledged_articles=[1, 2],
        )


def test_a_signed_structure_sees_its_signature_instead_of_the_form(client, version):
    association = factories.AssociationFactory(name="Les Restos")
    client.force_login(association_admin(association))
    factories.SignatureFactory(
        association=association,
        version=version,
        status="signed",
        signed_on="2024-03-01",
        representative_name="Marie Durand",
        representative_role="Présidente",
    )
    content = html.unescape(client.get(SIGN_URL).content.decode())
    assert "Signée le 1er mars 2024" in content
    assert "Marie Durand, Présidente" in content
    assert "Signer la charte</button>" not in content


def test_signing_for_an_association_you_do_not_administer(client, version):
    mine = factories.AssociationFactory()
    other = factories.AssociationFactory(name="Pas la mienne")
    user = association_admin(mine)
    factories.MembershipFactory(user=user, association=other, role="member", status="approved")
    client.force_login(user)
    response = client.post(SIGN_URL, _post_data(other))
    assert response.status_code == 200
    assert (
        "Vous ne pouvez signer que pour une structure dont vous êtes administrateur·rice."
    ) in response.content.decode()
    assert not Signature.objects.exists()
    # The service refuses too, whatever the caller.
    with pytest.raises(PermissionDenied, match="Vous n'êtes pas administrateur·rice de « Pas la"):
        services.signature_request(
            user=user,
            association=other,
            version=version,
            representative_name="X",
            representative_role="Y",
            acknowledged_articles=[1, 2],
        )


def test_user_without_admin_role_is_told_how_to_sign(client, version, user):
    client.force_login(user)
    content = client.get(SIGN_URL).content.decode()
    assert "Seuls les administrateurs d'une structure" in content
    assert '<form method="post" action="/charte/signer/"' not in content


def test_anonymous_user_is_sent_to_log_in(client, version):
    response = client.get(SIGN_URL)
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]


def test_empty_representative_name_and_missing_article(client, version):
    association = factories.AssociationFactory()
    client.force_login(association_admin(association))
    response = client.post(SIGN_URL, _post_data(association, articles=(1,), name="   ", role="Présidente"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Indiquez le nom de la personne qui signe au nom de la structure." in content
    assert "Confirmez l&#x27;article 2 pour signer la charte." in content
    assert 'value="Présidente"' in content
    assert not Signature.objects.exists()
    # The service has the same rules (a caller other than the form).
    with pytest.raises(ValidationError) as excinfo:
        services.signature_request(
            user=association_admin(association),
            association=association,
            version=version,
            representative_name="",
            representative_role="Présidente",
            acknowledged_articles=[1],
        )
    messages = excinfo.value.message_dict
    assert messages["representative_name"] == [
        "Indiquez le nom de la personne qui signe au nom de la structure."
    ]
    assert "à confirmer : article 2" in messages["__all__"][0]


def test_approving_a_withdrawn_signature_is_refused(version, staff_user):
    signature = factories.SignatureFactory(version=version, status="withdrawn")
    with pytest.raises(ValidationError, match="Cette signature a été retirée le 1 juin 2020"):
        services.signature_approve(signature=signature, by=staff_user)
    signature.refresh_from_db()
    assert signature.status == "withdrawn"


def test_approving_a_withdrawn_signature_from_the_staff_page(client, version, staff_user):
    signature = factories.SignatureFactory(version=version, status="withdrawn")
    client.force_login(staff_user)
    response = client.post(
        reverse("charter:moderation_decide", args=[signature.pk]),
        {f"s{signature.pk}-decision": "approve"},
        follow=True,
    )
    assert "Cette signature a été retirée le 1 juin 2020" in response.content.decode()
    signature.refresh_from_db()
    assert signature.status == "withdrawn"


def test_withdrawal_keeps_history_with_date_and_reason(
    version, staff_user, django_capture_on_commit_callbacks
):
    signature = factories.SignatureFactory(version=version)
    with pytest.raises(ValidationError):
        services.signature_withdraw(signature=signature, by=staff_user, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        services.signature_withdraw(
            signature=signature, by=staff_user, reason="Dissolution de l'association."
        )
    signature.refresh_from_db()
    assert signature.status == "withdrawn" and signature.withdrawn_on is not None
    assert signature.withdrawal_reason == "Dissolution de l'association."
    assert signature.signed_on is not None  # the original signature date stays
    with pytest.raises(ValidationError, match="déjà « retirée »"):
        services.signature_withdraw(signature=signature, by=staff_user, reason="Encore")


def test_moderation_is_for_staff_only(client, version, user):
    assert client.get(reverse("charter:moderation")).status_code == 302
    client.force_login(user)
    assert client.get(reverse("charter:moderation")).status_code == 403
    signature = factories.SignatureFactory(version=version, status="requested", signed_on=None)
    response = client.post(
        reverse("charter:moderation_decide", args=[signature.pk]), {f"s{signature.pk}-decision": "approve"}
    )
    assert response.status_code == 403
    signature.refresh_from_db()
    assert signature.status == "requested"
    with pytest.raises(PermissionDenied):
        services.signature_approve(signature=signature, by=user)


def test_new_version_adopted_then_signatories_invited_once(
    client, staff_user, django_capture_on_commit_callbacks
):
    v1 = make_version(number=1, articles=2)
    signed = factories.SignatureFactory(
        version=v1, association=factories.AssociationFactory(name="Secours populaire", email="sp@example.org")
    )
    factories.SignatureFactory(version=v1, status="withdrawn")  # not a signatory any more
    v2 = make_version(
        number=2, current=False, adopted_on=None, articles=3, changes_summary="Un article sur le numérique."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.version_adopt(version=v2, by=staff_user)
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert v2.is_current and v2.adopted_on is not None and not v1.is_current

    client.force_login(staff_user)
    assert (
        "1 structure signataire d'une version précédente"
        in client.get(reverse("charter:moderation")).content.decode()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("charter:moderation_invite"))
    assert [m.to for m in mail.outbox] == [["sp@example.org"]]
    assert "version 2" in mail.outbox[0].subject
    assert "Un article sur le numérique." in mail.outbox[0].body
    assert SignatureInvitation.objects.filter(version=v2, association=signed.association).exists()
    # Asking again does not e-mail twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.signatories_invite_to_resign(version=v2, by=staff_user) == 0
    assert len(mail.outbox) == 1
    # The old signature still counts until withdrawn: history is kept.
    assert Signature.objects.get(pk=signed.pk).status == "signed"


def test_only_the_current_version_can_be_signed(version, staff_user):
    draft = make_version(number=2, current=False, adopted_on=None)
    association = factories.AssociationFactory()
    with pytest.raises(ValidationError, match="Seule la version en vigueur"):
        services.signature_request(
            user=association_admin(association),
            association=association,
            version=draft,
            representative_name="A",
            representative_role="B",
            acknowledged_articles=[1, 2],
        )


def test_withdrawing_ends_older_signatures_but_cancelling_a_request_does_not(staff_user):
    v1 = make_version(number=1, current=False)
    v2 = make_version(number=2)
    leaving = factories.SignatureFactory(version=v1)
    factories.SignatureFactory(version=v2, association=leaving.association)
    staying = factories.SignatureFactory(version=v1)
    request = factories.SignatureFactory(
        version=v2, association=staying.association, status="requested", signed_on=None
    )
    assert signatory_count() == 2
    services.signature_withdraw(
        signature=Signature.objects.get(version=v2, association=leaving.association),
        by=staff_user,
        reason="Fin de l'activité.",
    )
    assert set(
        Signature.objects.filter(association=leaving.association).values_list("status", flat=True)
    ) == {"withdrawn"}
    services.signature_withdraw(signature=request, by=staff_user, reason="Demande en double.")
    assert Signature.objects.get(pk=staying.pk).status == "signed"
    assert signatory_count() == 1
