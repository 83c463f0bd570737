"""Nobody gets into another person's registration (issue 18): the double opt-in holds for
signed-in people too, badges carry a check-in code and not the private key, and the private
link follows the edition's rules (changes until registration closes, cancellation until the
eve, a cancelled registration's link shows its status and « my data » only)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from congress.editions.models import CongressEdition
from congress.privacy.services import registration_anonymise
from congress.registrations.documents import attendee_badge_pdf
from congress.registrations.models import Booking, BookingStatus, Registration, RegistrationStatus
from congress.registrations.services import registration_confirm
from congress.staff.documents import BadgesRenderer
from solidaire.core.text.french import format_date
from tests import factories
from tests.conftest import require_service
from tests.congress.factories import programme, register

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def _form(p, **overrides) -> dict:
    data = {
        "civility": "mme",
        "last_name": "Prête-nom",
        "first_name": "Choisi",
        "email": "victime@example.org",
        "organisation": "Rien à voir",
        "organisation_kind": "association",
        "city": "Ailleurs",
        "country": "France",
        "days": [str(p["day1"].pk)],
        f"slot_{p['day1'].date:%Y%m%d}_1000": str(p["w1"].pk),
        "accept_waiting_list": "on",
        "consent_processing": "on",
        "consent_public_list": "on",
    }
    data.update(overrides)
    return data


def _text(response) -> str:
    """The words of a page as read (tags out, entities and no-break spaces resolved)."""
    markup = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(markup).replace("\u00a0", " ").replace("\u202f", " ").split())


def _link(body: str, suffix: str = "") -> str:
    return re.search(rf"https?://[^/\s]+(/congres/inscription/[\w-]+/{suffix})", body).group(1)


# --- 1. Double opt-in for everyone ----------------------------------------------------------
def test_a_signed_in_user_registering_someone_elses_address_gets_no_way_in(
    client, django_capture_on_commit_callbacks
):
    p = programme()
    attacker = factories.UserFactory(email="attaquant@example.org")
    client.force_login(attacker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("congress:register", args=[p["edition"].year]), _form(p))
    assert response.status_code == 302
    registration = Registration.objects.get(email="victime@example.org")
    assert registration.user is None  # the address is not verified on the attacker's account
    assert registration.status == RegistrationStatus.PENDING

    # Neither the page after the form nor « Mon espace » hands over the private link.
    assert registration.token not in client.get(response["Location"]).content.decode()
    account = client.get("/mon-espace/").content.decode()
    assert registration.token not in account and p["edition"].title not in account

    # The only way in is the link mailed to the address itself.
    (message,) = mail.outbox
    assert message.to == ["victime@example.org"]
    assert registration.token in message.body
    assert registration.token not in json.dumps([m.body for m in mail.outbox if m.to != message.to])


def test_the_address_owner_can_still_register_with_their_own_data_and_confirm(
    client, django_capture_on_commit_callbacks
):
    p = programme()
    attacker = factories.UserFactory(email="attaquant@example.org")
    client.force_login(attacker)
    client.post(reverse("congress:register", args=[p["edition"].year]), _form(p))
    planted = Registration.objects.get(email="victime@example.org")
    client.logout()
    mail.outbox.clear()

    # The owner registers (not « déjà inscrite »): the unconfirmed registration gives way…
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("congress:register", args=[p["edition"].year]),
            _form(p, first_name="Vraie", last_name="Personne", organisation="CCAS du Mans"),
        )
    assert response.status_code == 302
    planted.refresh_from_db()
    assert planted.status == RegistrationStatus.EXPIRED
    assert not Booking.objects.filter(registration=planted, status=BookingStatus.PLACE).exists()
    own = Registration.objects.get(email="victime@example.org", status=RegistrationStatus.PENDING)
    assert own.first_name == "Vraie"

    # …and their own e-mail link confirms it; the public list shows their name, not the planted one.
    (own_mail,) = [m for m in mail.outbox if own.token in m.body]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_link(own_mail.body, "confirmer/"))
    own.refresh_from_db()
    assert own.status == RegistrationStatus.CONFIRMED
    participants = _text(client.get(reverse("congress:participants", args=[p["edition"].year])))
    assert "Vraie" in participants and "Prête-nom" not in participants
    # The planted registration's link confirms nothing any more.
    response = client.post(reverse("congress:registration_confirm", args=[planted.token]))
    assert response.status_code == 400 and "a expiré" in _text(response)


def test_a_registration_from_a_verified_address_is_listed_with_its_confirm_button(client):
    p = programme()
    user = factories.UserFactory(email="claire@example.org")
    client.force_login(user)
    client.post(reverse("congress:register", args=[p["edition"].year]), _form(p, email="claire@example.org"))
    registration = Registration.objects.get(email="claire@example.org")
    assert registration.user == user
    assert registration.status == RegistrationStatus.PENDING  # still confirmed by the e-mail's link
    account = client.get("/mon-espace/").content.decode()
    assert reverse("congress:registration_confirm", args=[registration.token]) in account


# --- 2. Badges carry a check-in code ----------------------------------------------------------
def _qr_codes(pdf: bytes, tmp_path) -> list[str]:
    """Decode every QR code of a PDF with outside tools: pdftoppm, then zbarimg."""
    require_service(shutil.which("zbarimg") is not None, "zbarimg (zbar-tools) missing: no QR decoder")
    (tmp_path / "badge.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", tmp_path / "badge.pdf", tmp_path / "page"], check=True)
    found = []
    for image in sorted(tmp_path.glob("page*.png")):
        result = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", image],
            capture_output=True,
            text=True,
        )
        found += result.stdout.split()
    return found


def _pdf_text(pdf: bytes, tmp_path) -> str:
    (tmp_path / "text.pdf").write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", tmp_path / "text.pdf", "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_attendees_badge_qr_code_holds_the_checkin_code_and_no_token(client, tmp_path):
    p = programme()
    registration = register(p, p["w1"])
    registration_confirm(registration=registration)

    response = client.get(reverse("congress:registration_badge", args=[registration.token]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert _qr_codes(pdf, tmp_path) == [registration.checkin_code]
    text = _pdf_text(pdf, tmp_path)
    assert registration.last_name in text
    assert registration.checkin_code in "".join(text.split())  # printed letter-spaced
    assert registration.token not in text and registration.token[:12] not in pdf.decode("latin-1")


def test_the_staff_badge_sheet_qr_codes_hold_no_token(tmp_path):
    p = programme()
    registrations = [register(p, p["w1"]) for _ in range(2)]
    for registration in registrations:
        registration_confirm(registration=registration)
    rendered = BadgesRenderer().render({"year": p["edition"].year}, lambda *args: None)
    codes = _qr_codes(rendered.content, tmp_path)
    assert sorted(codes) == sorted(r.checkin_code for r in registrations)
    assert not any(r.token in code for r in registrations for code in codes)


def test_only_the_attendees_own_badge_and_only_once_confirmed(client):
    p = programme()
    pending = register(p)
    response = client.get(reverse("congress:registration_badge", args=[pending.token]), follow=True)
    assert "disponibles pour une inscription confirmée" in _text(response)
    assert response.redirect_chain[-1][0] == pending.get_absolute_url()


def test_the_checkin_code_or_a_badge_qr_typed_into_the_private_link_is_an_invalid_link(client):
    p = programme()
    registration = register(p)
    registration_confirm(registration=registration)
    for code in (registration.checkin_code, registration.checkin_code.lower(), str(registration.pk)):
        for name in ("registration", "registration_data", "registration_cancel", "registration_badge"):
            response = client.get(reverse(f"congress:{name}", args=[code]))
            assert response.status_code == 404
            assert "Ce lien n'est pas valide" in _text(response)


# --- 2. The private link follows the edition's rules -----------------------------------------
def _edition_closing(p, closes: dt.datetime) -> CongressEdition:
    edition = p["edition"]
    CongressEdition.objects.filter(pk=edition.pk).update(registration_closes_at=closes)
    edition.refresh_from_db()
    return edition


def test_a_cancelled_registrations_link_shows_its_status_and_my_data_only(client):
    p = programme()
    registration = register(p, p["w1"])
    registration_confirm(registration=registration)
    client.post(reverse("congress:registration_cancel", args=[registration.token]))

    page = client.get(registration.get_absolute_url())
    text = _text(page)
    assert "État : Annulée" in text
    assert reverse("congress:registration_data", args=[registration.token]) in page.content.decode()
    assert "Effacer mes données" in text
    for name in ("registration_edit", "registration_cancel", "registration_badge", "proposal_submit"):
        assert reverse(f"congress:{name}", args=[registration.token]) not in page.content.decode()
    assert "Atelier insertion" not in text  # no bookings shown any more

    # Typed by hand, the other pages send back with the reason; nothing changes.
    response = client.post(
        reverse("congress:registration_edit", args=[registration.token]),
        {"days": [p["day1"].pk]},
        follow=True,
    )
    assert "Cette inscription est annulée : elle ne peut plus être modifiée." in _text(response)
    response = client.get(reverse("congress:proposal_submit", args=[registration.token]), follow=True)
    assert "Confirmez d'abord votre inscription" in _text(response)
    data = client.get(reverse("congress:registration_data", args=[registration.token]))
    assert json.loads(data.content)["état"] == "annulée"


def test_changes_stop_when_registration_closes_with_a_french_message(client):
    p = programme()
    year = p["edition"].year
    _edition_closing(p, dt.datetime(year, 1, 20, 18, tzinfo=PARIS))
    registration = register(p, p["w1"])
    registration_confirm(registration=registration)
    with time_machine.travel(dt.datetime(year, 1, 21, 9, tzinfo=PARIS)):
        page = _text(client.get(registration.get_absolute_url()))
        closed = format_date(dt.date(year, 1, 20))
        assert f"Les inscriptions sont closes depuis le {closed} à 18 h" in page
        assert "vos choix ne peuvent plus être modifiés en ligne" in page
        assert "congres@example.org" in page
        response = client.post(
            reverse("congress:registration_edit", args=[registration.token]),
            {"days": [p["day1"].pk], f"slot_{p['day1'].date:%Y%m%d}_1000": str(p["w2"].pk)},
            follow=True,
        )
        assert "Les inscriptions sont closes" in _text(response)
    assert Booking.objects.get(registration=registration, session=p["w1"]).status == BookingStatus.PLACE
    assert not Booking.objects.filter(registration=registration, session=p["w2"]).exists()


def test_cancelling_is_possible_until_the_eve_then_the_team_is_named(client):
    p = programme()
    year = p["edition"].year
    first, second = register(p, p["w1"]), register(p, p["w1"])
    for registration in (first, second):
        registration_confirm(registration=registration)

    with time_machine.travel(dt.datetime(year, 2, 1, 23, 30, tzinfo=PARIS)):  # the eve, late
        client.post(reverse("congress:registration_cancel", args=[first.token]))
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED

    with time_machine.travel(dt.datetime(year, 2, 2, 8, tzinfo=PARIS)):  # the first morning
        page = _text(client.get(second.get_absolute_url()))
        eve = format_date(dt.date(year, 2, 1))
        assert f"L'annulation en ligne était possible jusqu'à la veille du congrès, le {eve}." in page
        response = client.post(reverse("congress:registration_cancel", args=[second.token]), follow=True)
        assert "jusqu'à la veille du congrès" in _text(response)
        second.refresh_from_db()
        assert second.status == RegistrationStatus.CONFIRMED
        # Erasing one's data stays a right at any time.
        client.post(reverse("congress:registration_erase", args=[second.token]))
    second.refresh_from_db()
    assert second.status == RegistrationStatus.CANCELLED and second.anonymised_at is not None


def test_after_the_congress_a_confirmed_link_shows_and_exports_but_changes_nothing(client):
    p = programme()
    year = p["edition"].year
    registration = register(p, p["w1"])
    registration_confirm(registration=registration)
    with time_machine.travel(dt.datetime(year, 2, 10, 12, tzinfo=PARIS)):
        page = client.get(registration.get_absolute_url())
        text = _text(page)
        assert "Le congrès a eu lieu : votre inscription ne peut plus être modifiée." in text
        for name in (
            "registration_edit",
            "registration_cancel",
            "registration_badge",
            "registration_calendar",
        ):
            assert reverse(f"congress:{name}", args=[registration.token]) not in page.content.decode()
        assert client.get(reverse("congress:registration_data", args=[registration.token])).status_code == 200


def test_an_anonymised_registrations_link_leads_nowhere(client):
    p = programme()
    registration = register(p)
    registration_confirm(registration=registration)
    registration_anonymise(registration=registration)
    for name in ("registration", "registration_data", "registration_badge", "registration_calendar"):
        response = client.get(reverse(f"congress:{name}", args=[registration.token]))
        assert response.status_code == 404 and "Ce lien n'est pas valide" in _text(response)


# --- Bad input --------------------------------------------------------------------------------
def test_a_tampered_token_leads_nowhere_on_every_private_page(client):
    p = programme()
    registration = register(p)
    registration_confirm(registration=registration)
    tampered = registration.token[:-1] + ("A" if registration.token[-1] != "A" else "B")
    for name in (
        "registration",
        "registration_confirm",
        "registration_edit",
        "registration_cancel",
        "registration_data",
        "registration_calendar",
        "registration_badge",
        "registration_erase",
        "proposal_submit",
    ):
        send = client.get if name in ("registration_calendar", "registration_badge") else client.post
        response = send(reverse(f"congress:{name}", args=[tampered]))
        assert response.status_code == 404, name
        assert "Ce lien n'est pas valide" in _text(response)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED and registration.anonymised_at is None


def test_ones_own_link_cannot_take_another_persons_offered_place(client):
    p = programme(workshop_capacity=1)
    holder, waiting = register(p, p["w1"]), register(p, p["w1"])
    mine = register(p)
    registration_confirm(registration=mine)
    client.post(reverse("congress:registration_cancel", args=[holder.token]))
    offered = Booking.objects.get(registration=waiting, session=p["w1"])
    assert offered.status == BookingStatus.OFFERED
    response = client.post(reverse("congress:booking_accept", args=[mine.token, offered.pk]))
    assert response.status_code == 404
    offered.refresh_from_db()
    assert offered.status == BookingStatus.OFFERED


def test_the_code_read_from_the_badge_checks_in_at_the_staff_desk_only(client, tmp_path):
    p = programme()
    registration = register(p, p["w1"])
    registration_confirm(registration=registration)
    (code,) = _qr_codes(attendee_badge_pdf(registration), tmp_path)
    checkin = reverse("congress:checkin", args=[p["edition"].year])

    # Not for the public: the check-in page asks to sign in.
    response = client.post(checkin, {"code": code})
    assert response.status_code in (302, 403)
    registration.refresh_from_db()
    assert registration.checked_in_at is None

    client.force_login(factories.StaffUserFactory())
    assert client.post(checkin, {"code": code}).status_code == 200
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_the_admin_never_shows_a_proposal_authors_private_token(client):
    from congress.proposals.services import proposal_submit

    p = programme()
    registration = registration_confirm(registration=register(p))
    proposal = proposal_submit(
        theme=p["theme"], title="Des bus", body="Le dimanche.", registration=registration
    )
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    response = client.get(f"/gestion/congress/proposal/{proposal.pk}/change/")
    assert response.status_code == 200 and "Des bus" in response.content.decode()
    assert registration.token not in response.content.decode()
