"""axe-core (WCAG 2.0/2.1 A and AA, what RGAA 4 builds on, plus axe's best practices) on every
key page of the portal filled with the demo data, and form errors tied to their fields. The HTML
each page served is then checked by the Nu HTML Checker (all pages in one vnu run): an HTML
error fails the test too.

Each test loads the demo data (about 3 s: a transactional database is flushed after every test)
and gathers every page's problems before asserting, so one run lists them all.
"""

from __future__ import annotations

import contextlib
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from associations.actions.models import Action
from associations.structures.models import Association, ChangeProposal, Service
from associations.structures.taxonomy import ProposalKind
from associations.volunteering.models import MissionStatus, VolunteerMission
from charter import services as charter_services
from charter.models import CharterVersion
from congress.editions.models import CongressEdition
from events.calendar.models import Edition
from indicators.sheets.models import Sheet, SheetStatus
from solidaire.accounts.models import User
from solidaire.core.demo import DEMO_MEMBER_EMAIL, DEMO_STAFF_EMAIL
from tests import factories
from tests.conftest import require_service

from . import nu
from .axe import BEST_PRACTICE_TAGS, WCAG_TAGS, format_violations, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STRUCTURE = "epicerie-solidaire-des-sablons"  # the demo member administers it

PUBLIC_PAGES = [
    "/",
    "/annuaire/",
    "/annuaire/?q=epicerie&gratuit=on",
    f"/annuaire/{STRUCTURE}/",
    "/annuaire/carte/",
    "/annuaire/imprimer/",
    "/annuaire/actions/",
    "/annuaire/?q=epicrie",
    "/annuaire/?q=jardin",
    "/annuaire/pratiques/",
    "/annuaire/pratiques/?thematique=lien-social",
    "/annuaire/pratiques/essaimage-de-collectifs-engages-solidaires/",
    "/annuaire/conseil-des-usagers/",
    f"/annuaire/{STRUCTURE}/signaler/",
    "/benevolat/",
    "/charte/",
    "/charte/signataires/",
    "/charte/versions/",
    "/charte/versions/?de=1&a=2",
    "/charte/versions/1/",
    "/evenements/",
    "/evenements/?vue=mois",
    "/evenements/?quartier=lune",
    "/evenements/series/le-mans-voyage-le-monde/",
    "/congres/",
    "/congres/2019/",
    "/congres/2024/",
    "/observatoire/",
    "/congres/2024/participants/",
    "/pages/mentions-legales/",
    "/comptes/login/",
    "/comptes/signup/",
    "/comptes/password/reset/",
]

MEMBER_PAGES = [
    "/mon-espace/",
    f"/annuaire/{STRUCTURE}/espace/",
    f"/annuaire/{STRUCTURE}/espace/fiche/",
    f"/annuaire/{STRUCTURE}/espace/services/nouveau/",
    f"/annuaire/{STRUCTURE}/espace/horaires/",
    f"/annuaire/{STRUCTURE}/espace/pratiques/nouvelle/",
    "/annuaire/proposer/",
    f"/benevolat/structures/{STRUCTURE}/",
    f"/benevolat/structures/{STRUCTURE}/nouvelle/",
    "/charte/signer/",
    "/indicateurs/",
    "/evenements/proposer/",
    "/evenements/mes-propositions/",
    f"/indicateurs/structure/{STRUCTURE}/",
    f"/indicateurs/structure/{STRUCTURE}/2026/",
]

STAFF_PAGES = [
    "/mon-espace/",
    "/espace/",
    "/indicateurs/suivi/",
    "/charte/moderation/",
    "/annuaire/suivi/",
    "/annuaire/pratiques/livret/",
    "/observatoire/",
    "/observatoire/rapports/",
    "/observatoire/territoires/",
    "/observatoire/tableau-de-bord/",
    "/evenements/gestion/participations/",
    "/evenements/gestion/propositions/",
]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def _second_charter_version() -> None:
    """The demo has one version; adopting a slightly changed copy gives the comparison page."""
    staff = User.objects.get(email=DEMO_STAFF_EMAIL)
    draft = charter_services.version_duplicate(version=CharterVersion.objects.get(number=1), by=staff)
    section = draft.sections.order_by("number").first()
    section.body += "\n\nUne phrase ajoutée pour la version 2."
    section.save()
    charter_services.version_adopt(version=draft, by=staff)


def _pending_work() -> None:
    """Requests waiting for a decision, so the pages show their decision forms (two of each:
    repeated forms must not repeat ids)."""
    member = User.objects.get(email=DEMO_MEMBER_EMAIL)
    current = CharterVersion.objects.get(is_current=True)
    others = list(Association.objects.exclude(slug=STRUCTURE).order_by("slug")[:2])
    for association in others:
        factories.SignatureFactory(association=association, version=current, status="requested")
        factories.MembershipFactory(association=Association.objects.get(slug=STRUCTURE))
        ChangeProposal.objects.create(
            association=association,
            kind=ProposalKind.CARD,
            payload={"phone": "02 43 00 00 00"},
            proposed_by=member,
        )


def _pending_event_work() -> str:
    """Two applications and two proposals waiting for CCAS staff (repeated decision forms must
    not repeat ids); returns the path of the application form of an edition open to them."""
    from events.participation.models import Participation
    from events.proposals.models import EventProposal

    edition = Edition.objects.filter(participation_open=True).order_by("starts_at").first()
    member = User.objects.get(email=DEMO_MEMBER_EMAIL)
    for association in Association.objects.exclude(slug=STRUCTURE).order_by("slug")[:2]:
        Participation.objects.get_or_create(
            edition=edition, association=association, defaults={"offer": "Un stand.", "people": 2}
        )
        EventProposal.objects.create(
            association=association,
            proposed_by=member,
            title=f"Fête de quartier — {association.name}",
            description="Un repas partagé.",
            starts_at=edition.starts_at,
            ends_at=edition.ends_at,
            venue_name="Square des Sablons",
        )
    return f"/evenements/{edition.slug}/participer/"


def _service_hours_path() -> str:
    """The per-day editor of one of the demo structure's services (its id is the demo's)."""
    service = Service.objects.filter(association__slug=STRUCTURE).order_by("name").first()
    return f"/annuaire/{STRUCTURE}/espace/services/{service.pk}/horaires/"


def sign_in(page, live_server, email: str) -> None:
    """Hand the browser a server-side session (the login form has its own test)."""
    page.context.clear_cookies()
    client = Client()
    client.force_login(User.objects.get(email=email))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def _member_registrations(edition: CongressEdition, day, workshop) -> None:
    """« Mon espace » of the demo member with congress registrations: one to confirm on the next
    edition, and a confirmed one at the 2024 edition (folded under the past editions)."""
    from congress.registrations.models import Registration
    from congress.registrations.services import Choices, registration_create

    member = User.objects.get(email=DEMO_MEMBER_EMAIL)
    personal = {
        "civility": "autre",
        "last_name": "Martin",
        "first_name": "Camille",
        "email": member.email,
        "organisation_kind": "association",
        "city": "Le Mans",
        "country": "France",
        "consent_processing": True,
    }
    registration_create(
        edition=edition, personal=personal, choices=Choices(days=[day], sessions=[workshop]), user=member
    )
    # The services refuse a closed edition: the past registration is written as it stands.
    Registration.objects.create(
        edition=CongressEdition.objects.get(year=2024),
        user=member,
        status="confirmed",
        token="demo-membre-2024",
        checkin_code="DEMO2024",
        **personal,
    )


def _congress_pages() -> tuple[list[str], list[str]]:
    """The demo's next edition with a confirmed registration: its public and private pages, and
    its staff pages."""
    from congress.registrations.services import Choices, registration_confirm, registration_create

    edition = CongressEdition.objects.get(number=3)
    day = edition.days.order_by("date").first()
    workshop = day.sessions.filter(kind="workshop").order_by("pk").first()
    registration = registration_create(
        edition=edition,
        personal={
            "civility": "mme",
            "last_name": "Lefèvre",
            "first_name": "Hélène",
            "email": "helene@example.org",
            "organisation_kind": "centre_social",
            "city": "Le Mans",
            "country": "France",
            "consent_processing": True,
            "consent_public_list": True,
        },
        choices=Choices(days=[day], sessions=[workshop]),
    )
    registration_confirm(registration=registration)
    _member_registrations(edition, day, workshop)
    token, year = registration.token, edition.year
    public = [
        f"/congres/{year}/",
        f"/congres/{year}/inscription/",
        f"/congres/{year}/inscription/envoyee/",
        f"/congres/{year}/participants/",
        f"/congres/inscription/{token}/",
        f"/congres/inscription/{token}/confirmer/",
        f"/congres/inscription/{token}/modifier/",
        f"/congres/inscription/{token}/annuler/",
        f"/congres/inscription/{token}/effacer/",
        f"/congres/inscription/{token}/proposer/",
    ]
    staff = [
        f"/congres/{year}/gestion/",
        f"/congres/{year}/gestion/message/",
        f"/congres/{year}/accueil/?q=lefevre",
        "/congres/2024/propositions/",
    ]
    return public, staff


def check_axe(page, label: str, found: dict[str, str]) -> None:
    violations = run_axe(page, tags=WCAG_TAGS + BEST_PRACTICE_TAGS)
    if violations:
        found[label] = format_violations(violations, url=label)


def visit(page, live_server, path: str, found: dict[str, str], served: dict[str, str] | None = None) -> None:
    response = page.goto(live_server.url + path)
    assert response.status == 200, f"{path} answered {response.status}"
    check_axe(page, path, found)
    if served is not None:
        served[f"{path} ({len(served) + 1})"] = response.text()


def check_html(served: dict[str, str]) -> None:
    """The Nu HTML Checker over every page served (skipped, with its reason, without Java; a
    failure under CI)."""
    reason = nu.missing_reason()
    require_service(reason is None, reason or "")
    errors = nu.html_errors(served)
    assert not errors, "Nu HTML Checker:\n" + nu.format_errors(errors)


def unlinked_errors(page) -> list[str]:
    """Every field error must be named by its field's aria-describedby, and the field flagged
    aria-invalid, so a screen reader reads the message when the field gets focus."""
    return page.evaluate(
        """() => {
            const problems = [];
            const described = [...document.querySelectorAll('[aria-describedby]')];
            document.querySelectorAll('main .field-error').forEach(error => {
                const text = error.textContent.trim();
                if (!error.id) { problems.push(`error without an id: ${text}`); return; }
                const fields = described.filter(
                    f => f.getAttribute('aria-describedby').split(/\\s+/).includes(error.id));
                if (!fields.length) problems.push(`no field refers to #${error.id} (${text})`);
                fields.filter(f => f.getAttribute('aria-invalid') !== 'true')
                    .forEach(f => problems.push(`#${f.id} is not aria-invalid (${text})`));
            });
            return problems;
        }"""
    )


def check_errors(page, label: str, found: dict[str, str]) -> None:
    # The refused POST's answer may still be on its way after the click (a busy machine):
    # wait for it before judging, `is_visible()` alone does not wait.
    first_error = page.locator("main .field-error").first
    with contextlib.suppress(PlaywrightTimeout):
        first_error.wait_for(state="visible", timeout=10_000)
    assert first_error.is_visible(), f"{label}: no error shown"
    problems = unlinked_errors(page)
    if problems:
        found[f"{label} (erreurs)"] = f"{label}: " + "; ".join(problems)
    check_axe(page, label, found)


def test_key_pages_have_no_axe_violations(live_server, browser_page, demo):
    _second_charter_version()
    _pending_work()
    action = Action.objects.order_by("pk").first()
    mission = VolunteerMission.objects.filter(status=MissionStatus.PUBLISHED).order_by("pk").first()
    event = Edition.objects.filter(series__slug="le-mans-voyage-le-monde").order_by("-starts_at").first()
    reviewed = Sheet.objects.filter(status=SheetStatus.VALIDATED).select_related("association", "campaign")
    reviewed = reviewed.order_by("-campaign__year", "association__slug").first()
    congress_public, congress_staff = _congress_pages()
    page = browser_page
    found: dict[str, str] = {}
    served: dict[str, str] = {}

    for path in [
        *PUBLIC_PAGES,
        *congress_public,
        action.get_absolute_url(),
        mission.get_absolute_url(),
        event.get_absolute_url(),
    ]:
        visit(page, live_server, path, found, served)
    assert page.get_by_role("heading", level=1).inner_text() == event.title
    # The main menu marks the section's own page as "page", the pages inside it as "true".
    menu = page.get_by_role("navigation", name="Navigation principale")
    assert menu.get_by_role("link", name="Événements").get_attribute("aria-current") == "true"
    page.goto(live_server.url + "/annuaire/")
    assert menu.get_by_role("link", name="Annuaire").get_attribute("aria-current") == "page"
    assert menu.get_by_role("link", name="Charte").get_attribute("aria-current") is None
    assert page.goto(live_server.url + "/annuaire/nexiste-pas/").status == 404
    check_axe(page, "page 404", found)

    apply_path = _pending_event_work()
    sign_in(page, live_server, DEMO_MEMBER_EMAIL)
    for path in [*MEMBER_PAGES, apply_path, _service_hours_path()]:
        visit(page, live_server, path, found, served)

    # « Mon espace » lists the member's congress registrations; the past ones unfold.
    page.goto(live_server.url + "/mon-espace/")
    congress = page.get_by_role("region", name="Mes inscriptions au congrès")
    assert congress.get_by_role("link", name="Confirmer mon inscription").is_visible()
    congress.get_by_text("Inscriptions aux éditions passées (1)").click()
    assert congress.get_by_role("heading", level=3).count() == 2
    check_axe(page, "/mon-espace/ (éditions passées dépliées)", found)

    # A list of checkboxes is a group named by its legend (a lone <label> names nothing).
    page.goto(live_server.url + f"/annuaire/{STRUCTURE}/espace/services/nouveau/")
    assert page.get_by_role("group", name="Thématiques").get_by_role("checkbox").count() > 3

    sign_in(page, live_server, DEMO_STAFF_EMAIL)
    review = f"/indicateurs/suivi/{reviewed.campaign.year}/{reviewed.association.slug}/"
    for path in [*STAFF_PAGES, *congress_staff, review]:
        visit(page, live_server, path, found, served)
    assert reviewed.association.name in page.get_by_role("heading", level=1).inner_text()
    page.goto(live_server.url + "/charte/moderation/")
    decisions = page.get_by_role("group", name="Décision")
    assert decisions.count() == 2
    assert decisions.first.get_by_role("radio", name="Valider la signature").is_visible()

    assert not found, "\n\n".join(found.values())
    check_html(served)


def test_form_errors_are_tied_to_their_fields(live_server, browser_page, demo):
    mission = VolunteerMission.objects.filter(status=MissionStatus.PUBLISHED).order_by("pk").first()
    page = browser_page
    found: dict[str, str] = {}

    page.goto(live_server.url + "/comptes/signup/")
    page.get_by_label("Prénom et nom").fill("Nouvelle Personne")
    page.get_by_label("Courriel").fill("nouvelle@example.org")
    page.locator("#id_password1").fill("court")
    page.locator("#id_password2").fill("autre")
    page.get_by_role("button", name="Création de compte").click()
    check_errors(page, "/comptes/signup/ (envoi erroné)", found)

    page.goto(live_server.url + mission.get_absolute_url())
    # The browser's own checks are switched off to reach the server's messages.
    page.evaluate("() => document.querySelectorAll('main form').forEach(f => f.noValidate = true)")
    page.get_by_role("button", name="Envoyer ma proposition").click()
    check_errors(page, f"{mission.get_absolute_url()} (envoi erroné)", found)

    page.goto(live_server.url + "/annuaire/conseil-des-usagers/")
    page.get_by_role("button", name="Envoyer ma demande").click()
    check_errors(page, "/annuaire/conseil-des-usagers/ (envoi erroné)", found)

    page.goto(live_server.url + f"/annuaire/{STRUCTURE}/signaler/")
    page.get_by_role("button", name="Envoyer le signalement").click()
    check_errors(page, "signaler une erreur (envoi erroné)", found)

    sign_in(page, live_server, DEMO_MEMBER_EMAIL)
    page.goto(live_server.url + "/evenements/proposer/")
    page.evaluate("() => document.querySelectorAll('main form').forEach(f => f.noValidate = true)")
    page.get_by_role("button", name="Envoyer ma proposition").click()
    check_errors(page, "/evenements/proposer/ (envoi erroné)", found)

    page.goto(live_server.url + f"/annuaire/{STRUCTURE}/espace/horaires/")
    page.locator("#id_d0_open1").fill("14:00")
    page.locator("#id_d0_close1").fill("12:00")
    page.get_by_role("button", name="Enregistrer les horaires").click()
    check_errors(page, "horaires jour par jour (envoi erroné)", found)

    page.goto(live_server.url + _service_hours_path())
    page.locator("#id_d1_open1").fill("09:00")
    page.locator("#id_d1_close1").fill("13:00")
    page.locator("#id_d1_open2").fill("12:00")
    page.locator("#id_d1_close2").fill("17:00")
    page.get_by_role("button", name="Enregistrer les horaires du service").click()
    check_errors(page, "horaires propres d'un service (envoi erroné)", found)

    page.goto(live_server.url + f"/annuaire/{STRUCTURE}/espace/fiche/")
    page.evaluate("() => document.querySelectorAll('main form').forEach(f => f.noValidate = true)")
    page.locator("#id_email").fill("pas-une-adresse")
    page.get_by_role("button", name="Enregistrer").click()
    check_errors(page, "fiche annuaire (envoi erroné)", found)

    page.goto(live_server.url + f"/indicateurs/structure/{STRUCTURE}/2026/")
    page.locator("main input.number-input").first.fill("beaucoup")
    page.get_by_role("button", name="Transmettre au CCAS").click()
    check_errors(page, "fiche d'indicateurs (envoi erroné)", found)

    page.goto(live_server.url + CongressEdition.objects.get(number=3).get_absolute_url() + "inscription/")
    page.evaluate("() => document.querySelectorAll('main form').forEach(f => f.noValidate = true)")
    page.locator("#id_email").fill("pas-une-adresse")
    page.get_by_role("button", name="Envoyer mon inscription").click()
    check_errors(page, "inscription au congrès (envoi erroné)", found)

    _second_charter_version()  # the structure signed version 1: version 2 is to sign
    page.goto(live_server.url + "/charte/signer/")
    page.get_by_role("button", name="Signer la charte").click()
    check_errors(page, "/charte/signer/ (envoi erroné)", found)

    assert not found, "\n\n".join(found.values())
