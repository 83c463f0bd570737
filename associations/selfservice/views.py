"""Views of a structure's members: joining, the member area, editing the card and services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from associations.directory import selectors
from associations.directory.forms import (
    AssociationCardForm,
    HoursEditorForm,
    MembershipDecisionForm,
    MembershipRequestForm,
    ServiceForm,
)
from associations.structures import selectors as structure_selectors
from associations.structures import services
from associations.structures.hours import same_hours
from associations.structures.models import Association, ChangeProposal, DirectorySettings, Membership, Service
from associations.structures.permissions import (
    association_permission_required,
    can_edit,
    can_manage,
    can_view_private,
)
from associations.structures.taxonomy import MembershipRole
from solidaire.accounts.permissions import permission_required, signed_in
from solidaire.accounts.roles import is_ccas_staff
from solidaire.core.security.ratelimit import LIMITED, request_allowed
from solidaire.core.text.french import with_preposition

from . import selectors as own_selectors

QUEUED = "Merci ! Vos modifications ont été transmises au CCAS et seront publiées après validation."


def _saved_message(request, result) -> None:
    if isinstance(result, ChangeProposal):
        messages.info(request, QUEUED)
    else:
        messages.success(request, "Modifications publiées.")


@require_http_methods(["GET", "HEAD", "POST"])
@association_permission_required(can_edit)
def card_edit(request: HttpRequest, association: Association) -> HttpResponse:
    # A change waiting for the CCAS is what the form shows (and what saving edits).
    pending = structure_selectors.pending_card_change(association=association)
    initial = {k: v for k, v in pending.payload.items() if k != "logo"} if pending else None
    form = AssociationCardForm(
        request.POST or None, request.FILES or None, instance=association, initial=initial
    )
    # The per-day hours editor sits in the same form; a post without it leaves the hours alone.
    shown_hours = (initial or {}).get("opening_hours", association.opening_hours)
    hours_posted = request.method == "POST" and any(key.startswith("horaires-") for key in request.POST)
    hours_form = HoursEditorForm(
        request.POST if hours_posted else None, expression=shown_hours, prefix="horaires"
    )
    # Both parts are checked, so that every error shows at once.
    card_ok = request.method == "POST" and form.is_valid()
    hours_ok = not hours_posted or hours_form.is_valid()
    valid = card_ok and hours_ok
    data = {name: form.cleaned_data[name] for name in form.changed_data} if valid else {}
    if valid and hours_posted and not same_hours(hours_form.cleaned_data["opening_hours"], shown_hours):
        data["opening_hours"] = hours_form.cleaned_data["opening_hours"]
    if valid and not data:
        messages.info(request, "Aucune modification à enregistrer.")
        return redirect("associations:member_area", slug=association.slug)
    if valid:
        try:
            result = services.association_card_update(
                association=own_selectors.association_as_stored(association=association),
                data=data,
                by=request.user,
            )
        except ValidationError as exc:
            errors = getattr(exc, "error_dict", {})
            if "opening_hours" in errors:  # beside the hours editor, not above the form
                hours_form.add_error("osm", errors.pop("opening_hours"))
            if not hasattr(exc, "error_dict") or errors:
                _add_save_error(form, exc)
        else:
            _saved_message(request, result)
            return redirect("associations:member_area", slug=association.slug)
    return render(
        request,
        "associations/card_edit.html",
        {
            "association": association,
            "form": form,
            "hours_form": hours_form,
            "moderated": not is_ccas_staff(request.user) and DirectorySettings.get().moderate_member_changes,
            "pending": pending,
        },
    )


HOURS_FIELDS = ("opening_hours", "closed_from", "closed_until", "closure_message")


def _add_save_error(form, exc: ValidationError) -> None:
    """A refusal of the service layer, shown on the form: on the field when the form has it,
    above the form otherwise (add_error() would raise on a field the form lacks: a 500)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _hours_editor(request, *, association, instance, save, template: str, context=None) -> HttpResponse:
    """The per-day editor on the hours and exceptional closure of `instance` (the structure or
    one of its services). `save(data)` gets only what changed and goes through the service
    layer, so moderation is that of any other change of the same object."""
    initial = {name: getattr(instance, name) for name in HOURS_FIELDS if name != "opening_hours"}
    form = HoursEditorForm(request.POST or None, expression=instance.opening_hours, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {
            name: form.cleaned_data[name]
            for name in HOURS_FIELDS
            if form.cleaned_data[name] != getattr(instance, name)
            # « Tu,Th 14:00-18:00 » written back as « Tu 14:00-18:00; Th 14:00-18:00 » is no change.
            and not (name == "opening_hours" and same_hours(form.cleaned_data[name], instance.opening_hours))
        }
        if not data:
            messages.info(request, "Aucune modification à enregistrer.")
            return redirect("associations:member_area", slug=association.slug)
        try:
            result = save(data)
        except ValidationError as exc:
            _add_save_error(form, exc)
        else:
            _saved_message(request, result)
            return redirect("associations:member_area", slug=association.slug)
    return render(request, template, {"association": association, "form": form, **(context or {})})


@require_http_methods(["GET", "HEAD", "POST"])
@association_permission_required(can_edit)
def hours_edit(request: HttpRequest, association: Association) -> HttpResponse:
    """The structure's hours, day by day: written on the card (moderated like any card change)."""
    return _hours_editor(
        request,
        association=association,
        instance=association,
        save=lambda data: services.association_card_update(
            association=own_selectors.association_as_stored(association=association),
            data=data,
            by=request.user,
        ),
        template="associations/hours_edit.html",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@association_permission_required(can_edit)
def service_hours_edit(request: HttpRequest, association: Association, pk: int) -> HttpResponse:
    """A service's own hours, day by day (the shower's); empty, the structure's hours apply.
    Saved like any other change of the service (moderated the same way)."""
    service = get_object_or_404(Service, pk=pk, association=association)
    return _hours_editor(
        request,
        association=association,
        instance=service,
        save=lambda data: services.service_save(
            association=association, service=service, data=data, by=request.user
        ),
        template="associations/service_hours_edit.html",
        context={"service": service},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@association_permission_required(can_edit)
def service_edit(request: HttpRequest, association: Association, pk: int | None = None) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk, association=association) if pk else None
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        data = (
            {name: form.cleaned_data[name] for name in form.changed_data}
            if service
            else dict(form.cleaned_data)
        )
        try:
            result = services.service_save(
                association=association, service=service, data=data, by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _saved_message(request, result)
            return redirect("associations:member_area", slug=association.slug)
    return render(
        request,
        "associations/service_form.html",
        {
            "association": association,
            "form": form,
            "service": service,
        },
    )


@require_POST
@association_permission_required(can_edit)
def service_delete(request: HttpRequest, association: Association, pk: int) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk, association=association)
    result = services.service_delete(service=service, by=request.user)
    if result is None:
        messages.success(request, "Service supprimé.")
    else:
        messages.info(request, QUEUED)
    return redirect("associations:member_area", slug=association.slug)


@require_POST
@association_permission_required(can_edit)
def card_verified(request: HttpRequest, association: Association) -> HttpResponse:
    services.association_mark_verified(association=association, by=request.user)
    messages.success(request, "Merci ! La fiche est marquée comme vérifiée aujourd'hui.")
    return redirect("associations:member_area", slug=association.slug)


# --- joining a structure, the member area --------------------------------------------------
@require_http_methods(["GET", "HEAD", "POST"])
@permission_required(signed_in)
def membership_request(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        association = selectors.association_get_public(slug=slug)
    except Association.DoesNotExist:
        raise Http404("Structure introuvable") from None
    form = MembershipRequestForm(request.POST or None)
    status = 200
    # Each request e-mails the structure's admins: a cap keeps anyone from spamming them all.
    if (
        request.method == "POST"
        and form.is_valid()
        and not request_allowed(request, scope="membership_request")
    ):
        form.add_error(None, LIMITED)
        status = 429
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_request(
                user=request.user, association=association, message=form.cleaned_data["message"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            who = (
                "aux administrateurs de la structure"
                if services.membership_request_recipients(association)
                else "au CCAS, car la structure n'a pas encore d'administrateur·rice sur le portail"
            )
            messages.success(
                request,
                f"Votre demande a été envoyée {who}. Vous recevrez un e-mail quand elle sera traitée.",
            )
            return redirect("portal:account")
    pending = structure_selectors.membership_of(user=request.user, association=association)
    return render(
        request,
        "associations/membership_request.html",
        {"association": association, "form": form, "membership": pending},
        status=status,
    )


@association_permission_required(can_view_private)
def member_area(request: HttpRequest, association: Association) -> HttpResponse:
    return render(
        request,
        "associations/member_area.html",
        {
            "association": association,
            "members": list(structure_selectors.association_members(association=association)),
            "services": own_selectors.services_by_name(association=association),
            "proposals": list(structure_selectors.change_proposals_of(association=association)),
            "can_manage": can_manage(request.user, association),
            "decision_form": MembershipDecisionForm(),
            "roles": MembershipRole.choices,
        },
    )


@require_POST
@association_permission_required(can_manage)
def membership_decide(request: HttpRequest, association: Association, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk, association=association)
    form = MembershipDecisionForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.membership_approve(
                    membership=membership, by=request.user, role=form.cleaned_data["role"]
                )
                messages.success(request, f"{membership.user} fait désormais partie de la structure.")
            else:
                services.membership_reject(
                    membership=membership, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, "La demande a été refusée ; la personne est prévenue.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("associations:member_area", slug=association.slug)


def _membership_action(request, association: Association, action, done: str) -> HttpResponse:
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("associations:member_area", slug=association.slug)


@require_POST
@association_permission_required(can_manage)
def membership_role(request: HttpRequest, association: Association, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk, association=association)
    role = request.POST.get("role", "")
    return _membership_action(
        request,
        association,
        lambda: services.membership_change_role(membership=membership, role=role, by=request.user),
        f"Rôle {with_preposition(membership.user, 'de')} modifié.",
    )


@require_POST
@association_permission_required(can_manage)
def membership_remove(request: HttpRequest, association: Association, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk, association=association)
    return _membership_action(
        request,
        association,
        lambda: services.membership_remove(membership=membership, by=request.user),
        f"{membership.user} ne fait plus partie de la structure ; la personne est prévenue.",
    )


@require_POST
@association_permission_required(can_view_private)
def membership_leave(request: HttpRequest, association: Association) -> HttpResponse:
    membership = structure_selectors.membership_of(user=request.user, association=association)
    if membership is None or not membership.is_active:
        messages.error(request, "Vous n'êtes pas membre de cette structure.")
        return redirect("associations:member_area", slug=association.slug)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("associations:member_area", slug=association.slug)
    messages.success(request, f"Vous ne faites plus partie {with_preposition(association.name, 'de')}.")
    return redirect("portal:account")
