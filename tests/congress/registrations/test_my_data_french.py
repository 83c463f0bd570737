"""« Mes données »: the congress registration's JSON download reads in French, keys and values."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from congress.registrations.services import Choices, registration_change, registration_confirm
from tests.congress.factories import programme, register

pytestmark = pytest.mark.django_db


def test_my_data_speaks_french(client):
    p = programme()
    registration = register(p, p["w1"], p["lunch1"], last_name="Durand", first_name="Aïcha")
    registration_confirm(registration=registration)
    # A change of workshop: w1's place is given back, w2's taken.
    registration_change(
        registration=registration,
        choices=Choices(days=[p["day1"]], sessions=[p["w2"], p["lunch1"]], accept_waiting_list=True),
    )

    response = client.get(reverse("congress:registration_data", args=[registration.token]))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content.decode("utf-8"))

    assert data["état"] == "confirmée"
    assert data["nom"] == "Durand" and data["prénom"] == "Aïcha"
    assert data["civilité"] == "Madame"
    assert data["type d'organisme"] == "Association"
    assert data["accord pour le traitement des données"] is True
    assert data["confirmée le"] is not None and data["annulée le"] is None
    assert data["jours de présence"] == [p["day1"].date.isoformat()]
    bookings = {b["intitulé"]: b for b in data["ateliers et repas"]}
    assert bookings["Atelier insertion"] == {
        "intitulé": "Atelier insertion",
        "type": "atelier",
        "état": "place libérée",
    }
    assert bookings["Atelier engagement"]["état"] == "place réservée"
    assert bookings[p["lunch1"].title]["type"] == "déjeuner"
    # No English left, neither in keys nor in values.
    text = response.content.decode("utf-8")
    for english in ("confirmed", "workshop", "lunch", '"place"', "released", "status", "kind", "email"):
        assert english not in text, english
    assert "\\u00e9" not in text  # accents written as such, not escaped
