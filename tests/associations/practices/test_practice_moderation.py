"""A change to a published practice waits for the CCAS, as card changes do (issue 19.5): the
published text stays online (page, list, search) until staff publish the change; the member
edits the waiting change again rather than stacking another; staff may refuse it."""

from __future__ import annotations

from html import unescape

import pytest

from associations.practices.models import Practice
from associations.structures.models import DirectorySettings
from solidaire.core.worklist import pending_work_for
from tests import factories
from tests.associations.factories import PracticeFactory

from .test_practices import CARD

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(db):
    association = factories.AssociationFactory(name="Manou Partages")
    return PracticeFactory(association=association, title="Un jardin partagé", slug="un-jardin-partage")


def _edit(client, practice, **changes):
    return client.post(
        f"/annuaire/{practice.association.slug}/espace/pratiques/{practice.pk}/",
        {**CARD, "title": practice.title, **changes},
    )


def test_a_member_change_keeps_the_published_version_online_until_staff_publish_it(
    client, member_of, staff_user, published
):
    member = member_of(published.association)
    client.force_login(member)
    response = _edit(client, published, response="Un texte non relu par le CCAS.")
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.status == "published"
    assert published.response == "Des collectifs d'habitants repèrent et accompagnent les personnes isolées."
    assert published.pending_changes["response"] == "Un texte non relu par le CCAS."

    client.logout()
    public = unescape(client.get("/annuaire/pratiques/un-jardin-partage/").content.decode())
    assert "Un texte non relu par le CCAS." not in public
    assert "Des collectifs d'habitants repèrent" in public
    assert "attend la validation" not in public
    assert "Un texte non relu" not in unescape(client.get("/annuaire/pratiques/?q=relu").content.decode())

    # The member sees it waiting and edits that change again (no second one stacked).
    client.force_login(member)
    page = unescape(client.get("/annuaire/pratiques/un-jardin-partage/").content.decode())
    assert "Une modification attend la validation du CCAS" in page
    form = unescape(
        client.get(
            f"/annuaire/{published.association.slug}/espace/pratiques/{published.pk}/"
        ).content.decode()
    )
    assert "Un texte non relu par le CCAS." in form
    _edit(client, published, response="Un texte relu deux fois.")
    published.refresh_from_db()
    assert published.pending_changes["response"] == "Un texte relu deux fois."

    client.force_login(staff_user)
    lines = [w for w in pending_work_for(staff_user) if "pratiques inspirantes" in w.label]
    assert [(w.count, w.url) for w in lines] == [(1, "/annuaire/pratiques/un-jardin-partage/")]
    staff_page = unescape(client.get("/annuaire/pratiques/un-jardin-partage/").content.decode())
    assert '<th scope="row">Réponse</th>' in staff_page and "Un texte relu deux fois." in staff_page
    client.post("/annuaire/pratiques/un-jardin-partage/decision/", {"decision": "approve_change"})
    published.refresh_from_db()
    assert published.response == "Un texte relu deux fois." and published.pending_changes is None
    client.logout()
    assert "Un texte relu deux fois." in unescape(
        client.get("/annuaire/pratiques/un-jardin-partage/").content.decode()
    )


def test_staff_refuse_a_change_and_the_published_version_stays(client, member_of, staff_user, published):
    client.force_login(member_of(published.association))
    _edit(client, published, title="Un titre racoleur")
    client.force_login(staff_user)
    client.post("/annuaire/pratiques/un-jardin-partage/decision/", {"decision": "reject_change"})
    published.refresh_from_db()
    assert published.title == "Un jardin partagé" and published.pending_changes is None


def test_staff_edits_and_unmoderated_structures_apply_at_once(client, member_of, staff_user, published):
    client.force_login(staff_user)
    _edit(client, published, response="Corrigé par le CCAS.")
    assert Practice.objects.get(pk=published.pk).response == "Corrigé par le CCAS."
    DirectorySettings.objects.update_or_create(pk=1, defaults={"moderate_member_changes": False})
    client.force_login(member_of(published.association))
    _edit(client, published, response="Corrigé par la structure.")
    assert Practice.objects.get(pk=published.pk).response == "Corrigé par la structure."


def test_a_refused_change_is_reshown_and_nothing_waits(client, member_of, published):
    client.force_login(member_of(published.association))
    response = _edit(client, published, response="<script>alert(1)</script>")
    assert response.status_code == 200
    assert "balises HTML" in unescape(response.content.decode())
    published.refresh_from_db()
    assert published.pending_changes is None
