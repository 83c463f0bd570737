"""A card change waiting for the CCAS is shown by the card form, and saving again edits it
instead of stacking a second identical request."""

from __future__ import annotations

import re

import pytest

from associations.structures.models import ChangeProposal

from .test_selfservice import CARD, moderation

pytestmark = pytest.mark.django_db


def test_the_form_shows_the_pending_change_and_saving_edits_it(client, association, member_of, staff_user):
    moderation(True)
    client.force_login(member_of(association))
    url = f"/annuaire/{association.slug}/espace/fiche/"
    client.post(url, {**CARD, "phone": "02 43 11 11 11"})
    assert ChangeProposal.objects.count() == 1

    page = client.get(url).content.decode()
    assert 'data-testid="pending-change"' in page
    assert "attend la validation du CCAS" in page
    assert 'value="02 43 11 11 11"' in page  # the pending value, not the published one

    client.post(url, {**CARD, "phone": "02 43 11 11 11", "city": "Allonnes"})
    (proposal,) = ChangeProposal.objects.all()
    assert proposal.payload["phone"] == "02 43 11 11 11" and proposal.payload["city"] == "Allonnes"

    space = client.get(f"/annuaire/{association.slug}/espace/").content.decode()
    assert len(re.findall(r"Fiche de la structure — ", space)) == 1

    client.force_login(staff_user)
    client.post(f"/annuaire/suivi/modifications/{proposal.pk}/", {"decision": "approve"})
    association.refresh_from_db()
    assert (association.phone, association.city) == ("02 43 11 11 11", "Allonnes")
