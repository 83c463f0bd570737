"""Volunteering pages: public missions and proposals, missions managed by structure members."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from associations.structures import selectors as structure_selectors
from associations.structures.models import Association
from associations.structures.permissions import association_permission_required, can_edit
from solidaire.accounts.permissions import public
from solidaire.core.security.spam import Outcome, submission_outcome
from solidaire.core.text.french import format_datetime

from . import selectors, services
from .forms import InterestForm, MissionForm
from .models import VolunteerMission

PER_PAGE = 20
INTEREST_LIMITED = (
    "Trop de propositions envoyées depuis votre connexion. "
    "Merci de réessayer dans une heure, ou d'appeler directement la structure."
)


def _add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@public
def volunteering(request: HttpRequest) -> HttpResponse:
    filterset = selectors.mission_filter(params=request.GET)
    page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
    my_structures = []
    if request.user.is_authenticated:
        my_structures = list(structure_selectors.associations_of_user(user=request.user))
    return render(
        request,
        "associations/volunteering/index.html",
        {
            "filter": filterset,
            "page_obj": page,
            "is_filtered": any(v for k, v in request.GET.items() if k != "page"),
            "my_structures": my_structures,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@public
def mission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        mission = selectors.mission_get_public(pk=pk)
    except VolunteerMission.DoesNotExist:
        raise Http404("Mission introuvable ou clôturée") from None
    form = InterestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        # Enough for a person trying several missions, too few for a script.
        outcome = submission_outcome(
            request, form, scope="volunteer_interest", limited_message=INTEREST_LIMITED
        )
        if outcome is Outcome.LIMITED:
            status = 429
        elif outcome is Outcome.SPAM:
            # Answer as if it worked: a bot learns nothing, nothing is kept or sent.
            messages.success(request, "Merci, votre proposition a bien été envoyée.")
            return redirect(mission.get_absolute_url())
        elif outcome is Outcome.VALID:
            try:
                services.interest_submit(
                    mission=mission,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    message=form.cleaned_data["message"],
                    consent=form.cleaned_data["consent"],
                )
            except services.InterestAlreadySent as already:
                messages.info(
                    request,
                    f"Vous avez déjà proposé votre aide pour cette mission le "
                    f"{format_datetime(already.interest.created_at)} : {mission.association.name} l'a bien "
                    "reçue, inutile de la renvoyer. La structure vous répondra par e-mail.",
                )
                return redirect(mission.get_absolute_url())
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request,
                    f"Merci, votre proposition a bien été envoyée à "
                    f"{mission.association.name}. La structure vous "
                    f"répondra par e-mail ; un accusé de réception vous est envoyé.",
                )
                return redirect(mission.get_absolute_url())
    return render(
        request,
        "associations/volunteering/mission_detail.html",
        {"mission": mission, "form": form, "can_edit": can_edit(request.user, mission.association)},
        status=status,
    )


@association_permission_required(can_edit)
def mission_manage(request: HttpRequest, association: Association) -> HttpResponse:
    return render(
        request,
        "associations/volunteering/mission_manage.html",
        {
            "association": association,
            "missions": list(selectors.missions_of_association(association=association)),
            "interests": list(selectors.interests_of_association(association=association)[:50]),
        },
    )


def _save_mission(request, association, mission=None) -> HttpResponse:
    initial = MissionForm.initial_for(mission) if mission else None
    form = MissionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if mission is None:
                mission = services.mission_create(
                    association=association, by=request.user, **form.cleaned_data
                )
                messages.success(request, "La mission est publiée.")
            else:
                services.mission_update(mission=mission, by=request.user, **form.cleaned_data)
                messages.success(request, "La mission est enregistrée.")
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect("benevolat:manage", slug=association.slug)
    return render(
        request,
        "associations/volunteering/mission_form.html",
        {"association": association, "mission": mission, "form": form},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@association_permission_required(can_edit)
def mission_create(request: HttpRequest, association: Association) -> HttpResponse:
    return _save_mission(request, association)


@require_http_methods(["GET", "HEAD", "POST"])
@association_permission_required(can_edit)
def mission_edit(request: HttpRequest, association: Association, pk: int) -> HttpResponse:
    mission = get_object_or_404(VolunteerMission, pk=pk, association=association)
    return _save_mission(request, association, mission)


@require_POST
@association_permission_required(can_edit)
def mission_close(request: HttpRequest, association: Association, pk: int) -> HttpResponse:
    mission = get_object_or_404(VolunteerMission, pk=pk, association=association)
    services.mission_close(mission=mission, by=request.user)
    messages.success(request, f"La mission « {mission.title} » est clôturée.")
    return redirect("benevolat:manage", slug=association.slug)


@require_POST
@association_permission_required(can_edit)
def mission_reopen(request: HttpRequest, association: Association, pk: int) -> HttpResponse:
    mission = get_object_or_404(VolunteerMission, pk=pk, association=association)
    services.mission_reopen(mission=mission, by=request.user)
    messages.success(request, f"La mission « {mission.title} » est de nouveau publiée.")
    return redirect("benevolat:manage", slug=association.slug)
