"""Writes on structures: cards and services (direct or moderated), verification, proposals
of new structures, the thematiques. Keyword-only, atomic, full_clean() first."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone

from solidaire.accounts.roles import is_ccas_staff
from solidaire.core.email.links import absolute_url
from solidaire.core.email.services import email_send
from solidaire.core.text.search import normalize_search, slugify_fr

from . import pending_logos
from .cache import bump_directory_version
from .hours import closed_on_holidays, weekly_slots
from .models import (
    Association,
    ChangeProposal,
    DirectorySettings,
    Membership,
    OpeningSlot,
    Service,
    Thematique,
)
from .permissions import can_edit, can_manage, can_request_membership
from .signals import association_card_changed
from .taxonomy import (
    THEMATIQUES,
    MembershipRole,
    MembershipStatus,
    ProposalKind,
    ProposalStatus,
    Public,
    PublicationStatus,
)

CARD_FIELDS = [
    "name",
    "summary",
    "mission",
    "street",
    "postcode",
    "city",
    "quartier",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "opening_hours",
    "closed_from",
    "closed_until",
    "closure_message",
    "languages",
    "pmr_accessible",
    "accessibility_details",
    "rna",
    "siret",
    "founded_on",
    "staff_employees",
    "staff_board",
    "staff_volunteers",
    "staff_civic_service",
    "budget",
    "logo",
    "network_labels",
]
SERVICE_FIELDS = [
    "name",
    "description",
    "thematiques",
    "publics",
    "publics_details",
    "fee",
    "fee_details",
    "access_conditions",
    "access_details",
    "modes",
    "opening_hours",
    "closed_from",
    "closed_until",
    "closure_message",
]
# Slugs the directory's own pages use: a structure may not take them.
RESERVED_SLUGS = {
    "imprimer",
    "export",
    "proposer",
    "suivi",
    "carte",
    "actions",
    "pratiques",
    "conseil-des-usagers",
}


# --- payloads: cleaned form data <-> JSON ----------------------------------------------------
def _to_payload(data: dict) -> dict:
    payload = {}
    for key, value in data.items():
        if key == "logo":
            if value is False:
                payload["logo"] = ""  # "clear" ticked
            elif value and not isinstance(value, FieldFile):
                # A new upload: keep it aside until staff decide.
                payload["logo"] = pending_logos.pending_logo_save(value)
            continue
        if key == "thematiques":
            payload[key] = [t.pk for t in value]
            continue
        payload[key] = value
    return json.loads(json.dumps(payload, cls=DjangoJSONEncoder))


def _apply(instance, payload: dict) -> None:
    """Set model fields from a payload (strings back to dates/decimals via the fields)."""
    for key, value in payload.items():
        if key == "thematiques":
            continue
        field = instance._meta.get_field(key)
        if key == "logo":
            pending_logos.pending_logo_publish(instance, value)
            continue
        if value is None:
            setattr(instance, key, None)
        elif isinstance(value, str) and field.get_internal_type() in {"DateField", "DecimalField"}:
            setattr(instance, key, field.to_python(value) if value else None)
        else:
            setattr(instance, key, value)


# --- derived data: the search columns and the opening slots ----------------------------------
# Rebuilt once, by the service (or admin path) that wrote their inputs, right after the write;
# never by save() or a receiver, so a write that changes no input costs no query, and a path
# that forgets its call is one a test of tests/associations/test_derived_data.py catches.
# The card fields the search columns are made of; "services" stands for the words of the
# structure's services (names, descriptions, publics, thematique labels), part of its text.
SEARCH_INPUTS = frozenset({"name", "summary", "mission", "quartier", "kind", "services"})
# A service's fields that are words of its structure ("association": it moved to another one).
SERVICE_SEARCH_INPUTS = frozenset({"name", "description", "publics", "thematiques", "association"})
SERVICE_SLOT_INPUTS = frozenset({"opening_hours", "association"})


def _search_text(association: Association) -> str:
    """The structure's words: its own text, its services' names and descriptions, and the
    labels of their thematiques and publics (« aide alimentaire » finds what the filter
    « Aide alimentaire » finds). One query, for the services and their thematiques."""
    publics = dict(Public.choices)
    parts = [association.name, association.summary, association.mission]
    parts += [association.get_quartier_display() or "", association.get_kind_display()]
    labels, seen = [], set()
    rows = Service.objects.filter(association_id=association.pk).order_by(
        "name", "pk", "thematiques__order", "thematiques__label"
    )
    for pk, name, description, codes, label in rows.values_list(
        "pk", "name", "description", "publics", "thematiques__label"
    ):
        if pk not in seen:
            seen.add(pk)
            parts += [name, description, *(publics.get(code, code) for code in codes or [])]
        if label:
            labels.append(label)
    return normalize_search(" ".join(parts + labels))


def _slots_of(*, association_id: int, service_id: int | None, expression: str) -> list[OpeningSlot]:
    try:
        slots = weekly_slots(expression)
    except ValidationError:
        slots = []  # invalid hours never pass full_clean(); a raw write gets no table
    shut_on_holidays = closed_on_holidays(expression) if slots else False
    return [
        OpeningSlot(
            association_id=association_id,
            service_id=service_id,
            weekday=s.weekday,
            opens=s.opens,
            closes=s.closes,
            holidays_closed=shut_on_holidays,
        )
        for s in slots
    ]


def opening_slots_rebuild(*, association: Association, service: Service | None = None) -> None:
    """Replace the rows derived from one rule: the structure's own hours, or `service`'s."""
    if service is None:
        OpeningSlot.objects.filter(association_id=association.pk, service__isnull=True).delete()
        expression = association.opening_hours
        slots = _slots_of(association_id=association.pk, service_id=None, expression=expression)
    else:
        # By service alone: a service moved to another structure leaves no row behind.
        OpeningSlot.objects.filter(service_id=service.pk).delete()
        slots = _slots_of(
            association_id=service.association_id, service_id=service.pk, expression=service.opening_hours
        )
    if slots:
        OpeningSlot.objects.bulk_create(slots)
    bump_directory_version()


def _all_slots_rebuild(association: Association) -> None:
    """The structure's slots and its services' (one delete, one read, at most one insert)."""
    OpeningSlot.objects.filter(association_id=association.pk).delete()
    slots = _slots_of(association_id=association.pk, service_id=None, expression=association.opening_hours)
    for pk, hours in association.services.exclude(opening_hours="").values_list("pk", "opening_hours"):
        slots += _slots_of(association_id=association.pk, service_id=pk, expression=hours)
    if slots:
        OpeningSlot.objects.bulk_create(slots)
    bump_directory_version()


def opening_slots_refresh() -> int:
    """Rebuild every structure's slots, its services' included (the weekly task: rules that
    depend on dates, « Jul-Aug off », move with the calendar). Returns how many structures."""
    count = 0
    with_hours = Association.objects.exclude(opening_hours="") | Association.objects.filter(
        services__opening_hours__gt=""
    )
    for association in with_hours.distinct().only("pk", "opening_hours"):
        _all_slots_rebuild(association)
        count += 1
    return count


def derived_data_refresh(*, association: Association, changed: Collection[str] | None = None) -> None:
    """Rebuild, once, what derives from the structure's card and services: its search columns
    when a field of SEARCH_INPUTS is in `changed`, its own opening slots when `opening_hours`
    is. `None` rebuilds all of it, the services' slots included (a new structure, an import,
    the demo data, a test factory). Writes with `update()`: no history row, no signal."""
    if changed is None or not SEARCH_INPUTS.isdisjoint(changed):
        association.search_text = _search_text(association)
        association.search_name = normalize_search(association.name)[:200]
        Association.objects.filter(pk=association.pk).update(
            search_text=association.search_text, search_name=association.search_name
        )
        bump_directory_version()  # update() sends no post_save
    if changed is None:
        _all_slots_rebuild(association)
    elif "opening_hours" in changed:
        opening_slots_rebuild(association=association)


def service_derived_refresh(
    *, service: Service, association: Association | None = None, changed: Collection[str] | None = None
) -> None:
    """After a write on a service (`changed` None: its creation, or unknown): its own slots
    when its hours changed, its structure's search text when its words did. `association` is
    the service's structure when the caller holds it (saves reading it again)."""
    if changed is None or not SERVICE_SLOT_INPUTS.isdisjoint(changed):
        opening_slots_rebuild(association=association or service.association, service=service)
    if changed is None or not SERVICE_SEARCH_INPUTS.isdisjoint(changed):
        derived_data_refresh(association=association or service.association, changed={"services"})


def thematiques_derived_refresh(*, associations: Iterable[Association]) -> None:
    """A thematique relabelled or deleted: its label was a word of every structure offering it
    (the caller lists them before a deletion, whose rows are gone after)."""
    for association in associations:
        derived_data_refresh(association=association, changed={"services"})


def offering(thematiques) -> list[Association]:
    """The structures with a service in one of `thematiques` (instances or ids)."""
    return list(Association.objects.filter(services__thematiques__in=thematiques).distinct())


def association_card_written(*, association: Association, changed: Collection[str]) -> None:
    """What follows a write of an existing structure's card, whoever made it: its derived data
    rebuilt once, then `signals.association_card_changed` sent with the fields that changed
    (the charter reprints its signatories' names). Nothing changed, nothing happens."""
    changed = frozenset(changed)
    if not changed:
        return
    derived_data_refresh(association=association, changed=changed)
    association_card_changed.send(sender=Association, association=association, changed=changed)


def _field_values(instance, names: Iterable[str]) -> dict:
    """The current values of `names` (a file as its stored name), to tell what a write changed."""
    values = {}
    for name in names:
        value = getattr(instance, name)
        values[name] = (value.name or "") if isinstance(value, FieldFile) else value
    return values


def _changed_fields(instance, before: dict) -> set[str]:
    return {name for name, value in _field_values(instance, before).items() if value != before[name]}


def _must_moderate(by) -> bool:
    return not is_ccas_staff(by) and DirectorySettings.get().moderate_member_changes


def _notify_staff_of_proposal(proposal: ChangeProposal) -> None:
    email_send(
        template="associations/emails/change_proposed",
        context={
            "proposal": proposal,
            "association": proposal.association,
            "url": absolute_url(reverse("associations:staff_followup")),
        },
        to=None,
    )


# --- card and services -----------------------------------------------------------------------
@transaction.atomic
def association_card_update(*, association: Association, data: dict, by) -> Association | ChangeProposal:
    """Publish the edited card, or queue it for staff when moderation applies to `by`."""
    if not can_edit(by, association):
        raise PermissionDenied("Vous ne pouvez pas modifier cette structure.")
    data = {k: v for k, v in data.items() if k in CARD_FIELDS}
    if _must_moderate(by):
        # A card change already waiting is edited, not doubled: staff moderate one change with
        # everything the structure asked for (the latest value of each field wins).
        pending = (
            ChangeProposal.objects.select_for_update()
            .filter(association=association, kind=ProposalKind.CARD, status=ProposalStatus.PENDING)
            .order_by("-created_at")
            .first()
        )
        if pending is not None:
            pending.payload = {**pending.payload, **_to_payload(data)}
            pending.proposed_by = by
            pending.full_clean()
            pending.save()
            return pending
        proposal = ChangeProposal(
            association=association, kind=ProposalKind.CARD, payload=_to_payload(data), proposed_by=by
        )
        proposal.full_clean()
        proposal.save()
        _notify_staff_of_proposal(proposal)
        return proposal
    association = Association.objects.select_for_update().get(pk=association.pk)
    before = _field_values(association, data)
    logo = data.pop("logo", None)
    _apply(association, _to_payload(dict(data.items())))
    if logo is False:
        association.logo = None
    elif logo and not isinstance(logo, FieldFile):
        association.logo = logo
    association.full_clean()
    association.save()
    association_card_written(association=association, changed=_changed_fields(association, before))
    return association


@transaction.atomic
def service_save(
    *, association: Association, data: dict, by, service: Service | None = None
) -> Service | ChangeProposal:
    """Create or update a service, or queue the change for staff."""
    if not can_edit(by, association):
        raise PermissionDenied("Vous ne pouvez pas modifier cette structure.")
    if service is not None and service.association_id != association.pk:
        raise PermissionDenied("Ce service appartient à une autre structure.")
    data = {k: v for k, v in data.items() if k in SERVICE_FIELDS}
    if _must_moderate(by):
        proposal = ChangeProposal(
            association=association,
            service=service,
            proposed_by=by,
            kind=ProposalKind.SERVICE_UPDATE if service else ProposalKind.SERVICE_CREATE,
            payload=_to_payload(data),
        )
        proposal.full_clean()
        proposal.save()
        _notify_staff_of_proposal(proposal)
        return proposal
    return _service_write(association=association, service=service, payload=_to_payload(data))


def _service_write(*, association: Association, service: Service | None, payload: dict) -> Service:
    created = service is None
    service = service or Service(association=association)
    before = _field_values(service, [name for name in payload if name != "thematiques"])
    _apply(service, payload)
    service.full_clean()
    service.save()
    changed = _changed_fields(service, before)
    if "thematiques" in payload:
        service.thematiques.set(Thematique.objects.filter(pk__in=payload["thematiques"]))
        changed.add("thematiques")
    Association.objects.filter(pk=association.pk).update(updated_at=timezone.now())
    service_derived_refresh(service=service, association=association, changed=None if created else changed)
    return service


@transaction.atomic
def service_delete(*, service: Service, by) -> ChangeProposal | None:
    if not can_edit(by, service.association):
        raise PermissionDenied("Vous ne pouvez pas modifier cette structure.")
    if _must_moderate(by):
        proposal = ChangeProposal.objects.create(
            association=service.association, service=service, proposed_by=by, kind=ProposalKind.SERVICE_DELETE
        )
        _notify_staff_of_proposal(proposal)
        return proposal
    association = Association.objects.get(pk=service.association_id)
    service.delete()
    Association.objects.filter(pk=association.pk).update(updated_at=timezone.now())
    derived_data_refresh(association=association, changed={"services"})
    return None


@transaction.atomic
def change_proposal_approve(*, proposal: ChangeProposal, by) -> ChangeProposal:
    """Staff apply a queued change as it was typed; the proposer is told."""
    if not is_ccas_staff(by):
        raise PermissionDenied("Réservé au CCAS.")
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError("Cette modification a déjà été traitée.")
    association = Association.objects.select_for_update().get(pk=proposal.association_id)
    if proposal.kind == ProposalKind.CARD:
        before = _field_values(association, proposal.payload)
        _apply(association, proposal.payload)
        association.full_clean()
        association.save()
        association_card_written(association=association, changed=_changed_fields(association, before))
    elif proposal.kind == ProposalKind.SERVICE_DELETE:
        proposal.service.delete()
        derived_data_refresh(association=association, changed={"services"})
    else:
        _service_write(association=association, service=proposal.service, payload=proposal.payload)
    proposal.status = ProposalStatus.APPROVED
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save()
    if proposal.proposed_by:
        email_send(
            template="associations/emails/change_decided",
            context={"proposal": proposal, "association": association},
            to=[proposal.proposed_by.email],
        )
    return proposal


@transaction.atomic
def change_proposal_reject(*, proposal: ChangeProposal, by, reason: str) -> ChangeProposal:
    if not is_ccas_staff(by):
        raise PermissionDenied("Réservé au CCAS.")
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError("Cette modification a déjà été traitée.")
    if not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif du refus."})
    proposal.status = ProposalStatus.REJECTED
    pending_logos.pending_logo_discard(proposal.payload.get("logo"))
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.decision_reason = reason.strip()
    proposal.save()
    if proposal.proposed_by:
        email_send(
            template="associations/emails/change_decided",
            context={"proposal": proposal, "association": proposal.association},
            to=[proposal.proposed_by.email],
        )
    return proposal


@transaction.atomic
def association_mark_verified(*, association: Association, by) -> Association:
    """A member confirms the card is still right (answer to the yearly campaign)."""
    if not can_edit(by, association):
        raise PermissionDenied("Vous ne pouvez pas modifier cette structure.")
    Association.objects.filter(pk=association.pk).update(last_verified_at=timezone.now())
    association.refresh_from_db()
    return association


# --- proposing a new structure ---------------------------------------------------------------
def _free_slug(name: str) -> str:
    base = slugify_fr(name, max_length=200) or "structure"
    if base in RESERVED_SLUGS:
        base = f"{base}-structure"
    slug, n = base, 2
    while Association.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def structure_propose(*, user, data: dict, message: str = "") -> Association:
    """A signed-in user proposes a structure missing from the directory: a draft that CCAS
    staff publish (the proposer then becomes its admin) or archive."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("Connectez-vous pour proposer une structure.")
    association = Association(
        status=PublicationStatus.DRAFT, proposed_by=user, slug=_free_slug(data.get("name", ""))
    )
    for key, value in data.items():
        setattr(association, key, value)
    association.full_clean()
    association.save()
    derived_data_refresh(association=association)
    email_send(
        template="associations/emails/structure_proposed",
        context={
            "association": association,
            "user": user,
            "message": message,
            "url": absolute_url(reverse("associations:staff_followup")),
        },
        to=None,
    )
    return association


@transaction.atomic
def structure_proposal_publish(*, association: Association, by) -> Association:
    if not is_ccas_staff(by):
        raise PermissionDenied("Réservé au CCAS.")
    association = Association.objects.select_for_update().get(pk=association.pk)
    if association.status != PublicationStatus.DRAFT:
        raise ValidationError("Cette structure n'est pas en attente de publication.")
    association.status = PublicationStatus.PUBLISHED
    association.full_clean()
    association.save()
    if association.proposed_by:
        Membership.objects.update_or_create(
            user=association.proposed_by,
            association=association,
            defaults={
                "role": MembershipRole.ADMIN,
                "status": MembershipStatus.APPROVED,
                "decided_by": by,
                "decided_at": timezone.now(),
            },
        )
        email_send(
            template="associations/emails/structure_published",
            context={
                "association": association,
                "url": absolute_url(reverse("associations:member_area", kwargs={"slug": association.slug})),
            },
            to=[association.proposed_by.email],
        )
    return association


@transaction.atomic
def structure_proposal_reject(*, association: Association, by, reason: str) -> Association:
    if not is_ccas_staff(by):
        raise PermissionDenied("Réservé au CCAS.")
    if not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif du refus."})
    association = Association.objects.select_for_update().get(pk=association.pk)
    if association.status != PublicationStatus.DRAFT:
        raise ValidationError("Cette structure n'est pas en attente de publication.")
    association.status = PublicationStatus.ARCHIVED
    association.save(update_fields=["status", "updated_at"])
    if association.proposed_by:
        email_send(
            template="associations/emails/structure_rejected",
            context={"association": association, "reason": reason.strip()},
            to=[association.proposed_by.email],
        )
    return association


def thematiques_sync() -> int:
    """Create or update the local thematiques from `taxonomy.THEMATIQUES` (idempotent; the data
    migration does the same at install). Returns how many exist."""
    labels = dict(Thematique.objects.values_list("slug", "label"))
    relabelled = []
    for order, (slug, label, code) in enumerate(THEMATIQUES, start=1):
        thematique, _ = Thematique.objects.update_or_create(
            slug=slug, defaults={"label": label, "data_inclusion_code": code, "order": order}
        )
        if slug in labels and labels[slug] != label:
            relabelled.append(thematique)
    if relabelled:
        thematiques_derived_refresh(associations=offering(relabelled))
    return Thematique.objects.count()


# --- memberships: requests to join a structure and their decision ----------------------------


def membership_request_recipients(association: Association) -> list[str]:
    """Who answers a request to join: the structure's admins, else the CCAS ([] means the CCAS)."""
    return list(
        association.memberships.filter(status=MembershipStatus.APPROVED, role=MembershipRole.ADMIN)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


@transaction.atomic
def membership_request(*, user, association: Association, message: str = "") -> Membership:
    """A signed-in user asks to act for a structure; its admins (or, without any, the CCAS) are
    told by e-mail, with a link to the page where they decide."""
    if not can_request_membership(user, association):
        raise PermissionDenied("Cette structure n'accepte pas de demande pour le moment.")
    membership = Membership.objects.select_for_update().filter(user=user, association=association).first()
    if membership and membership.status == MembershipStatus.APPROVED:
        raise ValidationError("Vous êtes déjà membre de cette structure.")
    if membership and membership.status == MembershipStatus.REQUESTED:
        raise ValidationError("Votre demande est déjà en attente de validation.")
    if membership is None:
        membership = Membership(user=user, association=association)
    membership.status = MembershipStatus.REQUESTED
    membership.role = MembershipRole.MEMBER
    membership.message = message.strip()
    membership.decided_at = None
    membership.decided_by = None
    membership.decision_reason = ""
    membership.full_clean()
    membership.save()
    admins = membership_request_recipients(association)
    email_send(
        template="associations/emails/membership_requested",
        context={
            "membership": membership,
            "association": association,
            "user": user,
            "to_ccas": not admins,
            "url": absolute_url(reverse("associations:member_area", kwargs={"slug": association.slug})),
        },
        to=admins or None,
    )
    return membership


@transaction.atomic
def membership_approve(*, membership: Membership, by, role: str = MembershipRole.MEMBER) -> Membership:
    """An admin of the structure (or CCAS staff) accepts a request, with the role given."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not can_manage(by, membership.association):
        raise PermissionDenied(
            "Seuls les administrateurs de la structure ou le CCAS peuvent valider une demande."
        )
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError("Cette demande a déjà été traitée.")
    if role not in MembershipRole.values:
        raise ValidationError("Rôle inconnu.")
    membership.status = MembershipStatus.APPROVED
    membership.role = role
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.save()
    email_send(
        template="associations/emails/membership_approved",
        context={
            "membership": membership,
            "association": membership.association,
            "url": absolute_url(
                reverse("associations:member_area", kwargs={"slug": membership.association.slug})
            ),
        },
        to=[membership.user.email],
    )
    return membership


@transaction.atomic
def membership_reject(*, membership: Membership, by, reason: str) -> Membership:
    """Refuse a request; the reason is kept and sent to the person."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not can_manage(by, membership.association):
        raise PermissionDenied(
            "Seuls les administrateurs de la structure ou le CCAS peuvent refuser une demande."
        )
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError("Cette demande a déjà été traitée.")
    if not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif du refus."})
    membership.status = MembershipStatus.REJECTED
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.decision_reason = reason.strip()
    membership.save()
    email_send(
        template="associations/emails/membership_rejected",
        context={"membership": membership, "association": membership.association},
        to=[membership.user.email],
    )
    return membership


def _is_last_admin(membership: Membership) -> bool:
    if not (membership.status == MembershipStatus.APPROVED and membership.role == MembershipRole.ADMIN):
        return False
    others = Membership.objects.filter(
        association=membership.association, status=MembershipStatus.APPROVED, role=MembershipRole.ADMIN
    ).exclude(pk=membership.pk)
    return not others.exists()


def _keep_an_admin(membership: Membership, by) -> None:
    """A structure never loses its last admin, except through the CCAS (who can then name one)."""
    if _is_last_admin(membership) and not is_ccas_staff(by):
        raise ValidationError(
            "La structure doit garder au moins un·e administrateur·rice : nommez-en un·e autre avant, "
            "ou demandez au CCAS."
        )


def _locked_approved(membership: Membership) -> Membership:
    # Lock every admin row of the structure: two admins demoting each other at once cannot
    # both pass the « last admin » check.
    list(
        Membership.objects.select_for_update().filter(
            association_id=membership.association_id, role=MembershipRole.ADMIN
        )
    )
    membership = (
        Membership.objects.select_for_update().select_related("association", "user").get(pk=membership.pk)
    )
    if membership.status != MembershipStatus.APPROVED:
        raise ValidationError("Cette personne n'est pas (ou plus) membre de la structure.")
    return membership


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, by) -> Membership:
    """An admin of the structure (or CCAS staff) makes a member admin, or an admin a member."""
    if not can_manage(by, membership.association):
        raise PermissionDenied("Seuls les administrateurs de la structure ou le CCAS changent les rôles.")
    if role not in MembershipRole.values:
        raise ValidationError("Rôle inconnu.")
    membership = _locked_approved(membership)
    if role != MembershipRole.ADMIN:
        _keep_an_admin(membership, by)
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role", "updated_at"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    """An admin (or CCAS staff) removes a member, or a member leaves (`by` is the member). The
    person is told by e-mail when someone else removed them."""
    leaving = by == membership.user
    if not leaving and not can_manage(by, membership.association):
        raise PermissionDenied("Seuls les administrateurs de la structure ou le CCAS retirent un membre.")
    membership = _locked_approved(membership)
    _keep_an_admin(membership, by)
    association = membership.association
    email = membership.user.email
    membership.delete()
    if not leaving:
        email_send(
            template="associations/emails/membership_removed",
            context={"association": association},
            to=[email],
        )
