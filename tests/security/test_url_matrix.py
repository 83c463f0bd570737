"""Every URL of the portal, public or private, and who may open the private ones.

The list is checked against the urlconf itself: a new URL that is neither in PUBLIC nor in
PRIVATE makes `test_every_url_is_classified` fail, so it cannot ship without its permission
test. The admin (`/gestion/`, Django's own checks) and allauth's pages are out of scope here.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from associations.structures.models import ChangeProposal
from associations.structures.pending_logos import pending_logo_save
from congress.editions.models import CongressEdition
from congress.proposals.models import Proposal
from solidaire.core.documents.services import document_invalidate
from tests import factories
from tests.associations.factories import PracticeFactory, VolunteerMissionFactory
from tests.core.documents.renderers import KIND as NOTE_KIND
from tests.events.factories import EventProposalFactory, ParticipationFactory
from tests.indicators.factories import CampaignFactory, SheetFactory

pytestmark = pytest.mark.django_db

PUBLIC = {
    "portal:home",
    "core:page",
    "core:healthz",
    "associations:list",
    "associations:print",
    "associations:map",
    "associations:detail",
    "associations:export_structures",
    "associations:export_services",
    "associations:practice_list",
    "associations:practice_detail",
    "associations:council_join",
    "associations:card_report",
    "actions:list",
    "actions:detail",
    "benevolat:index",
    "benevolat:detail",
    "charter:current",
    "charter:versions",
    "charter:version_detail",
    "charter:signatories",
    "charter:charter_pdf",
    "charter:signatories_pdf",
    "events:list",
    "events:detail",
    "events:series",
    "events:feed",
    "events:edition_feed",
    "congress:index",
    "congress:edition",
    "congress:edition_calendar",
    "observatoire:home",
    "congress:register",
    "congress:registration_sent",
    "congress:participants",
    "congress:cahier",  # the view itself refuses until the cahier is published (tests/congress)
    # The private link's pages: the unguessable token is the key (tests/congress).
    "congress:registration",
    "congress:registration_confirm",
    "congress:registration_edit",
    "congress:registration_cancel",
    "congress:registration_data",
    "congress:registration_calendar",
    "congress:registration_badge",
    "congress:registration_erase",
    "congress:booking_accept",
    "congress:registration_accept_place",
    "congress:proposal_submit",
}

# scope: "user" (any signed-in person), "structure" (B's members and CCAS staff), "staff".
USER, STRUCTURE, STAFF = "user", "structure", "staff"


@dataclass(frozen=True)
class Case:
    scope: str
    kwargs: object = staticmethod(lambda w: {})
    method: str = "get"


def _b(w):
    return {"slug": w.b.slug}


def _congress(w):
    """The year of a congress edition (created on first use)."""
    edition = CongressEdition.objects.first() or factories.CongressEditionFactory()
    return {"year": edition.year}


def _proposal(w):
    theme = factories.ThemeFactory(edition=CongressEdition.objects.get(year=_congress(w)["year"]))
    return {"pk": Proposal.objects.create(theme=theme, title="Une idée", body="Le texte").pk}


PRIVATE = {
    "portal:account": Case(USER),
    "associations:propose": Case(USER),
    "associations:membership_request": Case(USER, _b),
    "charter:sign": Case(USER),
    "indicators:home": Case(USER),
    "events:propose": Case(USER),
    "events:my_proposals": Case(USER),
    "events:apply": Case(USER, lambda w: {"slug": w.edition.slug}),
    # Only B's members (and CCAS staff) find B's proposal: a 404 for anyone else.
    "events:proposal_edit": Case(USER, lambda w: {"pk": w.event_proposal_b.pk}),
    # A structure's own space: members of B and CCAS staff only.
    "associations:member_area": Case(STRUCTURE, _b),
    "associations:membership_decide": Case(STRUCTURE, lambda w: {**_b(w), "pk": w.request_b.pk}, "post"),
    "associations:membership_role": Case(STRUCTURE, lambda w: {**_b(w), "pk": w.request_b.pk}, "post"),
    "associations:membership_remove": Case(STRUCTURE, lambda w: {**_b(w), "pk": w.request_b.pk}, "post"),
    "associations:membership_leave": Case(STRUCTURE, _b, "post"),
    "associations:card_edit": Case(STRUCTURE, _b),
    "associations:hours_edit": Case(STRUCTURE, _b),
    "associations:card_verified": Case(STRUCTURE, _b, "post"),
    "associations:service_new": Case(STRUCTURE, _b),
    "associations:service_edit": Case(STRUCTURE, lambda w: {**_b(w), "pk": w.service_b.pk}),
    "associations:service_hours_edit": Case(STRUCTURE, lambda w: {**_b(w), "pk": w.service_b.pk}),
    "associations:service_delete": Case(STRUCTURE, lambda w: {**_b(w), "pk": w.service_b.pk}, "post"),
    "associations:practice_new": Case(STRUCTURE, _b),
    "associations:practice_edit": Case(STRUCTURE, lambda w: {**_b(w), "pk": w.practice_b.pk}),
    "benevolat:manage": Case(STRUCTURE, _b),
    "benevolat:create": Case(STRUCTURE, _b),
    "benevolat:edit": Case(STRUCTURE, lambda w: {**_b(w), "pk": w.mission_b.pk}),
    "benevolat:close": Case(STRUCTURE, lambda w: {**_b(w), "pk": w.mission_b.pk}, "post"),
    "benevolat:reopen": Case(STRUCTURE, lambda w: {**_b(w), "pk": w.mission_b.pk}, "post"),
    "indicators:dashboard": Case(STRUCTURE, _b),
    "indicators:association_export": Case(STRUCTURE, _b),
    "indicators:sheet": Case(STRUCTURE, lambda w: {**_b(w), "year": 2026}),
    "indicators:activity_report": Case(STRUCTURE, lambda w: {**_b(w), "year": 2026}),
    "observatoire:structure_report": Case(STRUCTURE, _b),
    # CCAS staff only.
    "portal:staff_home": Case(STAFF),
    "associations:export_structures_csv": Case(STAFF),
    "associations:staff_followup": Case(STAFF),
    "associations:staff_campaign": Case(STAFF, method="post"),
    "associations:staff_change_decide": Case(STAFF, lambda w: {"pk": w.proposal_b.pk}, "post"),
    "associations:staff_change_logo": Case(STAFF, lambda w: {"pk": w.logo_proposal_b.pk}),
    "associations:staff_structure_decide": Case(STAFF, lambda w: {"pk": w.proposed.pk}, "post"),
    "associations:practice_booklet": Case(STAFF),
    "associations:practice_decide": Case(STAFF, lambda w: {"slug": w.practice_b.slug}, "post"),
    "charter:moderation": Case(STAFF),
    "charter:moderation_decide": Case(STAFF, lambda w: {"pk": w.signature_b.pk}, "post"),
    "charter:moderation_invite": Case(STAFF, method="post"),
    "indicators:followup": Case(STAFF),
    "indicators:followup_year": Case(STAFF, lambda w: {"year": 2026}),
    "indicators:export_long": Case(STAFF, lambda w: {"fmt": "csv"}),
    "indicators:export_campaign": Case(STAFF, lambda w: {"year": 2026, "fmt": "xlsx"}),
    "indicators:review": Case(STAFF, lambda w: {**_b(w), "year": 2026}),
    "indicators:remind": Case(STAFF, lambda w: {**_b(w), "year": 2026}, "post"),
    "indicators:remind_all": Case(STAFF, lambda w: {"year": 2026}, "post"),
    "indicators:review_action": Case(STAFF, lambda w: {**_b(w), "year": 2026, "action": "valider"}, "post"),
    "observatoire:reports": Case(STAFF),
    "observatoire:report_publish": Case(STAFF, lambda w: {"pk": w.staff_document.pk}, "post"),
    "observatoire:territories": Case(STAFF),
    "observatoire:dashboard": Case(STAFF),
    "observatoire:dashboard_csv": Case(STAFF, lambda w: {"table": "chiffres-cles"}),
    "events:staff_participations": Case(STAFF),
    "events:participation_decide": Case(STAFF, lambda w: {"pk": w.participation_b.pk}, "post"),
    "events:staff_proposals": Case(STAFF),
    "events:proposal_decide": Case(STAFF, lambda w: {"pk": w.event_proposal_b.pk}, "post"),
    # The congress: CCAS staff (and, for proposals, the facilitators of a theme).
    "congress:dashboard": Case(STAFF, _congress),
    "congress:export": Case(STAFF, lambda w: {**_congress(w), "fmt": "xlsx"}),
    "congress:message": Case(STAFF, _congress),
    "congress:badges": Case(STAFF, _congress, "post"),
    "congress:checkin": Case(STAFF, _congress),
    "congress:checkin_counts": Case(STAFF, _congress),
    "congress:proposals": Case(STAFF, _congress),
    "congress:cahier_publish": Case(STAFF, _congress, "post"),
    "congress:proposal_edit": Case(STAFF, _proposal),
    # Generated documents: each kind has its own rule; the world's document is staff-only.
    "core:document_status": Case(STAFF, lambda w: {"pk": w.staff_document.pk}),
    "core:document_status_json": Case(STAFF, lambda w: {"pk": w.staff_document.pk}),
    "core:document_file": Case(STAFF, lambda w: {"pk": w.staff_document.pk}),
}
GUARDED = {name: case for name, case in PRIVATE.items() if case.scope != USER}
POST_ONLY = {name: case for name, case in PRIVATE.items() if case.method == "post"}


class _AnyObject:
    def __getattr__(self, name):
        return SimpleNamespace(pk=1, slug="x")


# A structure's URLs that also name one of its objects (a request, a service, a mission).
WITH_OBJECT = {n for n, c in GUARDED.items() if c.scope == STRUCTURE and "pk" in c.kwargs(_AnyObject())}


def _named_patterns(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", "")
            if pattern.namespace == "admin" or module.startswith("allauth."):
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            # An unnamed pattern cannot be listed here: it shows up as "<unnamed …>" and fails.
            names.add(f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {pattern.pattern}>")
    return names


def test_every_url_is_classified():
    found = _named_patterns(get_resolver())
    assert not PUBLIC & PRIVATE.keys()
    assert found - PUBLIC - PRIVATE.keys() == set(), "add the new URL to PUBLIC or PRIVATE"
    assert (PUBLIC | PRIVATE.keys()) - found == set(), "a listed URL no longer exists"


@pytest.fixture
def world(member_of, settings, note_renderer, django_capture_on_commit_callbacks):
    a = factories.AssociationFactory(name="Association A", slug="association-a", email="a@example.org")
    b = factories.AssociationFactory(name="Association B", slug="association-b", email="b@example.org")
    version = factories.CharterVersionFactory()
    campaign = CampaignFactory(year=2026)
    sheet_b = SheetFactory(association=b, campaign=campaign)
    sheet_b.activity_report.save("rapport-activite.pdf", ContentFile(b"%PDF-1.4 B"))
    edition = factories.EditionFactory(participation_open=True)
    return SimpleNamespace(
        edition=edition,
        participation_b=ParticipationFactory(edition=edition, association=b),
        event_proposal_b=EventProposalFactory(association=b),
        a=a,
        b=b,
        admin_a=member_of(a, role="admin"),
        admin_b=member_of(b, role="admin"),
        request_b=factories.MembershipFactory(association=b, status="requested"),
        service_b=factories.ServiceFactory(association=b),
        mission_b=VolunteerMissionFactory(association=b),
        practice_b=PracticeFactory(association=b, status="draft", published_at=None),
        proposal_b=ChangeProposal.objects.create(association=b, kind="card", payload={"summary": "Nouveau"}),
        logo_proposal_b=ChangeProposal.objects.create(
            association=b,
            kind="card",
            payload={"logo": pending_logo_save(SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n"))},
        ),
        proposed=factories.AssociationFactory(status="draft"),
        signature_b=factories.SignatureFactory(
            association=b, version=version, status="requested", signed_on=None
        ),
        sheet_b=sheet_b,
        staff_document=_staff_document(django_capture_on_commit_callbacks),
    )


def _staff_document(capture):
    with capture(execute=True):
        return document_invalidate(kind=NOTE_KIND, params={"year": 2025})


def _call(client, name, case, world, method=None):
    url = reverse(name, kwargs=case.kwargs(world))
    return getattr(client, method or case.method)(url)


@pytest.mark.parametrize("name", sorted(PRIVATE))
def test_anonymous_is_sent_to_log_in(client, world, name):
    response = _call(client, name, PRIVATE[name], world)
    assert response.status_code == 302
    assert response.url.startswith("/comptes/login/?next=")


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_admin_of_another_structure_is_refused(client, world, name):
    client.force_login(world.admin_a)
    response = _call(client, name, GUARDED[name], world)
    assert response.status_code in (403, 404)
    assert world.b.name not in response.content.decode()


@pytest.mark.parametrize("name", sorted(name for name, case in PRIVATE.items() if case.scope != STAFF))
def test_admin_of_the_structure_is_let_in(client, world, name):
    client.force_login(world.admin_b)
    response = _call(client, name, PRIVATE[name], world)
    assert response.status_code in (200, 302)
    assert not response.get("Location", "").startswith("/comptes/login/")


@pytest.mark.parametrize("name", sorted(PRIVATE))
def test_ccas_staff_are_let_in(client, world, staff_user, name):
    client.force_login(staff_user)
    response = _call(client, name, PRIVATE[name], world)
    assert response.status_code in (200, 302, 400)  # 400: an empty POST form, refused on content
    assert not response.get("Location", "").startswith("/comptes/login/")
    # Private data: never stored by a shared cache (proxy, CDN) for the next visitor.
    assert "private" in response.get("Cache-Control", "")


@pytest.mark.parametrize("name", sorted(WITH_OBJECT))
def test_objects_of_b_are_not_reachable_through_a_url(client, world, name):
    """Ids are looked up within the structure of the URL: A's slug with B's object is a 404."""
    client.force_login(world.admin_a)
    kwargs = {**GUARDED[name].kwargs(world), "slug": world.a.slug}
    response = getattr(client, GUARDED[name].method)(reverse(name, kwargs=kwargs))
    assert response.status_code == 404
    world.service_b.refresh_from_db()
    world.mission_b.refresh_from_db()
    world.request_b.refresh_from_db()
    assert (world.mission_b.status, world.request_b.status) == ("published", "requested")


@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_state_changes_refuse_get(client, world, staff_user, name):
    """No side effect from a link, a prefetch or an <img src>: POST (with CSRF) only."""
    client.force_login(staff_user)
    assert _call(client, name, POST_ONLY[name], world, method="get").status_code == 405
