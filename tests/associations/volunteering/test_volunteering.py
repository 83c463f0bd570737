"""Bénévolat: public missions, expressions of interest, missions managed by members."""

from __future__ import annotations

import html

import pytest
from django.core import mail

from associations.volunteering.models import VolunteerInterest, VolunteerMission
from tests.associations.factories import VolunteerMissionFactory, VolunteerSkillFactory
from tests.factories import AssociationFactory, MembershipFactory

pytestmark = pytest.mark.django_db

INDEX = "/benevolat/"


def interest_data(**overrides) -> dict:
    data = {
        "name": "Camille Martin",
        "email": "camille@example.org",
        "message": "Je suis disponible le mardi.",
        "consent": "on",
        "site_web": "",
    }
    data.update(overrides)
    return data


def titles(response) -> list[str]:
    return [mission.title for mission in response.context["page_obj"]]


# --- public list -----------------------------------------------------------------------------
def test_index_lists_open_missions_and_links_france_benevolat(client):
    VolunteerMissionFactory(
        title="Distribution du mardi", association=AssociationFactory(name="Restos du cœur")
    )
    VolunteerMissionFactory(title="Mission close", status="closed", closed_at="2026-01-01T10:00:00+01:00")
    VolunteerMissionFactory(title="Structure en brouillon", association=AssociationFactory(status="draft"))
    response = client.get(INDEX)
    content = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == ["Distribution du mardi"]
    assert "Restos du cœur" in content
    assert "France Bénévolat Sarthe" in content and 'href="tel:+33243875040"' in content


def test_index_filters_by_quartier_and_skill(client):
    cooking = VolunteerSkillFactory(label="Cuisine")
    VolunteerMissionFactory(title="Repas partagé", quartier="sablons", skills=[cooking])
    VolunteerMissionFactory(title="Accueil", quartier="sablons")
    VolunteerMissionFactory(title="Maraude", quartier="centre", skills=[cooking])
    assert titles(client.get(INDEX, {"quartier": "sablons"})) == ["Accueil", "Repas partagé"]
    assert titles(client.get(INDEX, {"competence": "cuisine"})) == ["Maraude", "Repas partagé"]
    assert titles(client.get(INDEX, {"quartier": "sablons", "competence": "cuisine"})) == ["Repas partagé"]


@pytest.mark.parametrize(
    "params",
    [
        {"quartier": "atlantide"},
        {"competence": "voler"},
        {"page": "-1"},
        {"competence": "<script>x</script>"},
    ],
)
def test_unknown_filter_values_never_fail(client, params):
    VolunteerMissionFactory(title="Accueil")
    response = client.get(INDEX, params)
    assert response.status_code == 200
    assert titles(response) == ["Accueil"]
    assert "<script>x</script>" not in response.content.decode()


def test_index_is_paginated_with_a_fixed_query_count(client, django_assert_max_num_queries):
    skill = VolunteerSkillFactory(label="Accueil")
    VolunteerMissionFactory.create_batch(3, skills=[skill])
    client.get(INDEX)  # warm the footer's cache
    with django_assert_max_num_queries(8) as small:
        client.get(INDEX, {"competence": "accueil"})
    VolunteerMissionFactory.create_batch(30, skills=[skill])
    with django_assert_max_num_queries(8) as large:
        response = client.get(INDEX, {"competence": "accueil"})
    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(response.context["page_obj"]) == 20
    assert "competence=accueil&amp;page=2" in response.content.decode()


# --- expression of interest ------------------------------------------------------------------
def test_interest_is_saved_and_emailed_to_the_structure(client, django_capture_on_commit_callbacks):
    mission = VolunteerMissionFactory(
        title="Accueil à l'épicerie",
        association=AssociationFactory(name="Épicerie des Sablons", email="contact@epicerie.fr"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(mission.get_absolute_url(), interest_data(), follow=True)
    assert "votre proposition a bien été envoyée à Épicerie des Sablons" in response.content.decode()
    interest = VolunteerInterest.objects.get()
    assert (interest.name, interest.email, interest.mission) == (
        "Camille Martin",
        "camille@example.org",
        mission,
    )
    assert len(mail.outbox) == 2  # to the structure, and the acknowledgement to the volunteer
    sent = mail.outbox[0]
    assert sent.to == ["contact@epicerie.fr"]
    assert "Accueil à l'épicerie" in sent.subject
    assert "camille@example.org" in sent.body and "Je suis disponible le mardi." in sent.body


def test_interest_goes_to_admins_then_to_the_ccas(client, settings, django_capture_on_commit_callbacks):
    with_admin = AssociationFactory(email="")
    admin = MembershipFactory(association=with_admin, role="admin", status="approved").user
    MembershipFactory(association=with_admin, role="member", status="approved")
    orphan = AssociationFactory(email="")
    for association in (with_admin, orphan):
        mission = VolunteerMissionFactory(association=association)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(mission.get_absolute_url(), interest_data())
    to_structures = [m for m in mail.outbox if m.to != ["camille@example.org"]]
    assert [m.to for m in to_structures] == [[admin.email], [settings.CCAS_CONTACT_EMAIL]]
    assert "merci de le transmettre" in to_structures[1].body


def test_missing_consent_is_refused_and_the_form_keeps_what_was_typed(client):
    mission = VolunteerMissionFactory()
    response = client.post(mission.get_absolute_url(), interest_data(consent=""))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Cochez cette case" in content
    assert 'value="Camille Martin"' in content and "Je suis disponible le mardi." in content
    assert not VolunteerInterest.objects.exists() and mail.outbox == []


def test_invalid_email_is_refused(client):
    mission = VolunteerMissionFactory()
    response = client.post(mission.get_absolute_url(), interest_data(email="camille@"))
    assert "Saisissez une adresse e-mail valide" in response.content.decode()
    assert not VolunteerInterest.objects.exists()


def test_service_refuses_without_consent_even_if_called_directly():
    from django.core.exceptions import ValidationError

    from associations.volunteering.services import interest_submit

    with pytest.raises(ValidationError):
        interest_submit(
            mission=VolunteerMissionFactory(),
            name="A",
            email="a@example.org",
            message="Bonjour",
            consent=False,
        )
    assert not VolunteerInterest.objects.exists()


def test_closed_mission_takes_no_interest(client):
    mission = VolunteerMissionFactory(status="closed", closed_at="2026-01-01T10:00:00+01:00")
    assert client.post(mission.get_absolute_url(), interest_data()).status_code == 404
    assert not VolunteerInterest.objects.exists()


def test_honeypot_filled_pretends_success_but_keeps_and_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    mission = VolunteerMissionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            mission.get_absolute_url(), interest_data(site_web="http://spam.example"), follow=True
        )
    assert "bien été envoyée" in response.content.decode()
    assert not VolunteerInterest.objects.exists() and mail.outbox == []


def test_honeypot_is_hidden_from_people(client):
    content = client.get(VolunteerMissionFactory().get_absolute_url()).content.decode()
    assert '<div class="hp-field" aria-hidden="true">' in content
    assert 'name="site_web"' in content and 'tabindex="-1"' in content


def test_too_many_proposals_from_one_address_are_refused(client, settings):
    mission = VolunteerMissionFactory()
    for n in range(5):
        response = client.post(mission.get_absolute_url(), interest_data(email=f"p{n}@example.org"))
        assert response.status_code == 302
    response = client.post(mission.get_absolute_url(), interest_data(email="p6@example.org"))
    assert response.status_code == 429
    assert "Trop de propositions" in response.content.decode()
    assert VolunteerInterest.objects.count() == 5
    # Another address is not affected.
    other = client.post(
        mission.get_absolute_url(), interest_data(email="autre@example.org"), REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302 and VolunteerInterest.objects.count() == 6


def test_html_in_text_fields_is_escaped(client, django_capture_on_commit_callbacks):
    association = AssociationFactory()
    mission = VolunteerMissionFactory(
        association=association, title="<i>Accueil</i>", description="<script>alert('x')</script>"
    )
    member = MembershipFactory(association=association, status="approved").user
    for url in [INDEX, mission.get_absolute_url()]:
        content = client.get(url).content.decode()
        assert "<script>alert" not in content and "<i>Accueil</i>" not in content
        assert "&lt;i&gt;Accueil&lt;/i&gt;" in content
    client.post(
        mission.get_absolute_url(), interest_data(message="<script>alert('y')</script>", name="<b>Bob</b>")
    )
    client.force_login(member)
    content = client.get(f"/benevolat/structures/{association.slug}/").content.decode()
    assert "<script>alert('y')" not in content and "&lt;b&gt;Bob&lt;/b&gt;" in content


# --- members manage their missions -----------------------------------------------------------
def mission_form(**overrides) -> dict:
    data = {
        "title": "Aide aux devoirs",
        "description": "Accompagner des collégiens.",
        "skills": "Soutien scolaire, écoute ; Soutien  scolaire",
        "quartier": "maillets",
        "time_commitment": "Le mercredi après-midi",
    }
    data.update(overrides)
    return data


def test_member_creates_edits_closes_and_reopens_a_mission(client, association, member_of):
    client.force_login(member_of(association))
    base = f"/benevolat/structures/{association.slug}/"
    response = client.post(base + "nouvelle/", mission_form())
    assert response.status_code == 302
    mission = VolunteerMission.objects.get()
    assert (mission.association, mission.status, mission.quartier) == (association, "published", "maillets")
    assert sorted(mission.skills.values_list("label", flat=True)) == ["Soutien scolaire", "écoute"]
    assert "Aide aux devoirs" in client.get(INDEX).content.decode()

    edit = client.get(base + f"{mission.pk}/modifier/").content.decode()
    assert 'value="Soutien scolaire, écoute"' in edit  # current values pre-filled
    client.post(
        base + f"{mission.pk}/modifier/", mission_form(title="Aide aux devoirs (CM2)", skills="Patience")
    )
    mission.refresh_from_db()
    assert mission.title == "Aide aux devoirs (CM2)"
    assert list(mission.skills.values_list("label", flat=True)) == ["Patience"]

    client.post(base + f"{mission.pk}/cloturer/")
    mission.refresh_from_db()
    assert mission.status == "closed" and mission.closed_at is not None
    assert titles(client.get(INDEX)) == []
    assert client.get(mission.get_absolute_url()).status_code == 404

    client.post(base + f"{mission.pk}/rouvrir/")
    mission.refresh_from_db()
    assert mission.status == "published" and mission.closed_at is None


def test_mission_form_errors_are_french_and_keep_input(client, association, member_of):
    client.force_login(member_of(association))
    url = f"/benevolat/structures/{association.slug}/nouvelle/"
    response = client.post(
        url, mission_form(title="", skills=", ".join(f"compétence {n}" for n in range(12)))
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in content
    assert "Accompagner des collégiens." in content
    response = client.post(url, mission_form(skills=", ".join(f"c{n}" for n in range(12))))
    assert "au plus 10 compétences" in response.content.decode()
    assert not VolunteerMission.objects.exists()


def test_non_members_cannot_manage_missions(client, association, user):
    mission = VolunteerMissionFactory(association=association)
    base = f"/benevolat/structures/{association.slug}/"
    anonymous = client.get(base + "nouvelle/")
    assert anonymous.status_code == 302 and "/comptes/login/" in anonymous.url
    client.force_login(user)
    assert client.get(base).status_code == 403
    assert client.post(base + "nouvelle/", mission_form()).status_code == 403
    assert client.post(base + f"{mission.pk}/cloturer/").status_code == 403
    # A member of another structure cannot touch this one's mission through its own URL.
    other = AssociationFactory()
    MembershipFactory(user=user, association=other, status="approved")
    assert client.post(f"/benevolat/structures/{other.slug}/{mission.pk}/cloturer/").status_code == 404
    mission.refresh_from_db()
    assert mission.status == "published"
    assert VolunteerMission.objects.count() == 1


def test_pending_member_cannot_manage(client, association):
    pending = MembershipFactory(association=association, status="requested").user
    client.force_login(pending)
    assert client.get(f"/benevolat/structures/{association.slug}/").status_code == 403


def test_ccas_staff_can_manage_any_structure(client, association, staff_user):
    client.force_login(staff_user)
    response = client.post(f"/benevolat/structures/{association.slug}/nouvelle/", mission_form())
    assert response.status_code == 302
    assert VolunteerMission.objects.get().created_by == staff_user


def test_members_see_proposals_and_a_link_from_the_index(client, association, member_of):
    mission = VolunteerMissionFactory(association=association, title="Accueil")
    client.post(mission.get_absolute_url(), interest_data())
    client.force_login(member_of(association))
    index = client.get(INDEX).content.decode()
    assert f'href="/benevolat/structures/{association.slug}/"' in index
    manage = client.get(f"/benevolat/structures/{association.slug}/").content.decode()
    assert "Camille Martin" in manage and "camille@example.org" in manage


def test_the_volunteer_receives_an_acknowledgement(client, settings, django_capture_on_commit_callbacks):
    mission = VolunteerMissionFactory(
        title="Accueil", association=AssociationFactory(email="asso@example.org")
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(mission.get_absolute_url(), interest_data())
    [ack] = [m for m in mail.outbox if m.to == ["camille@example.org"]]
    assert "Votre proposition de bénévolat : Accueil" in ack.subject
    assert f"://{settings.SITE_DOMAIN}{mission.get_absolute_url()}" in ack.body
    assert "Je suis disponible le mardi." in ack.body


def test_a_second_identical_interest_within_a_day_is_recognised(client, django_capture_on_commit_callbacks):
    mission = VolunteerMissionFactory(association=AssociationFactory(email="asso@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(mission.get_absolute_url(), interest_data())
        response = client.post(
            mission.get_absolute_url(), interest_data(email="Camille@Example.org"), follow=True
        )
    assert "Vous avez déjà proposé votre aide pour cette mission" in html.unescape(response.content.decode())
    assert VolunteerInterest.objects.count() == 1
    assert len(mail.outbox) == 2  # one to the structure, one acknowledgement: nothing twice
