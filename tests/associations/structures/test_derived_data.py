"""Derived data (search columns, opening slots) follows every path that edits its inputs, once,
rebuilt by the service that wrote them (issue #22): the card edited by its structure, a change
approved by the CCAS, the admin, services added or removed, thematiques; and the domain event
the charter follows instead of a pre_save SELECT."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from associations.structures import services
from associations.structures.models import Association, OpeningSlot, Service
from associations.structures.signals import association_card_changed
from charter import documents
from charter.demo import load_charter_v1
from solidaire.core.documents import services as document_services
from solidaire.core.documents.models import GeneratedDocument
from tests import factories
from tests.associations.selfservice.test_selfservice import moderation

pytestmark = pytest.mark.django_db


def found(client, word: str) -> list[str]:
    """The names the public directory lists for `word` (through its cache and its index)."""
    response = client.get("/annuaire/", {"q": word})
    return re.findall(r'<h2><a href="/annuaire/[^"]+/">([^<]+)</a>', response.content.decode())


def _png(name: str) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("1", (20, 20)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _form_data(form) -> dict:
    """What a browser posts back for an unchanged (admin) form."""
    data = {}
    for bound in form:
        value = bound.value()
        if getattr(bound.field.widget, "input_type", None) == "file":
            continue
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        elif value is not None:
            data[bound.html_name] = str(value)
    return data


def _admin_post(client, url: str, **changes) -> None:
    page = client.get(url)
    data = _form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data |= _form_data(formset.management_form)
        for form in formset.forms:
            data |= _form_data(form)
    data |= changes
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def structure(db):
    return factories.AssociationFactory(name="Le Relais", summary="Accueil de jour.")


# --- search finds a word after each edit path -------------------------------------------------
def test_self_service_save_is_searchable(client, structure, member_of):
    moderation(False)
    by = member_of(structure)
    assert found(client, "epicerie") == []
    services.association_card_update(association=structure, data={"summary": "Épicerie solidaire."}, by=by)
    assert found(client, "epicerie") == ["Le Relais"]


def test_an_approved_change_is_searchable(client, structure, member_of, staff_user):
    moderation(True)
    proposal = services.association_card_update(
        association=structure, data={"mission": "Vestiaire et bagagerie."}, by=member_of(structure)
    )
    assert found(client, "bagagerie") == []  # waiting for the CCAS
    services.change_proposal_approve(proposal=proposal, by=staff_user)
    assert found(client, "bagagerie") == ["Le Relais"]


def test_an_admin_change_and_its_inline_services_are_searchable(client, structure, admin_user):
    client.force_login(admin_user)
    _admin_post(
        client, f"/gestion/associations/association/{structure.pk}/change/", summary="Laverie sociale."
    )
    assert found(client, "laverie") == ["Le Relais"]
    service = factories.ServiceFactory(association=structure, name="Domiciliation")
    assert found(client, "domiciliation") == ["Le Relais"]
    # The service removed through the structure's inline: its words leave the structure's.
    _admin_post(
        client,
        f"/gestion/associations/association/{structure.pk}/change/",
        **{"services-0-DELETE": "on", "services-0-id": str(service.pk)},
    )
    assert not Service.objects.filter(pk=service.pk).exists()
    assert found(client, "domiciliation") == []
    assert found(client, "laverie") == ["Le Relais"]


def test_an_admin_service_edit_moves_its_words(client, structure, admin_user, thematique):
    other = factories.AssociationFactory(name="Autre lieu", summary="")
    service = factories.ServiceFactory(association=structure, name="Douches")
    client.force_login(admin_user)
    url = f"/gestion/associations/service/{service.pk}/change/"
    _admin_post(client, url, description="Bagagerie gratuite.", thematiques=[str(thematique.pk)])
    assert found(client, "bagagerie") == ["Le Relais"]
    assert found(client, thematique.label) == ["Le Relais"]
    _admin_post(client, url, association=str(other.pk))  # moved to another structure
    assert found(client, "bagagerie") == ["Autre lieu"]
    client.post(f"/gestion/associations/service/{service.pk}/delete/", {"post": "yes"})
    assert found(client, "bagagerie") == []


def test_services_added_and_removed_are_searchable(client, structure, staff_user):
    service = services.service_save(association=structure, data={"name": "Maraude de nuit"}, by=staff_user)
    assert found(client, "maraude") == ["Le Relais"]
    services.service_save(association=structure, service=service, data={"name": "Tournée"}, by=staff_user)
    assert found(client, "maraude") == [] and found(client, "tournee") == ["Le Relais"]
    services.service_delete(service=service, by=staff_user)
    assert found(client, "tournee") == []


def test_a_thematique_added_and_relabelled_is_searchable(
    client, structure, staff_user, admin_user, thematique
):
    service = factories.ServiceFactory(association=structure)
    assert found(client, thematique.label) == []
    services.service_save(
        association=structure, service=service, data={"thematiques": [thematique]}, by=staff_user
    )
    assert found(client, thematique.label) == ["Le Relais"]
    client.force_login(admin_user)
    _admin_post(
        client, f"/gestion/associations/thematique/{thematique.pk}/change/", label="Hygiène corporelle"
    )
    assert found(client, "corporelle") == ["Le Relais"]


def test_a_status_change_rebuilds_nothing(staff_user):
    structure = factories.AssociationFactory(status="draft", proposed_by=staff_user)
    with CaptureQueriesContext(connection) as ctx:
        services.structure_proposal_publish(association=structure, by=staff_user)
    rebuilt = [q["sql"] for q in ctx.captured_queries if "openingslot" in q["sql"]]
    rebuilt += [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith('UPDATE "associations_association" SET "search_text"')
    ]
    assert rebuilt == []


# --- opening slots follow the hours -----------------------------------------------------------
def _slots(association, service=None) -> list[tuple[int, int, int]]:
    rows = OpeningSlot.objects.filter(association=association, service=service)
    return sorted(rows.values_list("weekday", "opens", "closes"))


def test_slots_follow_the_hours_and_only_them(structure, staff_user):
    services.association_card_update(
        association=structure, data={"opening_hours": "Mo 09:00-12:00"}, by=staff_user
    )
    assert _slots(structure) == [(0, 540, 720)]
    before = list(OpeningSlot.objects.values_list("pk", flat=True))
    services.association_card_update(association=structure, data={"summary": "Autre."}, by=staff_user)
    assert list(OpeningSlot.objects.values_list("pk", flat=True)) == before  # not rebuilt
    services.association_card_update(association=structure, data={"opening_hours": ""}, by=staff_user)
    assert _slots(structure) == []


def test_a_services_own_slots_follow_its_hours(structure, staff_user):
    service = services.service_save(
        association=structure, data={"name": "Douches", "opening_hours": "Tu 08:00-10:00"}, by=staff_user
    )
    assert _slots(structure, service) == [(1, 480, 600)]
    services.service_save(
        association=structure, service=service, data={"opening_hours": "We 08:00-09:00"}, by=staff_user
    )
    assert _slots(structure, service) == [(2, 480, 540)]


def test_the_weekly_task_rebuilds_the_services_hours_too(structure):
    from associations.directory.tasks import refresh_opening_slots

    service = factories.ServiceFactory(association=structure, opening_hours="Fr 10:00-11:00")
    OpeningSlot.objects.all().delete()
    assert refresh_opening_slots() == 1
    assert _slots(structure, service) == [(4, 600, 660)]


def test_no_save_or_delete_keeps_derived_data():
    """The models write themselves and nothing else (the services rebuild derived data)."""
    for model, method in [(Association, "save"), (Service, "save"), (Service, "delete")]:
        assert method not in model.__dict__, f"{model.__name__}.{method}() is overridden again"


# --- the charter follows a domain event -------------------------------------------------------
def test_the_signatories_pdf_follows_a_signatory_renamed_and_nothing_else(staff_user, member_of):
    version, _ = load_charter_v1()
    signatory = factories.SignatureFactory(version=version).association
    document = document_services.document_get(kind=documents.SIGNATORIES)

    def revision() -> int:
        return GeneratedDocument.objects.get(pk=document.pk).revision

    heard = []
    association_card_changed.connect(lambda **kw: heard.append(kw["changed"]), weak=False, dispatch_uid="t")
    try:
        services.association_card_update(
            association=signatory, data={"phone": "02 43 00 00 00"}, by=staff_user
        )
        services.association_card_update(association=signatory, data={"name": signatory.name}, by=staff_user)
        assert revision() == document.revision
        moderation(True)
        proposal = services.association_card_update(
            association=signatory, data={"name": "Nom corrigé"}, by=member_of(signatory)
        )
        assert revision() == document.revision  # proposed only
        services.change_proposal_approve(proposal=proposal, by=staff_user)
        assert revision() == document.revision + 1
    finally:
        association_card_changed.disconnect(dispatch_uid="t")
    assert heard == [frozenset({"phone"}), frozenset({"name"})]  # the same name is no change


def test_the_card_save_reads_nothing_for_the_charter_or_the_logo(structure, staff_user):
    with CaptureQueriesContext(connection) as ctx:
        services.association_card_update(association=structure, data={"summary": "Autre."}, by=staff_user)
    reads = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT")]
    assert not [sql for sql in reads if '"logo" FROM' in sql or '"quartier" FROM' in sql]


# --- replaced logos ---------------------------------------------------------------------------
def test_an_approved_logo_replaces_the_old_one_in_the_storage(
    structure, staff_user, member_of, settings, django_capture_on_commit_callbacks
):
    structure.logo.save("ancien.png", _png("ancien.png"))
    old = Path(structure.logo.path)
    moderation(True)
    proposal = services.association_card_update(
        association=structure, data={"logo": _png("nouveau.png")}, by=member_of(structure)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.change_proposal_approve(proposal=proposal, by=staff_user)
    new = Path(settings.MEDIA_ROOT) / Association.objects.get(pk=structure.pk).logo.name
    assert new.is_file() and not old.exists()


def test_a_logo_replaced_in_the_admin_leaves_the_storage(
    client, structure, admin_user, settings, django_capture_on_commit_callbacks
):
    structure.logo.save("ancien.png", _png("ancien.png"))
    old = Path(structure.logo.path)
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        _admin_post(
            client, f"/gestion/associations/association/{structure.pk}/change/", logo=_png("admin.png")
        )
    assert not old.exists()
    assert (Path(settings.MEDIA_ROOT) / Association.objects.get(pk=structure.pk).logo.name).is_file()


def test_a_deferred_logo_still_finds_its_old_file(structure, django_capture_on_commit_callbacks):
    structure.logo.save("ancien.png", _png("ancien.png"))
    old = Path(structure.logo.path)
    loaded = Association.objects.defer("logo").get(pk=structure.pk)
    loaded.logo = None
    with django_capture_on_commit_callbacks(execute=True):
        loaded.save()
    assert not old.exists()


# --- what a card summary save costs -----------------------------------------------------------
def test_a_card_summary_save_costs_four_writes_and_reads_at_most(structure, staff_user):
    """Before: 9 queries in save() alone (search text's two reads, the logo's and the charter's
    pre_save SELECTs, UPDATE, history INSERT, slots SELECT+DELETE+INSERT). Now: the UPDATE, the
    history row, one read of the services' words and the search columns' UPDATE."""
    factories.ServiceFactory(association=structure)
    structure = Association.objects.get(pk=structure.pk)
    with CaptureQueriesContext(connection) as ctx:
        services.association_card_update(association=structure, data={"summary": "Nouveau."}, by=staff_user)
    sql = [
        q["sql"]
        for q in ctx.captured_queries
        if "SAVEPOINT" not in q["sql"] and '"_check"' not in q["sql"]  # full_clean()'s constraints
    ]
    kinds = [s.split()[0] + " " + re.search(r'(?:FROM|INTO|UPDATE) "(\w+)"', s).group(1) for s in sql]
    assert kinds == [
        "SELECT auth_group",  # is_ccas_staff(by)
        "SELECT associations_association",  # the row, locked
        "SELECT associations_association",  # full_clean(): the slug is unique
        "UPDATE associations_association",
        "INSERT history_historicalassociation",
        "SELECT associations_service",  # the services' words and thematiques, one join
        "UPDATE associations_association",  # search_text, search_name
    ]
